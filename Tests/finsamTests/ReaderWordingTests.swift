import Foundation
import FinsamTestSupport
import Testing

/// What a tester running the README found a styrelse would trip on: the server's paths in the report, a
/// deltagande no file told shown as 0, an uncertain change that read as a contradiction, age bands with a
/// hyphen beside the folds' en dash, a command-line flag in a note, and Markdown laid out otherwise than HTML.
@Suite struct ReaderWordingTests {
    @Test func aReportNamesItsFilesAndGoalFileByNameNeverByTheServersPath() throws {
        // The examples give absolute paths: none of the folders may reach the reader, in any format.
        let folder = Repository.path("SampleData")
        let markdown = try StyrelsePaperTests.report("blekinge", "md")
        #expect(markdown.contains("\nMål enligt mal-blekinge.json.\n"))
        #expect(markdown.contains("Underlag: aktiviteter-2023H1.csv, aktiviteter-2023H2.csv, deltagare-2022H2.csv,"))
        let html = try StyrelsePaperTests.report("blekinge", "html")
        #expect(html.contains("Mål enligt mal-blekinge.json."))
        #expect(html.contains("<p class=\"sources\">Underlag: aktiviteter-2023H1.csv, aktiviteter-2023H2.csv,"))
        let json = try JSONSerialization.jsonObject(with: Data(try StyrelsePaperTests.report("blekinge", "json").utf8)) as? [String: Any]
        let sources = try #require(json?["sources"] as? [String])
        #expect(sources.count == 10 && sources.first == "aktiviteter-2023H1.csv")
        for (format, text) in [("md", markdown), ("html", html), ("csv", try StyrelsePaperTests.report("blekinge", "csv"))] {
            #expect(!text.contains(folder), "\(format)")
        }
    }

    @Test func anAktivitetWhoseFileLeavesDeltagandeEmptyIsShownAsNotToldNotAsZero() throws {
        let markdown = try StyrelsePaperTests.report("blekinge", "md")
        #expect(markdown.contains("| Samverkansutveckling (BIP och SKAPA) · Samverkansmöte | 14 |  | – | – | – | – | – |  |\n"))
        #expect(markdown.contains("| Samverkansutveckling (BIP och SKAPA) · totalt | 17 |  | – | – | – | – | – | 175\u{A0}000 kr |\n"))
        #expect(markdown.contains("(–: uppgift saknas, filen anger inget deltagande)"))
        // Rows that tell their deltagande keep their counts, a 0 included; the insats's total is theirs.
        let gavleborg = try StyrelsePaperTests.report("gavleborg", "md")
        #expect(
            gavleborg.contains(
                "| Samverkan och styrning · Ägarsamråd | 2 | Ägarsamråd: minst 2 (helåret 2017: ✓ uppfyllt) | 27 | 9 | 6 | 0 | 12 |  |\n"))
        #expect(gavleborg.contains("| Samverkan och styrning · Information | 6 |  | – | – | – | – | – |  |\n"))
        #expect(gavleborg.contains("| Samverkan och styrning · totalt | 8 |  | 27 | 9 | 6 | 0 | 12 |"))
        // The receipt: no "kvinnor 0, män 0, annat 0" for a file that gives no deltagande per kön.
        let store = try TemporaryFolder.make().appendingPathComponent("arkiv").path
        let receipt = try FinsamProcess.run([
            "submit", "--dry-run", "--store", store, "--register", Repository.sample("forbund-blekinge.json"),
            Repository.sample("aktiviteter-2023H1.csv"),
        ])
        #expect(receipt.status == 0, "\(receipt.stderr)")
        #expect(receipt.stdout.contains("  per kön:   uppgift saknas (ingen rad anger deltagande per kön)\n"))
        #expect(!receipt.stdout.contains("kvinnor 0"))
        // Nor does Uppföljning Finsam get 0 deltagare in total for it: the cell is left empty.
        let uppfoljning = try FinsamProcess.run(
            ["report", "--period", "2023", "--format", "uppfoljning", "--register", Repository.sample("forbund-blekinge.json")]
                + Repository.sampleCSVs)
        #expect(uppfoljning.status == 0, "\(uppfoljning.stderr)")
        #expect(uppfoljning.stdout.contains("insats;samverkansutveckling;Samverkansutveckling (BIP och SKAPA);;;350000;;;;;;;;;;\r\n"))
    }

    @Test func aChangeWhoseIntervalHoldsZeroSaysItAlsoHoldsNoChange() throws {
        let markdown = try StyrelsePaperTests.report("gavleborg", "md")
        #expect(markdown.contains("| ✓ uppfyllt (osäkert: intervallet rymmer även 0, dvs. ingen förändring) |"))
        #expect(!markdown.contains("rymmer 0, ingen förändring"))
    }

    @Test func ageBandsAreLabelledAsTheCatalogueLabelsThemWithAnEnDash() throws {
        let markdown = try StyrelsePaperTests.report("blekinge", "md")
        #expect(markdown.contains("| 16–19 år | 17 | 14 | 0 | 31 |\n"))
        #expect(!markdown.contains("| 16-19 |"))
        // Programs keep the code as the row's key.
        let csv = try StyrelsePaperTests.report("blekinge", "csv")
        #expect(csv.contains("\nalder;16-19;"))
        // Malmö's own bands, from its dimension file.
        #expect(try StyrelsePaperTests.report("malmo", "md").contains("| 25–30 år |"))
    }

    @Test func aReportOverARunNamesTheRunToCompareWithInWordsNotAsAFlag() throws {
        let result = try FinsamProcess.run(
            [
                "report", "--period", "2022H2..2023H2", "--goals", Repository.sample("mal-blekinge.json"), "--register",
                Repository.sample("forbund-blekinge.json"),
            ] + Repository.sampleCSVs)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Jämför med rapporten för lika lång tid före (januari 2021–juni 2022)."))
        #expect(!result.stdout.contains("--period"))
    }

    @Test func markdownHasTheSectionsOfTheHTMLReportInTheSameOrder() throws {
        for name in ["blekinge", "gavleborg", "gotland"] {
            let html = try StyrelsePaperTests.report(name, "html")
            let sections = html.components(separatedBy: "<h2 id=\"").dropFirst().compactMap { part -> String? in
                guard let start = part.range(of: "\">"), let end = part.range(of: "</h2>") else { return nil }
                return String(part[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
            }
            let markdown = try StyrelsePaperTests.report(name, "md")
            let headings = markdown.components(separatedBy: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
            #expect(headings == sections, "\(name)")
            #expect(sections.contains("Deltagare") && sections.contains("Avslutade"), "\(name)")
        }
        let blekinge = try StyrelsePaperTests.report("blekinge", "md")
        let volym = try #require(blekinge.range(of: "### Planerat och faktiskt antal deltagare"))
        let kostnad = try #require(blekinge.range(of: "### Kostnad per deltagare och per stegförflyttning"))
        #expect(blekinge.contains("## Volym och ekonomi\n") && volym.lowerBound < kostnad.lowerBound)
    }
}
