/// A place in an input file, 1-based, as editors and `gcc` count: `line` is the physical line (a quoted cell
/// that spans lines moves the next cells down), `column` counts characters, not bytes, from the line's start.
///
/// A cell also knows where a spreadsheet shows it (``cell``): its record is the spreadsheet's row and its
/// field the column, so a quoted cell with a line break in it does not move the cells after it to another
/// row, as it moves them to another line. In a workbook line and row, column and cell column agree.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// The spreadsheet row (the record, header = 1) and column (A = 1) of a cell; 0 when the position is not
    /// a cell's (a byte in the middle of one, a file's start). Two integers, not a `String`, because every
    /// field of every CSV record carries one.
    var cellRow: Int32 = 0
    var cellColumn: Int32 = 0

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public init(line: Int, column: Int, cellRow: Int, cellColumn: Int) {
        self.line = line
        self.column = column
        self.cellRow = Int32(truncatingIfNeeded: cellRow)
        self.cellColumn = Int32(truncatingIfNeeded: cellColumn)
    }

    /// `H5`, or `nil` when the position is not a cell's.
    var cell: String? {
        cellRow > 0 && cellColumn > 0 ? CellAddress.name(column: Int(cellColumn), row: Int(cellRow)) : nil
    }

    /// Positions are equal by line and column: the cell is where the same place shows in a spreadsheet.
    public static func == (a: SourcePosition, b: SourcePosition) -> Bool {
        a.line == b.line && a.column == b.column
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(column)
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}
