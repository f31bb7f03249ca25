import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `finsam verify`: re-reads the whole store and names every damage with what to do about it.
///
/// It reads under a shared lock, so that a submit at work is waited for rather than reported as damage.
/// `--repair` removes only what finsam itself leaves behind, and only in a folder that is a store: finsam's
/// temporary files, and a `files/<sha256>.csv` that no submission names (whose bytes match its name) only
/// when the index is intact and every other check passes — an index restored from an older copy or edited
/// by hand must never make it delete the files it no longer names.
public struct StoreVerifier {
    public struct Finding: Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var advice: String
        /// What finsam left behind itself, if this is such a file; `nil` for damage.
        public var leftover: Leftover?

        public enum Leftover: Sendable {
            /// A temporary file of a submit that was killed.
            case temporary
            /// `files/<sha256>.csv` with the bytes its name says, named by no submission.
            case unnamed
        }

        /// The folder is no store, or its index cannot be read: `--repair` deletes nothing at all.
        public var refusesRepair: Bool

        /// Left by a submit that was killed: harmless, removable by `--repair`.
        public var isLeftover: Bool { leftover != nil }

        init(path: String, message: String, advice: String, leftover: Leftover? = nil, refusesRepair: Bool = false) {
            self.path = path
            self.message = message
            self.advice = advice
            self.leftover = leftover
            self.refusesRepair = refusesRepair
        }

        public var description: String { "\(path): \(Problem.word) \(message) — \(advice)" }
    }

    public let store: Store

    public init(store: Store) {
        self.store = store
    }

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
        guard (try? FileSystem.status(store.indexPath, followingLinks: false)) != nil else {
            return [
                Finding(
                    path: store.indexPath,
                    message: "väntade arkivets index.json, fann ingen: \(store.root) är inget finsam-arkiv, eller dess index har försvunnit",
                    advice: "ange arkivets mapp med --store eller FINSAM_STORE; är det arkivet, \(Self.restoreIndex)", refusesRepair: true)
            ]
        }
        let index: StoreIndex
        do { index = try store.index() } catch {
            let prefix = "\(store.indexPath): \(Problem.word) "
            let message = error.description.hasPrefix(prefix) ? String(error.description.dropFirst(prefix.count)) : error.description
            return [Finding(path: store.indexPath, message: message, advice: Self.restoreIndex, refusesRepair: true)]
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
            guard let data = FileManager.default.contents(atPath: at) else {
                findings.append(
                    Finding(path: at, message: "filen till inlämning \(submission.sequence) (\(submission.originalName)) saknas", advice: resend))
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
        findings += approvalFindings(index)
        // approvals/ holds what `approve` wrote; only its temporary files are looked at here.
        var folders = [(store.root, ""), (store.root + "/approvals", "approvals/")]
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
                                ? "tillfällig fil från en avbruten fastställelse" : "tillfällig fil från en avbruten inlämning",
                            advice: "ta bort den (finsam verify --repair gör det); arkivets innehåll påverkas inte",
                            leftover: isFile ? .temporary : nil))
                } else if relative == "files/" && !referenced.contains(relative + name) {
                    let sha = name.hasSuffix(".csv") ? String(name.dropLast(4)) : name.hasSuffix(".xlsx") ? String(name.dropLast(5)) : ""
                    if isFile, Self.isChecksum(sha), let data = FileManager.default.contents(atPath: path), SHA256.hex(of: [UInt8](data)) == sha {
                        findings.append(
                            Finding(
                                path: path, message: "filen finns inte i indexet (rest från en avbruten inlämning)",
                                advice: "finsam verify --repair tar bort den när allt annat i arkivet stämmer; skicka in filen igen om den behövs",
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

    /// Removes leftovers (never a file the index names), under the store's exclusive lock: temporary files,
    /// and unnamed stored files only when nothing else is wrong. Refuses a folder without a valid index.
    public func repair() throws(Store.Failure) -> [Finding] {
        // Checked before the lock, so that no lock file is made in a folder that is not a store.
        if let refusal = check().first(where: \.refusesRepair) { throw Self.refuse(refusal) }
        let lock = try FileLock(store: store, mode: .exclusive)
        defer { lock.unlock() }
        let findings = check()
        if let refusal = findings.first(where: \.refusesRepair) { throw Self.refuse(refusal) }
        let intact = findings.allSatisfy(\.isLeftover)
        let removable = findings.filter { $0.leftover == .temporary || ($0.leftover == .unnamed && intact) }
        for finding in removable { unlink(finding.path) }
        return removable
    }

    private static func refuse(_ finding: Finding) -> Store.Failure {
        .invalid([
            Problem(file: finding.path, position: nil, message: "verify --repair tar inte bort något här: \(finding.message) — \(finding.advice)")
        ])
    }
}
