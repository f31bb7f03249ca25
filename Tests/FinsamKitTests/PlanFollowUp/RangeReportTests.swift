import Foundation
import Testing
@testable import FinsamKit

/// A report over a run of periods (`report --period 2022H2..2023H2`, issue #27 item 9): each deltagare
/// counted once over the run, as goals over a range count them; figures counted by hand from
/// ``GoalLanguageTests/deltagare``.
@Suite struct RangeReportTests {
    @Test func aReportOverARunOfPeriodsCountsEachDeltagareOnceAndComparesWithNothing() throws {
        let goals = GoalFile(version: 2, goals: [GoalFile.Goal(id: "steg", title: "Stegförflyttning", target: 0.5, measure: .exitShare(.init()))])
        let span = try #require(PeriodSpan("2022H2..2023H2"))
        let report = try HalvarsRapport.make(dataset: GoalLanguageTests.dataset, span: span, forbund: nil, goals: goals, sources: [])
        // Pågående at the end of a halvår whose insats reported the next one are left out: only 2023H2's
        // pågående remain (B: kvinnor 5, män 3). Avslutade are added up: kvinnor 3 + 2 (2023H1) + 2 (2023H2) = 7,
        // män 1 + 4 + 2 = 7.
        let pagaende: [Int] = Kon.allCases.map { report.deltagare.pagaende[$0] }
        let avslutade: [Int] = Kon.allCases.map { report.deltagare.avslutade[$0] }
        #expect(pagaende == [5, 3, 0])
        #expect(avslutade == [7, 7, 0])
        #expect(report.deltagare.totalt.total == 22)
        // Stegförflyttning over the run: arbete 3 + 2, studier 1, arbetssökande 2 = 8 of the 14 avslutade.
        #expect(report.goals[0].overall.share == Share(8, of: 14))
        #expect(report.goals[0].overall.verdict == .uppfyllt)
        #expect(report.goals[0].periodText == "juli 2022–december 2023")
        #expect(report.kind == "Rapport" && report.periodWords == "juli 2022–december 2023" && report.isRange)
        #expect(report.trend.isEmpty && report.previous?.period == nil && report.yearEarlier?.period == nil)
        // Protected and written: the cover names the run, the JSON its code.
        let published = try PublishedReport(report, protection: nil)
        #expect(MarkdownReportWriter.write(published).hasPrefix("# Rapport juli 2022–december 2023 — f\n"))
        #expect(JSONReportWriter.write(published).contains(#""2022H2..2023H2""#))
        // One period is still a halvårsrapport.
        let half = try HalvarsRapport.make(dataset: GoalLanguageTests.dataset, span: PeriodSpan("2023H2")!, forbund: nil, goals: goals, sources: [])
        #expect(half.kind == "Halvårsrapport" && !half.isRange && half.span.description == "2023H2")
    }
}
