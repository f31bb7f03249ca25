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
        let codes = catalogues.aktiviteter.aktiviteter.map(\.code)
        func text(_ key: AggregateTable.ActivityKey) -> [String?] {
            [names.name(key.forbund), names.name(key.insats), key.period.description, codes[Int(key.aktivitet)], key.part?.code, key.kon?.code]
        }
        /// Byte order, NULL after every value.
        func precedes(_ a: [String?], _ b: [String?]) -> Bool {
            for (x, y) in zip(a, b) where x != y {
                guard let x else { return false }
                guard let y else { return true }
                return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
            }
            return false
        }
        let rows = table.activityGroups.map { (text($0.key), $0.value) }.sorted { precedes($0.0, $1.0) }
        let header = ["forbund", "insats", "period", "aktivitet", "part", "kon", "tillfallen", "deltagande"]
        var out: String
        switch format {
        case .csv:
            out = header.joined(separator: ",") + "\n"
            for (keys, sums) in rows {
                let cells = keys.map { $0.map { $0.isEmpty ? "\"\"" : CSVWriter.quoted(CSVWriter.spreadsheetSafe($0), delimiter: ",") } ?? "" }
                out += (cells + [String(sums.tillfallen), sums.deltagande.map(String.init) ?? ""]).joined(separator: ",") + "\n"
            }
        case .json:
            out = "\"aktiviteter\": ["
            for (i, (keys, sums)) in rows.enumerated() {
                let values = keys.map { $0.map(Self.jsonString) ?? "null" } + [String(sums.tillfallen), sums.deltagande.map(String.init) ?? "null"]
                out += (i == 0 ? "\n    {" : ",\n    {") + zip(header, values).map { "\(Self.jsonString($0)): \($1)" }.joined(separator: ", ") + "}"
            }
            out += rows.isEmpty ? "]" : "\n  ]"
        }
        return Array(out.utf8)
    }
}
