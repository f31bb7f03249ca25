/// One sheet of a workbook as rows of cell texts, ready for ``CSVReader/init(table:fileName:)``: row `i` of
/// ``rows`` is the sheet's row `i + 1`, cell `j` its column `j + 1` (A, B, …), every row up to its last cell.
public struct SheetTable: Sendable {
    /// The sheet's name as the workbook shows it on its tab.
    public var name: String
    public var rows: [[String]]
    /// Cells holding a formula with no saved value (row, column; 1-based), as a program that writes formulas
    /// without computing them (openpyxl and other scripts) leaves them: such a cell reads empty, which
    /// would count as no value at all, so the file is refused at the first of them.
    public var formulasWithoutValue: [(row: Int, column: Int)] = []
    /// The workbook's visible sheet of drop-down lists (a template's `Koder`), when it has one: a message about
    /// a coded cell then says to pick from the list, which is where the user finds the right spelling.
    public var listSheet: String?

    public init(name: String, rows: [[String]]) {
        self.name = name
        self.rows = rows
    }
}

/// A cell's address as a spreadsheet shows it: column letters and row number (`H5`).
public enum CellAddress {
    /// `A` for 1, `Z` for 26, `AA` for 27 …
    public static func column(_ number: Int) -> String {
        var n = number, letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `H5` for column 8, row 5.
    public static func name(column: Int, row: Int) -> String { Self.column(column) + String(row) }

    /// The column and row of `H5` (either may be absent: `H`, `5`); `nil` for anything else.
    public static func parse(_ text: String) -> (column: Int?, row: Int?)? {
        var column = 0, row = 0, sawDigit = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 65...90 where !sawDigit: column = column * 26 + Int(scalar.value) - 64
            case 97...122 where !sawDigit: column = column * 26 + Int(scalar.value) - 96
            case 48...57:
                sawDigit = true
                row = row * 10 + Int(scalar.value) - 48
            case 36: continue  // $A$1
            default: return nil
            }
            if column > 1 << 20 || row > 1 << 24 { return nil }
        }
        return (column > 0 ? column : nil, sawDigit ? row : nil)
    }

    /// `Blad1!H5`, with the sheet name quoted as Excel does when it has spaces or other marks (`'Mitt blad'!H5`).
    static func qualified(sheet: String, column: Int, row: Int) -> String {
        let plain = sheet.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
        let quoted = plain ? sheet : "'" + sheet.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        return quoted + "!" + name(column: column, row: row)
    }
}
