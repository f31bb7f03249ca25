/// Relations by construction: a report declares what each of its counts counts (a ``CountFilter``), and the
/// relations between them follow from the declarations.
///
///     var cells = LinkedCells()
///     cells.domains["d|kon"] = ["kvinna", "man", "annat"]
///     let base = CountFilter(["kalla": ["d"], "period": ["2023H2"]])
///     let k = cells.count(base.with("kon", ["kvinna"]), 3)
///     let m = cells.count(base.with("kon", ["man"]), 12)
///     let a = cells.count(base.with("kon", ["annat"]), 0)
///     let t = cells.count(base, 15)
///     cells.deriveRelations()  // t = k + m + a
extension LinkedCells {
    /// The code that stands for every code of an attribute that no count of a group names, where the report
    /// declares no domain for the attribute (the insatser a table leaves out, the deltagare who are not nya).
    static let otherCodes = "∗"

    /// A count declared by what it counts: its cell is the filter's (``CountFilter/key``), so a count printed
    /// in several tables is one cell, and ``deriveRelations()`` ties it to every other declared count.
    ///
    /// A set of codes that admits an attribute's whole domain restricts nothing and is dropped, so that
    /// "every avslutsorsak and pågående" and "everyone" are one count.
    ///
    /// - Returns: the cell's index.
    @discardableResult
    mutating func count(_ filter: CountFilter, _ value: Int, cheap: Bool = false, weight: Int = 0) -> Int {
        let filter = normalized(filter)
        let known = lookup(filter.key)
        let c = cell(filter.key, value, cheap: cheap, weight: weight)
        // A second count under the filter that differs (the declarations rule it out) got a cell of its own,
        // outside the derivation.
        if known == nil || known == c { setFilter(c, filter) }
        return c
    }

    /// `filter` with every set that admits its attribute's whole domain dropped.
    func normalized(_ filter: CountFilter) -> CountFilter {
        normalized(filter) { attribute in domains["\(filter.universe)|\(attribute)"] }
    }

    /// `filter` as the report of its own period normalized it: its insats set dropped too where it admits
    /// every insats with data in that period (``insatserByPeriod``); a halvår with data of one insats names none.
    func normalizedAsInItsPeriod(_ filter: CountFilter) -> CountFilter {
        let result = normalized(filter)
        guard let period = filter.terms["period"], period.count == 1 else { return result }
        return normalized(result) { attribute in attribute == "insats" ? insatserByPeriod["\(filter.universe)|\(period.first!)"] : nil }
    }

    /// `filter` without each term that admits every code of its attribute's domain (an empty domain, a
    /// period with no data of the universe, names none).
    private func normalized(_ filter: CountFilter, domain: (String) -> Set<String>?) -> CountFilter {
        var result = filter
        for (attribute, codes) in filter.terms {
            if let all = domain(attribute), !all.isEmpty, all.isSubset(of: codes) { result = result.with(attribute, nil) }
        }
        return result
    }

    /// The attributes a group may sum over: every attribute a filter of the universe names, or a domain is
    /// declared for, but the universe itself and the period (periods are tied by ``PublishedReport/Builder``'s
    /// years, which count people once).
    private func attributes() -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for cell in cells {
            guard let filter = cell.filter else { continue }
            result[filter.universe, default: []].formUnion(filter.terms.keys)
        }
        for key in domains.keys {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            if parts.count == 2 { result[parts[0], default: []].insert(parts[1]) }
        }
        for universe in result.keys {
            result[universe]?.remove("kalla")
            result[universe]?.remove("period")
        }
        return result
    }

    /// Derives every relation between the declared counts from their filters.
    ///
    /// Counts that agree on every attribute but one form a group (the avslutade kvinnor of 2023H2 per
    /// avslutsorsak, with their total, the SUS groups, a goal's numerator and denominator). Their sets of
    /// codes in that attribute split its codes into the finest parts any of them tells apart; each count of
    /// the group is the sum of the parts inside its set. A part no count publishes is an unpublished cell,
    /// whose value follows from a count it completes (the avslutade less the goal's denominator); such
    /// cells are grouped again along their other attributes, until nothing new appears. Tables that share
    /// only a margin (målgrupp × kön, remittent × kön) meet in that margin's cells, never in a full cross of
    /// their attributes. A sum the values do not keep (a row's own stegförflyttning cell overriding its
    /// avslutsorsak) is not one a reader could use, and is left out.
    ///
    /// - Complexity: O(r · c · a) for r rounds (at most four), c cells and a attributes per universe.
    public mutating func deriveRelations() {
        for _ in 0..<4 {
            let (cellsBefore, relationsBefore) = (cells.count, relations.count)
            deriveRound()
            if cells.count == cellsBefore && relations.count == relationsBefore { break }
        }
    }

    private struct Group {
        var attribute: String
        var rest: CountFilter
        /// Per member: its cell and its codes (`nil`: the whole domain).
        var members: [(cell: Int, codes: Set<String>?)] = []
    }

    /// Which group a cell falls in for one attribute: the attribute and the rest of its filter.
    private struct GroupID: Hashable {
        var attribute: String
        var rest: CountFilter
    }

    private mutating func deriveRound() {
        let byUniverse = attributes()
        // Grouped by the filters themselves: a text key (``CountFilter/key``, sorted codes joined) for every
        // cell and attribute was a third of a report's protection; only groups of more than one are keyed.
        var groups: [GroupID: Group] = [:]
        for (c, cell) in cells.enumerated() {
            guard let filter = cell.filter else { continue }
            for attribute in byUniverse[filter.universe] ?? [] {
                let rest = filter.with(attribute, nil)
                groups[GroupID(attribute: attribute, rest: rest), default: Group(attribute: attribute, rest: rest)].members.append(
                    (c, filter.terms[attribute]))
            }
        }
        // In one order whatever the hash seed: the report must come out the same every run. (Two groups of
        // one text, possible only where a code holds `,`, `|` or `=`, go by their first cell.)
        let related = groups.values.filter { $0.members.count > 1 }.map { ("\($0.attribute)#\($0.rest.key)", $0) }
        for (_, group) in related.sorted(by: { ($0.0, $0.1.members[0].cell) < ($1.0, $1.1.members[0].cell) }) { derive(group) }
    }

    /// The relations of one group: each member is the sum of the finest parts inside its set.
    private mutating func derive(_ group: Group) {
        let universe = group.rest.universe
        let domain = domains["\(universe)|\(group.attribute)"]
        var whole = domain ?? [Self.otherCodes]
        for member in group.members { whole.formUnion(member.codes ?? []) }
        if domain != nil { whole = domain! }
        let sets = group.members.map { $0.codes.map { $0.intersection(whole) } ?? whole }
        // The finest parts: codes that are in the same members go together.
        var bySignature: [[Bool]: Set<String>] = [:]
        for code in whole { bySignature[sets.map { $0.contains(code) }, default: []].insert(code) }
        let parts = bySignature.values.sorted { $0.sorted().lexicographicallyPrecedes($1.sorted()) }
        func filter(_ part: Set<String>) -> CountFilter { part == whole ? group.rest : group.rest.with(group.attribute, part) }
        var partCell: [Int?] = parts.map { lookup(normalized(filter($0)).key) }
        var value: [Int?] = partCell.map { $0.map { cells[$0].value } }
        let inside = sets.map { set in parts.indices.filter { parts[$0].isSubset(of: set) } }
        // A part nobody publishes takes the value left when a member's other parts are known (all of them 0
        // when nothing is left: no count is below 0).
        var changed = true
        while changed {
            changed = false
            for (m, member) in group.members.enumerated() {
                let unknown = inside[m].filter { value[$0] == nil }
                guard !unknown.isEmpty else { continue }
                let rest = cells[member.cell].value - inside[m].reduce(0) { $0 + (value[$1] ?? 0) }
                guard unknown.count == 1 || rest == 0, rest >= 0 else { continue }
                for u in unknown { value[u] = rest }
                changed = true
            }
        }
        // Where a table lists every code that has anyone (the insatser, the aktiviteter, the kön of a goal's
        // rows), a code it does not list has no one, and a reader knows it: such a part of 0 is no unknown.
        // Only where the group is such a list (a published count of one code): a part that no table lists
        // (the avslutade of one insats for a few causes) is not known to be 0 because it happens to be.
        let listed =
            Self.listedAttributes.contains(group.attribute) && group.members.contains { cells[$0.cell].published && $0.codes?.count == 1 }
        func isKnownZero(_ p: Int) -> Bool { partCell[p] == nil && value[p] == 0 && (listed || parts[p].isSubset(of: Self.silentCodes)) }
        for (m, member) in group.members.enumerated() {
            let terms = inside[m].filter { !isKnownZero($0) }
            guard terms.allSatisfy({ value[$0] != nil }), terms.reduce(0, { $0 + value[$1]! }) == cells[member.cell].value else { continue }
            guard !(terms.count == 1 && partCell[terms[0]] == member.cell) else { continue }
            for t in terms where partCell[t] == nil {
                partCell[t] = unpublished(normalized(filter(parts[t])), value[t]!)
            }
            let relation = Relation(terms: terms.map { (partCell[$0]!, 1) } + [(member.cell, -1)])
            add(relation)
        }
    }

    /// Codes a reader takes as absent where the counts add up without them: the forms that left a question
    /// empty. (Any other part nobody publishes is a count the reader knows only to be ≥ 0.)
    static let silentCodes: Set<String> = ["tomt"]

    /// Attributes whose codes the report lists wherever anyone has them: an insats, an aktivitet or a kön
    /// that a table or a goal's rows leave out has no one.
    static let listedAttributes: Set<String> = ["insats", "aktivitet", "kon"]
}
