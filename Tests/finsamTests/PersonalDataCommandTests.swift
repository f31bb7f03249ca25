import FinsamTestSupport
import Foundation
import Testing

/// Personal data and broken figures seen from the command line: what the user is told, with what exit code,
/// and that nothing is stored or printed that repeats the value.
@Suite(.serialized) struct PersonalDataCommandTests {
    static let valid = "forbund;insats;period;kon;status;antal\nblekinge;kt-ronneby;2023H1;kvinna;pagaende;2\n"
    static let refusal =
        "[personuppgift \"81…\", 11 tecken].csv: fel: väntade ett filnamn utan personuppgifter, fann något som ser ut som "
        + "ett personnummer eller en e-postadress i namnet; finsam sparar och skriver ut filnamnet — byt namn på filen och försök igen\n"

    @Test func aFileNamedWithAPersonnummerIsRefusedByEveryVerb() throws {
        let folder = try TemporaryFolder.make()
        let name = "811218\u{2013}9876.csv"
        try Data(Self.valid.utf8).write(to: folder.appendingPathComponent(name))
        for verb in [["validate"], ["submit", "--store", "arkiv"], ["report", "--period", "2023H1"], ["aggregate"]] {
            let result = try FinsamProcess.run(verb + [name], in: folder)
            #expect(result.status == 1, "\(verb)")
            // A refused submit also says that nothing was stored.
            let nothing = verb[0] == "submit" ? "finsam: inget sparades, arkivet är som förut\n" : ""
            #expect(result.stderr == Self.refusal + nothing, "\(verb)")
            #expect(!result.stdout.contains("9876") && !result.stderr.contains("9876"), "\(verb)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("arkiv").path))
    }

    @Test func cellsWithUnicodeDashesAreRefused() throws {
        let folder = try TemporaryFolder.make()
        try Data(
            (Self.valid.replacingOccurrences(of: "antal\n", with: "antal;x_not\n").replacingOccurrences(of: ";2\n", with: ";2;811218 \u{2013} 9876\n"))
                .utf8
        )
        .write(to: folder.appendingPathComponent("a.csv"))
        let result = try FinsamProcess.run(["validate", "a.csv"], in: folder)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "a.csv:2:46: fel: cell G2: kolumn x_not: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"81…\", 13 tecken); finsam tar bara emot antal — ta bort uppgiften ur filen\n"
        )
    }

    /// Issue #25 item 9: a configuration file's name and the `--annotate` path are printed redacted.
    @Test func configurationFileNamesAndTheAnnotatePathAreNeverPrintedInFull() throws {
        let folder = try TemporaryFolder.make()
        try Data(Self.valid.replacingOccurrences(of: "pagaende", with: "klar").utf8).write(to: folder.appendingPathComponent("a.csv"))
        try Data(#"{"version": 2, "goals": [{"id": "a", "titel": "x"}]}"#.utf8).write(to: folder.appendingPathComponent("mal-811218-9876.json"))
        let goals = try FinsamProcess.run(["report", "--period", "2023H1", "--goals", "mal-811218-9876.json", "a.csv"], in: folder)
        #expect(goals.status == 1)
        #expect(goals.stderr.hasPrefix("mal-[personuppgift \"81…\", 11 tecken].json:1:"))
        let annotate = try FinsamProcess.run(["validate", "--annotate", "kopia-811218-9876.csv", "a.csv"], in: folder)
        #expect(annotate.status == 1)
        #expect(annotate.stderr.contains("i kolumnen x_fel: kopia-[personuppgift \"81…\", 11 tecken].csv\n"))
        for result in [goals, annotate] { #expect(!result.stderr.contains("9876") && !result.stdout.contains("9876")) }
    }

    /// Issue #25 item 8: `--beslut` and `--reason` are checked in their normal form too.
    @Test func aDecisionTextWithAFullWidthPersonnummerIsRefused() throws {
        let folder = try TemporaryFolder.make()
        try Data(Self.valid.utf8).write(to: folder.appendingPathComponent("a.csv"))
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "a.csv"], in: folder).status == 0)
        let result = try FinsamProcess.run(
            [
                "approve", "--store", "arkiv", "--period", "2023H1", "--beslut",
                "styrelsen, Lisa \u{FF18}\u{FF11}\u{FF11}\u{FF12}\u{FF11}\u{FF18}\u{FF0D}\u{FF19}\u{FF18}\u{FF17}\u{FF16}",
            ],
            in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--beslut: väntade inga personuppgifter, fann något som ser ut som ett personnummer"))
        #expect(!result.stderr.contains("\u{FF19}\u{FF18}\u{FF17}\u{FF16}"))
    }

    /// A store written before names were checked may hold one: history and report never print it.
    @Test func historyRedactsANameAStoreAlreadyHolds() throws {
        let folder = try TemporaryFolder.make()
        try Data(Self.valid.utf8).write(to: folder.appendingPathComponent("ok.csv"))
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "ok.csv"], in: folder).status == 0)
        let index = folder.appendingPathComponent("arkiv/index.json")
        let text = try String(contentsOf: index, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"ok.csv\"", with: "\"811218-9876.csv\"").utf8).write(to: index)
        let history = try FinsamProcess.run(["history", "--store", "arkiv"], in: folder)
        #expect(history.status == 0)
        #expect(history.stdout.contains("\t[personuppgift \"81…\", 11 tecken].csv\tkt-ronneby 2023H1\n"))
        #expect(!history.stdout.contains("9876"))
        let report = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H1"], in: folder)
        #expect(report.status == 0)
        #expect(!report.stdout.contains("9876") && !report.stderr.contains("9876"))
    }

    @Test func aNegativeBudgetInTheRegisterIsRefusedAtItsPlace() throws {
        let folder = try TemporaryFolder.make()
        try Data(Self.valid.utf8).write(to: folder.appendingPathComponent("a.csv"))
        let register = """
            {
              "version": 1, "id": "blekinge", "namn": "Samordningsförbundet i Blekinge",
              "insatser": [
                {"id": "kt-ronneby", "namn": "Ronneby", "typ": "individ", "forstaHalvar": "2021H1", "budget": {"2023": -870000}}
              ]
            }

            """
        try Data(register.utf8).write(to: folder.appendingPathComponent("forbund.json"))
        for verb in [["validate"], ["report", "--period", "2023H1"], ["submit", "--store", "arkiv"]] {
            let result = try FinsamProcess.run(verb + ["--register", "forbund.json", "a.csv"], in: folder)
            #expect(result.status == 1, "\(verb)")
            #expect(
                result.stderr
                    == "forbund.json:4:108: fel: insatser[0].budget.2023: väntade en budget i kronor från 0 till 1 000 000 000 000, fann -870000 (ett negativt belopp); skriv årets budget utan minustecken\n",
                "\(verb)")
        }
        // The store's own copy is checked the same way.
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "a.csv"], in: folder).status == 0)
        try Data(register.utf8).write(to: folder.appendingPathComponent("arkiv/forbund.json"))
        let status = try FinsamProcess.run(["status", "--store", "arkiv", "--period", "2023H1"], in: folder)
        #expect(status.status == 1)
        #expect(status.stderr.hasPrefix("arkiv/forbund.json:4:108: fel: insatser[0].budget.2023: "))
    }

    @Test func anIndexSequenceNearIntMaxIsADamagedIndexNotACrash() throws {
        let folder = try TemporaryFolder.make()
        try Data(Self.valid.utf8).write(to: folder.appendingPathComponent("a.csv"))
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "a.csv"], in: folder).status == 0)
        let index = folder.appendingPathComponent("arkiv/index.json")
        let text = try String(contentsOf: index, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"sequence\" : 1", with: "\"sequence\" : 9223372036854775807").utf8).write(to: index)
        try Data(Self.valid.replacingOccurrences(of: ";2\n", with: ";3\n").utf8).write(to: folder.appendingPathComponent("b.csv"))
        let result = try FinsamProcess.run(["submit", "--store", "arkiv", "b.csv"], in: folder)
        #expect(result.status == 3)
        #expect(
            result.stderr
                == "finsam: arkiv/index.json: submissions[0].sequence: väntade ett inlämningsnummer 1–1000000000, fann 9223372036854775807 — arkivets index är skadat; kör finsam verify\n"
        )
    }
}
