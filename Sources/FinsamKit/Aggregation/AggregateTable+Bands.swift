/// One run over förbund whose åldersgrupper differ (Malmö's 25–30 beside the national 25–29; issue #27
/// item 14): each unit of files is aggregated with its own catalogue, then merged into a table over the
/// *common bands*, the coarsest bands whose bounds every catalogue has (16–19, 20–24, 25–39, 40–49 … for
/// those two), so that no count is split by a guess.
extension DimensionCatalogue {
    /// The åldersgrupp bands all `catalogues` can be told in: the bounds they share, with the first
    /// catalogue's dimensions otherwise.
    ///
    ///     DimensionCatalogue.commonBands([national, malmo])!.aldersgrupp.codes.map(\.code)
    ///     // ["16-19", "20-24", "25-39", "40-49", "50-59", "60-64"]
    ///
    /// - Returns: the catalogue, and per input catalogue the common band of each of its bands; `nil` when a
    ///   band is not written `a-b` or the catalogues do not cover the same ages (then nothing common is honest).
    public static func commonBands(_ catalogues: [DimensionCatalogue]) -> (catalogue: DimensionCatalogue, maps: [[Int]])? {
        guard let first = catalogues.first else { return nil }
        func bounds(_ code: String) -> (Int, Int)? {
            let parts = code.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b else { return nil }
            return (a, b)
        }
        var lowers: Set<Int>?, ends = Set<Int>()
        var all: [[(Int, Int)]] = []
        for catalogue in catalogues {
            let bands = catalogue.aldersgrupp.codes.compactMap { bounds($0.code) }
            guard bands.count == catalogue.aldersgrupp.codes.count, !bands.isEmpty else { return nil }
            all.append(bands)
            lowers = lowers.map { $0.intersection(bands.map(\.0)) } ?? Set(bands.map(\.0))
            ends.insert(bands.map(\.1).max()!)
        }
        let starts = (lowers ?? []).sorted()
        guard ends.count == 1, let end = ends.first, let youngest = starts.first,
            all.allSatisfy({ $0.map(\.0).min() == youngest })
        else { return nil }
        let common = starts.indices.map { i in (starts[i], i + 1 < starts.count ? starts[i + 1] - 1 : end) }
        var result = first
        var aldersgrupp = first.aldersgrupp
        aldersgrupp.codes = common.map { a, b in Code(code: "\(a)-\(b)", label: "\(a)–\(b) år", aliases: nil) }
        // A fold is kept when it is a union of common bands in every catalogue's terms: here, by its ages.
        aldersgrupp.folds = nil
        if let i = result.dimensions.firstIndex(where: { $0.id == aldersgruppID }) {
            result.dimensions[i] = aldersgrupp
        } else {
            result.dimensions.insert(aldersgrupp, at: 0)
        }
        let maps = all.map { bands in bands.map { band in common.lastIndex { $0.0 <= band.0 }! } }
        return (result, maps)
    }
}

extension AggregateTable {
    /// Adds `other`'s counts, read with another catalogue: name ids mapped by `rename`, åldersgrupper by
    /// `alder` (the other's band index → this table's), background dimensions by `dimensions` (the other's
    /// code index → this table's, per grouped dimension in order). Keys are unpacked with the other's layout
    /// and packed with this one's, field by field.
    public mutating func merge(_ other: AggregateTable, rename: (Int32) -> Int32, alder: [Int], dimensions: [[Int]]) {
        let from = other.deltagareKey, to = deltagareKey
        func head(_ key: UInt64, _ from: GroupKey, _ to: GroupKey) -> UInt64 {
            var out: UInt64 = 0
            for (a, b) in [(from.forbund, to.forbund), (from.insats, to.insats)] where b.width > 0 {
                out |= b.put(a.value(key).map { UInt64(rename(Int32($0))) } ?? ~0)
            }
            out |= to.period.put(from.period.value(key).map(UInt64.init) ?? ~0)
            out |= to.kon.put(from.kon.value(key).map(UInt64.init) ?? ~0)
            out |= to.aldersgrupp.put(from.aldersgrupp.value(key).map { UInt64(alder[$0]) } ?? ~0)
            return out
        }
        other.deltagareGroups.forEach { key, antal in
            var packed = head(key, from, to)
            packed |= to.ny.put(from.ny.value(key).map(UInt64.init) ?? ~0)
            packed |= to.status.put(from.status.value(key).map(UInt64.init) ?? ~0)
            packed |= to.avslutsorsak.put(from.avslutsorsak.value(key).map(UInt64.init) ?? ~0)
            for (d, (a, b)) in zip(from.dimensions, to.dimensions).enumerated() {
                packed |= b.field.put(a.field.value(key).map { UInt64(dimensions[d][$0]) } ?? ~0)
            }
            addCounted(packed, antal)
        }
        other.formGroups.forEach { key, otherBase in
            let packed = head(key, other.formKey, formKey) | formKey.enkat.put(other.formKey.enkat.value(key).map(UInt64.init) ?? ~0)
            addForms(packed, other.counters[otherBase..<otherBase + stride])
        }
        mergeActivities(other, rename: rename)
    }
}

extension AggregateRun {
    /// Files read with one catalogue and one register: a förbund's folder (its `dimensioner.json`) and the
    /// register that names its förbund.
    public struct Unit: Sendable {
        public var files: [String]
        public var catalogues: Catalogues
        public var register: Register?

        public init(files: [String], catalogues: Catalogues, register: Register?) {
            self.files = files
            self.catalogues = catalogues
            self.register = register
        }
    }

    /// One run over units read with different catalogues and registers: each unit is aggregated as
    /// ``run(files:catalogues:options:progress:)`` does, with its own register, and merged over the common
    /// åldersgrupp bands (``DimensionCatalogue/commonBands(_:)``). `options.dimensions` are slots of
    /// `catalogues` (the run's own); each unit must know those dimensions and their codes.
    ///
    /// - Returns: the merged outcome, and the catalogues to write it with (the common bands); problems in the
    ///   outcome when the units' bands or dimensions have nothing in common.
    public static func run(units: [Unit], catalogues: Catalogues, options: Options, progress: Progress? = nil) -> (Outcome, Catalogues) {
        var common = catalogues
        let bands = DimensionCatalogue.commonBands(units.map(\.catalogues.dimensioner))
        var outcome = Outcome(
            table: AggregateTable(by: options.by, dimensions: options.dimensions, catalogues: catalogues), names: NameTable(), files: [])
        guard let bands else {
            let all = units.map { $0.catalogues.dimensioner.aldersgrupp.codes.map(\.code).joined(separator: ", ") }
            outcome.problems.append(
                Problem(
                    file: units.flatMap(\.files).first ?? "aggregate", position: nil,
                    message:
                        "åldersgrupperna går inte att lägga samman: väntade band skrivna a-b över samma åldrar i alla dimensioner.json, fann \(all.joined(separator: " mot "))"
                ))
            return (outcome, catalogues)
        }
        common.dimensioner = bands.catalogue
        var table = AggregateTable(by: options.by, dimensions: options.dimensions, catalogues: common)
        var names = NameTable()
        for (u, unit) in units.enumerated() {
            var unitOptions = options
            unitOptions.register = unit.register
            var maps: [[Int]] = []
            var slots: [Int] = []
            for slot in options.dimensions {
                let dimension = common.dimensioner.extra[slot]
                guard let own = unit.catalogues.dimensioner.slot(of: dimension.id) else {
                    outcome.problems.append(
                        Problem(
                            file: unit.files.first ?? "aggregate", position: nil,
                            message: "dimensionen \(dimension.id) finns inte i filernas dimensionskatalog"))
                    continue
                }
                let codes = unit.catalogues.dimensioner.extra[own].codes
                let map = codes.map { code in dimension.codes.firstIndex { $0.code == code.code } }
                guard map.allSatisfy({ $0 != nil }) else {
                    let unknown = codes.filter { code in !dimension.codes.contains { $0.code == code.code } }.map(\.code)
                    outcome.problems.append(
                        Problem(
                            file: unit.files.first ?? "aggregate", position: nil,
                            message:
                                "dimensionen \(dimension.id): väntade koderna \(Vocabulary<Int>.list(dimension.codes.map(\.code))) i alla kataloger, fann \(Vocabulary<Int>.list(unknown))"
                        ))
                    continue
                }
                slots.append(own)
                maps.append(map.map { $0! })
            }
            guard slots.count == options.dimensions.count else { continue }
            unitOptions.dimensions = slots
            let part = run(files: unit.files, catalogues: unit.catalogues, options: unitOptions, progress: progress)
            let renamed = (0..<Int32(part.names.count)).map { names.intern(part.names.name($0)) }
            table.merge(part.table, rename: { renamed[Int($0)] }, alder: bands.maps[u], dimensions: maps)
            outcome.files += part.files
            outcome.rows += part.rows
            outcome.bytes += part.bytes
            outcome.problems += part.problems
            outcome.problemsNotShown += part.problemsNotShown
            outcome.invalidRows += part.invalidRows
        }
        table.flush()
        (outcome.table, outcome.names) = (table, names)
        return (outcome, common)
    }
}
