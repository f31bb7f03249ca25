import FinsamTestSupport
import Foundation
import Testing

@testable import FinsamKit

/// Follow-up after avslut ("effekt över tid", issue #27 item 12): an `uppfoljning` file counts avslutade
/// deltagare again some months later with their försörjning then; goals follow the share in arbete or
/// studier, protected as counts of people.
@Suite struct UppfoljningTests {
    /// Followed up in 2016H1: 17 at six months (kvinnor 4 arbete, 2 studier, 3 försörjningsstöd; män 3 arbete,
    /// 5 a-kassa), 8 at twelve months (6 arbete, 2 sjukpenning).
    static let uppfoljning = """
        forbund;insats;period;kon;manader;forsorjning_efter;antal
        S;R;2016H1;kvinna;6;arbete;4
        S;R;2016H1;kvinna;6;studier;2
        S;R;2016H1;kvinna;6;Försörjningsstöd;3
        S;R;2016H1;man;6;arbete;3
        S;R;2016H1;man;6;a-kassa;5
        S;R;2016H1;man;12;arbete;6
        S;R;2016H1;kvinna;12;sjukpenning;2

        """

    static let goalText = #"""
        {"version": 2, "goals": [
          {"id": "effekt-6", "title": "Andel i arbete eller studier 6 månader efter avslut", "target": 0.5,
           "measure": {"type": "uppfoljningShare", "manader": 6, "positive": ["arbete", "studier"]}},
          {"id": "effekt-12", "title": "Andel i arbete 12 månader efter avslut",
           "measure": {"type": "uppfoljningShare", "manader": 12, "positive": "arbete"}}]}
        """#

    func dataset(_ text: String) -> (Dataset, [Problem]) {
        Dataset.load([.bytes(Array(text.utf8), name: "u.csv")], catalogues: .builtIn)
    }

    @Test func aFollowUpFileIsReadApartFromTheDeltagare() throws {
        let (data, problems) = dataset(Self.uppfoljning)
        #expect(problems.isEmpty)
        #expect(data.deltagare.isEmpty)
        #expect(data.files.first?.kind == .uppfoljning)
        #expect(data.uppfoljningar.map(\.antal).reduce(0, +) == 25)
        #expect(data.uppfoljningar.map(\.manader) == [6, 6, 6, 6, 6, 12, 12])
        let slot = try #require(Catalogues.builtIn.dimensioner.slot(of: "forsorjning_efter"))
        // forsorjning_efter's codes: aktivitetsersattning 0, sjukpenning-sjukersattning 1, forsorjningsstod 2, a-kassa 3, …, arbete 7, studier 8.
        #expect(data.uppfoljningar.map { $0.dimensions[slot] } == [7, 8, 2, 7, 3, 7, 1])
    }

    @Test func everyCellIsCheckedStrictlyAndPersonalDataRefusesTheFile() {
        let bad = """
            forbund;insats;period;kon;manader;forsorjning_efter;antal
            S;R;2016H1;kvinna;sex;arbete;4
            S;R;2016H1;kvinna;6;;2
            S;R;2016H1;man;6;jobb;3
            S;R;2016H1;man;0;arbete;1

            """
        #expect(
            dataset(bad).1.map(\.description) == [
                "u.csv:2:19: fel: cell E2: kolumn manader: väntade antal hela månader efter avslut (1–60, till exempel 6 eller 12), fann \"sex\"",
                "u.csv:3:21: fel: cell F3: kolumn forsorjning_efter: väntade försörjningen vid uppföljningen: aktivitetsersattning, "
                    + "sjukpenning-sjukersattning, forsorjningsstod, a-kassa, nyanland, ingen-ersattning, annan, arbete eller studier, fann en tom cell",
                "u.csv:4:18: fel: cell F4: kolumn forsorjning_efter: väntade försörjningen vid uppföljningen: aktivitetsersattning, "
                    + "sjukpenning-sjukersattning, forsorjningsstod, a-kassa, nyanland, ingen-ersattning, annan, arbete eller studier, fann \"jobb\"",
                "u.csv:5:16: fel: cell E5: kolumn manader: väntade antal hela månader efter avslut (1–60, till exempel 6 eller 12), fann \"0\"",
            ])
        // A status column is no column of a follow-up; without forsorjning_efter the file says nothing.
        let header = dataset("forbund;insats;period;kon;manader;status\nS;R;2016H1;kvinna;6;avslutad\n").1.map(\.description)
        #expect(
            header == [
                "u.csv:1:1: fel: rubrikraden saknar kolumnen forsorjning_efter som en uppfoljning-fil måste ha",
                "u.csv:1:35: fel: cell F1: okänd kolumn för uppfoljning: väntade forbund, insats, period, kon, aldersgrupp, manader, antal, malgrupp, "
                    + "forsorjning_fore, forsorjning_efter, remittent, tid_i_insats eller handlingsplan eller en kolumn som börjar med x_, fann \"status\"",
            ])
        // DOMAIN §4.3: a personnummer anywhere makes the whole file fail, and nothing of it is kept.
        let (data, problems) = dataset("forbund;insats;period;kon;manader;forsorjning_efter;x_anteckning\nS;R;2016H1;kvinna;6;arbete;121212-1212\n")
        #expect(data.uppfoljningar.isEmpty)
        #expect(
            problems.map(\.description) == [
                "u.csv:2:28: fel: cell G2: kolumn x_anteckning: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"12…\", 11 tecken); "
                    + "finsam tar bara emot antal — ta bort uppgiften ur filen"
            ])
    }

    @Test func aGoalFollowsTheShareInArbeteOrStudierSixMonthsAfterAvslut() throws {
        let goals = try GoalFile.decode(Data(Self.goalText.utf8), name: "mal.json", catalogues: .builtIn)
        let (data, _) = dataset(Self.uppfoljning)
        let report = try HalvarsRapport.make(dataset: data, period: Period("2016H1")!, forbund: nil, goals: goals, sources: ["u.csv"])
        // Six months: 4 + 2 + 3 of 4 + 2 + 3 + 3 + 5 = 9 of 17 = 52.9 % ≥ 50 %; kvinnor 6 of 9, män 3 of 8.
        // Twelve months: 6 of 8.
        #expect(report.goals[0].overall.share == Share(9, of: 17))
        #expect(report.goals[0].overall.verdict == .uppfyllt)
        #expect(report.goals[0].perKon.prefix(2).map(\.figure.share) == [Share(6, of: 9), Share(3, of: 8)])
        #expect(report.goals[1].overall.share == Share(6, of: 8))
        #expect(report.goals[0].scopeText == "Uppföljda 6 månader efter avslut")
        // Counts of people: män's 3 is below 5 and is not shown; the overall figure stands.
        let published = try PublishedReport(report, protection: SmallCellProtection())
        func texts(_ table: String, _ key: String) -> [String] {
            (published.table(table)?.rows.first { $0.key == key }?.cells ?? []).map(\.text)
        }
        #expect(
            texts("mal", "effekt-6").prefix(5) == ["minst 50 %", "Uppföljda 6 månader efter avslut, januari–juni 2016", "53 %", "9 av 17", "31–74 %"])
        #expect(texts("mal-kon", "effekt-6/man").first == "..")
    }

    @Test func aGoalFileRefusesAFollowUpItCannotCompute() {
        do {
            _ = try GoalFile.decode(
                Data(
                    #"{"version": 2, "goals": [{"id": "e", "title": "t", "scope": {"ny": "ja"}, "measure": {"type": "uppfoljningShare", "manader": 0, "positive": ["jobb"]}}]}"#
                        .utf8), name: "mal.json", catalogues: .builtIn)
            Issue.record("the goal must be refused")
        } catch {
            #expect(
                error.problems.map(\.description) == [
                    "mal.json:1:86: fel: goals[0].measure: en uppföljning har ingen uppgift om ny: ta bort ny ur scope",
                    "mal.json:1:126: fel: goals[0].measure.manader: väntade antal hela månader efter avslut (1–60), fann 0",
                    "mal.json:1:142: fel: goals[0].measure.positive[0]: väntade aktivitetsersattning, sjukpenning-sjukersattning, forsorjningsstod, "
                        + "a-kassa, nyanland, ingen-ersattning, annan, arbete eller studier, fann \"jobb\"",
                ])
        }
    }

    @Test func theTemplateAndTheSchemaNameTheFollowUpColumns() throws {
        #expect(
            Template.columns(.uppfoljning, catalogue: Catalogues.builtIn.indikatorer) == [
                "forbund", "insats", "period", "kon", "aldersgrupp", "manader", "forsorjning_efter", "antal",
            ])
        var workbook = try XlsxWorkbook(bytes: XlsxTemplate.bytes(.uppfoljning, catalogues: .builtIn))
        #expect(workbook.sheets.first?.name == "Uppföljning")
        #expect(try workbook.table(0).rows[0] == ["Förbund", "Insats", "Period", "Kön", "Åldersgrupp", "Månader", "forsorjning_efter", "Antal"])
        // Filled in, the workbook reads back as a follow-up file, a wrong cell named by its address.
        var zip = ZipWriter()
        for var part in try workbook.allParts() {
            if part.name == "xl/worksheets/sheet1.xml" {
                let rows =
                    WorkbookStructureTests.row(2, ["S", "R", "2016H1", "kvinna", "", "6", "Arbete"], antal: "")
                    + WorkbookStructureTests.row(3, ["S", "R", "2016H1", "man", "", "tolv", "studier"], antal: "")
                part.bytes = Array(
                    String(decoding: part.bytes, as: UTF8.self).replacingOccurrences(of: "</sheetData>", with: rows + "</sheetData>").utf8)
            }
            zip.add(part.name, part.bytes)
        }
        let (data, problems) = Dataset.load([.bytes(zip.bytes(), name: "u.xlsx")], catalogues: .builtIn)
        #expect(
            problems.map(\.description) == [
                "u.xlsx:3:6: fel: cell Uppföljning!F3: kolumn Månader: väntade antal hela månader efter avslut (1–60, till exempel 6 eller 12), fann \"tolv\""
            ])
        #expect(data.uppfoljningar.isEmpty)  // a file with a problem is kept whole or not at all
    }
}
