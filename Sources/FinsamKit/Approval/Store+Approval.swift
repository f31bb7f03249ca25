import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Approving and reopening a period in the store (DOMAIN §11). An approval writes its files first (each
/// atomically, under `approvals/`) and then the index, the one step that makes it visible: a crash leaves
/// the period locked with everything its approval names, or not locked at all.
extension Store {
    var approvalsPath: String { root + "/approvals" }

    /// A file to keep with an approval.
    public struct ApprovalArtefact: Sendable {
        public var role: String
        /// The file's extension in the store: `json`, `md`, `html`, `csv`.
        public var fileExtension: String
        public var name: String?
        public var bytes: [UInt8]

        public init(role: String, fileExtension: String, name: String?, bytes: [UInt8]) {
            self.role = role
            self.fileExtension = fileExtension
            self.name = name
            self.bytes = bytes
        }
    }

    /// The store's current files, each with the units it is current for: what a report from the store reads.
    ///
    /// - Returns: the files in the order they were submitted.
    public static func currentFiles(_ index: StoreIndex) -> [Approval.File] {
        let bySequence = Dictionary(index.submissions.map { ($0.sequence, $0) }, uniquingKeysWith: { a, _ in a })
        return index.currentUnits.sorted { $0.key < $1.key }.map { sequence, units in
            let s = bySequence[sequence]!
            let groups = units.compactMap { key, groups in groups.map { StoreIndex.GroupedKey(key: key, groups: $0.sorted()) } }
            var file = Approval.File(
                sequence: sequence, sha256: s.sha256, file: s.file, originalName: s.originalName, keys: units.keys.sorted())
            file.groups = groups.isEmpty ? nil : groups.sorted { $0.key < $1.key }
            return file
        }
    }

    /// The sources of an approval's files, each checked against its SHA-256.
    ///
    /// - Returns: one source per file, limited to the units it was current for.
    /// - Throws: ``Failure/invalid(_:)`` naming every file that has changed; ``Failure/io(_:)``.
    public func sources(of files: [Approval.File], index: StoreIndex) throws(Failure) -> [Dataset.Source] {
        var sources: [Dataset.Source] = []
        for file in files {
            guard let submission = index.submissions.first(where: { $0.sequence == file.sequence && $0.sha256 == file.sha256 }) else {
                throw .damaged(
                    "\(indexPath): fastställelsen nämner inlämning \(file.sequence), som indexet inte har — indexet är skadat; kör finsam verify")
            }
            sources.append(.stored(try contents(of: submission), name: "\(root)/\(submission.file) (\(submission.displayName))", units: file.units))
        }
        return sources
    }

    /// The bytes of an approval's file, checked against its SHA-256.
    ///
    /// - Returns: the bytes kept at approval.
    /// - Throws: ``Failure/damaged(_:)`` when the file is missing or changed.
    public func contents(of artefact: Approval.Artefact) throws(Failure) -> [UInt8] {
        guard artefact.sha256.allSatisfy(\.isHexDigit), artefact.file.hasPrefix("approvals/\(artefact.sha256)."), !artefact.file.contains("/..")
        else {
            throw .damaged("\(indexPath): fastställelsen pekar på \"\(artefact.file)\" — indexet är skadat; kör finsam verify")
        }
        let path = root + "/" + artefact.file
        try refuseLinkedApprovals()
        guard let data = Store.storedData(path), SHA256.hex(of: [UInt8](data)) == artefact.sha256 else {
            throw .damaged(
                "\(path): väntade den fastställda filen (\(artefact.role)) oförändrad med SHA-256 \(artefact.sha256.prefix(12))…, "
                    + "fann den ändrad eller borta — återställ arkivet från en säkerhetskopia")
        }
        return [UInt8](data)
    }

    /// Locks `period`: records the decision, the store's current files and the artefacts `render` makes from
    /// them (it is called under the store's lock with the sources and the approval to be recorded, so that the
    /// report's cover can name it).
    ///
    /// - Returns: the approval recorded.
    /// - Throws: ``Failure/invalid(_:)`` when the period is already fastställd or has no files, or what
    ///   `render` throws; ``Failure/io(_:)`` when the store cannot be written (then nothing is locked).
    public func approve(
        period: Period, beslut: String,
        render: ([Dataset.Source], Approval) throws(Failure) -> [ApprovalArtefact]
    ) throws(Failure) -> Approval {
        let lock = try FileLock(store: self, mode: .exclusive, create: false)
        defer { lock.unlock() }
        var index = try self.index()
        try refuseUnindexedEvents(index)
        if let existing = index.lock(for: period) {
            // A year and its halvår lock each other: name the one that is fastställd.
            let found =
                existing.period == period
                ? "\(period) redan fastställd"
                : existing.period.contains(period)
                    ? "\(existing.period), som omfattar \(period), redan fastställd" : "\(existing.period), en del av \(period), redan fastställd"
            throw .invalid([
                Problem(
                    file: root, position: nil,
                    message:
                        "väntade en period som inte är fastställd, fann \(found) (\(existing.text)); "
                        + "återöppna den först med finsam reopen --period \(existing.period) --reason \"…\" om den ska fastställas på nytt")
            ])
        }
        let files = Self.currentFiles(index)
        guard files.contains(where: { $0.keys.contains { period.contains($0.period) } }) else {
            throw .invalid([
                Problem(
                    file: root, position: nil,
                    message:
                        "väntade inlämningar för \(period) att fastställa, fann inga; lämna in filerna med finsam submit först")
            ])
        }
        var approval = Approval(
            sequence: nextEventSequence(index), kind: .faststalld, period: period,
            at: Self.timestamp(now()), text: beslut, files: files, artefacts: [])
        let made = try render(try sources(of: files, index: index), approval)
        try makeFolder(approvalsPath)
        try refuseLinkedApprovals()
        removeTemporaryFiles(in: approvalsPath)
        for artefact in made {
            let sha = SHA256.hex(of: artefact.bytes)
            let file = "approvals/\(sha).\(artefact.fileExtension)"
            if Store.storedData(root + "/" + file).map({ SHA256.hex(of: [UInt8]($0)) }) != sha {
                try write(artefact.bytes, at: root + "/" + file)
            }
            approval.artefacts?.append(Approval.Artefact(role: artefact.role, sha256: sha, file: file, name: artefact.name))
        }
        try record(approval, in: &index)
        return approval
    }

    /// Reopens every fastställd period that overlaps `period` — `--period 2023` reopens an approved 2023H1
    /// and 2023H2 both, `--period 2023H1` an approved year — recording the reason with each, in one write.
    ///
    /// - Returns: the reopenings recorded, one per period that was fastställd.
    /// - Throws: ``Failure/invalid(_:)`` when no overlapping period is fastställd; ``Failure/io(_:)``.
    public func reopen(period: Period, reason: String) throws(Failure) -> [Approval] {
        let lock = try FileLock(store: self, mode: .exclusive, create: false)
        defer { lock.unlock() }
        var index = try self.index()
        try refuseUnindexedEvents(index)
        let locked = index.locks(overlapping: period)
        guard !locked.isEmpty else {
            throw .invalid([
                Problem(
                    file: indexPath, position: nil,
                    message:
                        "väntade en fastställd period att återöppna, fann \(period) inte fastställd; inget ändrades")
            ])
        }
        let at = Self.timestamp(now())
        var events: [Approval] = []
        for approval in locked {
            events.append(
                Approval(
                    sequence: nextEventSequence(index) + events.count, kind: .ateroppnad, period: approval.period,
                    at: at, text: reason))
        }
        try record(events, in: &index)
        return events
    }

    /// Appends `event` and replaces the index: the one write that makes it visible.
    private func record(_ event: Approval, in index: inout StoreIndex) throws(Failure) {
        try record([event], in: &index)
    }

    /// Appends `events` and replaces the index: the one write that makes them visible.
    private func record(_ events: [Approval], in index: inout StoreIndex) throws(Failure) {
        try makeFolder(approvalsPath)
        try refuseLinkedApprovals()
        for event in events { try writeEventRecord(event) }
        index.approvals = (index.approvals ?? []) + events
        index.version = 2
        if let hook = ProcessInfo.processInfo.environment["FINSAM_TEST_PAUSE_BEFORE_INDEX"], let seconds = Double(hook) {
            // Tests only: a window in which a kill -9 finds the approval's files written and the index not yet.
            usleep(UInt32(seconds * 1_000_000))
        }
        do { try writeIndex(&index) } catch {
            throw .io("kunde inte spara i arkivet (inget fastställdes eller återöppnades): \(error.description)")
        }
    }

    private func makeFolder(_ path: String) throws(Failure) {
        do { try FileSystem.makeFolders(path, mode: Self.folderMode) } catch {
            throw .io("\(path): kan inte skapa mappen: \(SystemError.text(error.code))")
        }
    }

    /// `approvals/` must be a folder of the store, never a link elsewhere: an approval written or read through
    /// a link could be replaced there without the store's lock (as `files/`).
    ///
    /// - Throws: ``Failure/damaged(_:)`` when `approvals/` is a symbolic link or a file.
    func refuseLinkedApprovals() throws(Failure) {
        guard let status = try? FileSystem.status(approvalsPath, followingLinks: false), status.kind != .directory else { return }
        throw .damaged(
            "\(approvalsPath): väntade arkivets mapp approvals/, fann en symbolisk länk eller en fil — finsam följer den inte; "
                + "flytta de fastställda filerna till en vanlig mapp approvals/ i arkivet")
    }

    private func write(_ bytes: [UInt8], at path: String) throws(Failure) {
        do { try AtomicFile.write(bytes, to: path, createMode: Self.fileMode) } catch {
            throw .io("kunde inte spara i arkivet (inget fastställdes): \(error.description)")
        }
    }

    /// Temporary files of approvals that were killed: safe to remove while holding the lock.
    private func removeTemporaryFiles(in folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(AtomicFile.temporaryPrefix) {
            FileSystem.remove(folder + "/" + name)
        }
    }
}
