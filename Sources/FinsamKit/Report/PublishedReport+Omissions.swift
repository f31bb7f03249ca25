/// What the published tables leave out because it holds no data (issue: "Annat | för få svar | 0 av 0",
/// an indicator row with n 0, a planned-antal column of nothing but "–"), and the one line that says so.
///
/// Applied to the tables after protection is decided: it only ever removes shown rows and columns of
/// nothing, never a count that protection relies on being published, so what a reader can work out only
/// shrinks. A table left with nothing to show keeps its title and the line saying why, with no rows.
extension PublishedReport {
    /// The tables without their rows and columns of no data.
    ///
    /// - Parameters:
    ///   - tables: the protected tables.
    ///   - goals: the report's goals, to know which kön a goal's own definition leaves out.
    /// - Returns: `tables`, in the same order, each with `omittedNote` saying what was left out.
    /// - Complexity: O(cells).
    static func omittingEmpty(_ tables: [PublishedTable], goals: [GoalResult]) -> [PublishedTable] {
        tables.map { table in
            var table = table
            omitEmptyRows(&table, goals: goals)
            omitEmptyColumns(&table)
            return table
        }
    }

    /// A shown cell that says nothing: "–", empty, or a zero count.
    static func saysNothing(_ cell: PublishedCell) -> Bool {
        !cell.suppressed && (cell.text.isEmpty || cell.text == "–" || cell.number == 0 || cell.text == "0")
    }

    private static func omitEmptyRows(_ table: inout PublishedTable, goals: [GoalResult]) {
        var reasons: [String] = []
        let before = table.rows.count
        switch table.id {
        case "mal-kon", "mal-insats":
            var excluded = 0, empty = 0
            table.rows.removeAll { row in
                if let kon = row.key.split(separator: "/").last, excludedKon(String(kon), goalID: goalID(row.key), goals: goals) {
                    excluded += 1
                    return true
                }
                // "0 av 0", "0 av 0 mot 0 av 0": no one to count.
                let noOne = row.cells.count > 1 && !row.cells[1].suppressed && row.cells[1].text.hasPrefix("0 av 0")
                let unknownZero =
                    (row.key.hasSuffix("/annat") || row.key.hasSuffix("/uppgift-saknas")) && row.cells.allSatisfy(saysNothingOrVerdict)
                if noOne || unknownZero { empty += 1 }
                return noOne || unknownZero
            }
            if empty > 0 { reasons.append("\(rows(empty)) utan någon att räkna (0 av 0, eller 0 med annat kön eller kön ej angivet)") }
            if excluded > 0 { reasons.append("\(rows(excluded)) för kön som målet självt inte räknar") }
        default:
            let isIndicator = table.id.hasPrefix("indikatorer")
            table.rows.removeAll { row in
                if isIndicator, let n = row.cells.first, !n.suppressed, n.text == "0" { return true }
                let unknown = row.key == "saknas" || row.key == "uppgift-saknas" || row.label.lowercased() == "uppgift saknas"
                return unknown && row.cells.allSatisfy(saysNothing)
            }
            let removed = before - table.rows.count
            if removed > 0 {
                reasons.append(isIndicator ? "frågor som ingen besvarade" : "raden Uppgift saknas (inga deltagare saknar uppgiften)")
            }
        }
        guard !reasons.isEmpty else { return }
        append("Visas inte: " + reasons.joined(separator: "; ") + ".", to: &table)
    }

    /// A per-kön or per-insats cell that is empty, or the "för få svar" / "följs upp" that goes with nothing.
    private static func saysNothingOrVerdict(_ cell: PublishedCell) -> Bool {
        saysNothing(cell) || cell.text == "för få svar" || cell.text == "följs upp"
    }

    /// Tables whose figures come from the register: a column of nothing means the register gives nothing.
    private static let registerTables: Set<String> = ["volym", "ekonomi", "ekonomi-forbund", "kostnad"]

    /// Drops the columns of a register table that hold nothing in any row; when no more than one column
    /// is left, the whole table says nothing the other tables do not, and only its line remains.
    private static func omitEmptyColumns(_ table: inout PublishedTable) {
        guard registerTables.contains(table.id), !table.rows.isEmpty else { return }
        let empty = table.columns.indices.filter { c in table.rows.allSatisfy { $0.cells.indices.contains(c) && isDash($0.cells[c]) } }
        guard !empty.isEmpty else { return }
        let names = empty.map { table.columns[$0] }
        let missing = SwedishFormat.list(names.map { "\"\($0)\"" })
        if table.columns.count - empty.count <= 1 {
            table.rows = []
            append("Tabellen visas inte: registret anger inget för \(missing).", to: &table)
            return
        }
        let keep = table.columns.indices.filter { !empty.contains($0) }
        table.columns = keep.map { table.columns[$0] }
        table.columnKeys = keep.map { table.columnKeys[$0] }
        for r in table.rows.indices { table.rows[r].cells = keep.map { table.rows[r].cells[$0] } }
        append("Kolumnerna \(missing) visas inte: registret anger inget för dem.", to: &table)
    }

    private static func isDash(_ cell: PublishedCell) -> Bool { !cell.suppressed && (cell.text == "–" || cell.text.isEmpty) }

    private static func append(_ line: String, to table: inout PublishedTable) {
        table.omittedNote = table.omittedNote.map { $0 + " " + line } ?? line
    }

    private static func rows(_ n: Int) -> String { n == 1 ? "1 rad" : "\(n) rader" }

    private static func goalID(_ key: String) -> String { key.split(separator: "/").first.map(String.init) ?? key }

    /// Whether the goal's own definition counts no one of kön `code`: a scope or `where` naming other kön
    /// ("unga kvinnor bland nya" has nothing to say about män).
    private static func excludedKon(_ code: String, goalID: String, goals: [GoalResult]) -> Bool {
        guard let kon = Kon.allCases.first(where: { $0.code == code }), let goal = goals.first(where: { $0.goal.id == goalID })?.goal
        else { return false }
        var lists: [[String]] = []
        if let scope = goal.scope?.kon { lists.append(scope) }
        if case .deltagarShare(let m) = goal.measure, let matching = m.matching.kon { lists.append(matching) }
        return lists.contains { list in !list.compactMap { Kon.vocabulary.lookup($0) }.contains(kon) }
    }
}
