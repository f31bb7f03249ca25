/// What one published count counts: a filter over the attributes of the data, one set of codes per attribute
/// it restricts ("avslutade, kön kvinna, avslutsorsak in the stegförflyttning set, insats Karlskrona,
/// 2023H2"). An attribute it does not name is not restricted.
///
/// Protection derives every relation between the counts of a report from these filters
/// (``LinkedCells/deriveRelations()``), so no table writes one: counts that differ only in one attribute, with
/// nested, disjoint or overlapping sets of codes, add up the way a reader can work out.
///
///     let kvinnor = CountFilter(["kalla": ["d"], "period": ["2023H2"], "kon": ["kvinna"]])
///     kvinnor.key  // "kalla=d|kon=kvinna|period=2023H2"
///
/// The attribute `kalla` names the universe counted (deltagare `d`, survey forms `f`, deltagande in
/// aktiviteter `a`, another förbund's figures `jmf`); `period` is the period counted. Neither is ever summed
/// over.
public struct CountFilter: Hashable, Sendable {
    /// Per attribute restricted, the codes it admits.
    public private(set) var terms: [String: Set<String>]

    /// - Parameter terms: per attribute, the codes admitted.
    public init(_ terms: [String: Set<String>]) {
        self.terms = terms
    }

    /// The universe counted (`kalla`), "" when the filter names none.
    var universe: String { terms["kalla"]?.sorted().first ?? "" }

    /// The same filter, with `attribute` restricted to `codes` (`nil`: unrestricted).
    ///
    /// - Returns: the new filter; `self` is unchanged.
    public func with(_ attribute: String, _ codes: Set<String>?) -> CountFilter {
        var copy = self
        copy.terms[attribute] = codes
        return copy
    }

    /// The same filter restricted further to `codes` in `attribute` (the intersection with what it admits).
    ///
    /// - Returns: the new filter, or `self` when `codes` is `nil`.
    func narrowed(_ attribute: String, _ codes: Set<String>?) -> CountFilter {
        guard let codes else { return self }
        return with(attribute, terms[attribute].map { $0.intersection(codes) } ?? codes)
    }

    /// One text per filter, the same for the same filter however it was built: a count's identity, so that a
    /// count printed in several tables (or reports) is one cell.
    ///
    /// - Complexity: O(a log a + c log c) for a attributes and c codes.
    public var key: String {
        terms.keys.sorted().map { "\($0)=\(terms[$0]!.sorted().joined(separator: ","))" }.joined(separator: "|")
    }
}
