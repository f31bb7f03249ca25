import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// Issue #25 items 7, 9 and 11: every text of a configuration file reaches a report, an export or the store,
/// so it is checked as a file's cells are — and a file's name is never printed with personal data in it.
@Suite struct ConfigurationTextTests {
    static func decodeProblems<T: Decodable>(_ type: T.Type, _ json: String, name: String) -> [String] {
        do {
            _ = try JSONFile.document(type, from: Data(json.utf8), name: name)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func personalDataInAGoalTitleShortTitleOrBeslutIsRefusedAtItsPlace() {
        let json = """
            {"version": 2, "beslut": {"organ": "styrelsen", "datum": "2024-02-20", "paragraf": "anna@karlskrona.se"},
             "goals": [{"id": "a", "title": "Lisa 811218-9876", "shortTitle": "\u{FF18}\u{FF11}1218-9876", "measure": {"type": "count", "of": "avslutade"}}]}
            """
        #expect(
            Self.decodeProblems(GoalFile.self, json, name: "mal.json") == [
                "mal.json:1:84: fel: beslut.paragraf: väntade inga personuppgifter, fann något som ser ut som en e-postadress (\"an…\", 18 tecken); finsam skriver texten i rapporter, exporter och arkivet — ta bort uppgiften",
                "mal.json:2:33: fel: goals[0].title: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"81…\", 11 tecken); finsam skriver texten i rapporter, exporter och arkivet — ta bort uppgiften",
                "mal.json:2:67: fel: goals[0].shortTitle: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"\u{FF18}\u{FF11}…\", 11 tecken); finsam skriver texten i rapporter, exporter och arkivet — ta bort uppgiften",
            ])
    }

    @Test func personalDataOrATabInRegisterTextIsRefused() {
        let json = """
            {"version": 2, "id": "blekinge", "namn": "Blekinge", "insatser": [
             {"id": "a", "namn": "A\\tB", "typ": "individ", "forstaHalvar": "2023H1", "malgrupp": "ring 811218 9876", "inriktning": "x"}]}
            """
        #expect(
            Self.decodeProblems(Register.self, json, name: "forbund.json") == [
                "forbund.json:2:22: fel: insatser[0].namn: väntade en text utan styrtecken, fann ett tabbtecken som tecken 2; skriv texten på en rad utan det",
                "forbund.json:2:86: fel: insatser[0].malgrupp: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"81…\", 11 tecken); finsam skriver texten i rapporter, exporter och arkivet — ta bort uppgiften",
            ])
    }

    @Test func personalDataInCatalogueLabelsAndRuleTitlesIsRefused() {
        #expect(
            Self.decodeProblems(
                AktivitetCatalogue.self, #"{"version": 1, "aktiviteter": [{"code": "x", "label": "Möte med anna@karlskrona.se"}]}"#,
                name: "aktiviteter.json"
            ).count == 1)
        #expect(
            Self.decodeProblems(
                DimensionCatalogue.self,
                #"{"version": 1, "dimensions": [{"id": "d", "label": "D", "codes": [{"code": "a", "label": "811218-9876"}]}]}"#,
                name: "dimensioner.json"
            ).count == 1)
        let rule = Self.decodeProblems(
            RuleFile.self,
            #"{"version": 1, "regler": [{"id": "r", "title": "Fråga 811218-9876", "left": {"type": "count", "of": "avslutade"}, "op": "<=", "right": {"type": "count", "of": "avslutade"}}]}"#,
            name: "regler.json")
        #expect(rule.count == 1 && rule[0].contains("regler[0].title: väntade inga personuppgifter"))
        for line in rule { #expect(!line.contains("9876")) }
    }

    /// The sample configuration passes: dates, org.nr-like ids and counts are no personal data.
    @Test func theSampleConfigurationPasses() throws {
        for name in ["mal-blekinge.json", "mal-gavleborg.json", "mal-gotland.json", "mal-malmo.json", "mal-skelleftea.json"] {
            _ = try GoalFile.load(Repository.sample(name), catalogues: .builtIn)
        }
        for name in ["forbund-blekinge.json", "forbund-gavleborg.json"] { _ = try Register.load(from: Repository.sample(name)) }
        _ = try Catalogues.load(
            avslutsorsaker: Repository.sample("avslutsorsaker.json"), indikatorer: Repository.sample("indikatorer.json"),
            aktiviteter: Repository.sample("aktiviteter.json"), dimensioner: Repository.sample("dimensioner.json"))
        _ = try RuleFile.load(Repository.sample("regler-blekinge.json"), catalogues: .builtIn)
    }

    /// Item 9: a configuration file named with a personnummer is named redacted in every problem.
    @Test func aConfigurationFileNamedWithAPersonnummerIsNeverNamedInFull() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-conf-\(TemporaryFolder.unique())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("mal-811218-9876.json").path
        try Data(#"{"version": 2, "goals": [{"id": "a", "titel": "x"}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        var lines: [String] = []
        do { _ = try GoalFile.load(path, catalogues: .builtIn) } catch { lines = error.problems.map(\.description) }
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.hasPrefix(folder.path + "/mal-[personuppgift \"81…\", 11 tecken].json:"))
            #expect(!line.contains("9876"))
        }
        do { _ = try Register.load(from: path) } catch { for p in error.problems { #expect(!p.description.contains("9876")) } }
        do { _ = try RuleFile.load(path, catalogues: .builtIn) } catch { for p in error.problems { #expect(!p.description.contains("9876")) } }
    }
}

/// Issue #25 item 21: a word of an aktivitet or dimension catalogue that means two entries is refused, as the
/// register already refuses an insats id equal to another's name.
@Suite struct CatalogueAmbiguityTests {
    @Test func anAktivitetCodeEqualToAnothersLabelOrDifferingOnlyByCaseIsRefused() throws {
        let json = """
            {"version": 1, "aktiviteter": [{"code": "utbildning", "label": "Utbildning"}, {"code": "kurs", "label": "Utbildning"},
             {"code": "Konferens", "label": "Konferens"}, {"code": "konferens", "label": "Stor konferens"}]}
            """
        let catalogue = try JSONFile.decode(AktivitetCatalogue.self, from: Data(json.utf8), name: "aktiviteter.json")
        #expect(
            catalogue.problems(file: "aktiviteter.json").map(\.message) == [
                "aktiviteter[1].label: väntade ett ord som bara betyder en aktivitet, fann \"Utbildning\", som också är aktiviteter[0].code (\"utbildning\"); stora och små bokstäver, å/ä/ö och bindestreck räknas lika — byt det ena ordet",
                "aktiviteter[3].code: väntade ett ord som bara betyder en aktivitet, fann \"konferens\", som också är aktiviteter[2].code (\"Konferens\"); stora och små bokstäver, å/ä/ö och bindestreck räknas lika — byt det ena ordet",
            ])
        #expect(Catalogues.builtIn.aktiviteter.problems(file: "a.json").isEmpty)
    }

    @Test func aDimensionCodeEqualToAnothersLabelOrAnIdDifferingByCaseIsRefused() throws {
        let json = """
            {"version": 1, "dimensions": [{"id": "remiss", "label": "Remiss", "appliesTo": "all", "codes": [{"code": "af", "label": "fk"}, {"code": "fk", "label": "Försäkringskassan"}]},
             {"id": "Remiss", "label": "Remiss 2", "appliesTo": "all", "codes": [{"code": "a", "label": "A"}]}]}
            """
        let catalogue = try JSONFile.decode(DimensionCatalogue.self, from: Data(json.utf8), name: "dimensioner.json")
        #expect(
            catalogue.problems(file: "dimensioner.json").map(\.message) == [
                "dimensions[0].codes[1].code: väntade ett ord som bara betyder en kod, fann \"fk\", som också är dimensions[0].codes[0].label (\"fk\"); stora och små bokstäver, å/ä/ö och bindestreck räknas lika — byt det ena ordet",
                "dimensions[1].id: väntade ett ord som bara betyder en dimension, fann \"Remiss\", som också är dimensions[0].id (\"remiss\"); stora och små bokstäver, å/ä/ö och bindestreck räknas lika — byt det ena ordet",
            ])
        #expect(Catalogues.builtIn.dimensioner.problems(file: "d.json").isEmpty)
    }
}
