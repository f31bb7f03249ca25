import Foundation
import FinsamTestSupport
import Testing

/// The rules of issue #17 on SampleData's report: what a styrelse member reads is Swedish words (no goal,
/// scale or period codes), every table that hides a number says what the marks mean right under it, and no
/// verdict stands beside a hidden figure.
@Suite struct StyrelseWordingTests {
    static func report(_ format: String) throws -> String {
        let result = try FinsamProcess.run(
            [
                "report", "--period", "2023H2", "--format", format, "--goals", Repository.sample("mal-blekinge.json"),
                "--register", Repository.sample("forbund-blekinge.json"),
            ] + Repository.sampleCSVs)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// The text a reader sees: the HTML without its tags, its style and the list of source files (file names
    /// such as `deltagare-2023H2.csv` are names, not wording).
    static func visibleText(_ html: String) -> String {
        var text = html
        for pattern in [#"<style>[\s\S]*?</style>"#, #"<p class="sources">[\s\S]*?</p>"#, #"<[^>]+>"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text
    }

    static let codes = [
        // Goal ids of mal-blekinge.json, scale ids of the indicator catalogue, question ids, period codes.
        "stod-och-inflytande", "mer-redo", "del4", "janej", "betyg4", "utstrackning4", "(behov)", "(redo)", "(stod)",
        "2023H2", "2023H1", "2022H2",
        // The register's organisation type and the aktivitet catalogue's codes, in a coverage goal's "Vilka och när".
        "lokal-samverkansgrupp", "samverkansmote", "styrelsemote",
    ]

    @Test func readsAsWordsWithoutCodes() throws {
        let html = try Self.report("html")
        let visible = Self.visibleText(html)
        for code in Self.codes { #expect(!visible.contains(code), "\(code) in the HTML report's text") }
        #expect(visible.contains("Juli–december 2023"))
        #expect(visible.contains("Till mycket stor del 20"))
        #expect(visible.contains("✓ uppfyllt") && visible.contains("✗ ej uppfyllt"))
        let markdown = try Self.report("md")
        let body = markdown.components(separatedBy: "\n").filter { !$0.hasPrefix("Underlag:") }.joined(separator: "\n")
        for code in Self.codes { #expect(!body.contains(code), "\(code) in the Markdown report") }
        #expect(markdown.hasPrefix("# Halvårsrapport juli–december 2023 — "))
        #expect(markdown.contains("| juli–december 2022 | 168 | 70 |"))
        #expect(
            markdown.contains(
                "| Insatsen utgår från mina behov | 55 | 73 % | 60–83 % | 3,0 | Till mycket stor del 20 | Till stor del 20 | Till liten del 9 | Inte alls 6 | 3 |"
            ))
    }

    @Test func everyTableWithAHiddenNumberHasANoteUnderIt() throws {
        let markdown = try Self.report("md")
        // Markdown: a table is a run of lines starting with "|"; the line after the blank one closing it.
        let lines = markdown.components(separatedBy: "\n")
        var tables = 0, withHidden = 0
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("|") else {
                i += 1
                continue
            }
            var rows: [String] = []
            while i < lines.count, lines[i].hasPrefix("|") {
                rows.append(lines[i])
                i += 1
            }
            tables += 1
            let cells = rows.dropFirst(2).flatMap { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
            // A mark may stand anywhere in a cell: `<5 av ..` hides two figures.
            let words = cells.flatMap { $0.split(separator: " ") }
            let hides = words.contains { $0 == ".." || $0.hasSuffix("<5") }
            let note = i + 1 < lines.count ? lines[i + 1] : ""
            #expect(note.hasPrefix("Dolda tal:") == hides, "table \(tables): \(rows[0]) — \(note)")
            if hides {
                withHidden += 1
                #expect(note.contains("<5 betyder 1–4") == words.contains { $0.hasSuffix("<5") }, "table \(tables): \(rows[0]) — \(note)")
                #expect(note.contains(".. betyder") == words.contains(".."), "table \(tables): \(rows[0]) — \(note)")
            }
        }
        #expect(tables >= 12 && withHidden >= 8, "\(tables) tables, \(withHidden) with hidden numbers")
        // HTML: as many notes as Markdown has.
        let html = try Self.report("html")
        #expect(html.components(separatedBy: "<p class=\"note hidden-note\">Dolda tal:").count - 1 == withHidden)
    }

    /// The tester's case: "Stegförflyttning · Annat | .. | <5 av .. |" under a note that only explained `..`.
    @Test func aSmallCountInsideAFigureIsExplainedUnderItsTable() throws {
        let markdown = try Self.report("md")
        let section = try #require(markdown.components(separatedBy: "## Utfall per mål och kön\n").dropFirst().first)
        let lines = section.components(separatedBy: "\n").drop { !$0.hasPrefix("|") }
        let table = lines.prefix { $0.hasPrefix("|") }
        #expect(table.contains { $0.contains("| <5 av .. |") }, "\(table)")
        let note = try #require(lines.drop { $0.hasPrefix("|") }.dropFirst().first)
        #expect(note.hasPrefix("Dolda tal: <5 betyder 1–4; .. betyder"), "\(note)")
    }

    @Test func noVerdictBesideAHiddenFigure() throws {
        let markdown = try Self.report("md")
        for table in ["## Utfall per mål\n", "## Utfall per mål och kön\n", "## Utfall per mål och insats\n"] {
            let section = try #require(markdown.components(separatedBy: table).dropFirst().first)
            let rows = section.components(separatedBy: "\n").drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }.dropFirst(2)
            #expect(!rows.isEmpty)
            for row in rows {
                let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                // Utfall is the first figure column after the label (and, overall, after target and scope).
                let figure = table == "## Utfall per mål\n" ? cells[3] : cells[1]
                let verdict = table == "## Utfall per mål\n" ? cells[6] : cells[4]
                // A hidden figure's row says why, in words, never a verdict.
                if figure == ".." { #expect(["för få svar", "dolt: färre än 5", "dolt för att skydda ett litet antal"].contains(verdict), "\(row)") }
                if verdict.contains("uppfyllt") { #expect(figure != ".." && figure != "<5" && figure != "–", "\(row)") }
            }
        }
    }

    @Test func htmlIsAccessible() throws {
        let html = try Self.report("html")
        #expect(!html.contains("<th scope=\"col\"></th>") && !html.contains("<th></th>"))
        // Every table is named: each one's aria-labelledby points at its title.
        let tables = html.components(separatedBy: "<table aria-labelledby=\"").dropFirst()
        #expect(tables.count == html.components(separatedBy: "<table").count - 1)
        for table in tables {
            let id = String(table.prefix { $0 != "\"" })
            // A table titled as its section keeps the title for screen readers only.
            #expect(
                html.contains("<p class=\"table-title\" id=\"\(id)\">") || html.contains("<p class=\"table-title visually-hidden\" id=\"\(id)\">"))
        }
        // No heading text twice.
        let headings = html.matches(of: /<h[1-3][^>]*>([^<]*)<\/h[1-3]>/).map { String($0.1) }
        #expect(Set(headings).count == headings.count, "\(headings)")
        // Text alternatives of the charts in words: no ".." or "<5".
        for desc in html.matches(of: /<desc id="[^"]*">([^<]*)<\/desc>/).map({ String($0.1) }) {
            #expect(!desc.contains("..") && !desc.contains("&lt;5"), "\(desc)")
        }
        // The avslutsorsak chart draws only the series with a visible share: here none (the 61 avslutade are
        // hidden: beside the goal's 60 and 0 avlidna they would tell that 1 man was flyttat; and each kön's
        // with them), so there is no chart of nothing, and the table says why.
        #expect(!html.contains("diagram-avslut"))
        #expect(html.contains("Avslutsorsaker per kön"))
        // All three goals are shown overall: the survey rule publishes the answers inside a group of 27 forms.
        #expect(!html.contains("dolt (små antal)"))
    }
}
