import Foundation
import FinsamTestSupport
import Testing

/// Issue #26, the kansli's day: no silent answers, Swedish time wherever a person reads a time, the goal
/// file by its Swedish name in approve's receipt.
@Suite struct KansliDayTests {
    static let env = ["FINSAM_NOW": "2024-02-14T15:00:00Z"]

    static func submitted() throws -> URL {
        let folder = try TemporaryFolder.make()
        let submit = try FinsamProcess.run(
            [
                "submit", "--store", "arkiv", "--register", Repository.sample("forbund-blekinge.json"),
                Repository.sample("deltagare-2023H1.csv"), Repository.sample("indikatorsvar-2023H1.csv"),
            ], in: folder, environment: env)
        #expect(submit.status == 0, "\(submit.stderr)")
        return folder
    }

    @Test func receiptsAndHistoryTellTheTimeInSwedishTimeAndCountFormsWithoutKon() throws {
        let folder = try TemporaryFolder.make()
        let submit = try FinsamProcess.run(
            ["submit", "--store", "arkiv", "--register", Repository.sample("forbund-blekinge.json"), Repository.sample("indikatorsvar-2023H1.csv")],
            in: folder, environment: Self.env)
        #expect(submit.stdout.contains("  per kön:   kvinnor 29, män 19, annat 0, utan kön 2\n"))
        #expect(submit.stdout.contains(", 2024-02-14 16:00 (svensk tid)\n"))
        #expect(!submit.stdout.contains("T15:00:00"))
        let history = try FinsamProcess.run(["history", "--store", "arkiv"], in: folder)
        #expect(
            history.stdout.hasPrefix(
                "nr\tmottagen (svensk tid)\tfiltyp\trader\tläge\tkontrollsumma (sha256)\tfil\tinsats och period\n1\t2024-02-14 16:00\t"))
        // The index keeps UTC.
        let index = try String(contentsOf: folder.appendingPathComponent("arkiv/index.json"), encoding: .utf8)
        #expect(index.contains("2024-02-14T15:00:00.000Z"))
    }

    @Test func anUnknownInsatsInHistoryIsAnErrorThatSuggestsTheId() throws {
        let folder = try Self.submitted()
        let history = try FinsamProcess.run(["history", "--store", "arkiv", "--insats", "ronneby"], in: folder)
        #expect(history.status == 2)
        #expect(history.stdout == "")
        #expect(history.stderr.hasPrefix("finsam: --insats ronneby: väntade en insats i arkivet eller registret (kt-karlshamn, "))
        #expect(history.stderr.contains("fann ingen som heter så; menade du kt-ronneby?\n"))
    }

    @Test func outputSaysWhatItWroteAndAMissingFolderByItsName() throws {
        let folder = try TemporaryFolder.make()
        let written = try FinsamProcess.run(["template", "deltagare", "--output", "mall.csv"], in: folder)
        #expect(written.status == 0)
        #expect(written.stderr == "skrev mall.csv\n")
        let missing = try FinsamProcess.run(["template", "deltagare", "--output", "saknas/mall.csv"], in: folder)
        #expect(missing.status == 3)
        #expect(missing.stderr == "finsam: saknas/mall.csv: kunde inte skriva filen: mappen saknas finns inte; skapa den eller välj en annan mapp\n")
        #expect(!missing.stderr.contains("finsam-tmp"))
    }

    @Test func approveNamesTheGoalFileInSwedish() throws {
        let folder = try Self.submitted()
        let approve = try FinsamProcess.run(
            [
                "approve", "--store", "arkiv", "--period", "2023H1", "--beslut", "styrelsen 2023-09-01 § 3", "--goals",
                Repository.sample("mal-blekinge.json"),
            ], in: folder, environment: ["FINSAM_NOW": "2023-09-02T08:00:00Z"])
        #expect(approve.status == 0, "\(approve.stderr)")
        #expect(approve.stdout.contains("\n  mål:          \(Repository.sample("mal-blekinge.json")) (SHA-256 "))
        #expect(!approve.stdout.contains("  mal:"))
    }
}
