import FinsamTestSupport
import Foundation
import Testing

@testable import FinsamKit

/// The plans' follow-up figures that came out wrong (#27, items 1–3), against figures worked out by hand from
/// the sample files.
@Suite struct PlanFollowUpTests {
    func goals(_ text: String) throws -> GoalFile {
        let url = try TemporaryFolder.make("finsam-plan").appendingPathComponent("mal.json")
        try Data(text.utf8).write(to: url)
        return try GoalFile.load(url.path, catalogues: .builtIn)
    }

    func row(_ table: PublishedTable?, _ key: String) -> [String] {
        table?.rows.first { $0.key == key }?.cells.map(\.text) ?? []
    }

    /// Gävleborg's "Deltagande i konferenser" is followed over 2017. Its konferens rows hold 48 + 17 = 65 deltagande
    /// in 2017H1 and 106 over the year (aktiviteter-2017H1.csv and -2017H2.csv), so juli–december 2017 had 41:
    /// that is its trend row, not the year's 106 (which reads as growth).
    @Test func aCountGoalWithAPeriodOfItsOwnShowsEachHalvarsOwnFigureInTheTrend() throws {
        let report = try AktiviteterTests.report("2017H2")
        let g = try #require(report.goals.firstIndex { $0.goal.id == "deltagande-arbetskonferenser" })
        #expect(report.goals[g].overall.share.numerator == 106)
        let published = try PublishedReport(report, protection: nil)
        let trend = try #require(published.table("trend"))
        let column = try #require(trend.columnKeys.firstIndex(of: "deltagande-arbetskonferenser"))
        #expect(row(trend, "2017H1")[column] == "65")
        #expect(row(trend, "2017H2")[column] == "41")
        #expect(try #require(trend.note).contains("Deltagande i konferenser: helåret 2017"))
        // The goal table still gives the year's figure, with the year in words.
        #expect(row(published.table("mal"), "deltagande-arbetskonferenser").contains("106"))
    }

    /// The kostnad table follows a goal whose scope is Insats A: Insats B has no stegförflyttning by that goal's
    /// definition ("–", not 0); A keeps its one (the kvinna with studier in 2023H2).
    @Test func kostnadPerStegforflyttningCountsOnlyTheInsatserOfTheFollowedGoalsScope() throws {
        let dataset = try EconomyTests().dataset()
        let goals = try goals(
            """
            {"version": 2, "goals": [{"id": "steg-a", "title": "Stegförflyttning i A", "target": 0.5,
              "scope": {"insats": ["a"]}, "measure": {"type": "exitShare"}}]}
            """)
        let report = try HalvarsRapport.make(dataset: dataset, period: Period("2023H2")!, forbund: nil, goals: goals, sources: [])
        #expect(report.kostnader.map(\.stegforflyttningar) == [1, nil])
        let published = try PublishedReport(report, protection: nil)
        let kostnad = try #require(published.table("kostnad"))
        // A: 120 000 kr for 4 deltagare and 1 stegförflyttning; B: half of 90 000 kr for 6 deltagare.
        #expect(row(kostnad, "a").suffix(2) == ["1", SwedishFormat.kronor(120_000)])
        #expect(row(kostnad, "b").suffix(2) == ["–", "–"])
        #expect(try #require(kostnad.note).contains("insatsen ingår inte i det målet"))
    }

    /// A tillfällen goal whose scope names the insats by its register id ("kompetens") is listed in the struktur
    /// table's Mål column, as one naming it "Kompetens i samverkan" always was.
    @Test func theStrukturTablesGoalColumnKnowsAnInsatsByItsRegisterId() throws {
        let goals = try goals(
            """
            {"version": 2, "goals": [{"id": "konferenser", "title": "Fyra arbetskonferenser", "shortTitle": "Arbetskonferenser",
              "target": 4, "period": "2017", "scope": {"insats": ["kompetens"]},
              "measure": {"type": "count", "of": "tillfallen", "aktivitet": ["konferens"]}}]}
            """)
        let report = try HalvarsRapport.make(
            dataset: AktiviteterTests.dataset(), period: Period("2017H2")!, forbund: nil, goals: goals, sources: [])
        let published = try PublishedReport(report, protection: SmallCellProtection())
        let struktur = try #require(published.table("struktur"))
        let mal = try #require(struktur.columnKeys.firstIndex(of: "mal"))
        let konferens = try #require(struktur.rows.first { $0.key == "Kompetens i samverkan/konferens" })
        #expect(konferens.cells[mal].text.hasPrefix("Arbetskonferenser: minst 4 (helåret 2017:"))
    }
}
