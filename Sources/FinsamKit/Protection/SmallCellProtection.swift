/// Small-cell protection (DOMAIN §8): no published table may reveal that 1–4 people (by default) share a
/// cell, directly or by subtraction.
///
/// A table is a list of counts and the sums it publishes between them (each row and column adding up to its
/// total). Primary suppression hides every count from 1 to `threshold − 1`. Secondary suppression then
/// looks at every sum: if exactly one of its counts is hidden, subtracting the others from the total would
/// give it back, so a second count of that sum is hidden too: a non-zero one, one the table marks as cheap
/// to lose if it has one (the `annat` column of kön tables), then one whose other sums already hide a count
/// (hiding it there costs nothing more, where another choice would need a partner of its own in each of its
/// sums, and so on across the table), else the smallest. Totals are never cheap: the
/// same totals appear in other tables (trend, kostnad, goals), where hiding them here would not hide them.
/// This repeats until no sum has exactly one hidden count, which is the property the tests check: every
/// hidden count has another hidden count in each sum it belongs to.
public struct SmallCellProtection: Sendable {
    /// Counts below this (and above 0) are hidden. DOMAIN §8: 5, configurable.
    public var threshold: Int

    public init(threshold: Int = 5) {
        self.threshold = threshold
    }

    /// How a published count is shown.
    public enum Shown: Equatable, Sendable {
        case value(Int)
        /// A count from 1 to threshold − 1: "<5".
        case small
        /// Hidden so that a small count cannot be subtracted back: "..".
        case hidden
    }

    /// A sum the table publishes: `parts` add up to `total` (indices into the table's counts).
    public struct Sum: Sendable, Hashable {
        public var parts: [Int]
        public var total: Int

        public init(parts: [Int], total: Int) {
            self.parts = parts
            self.total = total
        }

        var cells: [Int] { parts + [total] }
    }

    /// Which counts to hide. `cheap` are hidden first when a second count must go; `forced` are hidden
    /// whatever their value (because a table published beside this one hides them).
    public func suppress(_ counts: [Int], sums: [Sum], cheap: Set<Int> = [], forced: Set<Int> = []) -> [Bool] {
        var hidden = counts.map { $0 > 0 && $0 < threshold }
        for i in forced { hidden[i] = true }
        var sumsOfCell = [[Int]](repeating: [], count: counts.count)
        for (s, sum) in sums.enumerated() { for i in sum.cells { sumsOfCell[i].append(s) } }
        var changed = true
        while changed {
            changed = false
            for (s, sum) in sums.enumerated() where sum.cells.filter({ hidden[$0] }).count == 1 {
                // Non-zero first ("..", unlike "<5", may be 0, so a hidden 0 beside a small count in a small sum
                // gives it away), then cheap before dear, then the fewest other sums that hiding it would open
                // (sums with nothing hidden yet), then the smallest.
                func opened(_ i: Int) -> Int {
                    sumsOfCell[i].filter { other in other != s && !sums[other].cells.contains { hidden[$0] } }.count
                }
                func rank(_ i: Int) -> (Int, Int, Int, Int) { (counts[i] == 0 ? 1 : 0, cheap.contains(i) ? 0 : 1, opened(i), counts[i]) }
                let pick = sum.cells.filter { !hidden[$0] }.min { rank($0) < rank($1) }
                guard let pick else { continue }
                hidden[pick] = true
                changed = true
            }
        }
        return hidden
    }

    public func shown(_ count: Int, hidden: Bool) -> Shown {
        guard hidden else { return .value(count) }
        return count > 0 && count < threshold ? .small : .hidden
    }

    /// The text of a shown count: the number, "<5" or "..".
    public func text(_ shown: Shown, format: (Int) -> String = String.init) -> String {
        switch shown {
        case .value(let v): format(v)
        case .small: "<\(threshold)"
        case .hidden: ".."
        }
    }
}

/// A rectangular table of counts with row totals, column totals and a grand total, protected as a whole.
public struct ProtectedGrid: Sendable {
    public let rows: [[Int]]
    public let rowTotals: [Int]
    public let columnTotals: [Int]
    public let total: Int
    /// Hidden flags in the same shape: cells, then row totals, column totals, grand total.
    public let hiddenCells: [[Bool]]
    public let hiddenRowTotals: [Bool]
    public let hiddenColumnTotals: [Bool]
    public let hiddenTotal: Bool
    public let protection: SmallCellProtection?

    /// Protects `rows` (nil protection: published as they are, for `--unsuppressed`). Only the sums a table
    /// shows take part: a one-row table shows no column totals, a one-column table no row totals.
    /// `cheapColumns` are hidden first when a second count must go; `forced` cells and totals are hidden in
    /// any case (another table publishing the same counts hides them).
    public init(_ rows: [[Int]], protection: SmallCellProtection?, cheapColumns: Set<Int> = [], forced: [[Bool]]? = nil,
                forcedRowTotals: [Bool]? = nil, forcedColumnTotals: [Bool]? = nil) {
        self.rows = rows
        self.protection = protection
        let columns = rows.first?.count ?? 0
        rowTotals = rows.map { $0.reduce(0, +) }
        columnTotals = (0..<columns).map { c in rows.reduce(0) { $0 + $1[c] } }
        total = rowTotals.reduce(0, +)
        // Layout of the flat list: cells row by row, then row totals, then column totals, then the total.
        let cell = { (r: Int, c: Int) in r * columns + c }
        let rowTotal = { (r: Int) in rows.count * columns + r }
        let columnTotal = { (c: Int) in rows.count * columns + rows.count + c }
        let grand = rows.count * columns + rows.count + columns
        guard let protection else {
            hiddenCells = rows.map { $0.map { _ in false } }
            hiddenRowTotals = rowTotals.map { _ in false }
            hiddenColumnTotals = columnTotals.map { _ in false }
            hiddenTotal = false
            return
        }
        let showsRowTotals = columns > 1, showsColumnTotals = rows.count > 1
        let counts = rows.flatMap { $0 } + rowTotals + columnTotals + [total]
        var sums: [SmallCellProtection.Sum] = []
        if showsRowTotals {
            for r in rows.indices { sums.append(.init(parts: (0..<columns).map { cell(r, $0) }, total: rowTotal(r))) }
        }
        if showsColumnTotals {
            for c in 0..<columns { sums.append(.init(parts: rows.indices.map { cell($0, c) }, total: columnTotal(c))) }
        }
        sums.append(.init(parts: showsRowTotals ? rows.indices.map(rowTotal) : rows.indices.map { cell($0, 0) }, total: grand))
        sums.append(.init(parts: showsColumnTotals ? (0..<columns).map(columnTotal) : (0..<columns).map { cell(0, $0) }, total: grand))
        let cheap = Set(rows.indices.flatMap { r in cheapColumns.map { cell(r, $0) } } + cheapColumns.map(columnTotal))
        var forcedCells: [Int] = []
        if let forced { forcedCells += rows.indices.flatMap { r in (0..<columns).filter { forced[r][$0] }.map { cell(r, $0) } } }
        if let forcedRowTotals {
            forcedCells += rows.indices.filter { forcedRowTotals[$0] }.map { showsRowTotals ? rowTotal($0) : cell($0, 0) }
        }
        if let forcedColumnTotals {
            forcedCells += (0..<columns).filter { forcedColumnTotals[$0] }.map { showsColumnTotals ? columnTotal($0) : cell(0, $0) }
        }
        let hidden = protection.suppress(counts, sums: sums, cheap: cheap, forced: Set(forcedCells))
        hiddenCells = rows.indices.map { r in (0..<columns).map { hidden[cell(r, $0)] } }
        hiddenRowTotals = rows.indices.map { showsRowTotals ? hidden[rowTotal($0)] : hidden[cell($0, 0)] }
        hiddenColumnTotals = (0..<columns).map { showsColumnTotals ? hidden[columnTotal($0)] : hidden[cell(0, $0)] }
        hiddenTotal = hidden[grand]
    }

    /// Protects a share's numerators and denominators together, so that both hide the same cells and totals
    /// (a share needs both): each is protected again with the other's hidden cells until they agree.
    /// `forcedRowTotals` and `forcedColumnTotals` are hidden in both.
    public static func pair(numerators: [[Int]], denominators: [[Int]], protection: SmallCellProtection?, cheapColumns: Set<Int> = [],
                            forcedRowTotals: [Bool]? = nil, forcedColumnTotals: [Bool]? = nil) -> (numerators: ProtectedGrid, denominators: ProtectedGrid) {
        func protect(_ rows: [[Int]], like other: ProtectedGrid?) -> ProtectedGrid {
            func union(_ a: [Bool]?, _ b: [Bool]?) -> [Bool]? {
                guard let a, let b else { return a ?? b }
                return zip(a, b).map { $0 || $1 }
            }
            return ProtectedGrid(rows, protection: protection, cheapColumns: cheapColumns, forced: other?.hiddenCells,
                                 forcedRowTotals: union(forcedRowTotals, other?.hiddenRowTotals),
                                 forcedColumnTotals: union(forcedColumnTotals, other?.hiddenColumnTotals))
        }
        var num = protect(numerators, like: nil)
        var den = protect(denominators, like: num)
        while !den.hidesLike(num) {
            num = protect(numerators, like: den)
            den = protect(denominators, like: num)
        }
        return (num, den)
    }

    private func hidesLike(_ other: ProtectedGrid) -> Bool {
        hiddenCells == other.hiddenCells && hiddenRowTotals == other.hiddenRowTotals && hiddenColumnTotals == other.hiddenColumnTotals
    }

    public func cell(_ r: Int, _ c: Int) -> SmallCellProtection.Shown { shown(rows[r][c], hiddenCells[r][c]) }
    public func rowTotal(_ r: Int) -> SmallCellProtection.Shown { shown(rowTotals[r], hiddenRowTotals[r]) }
    public func columnTotal(_ c: Int) -> SmallCellProtection.Shown { shown(columnTotals[c], hiddenColumnTotals[c]) }
    public var grandTotal: SmallCellProtection.Shown { shown(total, hiddenTotal) }

    private func shown(_ value: Int, _ hidden: Bool) -> SmallCellProtection.Shown {
        protection?.shown(value, hidden: hidden) ?? .value(value)
    }
}
