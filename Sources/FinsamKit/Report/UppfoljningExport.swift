import Foundation

/// What a förbundsadministratör enters in Försäkringskassan's Uppföljning Finsam for a year (DOMAIN §8):
/// one `forbund` row (tilldelade medel, administration, eget kapital), then one `insats` row per insats of the
/// register active in the year (inriktning, målgrupp, budget, utfall, budgeterat antal, and deltagare per kön
/// for an individinriktad insats, each counted once over the year, or in total for a strukturinriktad one).
///
/// It is the kansli's own registration, not a publication: its counts are **not** protected, and both
/// formats say so (the CSV on standard error, since a comment line would break it in Excel).
///
///     let export = UppfoljningExport.make(dataset: dataset, register: register, year: 2021)
///     let csv = export.csv()
public struct UppfoljningExport: Sendable {
    public struct Row: Sendable, Hashable, Encodable {
        var niva: String
        public var id: String
        public var namn: String
        var inriktning: String?
        public var malgrupp: String?
        public var budget: Int?
        public var utfall: Int?
        var budgeteratAntal: Int?
        public var kvinnor: Int?
        var man: Int?
        public var annat: Int?
        var totalt: Int?
        var tilldeladeMedel: Int?
        var administrationBudget: Int?
        var administrationUtfall: Int?
        var egetKapital: Int?

        enum CodingKeys: String, CodingKey {
            case niva, id, namn, inriktning, malgrupp, budget, utfall, budgeteratAntal = "budgeterat_antal", kvinnor, man, annat, totalt
            case tilldeladeMedel = "tilldelade_medel", administrationBudget = "administration_budget"
            case administrationUtfall = "administration_utfall", egetKapital = "eget_kapital"
        }

        /// The cells in the header's order, empty where there is no figure.
        var cells: [String] {
            let numbers = [
                budget, utfall, budgeteratAntal, kvinnor, man, annat, totalt, tilldeladeMedel, administrationBudget,
                administrationUtfall, egetKapital,
            ].map { $0.map(String.init) ?? "" }
            return [niva, id, namn, inriktning ?? "", malgrupp ?? ""] + numbers
        }
    }

    public static let header = [
        "niva", "id", "namn", "inriktning", "malgrupp", "budget", "utfall", "budgeterat_antal", "kvinnor", "man", "annat", "totalt",
        "tilldelade_medel", "administration_budget", "administration_utfall", "eget_kapital",
    ]

    /// What the export says about itself, in both formats.
    public static let notice = "Uppföljning Finsam: kansliets underlag för registrering, inte för publicering — små antal visas oskyddade."

    public var year: Int
    public var rows: [Row]

    /// The export of `year` from `dataset` and the förbund's `register`: a strukturinriktad insats's `totalt`
    /// is the year's deltagande from its aktiviteter (``Dataset/strukturDeltagande(year:forbund:)``).
    public static func make(dataset: Dataset, register: Register, year: Int) -> UppfoljningExport {
        let period = Period(year: year, half: nil)
        let economy = register.economy
        var rows = [
            Row(
                niva: "forbund", id: register.id, namn: register.namn,
                tilldeladeMedel: economy.tilldeladeMedel?[String(year)],
                administrationBudget: Register.amount(economy.administration?.budget, for: period)?.amount,
                administrationUtfall: Register.amount(economy.administration?.utfall, for: period)?.amount,
                egetKapital: register.egetKapital(atEndOf: period)?.amount)
        ]
        // Over the year each deltagare counts once (the helår rule of ``PeriodData``).
        let data = PeriodData(dataset: dataset, period: period, forbund: nil)
        var perKon: [String: KonCounts] = [:]
        for record in data.deltagare where dataset.catalogues.avslutsorsaker.counts(record) {
            perKon[data.name(record.insats), default: KonCounts()][record.kon] += record.antal
        }
        let struktur = dataset.strukturDeltagande(year: year, forbund: register.id)
        for insats in register.insatser where insats.isActive(in: period) {
            var row = Row(
                niva: "insats", id: insats.id, namn: insats.namn, inriktning: insats.inriktning, malgrupp: insats.malgrupp,
                budget: Register.amount(insats.budget, for: period)?.amount, utfall: Register.amount(insats.utfall, for: period)?.amount,
                budgeteratAntal: insats.planeratAntal?[String(year)])
            switch insats.typ {
            case .individ:
                let counts = perKon[insats.id] ?? KonCounts()
                (row.kvinnor, row.man, row.annat, row.totalt) = (counts[.kvinna], counts[.man], counts[.annat], counts.total)
            case .struktur:
                row.totalt = struktur[insats.id]
            }
            rows.append(row)
        }
        return UppfoljningExport(year: year, rows: rows)
    }

    /// CSV for Excel: UTF-8 with BOM, `;`, CRLF, the header then one row per line. Text cells are quoted
    /// when needed and kept from being read as formulas.
    public func csv() -> [UInt8] {
        var text = Self.header.joined(separator: ";") + "\r\n"
        for row in rows {
            text += row.cells.enumerated().map { i, cell in i < 5 ? CSVWriter.quoted(excelCell: cell) : cell }.joined(separator: ";") + "\r\n"
        }
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// JSON: `{"ar", "oskyddad": true, "anmarkning", "rader": [...]}`; a missing figure is `null`.
    public func json() -> String {
        struct Document: Encodable {
            var ar: Int
            var oskyddad = true
            var anmarkning = UppfoljningExport.notice
            var rader: [Row]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(ar: year, rader: rows)
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension UppfoljningExport.Row {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(niva, forKey: .niva)
        try c.encode(id, forKey: .id)
        try c.encode(namn, forKey: .namn)
        try c.encode(inriktning, forKey: .inriktning)
        try c.encode(malgrupp, forKey: .malgrupp)
        try c.encode(budget, forKey: .budget)
        try c.encode(utfall, forKey: .utfall)
        try c.encode(budgeteratAntal, forKey: .budgeteratAntal)
        try c.encode(kvinnor, forKey: .kvinnor)
        try c.encode(man, forKey: .man)
        try c.encode(annat, forKey: .annat)
        try c.encode(totalt, forKey: .totalt)
        try c.encode(tilldeladeMedel, forKey: .tilldeladeMedel)
        try c.encode(administrationBudget, forKey: .administrationBudget)
        try c.encode(administrationUtfall, forKey: .administrationUtfall)
        try c.encode(egetKapital, forKey: .egetKapital)
    }
}
