import FinsamTestSupport
import Foundation
import Testing

/// What was left of issue #26 (the kansli's first hour), found again by a fresh-clone user (issue #27): a dry
/// run that judges only the files given, insatser by their names, `history` in Swedish words, and a refused
/// submit to an approved period that says what to do.
@Suite struct KansliFirstHourCommandTests {
    static let register = Repository.sample("forbund-blekinge.json")

    @Test func aDryRunOfOneWorkbookJudgesOnlyItsOwnInsatsAndNamesItByTheRegistersName() throws {
        let folder = try TemporaryFolder.make()
        let workbook = Repository.path("Tests/FinsamKitTests/Fixtures/libreoffice-deltagare.xlsx")
        let dry = try FinsamProcess.run(["submit", "--dry-run", "--store", "arkiv", "--register", Self.register, workbook], in: folder)
        #expect(dry.status == 0, "\(dry.stderr)")
        // The workbook is Konsultationsteam Karlshamn's alone: the five other individinriktade insatser of the
        // register have not sent theirs, which is status's business, not this receipt's.
        #expect(!dry.stderr.contains("0 deltagare"), "\(dry.stderr)")
        #expect(dry.stdout.contains("  förbund:   Samordningsförbundet i Blekinge\n  insatser:  Konsultationsteam Karlshamn\n"))
        // A file of all six insatser names each by its name.
        let all = try FinsamProcess.run(
            ["submit", "--dry-run", "--store", "arkiv", "--register", Self.register, Repository.sample("deltagare-2023H2.csv")], in: folder)
        #expect(
            all.stdout.contains(
                "  insatser:  Konsultationsteam Karlshamn, Konsultationsteam Karlskrona, Konsultationsteam Olofström, Konsultationsteam Ronneby, "
                    + "Konsultationsteam Sölvesborg, Unga vidare 16–29\n"))
        #expect(!all.stdout.contains("kt-karlshamn"))
    }

    @Test func aSubmitToAnApprovedPeriodSaysWhatHappenedAndWhatToTypeAndHistorySpeaksSwedish() throws {
        let folder = try TemporaryFolder.make()
        let env = ["FINSAM_NOW": "2024-02-14T15:00:00Z"]
        let submit = try FinsamProcess.run(
            ["submit", "--store", "mitt arkiv", "--register", Self.register, Repository.sample("deltagare-2023H2.csv")], in: folder, environment: env)
        #expect(submit.status == 0, "\(submit.stderr)")
        let approve = try FinsamProcess.run(
            [
                "approve", "--store", "mitt arkiv", "--period", "2023H2", "--beslut", "styrelsen 2024-02-20 § 12", "--goals",
                Repository.sample("mal-blekinge.json"),
            ], in: folder, environment: env)
        #expect(approve.status == 0, "\(approve.stderr)")
        let refused = try FinsamProcess.run(["submit", "--store", "mitt arkiv", Repository.sample("indikatorsvar-2023H2.csv")], in: folder)
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "\(Repository.sample("indikatorsvar-2023H2.csv")): fel: filen har rader för 2023H2, men perioden 2023H2 är fastställd "
                + "(styrelsen 2024-02-20 § 12) och låst, så filen togs inte emot. Ska den ändra det fastställda underlaget: återöppna perioden "
                + "först med finsam reopen --period 2023H2 --reason \"varför underlaget ändras\" --store 'mitt arkiv', lämna sedan in filen "
                + "igen och fastställ perioden på nytt med finsam approve --period 2023H2 --beslut \"…\" --store 'mitt arkiv'\n"
                + "finsam: inget sparades, arkivet är som förut\n")
        // The command it names runs as written.
        let reopen = try FinsamProcess.run(
            ["reopen", "--period", "2023H2", "--reason", "varför underlaget ändras", "--store", "mitt arkiv"], in: folder, environment: env)
        #expect(reopen.status == 0, "\(reopen.stderr)")
        let history = try FinsamProcess.run(["history", "--store", "mitt arkiv"], in: folder)
        #expect(history.stdout.hasPrefix("nr\tmottagen (svensk tid)\tfiltyp\trader\tläge\tkontrollsumma (sha256)\tfil\tinsats och period\n"))
    }

    @Test func statusNamesTheMissingInsatserByTheirNames() throws {
        let folder = try TemporaryFolder.make()
        let env = ["FINSAM_NOW": "2023-08-20T10:00:00Z"]
        let submit = try FinsamProcess.run(
            ["submit", "--store", "arkiv", "--register", Self.register, Repository.sample("deltagare-2023H1.csv")], in: folder, environment: env)
        #expect(submit.status == 0, "\(submit.stderr)")
        let status = try FinsamProcess.run(["status", "--store", "arkiv", "--period", "2023H1"], in: folder, environment: env)
        #expect(
            status.stdout.hasSuffix(
                "Saknas: 7 rapporter — indikatorsvar från 6 insatser (Konsultationsteam Karlskrona, Konsultationsteam Karlshamn, "
                    + "Konsultationsteam Ronneby, Konsultationsteam Olofström, Konsultationsteam Sölvesborg, Unga vidare 16–29); "
                    + "aktiviteter från 1 insats (Samverkansutveckling (BIP och SKAPA)).\n"))
    }
}
