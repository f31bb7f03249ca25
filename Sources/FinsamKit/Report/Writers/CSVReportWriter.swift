/// The report as one long CSV table (`tabell;rad;kolumn;varde;visas`) in the Excel dialect (UTF-8 with BOM,
/// `;`, CRLF, decimal comma), so that a kansli can open it in Excel and an analyst can pivot it anywhere.
/// `varde` is the number (empty when hidden by small-cell protection), `visas` the text the report shows; a
/// row with the column `visas-inte` says what a table leaves out and why.
public enum CSVReportWriter {
    /// Writes `published` as CSV; hidden counts, and figures computed from them, come out as the
    /// published cells say.
    ///
    ///     let text = CSVReportWriter.write(try PublishedReport(report, protection: SmallCellProtection()))
    ///
    /// - Returns: the whole CSV file, byte order mark and CRLF line ends included.
    public static func write(_ published: PublishedReport) -> String {
        var out = "\u{FEFF}tabell;rad;kolumn;varde;visas\r\n"
        if !published.isProtected { out += "OSKYDDAD;;;;endast för kansliets interna bruk\r\n" }
        if let fastallelse = published.report.fastallelse { out += "fastallelse;;;;\(CSVWriter.quoted(excelCell: fastallelse))\r\n" }
        for table in published.tables {
            for row in table.rows {
                for (key, cell) in zip(table.columnKeys, row.cells) where !cell.text.isEmpty {
                    let number =
                        cell.number.map { value in
                            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String((value * 1_000_000).rounded() / 1_000_000)
                        }.map { String($0.map { $0 == "." ? "," : $0 }) } ?? ""
                    out += [table.id, row.key, key, number, cell.text].map(CSVWriter.quoted(excelCell:)).joined(separator: ";") + "\r\n"
                }
            }
            // What the table leaves out and why, as the other formats say it under the table.
            if let omitted = table.omittedNote {
                out += [table.id, "", "visas-inte", "", omitted].map(CSVWriter.quoted(excelCell:)).joined(separator: ";") + "\r\n"
            }
        }
        return out
    }
}
