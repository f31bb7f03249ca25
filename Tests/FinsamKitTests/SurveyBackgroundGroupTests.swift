import FinsamTestSupport
import Foundation
import Testing

@testable import FinsamKit

/// Survey goals for a background group (issue #27 item 8, Skellefteå's "utifrån diskrimineringsgrunder"):
/// indikatorsvar carry the förbund's dimension columns, validated like deltagare's, and a goal's scope may
/// name them; a group of fewer than 5 forms shows no figures (the survey rule, DOMAIN §8).
@Suite struct SurveyBackgroundGroupTests {
    /// The förbund's own dimension, beside the built-in ones.
    static let catalogueText = #"""
        {"version": 1, "dimensions": [
          {"id": "funktionsnedsattning", "label": "Funktionsnedsättning", "appliesTo": "all", "codes": [
            {"code": "ja", "label": "Ja"}, {"code": "nej", "label": "Nej"}]}
        ]}
        """#

    /// Ten avslut forms: six with funktionsnedsättning (behov 4, 3, 3, 2, 1, 4: four of them 3 or more),
    /// four without (4, 4, 4, 1: three).
    static let svar = """
        forbund;insats;period;enkat;kon;funktionsnedsattning;behov
        S;R;2015H1;deltagare-avslut;kvinna;ja;4
        S;R;2015H1;deltagare-avslut;kvinna;Ja;3
        S;R;2015H1;deltagare-avslut;man;ja;3
        S;R;2015H1;deltagare-avslut;man;ja;2
        S;R;2015H1;deltagare-avslut;kvinna;ja;1
        S;R;2015H1;deltagare-avslut;man;ja;4
        S;R;2015H1;deltagare-avslut;kvinna;nej;4
        S;R;2015H1;deltagare-avslut;man;nej;4
        S;R;2015H1;deltagare-avslut;kvinna;nej;4
        S;R;2015H1;deltagare-avslut;man;nej;1

        """

    static let goalText = #"""
        {"version": 2, "goals": [
          {"id": "fn-behov", "title": "Behov tillgodosedda, deltagare med funktionsnedsättning", "scope": {"funktionsnedsattning": "ja"},
           "measure": {"type": "surveyShare", "enkat": "deltagare-avslut", "questions": ["behov"], "positiveFrom": 3}},
          {"id": "ovriga-behov", "title": "Behov tillgodosedda, övriga", "scope": {"funktionsnedsattning": ["nej"]},
           "measure": {"type": "surveyShare", "enkat": "deltagare-avslut", "questions": ["behov"], "positiveFrom": 3}},
          {"id": "fn-formular", "title": "Formulär från deltagare med funktionsnedsättning", "scope": {"funktionsnedsattning": "ja"},
           "measure": {"type": "count", "of": "formular", "enkat": "deltagare-avslut"}}]}
        """#

    static func catalogues() throws -> Catalogues {
        let folder = try TemporaryFolder.make("finsam-survey-dim")
        let path = folder.appendingPathComponent("dimensioner.json").path
        try Data(catalogueText.utf8).write(to: URL(fileURLWithPath: path))
        return try Catalogues.load(avslutsorsaker: nil, indikatorer: nil, dimensioner: path)
    }

    @Test func surveyFormsCarryTheForbundsDimensionsCheckedAtTheirCell() throws {
        let catalogues = try Self.catalogues()
        let slot = try #require(catalogues.dimensioner.slot(of: "funktionsnedsattning"))
        var forms: [[SurveyForm]] = []
        for known in [true, false] {
            var decoder = RecordDecoder(catalogues: catalogues)
            decoder.usesKnownCells = known
            var sink = KnownCellPathTests.RecordingSink()
            let summary = decoder.decode(CSVReader(bytes: Array(Self.svar.utf8), fileName: "s.csv"), into: &sink)
            #expect(summary.isValid)
            forms.append(sink.forms.map(\.0))
        }
        #expect(forms[0] == forms[1])
        #expect(forms[0].map { $0.dimensions[slot] } == [0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
        let bad = """
            forbund;insats;period;enkat;kon;funktionsnedsattning;behov
            S;R;2015H1;deltagare-avslut;kvinna;kanske;4

            """
        #expect(
            Dataset.load([.bytes(Array(bad.utf8), name: "s.csv")], catalogues: catalogues).1.map(\.description) == [
                "s.csv:2:36: fel: cell F2: kolumn funktionsnedsattning: väntade ja eller nej, fann \"kanske\""
            ])
        // The same in a workbook made from the förbund's template: the cell is named.
        var workbook = try XlsxWorkbook(bytes: XlsxTemplate.bytes(.indikatorsvar, catalogues: catalogues))
        var zip = ZipWriter()
        for var part in try workbook.allParts() {
            if part.name == "xl/worksheets/sheet1.xml" {
                let row = WorkbookStructureTests.row(2, ["S", "R", "2015H1", "deltagare-avslut", "kvinna", "", "kanske", "4"], antal: "")
                part.bytes = Array(
                    String(decoding: part.bytes, as: UTF8.self).replacingOccurrences(of: "</sheetData>", with: row + "</sheetData>").utf8)
            }
            zip.add(part.name, part.bytes)
        }
        #expect(
            Dataset.load([.bytes(zip.bytes(), name: "s.xlsx")], catalogues: catalogues).1.map(\.description) == [
                "s.xlsx:2:7: fel: cell Indikatorsvar!G2: kolumn funktionsnedsattning: väntade ja eller nej, fann \"kanske\"; välj ett värde i listan (bladet Koder)"
            ])
    }

    @Test func aSurveyGoalFollowsABackgroundGroupAndASmallGroupShowsNoFigures() throws {
        let catalogues = try Self.catalogues()
        let goals = try GoalFile.decode(Data(Self.goalText.utf8), name: "mal.json", catalogues: catalogues)
        let (data, problems) = Dataset.load([.bytes(Array(Self.svar.utf8), name: "s.csv")], catalogues: catalogues)
        #expect(problems.isEmpty)
        let report = try HalvarsRapport.make(dataset: data, period: Period("2015H1")!, forbund: nil, goals: goals, sources: ["s.csv"])
        // Funktionsnedsättning: 4 of 6 forms answer 3 or 4; the others: 3 of 4; 6 forms counted.
        #expect(report.goals.map(\.overall.share).prefix(2) == [Share(4, of: 6), Share(3, of: 4)])
        #expect(report.goals[2].overall.value == 6)
        let published = try PublishedReport(report, protection: SmallCellProtection())
        let mal = try #require(published.table("mal"))
        func texts(_ id: String) -> [String] { (mal.rows.first { $0.key == id }?.cells ?? []).map(\.text) }
        // Six forms are a group to show: 4 of 6, Wilson 30–90 %. Four are not: no figure, no verdict.
        #expect(texts("fn-behov").prefix(6) == ["följs upp", "Funktionsnedsättning ja, januari–juni 2015", "67 %", "4 av 6", "30–90 %", "följs upp"])
        #expect(texts("ovriga-behov").prefix(6) == ["följs upp", "Funktionsnedsättning nej, januari–juni 2015", "..", "..", "..", "för få svar"])
        #expect(texts("fn-formular").prefix(3) == ["följs upp", "Funktionsnedsättning ja, januari–juni 2015", "6"])
    }

    @Test func theIndikatorsvarTemplateHasTheForbundsDimensionColumns() throws {
        let catalogues = try Self.catalogues()
        #expect(
            Template.columns(.indikatorsvar, catalogue: catalogues.indikatorer, dimensions: catalogues.templateDimensions).prefix(8) == [
                "forbund", "insats", "period", "enkat", "kon", "aldersgrupp", "funktionsnedsattning", "behov",
            ])
        var workbook = try XlsxWorkbook(bytes: XlsxTemplate.bytes(.indikatorsvar, catalogues: catalogues))
        #expect(
            try workbook.table(0).rows[0].prefix(8) == [
                "Förbund", "Insats", "Period", "Enkät", "Kön", "Åldersgrupp", "funktionsnedsattning", "behov",
            ])
    }
}
