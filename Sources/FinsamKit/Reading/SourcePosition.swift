/// A place in an input file, 1-based, as editors and `gcc` count: `line` is the physical line (a quoted cell
/// that spans lines moves the next cells down), `column` counts characters, not bytes, from the line's start.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}
