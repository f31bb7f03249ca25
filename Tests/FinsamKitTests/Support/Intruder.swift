import FinsamTestSupport
import Foundation
@testable import FinsamKit

/// An outside intruder against published reports (issue #24): it knows every shown count, the linear relations
/// between the counts of the unprotected report (learned from many datasets of the same shape, never read
/// from finsam's code), that `<5` is 1–4, that a `..` is at least 1 in a report that hides no 0 (else at
/// least 0: ``PublishedCounts/reportsHidingZeros``), and that every count is at least 0; by linear
/// programming it bounds every hidden count.
///
/// It fails a report when a `<5` can be narrowed below 1–4 or a `..` pinned to one value. It reads reports
/// only through their tables (``PublishedCounts``), so it judges any protection engine the same way.
///
///     let learned = try Intruder.learn(checking: [truth]) { _ in try unprotectedCounts(ofANewDataset()) }
///     let outcome = try Intruder.attack(protected, truth: truth, learned: learned)
///     #expect(outcome.strongest.failures.isEmpty)
enum Intruder {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The relations learned for one shape: identical count places grouped (one count printed in several
    /// tables is one unknown), and the relations between the groups and a constant 1 (column 0).
    struct Learned {
        var keys: [String]
        /// Per group, its places (keys); column `g + 1` of `relations`.
        var groups: [[String]]
        var groupOf: [String: Int]
        var relations: LinearRelations
        var samples: Int
    }

    /// Learns the relations between the counts of unprotected reports from samples drawn by `draw(i)`, until
    /// 25 samples in a row add nothing to their span and every count vector in `checking` (the truths of the
    /// reports to be attacked) lies in it. (With 15, one shape in three kept a relation that 100 more samples
    /// broke; with 25 and 40 the findings were the same.)
    ///
    /// - Throws: ``Failure`` when no stable set of relations is found within `limit` samples.
    static func learn(checking truths: [PublishedCounts], limit: Int = 4000, draw: (Int) throws -> PublishedCounts) throws -> Learned {
        var samples: [PublishedCounts] = []
        var wanted = 40
        while true {
            while samples.count < wanted { samples.append(try draw(samples.count)) }
            var keys: [String] = [], seen = Set<String>()
            for counts in samples + truths { for key in counts.keys where seen.insert(key).inserted { keys.append(key) } }
            // Places whose values agree in every sample are one count.
            var groupOf: [String: Int] = [:], groups: [[String]] = [], byColumn: [[Int]: Int] = [:]
            for key in keys {
                let column = samples.map { $0.value(key) ?? 0 }
                if let g = byColumn[column] {
                    groups[g].append(key)
                } else {
                    byColumn[column] = groups.count
                    groups.append([key])
                }
                groupOf[key] = byColumn[column]
            }
            func vector(_ counts: PublishedCounts) -> [Double] { [1] + groups.map { Double(counts.value($0[0]) ?? 0) } }
            var relations = LinearRelations(width: groups.count + 1)
            var lastGrowth = 0
            for (i, sample) in samples.enumerated() where relations.add(vector(sample)) { lastGrowth = i }
            let quiet = samples.count - 1 - lastGrowth
            let agree = truths.allSatisfy { truth in groups.allSatisfy { g in Set(g.map { truth.value($0) ?? 0 }).count == 1 } }
            let spanned = truths.allSatisfy { relations.residual(vector($0)) < 1e-7 }
            if quiet >= 25 && agree && spanned {
                return Learned(keys: keys, groups: groups, groupOf: groupOf, relations: relations, samples: samples.count)
            }
            guard samples.count < limit else {
                throw Failure(description: "inga stabila samband efter \(samples.count) prov (rang \(relations.rank), \(groups.count) tal)")
            }
            wanted = min(limit, samples.count + max(15, relations.rank / 4, lastGrowth + 26 - samples.count))
        }
    }

    /// One hidden count the intruder could bound closer than its mark allows.
    struct Finding: CustomStringConvertible {
        var key: String
        var places: Int
        var mark: String
        var truth: Int
        var low: Int
        var high: Int?

        var description: String {
            let more = places > 1 ? " (+\(places - 1) ställen)" : ""
            return "\(key)\(more): \(mark), sant \(truth), intrångaren vet \(low)–\(high.map(String.init) ?? "∞")"
        }
    }

    /// What one attack found, with `..` taken as at least `dotsLowerBound`.
    struct Result {
        var dotsLowerBound: Int
        /// Hidden counts (groups of places) shown as `<5`, and as `..` only.
        var small = 0, dots = 0
        /// `<5` counts bounded closer than 1–4 (the pinned ones among them too), `..` counts pinned.
        var narrowed: [Finding] = []
        var pinnedSmall: [Finding] = []
        var pinnedDots: [Finding] = []
        /// Survey answer counts of at least the threshold pinned: their group has that many forms at least, so
        /// it is no small group but one hidden to protect another, whose answers the survey rule publishes as
        /// a shown group's (DOMAIN §8). Listed, not failures.
        var pinnedDotsOfLargeGroups: [Finding] = []
        /// The LP found no values: the marks contradict the relations (with `..` ≥ 1: a `..` hides a 0).
        var infeasible = false
        /// Ranges that miss the true value: a mistake of the intruder itself, never expected.
        var missedTruth: [Finding] = []

        var failures: [Finding] { narrowed + pinnedDots }
    }

    struct Outcome {
        var weak: Result
        /// With `..` ≥ 1 (survey answers and "x av y" slots ≥ 0); `nil` when such a `..` hides a 0 in this
        /// report (the rule does not hold).
        var strong: Result?
        /// `..` of a count the engine chose to hide (not a survey answer, not part of an "x av y") hiding a
        /// true 0; a `<5` hiding something outside 1–4 (an engine error).
        var hiddenZeros: [String] = []
        var smallOutOfRange: [String] = []
        /// Count places showing a reason in words instead of a count.
        var unreadable = 0
        /// The relations miss the shown counts by this much (about 0).
        var inconsistency = 0.0

        /// The intruder that knows the engine's rules: `..` ≥ 1 when no `..` hides a 0.
        var strongest: Result { strong ?? weak }
    }

    /// Bounds every hidden count of `protected` (marks of the protected reports) with the relations `learned`;
    /// `truth` (the unprotected counts of the same data) only judges the findings.
    static func attack(_ protected: PublishedCounts, truth: PublishedCounts, learned: Learned, threshold: Int = 5) -> Outcome {
        var outcome = Outcome(weak: Result(dotsLowerBound: 0))
        for key in protected.keys {
            let t = truth.value(key) ?? 0
            switch protected.marks[key]! {
            case .dots(mayBeZero: false) where t == 0: outcome.hiddenZeros.append(key)
            case .small where t < 1 || t >= threshold: outcome.smallOutOfRange.append("\(key): <\(threshold), sant \(t)")
            case .unreadable: outcome.unreadable += 1
            default: break
            }
        }
        outcome.weak = result(protected, truth: truth, learned: learned, threshold: threshold, dotsLowerBound: 0, outcome: &outcome)
        if outcome.hiddenZeros.isEmpty {
            outcome.strong = result(protected, truth: truth, learned: learned, threshold: threshold, dotsLowerBound: 1, outcome: &outcome)
        }
        return outcome
    }

    private static func result(
        _ protected: PublishedCounts, truth: PublishedCounts, learned: Learned, threshold: Int, dotsLowerBound: Int, outcome: inout Outcome
    ) -> Result {
        var result = Result(dotsLowerBound: dotsLowerBound)
        var knowledge: [IntruderBounds.Knowledge] = [.shown(1)]
        // Per group: its marks in the protected reports.
        var marks: [[PublishedCounts.Mark]] = []
        for group in learned.groups {
            let m = group.compactMap { protected.marks[$0] }
            marks.append(m)
            if let shown = m.lazy.compactMap({ if case .value(let v) = $0 { v } else { nil } }).first {
                knowledge.append(.shown(Double(shown)))
                continue
            }
            var low = 0.0, high = Double.infinity
            for mark in m {
                switch mark {
                case .small:
                    low = max(low, 1)
                    high = min(high, Double(threshold - 1))
                case .dots(let mayBeZero): if !mayBeZero { low = max(low, Double(dotsLowerBound)) }
                case .value, .unreadable: break
                }
            }
            knowledge.append(.hidden(lower: low, upper: high))
        }
        guard let bounds = IntruderBounds.bound(knowledge, relations: learned.relations) else {
            result.infeasible = true
            return result
        }
        outcome.inconsistency = max(outcome.inconsistency, bounds.inconsistency)
        for (g, group) in learned.groups.enumerated() {
            let m = marks[g]
            let isSmall = m.contains(.small), isShown = m.contains { if case .value = $0 { true } else { false } }
            let isDots = !isSmall && m.contains { if case .dots = $0 { true } else { false } }
            guard isSmall || isDots else { continue }
            let t = truth.value(group[0]) ?? 0
            let place = group.first { protected.marks[$0] == .small } ?? group.first { protected.marks[$0] != nil }!
            // A `<5` whose count another place shows: the intruder reads it.
            if isShown {
                if isSmall {
                    result.small += 1
                    let found = Finding(key: place, places: group.count, mark: "<\(threshold) (visas på annat ställe)", truth: t, low: t, high: t)
                    result.narrowed.append(found)
                    result.pinnedSmall.append(found)
                }
                continue
            }
            guard let range = bounds.ranges[g + 1] else { continue }
            let low = Int((range.min - 1e-6).rounded(.up)), high = range.max.isFinite ? Int((range.max + 1e-6).rounded(.down)) : nil
            let found = Finding(key: place, places: group.count, mark: isSmall ? "<\(threshold)" : "..", truth: t, low: low, high: high)
            if t < low || high.map({ t > $0 }) == true { result.missedTruth.append(found) }
            if isSmall {
                result.small += 1
                if low > 1 || (high ?? Int.max) < threshold - 1 { result.narrowed.append(found) }
                if low == high { result.pinnedSmall.append(found) }
            } else {
                result.dots += 1
                // An answer count of a hidden group of forms that a shown group's 0 makes 0 (no one of the
                // year's forms answered so, so no one of a halvår's did; no form of the förbund, so none of an
                // insats's): the survey rule publishes a shown group's counts as they are, a 0 included, and a 0
                // names no form (DOMAIN §8). In an indicator row or in a goal on survey answers alike.
                let isSurvey = group.allSatisfy(protected.surveyPlaces.contains)
                let zeroOfAShownGroup = low == 0 && high == 0 && isSurvey
                if low == high && isSurvey && t >= threshold {
                    result.pinnedDotsOfLargeGroups.append(found)
                } else if low == high && !zeroOfAShownGroup {
                    result.pinnedDots.append(found)
                }
            }
        }
        return result
    }
}
