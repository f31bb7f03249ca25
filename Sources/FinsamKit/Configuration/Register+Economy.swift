/// Version 2 of the register (DOMAIN §5.1): money and volume. Per insats `budget` and `utfall` per år or
/// halvår and `planeratAntal` per år (with `malgrupp` and `inriktning`); per förbund `tilldeladeMedel` per år,
/// `administration` (`budget`, `utfall`, keyed like an insats's budget), `egetKapital` per date and its limits
/// `egetKapitalGranser`. What the report's Volym och ekonomi section and the Uppföljning Finsam export read.
extension Register {
    /// The förbund-level figures of a version 2 register.
    public struct Economy: Sendable, Hashable {
        var tilldeladeMedel: [String: Int]?
        var administration: Administration?
        /// Eget kapital in SEK per date (`"2023-12-31": 2100000`).
        var egetKapital: [String: Int]?
        var egetKapitalGranser: Granser?
        /// Per date of report, the year's costs so far and its forecast (`Register+Uppfoljning.swift`).
        var ekonomiUppfoljning: [String: EkonomiUppfoljning]?

        public init() {}

        init(from c: KeyedDecodingContainer<CodingKeys>) throws {
            tilldeladeMedel = try c.decodeIfPresent([String: Int].self, forKey: .tilldeladeMedel)
            administration = try c.decodeIfPresent(Administration.self, forKey: .administration)
            egetKapital = try c.decodeIfPresent([String: Int].self, forKey: .egetKapital)
            egetKapitalGranser = try c.decodeIfPresent(Granser.self, forKey: .egetKapitalGranser)
            ekonomiUppfoljning = try c.decodeIfPresent([String: EkonomiUppfoljning].self, forKey: .ekonomiUppfoljning)
        }

        func encode(to c: inout KeyedEncodingContainer<CodingKeys>) throws {
            try c.encodeIfPresent(tilldeladeMedel, forKey: .tilldeladeMedel)
            try c.encodeIfPresent(administration, forKey: .administration)
            try c.encodeIfPresent(egetKapital, forKey: .egetKapital)
            try c.encodeIfPresent(egetKapitalGranser, forKey: .egetKapitalGranser)
            try c.encodeIfPresent(ekonomiUppfoljning, forKey: .ekonomiUppfoljning)
        }

        var isEmpty: Bool { self == Economy() }
    }

    public struct Administration: Sendable, Codable, Hashable {
        public var budget: [String: Int]?
        public var utfall: [String: Int]?

        enum CodingKeys: String, StrictCodingKey { case budget, utfall }
    }

    public struct Granser: Sendable, Codable, Hashable {
        public var min: Int?
        public var max: Int?

        enum CodingKeys: String, StrictCodingKey { case min, max }
    }

    /// An amount that falls on a period, and whether a halvår's figure is half of its year's.
    public struct Amount: Sendable, Hashable {
        public var amount: Int
        /// A halvår without its own figure: half the year's (rounded down), which the report says.
        var halfOfYear: Bool
    }

    /// What `amounts` (keyed `"2023"` or `"2023H2"`) give `period`: a halvår its own figure, else half of its
    /// year's; a year its own figure, else the sum of its halvår's. `nil` when nothing is given.
    public static func amount(_ amounts: [String: Int]?, for period: Period) -> Amount? {
        guard let amounts else { return nil }
        let year = String(period.year)
        if let half = period.half {
            if let own = amounts["\(year)H\(half)"] { return Amount(amount: own, halfOfYear: false) }
            return amounts[year].map { Amount(amount: $0 / 2, halfOfYear: true) }
        }
        if let own = amounts[year] { return Amount(amount: own, halfOfYear: false) }
        let halves = [1, 2].compactMap { amounts["\(year)H\($0)"] }
        return halves.isEmpty ? nil : Amount(amount: halves.reduce(0, +), halfOfYear: false)
    }

    /// The period a budget key names: a year `"2023"` or, when `halves`, a halvår `"2023H2"`; `nil` otherwise.
    static func periodKey(_ key: String, halves: Bool) -> Period? {
        guard key.count == 4 || (halves && key.count == 6), let period = Period(key), (1990...2099).contains(period.year),
            period.description == key
        else { return nil }
        return period
    }

    /// Eget kapital at the last date given on or before the end of `period`, with its date.
    func egetKapital(atEndOf period: Period) -> (date: String, amount: Int)? {
        let end = "\(period.year)-\(period.half == 1 ? "06-30" : "12-31")"
        return economy.egetKapital?.filter { $0.key <= end }.max { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The version 2 checks: keys, amounts and limits; and no version 2 field in a version 1 file.
    func economyProblems(file: String) -> [Problem] {
        var problems: [Problem] = []
        func problem(_ path: String, _ message: String) { problems.append(Problem(file: file, position: nil, message: "\(path): \(message)")) }
        func amounts(_ values: [String: Int]?, at path: String, halves: Bool, what: String) {
            for (key, amount) in (values ?? [:]).sorted(by: { $0.key < $1.key }) {
                if Self.periodKey(key, halves: halves) == nil {
                    problem("\(path)", "väntade ett år som \"2023\"" + (halves ? " eller ett halvår som \"2023H2\"" : "") + ", fann \"\(key)\"")
                }
                if !(0...Self.maximumBudget).contains(amount) {
                    problem("\(path).\(key)", "väntade \(what) från 0 till 1 000 000 000 000, fann \(amount)")
                }
            }
        }
        var v2: [String] = []
        for (i, insats) in insatser.enumerated() {
            amounts(insats.utfall, at: "insatser[\(i)].utfall", halves: true, what: "ett utfall i kronor")
            amounts(insats.planeratAntal, at: "insatser[\(i)].planeratAntal", halves: false, what: "ett antal deltagare")
            if insats.utfall != nil { v2.append("insatser[\(i)].utfall") }
            if insats.planeratAntal != nil { v2.append("insatser[\(i)].planeratAntal") }
            if insats.malgrupp != nil { v2.append("insatser[\(i)].malgrupp") }
            if insats.inriktning != nil { v2.append("insatser[\(i)].inriktning") }
        }
        amounts(economy.tilldeladeMedel, at: "tilldeladeMedel", halves: false, what: "ett belopp i kronor")
        amounts(economy.administration?.budget, at: "administration.budget", halves: true, what: "en budget i kronor")
        amounts(economy.administration?.utfall, at: "administration.utfall", halves: true, what: "ett utfall i kronor")
        for (date, amount) in (economy.egetKapital ?? [:]).sorted(by: { $0.key < $1.key }) {
            let parts = date.split(separator: "-")
            if !(parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
                && parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
                && (1...12).contains(Int(parts[1])!) && (1...31).contains(Int(parts[2])!))
            {
                problem("egetKapital", "väntade ett datum som \"2023-12-31\", fann \"\(date)\"")
            }
            if abs(amount) > Self.maximumBudget {
                problem("egetKapital.\(date)", "väntade ett belopp i kronor, högst 1 000 000 000 000, fann \(amount)")
            }
        }
        if let g = economy.egetKapitalGranser, let min = g.min, let max = g.max, min > max {
            problem("egetKapitalGranser", "väntade min högst lika med max, fann min \(min) och max \(max)")
        }
        if !economy.isEmpty {
            v2 += ["tilldeladeMedel", "administration", "egetKapital", "egetKapitalGranser", "ekonomiUppfoljning"].filter { key in
                switch key {
                case "tilldeladeMedel": economy.tilldeladeMedel != nil
                case "administration": economy.administration != nil
                case "egetKapital": economy.egetKapital != nil
                case "ekonomiUppfoljning": economy.ekonomiUppfoljning != nil
                default: economy.egetKapitalGranser != nil
                }
            }
        }
        if version == 1, let first = v2.first {
            problem(first, "fältet hör till version 2 av registret: skriv \"version\": 2 överst")
        }
        return problems
    }
}
