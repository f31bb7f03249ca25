/// One thing wrong with an input, said so that the person who made the file can fix it.
///
/// Printed gcc-style (`FILE:LINE:COL: fel: message`) so that editors jump to the cell. Messages are in
/// Swedish, for the insats leaders who read them, and say what was expected and what was found; the word
/// before the message is Swedish too (`fel:`, as a warning is `varning:`).
public struct Problem: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    /// `nil` for problems of the file as a whole (unreadable, empty).
    public var position: SourcePosition?
    public var message: String
    /// The file could not be read at all (exit code 3), as opposed to being read and found wrong (exit 1).
    public var isIOFailure: Bool
    /// The workbook sheet the problem is on, for a cell address such as `Deltagare!H5`; `nil` for CSV files.
    public var sheet: String?

    public init(file: String, position: SourcePosition?, message: String, isIOFailure: Bool = false) {
        self.file = file
        self.position = position
        self.message = message
        self.isIOFailure = isIOFailure
    }

    /// Where a spreadsheet shows the cell: `H5` in a CSV file, `Deltagare!H5` in a workbook; `nil` when
    /// the problem is not a cell's.
    var cell: String? {
        guard let position, position.cellRow > 0, position.cellColumn > 0 else { return nil }
        guard let sheet else { return position.cell }
        return CellAddress.qualified(sheet: sheet, column: Int(position.cellColumn), row: Int(position.cellRow))
    }

    /// The word between the place and the message, as gcc's `error:` (DOMAIN §10).
    public static let word = "fel:"

    public var description: String {
        if let position {
            return "\(file):\(position.line):\(position.column): \(Self.word) \(cell.map { "cell \($0): " } ?? "")\(message)"
        }
        return "\(file): \(Self.word) \(message)"
    }

    /// The line that stands for the problems left out of a long list: "och 12 problem till i samma fil".
    ///
    /// - Returns: `nil` when none were left out; the line as a problem of `file` otherwise.
    public static func notShown(_ count: Int, in file: String, sameFile: Bool = true) -> Problem? {
        guard count > 0 else { return nil }
        return Problem(file: file, position: nil, message: "och \(count) problem till" + (sameFile ? " i samma fil" : ""))
    }

    public static func < (a: Problem, b: Problem) -> Bool {
        if a.file != b.file { return a.file < b.file }
        switch (a.position, b.position) {
        case let (x?, y?): return x < y
        case (nil, _?): return true
        default: return false
        }
    }
}

/// All problems found in one or more files. Thrown as a whole, because reporting only the first mistake
/// sends the insats leader back and forth once per mistake.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems.sorted()
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
