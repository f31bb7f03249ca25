/// A förbund's register of insatser (DOMAIN §5.1), `forbund.json`: which insatser should report, of which
/// kind, over which halvår, and with what budget. With it, files naming unknown insatser are errors,
/// `status` knows what is missing and reports can show kostnad per deltagare.
public struct Register: Sendable, Codable {
    public enum Typ: String, Sendable, CodedEnum {
        case individ, struktur
    }

    public struct Insats: Sendable, Codable, Hashable {
        public var id: String
        public var namn: String
        public var typ: Typ
        public var forstaHalvar: Period
        public var sistaHalvar: Period?
        /// SEK per år, keyed by year (`"2023": 2203500`).
        public var budget: [String: Int]?

        enum CodingKeys: String, StrictCodingKey { case id, namn, typ, forstaHalvar, sistaHalvar, budget }

        /// Whether the insats runs during (part of) `period`.
        public func isActive(in period: Period) -> Bool {
            let first = forstaHalvar.half == nil ? Period(year: forstaHalvar.year, half: 1) : forstaHalvar
            let last = sistaHalvar.map { $0.half == nil ? Period(year: $0.year, half: 2) : $0 }
            let halves = period.half == nil ? [Period(year: period.year, half: 1), Period(year: period.year, half: 2)] : [period]
            return halves.contains { half in half >= first && (last.map { half <= $0 } ?? true) }
        }

        /// The budget that falls on `period`: the year's budget, or half of it for a halvår.
        public func budget(for period: Period) -> Int? {
            guard let yearly = budget?[String(period.year)] else { return nil }
            return period.half == nil ? yearly : yearly / 2
        }
    }

    public var version: Int
    public var id: String
    public var namn: String
    public var insatser: [Insats]

    enum CodingKeys: String, StrictCodingKey { case schema = "$schema", version, id, namn, insatser }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        id = try c.decode(String.self, forKey: .id)
        namn = try c.decode(String.self, forKey: .namn)
        insatser = try c.decode([Insats].self, forKey: .insatser)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(id, forKey: .id)
        try c.encode(namn, forKey: .namn)
        try c.encode(insatser, forKey: .insatser)
    }

    /// Whether `text` (an id or a name, as typed in a file or on the command line) names this förbund.
    public func names(_ text: String) -> Bool {
        let folded = TextFolding.fold(text)
        return folded == TextFolding.fold(id) || folded == TextFolding.fold(namn)
    }

    /// The insats a file's `insats` cell means, by id or by name.
    public func insats(named text: String) -> Insats? {
        let folded = TextFolding.fold(text)
        return insatser.first { TextFolding.fold($0.id) == folded || TextFolding.fold($0.namn) == folded }
    }

    public func problems(file: String) -> [Problem] {
        var problems: [Problem] = []
        if version != 1 {
            problems.append(Problem(file: file, position: nil, message: "version: väntade 1, fann \(version)"))
        }
        var seen = Set<String>()
        for (i, insats) in insatser.enumerated() {
            if !seen.insert(TextFolding.fold(insats.id)).inserted {
                problems.append(Problem(file: file, position: nil, message: "insatser[\(i)].id: insatsen \"\(insats.id)\" finns redan"))
            }
            for year in (insats.budget ?? [:]).keys.sorted() where !(year.count == 4 && Int(year).map { (1990...2099).contains($0) } == true) {
                problems.append(Problem(file: file, position: nil, message: "insatser[\(i)].budget: väntade ett år som \"2023\", fann \"\(year)\""))
            }
            if let last = insats.sistaHalvar, last < insats.forstaHalvar {
                problems.append(Problem(file: file, position: nil, message:
                    "insatser[\(i)].sistaHalvar: väntade \(insats.forstaHalvar) eller senare, fann \(last)"))
            }
        }
        return problems
    }
}
