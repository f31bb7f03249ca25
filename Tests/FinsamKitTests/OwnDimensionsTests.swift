import FinsamTestSupport
import Foundation
import Testing

@testable import FinsamKit

/// A förbund's own background dimensions beyond the six built in (issue #27 item 10): four of them, so the
/// row's codes need more than one word, each validated, grouped by, scoped on and tabled in the report.
@Suite struct OwnDimensionsTests {
    /// Four dimensions of the förbund's own, after the six built-in ones: slots 6 to 9.
    static let catalogueText = #"""
        {"version": 1, "dimensions": [
          {"id": "kommun", "label": "Kommun", "appliesTo": "all", "codes": [{"code": "skelleftea", "label": "Skellefteå"}, {"code": "norsjo", "label": "Norsjö"}]},
          {"id": "utbildning", "label": "Utbildning", "appliesTo": "all", "codes": [
            {"code": "grundskola", "label": "Grundskola"}, {"code": "gymnasium", "label": "Gymnasium"}, {"code": "eftergymnasial", "label": "Eftergymnasial"}]},
          {"id": "boende", "label": "Boende", "appliesTo": "all", "codes": [{"code": "egen", "label": "Eget boende"}, {"code": "annan", "label": "Annat boende"}]},
          {"id": "funktionsnedsattning", "label": "Funktionsnedsättning", "appliesTo": "all", "codes": [
            {"code": "ja", "label": "Ja"}, {"code": "nej", "label": "Nej"}]}
        ]}
        """#

    /// 26 deltagare of one insats, 13 of them avslutade, with a code in each of the four dimensions.
    static let deltagare = """
        forbund;insats;period;kon;status;avslutsorsak;antal;kommun;utbildning;boende;funktionsnedsattning
        S;R;2015H1;kvinna;pagaende;;6;skelleftea;gymnasium;egen;nej
        S;R;2015H1;man;pagaende;;7;Norsjö;grundskola;annan;ja
        S;R;2015H1;kvinna;avslutad;arbete;5;skelleftea;eftergymnasial;egen;ja
        S;R;2015H1;man;avslutad;avbrott;8;norsjo;gymnasium;egen;nej

        """

    static func catalogues() throws -> Catalogues {
        let folder = try TemporaryFolder.make("finsam-own-dim")
        let path = folder.appendingPathComponent("dimensioner.json").path
        try Data(catalogueText.utf8).write(to: URL(fileURLWithPath: path))
        return try Catalogues.load(avslutsorsaker: nil, indikatorer: nil, dimensioner: path)
    }

    @Test func aForbundMayAddFourDimensionsToTheSixBuiltIn() throws {
        let catalogues = try Self.catalogues()
        #expect(catalogues.dimensioner.extra.count == 10)
        #expect(catalogues.dimensioner.problems(file: "d.json").isEmpty)
        #expect(catalogues.dimensioner.slot(of: "funktionsnedsättning") == 9)
        // Sixteen is the limit: one more is said to be too many.
        var many = catalogues.dimensioner
        for i in 0..<7 { many.dimensions.append(.init(id: "egen\(i)", label: "Egen \(i)", appliesTo: .all, codes: [.init(code: "a", label: "A")])) }
        #expect(many.problems(file: "d.json").map(\.message) == ["dimensions: väntade högst 16 dimensioner utöver aldersgrupp, fann 17"])
    }

    @Test func everyOwnDimensionIsReadByBothPathsAndValidatedAtItsCell() throws {
        let catalogues = try Self.catalogues()
        var records: [[DeltagareRecord]] = []
        for known in [true, false] {
            var decoder = RecordDecoder(catalogues: catalogues)
            decoder.usesKnownCells = known
            var sink = KnownCellPathTests.RecordingSink()
            let summary = decoder.decode(CSVReader(bytes: Array(Self.deltagare.utf8), fileName: "d.csv"), into: &sink)
            #expect(summary.isValid)
            records.append(sink.deltagare)
        }
        #expect(records[0] == records[1])
        // Slots 8 and 9 lie in the second word.
        #expect(records[0].map { $0.dimensions[9] } == [1, 0, 0, 1])
        #expect(records[0].map { $0.dimensions[8] } == [0, 1, 0, 0])
        #expect(records[0].map { $0.dimensions[6] } == [0, 1, 0, 1])
        let bad = """
            forbund;insats;period;kon;status;avslutsorsak;kommun;utbildning;boende;funktionsnedsattning
            S;R;2015H1;kvinna;pagaende;;umea;gymnasium;egen;nej
            S;R;2015H1;kvinna;pagaende;;norsjo;hogskola;egen;nej
            S;R;2015H1;kvinna;pagaende;;norsjo;gymnasium;hyresratt;nej
            S;R;2015H1;kvinna;pagaende;;norsjo;gymnasium;egen;kanske

            """
        let (_, problems) = Dataset.load([.bytes(Array(bad.utf8), name: "d.csv")], catalogues: catalogues)
        #expect(
            problems.map(\.description) == [
                "d.csv:2:29: fel: cell G2: kolumn kommun: väntade skelleftea eller norsjo, fann \"umea\"",
                "d.csv:3:36: fel: cell H3: kolumn utbildning: väntade grundskola, gymnasium eller eftergymnasial, fann \"hogskola\"",
                "d.csv:4:46: fel: cell I4: kolumn boende: väntade egen eller annan, fann \"hyresratt\"",
                "d.csv:5:51: fel: cell J5: kolumn funktionsnedsattning: väntade ja eller nej, fann \"kanske\"",
            ])
    }

    @Test func aggregateGoalScopesAndTheReportUseTheOwnDimensions() throws {
        let catalogues = try Self.catalogues()
        // aggregate --by kon,funktionsnedsattning,boende: the last two lie in the second word.
        let folder = try TemporaryFolder.make("finsam-own-dim")
        let path = folder.appendingPathComponent("d.csv").path
        try Data(Self.deltagare.utf8).write(to: URL(fileURLWithPath: path))
        var options = AggregateRun.Options()
        options.by = [.kon]
        options.dimensions = [9, 8]
        let outcome = AggregateRun.run(files: [path], catalogues: catalogues, options: options)
        #expect(outcome.problems.isEmpty)
        let csv = String(decoding: AggregateWriter(table: outcome.table, names: outcome.names, catalogues: catalogues).deltagare(.csv), as: UTF8.self)
        #expect(csv == "kon,funktionsnedsattning,boende,antal\nkvinna,ja,egen,5\nkvinna,nej,egen,6\nman,ja,annan,7\nman,nej,egen,8\n")

        let goals = try GoalFile.decode(
            Data(
                #"""
                {"version": 2, "goals": [
                  {"id": "boende", "title": "Eget boende: stegförflyttning", "scope": {"boende": "egen"}, "measure": {"type": "exitShare"}},
                  {"id": "fn", "title": "Andel med funktionsnedsättning", "measure": {"type": "deltagarShare", "of": "alla", "where": {"funktionsnedsattning": "ja"}}},
                  {"id": "norsjo", "title": "Deltagare i Norsjö med grundskola", "scope": {"kommun": "norsjo", "utbildning": "grundskola"}, "measure": {"type": "count", "of": "alla"}}]}
                """#.utf8), name: "mal.json", catalogues: catalogues)
        let (data, problems) = Dataset.load([.bytes(Array(Self.deltagare.utf8), name: "d.csv")], catalogues: catalogues)
        #expect(problems.isEmpty)
        let report = try HalvarsRapport.make(dataset: data, period: Period("2015H1")!, forbund: nil, goals: goals, sources: ["d.csv"])
        let published = try PublishedReport(report, protection: nil)
        // Eget boende, avslutade: 5 arbete + 8 avbrott, stegförflyttning 5 of 13. Funktionsnedsättning: 7 + 5 of 26.
        // Norsjö with grundskola: the 7 pågående män.
        #expect(published.report.goals[0].overall.share == Share(5, of: 13))
        #expect(published.report.goals[1].overall.share == Share(12, of: 26))
        #expect(published.report.goals[2].overall.value == 7)
        let table = (published.table("dim-funktionsnedsattning")?.rows ?? []).map { "\($0.key): " + $0.cells.map(\.text).joined(separator: " ") }
        #expect(table == ["ja: 5 7 0 12", "nej: 6 8 0 14", "totalt: 11 15 0 26"])
        #expect(published.table("dim-boende")?.title == "Deltagare per boende och kön")
    }
}
