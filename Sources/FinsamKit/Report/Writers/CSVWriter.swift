/// Writing CSV cells (RFC 4180 quoting): the inverse of ``CSVReader``, used by templates, reports and
/// `aggregate`.
public enum CSVWriter {
    /// A cell quoted only if it must be (delimiter, quote, CR or LF inside).
    public static func quoted(_ cell: String, delimiter: Character) -> String {
        let d = delimiter.asciiValue ?? UInt8(ascii: ";")
        guard cell.utf8.contains(where: { $0 == d || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return cell }
        return "\"" + cell.replacingQuotes() + "\""
    }

    static func quoted(excelCell cell: String) -> String { quoted(cell, delimiter: ";") }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out
    }
}
