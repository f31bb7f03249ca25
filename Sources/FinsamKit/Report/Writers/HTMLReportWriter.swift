import Foundation

/// The halvårsrapport as one self-contained HTML file for the styrelse (DOMAIN §8): no external fonts,
/// scripts or images; inline SVG charts with titles and text alternatives in words; a page that reflows on a
/// 390 px phone (each goal a card, other wide tables scroll inside their own box, chart text stays at 9 px
/// or more), and prints on A4 with every column on the paper (smaller type, cells that wrap), sections
/// following each other so that no page is left nearly empty, short tables kept whole.
///
///     let html = HTMLReportWriter.write(try PublishedReport(report, protection: SmallCellProtection()))
public enum HTMLReportWriter {
    /// - Returns: the whole document, `<!DOCTYPE html>` to `</html>`.
    public static func write(_ published: PublishedReport) -> String {
        let report = published.report
        var html = """
            <!DOCTYPE html>
            <html lang="sv">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(report.kind) \(escape(report.periodWords)) — \(escape(report.forbundNamn))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header class="cover">
            <p class="kicker">\(report.kind) till styrelsen</p>
            <h1>\(escape(report.forbundNamn))</h1>
            <p class="period">\(escape(report.periodWords.prefix(1).uppercased() + report.periodWords.dropFirst()))</p>

            """
        if !published.isProtected {
            html += "<p class=\"warning\" role=\"alert\">OSKYDDAD: små antal visas. Endast för kansliets interna bruk — får inte publiceras.</p>\n"
        }
        if let fastallelse = report.fastallelse { html += "<p class=\"approval\"><strong>\(escape(fastallelse))</strong></p>\n" }
        html += "<p>\(escape(ReportText.method(published)))</p>\n"
        // A long list of files would fill the first screen of a phone, or the first page, before the goals: the
        // cover says how many there are and the list closes the report.
        let listedLast = report.sources.count > Self.sourcesOnCover
        html +=
            "<p class=\"sources\">Underlag: "
            + (listedLast ? "\(report.sources.count) filer, förtecknade sist i rapporten" : escape(report.sources.joined(separator: ", ")))
        html += report.goalsSource.map { ". Mål enligt \(escape($0))" } ?? ""
        html += report.beslut.map { ", \(escape($0.clause))." } ?? "."
        html += "</p>\n</header>\n"

        for part in ReportSection.sections(published) {
            // The charts stand in their sections: the goals' above the goal tables, the trends' above the
            // trend table, the avslutsorsaker's under their table.
            let body =
                switch part.id {
                case "mal": goalChart(published) + tables(published, part.tables)
                case "trend": trendCharts(published) + tables(published, part.tables)
                case "avslut":
                    tables(published, ["avslutsorsaker"]) + avslutChart(published)
                        + tables(published, part.tables.filter { $0 != "avslutsorsaker" })
                default: tables(published, part.tables)
                }
            html += section(part.id, part.title, body)
        }
        if listedLast {
            html += "<footer id=\"underlag\">\n<p class=\"sources\">Underlag: \(escape(report.sources.joined(separator: ", "))).</p>\n</footer>\n"
        }
        html += "</body>\n</html>\n"
        return html
    }

    /// At most this many source files are named on the cover; more are listed at the end of the report.
    static let sourcesOnCover = 3

    static let style = """
        @page { size: A4; margin: 16mm 14mm; }
        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: \(ReportPalette.ink); margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.4; hyphens: auto; overflow-wrap: break-word; }
        h1 { font-size: 1.9rem; margin: .2rem 0; } h2 { font-size: 1.4rem; border-bottom: 2px solid \(ReportPalette.accent); padding-bottom: .2rem; }
        .kicker { text-transform: uppercase; letter-spacing: .08em; color: \(ReportPalette.accent); margin: 0; }
        .period { font-size: 1.2rem; margin: 0 0 1rem; } .sources, .note { color: \(ReportPalette.muted); font-size: .85rem; }
        .warning { background: #fde2e1; border: 2px solid \(ReportPalette.target); padding: .5rem; font-weight: bold; }
        .table-title { font-weight: bold; font-size: 1.05rem; margin: 1.2rem 0 .2rem; } .table-note { margin: 0 0 .3rem; }
        .table-box { overflow-x: auto; max-width: 100%; margin: 0 0 .2rem; }
        table { border-collapse: collapse; width: 100%; font-size: .82rem; }
        th, td { border-bottom: 1px solid \(ReportPalette.rule); padding: .25rem .4rem; text-align: right; vertical-align: top; }
        td { white-space: nowrap; } table.cards td { white-space: normal; }
        th:first-child, td:first-child { text-align: left; } thead th { background: \(ReportPalette.track); vertical-align: bottom; hyphens: manual; }
        tbody th { font-weight: normal; min-width: 9rem; }
        .table-box table:not(.cards) tbody th, .table-box table:not(.cards) thead th:first-child { position: sticky; left: 0; z-index: 1; }
        .table-box table:not(.cards) tbody th { background: #ffffff; box-shadow: 1px 0 0 \(ReportPalette.rule); }
        .table-box table:not(.cards) thead th:first-child { background: \(ReportPalette.track); }
        tr.total th, tr.total td { font-weight: bold; border-top: 2px solid \(ReportPalette.ink); }
        .hidden-note, .omitted { margin: 0 0 1rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        figure { margin: .5rem 0 1rem; } figcaption { font-size: .85rem; color: \(ReportPalette.muted); }
        svg { display: block; width: 100%; max-width: 36rem; height: auto; } svg text { font-family: inherit; font-size: 12px; fill: \(ReportPalette.ink); }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; } .charts figure { min-width: 0; }
        h2 + .charts, h2 + figure { break-before: avoid; }
        @media (max-width: 40rem) {
          body { padding: .75rem; } h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; }
          table { font-size: .78rem; } tbody th { min-width: 7rem; }
          table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td { display: block; width: auto; min-width: 0; }
          table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
          table.cards tr { border: 1px solid \(ReportPalette.rule); border-radius: 6px; padding: .4rem .6rem; margin: 0 0 .6rem; }
          table.cards tr.total { border: 2px solid \(ReportPalette.ink); }
          table.cards tbody th { font-weight: bold; border: 0; padding: 0 0 .2rem; }
          table.cards td { display: flex; justify-content: space-between; gap: .75rem; white-space: normal; border-bottom: 1px dotted \(ReportPalette.rule); padding: .15rem 0; text-align: right; }
          table.cards td:last-child { border-bottom: 0; }
          table.cards td::before { content: attr(data-label); text-align: left; color: \(ReportPalette.muted); flex: 0 1 auto; }
        }
        @media print {
          body { max-width: none; padding: 0; }
          tr, figure, .keep { break-inside: avoid; }
          h2, .table-title, .table-note { break-after: avoid; }
          .table-box { overflow: visible; }
          table { font-size: 7.5pt; } th, td { white-space: normal; padding: .15rem .25rem; } tbody th { min-width: 6rem; }
          .nw { white-space: nowrap; }
          svg { max-width: 28rem; }
          thead { display: table-header-group; }
        }
        """

    /// Text and attribute values as literal text.
    ///
    /// - Returns: `text` with `&`, `<`, `>` and `"` escaped.
    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A section under its heading. A table titled as its section ("FINSAM-indikatorer") keeps its title
    /// for screen readers only, so the page does not print the same words twice.
    static func section(_ id: String, _ title: String, _ body: String) -> String {
        let repeated = "<p class=\"table-title\" id=\"t-", tail = "\">\(escape(title))</p>\n"
        var body = body
        if let start = body.range(of: repeated), let end = body.range(of: tail, range: start.upperBound..<body.endIndex),
            !body[start.upperBound..<end.lowerBound].contains("\"")
        {
            body.replaceSubrange(start, with: "<p class=\"table-title visually-hidden\" id=\"t-")
        }
        return "<section id=\"\(id)\" aria-labelledby=\"\(id)-rubrik\">\n<h2 id=\"\(id)-rubrik\">\(escape(title))</h2>\n\(body)</section>\n"
    }

    static func tables(_ published: PublishedReport, _ ids: [String]) -> String {
        ids.compactMap(published.table).map(table).joined()
    }

    /// One table in a box of its own that scrolls sideways on a narrow screen, so the page never does. Its
    /// title (not a heading: none repeats the section's) and note stand above the box, so they wrap at the
    /// page's width; the note under it says what hidden numbers mean.
    ///
    /// - Returns: the title, the note, the box with the table and, when it hides a number, the note under it.
    static func table(_ table: PublishedTable) -> String {
        let id = "t-\(table.id)"
        // A short table is kept on one printed page with its title; a long one may break between rows,
        // its header repeated on the next page.
        var html = "<div class=\"table-block\(table.rows.count <= keptTogether ? " keep" : "")\">\n"
        html += "<p class=\"table-title\" id=\"\(id)\">\(escape(table.title))</p>\n"
        guard !table.rows.isEmpty else {
            return html + "<p class=\"note omitted\">\(escape(table.omittedNote ?? ""))</p>\n</div>\n"
        }
        if let note = table.note { html += "<p class=\"note table-note\">\(escape(note))</p>\n" }
        html += "<div class=\"table-box\" role=\"region\" aria-labelledby=\"\(id)\" tabindex=\"0\">\n"
        html += "<table aria-labelledby=\"\(id)\"\(asCards(table) ? " class=\"cards\"" : "")>\n"
        html += "<thead><tr><th scope=\"col\">\(escape(table.rowHeader))</th>"
        html += table.columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            let total = row.key == "totalt" || row.key == "summa"
            html += "<tr\(total ? " class=\"total\"" : "")><th scope=\"row\">\(escape(row.label))</th>"
            html += zip(table.columns, row.cells).map { "<td data-label=\"\(escape($0))\">\(figures($1.text))</td>" }.joined() + "</tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n"
        if let hidden = table.hiddenNote { html += "<p class=\"note hidden-note\">\(escape(hidden))</p>\n" }
        if let omitted = table.omittedNote { html += "<p class=\"note omitted\">\(escape(omitted))</p>\n" }
        return html + "</div>\n"
    }

    /// A cell's text with each figure in it kept on one line (`53 av 60`, `minst 80 %`, `175 000 kr`, `60–83 %`):
    /// a printed table wraps its cells, and a figure broken over two lines reads as two. A cell may still wrap
    /// between its figures (`27 av 34 mot 17 av 32`) and in its words (a verdict).
    ///
    /// - Returns: the escaped text, each figure in a `<span class="nw">`.
    static func figures(_ text: String) -> String {
        var html = "", rest = Substring(text)
        while !rest.isEmpty {
            let cut = [" mot ", " till ", "; "].compactMap { rest.range(of: $0) }.min { $0.lowerBound < $1.lowerBound }
            let piece = cut.map { rest[..<$0.lowerBound] } ?? rest
            // The figure is the piece's leading words that are numbers, marks or units ("minst 80 %", "53 av 60");
            // what follows ("procentenheter", "organisationer") may go to the next line.
            let words = piece.split(separator: " ", omittingEmptySubsequences: false)
            let figure = words.prefix { word in
                word.contains(where: \.isNumber) || ["av", "%", "kr", "minst", "högst", "..", "–"].contains(word) || word.hasPrefix("<")
            }
            let glued = figure.joined(separator: " ")
            if figure.count > 1 || glued.contains("–") && glued.count > 1, glued.contains(where: \.isNumber) || glued.contains("..") {
                html += "<span class=\"nw\">\(escape(glued))</span>" + escape(piece.dropFirst(glued.count))
            } else {
                html += escape(piece)
            }
            guard let cut else { break }
            html += escape(rest[cut])
            rest = rest[cut.upperBound...]
        }
        // A goal card's cell is a flex row (its name, then its value): the value is one item, not one per figure.
        let single = html.hasPrefix("<span class=\"nw\">") && html.hasSuffix("</span>") && html.components(separatedBy: "<span").count == 2
        return !html.contains("<span") || single ? html : "<span>\(html)</span>"
    }

    /// Tables of at most this many rows are printed on one page with their title.
    static let keptTogether = 20

    /// The goal tables become one card per row on a narrow screen (title, then each figure with its column's
    /// name), so that a phone shows the verdict without scrolling sideways.
    static func asCards(_ table: PublishedTable) -> Bool {
        ["mal", "mal-kon", "mal-insats", "trend"].contains(table.id)
    }
}
