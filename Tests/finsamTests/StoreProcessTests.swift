import Foundation
import FinsamTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The store under real processes: killed writers and concurrent writers.
@Suite(.serialized) struct StoreProcessTests {
    static func deltagare(insats: String, antal: Int) -> String {
        "forbund;insats;period;kon;status;avslutsorsak;antal\nblekinge;\(insats);2023H1;kvinna;avslutad;arbete;\(antal)\nblekinge;\(insats);2023H1;man;pagaende;;1\n"
    }

    struct Index: Decodable {
        struct Submission: Decodable { var sequence: Int; var sha256: String; var originalName: String }
        var submissions: [Submission]
    }

    func index(_ store: URL) throws -> Index {
        let url = store.appendingPathComponent("index.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return Index(submissions: []) }
        return try JSONDecoder().decode(Index.self, from: Data(contentsOf: url))
    }

    @Test func aSubmitKilledAtAnyMomentLeavesTheOldOrTheNewStateNeverAMix() throws {
        let folder = try TemporaryFolder.make()
        let store = folder.appendingPathComponent("store")
        try Data(Self.deltagare(insats: "kt-ronneby", antal: 3).utf8).write(to: folder.appendingPathComponent("v1.csv"))
        #expect(try FinsamProcess.run(["submit", "--store", store.path, "v1.csv"], in: folder).status == 0)
        // Kill delays span 1.5 times an uninterrupted submit on this machine, so that some submits finish and
        // the others die at every stage of their work.
        try Data(Self.deltagare(insats: "kt-ronneby", antal: 9).utf8).write(to: folder.appendingPathComponent("timing.csv"))
        let started = Date()
        #expect(try FinsamProcess.run(["submit", "--store", store.path, "timing.csv"], in: folder).status == 0)
        let window = UInt32(max(Date().timeIntervalSince(started), 0.005) * 1.5 * 1_000_000)
        var generator = SystemRandomNumberGenerator()
        var outcomes = (old: 0, new: 0)
        for attempt in 0..<40 {
            let name = "v\(attempt + 2).csv"
            try Data(Self.deltagare(insats: "kt-ronneby", antal: 10 + attempt).utf8).write(to: folder.appendingPathComponent(name))
            let before = try index(store).submissions.count
            let process = Process()
            process.executableURL = FinsamProcess.binary
            process.arguments = ["submit", "--store", store.path, name]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...window, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let after = try index(store)
            #expect(after.submissions.count == before || after.submissions.count == before + 1, "attempt \(attempt)")
            if after.submissions.count == before { outcomes.old += 1 } else { outcomes.new += 1 }
            // Whatever the index names is complete and checks out; anything else is a leftover, or a submission
            // whose record was written and the index not yet, which --repair puts back into the index.
            let verify = try FinsamProcess.run(["verify", "--store", store.path])
            for line in verify.stderr.split(separator: "\n") {
                #expect(line.contains("avbruten inlämning") || line.contains("finns i arkivet men inte i indexet"), "attempt \(attempt): \(line)")
            }
            #expect(try FinsamProcess.run(["verify", "--repair", "--store", store.path]).status == 0)
            // Never a file lost: each file the index ever named is still named by it.
            #expect(try index(store).submissions.count >= after.submissions.count, "attempt \(attempt)")
        }
        // Both outcomes occur (a failure here means the delays missed the submit's run: rerun).
        #expect(outcomes.old > 0)
        #expect(outcomes.new > 0)
    }

    @Test func concurrentSubmitsAreSerialisedAndNoneIsLost() throws {
        let folder = try TemporaryFolder.make()
        let store = folder.appendingPathComponent("store")
        let insatser = ["kt-karlskrona", "kt-karlshamn", "kt-ronneby", "kt-olofstrom", "kt-solvesborg", "unga-vidare", "a", "b"]
        var processes: [(Process, URL)] = []
        for (i, insats) in insatser.enumerated() {
            try Data(Self.deltagare(insats: insats, antal: i + 1).utf8).write(to: folder.appendingPathComponent("\(insats).csv"))
            let process = Process()
            process.executableURL = FinsamProcess.binary
            process.arguments = ["submit", "--store", store.path, "\(insats).csv"]
            process.currentDirectoryURL = folder
            let out = folder.appendingPathComponent("\(insats).receipt")
            try Data().write(to: out)
            process.standardOutput = try FileHandle(forWritingTo: out)
            processes.append((process, out))
        }
        for (process, _) in processes { try process.run() }
        for (process, _) in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.0.terminationStatus == 0 })
        let after = try index(store)
        #expect(after.submissions.map(\.sequence) == Array(1...insatser.count))
        #expect(Set(after.submissions.map(\.originalName)) == Set(insatser.map { "\($0).csv" }))
        // Every receipt's checksum is in the index.
        for (_, receipt) in processes {
            let text = try String(contentsOf: receipt, encoding: .utf8)
            let sha = try #require(text.split(separator: "\n").first { $0.contains("SHA-256:") }?.split(separator: " ").last)
            #expect(after.submissions.contains { $0.sha256 == sha })
        }
        #expect(try FinsamProcess.run(["verify", "--store", store.path]).status == 0)
    }

    @Test func newUserWalkthroughSubmitStatusResubmitHistoryReport() throws {
        let folder = try TemporaryFolder.make()
        let env = ["FINSAM_STORE": folder.appendingPathComponent("arkiv").path, "FINSAM_NOW": "2023-08-14T08:00:00Z"]
        let register = Repository.sample("forbund-blekinge.json")
        let first = try FinsamProcess.run(["submit", "--register", register, Repository.sample("deltagare-2023H1.csv")], environment: env)
        #expect(first.status == 0)
        #expect(first.stdout.contains("  filtyp:    deltagare, 152 rader, UTF-8\n"))
        let status = try FinsamProcess.run(["status", "--period", "2023H1"], environment: env)
        #expect(status.stdout.contains("Konsultationsteam Ronneby (kt-ronneby)\n  deltagare      i tid — mottagen 2023-08-14 10:00"))
        #expect(status.stdout.contains(", inlämning 1 (152 rader för 6 insatser)\n"))  // the file's count, not Ronneby's
        #expect(status.stdout.contains("  indikatorsvar  SAKNAS\n"))  // the last day, 15 August, has not passed
        #expect(
            status.stdout.contains(
                "Samverkansutveckling (BIP och SKAPA) (samverkansutveckling)\n  deltagare      krävs ej (strukturinriktad insats)\n"))
        // Seven reports are missing (indikatorsvar from six insatser, the strukturinriktad one's aktiviteter), not seven files: one file could bring six.
        #expect(
            status.stdout.hasSuffix(
                "Saknas: 7 rapporter — indikatorsvar från 6 insatser (Konsultationsteam Karlskrona, Konsultationsteam Karlshamn, Konsultationsteam Ronneby, "
                    + "Konsultationsteam Olofström, Konsultationsteam Sölvesborg, Unga vidare 16–29); aktiviteter från 1 insats (Samverkansutveckling (BIP och SKAPA)).\n"
            ))
        // A corrected Ronneby file supersedes the first file for Ronneby only.
        let corrected = folder.appendingPathComponent("ronneby.csv")
        try Data(Self.deltagare(insats: "kt-ronneby", antal: 7).utf8).write(to: corrected)
        let second = try FinsamProcess.run(["submit", "--replace", corrected.path], environment: env)
        #expect(second.stdout.contains("  ersätter:  inlämning 1 för Konsultationsteam Ronneby 2023H1\n"))
        let afterCorrection = try FinsamProcess.run(["status", "--period", "2023H1"], environment: env)
        #expect(afterCorrection.stdout.contains("Konsultationsteam Ronneby (kt-ronneby)\n  deltagare      i tid — mottagen "))
        #expect(afterCorrection.stdout.contains(", inlämning 2 (2 rader)\n"))
        let same = try FinsamProcess.run(["submit", corrected.path], environment: env)
        #expect(same.stdout.contains("redan mottagen som inlämning 2"))
        let history = try FinsamProcess.run(["history", "--insats", "kt-ronneby"], environment: env)
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("1\t"))
        #expect(lines[1].contains("\tersatt\t"))  // for kt-ronneby; it is still current for the other insatser
        #expect(lines[2].hasPrefix("2\t"))
        // The corrected count itself, as the kansli sees it unprotected.
        let report = try FinsamProcess.run(["report", "--period", "2023H1", "--format", "json", "--unsuppressed"], environment: env)
        #expect(report.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as! [String: Any]
        let kostnad = (document["tables"] as! [[String: Any]]).first { $0["id"] as? String == "kostnad" }
        let ronneby = (kostnad?["rows"] as? [[String: Any]])?.first { $0["key"] as? String == "kt-ronneby" }
        let cell = (ronneby?["cells"] as? [String: Any])?["deltagare"] as? [String: Any]
        #expect(cell?["value"] as? Double == 8)
    }

    @Test func verifyRepairInAnOrdinaryFolderRefusesAndDeletesNothing() throws {
        let folder = try TemporaryFolder.make()
        let files = folder.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let text = Self.deltagare(insats: "kt-ronneby", antal: 3)
        try Data(text.utf8).write(to: files.appendingPathComponent("ronneby.csv"))
        try Data(text.utf8).write(to: files.appendingPathComponent("\(String(repeating: "ab", count: 32)).csv"))
        let before = try FileManager.default.contentsOfDirectory(atPath: files.path).sorted()
        let repair = try FinsamProcess.run(["verify", "--repair", "--store", folder.path])
        #expect(repair.status == 1)
        #expect(
            repair.stderr.hasPrefix(
                "\(folder.path)/index.json: fel: verify --repair tar inte bort något här: väntade arkivets index.json, fann ingen"))
        #expect(repair.stdout == "")
        #expect(try FileManager.default.contentsOfDirectory(atPath: files.path).sorted() == before)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("lock").path))
        #expect(try FinsamProcess.run(["verify", "--store", folder.path]).status == 1)
    }

    @Test func aReportFromAStoreWithAHandEditedFileExitsOneNamingTheFile() throws {
        let folder = try TemporaryFolder.make()
        let store = folder.appendingPathComponent("store")
        try Data(Self.deltagare(insats: "kt-ronneby", antal: 3).utf8).write(to: folder.appendingPathComponent("a.csv"))
        #expect(try FinsamProcess.run(["submit", "--store", store.path, "a.csv"], in: folder).status == 0)
        let good = try FinsamProcess.run(["report", "--store", store.path, "--period", "2023H1"])
        #expect(good.status == 0)
        // The report names the store by its folder's name only, never by where it lies on the server.
        #expect(good.stdout.contains("Underlag: 1 fil i arkivet (mappen store)."))
        #expect(!good.stdout.contains(folder.path))
        let stored = try index(store).submissions[0]
        let path = store.appendingPathComponent("files/\(stored.sha256).csv").path
        // The published total changed by hand in the stored file, same length.
        try Data(Self.deltagare(insats: "kt-ronneby", antal: 8).utf8).write(to: URL(fileURLWithPath: path))
        let report = try FinsamProcess.run(["report", "--store", store.path, "--period", "2023H1"])
        #expect(report.status == 1)
        #expect(report.stdout == "")
        #expect(report.stderr.hasPrefix("\(path): fel: väntade den sparade filen till inlämning 1 (a.csv) oförändrad"))
        #expect(report.stderr.contains("kör finsam verify"))
    }

    @Test func aSubmitWaitingForAHeldLockNamesTheHolderAndExitsThree() throws {
        let folder = try TemporaryFolder.make()
        let store = folder.appendingPathComponent("store")
        try Data(Self.deltagare(insats: "kt-ronneby", antal: 3).utf8).write(to: folder.appendingPathComponent("a.csv"))
        try Data(Self.deltagare(insats: "kt-ronneby", antal: 4).utf8).write(to: folder.appendingPathComponent("b.csv"))
        #expect(try FinsamProcess.run(["submit", "--store", store.path, "a.csv"], in: folder).status == 0)
        // This test process holds the lock, as a writer stopped mid-submit would, with its id in the file.
        let fd = open(store.appendingPathComponent("lock").path, O_RDWR)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        _ = ftruncate(fd, 0)
        _ = "\(getpid())\n".withCString { write(fd, $0, strlen($0)) }
        // Run by hand, so that a finsam waiting for ever is killed after 20 s and the test fails instead of hanging.
        let errors = folder.appendingPathComponent("stderr")
        try Data().write(to: errors)
        let process = Process()
        process.executableURL = FinsamProcess.binary
        process.arguments = ["submit", "--store", store.path, "b.csv"]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(["FINSAM_LOCK_TIMEOUT": "1.5"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        let started = Date()
        try process.run()
        while process.isRunning && Date().timeIntervalSince(started) < 20 { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(started) >= 1.5)
        let blocked = (status: process.terminationStatus, stderr: try String(contentsOf: errors, encoding: .utf8))
        #expect(blocked.status == 3)
        #expect(
            blocked.stderr == "finsam: arkivet \(store.path) är låst av process \(getpid()) (\(store.path)/lock); väntar högst 1,5 s …\n"
                + "finsam: \(store.path)/lock: arkivet är fortfarande låst av process \(getpid()) efter 1,5 s; väntade att låset skulle släppas inom den tiden — "
                + "kontrollera processen (ps -p \(getpid())) och avsluta den om den har hängt sig, eller försök igen senare (FINSAM_LOCK_TIMEOUT anger väntetiden i sekunder)\n"
        )
        #expect(try index(store).submissions.count == 1)
        // verify waits for the writer as well, instead of reading half a submit.
        #expect(try FinsamProcess.run(["verify", "--store", store.path], environment: ["FINSAM_LOCK_TIMEOUT": "0.2"]).status == 3)
        flock(fd, LOCK_UN)
        #expect(
            try FinsamProcess.run(["submit", "--store", store.path, "b.csv"], in: folder, environment: ["FINSAM_LOCK_TIMEOUT": "1.5"]).status == 0)
        #expect(try FinsamProcess.run(["verify", "--store", store.path]).status == 0)
        let bad = try FinsamProcess.run(["status", "--store", store.path, "--period", "2023H1"], environment: ["FINSAM_LOCK_TIMEOUT": "en minut"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("finsam: FINSAM_LOCK_TIMEOUT: väntade hur många sekunder"))
    }

    @Test func aSymbolicLinkAsTheLockIsAnErrorNamingIt() throws {
        let folder = try TemporaryFolder.make()
        let store = folder.appendingPathComponent("store")
        try Data(Self.deltagare(insats: "kt-ronneby", antal: 3).utf8).write(to: folder.appendingPathComponent("a.csv"))
        #expect(try FinsamProcess.run(["submit", "--store", store.path, "a.csv"], in: folder).status == 0)
        let lock = store.appendingPathComponent("lock").path
        try FileManager.default.removeItem(atPath: lock)
        let target = folder.appendingPathComponent("annan-fil").path
        try FileManager.default.createSymbolicLink(atPath: lock, withDestinationPath: target)
        try Data(Self.deltagare(insats: "kt-ronneby", antal: 4).utf8).write(to: folder.appendingPathComponent("b.csv"))
        let submit = try FinsamProcess.run(["submit", "--store", store.path, "b.csv"], in: folder)
        #expect(submit.status == 3)
        #expect(submit.stderr.hasPrefix("finsam: \(lock): väntade arkivets låsfil, fann en symbolisk länk"))
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try FinsamProcess.run(["verify", "--store", store.path]).stderr.contains("\(lock): väntade arkivets låsfil, fann en symbolisk länk"))
    }
}
