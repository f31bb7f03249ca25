import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `finsam verify`: re-reads the whole store and names every damage with what to do about it.
public struct StoreVerifier {
    public struct Finding: Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var advice: String
        /// Left by a submit that was killed (a temporary file, a file no index names): harmless, removable.
        public var isLeftover: Bool

        public var description: String { "\(path): error: \(message) — \(advice)" }
    }

    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    public func findings() -> [Finding] {
        var findings: [Finding] = []
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: store.root, isDirectory: &isFolder), isFolder.boolValue else {
            return [Finding(path: store.root, message: "arkivet finns inte", advice: "ange rätt mapp med --store eller FINSAM_STORE", isLeftover: false)]
        }
        let index: StoreIndex
        do { index = try store.index() } catch {
            return [Finding(path: store.indexPath, message: error.description,
                            advice: "återställ index.json från en säkerhetskopia; filerna under files/ är orörda", isLeftover: false)]
        }
        var referenced = Set<String>()
        var previous = 0
        for submission in index.submissions {
            let at = "\(store.root)/\(submission.file)"
            if submission.sequence <= previous {
                findings.append(Finding(path: store.indexPath, message: "inlämning \(submission.sequence) kommer efter \(previous) i indexet",
                                        advice: "indexet har redigerats för hand; återställ det från en säkerhetskopia", isLeftover: false))
            }
            previous = submission.sequence
            guard submission.file == "files/\(submission.sha256).csv", submission.sha256.count == 64,
                  submission.sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                findings.append(Finding(path: store.indexPath, message: "inlämning \(submission.sequence) pekar på \"\(submission.file)\", inte på files/<sha256>.csv",
                                        advice: "indexet har redigerats för hand; återställ det från en säkerhetskopia", isLeftover: false))
                continue
            }
            referenced.insert(submission.file)
            let resend = "skicka in originalfilen \(submission.originalName) igen (finsam submit), eller återställ filen från en säkerhetskopia"
            guard let data = FileManager.default.contents(atPath: at) else {
                findings.append(Finding(path: at, message: "filen till inlämning \(submission.sequence) (\(submission.originalName)) saknas", advice: resend, isLeftover: false))
                continue
            }
            if data.count != submission.bytes {
                findings.append(Finding(path: at, message: "väntade \(submission.bytes) byte för inlämning \(submission.sequence), fann \(data.count) (avkortad eller ändrad)",
                                        advice: resend, isLeftover: false))
            } else if SHA256.hex(of: [UInt8](data)) != submission.sha256 {
                findings.append(Finding(path: at, message: "kontrollsumman för inlämning \(submission.sequence) stämmer inte: filen har ändrats",
                                        advice: resend, isLeftover: false))
            }
        }
        for (folder, relative) in [(store.root, ""), (store.filesPath, "files/")] {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
                if name.hasPrefix(AtomicFile.temporaryPrefix) {
                    findings.append(Finding(path: "\(folder)/\(name)", message: "tillfällig fil från en avbruten inlämning",
                                            advice: "ta bort den (finsam verify --repair gör det); arkivets innehåll påverkas inte", isLeftover: true))
                } else if relative == "files/" && !referenced.contains(relative + name) {
                    findings.append(Finding(path: "\(folder)/\(name)", message: "filen finns inte i indexet (rest från en avbruten inlämning)",
                                            advice: "ta bort den (finsam verify --repair gör det) och skicka in filen igen om den behövs", isLeftover: true))
                }
            }
        }
        return findings
    }

    /// Removes leftovers (never a file the index names), under the store's lock.
    public func repair() throws(Store.Failure) -> [Finding] {
        let lock = try FileLock(path: store.root + "/lock")
        defer { lock.unlock() }
        let leftovers = findings().filter(\.isLeftover)
        for finding in leftovers { unlink(finding.path) }
        return leftovers
    }
}
