import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

#if canImport(Glibc)
import Glibc
#endif

/// The store never loses a submission and notices a hand edit (issue #25): a record per submission beside its
/// file, `verify --repair` that puts lost submissions back instead of deleting them, the index's chain, the
/// store's permissions and its temporary files.
@Suite struct StoreIntegrityTests {
    static let h1 = StoreTests.ronnebyH1
    static let h2 =
        "forbund;insats;period;kon;status;avslutsorsak;antal\nblekinge;kt-ronneby;2023H2;kvinna;avslutad;arbete;5\nblekinge;kt-ronneby;2023H2;man;pagaende;;2\n"
    static let h2Svar = "forbund;insats;period;enkat;kon;stod\nblekinge;kt-ronneby;2023H2;deltagare-avslut;kvinna;4\n"

    func upload(_ text: String, _ name: String) -> Store.Upload { Store.Upload(bytes: Array(text.utf8), name: name) }

    func indexData(_ t: TemporaryStore) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: t.store.root + "/index.json")) }
    func restore(_ data: Data, in t: TemporaryStore) throws { try data.write(to: URL(fileURLWithPath: t.store.root + "/index.json")) }

    @Test func verifyRepairPutsBackTheSubmissionsAnIndexRestoredFromAnOlderCopyLost() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.h1, name: "deltagare-2023H1.csv")
        let old = try indexData(t)
        let later = try t.store.submit(
            [upload(Self.h2, "deltagare-2023H2.csv"), upload(Self.h2Svar, "indikatorsvar-2023H2.csv")], catalogues: .builtIn, register: nil)
        #expect(later.map(\.submission.sequence) == [2, 3])
        try restore(old, in: t)
        let findings = try StoreVerifier(store: t.store).findings()
        #expect(findings.count == 2)
        #expect(findings.first?.message.hasPrefix("inlämning 2 (deltagare-2023H2.csv, mottagen ") == true)
        #expect(findings.last?.message.hasPrefix("inlämning 3 (indikatorsvar-2023H2.csv, mottagen ") == true)
        #expect(findings.allSatisfy { $0.message.hasSuffix("finns i arkivet men inte i indexet") })
        let done = try StoreVerifier(store: t.store).repair()
        #expect(done.map(\.summary) == ["restored 2", "restored 3"])
        let index = try t.store.index()
        #expect(index.submissions.map(\.sequence) == [1, 2, 3])
        #expect(index.submissions.map(\.originalName) == ["deltagare-2023H1.csv", "deltagare-2023H2.csv", "indikatorsvar-2023H2.csv"])
        #expect(index.chainState == .intact)
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
        // Every file is where it was, and the report reads the later submissions again.
        for receipt in later {
            #expect(t.store.storedFileIsIntact(receipt.submission.file, sha: receipt.submission.sha256, size: receipt.submission.bytes))
        }
        #expect(try t.store.sources(for: Period("2023H2")).count == 2)
    }

    @Test func anApprovalAnIndexRestoredFromAnOlderCopyLostIsPutBackAndLocksAgain() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.h2, name: "a.csv")
        let old = try indexData(t)
        _ = try t.store.approve(period: Period("2023H2")!, beslut: "styrelsen § 12") { _, _ in [] }
        try restore(old, in: t)
        #expect(try t.store.index().lock(for: Period("2023H2")!) == nil)
        // Nothing is approved or submitted meanwhile (a second approval with no reopening between, or a file
        // in a period approved before it): the store says to repair it first.
        #expect(throws: Store.Failure.self) { _ = try t.store.approve(period: Period("2023H2")!, beslut: "styrelsen § 13") { _, _ in [] } }
        #expect(throws: Store.Failure.self) { _ = try t.submit(Self.h1, name: "b.csv") }
        #expect(try t.store.index().approvals ?? [] == [])
        let findings = try StoreVerifier(store: t.store).findings()
        #expect(findings.map(\.message) == ["händelse 1 (fastställd 2023H2: styrelsen § 12) finns i arkivet men inte i indexet"])
        #expect(try StoreVerifier(store: t.store).repair().map(\.summary) == ["restored event 1"])
        let index = try t.store.index()
        #expect(index.approvals?.map(\.text) == ["styrelsen § 12"])
        #expect(index.lock(for: Period("2023H2")!) != nil)
        #expect(index.chainState == .intact)
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
    }

    @Test(arguments: ["{", "", nil])
    func aMissingOrUnreadableIndexIsRebuiltFromTheRecordsAndTheOldOneKept(damage: String?) throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.h1, name: "a.csv")
        _ = try t.store.submit([upload(Self.h2, "b.csv"), upload(Self.h2Svar, "c.csv")], catalogues: .builtIn, register: nil)
        _ = try t.store.approve(period: Period("2023H2")!, beslut: "styrelsen § 12") { _, _ in [] }
        let before = try t.store.index()
        let path = t.store.root + "/index.json"
        if let damage { try Data(damage.utf8).write(to: URL(fileURLWithPath: path)) } else { try FileManager.default.removeItem(atPath: path) }
        #expect(try StoreVerifier(store: t.store).findings().first?.rebuildsIndex == true)
        #expect(try StoreVerifier(store: t.store).repair().map(\.summary) == ["rebuilt 3 1\(damage == nil ? "" : " moved")"])
        let after = try t.store.index()
        #expect(after.submissions == before.submissions)
        #expect(after.approvals == before.approvals)
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
        // The unreadable index is kept, not deleted.
        let found = (try? FileManager.default.contentsOfDirectory(atPath: t.store.root + "/hittade")) ?? []
        #expect(found.filter { $0.hasPrefix("index-") && $0.hasSuffix(".json") }.count == (damage == nil ? 0 : 1))
    }

    @Test func aSubmitAfterARestoredIndexNeverTakesTheNumberOfALostSubmission() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.h1, name: "a.csv")
        let old = try indexData(t)
        _ = try t.submit(Self.h2, name: "b.csv")
        try restore(old, in: t)
        // Submitted before anyone runs verify: number 3, not a second number 2.
        #expect(try t.submit(Self.h2Svar, name: "c.csv").submission.sequence == 3)
        #expect(try StoreVerifier(store: t.store).repair().map(\.summary) == ["restored 2"])
        #expect(try t.store.index().submissions.map(\.originalName) == ["a.csv", "b.csv", "c.csv"])
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
    }

    @Test func aSubmitOfSeveralFilesKilledBetweenItsRecordsGoesBackWholeOrToHittade() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.h1, name: "a.csv")
        let old = try indexData(t)
        let both = try t.store.submit([upload(Self.h2, "b.csv"), upload(Self.h2Svar, "c.csv")], catalogues: .builtIn, register: nil)
        try restore(old, in: t)
        // As if killed after the first record: the second is not there.
        try FileManager.default.removeItem(atPath: t.store.root + "/files/inlamning-3.json")
        let done = try StoreVerifier(store: t.store).repair()
        #expect(
            Set(done.map(\.summary)) == [
                "moved \(t.store.root)/files/inlamning-2.json", "moved \(t.store.root)/\(both[0].submission.file)",
                "moved \(t.store.root)/\(both[1].submission.file)",
            ])
        #expect(try t.store.index().submissions.map(\.sequence) == [1])
        // Nothing deleted: both files and the record are in hittade/, each with a note.
        let found = try FileManager.default.contentsOfDirectory(atPath: t.store.root + "/hittade").sorted()
        #expect(found.count == 6)
        #expect(found.contains("inlamning-2.json"))
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
    }

    @Test func aHandEditedDecisionOrSubmissionBreaksTheChainAndVerifyNamesIt() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.h2, name: "a.csv")
        _ = try t.store.approve(period: Period("2023H2")!, beslut: "styrelsen § 12") { _, _ in [] }
        #expect(try t.store.index().chainState == .intact)
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
        let path = t.store.root + "/index.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "styrelsen § 12", with: "styrelsen § 13").utf8).write(to: URL(fileURLWithPath: path))
        #expect(try t.store.index().chainState == .broken(submission: nil, approval: 1))
        let findings = try StoreVerifier(store: t.store).findings()
        // Named twice: the chain breaks there, and the event's record says otherwise.
        #expect(
            findings.map(\.message) == [
                "kedjan i indexet bryts vid händelse 1: indexet har ändrats efter att finsam skrev det",
                "händelse 1 i indexet skiljer sig från dess post approvals/handelse-1.json",
            ])
        // A submission's received time edited: the chain breaks there, and the record disagrees too.
        try Data(text.replacingOccurrences(of: "\"rows\" : 2", with: "\"rows\" : 3").utf8).write(to: URL(fileURLWithPath: path))
        #expect(try t.store.index().chainState == .broken(submission: 1, approval: nil))
        #expect(try StoreVerifier(store: t.store).findings().count == 2)
    }

    @Test func aStoreWrittenBeforeTheChainVerifiesWithANoteAndIsChainedOnItsNextWrite() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.h1, name: "a.csv")
        // The index as an older finsam wrote it: no chain, and no records.
        var index = try t.store.index()
        for i in index.submissions.indices { index.submissions[i].chain = nil }
        try Data(JSONReportWriter.encode(index).utf8).write(to: URL(fileURLWithPath: t.store.root + "/index.json"))
        try FileManager.default.removeItem(atPath: t.store.root + "/files/inlamning-1.json")
        let findings = try StoreVerifier(store: t.store).findings()
        #expect(findings.map(\.isNote) == [true])
        #expect(findings.first?.description.contains("obs: kedjan saknas") == true)
        _ = try t.submit(Self.h2, name: "b.csv")
        #expect(try t.store.index().chainState == .intact)
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
    }

    @Test func storeFilesAreReadableByTheGroupOnlyAndFoldersEnterableByTheGroupOnly() throws {
        let mask = umask(0o022)
        umask(mask)
        let t = try TemporaryStore()
        _ = try t.store.submit([upload(Self.h2, "a.csv")], catalogues: .builtIn, register: Repository.blekinge)
        _ = try t.store.approve(period: Period("2023H2")!, beslut: "styrelsen § 1") { _, _ in
            [Store.ApprovalArtefact(role: "rapport.md", fileExtension: "md", name: nil, bytes: Array("rapport".utf8))]
        }
        let enumerator = FileManager.default.enumerator(atPath: t.store.root)
        var checked = 0
        while let relative = enumerator?.nextObject() as? String {
            guard relative != "lock" else { continue }
            let status = try FileSystem.status(t.store.root + "/" + relative)
            #expect(status.permissions == (status.kind == .directory ? 0o750 : 0o640) & ~mask, "\(relative)")
            checked += 1
        }
        #expect(checked >= 7)  // files/, approvals/, index.json, forbund.json, the file, its record, the report
        #expect(try FileSystem.status(t.store.root).permissions == 0o750 & ~mask)
    }

    @Test func aSymbolicLinkAsApprovalsIsRefusedAndNotFollowed() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.h2, name: "a.csv")
        let elsewhere = t.folder.appendingPathComponent("elsewhere").path
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: t.store.root + "/approvals", withDestinationPath: elsewhere)
        #expect(throws: Store.Failure.self) {
            try t.store.approve(period: Period("2023H2")!, beslut: "styrelsen § 1") { _, _ in
                [Store.ApprovalArtefact(role: "rapport.md", fileExtension: "md", name: nil, bytes: Array("rapport".utf8))]
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
        #expect(try t.store.index().approvals == nil)
        let findings = try StoreVerifier(store: t.store).findings()
        #expect(findings.map(\.message) == ["väntade arkivets mapp approvals/, fann en symbolisk länk eller en fil"])
        #expect(throws: Store.Failure.self) { try StoreVerifier(store: t.store).repair() }
    }

    @Test func reopeningAYearReopensEachApprovedHalvarOfIt() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.h1, name: "a.csv")
        _ = try t.submit(Self.h2, name: "b.csv")
        _ = try t.store.approve(period: Period("2023H1")!, beslut: "styrelsen § 1") { _, _ in [] }
        _ = try t.store.approve(period: Period("2023H2")!, beslut: "styrelsen § 2") { _, _ in [] }
        let reopened = try t.store.reopen(period: Period("2023")!, reason: "rättelse")
        #expect(reopened.map(\.period.description) == ["2023H1", "2023H2"])
        #expect(reopened.map(\.sequence) == [3, 4])
        let index = try t.store.index()
        #expect(index.lock(for: Period("2023H1")!) == nil)
        #expect(index.lock(for: Period("2023H2")!) == nil)
        #expect(index.chainState == .intact)
    }

    @Test func aPlantedLinkAtTheTemporaryNameIsNeverWrittenThroughAndAFreshNameIsTaken() throws {
        let folder = try TemporaryFolder.make()
        let victim = folder.appendingPathComponent("offer.txt").path
        try Data("orörd".utf8).write(to: URL(fileURLWithPath: victim))
        let target = folder.appendingPathComponent("rapport.md").path
        // The first name finsam will try, planted as a link to another file, and the second as a plain file.
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent(".finsam-tmp-rapport.md-\(getpid())-first").path, withDestinationPath: victim)
        try Data("planterad".utf8).write(to: folder.appendingPathComponent(".finsam-tmp-rapport.md-\(getpid())-second"))
        var names = ["first", "second", "third"].makeIterator()
        try AtomicFile.write(to: target, createMode: 0o640, permissions: nil, prepare: nil, suffix: { names.next() ?? "x" }) { write in
            write(Array("ny rapport".utf8))
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "orörd")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "ny rapport")
        #expect(
            try String(contentsOfFile: folder.appendingPathComponent(".finsam-tmp-rapport.md-\(getpid())-second").path, encoding: .utf8)
                == "planterad")
    }

    @Test func aLockTimeoutOfAnyLengthNeverTraps() throws {
        let t = try TemporaryStore()
        var store = t.store
        for timeout in [1e19, .infinity, .nan, -1] {
            store.lockTimeout = timeout
            #expect(try store.submit([upload(Self.h1, "a.csv")], catalogues: .builtIn, register: nil).count == 1)
        }
    }

    @Test(arguments: [
        "2024-02-30T00:00:00Z", "2024-02-20T09:00:00+99:99", "2023-13-01T00:00:00Z", "2024-02-20T24:00:00Z", "2024-02-20T09:00:00+14:30",
    ])
    func anImpossibleFixedTimeIsRefused(text: String) {
        #expect(Clock.instant(text) == nil)
    }

    @Test(arguments: ["2024-02-29T00:00:00Z", "2024-02-20T09:00:00+01:00", "2024-02-20T09:00:00.250Z", "2024-02-20T09:00:00-14:00"])
    func aRealFixedTimeIsTaken(text: String) {
        #expect(Clock.instant(text) != nil)
    }
}
