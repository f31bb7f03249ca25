/// Writing CSV cells (RFC 4180 quoting): the inverse of ``CSVReader``, used by templates, reports and
/// `aggregate`.
public enum CSVWriter {
    /// A cell quoted only if it must be (delimiter, quote, CR or LF inside).
    public static func quoted(_ cell: String, delimiter: Character) -> String {
        let d = delimiter.asciiValue ?? UInt8(ascii: ";")
        guard cell.utf8.contains(where: { $0 == d || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return cell }
        return "\"" + cell.replacingQuotes() + "\""
    }

    public static func quoted(excelCell cell: String) -> String { quoted(spreadsheetSafe(cell), delimiter: ";") }

    /// A text cell as a spreadsheet may open it: one that begins with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return would be taken for a formula by Excel (`=HYPERLINK(…)` in an insats name), so it gets a leading
    /// `'`. Numbers (`-5`, `-0,5`, `+3`) are left as they are. Only the first byte is looked at unless it is one
    /// of those, so the check costs nothing for ordinary names. Used for `report --format csv` and `aggregate`.
    static func spreadsheetSafe(_ cell: String) -> String {
        guard let first = cell.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first),
            !isNumber(cell)
        else { return cell }
        return "'" + cell
    }

    /// An optional sign, digits, and optionally a decimal comma or point with more digits.
    static func isNumber(_ cell: String) -> Bool {
        var bytes = cell.utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let whole = bytes.prefix(while: isDigit)
        guard !whole.isEmpty else { return false }
        bytes = bytes.dropFirst(whole.count)
        guard let point = bytes.first else { return true }
        guard point == UInt8(ascii: ",") || point == UInt8(ascii: ".") else { return false }
        let fraction = bytes.dropFirst()
        return !fraction.isEmpty && fraction.allSatisfy(isDigit)
    }
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
