import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// The goals over other förbund's data (`report --benchmark`, issue #27 item 13) and `aggregate --goals` per
/// period for a goal with a period of its own, against figures counted by hand from the rows below.
@Suite struct GoalBenchmarkTests {
    /// Förbund f is the report's; g and h are the others. g: 4 of 6 avslutade with a stegförflyttning in 2023H2;
    /// h: 3 of 4; f's own 1 of 2 must not count.
    static let deltagare = """
        forbund;insats;period;kon;status;avslutsorsak;antal
        f;A;2023H2;kvinna;avslutad;arbete;1
        f;A;2023H2;man;avslutad;sjukdom;1
        g;X;2023H2;kvinna;avslutad;arbete;4
        g;X;2023H2;man;avslutad;avbrott;2
        g;X;2022H2;man;avslutad;arbete;9
        h;Y;2023H2;kvinna;avslutad;studier;3
        h;Y;2023H2;man;avslutad;flyttat;5
        h;Y;2023H2;man;avslutad;sjukdom;1
        """

    static let aktiviteter = """
        forbund;insats;period;aktivitet;tillfallen
        g;S;2017H1;agarsamrad;1
        g;S;2017H2;agarsamrad;1
        """

    static func dataset(_ files: [(String, String)]) -> Dataset {
        let (dataset, problems) = Dataset.load(files.map { .bytes(Array($1.utf8), name: $0) }, catalogues: .builtIn)
        precondition(problems.isEmpty, "\(problems)")
        return dataset
    }

    static let goals = GoalFile(
        version: 2, forbund: "f",
        goals: [
            GoalFile.Goal(id: "steg", title: "Stegförflyttning", target: 0.8, measure: .exitShare(.init(excludeFromDenominator: ["flyttat"]))),
            GoalFile.Goal(id: "avslutade", title: "Avslutade", measure: .count(.init(of: .avslutade))),
            GoalFile.Goal(
                id: "stod", title: "Stöd",
                measure: .surveyShare(.init(enkat: ["deltagare-avslut"], questions: ["stod"], positiveFrom: 3, combine: .all))),
        ])

    @Test func theBenchmarkPoolsTheOtherForbundsCountsLeavingTheReportsOwnOut() throws {
        let dataset = Self.dataset([("d.csv", Self.deltagare)])
        let benchmark = GoalBenchmark.make(
            [dataset], goals: Self.goals, span: PeriodSpan("2023H2")!, overridesGoalPeriods: false, isOwn: { $0 == "f" })
        #expect(benchmark.forbund == ["g", "h"] && benchmark.header == "Jämförelse: 2 förbund")
        // g: arbete 4 of 6 (avbrott counts in the denominator); h: studier 3 of 4 (flyttat is left out): 7 of 10.
        // g's 2022H2 is another period.
        #expect(benchmark.figures[0]?.share == Share(7, of: 10))
        #expect(benchmark.figures[0]?.verdict == .foljsUpp)
        // Avslutade summed: g 6, h 9.
        #expect(benchmark.figures[1]?.value == 15)
        // No förbund sent indikatorsvar: no figure, not 0 of 0.
        #expect(benchmark.figures[2] == nil)

        // In the report: the column, the report's own figure unchanged (1 of 2), and small counts hidden.
        var report = try HalvarsRapport.make(dataset: dataset, period: Period("2023H2")!, forbund: "f", goals: Self.goals, sources: [])
        let before = try PublishedReport(report, protection: SmallCellProtection())
        report.compare(with: [dataset], goals: Self.goals, span: nil, register: nil)
        #expect(report.goals[0].overall.share == Share(1, of: 2))
        let raw = try PublishedReport(report, protection: nil)
        let table = try #require(raw.table("mal"))
        #expect(table.columns.last == "Jämförelse: 2 förbund" && table.columnKeys.last == "jamforelse")
        #expect(table.rows.map { $0.cells.last!.text } == ["70 % (7 av 10)", "15", "inga uppgifter"])
        // The protected report: the numerator 7 and the denominator 10 are shown, the count 15 too.
        let published = try PublishedReport(report, protection: SmallCellProtection())
        #expect(try #require(published.table("mal")).rows.map { $0.cells.last!.text } == ["70 % (7 av 10)", "15", "inga uppgifter"])
        // Everything else is as it was without the benchmark.
        for (a, b) in zip(before.tables, published.tables) where a.id != "mal" {
            #expect(a.rows.map { $0.cells.map(\.text) } == b.rows.map { $0.cells.map(\.text) }, "\(a.id)")
        }
        #expect(
            before.table("mal")!.rows.map { Array($0.cells.map(\.text)) }
                == published.table("mal")!.rows.map { Array($0.cells.dropLast().map(\.text)) })
        // JSON: valid against the schema, with the figure per goal and null where there is no data.
        let document = try JSONSerialization.jsonObject(with: Data(JSONReportWriter.write(published).utf8))
        #expect(try JSONSchemaValidator(path: Repository.path("Schemas/report.schema.json")).errors(for: document) == [])
        let goals = try #require((document as? [String: Any])?["goals"] as? [[String: Any]])
        #expect((goals[0]["benchmark"] as? [String: Any])?["numerator"] as? Int == 7)
        #expect(goals[2]["benchmark"] is NSNull)

        // Only h: 3 of 4, a numerator of 3 people, hidden with its figure; the avslutade 9 shown.
        var small = report
        small.benchmark = GoalBenchmark.make(
            [dataset], goals: Self.goals, span: PeriodSpan("2023H2")!, overridesGoalPeriods: false, isOwn: { $0 == "f" || $0 == "g" })
        let hidden = try PublishedReport(small, protection: SmallCellProtection())
        #expect(try #require(hidden.table("mal")).rows.map { $0.cells.last!.text } == ["dolt: färre än 5", "9", "inga uppgifter"])
        #expect(hidden.benchmarkHidden == [true, false, false])
    }

    @Test func byPeriodAGoalWithAYearOfItsOwnIsJudgedOnceAndAHalvarWithoutAktiviteterHasNoFigure() {
        let dataset = Self.dataset([
            ("d.csv", "forbund;insats;period;kon;status;avslutsorsak;antal\ng;X;2016H1;kvinna;pagaende;;4\n"), ("a.csv", Self.aktiviteter),
        ])
        let measure = GoalMeasure.count(.init(of: .tillfallen, aktivitet: ["agarsamrad"]))
        let goals = GoalFile(
            version: 2,
            goals: [
                GoalFile.Goal(id: "aret", title: "Två ägarsamråd under året", target: 2, measure: measure, period: PeriodSpan("2017")),
                GoalFile.Goal(id: "halvar", title: "Ägarsamråd", target: 2, measure: measure),
            ])
        let rows = GoalComparison(byPeriod: true, split: .none).rows(dataset, goals: [goals])
        let summary = rows.map { "\($0.period) \($0.goal.id) \($0.noData ? "inga-uppgifter" : "\($0.numerator) \($0.figure.verdict.rawValue)")" }
        // 2016H1 has deltagare but no aktiviteter: no figure. 2017H1 and 2017H2 one ägarsamråd each; the year's
        // goal once over 2017: 1 + 1 = 2, met.
        #expect(summary == ["2016H1 halvar inga-uppgifter", "2017H1 halvar 1 ej-uppfyllt", "2017H2 halvar 1 ej-uppfyllt", "2017 aret 2 uppfyllt"])
        let csv = String(decoding: GoalComparison(byPeriod: true, split: .none).csv(rows), as: UTF8.self)
        #expect(csv.contains("\ng,2016H1,halvar,count,minst 2,,,,,,inga-uppgifter\n"))
    }
}
