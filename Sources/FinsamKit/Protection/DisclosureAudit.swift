/// The intruder inside finsam: for each hidden count, the range a reader can deduce from everything a report
/// publishes (every published count, every relation of the ``LinkedCells``, and the public meaning of `<5`
/// as 1 to threshold − 1 and of `..` as some count ≥ 0).
///
/// The rule it checks (DOMAIN §8, the protection-interval idea of τ-Argus and sdcTable): a count shown as
/// `<5` can still be every value from 1 to 4, and a count shown as `..` is not pinned to one value. Each
/// range is two linear programs (the least and the greatest value) over the part of the report that the
/// hidden count is connected to through other hidden or unpublished counts.
public struct DisclosureAudit: Sendable {
    public let threshold: Int

    public init(threshold: Int) {
        self.threshold = threshold
    }

    /// What a reader can deduce about one hidden count: whole numbers from `low` to `high` (`nil`: no limit).
    public struct Range: Sendable, Equatable, CustomStringConvertible {
        var low: Int
        var high: Int?
        public var description: String { "\(low)–\(high.map(String.init) ?? "∞")" }
    }

    /// A hidden count whose deducible range breaks the rule.
    public struct Disclosure: Sendable, CustomStringConvertible {
        public var key: String
        public var value: Int
        public var range: Range
        public var description: String { "\(key) (\(value)) kan räknas ut till \(range)" }
    }

    /// Whether cell `c` is something a reader cannot see: hidden, or never published.
    private func unknown(_ cells: LinkedCells, _ hidden: [Bool], _ c: Int) -> Bool {
        hidden[c] || !cells.cells[c].published
    }

    /// The unknown cells connected to `target` through relations (`target` first), and those relations in
    /// the order a breadth-first walk from `target` meets them (nearest first).
    private func component(of target: Int, in cells: LinkedCells, hidden: [Bool]) -> (cells: [Int], relations: [Int]) {
        var seen: Set<Int> = [target]
        var order = [target]
        var used: [Int] = []
        var usedSet = Set<Int>()
        var next = 0
        while next < order.count {
            let c = order[next]
            next += 1
            for r in cells.relationsOf[c] where usedSet.insert(r).inserted {
                used.append(r)
                for term in cells.relations[r].terms where unknown(cells, hidden, term.cell) && seen.insert(term.cell).inserted {
                    order.append(term.cell)
                }
            }
        }
        return (order, used)
    }

    /// The relations that tie `target` to other unknown cells, nearest first: where a count to hide may be
    /// found when the target's own sums have none left.
    func connectedRelations(of target: Int, in cells: LinkedCells, hidden: [Bool]) -> [Int] {
        component(of: target, in: cells, hidden: hidden).relations
    }

    /// The range a reader can deduce for cell `target`, given which cells are hidden.
    ///
    /// - Returns: the whole numbers the cell can take under every relation it is connected to.
    /// - Complexity: two small linear programs over the connected part of the set.
    public func range(of target: Int, in cells: LinkedCells, hidden: [Bool], dots: [Bool]) -> Range {
        let (order, relations) = component(of: target, in: cells, hidden: hidden)
        var variable: [Int: Int] = [:]
        for (v, c) in order.enumerated() { variable[c] = v }
        var lower: [Double] = [], upper: [Double?] = []
        for c in order {
            let cell = cells.cells[c]
            if cell.rule == .survey && cell.groupSize && cell.published {
                // "För få svar": 1 to threshold − 1 forms; hidden to protect another group: at least threshold.
                lower.append(cell.value < threshold ? 1 : Double(threshold))
                upper.append(cell.value < threshold ? Double(threshold - 1) : nil)
                continue
            }
            let bounded = showsAsSmall(cells, hidden, dots, c)
            lower.append(bounded ? 1 : 0)
            upper.append(bounded ? Double(threshold - 1) : nil)
        }
        let equations = relations.map { r in
            var terms: [(variable: Int, coefficient: Double)] = []
            var rhs = 0.0
            for term in cells.relations[r].terms {
                if let v = variable[term.cell] {
                    terms.append((v, Double(term.coefficient)))
                } else {
                    rhs -= Double(term.coefficient * cells.cells[term.cell].value)
                }
            }
            return BoundedSimplex.Equation(terms: terms, rhs: rhs)
        }
        let value = cells.cells[target].value
        let (lowest, highest) = BoundedSimplex(lower: lower, upper: upper, equations: equations).range(of: 0)
        var low = value, high: Int? = value
        if case .optimum(let x) = lowest { low = Int((x - 1e-6).rounded(.up)) }
        switch highest {
        case .optimum(let x): high = Int((x + 1e-6).rounded(.down))
        case .unbounded: high = nil
        case .infeasible: break
        }
        return Range(low: low, high: high)
    }

    /// Whether a reader is told that cell `c` is from 1 to threshold − 1 (it is shown as `<5`).
    func showsAsSmall(_ cells: LinkedCells, _ hidden: [Bool], _ dots: [Bool], _ c: Int) -> Bool {
        let cell = cells.cells[c]
        return cell.rule == .people && cell.published && hidden[c] && !dots[c] && cell.value > 0 && cell.value < threshold
    }

    /// Whether hidden cell `c`'s range keeps the rule: a `<5` can be every value from 1 to threshold − 1, a
    /// `..` is not one value.
    func holds(_ c: Int, in cells: LinkedCells, hidden: [Bool], dots: [Bool]) -> Bool {
        let range = range(of: c, in: cells, hidden: hidden, dots: dots)
        // A count of 1 to threshold − 1 must keep that whole range however it is shown: as `..`, a reader is
        // not told it is small, but must still not be able to narrow it.
        let value = cells.cells[c].value
        // The survey rule is about groups: a figure other than a group's n goes with its group, and a group
        // may not be worked out exactly.
        if cells.cells[c].rule == .survey {
            // What must not be recovered is the group's answers: its size alone (a reader may well know that two
            // hidden groups of a total of 2 hold one form each) tells nothing of them while its figures stay open.
            guard cells.cells[c].groupSize, range.high.map({ $0 <= range.low }) ?? false else { return true }
            let members = cells.cells.indices.filter { cells.cells[$0].group == c }
            return members.isEmpty
                || members.contains { m in
                    let r = self.range(of: m, in: cells, hidden: hidden, dots: dots)
                    return r.high.map { $0 > r.low } ?? true
                }
        }
        if value > 0 && value < threshold { return range.low <= 1 && (range.high ?? threshold) >= threshold - 1 }
        return range.high.map { $0 > range.low } ?? true
    }

    /// Every hidden published count whose range breaks the rule (empty: the report may be published).
    ///
    /// - Parameter dots: per cell, a small count shown as `..` rather than `<5` (a reader is then not told
    ///   it is from 1 to threshold − 1).
    func disclosures(in cells: LinkedCells, hidden: [Bool], dots: [Bool]) -> [Disclosure] {
        cells.cells.indices.filter { hidden[$0] && cells.cells[$0].published && !holds($0, in: cells, hidden: hidden, dots: dots) }.map {
            Disclosure(key: cells.cells[$0].key, value: cells.cells[$0].value, range: range(of: $0, in: cells, hidden: hidden, dots: dots))
        }
    }
}
