import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `finsam verify`: re-reads the whole store and names every damage with what to do about it.
///
/// It reads under a shared lock, so that a submit at work is waited for rather than reported as damage.
/// `--repair` never deletes a submission (issue #25), and works only in a folder that is a store:
/// - a submission whose record (``SubmissionRecord``) the index lacks — an index restored from an older copy,
///   or left by a crash — is put back into the index;
/// - a `files/<sha256>.csv` that neither the index nor a record names is moved to `hittade/` with a note
///   beside it, when every other check passes;
/// - only finsam's own temporary files, whose rename never happened (every writer holds the store's lock,
///   which `--repair` holds too), are removed.
public struct StoreVerifier {
    public struct Finding: Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var advice: String
        /// What finsam left behind itself, if this is such a file; `nil` for damage.
        public var leftover: Leftover?

        public enum Leftover: Sendable, Equatable {
            /// A temporary file of a submit that was killed.
            case temporary
            /// `files/<sha256>.csv` with the bytes its name says, named by no submission nor record: moved to
            /// `hittade/` by `--repair`.
            case unnamed
            /// A submission whose record and file are intact but which the index does not name: put back
            /// into the index by `--repair`.
            case unindexed(StoreIndex.Submission)
            /// An approval or reopening whose record is intact but which the index does not name: put back
            /// into the index by `--repair`.
            case unindexedEvent(Approval)
        }

        /// Not damage, only worth knowing (a store written before the index's chain): `verify` still says ok.
        public var isNote = false

        /// The folder is no store, or its index cannot be read: `--repair` deletes nothing at all.
        public var refusesRepair: Bool
        /// The index is missing or unreadable in a store whose records can rebuild it (`--repair` does, moving
        /// the unreadable index to `hittade/`).
        public var rebuildsIndex = false

        /// Left by a submit that was killed: harmless, removable by `--repair`.
        public var isLeftover: Bool { leftover != nil }

        init(path: String, message: String, advice: String, leftover: Leftover? = nil, refusesRepair: Bool = false) {
            self.path = path
            self.message = message
            self.advice = advice
            self.leftover = leftover
            self.refusesRepair = refusesRepair
        }

        public var description: String { "\(path): \(isNote ? "obs:" : Problem.word) \(message) — \(advice)" }
    }

    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Where `--repair` moves stored files that nothing names.
    public var foundFolder: String { store.root + "/hittade" }

    /// Every finding, read under a shared lock (waiting for a writer as a submit would).
    public func findings() throws(Store.Failure) -> [Finding] {
        guard (try? FileSystem.status(store.root))?.kind == .directory else { return check() }
        // Never create a lock file in a folder that is not a store.
        let lock = try FileLock(store: store, mode: .shared, create: FileManager.default.fileExists(atPath: store.indexPath))
        defer { lock.unlock() }
        return check()
    }

    private static let restoreIndex = "återställ index.json från en säkerhetskopia; filerna under files/ är orörda"

    /// The findings, with no lock taken (the caller holds one).
    func check() -> [Finding] {
        var findings: [Finding] = []
        guard (try? FileSystem.status(store.root))?.kind == .directory else {
            return [
                Finding(path: store.root, message: "arkivet finns inte", advice: "ange rätt mapp med --store eller FINSAM_STORE", refusesRepair: true)
            ]
        }
        // With records, the store can rebuild its index; without (a folder that is no store, or a store written
        // before records), nothing is touched.
        let rebuildable = !store.records().records.isEmpty
        let rebuild = "eller kör finsam verify --repair, som bygger upp det igen från inlämningarnas poster i files/"
        guard (try? FileSystem.status(store.indexPath, followingLinks: false)) != nil else {
            var finding = Finding(
                path: store.indexPath,
                message: "väntade arkivets index.json, fann ingen: \(store.root) är inget finsam-arkiv, eller dess index har försvunnit",
                advice: "ange arkivets mapp med --store eller FINSAM_STORE; är det arkivet, \(Self.restoreIndex)\(rebuildable ? ", \(rebuild)" : "")",
                refusesRepair: true)
            finding.rebuildsIndex = rebuildable
            return [finding]
        }
        let index: StoreIndex
        do { index = try store.index() } catch {
            let message = Self.indexMessage(error.description, indexPath: store.indexPath)
            var finding = Finding(
                path: store.indexPath, message: message,
                advice: Self.restoreIndex + (rebuildable ? ", \(rebuild) (det skadade flyttas till hittade/)" : ""),
                refusesRepair: true)
            finding.rebuildsIndex = rebuildable
            return [finding]
        }
        var referenced = Set<String>()
        var previous = 0
        for submission in index.submissions {
            let at = "\(store.root)/\(submission.file)"
            if submission.sequence <= previous {
                findings.append(
                    Finding(
                        path: store.indexPath, message: "inlämning \(submission.sequence) kommer efter \(previous) i indexet",
                        advice: "indexet har redigerats för hand; återställ det från en säkerhetskopia"))
            }
            previous = submission.sequence
            guard StoreIndex.isStoredName(submission.file, sha256: submission.sha256), Self.isChecksum(submission.sha256) else {
                findings.append(
                    Finding(
                        path: store.indexPath,
                        message: "inlämning \(submission.sequence) pekar på \"\(submission.file)\", inte på files/<sha256>.csv",
                        advice: "indexet har redigerats för hand; återställ det från en säkerhetskopia"))
                continue
            }
            referenced.insert(submission.file)
            let resend = "skicka in originalfilen \(submission.originalName) igen (finsam submit), eller återställ filen från en säkerhetskopia"
            guard let data = Store.storedData(at) else {
                findings.append(
                    Finding(
                        path: at,
                        message:
                            "filen till inlämning \(submission.sequence) (\(submission.originalName)) saknas, eller är en länk, ett rör eller en mapp i stället för en fil",
                        advice: resend))
                continue
            }
            if data.count != submission.bytes {
                findings.append(
                    Finding(
                        path: at,
                        message: "väntade \(submission.bytes) byte för inlämning \(submission.sequence), fann \(data.count) (avkortad eller ändrad)",
                        advice: resend))
            } else if SHA256.hex(of: [UInt8](data)) != submission.sha256 {
                findings.append(
                    Finding(
                        path: at, message: "kontrollsumman för inlämning \(submission.sequence) stämmer inte: filen har ändrats",
                        advice: resend))
            }
        }
        findings += chainFindings(index)
        let (records, unreadable) = store.records()
        findings += unreadableRecordFindings(unreadable)
        let indexed = Dictionary(index.submissions.map { ($0.sequence, $0) }, uniquingKeysWith: { a, _ in a })
        // A submit's files go back into the index all together, or not at all: one killed while writing its
        // records leaves some of them only, which are moved to hittade/ instead.
        func isComplete(_ record: SubmissionRecord) -> Bool {
            record.together.allSatisfy { indexed[$0] != nil || records[$0] != nil }
        }
        for (sequence, record) in records.sorted(by: { $0.key < $1.key }) {
            let recorded = record.submission
            let path = store.recordPath(sequence: sequence)
            if isComplete(record) { referenced.insert(recorded.file) }
            if var named = indexed[sequence] {
                named.chain = nil
                if named != recorded {
                    findings.append(
                        Finding(
                            path: store.indexPath,
                            message: "inlämning \(sequence) i indexet skiljer sig från dess post \(SubmissionRecord.fileName(sequence: sequence))",
                            advice: "indexet eller posten har redigerats för hand; återställ indexet från en säkerhetskopia"))
                }
                continue
            }
            if !isComplete(record) {
                findings.append(
                    Finding(
                        path: path,
                        message:
                            "inlämning \(sequence) (\(recorded.displayName)) hör till en inlämning av flera filer som avbröts innan alla sparades",
                        advice: "finsam verify --repair flyttar posten och filen till hittade/; lämna in filerna igen",
                        leftover: .unnamed))
            } else if store.storedFileIsIntact(recorded.file, sha: recorded.sha256, size: recorded.bytes) {
                findings.append(
                    Finding(
                        path: path,
                        message:
                            "inlämning \(sequence) (\(recorded.displayName), mottagen \(recorded.receivedAt)) finns i arkivet men inte i indexet",
                        advice:
                            "finsam verify --repair för tillbaka den till indexet (indexet är äldre än arkivets filer, till exempel återställt från en säkerhetskopia)",
                        leftover: .unindexed(recorded)))
            } else {
                findings.append(
                    Finding(
                        path: path,
                        message:
                            "inlämning \(sequence) (\(recorded.displayName)) finns inte i indexet, och dess fil \(recorded.file) saknas eller har ändrats",
                        advice: "skicka in originalfilen igen (finsam submit), eller återställ filen från en säkerhetskopia"))
            }
        }
        findings += eventRecordFindings(index)
        findings += approvalFindings(index)
        // approvals/ holds what `approve` wrote; only its temporary files are looked at here.
        var folders = [(store.root, "")]
        do throws(Store.Failure) {
            try store.refuseLinkedApprovals()
            folders.append((store.approvalsPath, "approvals/"))
        } catch {
            findings.append(
                Finding(
                    path: store.approvalsPath, message: "väntade arkivets mapp approvals/, fann en symbolisk länk eller en fil",
                    advice:
                        "finsam följer den inte och tar inte bort något där; flytta de fastställda filerna till en vanlig mapp approvals/ i arkivet",
                    refusesRepair: true))
        }
        switch (try? FileSystem.status(store.filesPath, followingLinks: false))?.kind {
        case .directory, nil: folders.append((store.filesPath, "files/"))
        default:
            findings.append(
                Finding(
                    path: store.filesPath, message: "väntade arkivets mapp files/, fann en symbolisk länk eller en fil",
                    advice: "finsam följer den inte och tar inte bort något där; flytta filerna till en vanlig mapp files/ i arkivet",
                    refusesRepair: true))
        }
        for (folder, relative) in folders {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
                let path = "\(folder)/\(name)"
                let isFile = (try? FileSystem.status(path, followingLinks: false))?.kind == .regular
                if name.hasPrefix(AtomicFile.temporaryPrefix) {
                    findings.append(
                        Finding(
                            path: path,
                            message: relative == "approvals/"
                                ? "tillfällig fil från en avbruten fastställelse"
                                : relative.isEmpty && name.hasPrefix(AtomicFile.temporaryPrefix + "index.json")
                                    ? "tillfällig fil från en avbruten inlämning, fastställelse eller återöppning"
                                    : "tillfällig fil från en avbruten inlämning",
                            advice: "ta bort den (finsam verify --repair gör det); arkivets innehåll påverkas inte",
                            leftover: isFile ? .temporary : nil))
                } else if relative == "files/" && !referenced.contains(relative + name) && SubmissionRecord.sequence(ofFileName: name) == nil {
                    let sha = name.hasSuffix(".csv") ? String(name.dropLast(4)) : name.hasSuffix(".xlsx") ? String(name.dropLast(5)) : ""
                    if isFile, Self.isChecksum(sha), let data = Store.storedData(path), SHA256.hex(of: [UInt8](data)) == sha {
                        findings.append(
                            Finding(
                                path: path,
                                message:
                                    "filen finns inte i indexet och har ingen inlämningspost (rest från en avbruten inlämning, eller ett äldre arkiv)",
                                advice:
                                    "finsam verify --repair flyttar den till hittade/ när allt annat i arkivet stämmer; skicka in den igen om den ska räknas",
                                leftover: .unnamed))
                    } else {
                        findings.append(
                            Finding(
                                path: path,
                                message: "väntade bara files/<sha256>.csv med de byte namnet anger, fann en annan fil som inget index nämner",
                                advice: "finsam tar inte bort den; flytta den ur arkivet om den inte hör dit"))
                    }
                }
            }
        }
        return findings
    }

    static func isChecksum(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// What `--repair` did with one finding.
    public enum Repair: Sendable {
        /// A temporary file of a killed writer, removed.
        case removed(Finding)
        /// A submission put back into the index from its record.
        case restored(StoreIndex.Submission)
        /// An approval or reopening put back into the index from its record.
        case restoredEvent(Approval)
        /// A stored file that nothing named, moved to `hittade/` (its new path).
        case moved(Finding, to: String)
        /// The index of a store written before the chain, linked.
        case chained
        /// A missing or unreadable index rebuilt from the records: how many submissions and events it names, and
        /// where the unreadable one was moved (`nil` when there was none).
        case rebuilt(submissions: Int, events: Int, movedIndex: String?)
    }

    /// Repairs what can be repaired without losing anything, under the store's exclusive lock: removes
    /// finsam's temporary files; puts submissions whose records the index lacks back into the index (when the
    /// index's chain holds, so that a hand edit is never sealed over); and, when nothing else is wrong, moves
    /// stored files that nothing names to `hittade/`, with a note. Never deletes a stored file. Refuses a
    /// folder without a valid index.
    ///
    /// - Returns: what was done, in order.
    /// - Throws: ``Store/Failure/invalid(_:)`` when the folder is no store or its index cannot be read;
    ///   ``Store/Failure/io(_:)`` when the index or `hittade/` cannot be written.
    public func repair() throws(Store.Failure) -> [Repair] {
        // Checked before the lock, so that no lock file is made in a folder that is not a store.
        if let refusal = check().first(where: \.refusesRepair), !refusal.rebuildsIndex { throw Self.refuse(refusal) }
        let lock = try FileLock(store: store, mode: .exclusive)
        defer { lock.unlock() }
        var findings = check()
        var done: [Repair] = []
        if let refusal = findings.first(where: \.refusesRepair) {
            guard refusal.rebuildsIndex else { throw Self.refuse(refusal) }
            done.append(try rebuildIndex())
            findings = check()
            if let refusal = findings.first(where: \.refusesRepair) { throw Self.refuse(refusal) }
        }
        for finding in findings where finding.leftover == .temporary {
            FileSystem.remove(finding.path)
            done.append(.removed(finding))
        }
        var index = try store.index()
        let lost = findings.compactMap { finding -> StoreIndex.Submission? in
            if case .unindexed(let submission) = finding.leftover { return submission }
            return nil
        }
        let lostEvents = findings.compactMap { finding -> Approval? in
            if case .unindexedEvent(let event) = finding.leftover { return event }
            return nil
        }
        if !lost.isEmpty || !lostEvents.isEmpty, Self.holds(index.chainState) {
            if let first = lost.map(\.sequence).min() {
                index.unsealSubmissions(from: first)
                index.submissions = (index.submissions + lost).sorted { $0.sequence < $1.sequence }
            }
            if let first = lostEvents.map(\.sequence).min() {
                index.unsealApprovals(from: first)
                index.approvals = ((index.approvals ?? []) + lostEvents).sorted { $0.sequence < $1.sequence }
                index.version = 2
            }
            try store.writeIndex(&index)
            done += lost.map { .restored($0) } + lostEvents.map { .restoredEvent($0) }
            findings = check()
        }
        guard findings.allSatisfy({ $0.isLeftover || $0.isNote }) else { return done }
        for finding in findings where finding.leftover == .unnamed {
            done.append(.moved(finding, to: try moveToFound(finding.path, why: finding.message)))
        }
        if index.chainState == .absent {
            // A store written before the chain gets one, now that everything checks out.
            try store.writeIndex(&index)
            done.append(.chained)
        }
        return done
    }

    /// Builds the index anew from the records in `files/` and `approvals/` (every submit complete, each in
    /// order), after moving an unreadable index to `hittade/` (never deleting it).
    ///
    /// - Returns: what was rebuilt.
    private func rebuildIndex() throws(Store.Failure) -> Repair {
        let (records, _) = store.records()
        let (events, _) = store.eventRecords()
        var index = StoreIndex()
        index.submissions = records.values.filter { record in record.together.allSatisfy { records[$0] != nil } }.map(\.submission)
            .sorted { $0.sequence < $1.sequence }
        if !events.isEmpty {
            index.approvals = events.values.sorted { $0.sequence < $1.sequence }
            index.version = 2
        }
        var moved: String?
        if (try? FileSystem.status(store.indexPath, followingLinks: false)) != nil {
            moved = try moveToFound(
                store.indexPath, named: "index-\(Store.timestamp(store.now()).filter { $0.isNumber }).json",
                why: "arkivets index kunde inte läsas och byggdes upp igen från inlämningarnas poster; detta är det gamla")
        }
        try store.writeIndex(&index)
        return .rebuilt(submissions: index.submissions.count, events: index.approvals?.count ?? 0, movedIndex: moved)
    }

    /// Whether a chain lets events be re-inserted: it holds, or the store has none yet.
    private static func holds(_ state: StoreIndex.ChainState) -> Bool {
        switch state {
        case .intact, .absent: true
        case .broken: false
        }
    }

    /// Moves a stored file that nothing names to `hittade/`, never replacing a file there, with a note beside
    /// it saying what it is and what to do.
    ///
    /// - Returns: the file's new path.
    func moveToFound(_ path: String, named: String? = nil, why: String, by command: String = "finsam verify --repair") throws(Store.Failure)
        -> String
    {
        let name = named ?? path.split(separator: "/").last.map(String.init) ?? path
        let destination = foundFolder + "/" + name
        func failure(_ text: String) -> Store.Failure {
            .io("\(path): kunde inte flytta filen till \(foundFolder): \(text); inget togs bort")
        }
        // A link named hittade would lead the store's unprotected counts out of it.
        if let found = try? FileSystem.status(foundFolder, followingLinks: false), found.kind != .directory {
            throw failure("hittade/ är en symbolisk länk eller en fil, inte en mapp i arkivet; ta bort den (finsam gör mappen) och kör igen")
        }
        do { try FileSystem.makeFolders(foundFolder, mode: Store.folderMode) } catch { throw failure(SystemError.text(error.code)) }
        let note = """
            Flyttad hit av \(command) \(Store.timestamp(store.now())) från \(path.hasPrefix(store.root + "/") ? String(path.dropFirst(store.root.count + 1)) : path):
            \(why).
            Ingenting har tagits bort. Ska filen räknas, lämna in den igen (finsam submit), för en datafil: finsam submit hittade/\(name)

            """
        do { try AtomicFile.write(Array(note.utf8), to: destination + ".txt", createMode: Store.fileMode) } catch {
            throw failure(error.description)
        }
        do { try FileSystem.moveWithoutReplacing(path, to: destination) } catch {
            // Already moved once (the same name is the same SHA-256): the copy in hittade/ stays.
            guard error.code == EEXIST, FileManager.default.contents(atPath: destination) == FileManager.default.contents(atPath: path) else {
                throw failure(SystemError.text(error.code))
            }
            FileSystem.remove(path)
        }
        do {
            try AtomicFile.syncDirectory(foundFolder)
            try AtomicFile.syncDirectory(AtomicFile.directory(of: path))
        } catch { throw failure(error.description) }
        return destination
    }

    /// What reading the index said, for verify's own line about it: without the path and the word "fel:"
    /// that the line gives anyway (a position kept as "vid rad:kolumn"), and without the advice to run
    /// verify, which is running.
    static func indexMessage(_ description: String, indexPath: String) -> String {
        var message = description
        if message.hasPrefix(indexPath), let word = message.range(of: ": \(Problem.word) ") {
            let position = message[message.index(message.startIndex, offsetBy: indexPath.count)..<word.lowerBound]
            message = (position.hasPrefix(":") ? "vid \(position.dropFirst()): " : "") + message[word.upperBound...]
        } else if message.hasPrefix(indexPath + ": ") {
            message.removeFirst(indexPath.count + 2)
        }
        for advice in ["; kör finsam verify", " — kör finsam verify"] where message.hasSuffix(advice) { message.removeLast(advice.count) }
        return message
    }

    /// A record that cannot be read: named, never removed.
    func unreadableRecordFindings(_ unreadable: [(String, String)]) -> [Finding] {
        unreadable.map { path, problem in
            Finding(
                path: path, message: "posten kan inte läsas: \(problem)",
                advice: "finsam tar inte bort den; återställ den från en säkerhetskopia, eller flytta den ur arkivet om den inte hör dit")
        }
    }

    /// The approval and reopening records in `approvals/` against the index: an event the index lacks is
    /// repairable, an event that differs from its record is damage.
    func eventRecordFindings(_ index: StoreIndex) -> [Finding] {
        guard (try? FileSystem.status(store.approvalsPath, followingLinks: false))?.kind == .directory else { return [] }
        var findings: [Finding] = []
        let (records, unreadable) = store.eventRecords()
        findings += unreadableRecordFindings(unreadable)
        let indexed = Dictionary((index.approvals ?? []).map { ($0.sequence, $0) }, uniquingKeysWith: { a, _ in a })
        for (sequence, recorded) in records.sorted(by: { $0.key < $1.key }) {
            let path = store.eventRecordPath(sequence: sequence)
            if var named = indexed[sequence] {
                named.chain = nil
                if named != recorded {
                    findings.append(
                        Finding(
                            path: store.indexPath,
                            message:
                                "händelse \(sequence) i indexet skiljer sig från dess post approvals/\(ApprovalRecord.fileName(sequence: sequence))",
                            advice: "indexet eller posten har redigerats för hand; återställ indexet från en säkerhetskopia"))
                }
                continue
            }
            findings.append(
                Finding(
                    path: path,
                    message: "händelse \(sequence) (\(recorded.kind.label) \(recorded.period): \(recorded.text)) finns i arkivet men inte i indexet",
                    advice:
                        "finsam verify --repair för tillbaka den till indexet (indexet är äldre än arkivets filer, till exempel återställt från en säkerhetskopia)",
                    leftover: .unindexedEvent(recorded)))
        }
        return findings
    }

    /// The chains of the index's events (``StoreIndex/chainState``): a break is damage, a store written
    /// before the chain a note.
    func chainFindings(_ index: StoreIndex) -> [Finding] {
        switch index.chainState {
        case .intact: return []
        case .absent:
            var note = Finding(
                path: store.indexPath, message: "kedjan saknas: indexet skrevs av en äldre finsam, och ändringar för hand kan inte upptäckas",
                advice: "nästa inlämning, fastställelse eller finsam verify --repair lägger till den")
            note.isNote = true
            return [note]
        case .broken(let submission, let approval):
            let at = [submission.map { "inlämning \($0)" }, approval.map { "händelse \($0)" }].compactMap { $0 }.joined(separator: " och ")
            return [
                Finding(
                    path: store.indexPath, message: "kedjan i indexet bryts vid \(at): indexet har ändrats efter att finsam skrev det",
                    advice:
                        "indexet har redigerats för hand; återställ det från en säkerhetskopia (finsam verify --repair för sedan tillbaka senare inlämningar)"
                )
            ]
        }
    }

    private static func refuse(_ finding: Finding) -> Store.Failure {
        .invalid([
            Problem(file: finding.path, position: nil, message: "verify --repair tar inte bort något här: \(finding.message) — \(finding.advice)")
        ])
    }
}
