/// `aggregate` over `aktiviteter` files (DOMAIN §4.4): tillfällen and deltagande added up per förbund, insats,
/// period, aktivitet, part and kön — the long table of `bench/aktiviteter-reference.py`.
extension AggregateTable {
    /// One group of activity rows. `part` and `kon` are `nil` when the rows did not say.
    public struct ActivityKey: Sendable, Hashable {
        public var forbund: Int32
        public var insats: Int32
        public var period: Period
        public var aktivitet: Int16
        public var part: Part?
        public var kon: Kon?
    }

    /// What one group adds up to. `deltagande` is `nil` when no row of the group told it (SQL's NULL sum).
    public struct ActivitySums: Sendable, Hashable {
        public var tillfallen = 0
        public var deltagande: Int?
    }

    public mutating func add(_ activity: AktivitetRecord) {
        let key = ActivityKey(
            forbund: activity.forbund, insats: activity.insats, period: activity.period, aktivitet: activity.aktivitet,
            part: activity.part, kon: activity.kon)
        var sums = activityGroups[key] ?? ActivitySums()
        sums.tillfallen += activity.tillfallen
        if let d = activity.deltagande { sums.deltagande = (sums.deltagande ?? 0) + d }
        activityGroups[key] = sums
    }

    /// Adds `other`'s activity groups, whose name ids `rename` maps to this table's.
    mutating func mergeActivities(_ other: AggregateTable, rename: (Int32) -> Int32) {
        for (key, sums) in other.activityGroups {
            var renamed = key
            renamed.forbund = rename(key.forbund)
            renamed.insats = rename(key.insats)
            var mine = activityGroups[renamed] ?? ActivitySums()
            mine.tillfallen += sums.tillfallen
            if let d = sums.deltagande { mine.deltagande = (mine.deltagande ?? 0) + d }
            activityGroups[renamed] = mine
        }
    }
}

extension AggregateWriter {
    /// Writes the aktiviteter table, `forbund,insats,period,aktivitet,part,kon,tillfallen,deltagande`, sorted by
    /// every key column in byte order with not-given values (NULL: an empty CSV cell, `null` in JSON) last, as
    /// DuckDB's `order by all` sorts them.
    ///
    /// - Returns: the table's bytes, CSV (`,`, LF, UTF-8) or a JSON array named `aktiviteter`.
    public func aktiviteter(_ format: Format) -> [UInt8] {
        let groups = Array(table.activityGroups)
        /// Rank of each text in byte order (equal texts share a rank).
        func ranks(_ texts: [String]) -> [String: Int] {
            let sorted = Set(texts).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            return Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
        }
        let nameIDs = Set(groups.flatMap { [$0.key.forbund, $0.key.insats] })
        let nameRank = ranks(nameIDs.map(names.name)), periodRank = ranks(groups.map(\.key.period.description))
        let codes = catalogues.aktiviteter.aktiviteter.map(\.code)
        let codeRank = ranks(codes), partRank = ranks(Part.allCases.map(\.code)), konRank = ranks(Kon.allCases.map(\.code))
        func sortKey(_ key: AggregateTable.ActivityKey) -> [Int] {
            // NULL (not given) after every value, as DuckDB's `order by all`.
            [
                nameRank[names.name(key.forbund)]!, nameRank[names.name(key.insats)]!, periodRank[key.period.description]!,
                codeRank[codes[Int(key.aktivitet)]]!, key.part.map { partRank[$0.code]! } ?? Int.max, key.kon.map { konRank[$0.code]! } ?? Int.max,
            ]
        }
        let rows = groups.map { (sort: sortKey($0.key), key: $0.key, sums: $0.value) }.sorted { $0.sort.lexicographicallyPrecedes($1.sort) }
        let header = ["forbund", "insats", "period", "aktivitet", "part", "kon", "tillfallen", "deltagande"]
        /// A cell as this format writes it, made once per distinct value.
        var encoded: [String: String] = [:]
        func cell(_ value: String?) -> String {
            guard let value else { return format == .csv ? "" : "null" }
            if let known = encoded[value] { return known }
            let made =
                format == .json
                ? Self.jsonString(value)
                : value.isEmpty ? "\"\"" : CSVWriter.quoted(CSVWriter.spreadsheetSafe(value), delimiter: ",")
            encoded[value] = made
            return made
        }
        var out = format == .csv ? header.joined(separator: ",") + "\n" : "\"aktiviteter\": ["
        let keys = header.map(Self.jsonString)
        for (i, row) in rows.enumerated() {
            let k = row.key
            let values =
                [names.name(k.forbund), names.name(k.insats), k.period.description, codes[Int(k.aktivitet)], k.part?.code, k.kon?.code].map(cell)
                + [String(row.sums.tillfallen), row.sums.deltagande.map(String.init) ?? (format == .csv ? "" : "null")]
            switch format {
            case .csv: out += values.joined(separator: ",") + "\n"
            case .json: out += (i == 0 ? "\n    {" : ",\n    {") + zip(keys, values).map { "\($0): \($1)" }.joined(separator: ", ") + "}"
            }
        }
        if format == .json { out += rows.isEmpty ? "]" : "\n  ]" }
        return Array(out.utf8)
    }
}
