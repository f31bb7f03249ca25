/// Small-cell protection (DOMAIN §8): no published number may let a reader work out how many of 1 to
/// `threshold − 1` people share a cell, directly, by subtraction, or through any chain of the report's sums.
///
/// Protection works on one ``LinkedCells`` set holding every count of the report. Primary suppression hides
/// every count from 1 to `threshold − 1` (shown `<5`). Secondary suppression then hides more counts (shown
/// `..`) until ``DisclosureAudit`` finds that each `<5` can still be every value from 1 to `threshold − 1`,
/// and no `..` is pinned to one value: first the classic rule (a sum with exactly one hidden count gets a
/// second), then, for each hidden count the audit still finds exposed, one more count of its sums at a time,
/// chosen as a person would: a non-zero count (a hidden 0 beside a small count in a small sum gives it away),
/// the `annat` kön before kvinnor and män, a count before a total, one whose sums already hide something,
/// then the smallest. Hiding a count only widens what a reader can deduce about the others, so one pass
/// over the hidden counts is enough. A final audit of every hidden count must pass, or nothing is published.
public struct SmallCellProtection: Sendable {
    /// Counts below this (and above 0) are hidden. DOMAIN §8: 5, configurable; below 3 a `<3` would say
    /// "exactly 1 or 2", so the command line refuses it.
    public var threshold: Int

    public init(threshold: Int = 5) {
        self.threshold = threshold
    }

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
        public var disclosures: [DisclosureAudit.Disclosure]
        public var description: String {
            "internt fel: skyddet av små antal håller inte för \(disclosures.count) antal (\(disclosures.prefix(3).map(\.description).joined(separator: "; "))); rapporten skrivs inte. Rapportera felet till finsams utvecklare."
        }
    }

    /// Whether `count` is a small count that is hidden whatever else the report shows.
    public func isSmall(_ count: Int) -> Bool { count > 0 && count < threshold }

    /// What protection decided for a ``LinkedCells`` set.
    public struct Decision: Sendable {
        /// Per cell: hidden (unpublished cells are never flagged).
        public var hidden: [Bool]
        /// Per cell: a small count shown as `..` rather than `<5`, because "1 to 4" would itself tell too
        /// much (two `<5` parts of a `<5` total: the total is at least 2, each part at most 3).
        public var dots: [Bool]

        /// How cell `c` of `cells` is shown.
        public func shown(_ c: Int, in cells: LinkedCells, threshold: Int) -> Shown {
            let value = cells.cells[c].value
            guard hidden[c] else { return .value(value) }
            return value > 0 && value < threshold && !dots[c] ? .small : .hidden
        }
    }

    /// Which cells of `cells` to hide, and which small ones to show as `..`.
    ///
    /// - Returns: the decision, every hidden count of which the audit has passed.
    /// - Throws: ``Failure`` when a hidden count stays exposed although everything around it is hidden (an
    ///   internal error, and nothing may be published).
    /// - Complexity: two small linear programs for every hidden count and every count hidden to protect it.
    public func protect(_ cells: LinkedCells) throws(Failure) -> Decision {
        let all = cells.cells
        var hidden = all.map { $0.published && isSmall($0.value) }
        var dots = all.map { _ in false }
        func anyUnknown(_ r: Int) -> Bool { cells.relations[r].terms.contains { hidden[$0.cell] || !all[$0.cell].published } }
        func rank(_ c: Int) -> (Int, Int, Int, Int) {
            let opened = cells.relationsOf[c].filter { !anyUnknown($0) }.count
            return (all[c].cheap ? 0 : 1, all[c].dear ? 1 : 0, opened, all[c].value)
        }
        func candidates(_ relations: [Int]) -> [Int] {
            // Never a 0: a hidden 0 beside a small count in a small sum gives it away, and a reader can often
            // tell it is 0 anyway (its group's total is 0), which would pin a `..` to one value.
            relations.flatMap { cells.relations[$0].terms.map(\.cell) }.filter { all[$0].published && !hidden[$0] && all[$0].value > 0 }
        }
        // The classic rule, over sums of published counts only.
        var changed = true
        while changed {
            changed = false
            for (r, relation) in cells.relations.enumerated() where relation.terms.allSatisfy({ all[$0.cell].published }) {
                guard relation.terms.filter({ hidden[$0.cell] }).count == 1 else { continue }
                if let pick = candidates([r]).min(by: { rank($0) < rank($1) }) {
                    if debugProtection { print("classic \(all[pick].key)=\(all[pick].value) in \(relation.terms.map { all[$0.cell].key })") }
                    hidden[pick] = true
                    changed = true
                }
            }
        }
        // The audit, one hidden count at a time. Hiding a count or showing a small one as `..` only widens
        // what a reader can deduce about the others, so a count that passed stays passed.
        let audit = DisclosureAudit(threshold: threshold)
        var queue = all.indices.filter { hidden[$0] }
        var next = 0
        var disclosures: [DisclosureAudit.Disclosure] = []
        while next < queue.count {
            let c = queue[next]
            next += 1
            while !audit.holds(c, in: cells, hidden: hidden, dots: dots) {
                // If "1 to 4" of the small counts around it is what exposes it, show one of them (a total
                // first) as `..`; otherwise hide one more published count of its sums.
                let smallAround = ([c] + cells.relationsOf[c].flatMap { cells.relations[$0].terms.map(\.cell) })
                    .filter { audit.showsAsSmall(cells, hidden, dots, $0) }
                var relaxed = dots
                for s in smallAround { relaxed[s] = true }
                if !smallAround.isEmpty, audit.holds(c, in: cells, hidden: hidden, dots: relaxed) || candidates(cells.relationsOf[c]).isEmpty {
                    let pick = smallAround.max { (all[$0].isTotal ? 1 : 0, all[$0].value) < (all[$1].isTotal ? 1 : 0, all[$1].value) }!
                    dots[pick] = true
                    if debugProtection { print("dots \(all[pick].key)=\(all[pick].value) for \(all[c].key)") }
                    continue
                }
                var pool = candidates(cells.relationsOf[c])
                if pool.isEmpty { pool = candidates(audit.connectedRelations(of: c, in: cells, hidden: hidden)) }
                guard let pick = pool.min(by: { rank($0) < rank($1) }) else {
                    disclosures.append(DisclosureAudit.Disclosure(key: all[c].key, value: all[c].value,
                                                                  range: audit.range(of: c, in: cells, hidden: hidden, dots: dots)))
                    break
                }
                hidden[pick] = true
                if debugProtection { print("hide \(all[pick].key)=\(all[pick].value) for \(all[c].key)=\(all[c].value) range \(audit.range(of: c, in: cells, hidden: hidden, dots: dots))") }
                queue.append(pick)
            }
        }
        guard disclosures.isEmpty else { throw Failure(disclosures: disclosures) }
        return Decision(hidden: hidden, dots: dots)
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

import Foundation
let debugProtection = ProcessInfo.processInfo.environment["FINSAM_DEBUG_PROTECTION"] != nil
