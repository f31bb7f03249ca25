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
                "mal.json:1:84: error: beslut.paragraf: väntade inga personuppgifter, fann något som ser ut som en e-postadress (\"an…\", 18 tecken); finsam skriver texten i rapporter, exporter och arkivet — ta bort uppgiften",
                "mal.json:2:33: error: goals[0].title: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"81…\", 11 tecken); finsam skriver texten i rapporter, exporter och arkivet — ta bort uppgiften",
                "mal.json:2:67: error: goals[0].shortTitle: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"\u{FF18}\u{FF11}…\", 11 tecken); finsam skriver texten i rapporter, exporter och arkivet — ta bort uppgiften",
            ])
    }

    @Test func personalDataOrATabInRegisterTextIsRefused() {
        let json = """
            {"version": 2, "id": "blekinge", "namn": "Blekinge", "insatser": [
             {"id": "a", "namn": "A\\tB", "typ": "individ", "forstaHalvar": "2023H1", "malgrupp": "ring 811218 9876", "inriktning": "x"}]}
            """
        #expect(
            Self.decodeProblems(Register.self, json, name: "forbund.json") == [
                "forbund.json:2:22: error: insatser[0].namn: väntade en text utan styrtecken, fann ett tabbtecken som tecken 2; skriv texten på en rad utan det",
                "forbund.json:2:86: error: insatser[0].malgrupp: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"81…\", 11 tecken); finsam skriver texten i rapporter, exporter och arkivet — ta bort uppgiften",
            ])
    }

    @Test func personalDataInCatalogueLabelsAndRuleTitlesIsRefused() {
        #expect(
            Self.decodeProblems(
                AktivitetCatalogue.self, #"{"version": 1, "aktiviteter": [{"code": "x", "label": "Möte med anna@karlskrona.se"}]}"#,
                name: "aktiviteter.json").count == 1)
        #expect(
            Self.decodeProblems(
                DimensionCatalogue.self,
                #"{"version": 1, "dimensions": [{"id": "d", "label": "D", "codes": [{"code": "a", "label": "811218-9876"}]}]}"#,
                name: "dimensioner.json").count == 1)
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
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-conf-\(UUID().uuidString)")
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
