import Foundation

/// Lays out the halvårsrapport as Markdown: readable in a terminal, pastes into Word or an e-mail, and
/// renders as tables on any Markdown viewer.
public enum MarkdownReportWriter {
    /// Writes `published` as Markdown; hidden counts, and figures computed from them, come out as the
    /// published cells say.
    ///
    ///     let text = MarkdownReportWriter.write(try PublishedReport(report, protection: SmallCellProtection()))
    ///
    /// - Returns: the whole Markdown document.
    public static func write(_ published: PublishedReport) -> String {
        let report = published.report
        var out = "# \(report.kind) \(report.periodWords) — \(escape(report.forbundNamn))\n\n"
        if !published.isProtected {
            out += "**OSKYDDAD — små antal visas. Endast för kansliets interna bruk; får inte publiceras.**\n\n"
        }
        if let fastallelse = report.fastallelse { out += "**\(escape(fastallelse))**\n\n" }
        out += "Underlag: \(report.sources.map(escape).joined(separator: ", ")).\n"
        if let goals = report.goalsSource {
            out += "Mål enligt \(escape(goals))" + (report.beslut.map { ", \(escape($0.clause))" } ?? "") + ".\n"
        }
        out += ReportText.method(published) + "\n\n"
        // The sections and headings of the HTML report, in its order: each a heading of its own, its tables
        // under it; a table titled as its section ("FINSAM-indikatorer") does not repeat the heading.
        for section in ReportSection.sections(published) {
            out += "## \(escape(section.title))\n\n"
            for table in section.tables.compactMap(published.table) {
                out += self.table(table, heading: table.title != section.title)
            }
        }
        return out
    }

    /// One table: its title (unless its section's heading says it), note, rows and the lines under it.
    static func table(_ table: PublishedTable, heading: Bool) -> String {
        var out = heading ? "### \(escape(table.title))\n\n" : ""
        if let note = table.note, !table.rows.isEmpty { out += note + "\n\n" }
        guard !table.rows.isEmpty else { return out + (table.omittedNote ?? "") + "\n\n" }
        let header = [table.rowHeader] + table.columns
        out += "| " + header.map(escape).joined(separator: " | ") + " |\n"
        out += "|---|" + table.columns.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for row in table.rows {
            // Cells are finsam's own text (`<5`, `..`, numbers): only a `|` could break the table.
            out +=
                "| " + ([escape(row.label)] + row.cells.map { $0.text.replacingOccurrences(of: "|", with: "\\|") }).joined(separator: " | ")
                + " |\n"
        }
        if let hidden = table.hiddenNote { out += "\n" + hidden + "\n" }
        if let omitted = table.omittedNote { out += "\n" + omitted + "\n" }
        return out + "\n"
    }

    /// Names from the input files (förbund, insatser, file names) as literal text: a `|` would end a table
    /// cell, `<` and `>` would let a name carry raw HTML into a rendered report, and a line break would end
    /// the row or the heading.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}", "\u{85}": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Sentences every format shares.
enum ReportText {
    static func method(_ published: PublishedReport) -> String {
        var text =
            "Andelar avrundas till hela procent (hälften avrundas uppåt); intervallen är 95 % konfidensintervall enligt Wilson; "
            + "n är antalet som andelen räknas på."
        if let protection = published.protection {
            text +=
                " Antal 1–\(protection.threshold - 1) visas som <\(protection.threshold), och \"..\" döljer ett antal som annars "
                + "skulle kunna räknas fram ur summorna; andelar av dolda antal döljs också."
        }
        return text
    }
}
