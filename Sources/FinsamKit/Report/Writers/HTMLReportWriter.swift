import Foundation

/// The halvårsrapport as one self-contained HTML file for the styrelse (DOMAIN §8): no external fonts,
/// scripts or images, inline SVG charts with titles and text alternatives, and print CSS that puts each
/// section on its own A4 page and never splits a table row.
public enum HTMLReportWriter {
    public static func write(_ published: PublishedReport) -> String {
        let report = published.report
        var html = """
            <!DOCTYPE html>
            <html lang="sv">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(report.kind) \(escape(report.period.description)) — \(escape(report.forbundNamn))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header class="cover">
            <p class="kicker">\(report.kind) till styrelsen</p>
            <h1>\(escape(report.forbundNamn))</h1>
            <p class="period">Period \(escape(report.period.description))</p>

            """
        if !published.isProtected {
            html += "<p class=\"warning\" role=\"alert\">OSKYDDAD: små antal visas. Endast för kansliets interna bruk — får inte publiceras.</p>\n"
        }
        html += "<p>\(escape(ReportText.method(published)))</p>\n"
        html += "<p class=\"sources\">Underlag: \(escape(report.sources.joined(separator: ", ")))"
        html += report.goalsSource.map { ". Mål enligt \(escape($0))" } ?? ""
        html += report.beslut.map { ", beslutade av \(escape($0.text))." } ?? "."
        html += "</p>\n</header>\n"

        if !report.goals.isEmpty {
            html += section("mal", "Måluppfyllelse", goalChart(published) + tables(published, ["mal", "mal-kon", "mal-insats"]))
        }
        if published.table("trend") != nil {
            html += section("trend", "Utveckling", trendCharts(published) + tables(published, ["trend"]))
        }
        html += section("deltagare", "Deltagare", tables(published, ["deltagare", "alder", "alder-grupperad"]))
        html += section("avslut", "Avslutade", tables(published, ["avslutsorsaker"]) + avslutChart(published) + tables(published, ["sus", "stegforflyttning"]))
        let bakgrund = published.tables.map(\.id).filter { $0.hasPrefix("dim-") || $0 == "forsorjning" }
        if !bakgrund.isEmpty { html += section("bakgrund", "Bakgrund", tables(published, bakgrund)) }
        html += section("indikatorer", "FINSAM-indikatorer", tables(published, ["indikatorer"]))
        let ekonomi = ["volym", "ekonomi", "kostnad", "ekonomi-forbund"].filter { published.table($0) != nil }
        if !ekonomi.isEmpty { html += section("ekonomi", "Volym och ekonomi", tables(published, ekonomi)) }
        html += "</body>\n</html>\n"
        return html
    }

    static let style = """
        @page { size: A4; margin: 16mm 14mm; }
        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1d2a33; margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.4; }
        h1 { font-size: 1.9rem; margin: .2rem 0; } h2 { font-size: 1.4rem; border-bottom: 2px solid #2b6c8f; padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
        .kicker { text-transform: uppercase; letter-spacing: .08em; color: #2b6c8f; margin: 0; }
        .period { font-size: 1.2rem; margin: 0 0 1rem; } .sources, .note { color: #4a5a66; font-size: .85rem; }
        .warning { background: #fde2e1; border: 2px solid #b3261e; padding: .5rem; font-weight: bold; }
        table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .82rem; }
        th, td { border-bottom: 1px solid #cfd8de; padding: .25rem .4rem; text-align: right; vertical-align: top; }
        td { white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; } thead th { background: #eef3f6; }
        tr.total td { font-weight: bold; border-top: 2px solid #1d2a33; }
        figure { margin: .5rem 0 1rem; } figcaption { font-size: .85rem; color: #4a5a66; }
        svg { max-width: 100%; height: auto; } svg text { font-family: inherit; font-size: 12px; fill: #1d2a33; }
        .charts { display: flex; flex-wrap: wrap; gap: 1rem; } .charts figure { flex: 1 1 18rem; }
        @media print {
          body { max-width: none; padding: 0; }
          section { break-before: page; }
          tr, figure { break-inside: avoid; }
          h2, h3, h3 + p { break-after: avoid; }
          thead { display: table-header-group; }
        }
        """

    static func escape(_ text: String) -> String {
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

    private static func section(_ id: String, _ title: String, _ body: String) -> String {
        "<section id=\"\(id)\" aria-labelledby=\"\(id)-rubrik\">\n<h2 id=\"\(id)-rubrik\">\(escape(title))</h2>\n\(body)</section>\n"
    }

    private static func tables(_ published: PublishedReport, _ ids: [String]) -> String {
        ids.compactMap(published.table).map(table).joined()
    }

    static func table(_ table: PublishedTable) -> String {
        var html = "<h3 id=\"t-\(table.id)\">\(escape(table.title))</h3>\n"
        if let note = table.note { html += "<p class=\"note\">\(escape(note))</p>\n" }
        html += "<table aria-labelledby=\"t-\(table.id)\">\n<thead><tr><th scope=\"col\"></th>"
        html += table.columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            let total = row.key == "totalt" || row.key == "summa"
            html += "<tr\(total ? " class=\"total\"" : "")><th scope=\"row\">\(escape(row.label))</th>"
            html += row.cells.map { "<td>\(escape($0.text))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    // MARK: Charts

    private static func format(_ x: Double) -> String { String(format: "%.1f", x) }

    /// An accessible SVG: `title` and `desc` name it for screen readers and as its text alternative.
    private static func svg(_ id: String, width: Int, height: Int, title: String, description: String, _ body: String) -> String {
        """
        <figure>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-labelledby="\(id)-title \(id)-desc">
        <title id="\(id)-title">\(escape(title))</title>
        <desc id="\(id)-desc">\(escape(description))</desc>
        \(body)</svg>
        <figcaption>\(escape(title))</figcaption>
        </figure>

        """
    }

    /// The target lines of a share goal: its least value, its greatest, or both (a band).
    private static func targetLines(_ result: GoalResult) -> [Double] {
        guard result.kind == .share, let target = result.goal.goalTarget else { return [] }
        return [target.min, target.max].compactMap { $0 }
    }

    /// Each goal on a row: a share as a bar with its 95 % interval and its target as a line; a count or a
    /// change as its figure in words. The verdict is written beside every figure, never told by colour alone.
    private static func goalChart(_ published: PublishedReport) -> String {
        let goals = published.report.goals
        let left = 230.0, width = 330.0, rowHeight = 46.0
        var body = "", description: [String] = []
        for (i, result) in goals.enumerated() {
            let y = 20 + Double(i) * rowHeight
            body += "<text x=\"0\" y=\"\(format(y + 16))\">\(escape(chartLabel(result.displayTitle, maximum: 30))) (mål \(escape(result.targetText)))</text>\n"
            let f = result.overall
            let hidden = published.goalHidden[i]
            let verdict = hidden ? "dolt: små antal" : f.verdict.label
            if result.kind != .share {
                let text = hidden ? "dolt: små antal" : "\(f.valueText) · \(verdict)"
                body += "<text x=\"\(format(left))\" y=\"\(format(y + 18))\">\(escape(text))</text>\n"
                description.append("\(result.goal.title): \(text), mål \(result.targetText)")
                continue
            }
            body += "<rect x=\"\(format(left))\" y=\"\(format(y + 4))\" width=\"\(format(width))\" height=\"18\" fill=\"#eef3f6\"/>\n"
            if !hidden, f.verdict != .forFaSvar, let value = f.share.value, let ci = f.share.interval {
                let colour = f.verdict == .uppfyllt ? "#1f5c3a" : f.verdict == .ejUppfyllt ? "#e0a040" : "#6b7c88"
                body += "<rect x=\"\(format(left))\" y=\"\(format(y + 4))\" width=\"\(format(value * width))\" height=\"18\" fill=\"\(colour)\"/>\n"
                let (lo, hi) = (left + ci.low * width, left + ci.high * width)
                body += "<path d=\"M\(format(lo)) \(format(y + 13))H\(format(hi))M\(format(lo)) \(format(y + 8))V\(format(y + 18))M\(format(hi)) \(format(y + 8))V\(format(y + 18))\" stroke=\"#1d2a33\" stroke-width=\"1.5\" fill=\"none\"/>\n"
                body += "<text x=\"\(format(left + width + 8))\" y=\"\(format(y + 18))\">\(escape(SwedishFormat.percent(f.share))) \(escape(verdict))</text>\n"
                description.append("\(result.goal.title): \(SwedishFormat.percent(f.share)) (\(f.share.numerator) av \(f.share.denominator), 95 % KI \(SwedishFormat.interval(f.share))), mål \(result.targetText), \(verdict)")
            } else {
                let why = hidden ? "dolt: små antal" : "för få svar"
                body += "<text x=\"\(format(left + 6))\" y=\"\(format(y + 18))\">\(why)</text>\n"
                description.append("\(result.goal.title): \(why)")
            }
            for line in targetLines(result) {
                let x = left + line * width
                // A dark line with a white edge: visible on every bar colour.
                body += "<line x1=\"\(format(x))\" x2=\"\(format(x))\" y1=\"\(format(y))\" y2=\"\(format(y + 26))\" stroke=\"#ffffff\" stroke-width=\"5\"/>\n"
                body += "<line x1=\"\(format(x))\" x2=\"\(format(x))\" y1=\"\(format(y))\" y2=\"\(format(y + 26))\" stroke=\"#b3261e\" stroke-width=\"2.5\"/>\n"
            }
        }
        let height = Int(30 + Double(goals.count) * rowHeight)
        return svg("diagram-mal", width: 680, height: height, title: "Måluppfyllelse med 95 % konfidensintervall och målvärde (röd linje)",
                   description: description.joined(separator: "; "), body)
    }

    /// One small line chart per share goal: its value each halvår, with intervals, against the target.
    private static func trendCharts(_ published: PublishedReport) -> String {
        let report = published.report
        var html = "<div class=\"charts\">\n"
        for (g, result) in report.goals.enumerated() where result.kind == .share {
            let points = report.trend
            let (left, top, w, h) = (40.0, 12.0, 240.0, 120.0)
            let step = points.count > 1 ? w / Double(points.count - 1) : 0
            var body = "<rect x=\"\(format(left))\" y=\"\(format(top))\" width=\"\(format(w))\" height=\"\(format(h))\" fill=\"#f7fafb\" stroke=\"#cfd8de\"/>\n"
            for tick in [0.0, 0.5, 1.0] {
                body += "<text x=\"0\" y=\"\(format(top + h - tick * h + 4))\">\(Int(tick * 100)) %</text>\n"
            }
            for line in targetLines(result) {
                let target = top + h - line * h
                body += "<line x1=\"\(format(left))\" x2=\"\(format(left + w))\" y1=\"\(format(target))\" y2=\"\(format(target))\" stroke=\"#b3261e\" stroke-dasharray=\"5 3\" stroke-width=\"1.5\"/>\n"
            }
            var path = "", description: [String] = []
            for (i, point) in points.enumerated() {
                let x = left + Double(i) * step
                body += "<text x=\"\(format(x - 18))\" y=\"\(format(top + h + 16))\">\(escape(point.period.description))</text>\n"
                let f = point.goals[g]
                let hidden = published.trendGoalHidden[i][g]
                guard f.verdict != .forFaSvar, !hidden, let value = f.share.value, let ci = f.share.interval else {
                    description.append("\(point.period): \(hidden ? "dolt: små antal" : "för få svar")")
                    continue
                }
                let y = top + h - value * h
                path += path.isEmpty ? "M\(format(x)) \(format(y))" : "L\(format(x)) \(format(y))"
                body += "<line x1=\"\(format(x))\" x2=\"\(format(x))\" y1=\"\(format(top + h - ci.low * h))\" y2=\"\(format(top + h - ci.high * h))\" stroke=\"#6b7c88\" stroke-width=\"1.5\"/>\n"
                body += "<circle cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"4\" fill=\"#2b6c8f\"/>\n"
                description.append("\(point.period): \(SwedishFormat.percent(f.share)) (n = \(f.share.denominator))")
            }
            if !path.isEmpty { body += "<path d=\"\(path)\" stroke=\"#2b6c8f\" stroke-width=\"2\" fill=\"none\"/>\n" }
            html += svg("diagram-trend-\(g)", width: 310, height: 160, title: "\(result.displayTitle): utveckling per halvår (mål \(result.targetText))",
                        description: description.joined(separator: "; "), body)
        }
        return html + "</div>\n"
    }

    /// Avslutsorsaker as shares of all avslutade and of each kön's; hidden counts are left out of the chart.
    /// The totalt bar comes first: when a small `annat` count forces a kön's total to be hidden, that kön's
    /// shares go too, and the chart would otherwise be left without the picture the styrelse needs.
    private static func avslutChart(_ published: PublishedReport) -> String {
        guard let table = published.table("avslutsorsaker") else { return "" }
        let rows = table.rows.filter { $0.key != "summa" }
        let kon: [(String, Int, String)] = [("Totalt", 7, "#1d2a33"), ("Kvinnor", 1, "#2b6c8f"), ("Män", 3, "#c26a00"), ("Annat", 5, "#6b7c88")]
        let left = 250.0, width = 330.0, bar = 6.0, rowHeight = 28.0
        var body = "", description: [String] = []
        for (i, row) in rows.enumerated() {
            let y = 10 + Double(i) * rowHeight
            body += "<text x=\"0\" y=\"\(format(y + 14))\">\(escape(chartLabel(row.label)))</text>\n"
            var parts: [String] = []
            for (k, (name, column, colour)) in kon.enumerated() {
                let cell = row.cells[column]
                guard let share = cell.number else {
                    parts.append("\(name) \(cell.text)")
                    continue
                }
                body += "<rect x=\"\(format(left))\" y=\"\(format(y + Double(k) * bar))\" width=\"\(format(max(share * width, 0.5)))\" height=\"\(format(bar - 1))\" fill=\"\(colour)\"/>\n"
                if k == 0 {
                    body += "<text x=\"\(format(left + share * width + 4))\" y=\"\(format(y + bar))\" font-size=\"9\">\(escape(cell.text))</text>\n"
                }
                parts.append("\(name) \(cell.text)")
            }
            description.append("\(row.label): " + parts.joined(separator: ", "))
        }
        var legend = ""
        for (k, (name, _, colour)) in kon.enumerated() {
            let x = left + Double(k) * 90
            legend += "<rect x=\"\(format(x))\" y=\"\(format(14 + Double(rows.count) * rowHeight))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/><text x=\"\(format(x + 14))\" y=\"\(format(23 + Double(rows.count) * rowHeight))\">\(name)</text>\n"
        }
        return svg("diagram-avslut", width: 640, height: Int(40 + Double(rows.count) * rowHeight),
                   title: "Avslutsorsaker: andel av de avslutade, totalt och per kön (dolda små antal visas inte)",
                   description: description.joined(separator: "; "), body + legend)
    }

    /// A label short enough for the chart's label column: without its explanation in parentheses (the table
    /// beside the chart has it), and cut at a word with "…" if still too long.
    static func chartLabel(_ label: String, maximum: Int = 36) -> String {
        let short = label.range(of: " (").map { String(label[..<$0.lowerBound]) } ?? label
        guard short.count > maximum else { return short }
        let cut = short.prefix(maximum - 1)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word.trimmingCharacters(in: CharacterSet(charactersIn: " ,/:")) + "…"
    }
}
