import FinsamTestSupport
@testable import FinsamKit

/// What the audit does not know that an outside intruder learned: the relations between printed counts
/// (``Intruder/Learned``) that do not follow from the report's ``LinkedCells`` relations. Each printed slot is
/// mapped to the cell it shows (``PublishedCell/sources``); a learned relation over slots becomes one over
/// cells, and is missing when it is not a combination of the set's relations.
///
/// A diagnosis for issue #24, not a check: an empty answer with leaks left means the gap is elsewhere (the
/// bounds a reader knows, or the search), a relation with a constant term is knowledge of the generator.
enum MissingRelations {
    /// Per slot key (as ``PublishedCounts`` names them), the cell shown there; slots whose text and sources
    /// do not pair up one to one are left out.
    static func slots(_ published: PublishedReport, prefix: String = "", in set: LinkedCells? = nil) -> [String: Int] {
        var out: [String: Int] = [:]
        // In another set (the last of reports protected together): the cell of the same key.
        func mapped(_ c: Int) -> Int? { set.map { $0.lookup(published.cells.cells[c].key) } ?? c }
        for table in published.tables {
            for row in table.rows {
                for (c, cell) in row.cells.enumerated() {
                    let column = c < table.columnKeys.count ? table.columnKeys[c] : "\(c)"
                    let place = "\(prefix)\(table.id) · \(row.key) · \(column)"
                    guard let tokens = PublishedCounts.tokens(cell.text, threshold: 5), tokens.count == cell.sources.count else { continue }
                    for (slot, source) in cell.sources.enumerated() { out[slot == 0 ? place : "\(place)#\(slot + 1)"] = mapped(source) }
                }
            }
        }
        return out
    }

    /// The learned relations (and equalities of slots) that the set's relations do not imply, in words.
    ///
    /// - Parameter published: the unprotected report of a dataset of the shape `learned` was learned on.
    static func find(_ learned: Intruder.Learned, in published: PublishedReport, slots at: [String: Int]? = nil) -> (missing: [String], unmapped: Int)
    {
        let cells = published.cells
        let at = at ?? slots(published)
        let width = cells.cells.count + 1
        var known = LinearRelations(width: width)
        for relation in cells.relations {
            var v = [Double](repeating: 0, count: width)
            for term in relation.terms { v[term.cell + 1] += Double(term.coefficient) }
            _ = known.add(v)
        }
        // A published 0 is shown (but the rare one a year hides to keep an approved count safe): a reader
        // knows it.
        for (c, cell) in cells.cells.enumerated() where cell.published && cell.value == 0 {
            var v = [Double](repeating: 0, count: width)
            v[c + 1] = 1
            _ = known.add(v)
        }
        var missing: [String] = [], unmapped = 0
        func check(_ terms: [(column: Int, coefficient: Double)], _ describe: () -> String) {
            var v = [Double](repeating: 0, count: width)
            for term in terms { v[term.column] += term.coefficient }
            if v.contains(where: { abs($0) > 1e-9 }) && known.residual(v) > 1e-7 { missing.append(describe()) }
        }
        func name(_ group: Int) -> String {
            let place = learned.groups[group].first { at[$0] != nil } ?? learned.groups[group][0]
            return at[place].map { "\(place) [\(cells.cells[$0].key) = \(cells.cells[$0].value)]" } ?? place
        }
        // Counts that are 0 in every sample (codes the shape never uses): a reader sees them as 0 anyway.
        let zero = Set(learned.relations.relations.filter { $0.combination.isEmpty }.map { $0.column - 1 })
        // One count printed in several places: the cells behind them are equal.
        for (g, group) in learned.groups.enumerated() where !zero.contains(g) {
            let mapped = Array(Set(group.compactMap { at[$0] })).sorted()
            for c in mapped.dropFirst() {
                check([(mapped[0] + 1, 1), (c + 1, -1)]) { "lika: \(name(g)): \(cells.cells[mapped[0]].key) = \(cells.cells[c].key)" }
            }
        }
        for (column, combination) in learned.relations.relations where !combination.isEmpty {
            var terms: [(column: Int, coefficient: Double)] = []
            var ok = true
            for (group, coefficient) in [(column, 1.0)] + combination.map({ ($0.0, -$0.1) }) where !zero.contains(group - 1) {
                if group == 0 {
                    terms.append((0, coefficient))
                } else if let c = learned.groups[group - 1].lazy.compactMap({ at[$0] }).first {
                    terms.append((c + 1, coefficient))
                } else {
                    ok = false
                }
            }
            guard ok else {
                unmapped += 1
                continue
            }
            check(terms) {
                let parts = ([(column, 1.0)] + combination.map { ($0.0, -$0.1) }).filter { !zero.contains($0.0 - 1) }.map { g, k in
                    let k = (k * 1000).rounded() / 1000
                    return g == 0 ? "\(k)" : "\(k == 1 ? "" : k == -1 ? "−" : "\(k)·")\(name(g - 1))"
                }
                return "0 = " + parts.joined(separator: " + ")
            }
        }
        return (missing, unmapped)
    }
}
