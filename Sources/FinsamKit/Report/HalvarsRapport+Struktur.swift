/// A strukturinriktad insats in the report (DOMAIN §4.4, §8): what it did in the period, activity by activity.
public struct StrukturInsats: Sendable {
    public var insats: Int32
    public var namn: String
    /// The names a goal's `scope.insats` may use for it: the register's id and namn, and the name in the files.
    var aliases: [String] = []
    /// SEK that falls on the period from the register (half the year's budget for a halvår); `nil` without.
    public var budget: Int?
    public var aktiviteter: [StrukturAktivitet]

    public var tillfallen: Int { aktiviteter.reduce(0) { $0 + $1.tillfallen } }
}

/// One kind of activity of a strukturinriktad insats in the period, its rows added up.
public struct StrukturAktivitet: Sendable {
    public var aktivitet: AktivitetCatalogue.Aktivitet
    public var tillfallen: Int
    /// People who took part, over the rows that told it.
    public var deltagande: Int
    /// Deltagande of the rows that gave a kön.
    public var perKon: KonCounts
    /// Deltagande per part, in ``Part`` order, of the rows that gave a part.
    var perPart: [Int]
    /// Some row gave a deltagande. `deltagande` may be optional in the file: 0 of rows that left it empty is
    /// not "nobody came", and the report shows it as not told.
    var deltagandeTold = false

    /// Deltagande of the rows without kön.
    var utanKon: Int { deltagande - perKon.total }
    /// Deltagande of the rows without part.
    var utanPart: Int { deltagande - perPart.reduce(0, +) }
}

extension HalvarsRapport {
    /// The strukturinriktade insatser of the period: the register's struktur insatser active in it (with or
    /// without activities) and any insats that reported activities, sorted by name.
    static func struktur(_ data: PeriodData) -> [StrukturInsats] {
        let dataset = data.dataset
        let catalogue = dataset.catalogues.aktiviteter
        var byInsats: [Int32: [Int16: StrukturAktivitet]] = [:]
        for row in data.aktiviteter {
            var entry =
                byInsats[row.insats, default: [:]][row.aktivitet]
                ?? StrukturAktivitet(
                    aktivitet: catalogue.aktiviteter[Int(row.aktivitet)], tillfallen: 0, deltagande: 0, perKon: KonCounts(),
                    perPart: Array(repeating: 0, count: Part.allCases.count))
            entry.tillfallen += row.tillfallen
            if let d = row.deltagande {
                entry.deltagandeTold = true
                entry.deltagande += d
                if let kon = row.kon { entry.perKon[kon] += d }
                if let part = row.part { entry.perPart[part.rawValue] += d }
            }
            byInsats[row.insats, default: [:]][row.aktivitet] = entry
        }
        var ids = Set(byInsats.keys)
        var names = NameTable()
        for insats in dataset.register?.insatser ?? [] where insats.typ == .struktur && insats.isActive(in: data.period) {
            // The dataset's id for the insats when rows named it, else a name of its own (it reported nothing).
            if let id = (0..<Int32(dataset.names.count)).first(where: { dataset.name($0) == insats.id }) {
                ids.insert(id)
            } else {
                ids.insert(-1 - names.intern(insats.id))
            }
        }
        func name(_ id: Int32) -> String { id >= 0 ? dataset.name(id) : names.name(-1 - id) }
        return ids.map { id in
            let entry = dataset.register?.insats(named: name(id))
            let aktiviteter = (byInsats[id] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
            var insats = StrukturInsats(insats: id, namn: entry?.namn ?? name(id), budget: entry?.budget(for: data.period), aktiviteter: aktiviteter)
            insats.aliases = [name(id)] + (entry.map { [$0.id, $0.namn] } ?? [])
            return insats
        }.sorted { $0.namn < $1.namn }
    }
}

extension Dataset {
    /// The year's total `deltagande` per strukturinriktad insats, from its aktiviteter rows (both halvår and
    /// any helår rows of `year`): what Uppföljning Finsam asks as "antal deltagare totalt" for a
    /// strukturinriktad insats (DOMAIN §8).
    ///
    ///     dataset.strukturDeltagande(year: 2017)  // ["kompetens": 172, "styrning": 27]
    ///
    /// - Parameter forbund: the förbund's id or name in the data; `nil` for all.
    /// - Returns: per insats (the register's id when a register was given, else the name in the files), the
    ///   sum of `deltagande` of rows that told it. An insats whose rows leave deltagande empty is absent: its
    ///   deltagande is not told, which Uppföljning Finsam must not read as 0 people.
    func strukturDeltagande(year: Int, forbund: String? = nil) -> [String: Int] {
        var totals: [String: Int] = [:]
        let wanted = forbund.map(TextFolding.fold)
        let isRegisters = forbund.map { register?.names($0) == true } ?? false
        for row in aktiviteter where row.period.year == year && (isRegisters || wanted.map { TextFolding.fold(name(row.forbund)) == $0 } ?? true) {
            if let deltagande = row.deltagande { totals[name(row.insats), default: 0] += deltagande }
        }
        return totals
    }
}
