/// Every count a report publishes, in every table, format and period it shows, as one linked set: the cells
/// and the additive relations between them that a reader knows or can work out.
///
/// A report only *declares* its counts: each with a ``CountFilter`` saying what it counts
/// (``count(_:_:cheap:weight:)``). A count printed in several places is one cell (its key is its filter, not
/// where it is printed), so it is hidden everywhere or nowhere, and the relations follow from the filters
/// (``deriveRelations()``), so no table writes one and none can be forgotten. A relation may also name
/// *unpublished* cells: counts the report never prints but that tie published ones together (the forms that
/// left a question empty, the deltagare of insatser a table leaves out). A reader knows only that they are
/// whole numbers ≥ 0.
///
///     var cells = LinkedCells()
///     cells.domains["d|kon"] = ["kvinna", "man", "annat"]
///     let avslutade = CountFilter(["kalla": ["d"], "period": ["2023H2"], "utfall": ["arbete", "studier"]])
///     cells.count(avslutade.with("kon", ["kvinna"]), 3)
///     cells.count(avslutade.with("kon", ["man"]), 12)
///     cells.count(avslutade.with("kon", ["annat"]), 0)
///     cells.count(avslutade, 15)
///     cells.deriveRelations()  // 3 + 12 + 0 = 15
public struct LinkedCells: Sendable {
    public struct Cell: Sendable {
        public var key: String
        public var value: Int
        /// Printed somewhere (else only a link in a relation).
        public var published: Bool
        /// Hidden first when a second count must go (the `annat` kön).
        var cheap: Bool
        /// How much a reader loses when it is hidden: 0 a detail, 1 a margin (one kön's or one insats's
        /// total, a goal per kön or per insats), 2 a headline (all kön, all insatser), ``goalWeight`` a goal's
        /// figure overall. Lower goes first.
        var weight: Int
        /// Which rule protects it (DOMAIN §8): counts of people, or survey answers.
        var rule: ProtectionRule = .people
        /// A survey group's forms (its n): "för få svar" tells a reader it is 1 to threshold − 1.
        var groupSize = false
        /// For a survey figure other than n: the cell of its group's n, with which it is shown or hidden.
        var group: Int?
        /// How a report approved earlier already shows it: then this report shows it the same way (`nil`:
        /// this report decides).
        var approved: Approved?
        /// What it counts (``count(_:_:cheap:weight:)``); `nil` for a count entered by key alone.
        var filter: CountFilter?
    }

    /// How an approved report shows a count: what a reader of it already knows.
    enum Approved: Sendable, Equatable {
        case shown
        /// `<5`: from 1 to threshold − 1.
        case small
        /// `..`.
        case hidden
    }

    /// `Σ coefficient · value = 0` over its cells.
    public struct Relation: Sendable {
        var terms: [(cell: Int, coefficient: Int)]
    }

    public private(set) var cells: [Cell] = []
    private(set) var relations: [Relation] = []
    /// Per cell, the relations it is a term of: the audit walks these for every hidden count.
    private(set) var relationsOf: [[Int]] = []
    private var index: [String: Int] = [:]
    /// The relations' terms, sorted, for ``add(_:)``.
    private var signatures = Set<[Int]>()
    /// Per universe and attribute (`"d|kon"`), every code it can take, where the report knows them all: a
    /// count over all of them is the total, and a count over none of them is left of it. Without a domain,
    /// the codes no count names are one part of their own (``otherCodes``).
    var domains: [String: Set<String>] = [:]
    /// Per universe and period (`"mal:f|2023H2"`), the insatser with data in that period: the domain its own
    /// report normalized its counts with. A halvår with data of one insats only names none in its keys, so a
    /// year finds that halvår's count of the insats under the key without it (``normalizedAsInItsPeriod(_:)``).
    var insatserByPeriod: [String: Set<String>] = [:]

    public init() {}

    /// The weight of a goal's figure overall (``Cell/weight``): the costliest to hide.
    static let goalWeight = 3

    /// The cell for `key`, created with `value` on first use. A key names one count; should a second use
    /// bring another value (two different counts under one name, which the report's keys are made to
    /// avoid), it gets a cell of its own rather than the first one's value.
    @discardableResult
    mutating func cell(_ key: String, _ value: Int, cheap: Bool = false, weight: Int = 0) -> Int {
        if let i = index[key] {
            guard cells[i].value == value else { return cell(key + "#\(value)", value, cheap: cheap, weight: weight) }
            cells[i].published = true
            return i
        }
        cells.append(Cell(key: key, value: value, published: true, cheap: cheap, weight: weight))
        relationsOf.append([])
        index[key] = cells.count - 1
        return cells.count - 1
    }

    /// A count that only links others: never printed.
    mutating func unpublished(_ key: String, _ value: Int) -> Int {
        if let i = index[key] { return i }
        cells.append(Cell(key: key, value: value, published: false, cheap: false, weight: 0))
        relationsOf.append([])
        index[key] = cells.count - 1
        return cells.count - 1
    }

    func lookup(_ key: String) -> Int? { index[key] }

    mutating func setFilter(_ c: Int, _ filter: CountFilter) { cells[c].filter = filter }

    /// A count that only links others, declared by what it counts.
    mutating func unpublished(_ filter: CountFilter, _ value: Int) -> Int {
        let c = unpublished(filter.key, value)
        if cells[c].filter == nil && cells[c].value == value { cells[c].filter = filter }
        return c
    }

    /// Cell `c` counts survey answers (DOMAIN §8): it is published as it is inside a group of at least threshold
    /// forms, never as `<5`. With `groupOf`, it is shown or hidden with that group's n; without, it is a
    /// group's n.
    mutating func survey(_ c: Int, groupOf n: Int? = nil) {
        cells[c].rule = .survey
        if let n, n != c {
            cells[c].group = n
        } else {
            cells[c].groupSize = true
        }
    }

    /// `parts` add up to `total`. Added only when the values say so: a relation that does not hold in the
    /// data is not one a reader could use.
    mutating func sum(_ parts: [Int], equals total: Int) {
        let distinct = parts.filter { $0 != total }
        guard !distinct.isEmpty, distinct.reduce(0, { $0 + cells[$1].value }) == cells[total].value else { return }
        add(Relation(terms: distinct.map { ($0, 1) } + [(total, -1)]))
    }

    /// `parts` add up to `total` where the values say so, else with a remainder the report does not print
    /// (`key`): for sums whose remainder is empty in most data (the forms that left a question empty), a
    /// reader who finds the parts adding up to the total knows the remainder is 0.
    mutating func sum(_ parts: [Int], equals total: Int, elseUnpublished key: String) {
        if parts.reduce(0, { $0 + cells[$1].value }) == cells[total].value {
            sum(parts, equals: total)
        } else {
            sum(parts, plusUnpublished: key, equals: total)
        }
    }

    mutating func add(_ relation: Relation) {
        // One relation found twice (by two tables, or again with an approved report's) is added once.
        guard signatures.insert(relation.terms.sorted { $0.cell < $1.cell }.flatMap { [$0.cell, $0.coefficient] }).inserted else { return }
        for term in relation.terms { relationsOf[term.cell].append(relations.count) }
        relations.append(relation)
    }

    /// `parts` add up to `total`, less a remainder that the report does not print (the forms that left a
    /// question empty, the deltagare a table leaves out). A reader then knows only `Σ parts ≤ total`.
    mutating func sum(_ parts: [Int], plusUnpublished key: String, equals total: Int) {
        let rest = cells[total].value - parts.reduce(0) { $0 + cells[$1].value }
        guard rest >= 0 else { return }
        sum(parts + [unpublished(key, rest)], equals: total)
    }
}

// MARK: Reports approved earlier

extension LinkedCells {
    /// Takes in every count an approved report published, as it showed it, with its relations (DOMAIN §8:
    /// what is already public counts). Keys name counts across reports (`2023H1|avslutade|kvinna|alla` is
    /// the same count in the halvårsrapport for 2023H1, in 2023H2's comparison with it and in the
    /// årsrapport), so a count this report publishes too becomes one cell, which this report shows the same
    /// way; the others link to this report's counts through the relations of both, and protection sees the
    /// reports as one set. A count the approved report gave another value (data corrected after a
    /// reopening) gets a cell of its own.
    ///
    /// - Parameters:
    ///   - other: the approved report's set (with the counts of the reports it was itself protected with).
    ///   - shown: per cell of `other`, how the approved report shows it.
    /// - Complexity: O(c + t) for c cells and t relation terms of `other`.
    mutating func include(_ other: LinkedCells, shown: (Int) -> SmallCellProtection.Shown) {
        var map: [Int] = []
        domains.merge(other.domains) { $0.union($1) }
        insatserByPeriod.merge(other.insatserByPeriod) { $0.union($1) }
        for (c, cell) in other.cells.enumerated() {
            let known = lookup(cell.key)
            let i = cell.published ? self.cell(cell.key, cell.value, cheap: cell.cheap, weight: cell.weight) : unpublished(cell.key, cell.value)
            if let filter = cell.filter, known == nil || known == i, cells[i].value == cell.value { cells[i].filter = filter }
            map.append(i)
            guard cell.published else { continue }
            cells[i].rule = cell.rule
            cells[i].groupSize = cell.groupSize
            switch shown(c) {
            case .value: cells[i].approved = .shown
            case .small: cells[i].approved = .small
            case .hidden: cells[i].approved = .hidden
            }
        }
        for (c, cell) in other.cells.enumerated() {
            if let n = cell.group { cells[map[c]].group = map[n] }
        }
        addRelations(of: other, through: map)
    }

    /// Adds the relations of `other`, its cells taken as `map` says, where the values here keep them (a cell
    /// of its own for a corrected count breaks the old sums).
    private mutating func addRelations(of other: LinkedCells, through map: [Int]) {
        for relation in other.relations {
            let terms = relation.terms.map { (cell: map[$0.cell], coefficient: $0.coefficient) }
            guard terms.reduce(0, { $0 + $1.coefficient * cells[$1.cell].value }) == 0 else { continue }
            add(Relation(terms: terms))
        }
    }

    /// Takes in the counts of a report that will be published after this one (the year a halvår 2 ends), so
    /// that this report prints nothing that, with what is already public, lets a reader work out a small count
    /// of it before it is published. However the later report protects itself, it can at most hide all of its
    /// own counts (a 0 too, where its zeros would give a count away); so each of its counts of people from 1 to
    /// `threshold − 1` is entered as that report would show it at the least, a `..` (at least 1, never
    /// pinned), and everything else of it as an unprinted count (at least 0). A count this set already holds
    /// (under the same key) stays as this set has it.
    ///
    /// - Parameters:
    ///   - other: the later report's set, with the counts of this one that it prints too.
    ///   - threshold: the rule's threshold: the counts below it (and above 0) are guarded.
    /// - Returns: the cells entered as guarded `..`.
    /// - Complexity: O(c + t) for c cells and t relation terms of `other`.
    @discardableResult
    mutating func foresee(_ other: LinkedCells, threshold: Int) -> [Int] {
        var map: [Int] = [], guarded: [Int] = []
        domains.merge(other.domains) { $0.union($1) }
        insatserByPeriod.merge(other.insatserByPeriod) { $0.union($1) }
        for cell in other.cells {
            // A count of H1 corrected since H1 was approved has a cell of its own here, under its value.
            if let known = lookup(cell.key).map({ cells[$0].value == cell.value ? $0 : lookup(cell.key + "#\(cell.value)") ?? $0 }) {
                map.append(known)
                continue
            }
            let small = cell.published && cell.rule == .people && cell.value > 0 && cell.value < threshold
            let i = small ? self.cell(cell.key, cell.value, weight: cell.weight) : unpublished(cell.key, cell.value)
            cells[i].filter = cell.filter
            if small {
                cells[i].approved = .hidden
                guarded.append(i)
            }
            map.append(i)
        }
        addRelations(of: other, through: map)
        return guarded
    }
}

/// Which rule of DOMAIN §8 protects a count.
public enum ProtectionRule: Sendable {
    /// Counts of people: 1 to threshold − 1 is shown `<5` and may not be narrowed; `..` may not be pinned.
    case people
    /// Survey answers: a group of fewer than threshold forms shows no figures ("för få svar") and may not be
    /// worked out from other groups; inside a shown group every answer count is published as it is.
    case survey
}
