import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

@Suite struct SHA256Tests {
    @Test func matchesTheFIPSTestVectors() {
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

/// A store in a fresh temporary folder.
struct TemporaryStore {
    let folder: URL
    let store: Store

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-store-\(TemporaryFolder.unique())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = Store(root: folder.appendingPathComponent("store").path)
    }

    func submit(_ text: String, name: String, register: Register? = nil) throws -> Store.Receipt {
        try submit(bytes: Array(text.utf8), name: name, register: register)
    }

    func submit(bytes: [UInt8], name: String, register: Register? = nil) throws -> Store.Receipt {
        try store.submit([Store.Upload(bytes: bytes, name: name)], catalogues: .builtIn, register: register)[0]
    }

    /// Every file below the temporary folder with its bytes, to compare before and after.
    func snapshot() -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.path + "/" + path, isDirectory: &isFolder)
            result[path] = isFolder.boolValue ? Data() : FileManager.default.contents(atPath: folder.path + "/" + path)
        }
        return result
    }
}

@Suite struct StoreTests {
    static let ronnebyH1 =
        "forbund;insats;period;kon;status;avslutsorsak;antal\nblekinge;kt-ronneby;2023H1;kvinna;avslutad;arbete;3\nblekinge;kt-ronneby;2023H1;man;pagaende;;2\n"
    static let ronnebyH1Corrected =
        "forbund;insats;period;kon;status;avslutsorsak;antal\nblekinge;kt-ronneby;2023H1;kvinna;avslutad;arbete;4\nblekinge;kt-ronneby;2023H1;man;pagaende;;2\n"

    @Test func keepsTheFileByteForByteAndGivesAReceipt() throws {
        let t = try TemporaryStore()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Repository.path("SampleData/deltagare-2023H2.csv"))))
        let receipt = try t.submit(bytes: bytes, name: "deltagare-2023H2.csv", register: Repository.blekinge)
        let s = receipt.submission
        #expect(!receipt.unchanged)
        #expect(s.sequence == 1)
        #expect(s.kind == .deltagare)
        #expect(s.encoding == "Windows-1252")
        #expect(s.sha256 == SHA256.hex(of: bytes))
        #expect(s.rows == 160)
        #expect(s.perKon == ["kvinna": 93, "man": 77, "annat": 3])
        #expect(s.keys.map(\.insats) == ["kt-karlshamn", "kt-karlskrona", "kt-olofstrom", "kt-ronneby", "kt-solvesborg", "unga-vidare"])
        #expect(FileManager.default.contents(atPath: t.store.root + "/" + s.file) == Data(bytes))
        // The register given with the first submission is kept for later commands.
        #expect(try t.store.register()?.id == "blekinge")
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: t.store.root + "/index.json")))
        #expect(try JSONSchemaValidator(path: Repository.path("Schemas/store-index.schema.json")).errors(for: index) == [])
    }

    @Test func aCorrectedFileSupersedesAndHistoryKeepsBoth() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.ronnebyH1, name: "a.csv")
        let again = try t.submit(Self.ronnebyH1, name: "a-igen.csv")
        #expect(again.unchanged)
        #expect(again.submission.sequence == 1)
        let corrected = try t.submit(Self.ronnebyH1Corrected, name: "b.csv")
        #expect(corrected.submission.sequence == 2)
        #expect(corrected.superseded.map(\.previous) == [1])
        let index = try t.store.index()
        #expect(index.submissions.map(\.originalName) == ["a.csv", "b.csv"])
        #expect(index.current.values.map(\.sequence) == [2])
        // The report counts the corrected file only.
        let (dataset, problems) = Dataset.load(try t.store.sources(for: Period("2023H1")), catalogues: .builtIn)
        #expect(problems.isEmpty)
        #expect(dataset.deltagare.map(\.antal) == [4, 2])
        // Sending the first version again makes it current again: a new submission, not a no-op.
        #expect(try t.submit(Self.ronnebyH1, name: "a.csv").submission.sequence == 3)
    }

    @Test func aFileCoveringSeveralInsatserIsSupersededOnlyWhereANewerFileCovers() throws {
        let t = try TemporaryStore()
        _ = try t.submit(
            "forbund;insats;period;kon;status\nb;x;2023H1;man;pagaende\nb;y;2023H1;man;pagaende\nb;y;2023H1;kvinna;pagaende\n", name: "xy.csv")
        _ = try t.submit("forbund;insats;period;kon;status;antal\nb;x;2023H1;kvinna;pagaende;5\n", name: "x.csv")
        let (dataset, _) = Dataset.load(try t.store.sources(for: nil), catalogues: .builtIn)
        let byInsats = Dictionary(grouping: dataset.deltagare) { dataset.name($0.insats) }.mapValues { $0.reduce(0) { $0 + $1.antal } }
        #expect(byInsats == ["x": 5, "y": 2])
    }

    @Test func anInvalidFileLeavesTheStoreByteIdentical() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.ronnebyH1, name: "a.csv")
        let before = t.snapshot()
        #expect(throws: Store.Failure.self) { try t.submit("forbund;insats;period;kon;status\nb;x;2023H1;man;klar\n", name: "fel.csv") }
        #expect(throws: Store.Failure.self) {
            try t.submit("forbund;insats;period;kon;status\nb;x;2023H1;man;pagaende;811218-9876\n", name: "pnr.csv")
        }
        #expect(t.snapshot() == before)
    }

    @Test(arguments: ["../../x", "a/b", "/etc/passwd", "..", "files/../../index.json"])
    func namesInsideAFileNeverShapeAPath(insats: String) throws {
        let t = try TemporaryStore()
        let receipt = try t.submit("forbund;insats;period;kon;status\n\"../\(insats)\";\"\(insats)\";2023H1;man;pagaende\n", name: "../\(insats).csv")
        #expect(receipt.submission.keys.map(\.insats) == [insats])
        #expect(receipt.submission.file == "files/\(receipt.submission.sha256).csv")
        // Everything written is inside the store folder.
        #expect(Set(t.snapshot().keys.map { $0.split(separator: "/").first.map(String.init) ?? "" }) == ["store"])
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
    }

    @Test func verifyNamesEachKindOfDamageWithWhatToDo() throws {
        let t = try TemporaryStore()
        let a = try t.submit(Self.ronnebyH1, name: "a.csv").submission
        let b = try t.submit("forbund;insats;period;kon;status\nb;x;2023H1;man;pagaende\n", name: "b.csv").submission
        let c = try t.submit("forbund;insats;period;kon;status\nb;y;2023H1;man;pagaende\n", name: "c.csv").submission
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
        let root = t.store.root
        // Truncate a, edit b (same length), remove c, leave a temporary file and an unindexed file.
        try Data(Self.ronnebyH1.utf8.prefix(20)).write(to: URL(fileURLWithPath: root + "/" + a.file))
        var edited = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + b.file)))
        edited[edited.count - 2] = UInt8(ascii: "X")
        try Data(edited).write(to: URL(fileURLWithPath: root + "/" + b.file))
        try FileManager.default.removeItem(atPath: root + "/" + c.file)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/files/.finsam-tmp-index.json-123"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/files/0000.csv"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/files/\(SHA256.hex(of: Array("x".utf8))).csv"))
        let findings = try StoreVerifier(store: t.store).findings()
        #expect(
            findings.map(\.message) == [
                "väntade \(a.bytes) byte för inlämning 1, fann 20 (avkortad eller ändrad)",
                "kontrollsumman för inlämning 2 stämmer inte: filen har ändrats",
                "filen till inlämning 3 (c.csv) saknas, eller är en länk, ett rör eller en mapp i stället för en fil",
                "tillfällig fil från en avbruten inlämning",
                "väntade bara files/<sha256>.csv med de byte namnet anger, fann en annan fil som inget index nämner",
                "filen finns inte i indexet och har ingen inlämningspost (rest från en avbruten inlämning, eller ett äldre arkiv)",
            ])
        #expect(findings[0].advice.contains("skicka in originalfilen a.csv igen"))
        #expect(findings.map(\.isLeftover) == [false, false, false, true, false, true])
        // --repair removes the temporary file only: with damage in the store, an unnamed file stays where it is,
        // and a file finsam did not name is never finsam's to delete.
        #expect(try StoreVerifier(store: t.store).repair().map(\.summary) == ["removed \(root)/files/.finsam-tmp-index.json-123"])
        #expect(try StoreVerifier(store: t.store).findings().count == 5)
        // A damaged index is reported, and submit refuses to write over it.
        try Data("{".utf8).write(to: URL(fileURLWithPath: root + "/index.json"))
        #expect(try StoreVerifier(store: t.store).findings().first?.message.contains("arkivets index är skadat") == true)
        #expect(throws: Store.Failure.self) { try t.submit(Self.ronnebyH1Corrected, name: "d.csv") }
    }

    @Test func anEditedIndexCannotLeadAReadOutsideTheStore() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.ronnebyH1, name: "a.csv")
        let path = t.store.root + "/index.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(
            of: #""file" : "files\/[0-9a-f]+\.csv""#, with: #""file" : "../../../etc/passwd""#, options: .regularExpression)
        #expect(edited != text)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: Store.Failure.self) { try t.store.sources(for: nil) }
        #expect(try StoreVerifier(store: t.store).findings().contains { $0.message.contains("pekar på \"../../../etc/passwd\"") })
    }

    @Test func reportFromTheStoreEqualsReportFromTheFiles() throws {
        let t = try TemporaryStore()
        let paths = Repository.sampleCSVs
        _ = try t.store.submit(
            paths.map { Store.Upload(bytes: [UInt8](FileManager.default.contents(atPath: $0)!), name: $0) },
            catalogues: .builtIn, register: Repository.blekinge)
        for period in ["2023H1", "2023H2", "2023"] {
            let fromFiles = Dataset.load(paths.map { .path($0) }, catalogues: .builtIn, register: Repository.blekinge).0
            let fromStore = Dataset.load(try t.store.sources(for: nil), catalogues: .builtIn, register: try t.store.register()).0
            let a = try HalvarsRapport.make(dataset: fromFiles, period: Period(period)!, forbund: nil, goals: Repository.blekingeGoals, sources: [])
            let b = try HalvarsRapport.make(dataset: fromStore, period: Period(period)!, forbund: nil, goals: Repository.blekingeGoals, sources: [])
            let (fileReport, storeReport) = (try PublishedReport(a, protection: nil), try PublishedReport(b, protection: nil))
            #expect(JSONReportWriter.write(fileReport) == JSONReportWriter.write(storeReport), "\(period)")
        }
    }

    @Test func aStoreThatCannotBeCreatedIsAnIOFailure() throws {
        let t = try TemporaryStore()
        try Data("not a folder".utf8).write(to: t.folder.appendingPathComponent("store"))
        #expect(throws: Store.Failure.self) { try t.submit(Self.ronnebyH1, name: "a.csv") }
        #expect(t.snapshot().keys.sorted() == ["store"])
    }

    // MARK: verify --repair never destroys a submission

    /// Writes `text` as `files/<sha256>.csv` under `root`, as a stored file looks; returns its path.
    static func storedFile(_ text: String, in root: String) throws -> String {
        try FileManager.default.createDirectory(atPath: root + "/files", withIntermediateDirectories: true)
        let path = root + "/files/\(SHA256.hex(of: Array(text.utf8))).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func repairInAnOrdinaryFolderRefusesAndDeletesNothing() throws {
        let t = try TemporaryStore()
        // `--store` pointing at a folder of someone's CSV files, even ones named like stored files.
        _ = try Self.storedFile(Self.ronnebyH1, in: t.store.root)
        _ = try Self.storedFile(Self.ronnebyH1Corrected, in: t.store.root)
        try Data("x".utf8).write(to: URL(fileURLWithPath: t.store.root + "/files/rapport.csv"))
        let before = t.snapshot()
        #expect(throws: Store.Failure.self) { try StoreVerifier(store: t.store).repair() }
        do { _ = try StoreVerifier(store: t.store).repair() } catch {
            guard case .invalid(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.file) == [t.store.root + "/index.json"])
            #expect(problems[0].message.hasPrefix("verify --repair tar inte bort något här: väntade arkivets index.json, fann ingen"))
        }
        let findings = try StoreVerifier(store: t.store).findings()
        #expect(findings.count == 1)
        #expect(findings.first?.refusesRepair == true)
        // Nothing removed, and no lock file made in a folder that is not a store.
        #expect(t.snapshot() == before)
    }

    @Test(arguments: ["{", #"{"format": "finsam-store", "version": 1, "submissions": [{"sequence": 1}]}"#, ""])
    func repairWithAnUnreadableIndexAndNoRecordsRefusesAndDeletesNothing(index: String) throws {
        let t = try TemporaryStore()
        let a = try t.submit(Self.ronnebyH1, name: "a.csv").submission
        // A store written before records: nothing to rebuild the index from.
        try FileManager.default.removeItem(atPath: t.store.root + "/files/inlamning-1.json")
        _ = try Self.storedFile(Self.ronnebyH1Corrected, in: t.store.root)
        try Data("x".utf8).write(to: URL(fileURLWithPath: t.store.root + "/.finsam-tmp-index.json-1"))
        try Data(index.utf8).write(to: URL(fileURLWithPath: t.store.root + "/index.json"))
        let before = t.snapshot()
        #expect(throws: Store.Failure.self) { try StoreVerifier(store: t.store).repair() }
        #expect(t.snapshot() == before)
        #expect(FileManager.default.fileExists(atPath: t.store.root + "/" + a.file))
    }

    @Test func anIndexWithATypoKeepsEveryUnnamedFile() throws {
        let t = try TemporaryStore()
        let a = try t.submit(Self.ronnebyH1, name: "a.csv").submission
        let b = try t.submit(Self.ronnebyH1Corrected, name: "b.csv").submission
        // One character of b's checksum mistyped: b's file is now named by no submission.
        let path = t.store.root + "/index.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let typo = String(b.sha256.dropLast()) + (b.sha256.last == "0" ? "1" : "0")
        try Data(text.replacingOccurrences(of: b.sha256, with: typo).utf8).write(to: URL(fileURLWithPath: path))
        try Data("x".utf8).write(to: URL(fileURLWithPath: t.store.root + "/files/.finsam-tmp-x.csv-1"))
        let removed = try StoreVerifier(store: t.store).repair()
        #expect(removed.map(\.summary) == ["removed " + t.store.root + "/files/.finsam-tmp-x.csv-1"])
        #expect(FileManager.default.contents(atPath: t.store.root + "/" + a.file) == Data(Self.ronnebyH1.utf8))
        #expect(FileManager.default.contents(atPath: t.store.root + "/" + b.file) == Data(Self.ronnebyH1Corrected.utf8))
    }

    @Test func repairMovesAStoredFileThatNothingNamesToHittadeNeverDeletingIt() throws {
        let t = try TemporaryStore()
        let a = try t.submit(Self.ronnebyH1, name: "a.csv").submission
        let leftover = try Self.storedFile(Self.ronnebyH1Corrected, in: t.store.root)
        try Data("x".utf8).write(to: URL(fileURLWithPath: t.store.root + "/.finsam-tmp-index.json-7"))
        let done = try StoreVerifier(store: t.store).repair()
        #expect(done.map(\.summary) == ["removed " + t.store.root + "/.finsam-tmp-index.json-7", "moved " + leftover])
        let name = leftover.split(separator: "/").last.map(String.init)!
        #expect(FileManager.default.contents(atPath: t.store.root + "/hittade/" + name) == Data(Self.ronnebyH1Corrected.utf8))
        #expect(try String(contentsOfFile: t.store.root + "/hittade/" + name + ".txt", encoding: .utf8).contains("finsam submit hittade/\(name)"))
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
        #expect(FileManager.default.fileExists(atPath: t.store.root + "/" + a.file))
    }

    @Test func repairNeverFollowsASymbolicLinkForFiles() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.ronnebyH1, name: "a.csv")
        // files/ replaced by a link to another folder, which holds files the index does not name.
        let elsewhere = t.folder.appendingPathComponent("elsewhere").path
        let kept = try Self.storedFile(Self.ronnebyH1Corrected, in: elsewhere)
        try FileManager.default.moveItem(atPath: t.store.root + "/files", toPath: t.folder.appendingPathComponent("old-files").path)
        try FileManager.default.createSymbolicLink(atPath: t.store.root + "/files", withDestinationPath: elsewhere + "/files")
        let before = t.snapshot()
        #expect(throws: Store.Failure.self) { try StoreVerifier(store: t.store).repair() }
        #expect(t.snapshot() == before)
        #expect(FileManager.default.fileExists(atPath: kept))
        #expect(
            try StoreVerifier(store: t.store).findings().contains {
                $0.message == "väntade arkivets mapp files/, fann en symbolisk länk eller en fil"
            })
    }

    // MARK: reports read only intact files

    @Test func aHandEditedStoredFileIsRefusedByTheReportNamingIt() throws {
        let t = try TemporaryStore()
        let a = try t.submit(Self.ronnebyH1, name: "a.csv").submission
        // Same length, one count changed: only the checksum can tell.
        let path = t.store.root + "/" + a.file
        try Data(Self.ronnebyH1.replacingOccurrences(of: "arbete;3", with: "arbete;9").utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try t.store.sources(for: nil)
            Issue.record("a changed stored file was read")
        } catch {
            guard case .invalid(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.file) == [path])
            #expect(
                problems[0].message.hasPrefix(
                    "väntade den sparade filen till inlämning 1 (a.csv) oförändrad, med SHA-256 \(a.sha256.prefix(12))…, fann en annan SHA-256"))
            #expect(problems[0].message.hasSuffix("kör finsam verify, och skicka in originalfilen igen"))
        }
    }

    // MARK: the lock

    @Test func aSymbolicLinkAsTheLockIsRefusedAndNotFollowed() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.ronnebyH1, name: "a.csv")
        let target = t.folder.appendingPathComponent("elsewhere").path
        try FileManager.default.removeItem(atPath: t.store.root + "/lock")
        try FileManager.default.createSymbolicLink(atPath: t.store.root + "/lock", withDestinationPath: target)
        do {
            _ = try t.submit(Self.ronnebyH1Corrected, name: "b.csv")
            Issue.record("submitted through a linked lock")
        } catch let error as Store.Failure {
            guard case .damaged(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.hasPrefix("\(t.store.root)/lock: väntade arkivets låsfil, fann en symbolisk länk"))
        }
        #expect(throws: Store.Failure.self) { try StoreVerifier(store: t.store).findings() }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try t.store.index().submissions.count == 1)
    }

    @Test func aWriterWaitingForAHeldLockNamesTheHolderAndGivesUp() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.ronnebyH1, name: "a.csv")
        // Another process's lock: a second open file description of the lock file, holding LOCK_EX, with a
        // process id in the file as a writer writes it.
        let fd = open(t.store.root + "/lock", O_RDWR)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        _ = ftruncate(fd, 0)
        _ = "\(getpid())\n".withCString { write(fd, $0, strlen($0)) }
        var store = t.store
        store.lockTimeout = 1.3
        let told = Told()
        store.onLockWait = { told.add($0) }
        let started = ContinuousClock.now
        do {
            _ = try store.submit([Store.Upload(bytes: Array(Self.ronnebyH1Corrected.utf8), name: "b.csv")], catalogues: .builtIn, register: nil)
            Issue.record("submitted while the lock was held")
        } catch {
            guard case .io(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.hasPrefix("\(store.root)/lock: arkivet är fortfarande låst av process \(getpid()) efter 1,3 s"))
            #expect(message.contains("ps -p \(getpid())"))
        }
        #expect(ContinuousClock.now - started >= .seconds(1.3))
        #expect(told.messages == ["finsam: arkivet \(store.root) är låst av process \(getpid()) (\(store.root)/lock); väntar högst 1,3 s …\n"])
        // verify reads under a shared lock: it waits for the writer too, rather than reporting half a submit.
        store.lockTimeout = 0.2
        #expect(throws: Store.Failure.self) { try StoreVerifier(store: store).findings() }
        flock(fd, LOCK_UN)
        #expect(try StoreVerifier(store: store).findings().isEmpty)
        #expect(
            try store.submit([Store.Upload(bytes: Array(Self.ronnebyH1Corrected.utf8), name: "b.csv")], catalogues: .builtIn, register: nil).count
                == 1)
    }
}

/// Messages a test collects from a `@Sendable` callback.
final class Told: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    func add(_ message: String) {
        lock.lock()
        collected.append(message)
        lock.unlock()
    }
    var messages: [String] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}

extension StoreVerifier.Repair {
    /// What a repair did, as a test compares it: "removed PATH", "restored N", "moved PATH", "chained".
    var summary: String {
        switch self {
        case .removed(let finding): "removed \(finding.path)"
        case .restored(let submission): "restored \(submission.sequence)"
        case .restoredEvent(let event): "restored event \(event.sequence)"
        case .moved(let finding, _): "moved \(finding.path)"
        case .chained: "chained"
        case .rebuilt(let submissions, let events, let moved): "rebuilt \(submissions) \(events)\(moved == nil ? "" : " moved")"
        }
    }
}
