import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kansli's store of submitted files (DOMAIN §8, §10): a folder that never loses or half-writes a
/// submission.
///
/// Layout: `index.json` (``StoreIndex``), `files/<sha256>.csv` or `.xlsx` (the bytes received), `lock` (serialises
/// writers), and optionally `forbund.json` (the register the store was last given). A submission writes its
/// file first and then replaces the index, each atomically (temporary file, fsync, rename, fsync of the
/// folder), under an exclusive `flock`: a crash at any moment leaves the old index or the new one, and every
/// file an index names is complete.
public struct Store: Sendable {
    public let root: String

    /// Seconds a command waits for another process's lock before it gives up (exit 3); at most
    /// ``maximumLockTimeout`` (a longer wait is cut to it).
    public var lockTimeout: Double = 60
    /// A day: the longest wait for the lock that finsam accepts (`FINSAM_LOCK_TIMEOUT`).
    public static let maximumLockTimeout: Double = 86_400
    /// Told, once, when a command has waited a second for the lock (who holds it, how long it will wait).
    public var onLockWait: (@Sendable (String) -> Void)?
    /// The time a submission is received at: ``Clock/now()`` unless a test fixes it.
    public var now: @Sendable () -> Date = { Clock.now() }

    public init(root: String) {
        self.root = root
    }

    /// `--store DIR`, else `$FINSAM_STORE`, else `./finsam-data`.
    public static func resolve(_ option: String?) -> Store {
        Store(root: option ?? ProcessInfo.processInfo.environment["FINSAM_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? "finsam-data")
    }

    var indexPath: String { root + "/index.json" }
    var filesPath: String { root + "/files" }
    var lockPath: String { root + "/lock" }
    public var registerPath: String { root + "/forbund.json" }

    public enum Failure: Error, CustomStringConvertible {
        /// The file is invalid; nothing was stored.
        case invalid([Problem])
        /// The store could not be read or written; nothing was changed.
        case io(String)
        /// The index is unreadable: finsam will not write over it.
        case damaged(String)

        public var description: String {
            switch self {
            case .invalid(let problems): problems.map(\.description).joined(separator: "\n")
            case .io(let message), .damaged(let message): message
            }
        }
    }

    // MARK: Reading

    /// The index, or an empty one for a store that has none yet.
    public func index() throws(Failure) -> StoreIndex {
        guard FileManager.default.fileExists(atPath: indexPath) else { return StoreIndex() }
        let data: Data
        do { data = Data(try FileSystem.contents(atPath: indexPath, regularFileOnly: true)) } catch {
            throw .io("\(indexPath): kan inte läsa arkivets index: \(SystemError.text(error.code)); kör finsam verify")
        }
        let index: StoreIndex
        do { index = try JSONFile.decode(StoreIndex.self, from: data, name: indexPath) } catch {
            throw .damaged("\(error.description) — arkivets index är skadat; kör finsam verify")
        }
        guard index.format == StoreIndex.format, StoreIndex.readableVersions.contains(index.version) else {
            throw .damaged(
                "\(indexPath): väntade \(StoreIndex.format) version \(StoreIndex.readableVersions.map(String.init).joined(separator: " eller ")), fann \(index.format) version \(index.version)"
            )
        }
        if let damage = index.damage { throw .damaged("\(indexPath): \(damage) — arkivets index är skadat; kör finsam verify") }
        return index
    }

    /// The register kept in the store, if any.
    public func register() throws(Failure) -> Register? {
        guard FileManager.default.fileExists(atPath: registerPath) else { return nil }
        // The store's own file: read only as a regular file in it (not through a link, not from a pipe).
        let bytes: [UInt8]
        do { bytes = try FileSystem.contents(atPath: registerPath, regularFileOnly: true, limit: JSONFile.maximumBytes) } catch {
            throw .damaged("\(registerPath): kan inte läsa arkivets register: \(SystemError.text(error.code)); kör finsam verify")
        }
        do { return try JSONFile.decode(Register.self, from: Data(bytes), name: registerPath) } catch { throw .invalid([error]) }
    }

    /// The bytes of a stored file, checked against the size and SHA-256 the index has for it: a file changed
    /// after it was submitted is refused (``Failure/invalid(_:)``, naming it), never read into a report.
    public func contents(of submission: StoreIndex.Submission) throws(Failure) -> [UInt8] {
        // Only the names finsam itself gives: an edited index must not lead a read outside the store.
        guard StoreIndex.isStoredName(submission.file, sha256: submission.sha256), submission.sha256.allSatisfy(\.isHexDigit) else {
            throw .damaged("\(indexPath): inlämning \(submission.sequence) pekar på \"\(submission.file)\" — indexet är skadat; kör finsam verify")
        }
        let path = root + "/" + submission.file
        let bytes: [UInt8]
        do { bytes = try FileSystem.contents(atPath: path, regularFileOnly: true) } catch {
            throw .io("\(path): kan inte läsa den sparade filen: \(SystemError.text(error.code)); kör finsam verify")
        }
        let sha = bytes.count == submission.bytes ? SHA256.hex(of: bytes) : nil
        let found: String? =
            switch sha {
            case nil: "\(bytes.count) byte i stället för \(submission.bytes)"
            case submission.sha256: nil
            case let other?: "en annan SHA-256 (\(other.prefix(12))…)"
            }
        if let found {
            throw .invalid([
                Problem(
                    file: path, position: nil,
                    message:
                        "väntade den sparade filen till inlämning \(submission.sequence) (\(submission.originalName)) oförändrad, med SHA-256 \(submission.sha256.prefix(12))…, "
                        + "fann \(found): filen har ändrats efter inlämningen och räknas inte — kör finsam verify, och skicka in originalfilen igen")
            ])
        }
        return bytes
    }

    /// The current files for units of `period` (or all), each limited to the units it is current for.
    public func sources(for period: Period?) throws(Failure) -> [Dataset.Source] {
        var index = try self.index()
        // Units as the store's register names them: a file sent before the register, naming an insats by
        // its name, and a later one naming it by id hold one unit, the later superseding the earlier.
        if let register = try? register() {
            index.submissions = index.submissions.map { submission in
                var submission = submission
                submission.keys = submission.keys.map(register.canonical)
                submission.groups = submission.groups?.map { StoreIndex.GroupedKey(key: register.canonical($0.key), groups: $0.groups) }
                return submission
            }
        }
        var units: [Int: StoreIndex.Units] = [:]
        for (sequence, all) in index.currentUnits {
            let wanted = all.filter { key, _ in period.map { $0.contains(key.period) } ?? true }
            if !wanted.isEmpty { units[sequence] = wanted }
        }
        let bySequence = Dictionary(index.submissions.map { ($0.sequence, $0) }, uniquingKeysWith: { a, _ in a })
        var sources: [Dataset.Source] = []
        var damaged: [Problem] = []
        for sequence in units.keys.sorted() {
            let submission = bySequence[sequence]!
            do {
                sources.append(
                    .stored(try contents(of: submission), name: "\(root)/\(submission.file) (\(submission.displayName))", units: units[sequence]!))
            } catch {
                guard case .invalid(let problems) = error else { throw error }
                damaged += problems
            }
        }
        // Every changed file is named, not only the first.
        guard damaged.isEmpty else { throw .invalid(damaged) }
        return sources
    }

    // MARK: Submitting

    /// What `submit` did with one file.
    public struct Receipt: Sendable {
        public var submission: StoreIndex.Submission
        /// The file was already the current one for all its units: nothing changed.
        public var unchanged: Bool
        /// Units this submission took over, with the submission it replaced.
        public var superseded: [(key: NamedKey, kind: FileKind, previous: Int)]
        /// Nothing was written: `submit --dry-run` shows what would have been stored.
        public var dryRun = false
        /// The file was already stored, but its stored copy was missing and is written again from these bytes
        /// (the same SHA-256); with `dryRun`, it would be.
        public var restored = false
        /// `false` for an `aktiviteter` file in which no row gives a deltagande with a kön: its counts per kön
        /// are not 0 people but not told, and the receipt must not read "kvinnor 0, män 0".
        public var perKonTold = true
    }

    /// How `submit` goes about it.
    public struct SubmitOptions: Sendable {
        /// Validate and make the receipts, but write nothing (`submit --dry-run`).
        public var dryRun = false
        /// Replace earlier submissions even with a file of less than half their size (`submit --replace`).
        public var allowShrinking = false

        public init(dryRun: Bool = false, allowShrinking: Bool = false) {
            self.dryRun = dryRun
            self.allowShrinking = allowShrinking
        }
    }

    /// A file to submit: its bytes and the name it had.
    public struct Upload: Sendable {
        public var bytes: [UInt8]
        public var name: String

        public init(bytes: [UInt8], name: String) {
            self.bytes = bytes
            self.name = name
        }
    }

    /// Validates every file and stores them all, or — if any is invalid or a write fails — none. With a
    /// `register`, it is also kept in the store (when the store has none) so that later commands find it.
    ///
    /// A file that would give a unit (förbund × insats × period) less than half the deltagare (or forms)
    /// its current submission gives it is refused — a wrong or half-filled file sent last must not silently
    /// empty an insats's report — unless `options.allowShrinking`.
    ///
    /// - Returns: a receipt per file, in order.
    /// - Throws: ``Failure/invalid(_:)`` with every problem of every file, or a refused replacement;
    ///   ``Failure/io(_:)`` when the store cannot be written (nothing changed).
    public func submit(
        _ uploads: [Upload], catalogues: Catalogues, register: Register?,
        options: SubmitOptions = SubmitOptions()
    ) throws(Failure) -> [Receipt] {
        var decoder = RecordDecoder(catalogues: catalogues, register: register)
        var problems: [Problem] = []
        var checked: [(upload: Upload, summary: FileSummary, kind: FileKind, keys: [NamedKey], groups: [StoreIndex.GroupedKey]?)] = []
        for upload in uploads {
            var discard = EnkatSink()
            let reader: CSVReader
            do { reader = try InputFile.reader(bytes: upload.bytes, fileName: upload.name) } catch {
                problems.append(error)
                continue
            }
            let summary = decoder.decode(reader, into: &discard)
            problems += summary.problems
            if let more = Problem.notShown(summary.problemsNotShown, in: upload.name) {
                problems.append(more)
            }
            if summary.isValid, let kind = summary.kind {
                let keys = summary.keys.map { NamedKey(forbund: decoder.name($0.forbund), insats: decoder.name($0.insats), period: $0.period) }
                let groups = kind == .indikatorsvar ? discard.groupedKeys(names: { decoder.name($0) }, catalogue: catalogues.indikatorer) : nil
                checked.append((upload, summary, kind, keys.sorted(), groups))
            }
        }
        guard problems.isEmpty else { throw .invalid(problems) }

        if !options.dryRun { try createLayout() }
        let lock: FileLock? = options.dryRun ? nil : try FileLock(store: self, mode: .exclusive)
        defer { lock?.unlock() }
        if !options.dryRun { removeLeftovers() }
        var index = try self.index()
        try refuseUnindexedEvents(index)
        // After every submission the index names and every one a record in files/ names: an index restored
        // from an older copy must not give a new submission the number of one it has lost.
        var nextSequence = max(index.submissions.last?.sequence ?? 0, highestRecordedSequence()) + 1
        // Numbers past what every reader of the index takes would make a store no command could read again.
        guard nextSequence + checked.count - 1 <= StoreIndex.maximumSequence else {
            throw .damaged(
                "\(indexPath): väntade inlämningsnummer upp till \(StoreIndex.maximumSequence), fann att nästa skulle bli \(nextSequence) — "
                    + "indexet eller en post i files/ har ändrats för hand; kör finsam verify och återställ från en säkerhetskopia")
        }
        /// The submission `upload` would be, numbered `sequence`, and the units it would be current for.
        func proposed(
            _ entry: (upload: Upload, summary: FileSummary, kind: FileKind, keys: [NamedKey], groups: [StoreIndex.GroupedKey]?),
            sequence: Int
        ) -> (submission: StoreIndex.Submission, slots: [StoreIndex.Slot]) {
            let sha = SHA256.hex(of: entry.upload.bytes)
            var submission = StoreIndex.Submission(
                sequence: sequence, sha256: sha, file: StoreIndex.fileName(sha256: sha, bytes: entry.upload.bytes),
                bytes: entry.upload.bytes.count, originalName: entry.upload.name, kind: entry.kind, receivedAt: Self.timestamp(now()),
                rows: entry.summary.rows, encoding: (entry.summary.encoding ?? .utf8).name,
                perKon: Dictionary(uniqueKeysWithValues: Kon.allCases.map { ($0.code, entry.summary.perKon[$0]) }),
                avslutade: entry.kind == .deltagare ? entry.summary.avslutade : nil, keys: entry.keys)
            submission.groups = entry.groups
            submission.sheet = entry.summary.sheet
            let slots = entry.keys.flatMap { key in submission.slotGroups(key).map { StoreIndex.Slot(key: key, kind: entry.kind, group: $0) } }
            return (submission, slots)
        }
        /// The current submission that `submission` is again (the same bytes for all its units), if any.
        func same(as submission: StoreIndex.Submission, slots: [StoreIndex.Slot], in current: [StoreIndex.Slot: StoreIndex.Submission])
            -> StoreIndex.Submission?
        {
            guard let same = current[slots[0]], same.sha256 == submission.sha256, slots.allSatisfy({ current[$0]?.sequence == same.sequence })
            else { return nil }
            return same
        }
        // A fastställd period takes no new file (DOMAIN §11): refused before anything is written. A file that
        // is its units' current one again changes nothing there, and may restore a lost stored copy.
        let current = index.current
        let changing = checked.filter { entry in
            let (submission, slots) = proposed(entry, sequence: nextSequence)
            return same(as: submission, slots: slots, in: current) == nil
        }
        let locked = index.lockProblems(changing.map { ($0.upload.name, $0.keys) }, store: root)
        guard locked.isEmpty else { throw .invalid(locked) }
        var refused: [Problem] = []
        var oldSizes: [Int: [SizedSlot: Int]] = [:]
        var receipts: [Receipt] = []
        var toStore: [(bytes: [UInt8], submission: StoreIndex.Submission)] = []
        var toRestore: [(bytes: [UInt8], file: String)] = []
        for entry in checked {
            let (upload, kind, summary) = (entry.upload, entry.kind, entry.summary)
            let current = index.current
            let (submission, slots) = proposed(entry, sequence: nextSequence)
            let sha = submission.sha256
            if let same = same(as: submission, slots: slots, in: current) {
                var receipt = Receipt(submission: same, unchanged: true, superseded: [], dryRun: options.dryRun)
                // The stored copy gone or changed (as `verify` says, "skicka in originalfilen igen"): these
                // are its bytes, as their SHA-256 is the one recorded.
                if !storedFileIsIntact(same.file, sha: sha, size: upload.bytes.count) {
                    receipt.restored = true
                    toRestore.append((upload.bytes, same.file))
                }
                receipts.append(receipt)
                continue
            }
            // A unit whose current submission had at least twice as many deltagare (or forms) as this file
            // gives it: likely a wrong or half-filled file, refused unless --replace.
            if !options.allowShrinking, slots.contains(where: { current[$0] != nil }) {
                let sizes = Self.unitSizes(upload.bytes, name: upload.name, catalogues: catalogues, register: register)
                var shrinking: [String] = []
                for slot in slots {
                    guard let old = current[slot] else { continue }
                    if oldSizes[old.sequence] == nil {
                        oldSizes[old.sequence] = Self.unitSizes(
                            try contents(of: old), name: old.originalName, catalogues: catalogues, register: register)
                    }
                    let sized = SizedSlot(key: slot.key, group: slot.group)
                    let before = oldSizes[old.sequence]?[sized] ?? 0, now = sizes[sized] ?? 0
                    if now * 2 < before {
                        let unit =
                            kind == .deltagare
                            ? "deltagare" : "formulär" + (slot.group.map { $0 == .deltagare ? "" : " (\($0.label.lowercased()))" } ?? "")
                        shrinking.append(
                            "\(slot.key.insats) \(slot.key.period): \(now) \(unit) i stället för \(before) i inlämning \(old.sequence) (\(old.originalName))"
                        )
                    }
                }
                if !shrinking.isEmpty {
                    refused.append(
                        Problem(
                            file: upload.name, position: nil,
                            message:
                                "väntade en fil som ersätter tidigare inlämningar med minst hälften så många, fann färre än hälften — \(shrinking.joined(separator: "; ")); "
                                + "kontrollera att det är rätt fil och att inga rader fattas, och skicka den med --replace om den ska ersätta den tidigare"
                        ))
                    continue
                }
            }
            let superseded = slots.compactMap { slot in current[slot].map { (key: slot.key, kind: kind, previous: $0.sequence) } }
            index.submissions.append(submission)
            toStore.append((upload.bytes, submission))
            nextSequence += 1
            var receipt = Receipt(submission: submission, unchanged: false, superseded: superseded, dryRun: options.dryRun)
            receipt.perKonTold = kind != .aktiviteter || summary.deltagandePerKonRows > 0
            receipts.append(receipt)
        }
        guard refused.isEmpty else { throw .invalid(refused) }
        if options.dryRun { return receipts }
        // Only now, when every file is accepted: each file, then its record, each synced, and last the index.
        for (bytes, submission) in toStore where !storedFileIsIntact(submission.file, sha: submission.sha256, size: bytes.count) {
            try storeWrite(bytes, to: root + "/" + submission.file)
        }
        for (bytes, file) in toRestore {
            // A changed copy is kept in hittade/, never deleted: it may be all someone has of what happened.
            if (try? FileSystem.status(root + "/" + file, followingLinks: false)) != nil {
                _ = try StoreVerifier(store: self).moveToFound(
                    root + "/" + file,
                    named: (file.split(separator: "/").last.map(String.init) ?? file) + ".skadad-\(Self.timestamp(now()).filter(\.isNumber))",
                    why: "den sparade kopian stämde inte med inlämningens kontrollsumma och ersattes av originalfilen när den skickades in igen",
                    by: "finsam submit")
            }
            try storeWrite(bytes, to: root + "/" + file)
        }
        let together = toStore.map(\.submission.sequence)
        for (_, submission) in toStore { try writeRecord(submission, together: together) }
        if !toStore.isEmpty {
            // The one step that makes the submission visible: the index names files that are already complete.
            try writeIndex(&index)
        }
        if let register, !FileManager.default.fileExists(atPath: registerPath) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            if let data = try? encoder.encode(register) { try storeWrite([UInt8](data), to: registerPath) }
        }
        return receipts
    }

    /// Deltagare (felregistreringar left out) per unit, or forms per unit and respondent group, of a file that
    /// has been validated.
    static func unitSizes(_ bytes: [UInt8], name: String, catalogues: Catalogues, register: Register?) -> [SizedSlot: Int] {
        let (dataset, _) = Dataset.load([.bytes(bytes, name: name)], catalogues: catalogues, register: register)
        var sizes: [SizedSlot: Int] = [:]
        for r in dataset.deltagare where catalogues.avslutsorsaker.counts(r) {
            sizes[SizedSlot(key: NamedKey(forbund: dataset.name(r.forbund), insats: dataset.name(r.insats), period: r.period)), default: 0] += r.antal
        }
        for f in dataset.forms {
            let key = NamedKey(forbund: dataset.name(f.forbund), insats: dataset.name(f.insats), period: f.period)
            sizes[SizedSlot(key: key, group: catalogues.indikatorer.enkater[Int(f.enkat)].group), default: 0] += 1
        }
        return sizes
    }

    /// Store files are `0640` and its folders `0750` (less the umask): they hold unprotected small counts,
    /// which only the kansli's group may read (issue #25).
    static let fileMode: mode_t = 0o640
    static let folderMode: mode_t = 0o750

    private func createLayout() throws(Failure) {
        do { try FileSystem.makeFolders(filesPath, mode: Self.folderMode) } catch {
            throw .io("\(root): kan inte skapa eller öppna arkivet: \(SystemError.text(error.code))")
        }
        guard (try? FileSystem.status(filesPath, followingLinks: false))?.kind == .directory else {
            throw .damaged(
                "\(filesPath): väntade arkivets mapp files/, fann en symbolisk länk eller en fil — finsam skriver inte där; kör finsam verify")
        }
    }

    /// Whether `folder` is a finsam store: a folder `files/` beside an `index.json` or a `lock`, of any kind
    /// (a store whose index is lost or damaged, which `verify --repair` rebuilds, is still a store).
    public static func isStore(_ folder: String) -> Bool {
        func exists(_ name: String) -> Bool { (try? FileSystem.status(folder + "/" + name, followingLinks: false)) != nil }
        return (try? FileSystem.status(folder + "/files", followingLinks: false))?.kind == .directory && (exists("index.json") || exists("lock"))
    }

    /// Writes a file of the store atomically (``AtomicFile``), `0640`.
    func storeWrite(_ bytes: [UInt8], to path: String) throws(Failure) {
        do { try AtomicFile.write(bytes, to: path, createMode: Self.fileMode) } catch {
            throw .io("kunde inte spara i arkivet (inget ändrades): \(error.description)")
        }
    }

    /// Links the index's new events into its chain and replaces `index.json`: the one write that makes them
    /// visible.
    func writeIndex(_ index: inout StoreIndex) throws(Failure) {
        index.seal()
        try storeWrite(Array(JSONReportWriter.encode(index).utf8), to: indexPath)
    }

    /// Refuses to change a store in which an approval or a reopening has its record in `approvals/` but is
    /// not in the index: a run stopped between the two. A file submitted then would enter a period that
    /// `verify --repair` later shows as approved before it.
    ///
    /// - Throws: ``Failure/damaged(_:)`` naming the event and what to do.
    func refuseUnindexedEvents(_ index: StoreIndex) throws(Failure) {
        let known = Set((index.approvals ?? []).map(\.sequence))
        guard let lost = eventRecords().records.values.filter({ !known.contains($0.sequence) }).min(by: { $0.sequence < $1.sequence })
        else { return }
        throw .damaged(
            "\(approvalsPath): väntade att arkivets index nämner varje fastställelse och återöppning, fann händelse \(lost.sequence) "
                + "(\(lost.kind.label) \(lost.period.words)) bara i approvals/, från en körning som avbröts; kör finsam verify --repair och försök sedan igen"
        )
    }

    /// A file of the store's own, or `nil` when it is missing or not a regular file in the store: a link
    /// (that could lead out of the store), a named pipe (that would wait for a writer), a folder.
    static func storedData(_ path: String) -> Data? {
        (try? FileSystem.contents(atPath: path, regularFileOnly: true)).map { Data($0) }
    }

    func storedFileIsIntact(_ file: String, sha: String, size: Int) -> Bool {
        guard let bytes = try? FileSystem.contents(atPath: root + "/" + file, regularFileOnly: true), bytes.count == size else { return false }
        return SHA256.hex(of: bytes) == sha
    }

    /// Temporary files of submits that were killed: safe to remove while holding the lock.
    private func removeLeftovers() {
        for folder in [root, filesPath] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(AtomicFile.temporaryPrefix) {
                FileSystem.remove(folder + "/" + name)
            }
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

/// An advisory lock on the store's `lock` file (`flock`): exclusive for writers, shared for `verify`. Held
/// until `unlock` or process exit — so a writer killed mid-submit never leaves the store locked. The file is
/// opened without following a symbolic link. An exclusive holder writes its process id into the file, so that
/// a process waiting for the lock can say who holds it; a waiter says so after a second and gives up after
/// the store's `lockTimeout`.
final class FileLock {
    private var fd: Int32
    private let path: String
    private let mode: FileSystem.LockMode

    /// A reader (`.shared`) finding no lock file makes one only with `create` (a folder that is not yet a
    /// store gets none), and goes on without the lock when it cannot be made (a read-only store, which no
    /// writer can be changing either).
    init(store: Store, mode: FileSystem.LockMode, create: Bool = true) throws(Store.Failure) {
        path = store.lockPath
        self.mode = mode
        fd = -1
        // `O_NONBLOCK`: a named pipe planted as the lock opens at once (and is refused below) instead of
        // waiting for a writer that never comes; a regular file does not notice.
        do {
            fd = try FileSystem.open(
                path, (mode == .shared ? O_RDONLY : O_RDWR | O_CREAT) | O_NONBLOCK, mode: Store.fileMode, followingLinks: false)
        } catch let error where error.code == ENOENT && mode == .shared {
            guard create, let made = try? FileSystem.open(path, O_RDWR | O_CREAT, mode: Store.fileMode, followingLinks: false) else { return }
            fd = made
        } catch {
            throw Self.failure(error, path: path)
        }
        let status = try? FileSystem.status(of: fd, path: path)
        guard status?.kind == .regular, status?.links == 1 else {
            close(fd)
            let found = status?.kind == .regular ? "en fil med fler namn (en hård länk), som finsam skulle tömma" : "en mapp, ett rör eller en enhet"
            throw .damaged(
                "\(path): väntade arkivets låsfil, en vanlig fil, fann \(found); ta bort den (finsam gör en ny nästa gång) och försök igen")
        }
        let started = ContinuousClock.now
        // Cut to a day, and NaN to none: a Duration of 1e19 seconds would trap.
        let timeout = store.lockTimeout >= 0 ? min(store.lockTimeout, Store.maximumLockTimeout) : 0
        var told = false
        while true {
            let taken: Bool
            do { taken = try FileSystem.tryLock(fd, mode, path: path) } catch {
                close(fd)
                throw .io("\(path): kan inte låsa arkivet: \(SystemError.text(error.code))")
            }
            if taken { break }
            let waited = ContinuousClock.now - started
            if waited >= .seconds(timeout) {
                let holder = self.holder()
                close(fd)
                let advice =
                    holder.pid.map { "kontrollera processen (ps -p \($0)) och avsluta den om den har hängt sig, eller försök igen senare" }
                    ?? "försök igen senare"
                throw .io(
                    "\(path): arkivet är fortfarande låst av \(holder.text) efter \(Self.seconds(timeout)); väntade att låset skulle "
                        + "släppas inom den tiden — \(advice) (FINSAM_LOCK_TIMEOUT anger väntetiden i sekunder)")
            }
            if !told && waited >= .seconds(1) {
                told = true
                store.onLockWait?(
                    "finsam: arkivet \(store.root) är låst av \(holder().text) (\(path)); väntar högst \(Self.seconds(timeout)) …\n")
            }
            usleep(20_000)
        }
        if mode == .exclusive {
            // Only for messages: a failure to write the id leaves the lock held all the same.
            try? FileSystem.replaceContents(of: fd, with: Array("\(getpid())\n".utf8), path: path)
        }
    }

    private static func failure(_ error: SystemError, path: String) -> Store.Failure {
        if error.code == ELOOP {
            return .damaged(
                "\(path): väntade arkivets låsfil, fann en symbolisk länk — finsam följer den inte; ta bort länken (rm \(path)), så skapar nästa inlämning en ny låsfil"
            )
        }
        let advice =
            error.code == SystemError.permissionDenied || error.code == EROFS
            ? "den som ska ändra arkivet behöver rätt att skriva i dess mapp; kör som en användare i kansliets grupp eller be it-ansvarig om behörighet"
            : "kontrollera arkivets mapp och försök igen"
        return .io("\(path): kan inte låsa arkivet: \(SystemError.text(error.code)); \(advice)")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s".replacingOccurrences(of: ".", with: ",")
    }

    /// Who holds the lock: the writer whose id is in the file, if that process still runs; otherwise a
    /// reader (`verify`), which writes nothing.
    private func holder() -> (text: String, pid: Int32?) {
        let text = String(decoding: FileSystem.contents(of: fd, limit: 32), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let pid = Int32(text), pid > 0, kill(pid, 0) == 0 || errno == EPERM {
            return ("process \(pid)", pid)
        }
        return ("en annan process (till exempel finsam verify)", nil)
    }

    func unlock() {
        guard fd >= 0 else { return }
        if mode == .exclusive { try? FileSystem.replaceContents(of: fd, with: [], path: path) }
        FileSystem.unlock(fd)
        close(fd)
        fd = -1
    }

    deinit { unlock() }
}
