/// Many equal mistakes said once: a file where 40 rows have `Kvinna ` in the wrong column gets one line
/// naming the rows, not 40 lines that bury the one other mistake.
public enum ProblemGroups {
    /// From this many equal problems on, they are one line.
    static let minimumGroup = 3

    /// `problems` with every group of at least ``minimumGroup`` problems of one file, sheet, spreadsheet
    /// column and message made one: the first, its message followed by the rows they are on
    /// ("på 12 rader: 5–9, 12, 20–25"). Problems without a cell stay as they are. Order is kept.
    ///
    /// - Complexity: O(n) expected, one hash per problem.
    public static func collapse(_ problems: [Problem]) -> [Problem] {
        struct Key: Hashable { var file: String; var sheet: String?; var column: Int32; var message: String }
        var groups: [Key: [Int]] = [:]
        for (i, p) in problems.enumerated() {
            guard let position = p.position, position.cellRow > 0 else { continue }
            groups[Key(file: p.file, sheet: p.sheet, column: position.cellColumn, message: p.message), default: []].append(i)
        }
        var result: [Problem] = []
        var skip = Set<Int>()
        for (i, p) in problems.enumerated() where !skip.contains(i) {
            guard let position = p.position, position.cellRow > 0,
                let members = groups[Key(file: p.file, sheet: p.sheet, column: position.cellColumn, message: p.message)],
                members.count >= minimumGroup
            else {
                result.append(p)
                continue
            }
            skip.formUnion(members)
            var first = p
            let rows = members.map { Int(problems[$0].position!.cellRow) }
            first.message += " (samma fel på \(rows.count) rader: \(ranges(rows)))"
            result.append(first)
        }
        return result
    }

    /// "5–9, 12, 20–25", at most 20 runs and then "…".
    static func ranges(_ numbers: [Int]) -> String {
        var runs: [String] = []
        var start = -1, previous = -1
        for n in Set(numbers).sorted() {
            if n == previous + 1 { previous = n; continue }
            if start >= 0 { runs.append(start == previous ? "\(start)" : "\(start)–\(previous)") }
            start = n
            previous = n
        }
        if start >= 0 { runs.append(start == previous ? "\(start)" : "\(start)–\(previous)") }
        return runs.count > 20 ? runs.prefix(20).joined(separator: ", ") + ", …" : runs.joined(separator: ", ")
    }
}
