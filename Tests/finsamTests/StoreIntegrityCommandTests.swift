import Foundation
import FinsamTestSupport
import Testing

/// Issue #25 as the kansli meets it on the command line: a restored index costs no submission, no output
/// overwrites an input or writes into the store, the store's environment is read strictly, and an approval
/// keeps what it was computed with.
@Suite struct StoreIntegrityCommandTests {
    static let register = Repository.sample("forbund-blekinge.json")

    /// A folder with a store `arkiv` holding the sample's deltagare and indikatorsvar for 2023H2.
    func approvedStore(_ extra: [String] = []) throws -> URL {
        let folder = try TemporaryFolder.make()
        let submit = try FinsamProcess.run(
            [
                "submit", "--store", "arkiv", "--register", Self.register, Repository.sample("deltagare-2023H2.csv"),
                Repository.sample("indikatorsvar-2023H2.csv"),
            ], in: folder)
        #expect(submit.status == 0, "\(submit.stderr)")
        let approve = try FinsamProcess.run(
            [
                "approve", "--store", "arkiv", "--period", "2023H2", "--beslut", "styrelsen 2024-02-20 § 12", "--goals",
                Repository.sample("mal-blekinge.json"),
            ]
                + extra, in: folder)
        #expect(approve.status == 0, "\(approve.stderr)")
        return folder
    }

    // MARK: item 1

    @Test func verifyRepairNeverDeletesASubmissionWhenTheIndexIsRestoredFromAnOlderCopy() throws {
        let folder = try TemporaryFolder.make()
        let store = folder.appendingPathComponent("arkiv")
        let index = store.appendingPathComponent("index.json")
        #expect(
            try FinsamProcess.run(["submit", "--store", "arkiv", "--register", Self.register, Repository.sample("deltagare-2023H1.csv")], in: folder)
                .status == 0)
        let backup = try Data(contentsOf: index)
        let later = try FinsamProcess.run(
            ["submit", "--store", "arkiv", Repository.sample("deltagare-2023H2.csv"), Repository.sample("indikatorsvar-2023H2.csv")], in: folder)
        #expect(later.status == 0)
        try backup.write(to: index)
        let verify = try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder)
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("arkiv/files/inlamning-2.json: fel: inlämning 2 ("))
        #expect(verify.stderr.contains("deltagare-2023H2.csv, mottagen "))
        #expect(verify.stderr.contains("arkiv/files/inlamning-3.json: fel: inlämning 3 ("))
        #expect(verify.stderr.contains("indikatorsvar-2023H2.csv, mottagen "))
        let repair = try FinsamProcess.run(["verify", "--repair", "--store", "arkiv"], in: folder)
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(!repair.stdout.contains("borttagen"))
        #expect(repair.stdout.hasPrefix("återförd till indexet: inlämning 2 ("))
        #expect(repair.stdout.contains("\nåterförd till indexet: inlämning 3 ("))
        #expect(repair.stdout.hasSuffix("arkiv: ok — 3 inlämningar, alla filer och kontrollsummor stämmer\n"))
        // Both later submissions are current again.
        let history = try FinsamProcess.run(["history", "--store", "arkiv", "--period", "2023H2"], in: folder)
        #expect(history.stdout.split(separator: "\n").filter { $0.contains("\tgäller\t") }.count == 2)
    }

    // MARK: items 2–4

    @Test func anOutputOrAnnotatedCopyNeverOverwritesTheRulesFileNotEvenThroughALink() throws {
        let folder = try TemporaryFolder.make()
        try FileManager.default.copyItem(atPath: Repository.sample("regler-blekinge.json"), toPath: folder.appendingPathComponent("regler.json").path)
        try FileManager.default.copyItem(atPath: Repository.sample("deltagare-2023H2.csv"), toPath: folder.appendingPathComponent("d.csv").path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("lank.json").path, withDestinationPath: "regler.json")
        let before = try Data(contentsOf: folder.appendingPathComponent("regler.json"))
        for output in ["regler.json", "lank.json", "./regler.json"] {
            let report = try FinsamProcess.run(
                ["report", "--period", "2023H2", "--register", Self.register, "--regler", "regler.json", "--output", output, "d.csv"], in: folder)
            #expect(report.status == 2, "\(output)")
            #expect(report.stderr.hasPrefix("finsam: --output \(output): väntade en ny fil för resultatet, fann indatafilen regler.json"))
            let annotate = try FinsamProcess.run(["validate", "--regler", "regler.json", "--annotate", output, "d.csv"], in: folder)
            #expect(annotate.status == 2, "\(output)")
            #expect(annotate.stderr.hasPrefix("finsam: --annotate \(output): väntade en ny fil för resultatet, fann indatafilen regler.json"))
        }
        #expect(try Data(contentsOf: folder.appendingPathComponent("regler.json")) == before)
    }

    @Test func anOutputInsideTheStoreIsRefusedAlsoWhenReportingFromFilesWithFinsamStoreSet() throws {
        let folder = try approvedStore()
        let store = folder.appendingPathComponent("arkiv")
        let approved = try #require(try FileManager.default.contentsOfDirectory(atPath: store.appendingPathComponent("approvals").path).first)
        let before = try FileManager.default.subpathsOfDirectory(atPath: store.path).sorted().map { path in
            (path, FileManager.default.contents(atPath: store.appendingPathComponent(path).path))
        }
        try FileManager.default.copyItem(atPath: Repository.sample("deltagare-2023H2.csv"), toPath: folder.appendingPathComponent("d.csv").path)
        // A link outside the store to a file in it (not yet made) leads into the store too.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("lank.md").path, withDestinationPath: "arkiv/ny.md")
        for output in ["arkiv/index.json", "arkiv/forbund.json", "arkiv/approvals/\(approved)", "arkiv/ny.md", "arkiv/files/../x.md", "lank.md"] {
            let fromStore = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2", "--output", output], in: folder)
            #expect(fromStore.status == 2, "\(output)")
            #expect(fromStore.stderr.contains("väntade en fil utanför arkivet"), "\(output)")
            let fromFiles = try FinsamProcess.run(
                ["report", "--period", "2023H2", "--output", output, "d.csv"], in: folder, environment: ["FINSAM_STORE": store.path])
            #expect(fromFiles.status == 2, "\(output)")
            #expect(fromFiles.stderr.contains("väntade en fil utanför arkivet"), "\(output)")
        }
        let after = try FileManager.default.subpathsOfDirectory(atPath: store.path).sorted().map { path in
            (path, FileManager.default.contents(atPath: store.appendingPathComponent(path).path))
        }
        #expect(after.map(\.0) == before.map(\.0))
        #expect(after.map(\.1) == before.map(\.1))
        #expect(try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder).status == 0)
    }

    @Test func aggregateNeverOverwritesADataFileFoundInAnInputFolder() throws {
        let folder = try TemporaryFolder.make()
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.sample("deltagare-2023H2.csv"), toPath: data.appendingPathComponent("data.csv").path)
        let before = try Data(contentsOf: data.appendingPathComponent("data.csv"))
        let aggregate = try FinsamProcess.run(["aggregate", "data", "--output", "data/data.csv"], in: folder)
        #expect(aggregate.status == 2)
        #expect(aggregate.stderr.hasPrefix("finsam: --output data/data.csv: väntade en ny fil för resultatet, fann indatafilen data/data.csv"))
        #expect(try Data(contentsOf: data.appendingPathComponent("data.csv")) == before)
    }

    // MARK: items 12, 29

    @Test(arguments: ["1e19", "1e400", "86401", "-1", "nan"])
    func aLockTimeoutBeyondADayIsRefusedNotATrap(text: String) throws {
        let folder = try TemporaryFolder.make()
        let status = try FinsamProcess.run(
            ["status", "--store", "arkiv", "--period", "2023H1"], in: folder, environment: ["FINSAM_LOCK_TIMEOUT": text])
        #expect(status.status == 2)
        #expect(
            status.stderr.hasPrefix("finsam: FINSAM_LOCK_TIMEOUT: väntade hur många sekunder finsam ska vänta på arkivets lås, från 0 till 86400"))
    }

    @Test(arguments: ["2024-02-30T00:00:00Z", "2024-02-20T09:00:00+99:99"])
    func aFixedTimeThatCannotBeIsRefused(text: String) throws {
        let folder = try TemporaryFolder.make()
        try FileManager.default.copyItem(atPath: Repository.sample("deltagare-2023H1.csv"), toPath: folder.appendingPathComponent("d.csv").path)
        let submit = try FinsamProcess.run(["submit", "--store", "arkiv", "d.csv"], in: folder, environment: ["FINSAM_NOW": text])
        #expect(submit.status == 2)
        #expect(submit.stderr.hasPrefix("finsam: FINSAM_NOW: väntade en tidpunkt som 2024-02-20T09:00:00Z"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("arkiv").path))
    }

    // MARK: items 18, 19, 22, 23, 26 and issue #26 item 8

    @Test func theApprovedReportNamesTheStoreByItsFolderOnly() throws {
        let folder = try approvedStore()
        for arguments in [[String](), ["--unsuppressed"]] {
            let report = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2"] + arguments, in: folder)
            #expect(report.status == 0)
            #expect(report.stdout.contains("2 filer i arkivet (mappen arkiv)"), "\(arguments)")
            #expect(!report.stdout.contains(folder.path), "\(arguments)")
        }
    }

    @Test func aDecisionOrReasonWithALineBreakOrTabIsRefusedSoHistoryCannotBeForged() throws {
        let folder = try approvedStore()
        for text in ["rättelse\n3\t2024-03-01T08:00:00.000Z\tfastställd\t2023H2\tstyrelsen", "a\tb", "a\rb", "a\u{2028}b"] {
            let reopen = try FinsamProcess.run(["reopen", "--store", "arkiv", "--period", "2023H2", "--reason", text], in: folder)
            #expect(reopen.status == 2)
            #expect(reopen.stderr.hasPrefix("finsam: --reason: väntade texten på en rad, fann "))
        }
        let history = try FinsamProcess.run(["history", "--store", "arkiv"], in: folder)
        #expect(history.stdout.hasSuffix("\tfastställd\t2023H2\tstyrelsen 2024-02-20 § 12\n"))
    }

    @Test func reopeningAYearReopensBothApprovedHalvarAndSaysSo() throws {
        let folder = try approvedStore()
        #expect(
            try FinsamProcess.run(
                ["submit", "--store", "arkiv", Repository.sample("deltagare-2023H1.csv"), Repository.sample("indikatorsvar-2023H1.csv")], in: folder
            ).status == 0)
        #expect(try FinsamProcess.run(["approve", "--store", "arkiv", "--period", "2023H1", "--beslut", "styrelsen § 3"], in: folder).status == 0)
        let reopen = try FinsamProcess.run(["reopen", "--store", "arkiv", "--period", "2023", "--reason", "rättelse"], in: folder)
        #expect(reopen.status == 0)
        #expect(reopen.stdout.hasPrefix("Perioden 2023H2 är återöppnad: rättelse\n"))
        #expect(reopen.stdout.contains("\nPerioden 2023H1 är återöppnad: rättelse\n"))
        #expect(reopen.stdout.contains("\n--period 2023 återöppnade 2023H2 och 2023H1, som var fastställda.\n"))
        let status = try FinsamProcess.run(["status", "--store", "arkiv", "--period", "2023H1"], in: folder)
        #expect(!status.stdout.contains("är fastställd"))
    }

    @Test func theApprovedBytesAreGivenOnlyForTheApprovedPeriodItself() throws {
        let folder = try approvedStore()
        #expect(
            try FinsamProcess.run(["submit", "--store", "arkiv", Repository.sample("deltagare-2023H1.csv")], in: folder).status == 0)
        let approved = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2"], in: folder)
        let year = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023"], in: folder)
        #expect(year.status == 0)
        #expect(year.stdoutBytes != approved.stdoutBytes)
        #expect(year.stdout.hasPrefix("# Årsrapport") || year.stdout.contains("2023"))
        #expect(!year.stdout.contains("**Fastställd:"))
        #expect(year.stdout.contains("**Utkast, inte den fastställda rapporten: perioden 2023H2 är fastställd"))
    }

    @Test func aReportComputedAnewForAnApprovedPeriodUsesTheApprovedCataloguesAndSaysSo() throws {
        let folder = try TemporaryFolder.make()
        // The förbund's own label for a SUS group, approved with the period.
        let own = try String(contentsOfFile: Repository.sample("avslutsorsaker.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"label\": \"Förvärvsarbete\"", with: "\"label\": \"Eget arbete\"")
        try Data(own.utf8).write(to: folder.appendingPathComponent("avslutsorsaker.json"))
        #expect(
            try FinsamProcess.run(
                [
                    "submit", "--store", "arkiv", "--register", Self.register, Repository.sample("deltagare-2023H2.csv"),
                    Repository.sample("indikatorsvar-2023H2.csv"),
                ], in: folder
            ).status == 0)
        #expect(
            try FinsamProcess.run(
                ["approve", "--store", "arkiv", "--period", "2023H2", "--beslut", "styrelsen § 12", "--avslutsorsaker", "avslutsorsaker.json"],
                in: folder
            ).status == 0)
        let approved = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2"], in: folder)
        #expect(approved.stdout.contains("Eget arbete"))
        let raw = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2", "--unsuppressed"], in: folder)
        #expect(raw.status == 0)
        #expect(raw.stdout.contains("Eget arbete"))
        #expect(
            raw.stderr.contains(
                "report: rapporten görs med avslutsorsakerna avslutsorsaker.json och registret forbund.json i arkivet från fastställelsen 1 (styrelsen § 12)\n"
            ))
        let other = try FinsamProcess.run(
            ["report", "--store", "arkiv", "--period", "2023H2", "--unsuppressed", "--avslutsorsaker", Repository.sample("avslutsorsaker.json")],
            in: folder)
        #expect(other.status == 2)
        #expect(other.stderr.hasPrefix("finsam: --avslutsorsaker: perioden 2023H2 är fastställd (styrelsen § 12)"))
    }

    @Test func aDraftAfterAReopeningUsesTheApprovedGoalsAndSaysWhichItUsed() throws {
        let folder = try approvedStore()
        let approved = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2"], in: folder)
        #expect(try FinsamProcess.run(["reopen", "--store", "arkiv", "--period", "2023H2", "--reason", "rättelse"], in: folder).status == 0)
        let draft = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2"], in: folder)
        #expect(draft.status == 0)
        #expect(draft.stdout.contains("**Nytt utkast: perioden 2023H2 fastställdes"))
        #expect(draft.stderr.contains("report: utkastet görs med målen "))
        #expect(draft.stderr.contains("från fastställelsen 1 (styrelsen 2024-02-20 § 12); ange --goals"))
        // The goals of the approval, as in the approved report.
        let goal = "| 80 % av deltagarna har gjort stegförflyttning mot arbetsmarknaden | minst 80 % |"
        #expect(approved.stdout.contains(goal))
        #expect(draft.stdout.contains(goal))
    }
}
