import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// Issue #25's "done when": random sequences of submit, replace, approve, reopen, index restore from any
/// earlier copy, a damaged index and `verify --repair`, after which every file ever received is still in `files/` or in
/// `hittade/`, and the repaired store verifies.
///
/// A few seconds by default; `FINSAM_PROPERTY_RUNS=500` runs that many sequences (each seed printed on failure).
@Suite struct StorePropertyTests {
    static var runs: Int { ProcessInfo.processInfo.environment["FINSAM_PROPERTY_RUNS"].flatMap(Int.init) ?? 6 }
    static let periods = ["2023H1", "2023H2"]
    static let insatser = ["kt-ronneby", "kt-karlshamn"]

    enum Step: CaseIterable { case submit, replace, approve, reopen, restore, damage, repair }

    static func file(insats: String, period: String, antal: Int) -> String {
        "forbund;insats;period;kon;status;avslutsorsak;antal\nblekinge;\(insats);\(period);kvinna;avslutad;arbete;\(antal)\n"
            + "blekinge;\(insats);\(period);man;pagaende;;1\n"
    }

    /// The SHA-256 of every file in `files/` and `hittade/` whose bytes match its name.
    static func kept(_ root: String) -> Set<String> {
        var result = Set<String>()
        for folder in ["files", "hittade"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? [] {
                let sha = String(name.prefix { $0 != "." })
                guard sha.count == 64, let data = FileManager.default.contents(atPath: root + "/" + folder + "/" + name),
                    SHA256.hex(of: [UInt8](data)) == sha
                else { continue }
                result.insert(sha)
            }
        }
        return result
    }

    @Test func everyFileEverReceivedSurvivesAnySequenceOfSubmitsApprovalsIndexRestoresAndRepairs() throws {
        for run in 0..<Self.runs {
            let seed = UInt64(run) &* 7919 &+ 25
            var random = SeededGenerator(seed: seed)
            let t = try TemporaryStore()
            defer { try? FileManager.default.removeItem(at: t.folder) }
            var received = Set<String>()
            var copies: [Data] = []
            var counter = 0
            var steps: [String] = []
            for _ in 0..<Int.random(in: 8...30, using: &random) {
                let step = Step.allCases.randomElement(using: &random)!
                let period = Period(Self.periods.randomElement(using: &random)!)!
                steps.append("\(step) \(period)")
                switch step {
                case .submit, .replace:
                    // One or two files in one submit; a replacement may shrink a unit (--replace).
                    counter += 1
                    let count = step == .submit ? Int.random(in: 1...2, using: &random) : 1
                    let uploads = (0..<count).map { i in
                        Store.Upload(
                            bytes: Array(Self.file(insats: Self.insatser[i], period: period.description, antal: counter + i).utf8),
                            name: "f\(counter)-\(i).csv")
                    }
                    let options = Store.SubmitOptions(allowShrinking: step == .replace)
                    if let receipts = try? t.store.submit(uploads, catalogues: .builtIn, register: nil, options: options) {
                        received.formUnion(receipts.map(\.submission.sha256))
                    }
                case .approve:
                    _ = try? t.store.approve(period: period, beslut: "styrelsen § \(counter)") { _, _ in [] }
                case .reopen:
                    _ = try? t.store.reopen(period: period, reason: "rättelse \(counter)")
                case .restore:
                    if let copy = copies.randomElement(using: &random) {
                        try copy.write(to: URL(fileURLWithPath: t.store.root + "/index.json"))
                    }
                case .damage:
                    // An index cut off or lost: the records rebuild it.
                    if FileManager.default.fileExists(atPath: t.store.root + "/index.json") {
                        try Data("{".utf8).write(to: URL(fileURLWithPath: t.store.root + "/index.json"))
                    }
                case .repair:
                    // A store not yet made is refused, rightly; any other refusal fails the test.
                    if FileManager.default.fileExists(atPath: t.store.root + "/index.json") { _ = try StoreVerifier(store: t.store).repair() }
                }
                if let index = FileManager.default.contents(atPath: t.store.root + "/index.json") { copies.append(index) }
                #expect(received.isSubset(of: Self.kept(t.store.root)), "seed \(seed): \(steps)")
            }
            guard FileManager.default.fileExists(atPath: t.store.root + "/index.json") else { continue }
            _ = try StoreVerifier(store: t.store).repair()
            #expect(received.isSubset(of: Self.kept(t.store.root)), "seed \(seed): \(steps)")
            let findings = try StoreVerifier(store: t.store).findings().filter { !$0.isNote }
            #expect(findings.isEmpty, "seed \(seed): \(steps): \(findings)")
            // Every file still in files/ that a submission was made of is in the index again.
            let named = Set(try t.store.index().submissions.map(\.sha256))
            let inFiles = Self.kept(t.store.root).subtracting(
                Set(((try? FileManager.default.contentsOfDirectory(atPath: t.store.root + "/hittade")) ?? []).map { String($0.prefix { $0 != "." }) })
            )
            #expect(inFiles.isSubset(of: named), "seed \(seed): \(steps)")
        }
    }
}
