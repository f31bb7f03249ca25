import Foundation
import FinsamTestSupport
import Testing

/// Issue #26 on the example reports: rows and tables with no data are left out with one line saying why, a
/// verdict whose interval holds the target says it is uncertain in every format, and the cover, the indicator
/// section and the scale of a mean read as words once.
@Suite struct StyrelsePaperTests {
    static func report(_ name: String, _ format: String) throws -> String {
        let result = try FinsamProcess.run(["report", "--format", format] + HTMLReportTests.examples[name]!)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func rowsWithNoOneToCountAreLeftOutWithALineSayingWhy() throws {
        let gavleborg = try Self.report("gavleborg", "md")
        #expect(!gavleborg.contains("| Unga bland nya · Annat |"))
        #expect(!gavleborg.contains("| Deltagande i konferenser · Uppgift saknas |"))
        #expect(!gavleborg.contains("| 0 av 0 |") && !gavleborg.contains("| 0 av 0 mot 0 av 0 |"))
        #expect(gavleborg.contains("Visas inte: 5 rader utan någon att räkna (0 av 0, eller 0 med annat kön eller kön ej angivet)."))
        #expect(gavleborg.contains("| Unga bland nya · Män | 34 % | 10 av 29 | 20–53 % | följs upp |"))
        #expect(!gavleborg.contains("| uppgift saknas | 0 | 0 | 0 | 0 |"))
        #expect(gavleborg.contains("Visas inte: raden Uppgift saknas (inga deltagare saknar uppgiften)."))
        // Malmö's "unga kvinnor bland nya" says nothing about män.
        let malmo = try Self.report("malmo", "md")
        #expect(!malmo.contains("Unga kvinnor bland nya · Män"))
        #expect(malmo.contains("| Unga kvinnor bland nya · Kvinnor |"))
        #expect(malmo.contains("för kön som målet självt inte räknar"))
    }

    @Test func aRegisterTableOfNothingButDashesIsOneLine() throws {
        let blekinge = try Self.report("blekinge", "md")
        #expect(
            blekinge.contains(
                "## Planerat och faktiskt antal deltagare\n\nTabellen visas inte: registret anger inget för \"Planerat antal\" och \"Andel av planerat\".\n"
            ))
        #expect(blekinge.contains("| Insats | Budget | Kr per deltagare, faktiskt |"))
        #expect(
            blekinge.contains(
                "Kolumnerna \"Utfall\", \"Utfall av budget\" och \"Kr per deltagare, planerat\" visas inte: registret anger inget för dem."))
        let json = try Self.report("blekinge", "json")
        #expect(json.contains("\"omitted\" : \"Tabellen visas inte: registret anger inget för"))
        // In the CSV format too: one row with the column visas-inte.
        let csv = try Self.report("blekinge", "csv")
        #expect(csv.contains("volym;;visas-inte;;\"Tabellen visas inte: registret anger inget för"))
    }

    @Test func aVerdictWhoseIntervalHoldsTheTargetSaysItIsUncertainInEveryFormat() throws {
        let uncertain = "✓ uppfyllt (osäkert: intervallet rymmer även 0, dvs. ingen förändring)"
        let markdown = try Self.report("gavleborg", "md")
        #expect(markdown.contains("| +3 procentenheter | 54 av 70 mot 54 av 73 | −11 till +17 procentenheter | \(uncertain) |"))
        // +35 (+11 till +54) holds neither 0 nor the target: no such words.
        #expect(markdown.contains("| +35 procentenheter | 27 av 36 mot 12 av 30 | +11 till +54 procentenheter | ✓ uppfyllt | – |"))
        let html = try Self.report("gavleborg", "html")
        #expect(html.contains("<td data-label=\"Bedömning\">\(uncertain)</td>"))
        #expect(html.contains(">osäkert: intervallet rymmer även 0, dvs. ingen förändring</text>"))
        #expect(try Self.report("gavleborg", "csv").contains(uncertain))
        let json = try JSONSerialization.jsonObject(with: Data(try Self.report("gavleborg", "json").utf8)) as? [String: Any]
        let goals = try #require(json?["goals"] as? [[String: Any]])
        #expect(goals.first?["uncertain"] as? Bool == true)
        #expect(goals.last?["uncertain"] as? Bool == false)
    }

    @Test func coverIndicatorHeadingAndMeansReadOnce() throws {
        let gavleborg = try Self.report("gavleborg", "md")
        #expect(gavleborg.contains("Mål enligt mal-gavleborg.json, beslutade av förbundsstyrelsen 2016-11-25.\n"))
        #expect(!gavleborg.contains("beslutade av Beslutade"))
        let blekinge = try Self.report("blekinge", "md")
        #expect(blekinge.contains("på ja/nej-frågor är ja 1 och nej 0, så medel 0,8 betyder att 80 % svarade ja"))
        let html = try Self.report("blekinge", "html")
        #expect(
            html.contains(
                "<h2 id=\"indikatorer-rubrik\">FINSAM-indikatorer</h2>\n<div class=\"table-block keep\">\n<p class=\"table-title visually-hidden\""))
    }
}
