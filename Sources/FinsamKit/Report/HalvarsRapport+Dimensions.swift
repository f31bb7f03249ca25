/// The background dimensions of the halvårsrapport (DOMAIN §4.5, §8): a table × kön per dimension present in
/// the data, and försörjning före × efter as a cross table of the avslutade, as SUS showed it.
extension HalvarsRapport {
    /// One dimension's counts × kön over the deltagare it applies to (all, or the avslutade).
    public struct DimensionTable: Sendable {
        public var dimension: DimensionCatalogue.Dimension
        /// Per code, in the catalogue's order.
        public var antal: [KonCounts]
        /// Rows of the population without a value in the column.
        public var saknas: KonCounts
    }

    /// Avslutade by försörjning före (rows) and efter (columns): counts over all kön.
    public struct ForsorjningTable: Sendable {
        var fore: DimensionCatalogue.Dimension
        public var efter: DimensionCatalogue.Dimension
        /// `antal[f][e]`: före code `f` (the last index: no value), efter code `e` (likewise).
        public var antal: [[Int]]
        /// The efter codes that mean work or studies (`arbete`, `studier`) present in the catalogue.
        var arbeteStudier: [Int]
    }

    /// The ids of the dimensions the SUS-style cross table pairs.
    static let forsorjningIDs = (fore: "forsorjning_fore", efter: "forsorjning_efter")

    /// The tables of the dimensions besides åldersgrupp that some counted row of `data` has a value for.
    static func dimensionTables(_ data: PeriodData) -> [DimensionTable] {
        let catalogue = data.dataset.catalogues
        let counted = catalogue.avslutsorsaker.avslutsorsaker.map(\.counted)
        let extra = catalogue.dimensioner.extra
        var tables: [DimensionTable] = []
        for (slot, dimension) in extra.enumerated() {
            var antal = Array(repeating: KonCounts(), count: dimension.codes.count), saknas = KonCounts(), present = false
            for record in data.deltagare where record.avslutsorsak < 0 || counted[Int(record.avslutsorsak)] {
                if dimension.appliesTo == .avslutad && record.status != .avslutad { continue }
                if let code = record.dimensions[slot] {
                    antal[code][record.kon] += record.antal
                    present = true
                } else {
                    saknas[record.kon] += record.antal
                }
            }
            if present { tables.append(DimensionTable(dimension: dimension, antal: antal, saknas: saknas)) }
        }
        return tables
    }

    /// Försörjning före × efter of the counted avslutade, when both dimensions are present.
    static func forsorjningTable(_ data: PeriodData, present: [DimensionTable]) -> ForsorjningTable? {
        let catalogue = data.dataset.catalogues
        guard present.contains(where: { $0.dimension.id == forsorjningIDs.fore }),
            present.contains(where: { $0.dimension.id == forsorjningIDs.efter }),
            let f = catalogue.dimensioner.slot(of: forsorjningIDs.fore), let e = catalogue.dimensioner.slot(of: forsorjningIDs.efter)
        else { return nil }
        let fore = catalogue.dimensioner.extra[f], efter = catalogue.dimensioner.extra[e]
        let counted = catalogue.avslutsorsaker.avslutsorsaker.map(\.counted)
        var antal = Array(repeating: Array(repeating: 0, count: efter.codes.count + 1), count: fore.codes.count + 1)
        for record in data.deltagare where record.status == .avslutad && record.avslutsorsak >= 0 && counted[Int(record.avslutsorsak)] {
            antal[record.dimensions[f] ?? fore.codes.count][record.dimensions[e] ?? efter.codes.count] += record.antal
        }
        let moved = ["arbete", "studier"].compactMap { code in efter.codes.firstIndex { $0.code == code } }
        return ForsorjningTable(fore: fore, efter: efter, antal: antal, arbeteStudier: moved)
    }
}
