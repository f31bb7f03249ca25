/// The intruder inside finsam: for each hidden count, the range a reader can deduce from everything a report
/// publishes (every published count, every relation of the ``LinkedCells``, and the public meaning of `<5`
/// as 1 to threshold − 1 and of `..` as a count of at least 1, as protection hides a 0 only where a year's
/// zeros would give away a count of an approved report).
///
/// The rule it checks (DOMAIN §8, the protection-interval idea of τ-Argus and sdcTable): a count shown as
/// `<5` can still be every value from 1 to 4, and a count shown as `..` is not pinned to one value. Each
/// question is a push of one linear program over the whole report (``AttackerProgram``), built once per
/// report and given the bounds of each arrangement of hidden counts that protection tries.
public struct DisclosureAudit: Sendable {
    public let threshold: Int
    /// Whether the reader knows that a count never printed (a part of a sum: H1's avslutade of one kön and one
    /// försörjning, which a year's count of them holds) is at least 0, as a reader who knows what each count
    /// counts does. A reader who knows only the equations between printed counts (an outsider who learns them
    /// from many reports, as the intruder of the tests does) does not: for them such a part is any number.
    public let knowsUnprintedParts: Bool

    public init(threshold: Int, knowsUnprintedParts: Bool = true) {
        self.threshold = threshold
        self.knowsUnprintedParts = knowsUnprintedParts
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
        /// Its cell in the set audited.
        var cell = -1
        public var description: String { "\(key) (\(value)) kan räknas ut till \(range)" }
    }

    /// The relations that tie `target` to other unknown cells (hidden, or never published), nearest first in
    /// the order a breadth-first walk from `target` meets them: where a count to hide may be found when the
    /// target's own sums have none left.
    func connectedRelations(of target: Int, in cells: LinkedCells, hidden: [Bool]) -> [Int] {
        func unknown(_ c: Int) -> Bool { hidden[c] || !cells.cells[c].published }
        // Flags, not sets: this runs for every count tried, and hashing was a quarter of protection's time.
        var seen = [Bool](repeating: false, count: cells.cells.count), isUsed = [Bool](repeating: false, count: cells.relations.count)
        seen[target] = true
        var order = [target]
        var used: [Int] = []
        var next = 0
        while next < order.count {
            let c = order[next]
            next += 1
            for r in cells.relationsOf[c] where !isUsed[r] {
                isUsed[r] = true
                used.append(r)
                for term in cells.relations[r].terms where unknown(term.cell) && !seen[term.cell] {
                    seen[term.cell] = true
                    order.append(term.cell)
                }
            }
        }
        return used
    }

    /// What a reader knows of cell `c` before any relation (DOMAIN §8), the rules of protection included: a
    /// shown count is its value; a `<5` is 1 to threshold − 1; a count of people shown as `..` is at least 1,
    /// since ``SmallCellProtection`` hides a 0 only in rare cases (and then it is at least 0); a survey group shown as "för få svar" has 1 to
    /// threshold − 1 forms, one hidden to protect another at least threshold; a survey answer hidden with its
    /// group is at least 0, and so is a count never printed (``knowsUnprintedParts``), else it is any number.
    ///
    /// - Returns: the least and the greatest value (`.infinity`: no limit).
    func knownBounds(of c: Int, in cells: LinkedCells, hidden: [Bool], dots: [Bool]) -> (low: Double, high: Double) {
        // Field by field, not a copy of the cell: this runs for every variable of every arrangement tried.
        let value = cells.cells[c].value, published = cells.cells[c].published
        guard hidden[c] || !published else { return (Double(value), Double(value)) }
        guard published else { return (knowsUnprintedParts ? 0 : -.infinity, .infinity) }
        if showsAsSmall(cells, hidden, dots, c) { return (1, Double(threshold - 1)) }
        switch cells.cells[c].rule {
        case .people:
            // The rule a reader knows, where it holds (a hidden 0 would make it a false belief, which no
            // reader can be held to).
            return (Double(min(1, value)), .infinity)
        case .survey:
            guard cells.cells[c].groupSize else { return (0, .infinity) }
            return value < threshold ? (1, Double(threshold - 1)) : (Double(threshold), .infinity)
        }
    }

    /// The intruder's program of `cells` with the bounds a reader knows under `hidden` and `dots`.
    ///
    /// - Complexity: the elimination of ``AttackerProgram/init(_:)``; built once per report and then brought
    ///   to other `hidden` and `dots` by ``load(_:_:hidden:dots:)``.
    func program(_ cells: LinkedCells, hidden: [Bool], dots: [Bool]) -> AttackerProgram {
        var program = AttackerProgram(cells)
        load(&program, cells, hidden: hidden, dots: dots)
        return program
    }

    /// Gives `program` the bounds of `hidden` and `dots`, changing only those that differ.
    ///
    /// - Complexity: O(c) for c cells, and the bounds of those whose flags changed since the last load (of n
    ///   variables the first time).
    func load(_ program: inout AttackerProgram, _ cells: LinkedCells, hidden: [Bool], dots: [Bool]) {
        var changed: [(variable: Int, low: Double, high: Double)] = []
        func update(_ v: Int, _ c: Int) {
            let (low, high) = knownBounds(of: c, in: cells, hidden: hidden, dots: dots)
            if low != program.lower[v] || high != program.upper[v] { changed.append((v, low, high)) }
        }
        if let (lastHidden, lastDots) = program.loaded {
            for c in hidden.indices where hidden[c] != lastHidden[c] || dots[c] != lastDots[c] {
                if let v = program.variable[c] { update(v, c) }
            }
        } else {
            for (v, c) in program.cellOf.enumerated() { update(v, c) }
        }
        program.loaded = (hidden, dots)
        if !changed.isEmpty { program.setBounds(changed) }
    }

    /// The range a reader can deduce for cell `target`, given which cells are hidden.
    ///
    /// - Returns: the whole numbers the cell can take under every relation it is connected to.
    /// - Complexity: the attacker program's elimination, then two optimisations.
    public func range(of target: Int, in cells: LinkedCells, hidden: [Bool], dots: [Bool]) -> Range {
        var program = program(cells, hidden: hidden, dots: dots)
        return range(of: target, in: cells, hidden: hidden, dots: dots, program: &program)
    }

    /// The range of `target` in `program`, whose bounds are those of `hidden` and `dots`.
    func range(of target: Int, in cells: LinkedCells, hidden: [Bool], dots: [Bool], program: inout AttackerProgram) -> Range {
        guard let v = program.variable[target] else {
            // In no relation: a reader knows only its bounds.
            let (low, high) = knownBounds(of: target, in: cells, hidden: hidden, dots: dots)
            return Range(low: Int(low), high: high.isFinite ? Int(high) : nil)
        }
        let lowest = program.push(v, -1, until: -.infinity)
        let highest = program.push(v, 1, until: .infinity)
        return Range(low: Int((lowest - 1e-6).rounded(.up)), high: highest.isFinite ? Int((highest + 1e-6).rounded(.down)) : nil)
    }

    /// The counts of forms with no figures beside them (a goal that counts forms): the size of such a group is
    /// its only figure, and a reader who pins it has all the group shows.
    ///
    /// - Complexity: O(n) for n cells.
    static func formCounts(in cells: LinkedCells) -> Set<Int> {
        let groups = Set(cells.cells.compactMap(\.group))
        return Set(cells.cells.indices.filter { cells.cells[$0].groupSize && !groups.contains($0) })
    }

    /// Whether a reader is told that cell `c` is from 1 to threshold − 1 (it is shown as `<5`).
    func showsAsSmall(_ cells: LinkedCells, _ hidden: [Bool], _ dots: [Bool], _ c: Int) -> Bool {
        guard hidden[c] && !dots[c] && cells.cells[c].rule == .people && cells.cells[c].published else { return false }
        let value = cells.cells[c].value
        return value > 0 && value < threshold
    }

    /// Whether the program can move cell `c` off its true count, to another whole number.
    ///
    /// - Complexity: none when a point seen earlier already did; else one or two pushes of the program.
    private func isOpen(_ c: Int, in cells: LinkedCells, hidden: [Bool], dots: [Bool], program: inout AttackerProgram) -> Bool {
        guard let v = program.variable[c] else {
            let (low, high) = knownBounds(of: c, in: cells, hidden: hidden, dots: dots)
            return high - low >= 1
        }
        let slack = 1e-6
        let value = program.truth[v], up = value + 1, down = value - 1
        if program.seenHigh[v] >= up - slack || program.seenLow[v] <= down + slack { return true }
        if program.push(v, 1, until: up) >= up - slack { return true }
        return program.lower[v] <= down + slack && program.push(v, -1, until: down) <= down + slack
    }

    /// Whether hidden cell `c` keeps the rule in `program` (whose bounds are those of `hidden` and `dots`): a
    /// `<5` can be every value from 1 to threshold − 1, a `..` is not one value.
    ///
    /// - Parameter formCountsOpen: whether a count of forms with no figures beside it (``formCounts(in:)``)
    ///   must stay open too. Protection asks it wherever it can be done; the gate does not, as the survey rule
    ///   does not (a group's size alone tells nothing of its answers).
    /// - Complexity: a point seen earlier answers most questions; else one or two pushes of the program.
    func holds(
        _ c: Int, in cells: LinkedCells, hidden: [Bool], dots: [Bool], program: inout AttackerProgram, formCountsOpen: Bool = false
    ) -> Bool {
        let cell = cells.cells[c]
        // A count in no relation: a reader knows only its bounds, and they keep the rule.
        guard let v = program.variable[c] else { return true }
        // The survey rule is about groups: a figure other than a group's n goes with its group, and no group
        // of fewer than threshold forms may be recovered by differencing. What must not be recovered is such a
        // group's answers: none of its figures may be pinned, but a 0 (it names no form), and the group not as
        // a whole. Its size alone (a reader may well know that two hidden groups of a total of 2 hold one form
        // each) tells nothing of them while its figures stay open. A larger group hidden to protect a small
        // one publishes nothing of anyone: its answers are as public as a shown group's.
        if cell.rule == .survey {
            guard cell.groupSize else { return true }
            let members = cells.cells.indices.filter { cells.cells[$0].group == c }
            func open(_ m: Int) -> Bool { isOpen(m, in: cells, hidden: hidden, dots: dots, program: &program) }
            if cell.value < threshold, members.contains(where: { cells.cells[$0].value > 0 && !open($0) }) { return false }
            guard !open(c) else { return true }
            return members.isEmpty ? !formCountsOpen : members.contains(where: open)
        }
        // A `<5` keeps its whole range; any other `..` (a small count among them: a reader is not told it is
        // small) must not be pinned.
        if showsAsSmall(cells, hidden, dots, c) {
            let slack = 1e-6, bottom = 1.0, top = Double(threshold - 1)
            if program.seenLow[v] > bottom + slack && program.push(v, -1, until: bottom) > bottom + slack { return false }
            return program.seenHigh[v] >= top - slack || program.push(v, 1, until: top) >= top - slack
        }
        return isOpen(c, in: cells, hidden: hidden, dots: dots, program: &program)
    }

    /// Every hidden published count whose range breaks the rule (empty: the report may be published).
    ///
    /// - Parameter dots: per cell, a small count shown as `..` rather than `<5` (a reader is then not told
    ///   it is from 1 to threshold − 1).
    /// - Complexity: one attacker program for the whole set; a point seen on the way answers most counts.
    func disclosures(in cells: LinkedCells, hidden: [Bool], dots: [Bool]) -> [Disclosure] {
        var program = program(cells, hidden: hidden, dots: dots)
        return cells.cells.indices.filter {
            hidden[$0] && cells.cells[$0].published && !holds($0, in: cells, hidden: hidden, dots: dots, program: &program)
        }.map {
            Disclosure(
                key: cells.cells[$0].key, value: cells.cells[$0].value,
                range: range(of: $0, in: cells, hidden: hidden, dots: dots, program: &program), cell: $0)
        }
    }
}
