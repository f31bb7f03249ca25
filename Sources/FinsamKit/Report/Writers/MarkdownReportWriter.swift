import Foundation

/// Lays out the halvårsrapport as Markdown: readable in a terminal, pastes into Word or an e-mail, and
/// renders as tables on any Markdown viewer.
public enum MarkdownReportWriter {
    public static func write(_ published: PublishedReport) -> String {
        let report = published.report
        var out = "# \(report.kind) \(report.period) — \(report.forbundNamn)\n\n"
        if !published.isProtected {
            out += "**OSKYDDAD — små antal visas. Endast för kansliets interna bruk; får inte publiceras.**\n\n"
        }
        out += "Underlag: \(report.sources.joined(separator: ", ")).\n"
        if let goals = report.goalsSource { out += "Mål enligt \(goals).\n" }
        out += ReportText.method(published) + "\n\n"
        for table in published.tables {
            out += "## \(table.title)\n\n"
            if let note = table.note { out += note + "\n\n" }
            let header = [""] + table.columns
            out += "| " + header.map(escape).joined(separator: " | ") + " |\n"
            out += "|---|" + table.columns.map { _ in "---:" }.joined(separator: "|") + "|\n"
            for row in table.rows {
                out += "| " + ([row.label] + row.cells.map(\.text)).map(escape).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        return out
    }

    private static func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}

/// Sentences every format shares.
enum ReportText {
    static func method(_ published: PublishedReport) -> String {
        var text = "Andelar avrundas till hela procent (hälften avrundas uppåt); intervallen är 95 % konfidensintervall enligt Wilson; "
            + "n är antalet som andelen räknas på."
        if let protection = published.protection {
            text += " Antal 1–\(protection.threshold - 1) visas som <\(protection.threshold), och \"..\" döljer ett antal som annars "
                + "skulle kunna räknas fram ur summorna; andelar av dolda antal döljs också."
        }
        return text
    }
}
