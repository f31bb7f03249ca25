/// Respondent groups in the store (DOMAIN §7, issue #19): an `indikatorsvar` file is current per unit *and*
/// respondent group, so that a staff survey (enkät `personal`, `chefer` …) sent on its own for an insats does
/// not replace the insats's deltagare survey for the same halvår, and a new deltagare survey replaces only
/// the old deltagare survey.
extension StoreIndex {
    /// A unit with the respondent groups whose forms a file holds for it.
    public struct GroupedKey: Sendable, Codable, Hashable {
        public var forbund: String
        public var insats: String
        public var period: Period
        public var groups: [Respondent]

        public init(key: NamedKey, groups: [Respondent]) {
            forbund = key.forbund
            insats = key.insats
            period = key.period
            self.groups = groups
        }

        public var key: NamedKey { NamedKey(forbund: forbund, insats: insats, period: period) }
    }

    /// What one current file is read for: per unit, the respondent groups whose forms count, or `nil` when
    /// every row of the unit counts.
    public typealias Units = [NamedKey: Set<Respondent>?]

    /// Per current submission (by sequence), the units it is current for and, for an `indikatorsvar` file that
    /// shares a unit with another current one, the groups it counts for there.
    ///
    /// An `indikatorsvar` submission stored before groups were kept (no `groups`) holds the deltagare slot;
    /// its forms of other groups still count as long as no later file holds that group's slot — a staff form
    /// merged into an old deltagare file is neither lost nor counted twice.
    ///
    /// - Returns: units by submission sequence.
    public var currentUnits: [Int: Units] {
        let current = self.current
        // Per unit, the groups whose indikatorsvar slot some submission holds, and by which.
        var holders: [NamedKey: [Respondent: Int]] = [:]
        for (slot, submission) in current where slot.kind == .indikatorsvar {
            if let group = slot.group { holders[slot.key, default: [:]][group] = submission.sequence }
        }
        var result: [Int: Units] = [:]
        for (slot, submission) in current {
            guard slot.kind == .indikatorsvar else {
                result[submission.sequence, default: [:]][slot.key] = .some(nil)
                continue
            }
            let held = holders[slot.key] ?? [:]
            var groups = Set(held.filter { $0.value == submission.sequence }.keys)
            if submission.groups == nil {
                // An old deltagare file: also the groups no other file holds.
                groups.formUnion(Respondent.allCases.filter { held[$0] == nil })
            }
            let all = Set(Respondent.allCases)
            let previous = result[submission.sequence]?[slot.key] ?? .some(Set())
            let merged = previous.map { $0.union(groups) }
            result[submission.sequence, default: [:]][slot.key] = merged == all ? .some(nil) : .some(merged)
        }
        // A file holding every group it has for a unit needs no filter there.
        let grouped = Dictionary(submissions.compactMap { s in s.groups.map { (s.sequence, $0) } }, uniquingKeysWith: { a, _ in a })
        for (sequence, units) in result {
            guard let grouped = grouped[sequence] else { continue }
            for (key, groups) in units {
                guard let groups, let own = grouped.first(where: { $0.key == key }) else { continue }
                if Set(own.groups).isSubset(of: groups) { result[sequence]?[key] = .some(nil) }
            }
        }
        return result
    }
}

extension StoreIndex.Submission {
    /// The slots' groups of one unit: for `indikatorsvar`, the respondent groups of its forms there (deltagare
    /// for a submission stored before groups were kept); `nil` alone for the other kinds.
    public func slotGroups(_ key: NamedKey) -> [Respondent?] {
        guard kind == .indikatorsvar else { return [nil] }
        guard let groups else { return [.deltagare] }
        return groups.first { $0.key == key }?.groups ?? [.deltagare]
    }

    /// The staff groups (not deltagare) of the file, in catalogue order, for people: "personal, chefer".
    public var staffGroups: [Respondent] {
        Set((groups ?? []).flatMap(\.groups)).filter { $0 != .deltagare }.sorted()
    }
}
