/// Small-cell protection (DOMAIN §8): no published number may let a reader work out how many of 1 to
/// `threshold − 1` people share a cell, directly, by subtraction, or through any chain of the report's sums.
///
/// Protection works on one ``LinkedCells`` set that holds every count a report publishes and every sum
/// between them. Primary suppression hides every count from 1 to `threshold − 1` (shown `<5`). Secondary
/// suppression then works until ``DisclosureAudit`` (the intruder: a linear program over everything
/// published) finds that each small count can still be every value from 1 to `threshold − 1` and no `..` is
/// pinned to one value:
/// - first the classic rule: a sum of published counts with exactly one hidden count gets a second;
/// - then, for each hidden count the audit still finds exposed: show small counts around it as `..` instead
///   of `<5` where "1 to 4" itself is what exposes it (two `<5` parts make their total at least 2), since that
///   loses no number; else hide one more count, the first (by rank) that settles it, else the first by rank.
///   The rank prefers the `annat` kön, then details over margins (one kön's or one insats's total, a goal
///   per kön) and margins over headlines (all kön, all insatser), then a count whose sums already hide
///   something, then the smallest. A 0 is not hidden (a reader can often tell it is 0 all the same), but
///   where this report's zeros would give away a count of an approved report.
/// A count that the approved reports already give away cannot be taken back and is not held here; but one
/// that only a reader who knows every unprinted part to be at least 0 can work out (a year's counts cross
/// its halvår's tables) is still held against a reader who knows only the equations between printed counts:
/// this report prints nothing that lets them work it out too.
/// Then every count hidden to protect another is shown again where that holds, the costliest first, and each
/// goal figure overall still hidden is tried shown, with protection built again around it: kept when fewer
/// headline figures are then hidden (a goal overall costs more than any number of details).
/// Hiding a count or showing one as `..` only widens what a reader can deduce about the others, so one pass
/// over the hidden counts is enough; a final audit of every hidden count checks the result all the same,
/// and a report whose audit fails is not published.
public struct SmallCellProtection: Sendable {
    /// Counts below this (and above 0) are hidden. DOMAIN §8: 5, configurable; below 3 a `<3` would say
    /// "exactly 1 or 2", so the command line refuses it.
    public var threshold: Int

    public init(threshold: Int = 5) {
        self.threshold = threshold
    }

    /// How many counts are tried, nearest first, for one exposed count (to hide, or to show as `..`).
    static let candidatesTried = 40

    /// The smallest threshold that still protects anything.
    public static let minimumThreshold = 3

    /// How a published count is shown.
    public enum Shown: Equatable, Sendable {
        case value(Int)
        /// A count from 1 to threshold − 1: "<5".
        case small
        /// Hidden so that a small count cannot be worked back: "..".
        case hidden
    }

    /// The protection could not be made to hold: an internal error, never a published report.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        var disclosures: [DisclosureAudit.Disclosure]
        public var description: String {
            "internt fel: skyddet av små antal håller inte för \(disclosures.count) antal (\(disclosures.prefix(3).map(\.description).joined(separator: "; "))); rapporten skrivs inte. Rapportera felet till finsams utvecklare."
        }
    }

    /// Whether `count` is a small count that is hidden whatever else the report shows.
    func isSmall(_ count: Int) -> Bool { count > 0 && count < threshold }

    /// What protection decided for a ``LinkedCells`` set.
    public struct Decision: Sendable {
        /// Per cell: hidden (unpublished cells are never flagged).
        var hidden: [Bool]
        /// Per cell: a small count shown as `..` rather than `<5`, because "1 to 4" would itself tell too
        /// much (two `<5` parts of a `<5` total: the total is at least 2, each part at most 3).
        var dots: [Bool]

        /// How cell `c` of `cells` is shown.
        public func shown(_ c: Int, in cells: LinkedCells, threshold: Int) -> Shown {
            let value = cells.cells[c].value
            guard hidden[c] else { return .value(value) }
            return cells.cells[c].rule == .people && value > 0 && value < threshold && !dots[c] ? .small : .hidden
        }
    }

    /// Which cells of `cells` to hide, and which small ones to show as `..`.
    ///
    /// - Returns: the decision, every hidden count of which the audit has passed.
    /// - Throws: ``Failure`` when a hidden count stays exposed although everything around it is hidden (an
    ///   internal error, and nothing may be published).
    /// - Complexity: one elimination of the report's relations (``AttackerProgram``), then for every hidden
    ///   count and every arrangement tried to protect it a few pivots from the last point, often none.
    func protect(_ cells: LinkedCells) throws(Failure) -> Decision {
        var best = arrange(cells, locked: [])
        guard best.disclosures.isEmpty else { throw Failure(disclosures: best.disclosures) }
        // A goal's figure overall is what the report is for: each one the greedy steps hid is tried shown,
        // protection built again around it, and kept shown when that costs less (fewer headline figures hidden,
        // then fewer margins, then fewer details).
        var locked = Set<Int>()
        let goals = cells.cells.indices.filter { c in
            best.hidden[c] && cells.cells[c].weight >= LinkedCells.goalWeight && cells.cells[c].approved == nil
                && !isSmall(cells.cells[c].value) && cells.cells[c].rule == .people
        }
        for c in goals where best.hidden[c] {
            let tried = arrange(cells, locked: locked.union([c]))
            guard tried.disclosures.isEmpty, cost(tried.hidden, cells).lexicographicallyPrecedes(cost(best.hidden, cells)) else { continue }
            best = tried
            locked.insert(c)
        }
        return Decision(hidden: best.hidden, dots: best.dots)
    }

    /// What a decision hides, by weight, the costliest first: compared lexicographically.
    private func cost(_ hidden: [Bool], _ cells: LinkedCells) -> [Int] {
        var perWeight = Array(repeating: 0, count: LinkedCells.goalWeight + 1)
        for (c, cell) in cells.cells.enumerated() where hidden[c] && cell.published { perWeight[min(cell.weight, LinkedCells.goalWeight)] += 1 }
        return perWeight.reversed()
    }

    /// One arrangement of hidden counts: the small ones, then every count needed to protect them, then every
    /// one that can be shown again. `locked` counts are never hidden.
    private func arrange(_ cells: LinkedCells, locked: Set<Int>) -> (hidden: [Bool], dots: [Bool], disclosures: [DisclosureAudit.Disclosure]) {
        let all = cells.cells
        // A count an approved report published is shown as it showed it; the rest start from the small counts.
        var hidden = all.map { cell in
            cell.approved.map { $0 != .shown } ?? (cell.published && isSmall(cell.value) && (cell.rule == .people || cell.groupSize))
        }
        var dots = all.map { $0.approved == .hidden && isSmall($0.value) }
        Self.hideWithGroups(cells, &hidden)
        var exempt = exposedByApproved(cells, zerosHidden: false)
        // Of those, what only a reader who knows every unprinted part to be at least 0 can work out (the
        // halvår's avslutade by försörjning and by kön, which a year's counts of both cross) is still held
        // against a reader who knows the equations between printed counts alone: this report must not print
        // what lets them work it out too.
        let equationsOnly = DisclosureAudit(threshold: threshold, knowsUnprintedParts: false)
        var guarded: Set<Int> = exempt.isEmpty ? [] : exempt.subtracting(exposedByApproved(cells, zerosHidden: false, audit: equationsOnly))
        func anyUnknown(_ r: Int) -> Bool { cells.relations[r].terms.contains { hidden[$0.cell] || !all[$0.cell].published } }
        func rank(_ c: Int) -> (Int, Int, Int, Int) {
            let opened = cells.relationsOf[c].filter { !anyUnknown($0) }.count
            return (all[c].cheap ? 0 : 1, all[c].weight, opened, all[c].value)
        }
        func candidates(_ relations: [Int]) -> [Int] {
            // Never a 0: a hidden 0 beside a small count in a small sum gives it away, and a reader can often
            // tell it is 0 anyway (its group's total is 0), which would pin a `..` to one value.
            // Of survey figures only a group's n: the rest goes with its group.
            // What an approved report shows stays as it is.
            relations.flatMap { cells.relations[$0].terms.map(\.cell) }.filter {
                all[$0].published && !hidden[$0] && all[$0].value > 0 && (all[$0].rule == .people || all[$0].groupSize)
                    && all[$0].approved == nil && !locked.contains($0)
            }
        }
        // The classic rule, over sums of published counts only.
        var changed = true
        while changed {
            changed = false
            for (r, relation) in cells.relations.enumerated() where relation.terms.allSatisfy({ all[$0.cell].published }) {
                guard relation.terms.filter({ hidden[$0.cell] }).count == 1 else { continue }
                if let pick = candidates([r]).min(by: { rank($0) < rank($1) }) {
                    hidden[pick] = true
                    Self.hideWithGroups(cells, &hidden)
                    changed = true
                }
            }
        }
        // The survey rule: the groups a sum of groups hides must together hold at least threshold forms, or a
        // reader gets the answers of the few forms they share by subtracting the shown groups from the total.
        changed = true
        while changed {
            changed = false
            for relation in cells.relations where relation.terms.allSatisfy({ all[$0.cell].published && all[$0.cell].groupSize }) {
                let totals = relation.terms.filter { $0.coefficient < 0 }.map(\.cell),
                    parts = relation.terms.filter { $0.coefficient > 0 }.map(\.cell)
                guard totals.count == 1, !hidden[totals[0]] else { continue }
                let hiddenForms = parts.filter { hidden[$0] }.reduce(0) { $0 + all[$1].value }
                guard hiddenForms > 0 && hiddenForms < threshold else { continue }
                // A part, else the total; never what an approved report shows.
                let open = parts.filter { !hidden[$0] && all[$0].value > 0 && all[$0].approved == nil && !locked.contains($0) }
                guard
                    let pick = open.min(by: { rank($0) < rank($1) })
                        ?? (all[totals[0]].approved == nil && !locked.contains(totals[0]) ? totals[0] : nil)
                else { continue }
                hidden[pick] = true
                Self.hideWithGroups(cells, &hidden)
                changed = true
            }
        }
        // The audit, one hidden count at a time. Hiding a count or showing a small one as `..` only widens
        // what a reader can deduce about the others, so a count that passed stays passed.
        let audit = DisclosureAudit(threshold: threshold)
        // One program for the whole report, brought to each arrangement tried: only bounds change.
        var program = audit.program(cells, hidden: hidden, dots: dots)
        // A count of forms alone is kept open wherever hiding counts of people and other such counts can do
        // it; one that the shown groups pin (their answers add up to the total of forms) is held to the survey
        // rule only, as the gate holds it, rather than hide what the survey rule publishes.
        var lenient = Set<Int>()
        let formCounts = DisclosureAudit.formCounts(in: cells)
        if !formCounts.isEmpty {
            var most = hidden
            for (c, cell) in all.enumerated() where cell.published && cell.value > 0 && cell.approved == nil && !locked.contains(c) {
                if cell.rule == .people || formCounts.contains(c) { most[c] = true }
            }
            let widest = all.map { $0.approved.map { $0 == .hidden } ?? true }
            audit.load(&program, cells, hidden: most, dots: widest)
            lenient = formCounts.filter {
                most[$0] && !audit.holds($0, in: cells, hidden: most, dots: widest, program: &program, formCountsOpen: true)
            }
        }
        var equationsProgram: AttackerProgram?
        func holds(_ c: Int, _ h: [Bool], _ d: [Bool]) -> Bool {
            if guarded.contains(c) {
                if equationsProgram == nil { equationsProgram = equationsOnly.program(cells, hidden: h, dots: d) }
                equationsOnly.load(&equationsProgram!, cells, hidden: h, dots: d)
                return equationsOnly.holds(c, in: cells, hidden: h, dots: d, program: &equationsProgram!)
            }
            audit.load(&program, cells, hidden: h, dots: d)
            return audit.holds(c, in: cells, hidden: h, dots: d, program: &program, formCountsOpen: !lenient.contains(c))
        }
        var queue = all.indices.filter { hidden[$0] && (!exempt.contains($0) || guarded.contains($0)) }
        var next = 0
        var disclosures: [DisclosureAudit.Disclosure] = []
        while next < queue.count {
            let c = queue[next]
            next += 1
            while !holds(c, hidden, dots) {
                guard let (h, d) = repair(c, cells: cells, hidden: hidden, dots: dots, audit: audit, holds: holds, rank: rank, candidates: candidates)
                else {
                    if formCounts.contains(c) && !lenient.contains(c) {
                        lenient.insert(c)
                        continue
                    }
                    // Already public to a reader who knows every part is at least 0: nothing left to hide.
                    if guarded.remove(c) != nil { break }
                    disclosures.append(
                        DisclosureAudit.Disclosure(
                            key: all[c].key, value: all[c].value,
                            range: audit.range(of: c, in: cells, hidden: hidden, dots: dots)))
                    break
                }
                var grouped = h
                Self.hideWithGroups(cells, &grouped)
                for t in all.indices where grouped[t] && !hidden[t] && !exempt.contains(t) { queue.append(t) }
                (hidden, dots) = (grouped, d)
            }
        }
        if disclosures.isEmpty && !exempt.isEmpty {
            // What the approved reports give away only together with this report's zeros (H1's pågående of a
            // code that the year, and H2, count none of) is protected by hiding zeros after all.
            for c in exempt.subtracting(exposedByApproved(cells, zerosHidden: true)).sorted() {
                // Held to the whole rule where the zeros can do it, else as before.
                let wasGuarded = guarded.remove(c) != nil
                guard let h = hidingZeros(around: c, cells: cells, hidden: hidden, dots: dots, audit: audit, holds: holds) else {
                    if wasGuarded { guarded.insert(c) }
                    continue
                }
                hidden = h
                exempt.remove(c)
            }
            // And what a reader of the equations alone gets only with this report's zeros, against them.
            let byZeros = exempt.subtracting(guarded).subtracting(exposedByApproved(cells, zerosHidden: true, audit: equationsOnly))
            for c in byZeros.sorted() {
                guarded.insert(c)
                guard let h = hidingZeros(around: c, cells: cells, hidden: hidden, dots: dots, audit: audit, holds: holds) else {
                    guarded.remove(c)
                    continue
                }
                hidden = h
            }
        }
        if disclosures.isEmpty {
            // Counts of people hidden to protect another, costliest first.
            let secondary = all.indices.filter {
                hidden[$0] && all[$0].published && all[$0].rule == .people && !isSmall(all[$0].value) && all[$0].approved == nil
            }
            let free = exempt.subtracting(guarded)
            reveal(cells, secondary.sorted { rank($0) > rank($1) }, hidden: &hidden, dots: &dots, audit: audit, exempt: free, holds: holds)
            disclosures = audit.disclosures(in: cells, hidden: hidden, dots: dots).filter { !exempt.contains($0.cell) }
            if !guarded.isEmpty {
                disclosures += equationsOnly.disclosures(in: cells, hidden: hidden, dots: dots).filter { guarded.contains($0.cell) }
            }
        }
        return (hidden, dots, disclosures)
    }

    /// Hide as little as possible: the steps above choose one count at a time, so a count hidden early may
    /// be protected all the same by one hidden later. Each count of people hidden to protect another is shown
    /// again, in the order of `secondary` (the costliest first: headline figures, then margins, then details),
    /// when every hidden count still holds without it; then each small count shown as `..` goes back to `<5`
    /// where that holds. A survey group hidden by the survey rule stays hidden: what it protects (the answers
    /// of a few forms, by differencing) is a group's, not one count's range.
    ///
    /// - Complexity: per count tried, a check of the hidden counts it is connected to through unknown counts
    ///   (only they can be narrowed by showing it), each a few pivots of the program or none.
    private func reveal(
        _ cells: LinkedCells, _ secondary: [Int], hidden: inout [Bool], dots: inout [Bool], audit: DisclosureAudit, exempt: Set<Int>,
        holds: (Int, [Bool], [Bool]) -> Bool
    ) {
        let all = cells.cells
        /// The hidden counts that showing (or un-dotting) `c` can narrow: those in its unknown part of the set.
        func affected(_ c: Int, _ h: [Bool]) -> [Int] {
            var out = Set<Int>()
            for r in audit.connectedRelations(of: c, in: cells, hidden: h) {
                for t in cells.relations[r].terms where h[t.cell] && all[t.cell].published && !exempt.contains(t.cell) { out.insert(t.cell) }
            }
            return out.sorted()
        }
        /// Shows `shown` again when every hidden count they can narrow still holds without them.
        func tryShowing(_ shown: [Int]) {
            var h = hidden
            for c in shown { h[c] = false }
            let near = Set(shown.flatMap { affected($0, hidden) })
            if near.allSatisfy({ shown.contains($0) || holds($0, h, dots) }) { hidden = h }
        }
        for c in secondary { tryShowing([c]) }
        // Then two that only go together (two kön of a row hidden beside its shown total): neither can be shown
        // alone, both may; then each alone again, as the pairs opened new sums.
        let candidates = Set(secondary)
        for relation in cells.relations {
            let pair = relation.terms.map(\.cell).filter { candidates.contains($0) && hidden[$0] }
            if pair.count == 2 { tryShowing(pair) }
        }
        for c in secondary where hidden[c] { tryShowing([c]) }
        for c in all.indices where dots[c] && hidden[c] && all[c].approved == nil {
            let near = affected(c, hidden)
            var d = dots
            d[c] = false
            if ([c] + near).allSatisfy({ holds($0, hidden, d) }) { dots = d }
        }
    }

    /// The hidden counts that the approved reports already give away (each was protected on its own before
    /// they were protected together; a year's count can be the sum of its halvår's, both shown): however much
    /// this report hides, it cannot take back what is public, so they are not held to the rule here. Found
    /// with every count this report may hide hidden (`..`).
    ///
    /// - Parameters:
    ///   - zerosHidden: whether this report's zeros are taken as hidden too. A count given away with them
    ///     shown but not with them hidden is one that this report's zeros give away
    ///     (``hidingZeros(around:cells:hidden:dots:audit:holds:)``).
    ///   - audit: the reader asked about; by default one who knows every unprinted part is at least 0.
    /// - Complexity: one program and a check of each hidden approved count.
    func exposedByApproved(_ cells: LinkedCells, zerosHidden: Bool, audit: DisclosureAudit? = nil) -> Set<Int> {
        let all = cells.cells
        guard all.contains(where: { $0.approved != nil }) else { return [] }
        // Everything this report may hide: every count but a 0 (unless asked), which is hidden only to keep
        // an approved report's count from being worked out.
        var hidden = all.map { $0.approved.map { $0 != .shown } ?? ($0.published && ($0.value > 0 || (zerosHidden && Self.mayHideZero($0)))) }
        Self.hideWithGroups(cells, &hidden)
        let dots = all.map { $0.approved.map { $0 == .hidden } ?? true }
        let audit = audit ?? DisclosureAudit(threshold: threshold)
        var program = audit.program(cells, hidden: hidden, dots: dots)
        return Set(
            all.indices.filter { hidden[$0] && all[$0].published && !audit.holds($0, in: cells, hidden: hidden, dots: dots, program: &program) })
    }

    /// Whether `cell`, a 0, may be hidden at all: a count of deltagare this report decides (not one an
    /// approved report showed), under the rule for counts of people.
    static func mayHideZero(_ cell: LinkedCells.Cell) -> Bool {
        cell.published && cell.value == 0 && cell.approved == nil && cell.rule == .people && cell.filter?.universe == "d"
    }

    /// The fewest zeros to hide for `c`, a count of an approved report that this report's zeros would give
    /// away, to hold: a year's 0 of a code says that none of H1's of it ended in H1 (and, with H2's 0, that
    /// all of them were pågående), which with the halvår's published counts can narrow a `<5` of H1 that
    /// every one of the three reports keeps. A hidden 0 is shown as `..` like any hidden count; a reader who
    /// takes a `..` for at least 1 is then wrong about it, which tells nothing (the audit knows it as at
    /// least 0). Zeros tried are those in the sums around `c`; each one kept hidden must hold too.
    ///
    /// - Returns: the hidden flags with the zeros hidden, or `nil` when hiding every zero around `c` does not
    ///   make it hold (it stays given away by what is already public).
    /// - Complexity: one check of `c` per zero tried, then one of each zero kept.
    private func hidingZeros(
        around c: Int, cells: LinkedCells, hidden: [Bool], dots: [Bool], audit: DisclosureAudit, holds: (Int, [Bool], [Bool]) -> Bool
    ) -> [Bool]? {
        var zeros: [Int] = [], seen = Set<Int>()
        for r in audit.connectedRelations(of: c, in: cells, hidden: hidden) {
            for t in cells.relations[r].terms where !hidden[t.cell] && Self.mayHideZero(cells.cells[t.cell]) && seen.insert(t.cell).inserted {
                zeros.append(t.cell)
            }
        }
        var h = hidden
        for z in zeros { h[z] = true }
        guard !zeros.isEmpty, holds(c, h, dots) else { return nil }
        // Shown again one at a time, the furthest first, where `c` holds without it.
        for z in zeros.reversed() {
            h[z] = false
            if !holds(c, h, dots) { h[z] = true }
        }
        return zeros.allSatisfy { !h[$0] || holds($0, h, dots) } ? h : nil
    }

    /// A survey figure is shown or hidden with its group's n.
    static func hideWithGroups(_ cells: LinkedCells, _ hidden: inout [Bool]) {
        for (c, cell) in cells.cells.enumerated() { if let n = cell.group { hidden[c] = hidden[n] } }
    }

    /// One step towards making hidden cell `c` safe, in this order of preference:
    /// 1. show small counts around it as `..` (where "1 to 4" of a total, or of two parts, is what exposes it),
    ///    keeping `<5` wherever that still holds: no number is lost;
    /// 2. hide the first count of its sums (by rank) that settles it alone;
    /// 3. hide the first count (by rank) that settles it together with step 1;
    /// 4. hide the first count by rank, as the classic rule would, and look again.
    /// When its own sums have nothing left to hide, the nearest sums further out are used.
    ///
    /// - Returns: the new hidden and dots flags, or `nil` when nothing is left to change.
    private func repair(
        _ c: Int, cells: LinkedCells, hidden: [Bool], dots: [Bool], audit: DisclosureAudit, holds: (Int, [Bool], [Bool]) -> Bool,
        rank: (Int) -> (Int, Int, Int, Int), candidates: ([Int]) -> [Int]
    ) -> ([Bool], [Bool])? {
        let near = audit.connectedRelations(of: c, in: cells, hidden: hidden)
        /// Small counts shown as `<5` in the part of the set around `c`, nearest first, totals before parts.
        func smallAround(_ h: [Bool]) -> [Int] {
            var small: [Int] = []
            var seen = Set<Int>()
            for r in audit.connectedRelations(of: c, in: cells, hidden: h) {
                let terms = cells.relations[r].terms
                for t in terms.filter({ $0.coefficient < 0 }) + terms.filter({ $0.coefficient > 0 })
                where audit.showsAsSmall(cells, h, dots, t.cell) && cells.cells[t.cell].approved == nil && seen.insert(t.cell).inserted {
                    small.append(t.cell)
                }
            }
            return small
        }
        /// The fewest small counts to show as `..` (of `small`) for `c` to hold under `h`, or nil when even all
        /// of them are not enough. Gives `<5` back in ever smaller groups, the furthest first.
        func fewestDots(_ h: [Bool]) -> [Bool]? {
            let small = smallAround(h)
            guard !small.isEmpty else { return nil }
            var d = dots
            for t in small { d[t] = true }
            guard holds(c, h, d) else { return nil }
            var dotted = Array(small.reversed())
            var size = max(1, dotted.count / 2)
            while true {
                var i = 0
                while i < dotted.count {
                    let group = dotted[i..<min(i + size, dotted.count)]
                    for t in group { d[t] = false }
                    if holds(c, h, d) {
                        dotted.removeSubrange(i..<min(i + size, dotted.count))
                    } else {
                        for t in group { d[t] = true }
                        i += size
                    }
                }
                if size == 1 { return d }
                size = max(1, size / 2)
            }
        }
        if let d = fewestDots(hidden) { return (hidden, d) }
        // Its own sums' counts and those of the sums further out, nearest first, then by rank.
        var pool: [Int] = []
        for r in cells.relationsOf[c] + near {
            for t in candidates([r]) where !pool.contains(t) && pool.count < Self.candidatesTried { pool.append(t) }
        }
        pool.sort { rank($0) < rank($1) }
        func hiding(_ t: Int) -> [Bool] {
            var h = hidden
            h[t] = true
            return h
        }
        // A headline figure (all kön, all insatser) only when no other count is left: two other counts are
        // better than one headline.
        let ordinary = pool.filter { cells.cells[$0].weight < 2 }
        for choices in [ordinary, pool] where !choices.isEmpty {
            if let t = choices.first(where: { holds(c, hiding($0), dots) }) { return (hiding(t), dots) }
            for t in choices {
                if let d = fewestDots(hiding(t)) { return (hiding(t), d) }
            }
            return (hiding(choices[0]), dots)
        }
        return nil
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
