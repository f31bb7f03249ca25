import Foundation

/// A förbund's register of insatser (DOMAIN §5.1), `forbund.json`: which insatser should report, of which
/// kind, over which halvår, and with what budget. With it, files naming unknown insatser are errors,
/// `status` knows what is missing and reports can show kostnad per deltagare.
///
///     let register = try Register.load(from: "forbund.json")
///     var decoder = RecordDecoder(catalogues: .builtIn, register: register)
public struct Register: Sendable, Codable {
    public enum Typ: String, Sendable, CodedEnum {
        case individ, struktur
    }

    public struct Insats: Sendable, Codable, Hashable {
        public var id: String
        public var namn: String
        public var typ: Typ
        var forstaHalvar: Period
        var sistaHalvar: Period?
        /// SEK per år (`"2023": 2203500`) or, in version 2, per halvår (`"2023H2": 1100000`).
        public var budget: [String: Int]?
        // Version 2 (DOMAIN §5.1): see `Register+Economy.swift`.
        /// Actual cost in SEK, keyed as `budget`.
        public var utfall: [String: Int]?
        /// Budgeterat antal deltagare per år (`"2023": 40`).
        var planeratAntal: [String: Int]?
        /// Målgrupp and inriktning in the förbund's words (Uppföljning Finsam's fields).
        public var malgrupp: String?
        var inriktning: String?

        enum CodingKeys: String, StrictCodingKey {
            case id, namn, typ, forstaHalvar, sistaHalvar, budget
            case utfall, planeratAntal, malgrupp, inriktning
        }

        /// Whether the insats runs during (part of) `period`.
        public func isActive(in period: Period) -> Bool {
            let first = forstaHalvar.half == nil ? Period(year: forstaHalvar.year, half: 1) : forstaHalvar
            let last = sistaHalvar.map { $0.half == nil ? Period(year: $0.year, half: 2) : $0 }
            let halves = period.half == nil ? [Period(year: period.year, half: 1), Period(year: period.year, half: 2)] : [period]
            return halves.contains { half in half >= first && (last.map { half <= $0 } ?? true) }
        }

        /// The budget that falls on `period` (``Register/amount(_:for:)``).
        public func budget(for period: Period) -> Int? { Register.amount(budget, for: period)?.amount }
    }

    public var version: Int
    public var id: String
    public var namn: String
    public var insatser: [Insats]
    /// When each halvår's files are due (version 2).
    public var rapportering: Rapportering?
    /// Version 2, förbund level (DOMAIN §5.1): see `Register+Economy.swift`.
    var economy = Economy()
    /// Version 2: the kansli's own deadlines (delårsrapport, årsredovisning, verksamhetsplan), `Register+Kansliet.swift`.
    public var kansliet: [KanslietsUppgift]?
    /// Version 2: the member kommuner, the organisations activities are held with, and the kansli's
    /// milestones (`Register+Verksamhet.swift`).
    public var kommuner: [String]?
    public var organisationer: [Organisation]?
    public var milstolpar: [Milstolpe]?

    /// The register versions finsam reads: 1, and 2 for the fields added in DOMAIN §5.1.
    static let versions = [1, 2]

    /// Every key a register may have: the one list, so a new key is one line here (and its decoding).
    enum CodingKeys: String, StrictCodingKey {
        case schema = "$schema", version, id, namn, insatser
        case tilldeladeMedel, administration, egetKapital, egetKapitalGranser, rapportering
        case ekonomiUppfoljning, kansliet, kommuner, organisationer, milstolpar
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        id = try c.decode(String.self, forKey: .id)
        namn = try c.decode(String.self, forKey: .namn)
        insatser = try c.decode([Insats].self, forKey: .insatser)
        rapportering = try c.decodeIfPresent(Rapportering.self, forKey: .rapportering)
        kansliet = try c.decodeIfPresent([KanslietsUppgift].self, forKey: .kansliet)
        kommuner = try c.decodeIfPresent([String].self, forKey: .kommuner)
        organisationer = try c.decodeIfPresent([Organisation].self, forKey: .organisationer)
        milstolpar = try c.decodeIfPresent([Milstolpe].self, forKey: .milstolpar)
        economy = try Economy(from: c)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(id, forKey: .id)
        try c.encode(namn, forKey: .namn)
        try c.encode(insatser, forKey: .insatser)
        try c.encodeIfPresent(rapportering, forKey: .rapportering)
        try c.encodeIfPresent(kansliet, forKey: .kansliet)
        try c.encodeIfPresent(kommuner, forKey: .kommuner)
        try c.encodeIfPresent(organisationer, forKey: .organisationer)
        try c.encodeIfPresent(milstolpar, forKey: .milstolpar)
        try economy.encode(to: &c)
    }

    /// Whether `text` (an id or a name, as typed in a file or on the command line) names this förbund.
    public func names(_ text: String) -> Bool {
        let folded = TextFolding.fold(text)
        return folded == TextFolding.fold(id) || folded == TextFolding.fold(namn)
    }

    /// `key` with its förbund and insats as this register's ids where it knows them (by id or by name), so
    /// that a unit named as a file named it before the register was given, and the same unit named by id
    /// since, are one unit.
    public func canonical(_ key: NamedKey) -> NamedKey {
        NamedKey(forbund: names(key.forbund) ? id : key.forbund, insats: insats(named: key.insats)?.id ?? key.insats, period: key.period)
    }

    /// The insats a file's `insats` cell means, by id or by name.
    public func insats(named text: String) -> Insats? {
        let folded = TextFolding.fold(text)
        return insatser.first { TextFolding.fold($0.id) == folded || TextFolding.fold($0.namn) == folded }
    }

    /// The largest budget finsam takes for one insats and year: a thousand million kronor, a hundred times
    /// the largest förbund's whole allocation, and small enough that every sum and product of budgets and
    /// counts stays far inside `Int`.
    static let maximumBudget = 1_000_000_000_000

    /// Reads and checks a register strictly: what `--register` and the store's `forbund.json` go through.
    /// Unknown keys, wrong types and every check of ``problems(file:)`` are reported at their place.
    ///
    /// - Returns: the register.
    /// - Throws: ``ValidationFailure`` with every problem of the file.
    public static func load(from path: String) throws(ValidationFailure) -> Register {
        let (register, document) = try JSONFile.document(Register.self, from: path)
        let problems = JSONFile.locating(register.problems(file: JSONFile.displayName(path)), in: document).sorted()
        guard problems.isEmpty else { throw ValidationFailure(StrictDecoder.capped(problems, file: problems[0].file)) }
        return register
    }

    /// Everything wrong with the register that decoding does not catch, each message starting with the
    /// path of the value it is about (`insatser[2].budget.2023: …`), which ``JSONFile/locating(_:in:)`` turns
    /// into a line and column.
    ///
    /// Ids and names are compared as files' cells are (``TextFolding``, after Unicode NFC), and every id and
    /// name must mean one insats: an `id` equal to another insats's `namn` would send that insats's rows to
    /// the wrong one depending on the order of the list.
    public func problems(file: String) -> [Problem] {
        var problems: [Problem] = []
        func problem(_ path: String, _ message: String) {
            problems.append(Problem(file: file, position: nil, message: "\(path): \(message)"))
        }
        if !Self.versions.contains(version) { problem("version", "väntade 1 eller 2, fann \(version)") }
        if let rapportering {
            if version < 2 { problem("rapportering", "fältet hör till version 2 av registret: skriv \"version\": 2 överst") }
            for message in rapportering.problems() { problems.append(Problem(file: file, position: nil, message: message)) }
        }
        problems += economyProblems(file: file)
        for (path, message) in uppfoljningProblems() + kanslietProblems() + verksamhetProblems() { problem(path, message) }
        if version < 2, kansliet != nil { problem("kansliet", "fältet hör till version 2 av registret: skriv \"version\": 2 överst") }
        /// Which insats (index, and whether by its id) each folded id and name means.
        var owners: [String: (insats: Int, isID: Bool)] = [:]
        for (i, insats) in insatser.enumerated() {
            let id = TextFolding.fold(insats.id)
            if id.isEmpty {
                problem("insatser[\(i)].id", "väntade ett id (som kt-ronneby), fann en tom text")
            } else if let owner = owners[id] {
                problem("insatser[\(i)].id", "insatsen \"\(insats.id)\" finns redan (insatser[\(owner.insats)].id); ge varje insats ett eget id")
            } else {
                owners[id] = (i, true)
            }
        }
        for (i, insats) in insatser.enumerated() {
            let namn = TextFolding.fold(insats.namn)
            guard let owner = owners[namn] else {
                owners[namn] = (i, false)
                continue
            }
            guard owner.insats != i else { continue }  // an insats may be named as its id
            let other = "insatser[\(owner.insats)].\(owner.isID ? "id" : "namn")"
            problem(
                "insatser[\(i)].namn",
                "väntade ett namn som ingen annan insats har som id eller namn, fann \"\(insats.namn)\" som redan är \(other) — "
                    + "en fil som skriver det vet inte vilken insats den menar; byt namn eller id")
        }
        for (i, insats) in insatser.enumerated() {
            if let last = insats.sistaHalvar, last < insats.forstaHalvar {
                problem("insatser[\(i)].sistaHalvar", "väntade \(insats.forstaHalvar) eller senare, fann \(last)")
            }
            for year in (insats.budget ?? [:]).keys.sorted() where Self.periodKey(year, halves: version >= 2) == nil {
                problem(
                    "insatser[\(i)].budget",
                    version >= 2
                        ? "väntade ett år som \"2023\" eller ett halvår som \"2023H2\", fann \"\(year)\""
                        : "väntade ett år som \"2023\", fann \"\(year)\""
                            + (Self.periodKey(year, halves: true) != nil ? " (budget per halvår kräver \"version\": 2)" : ""))
            }
            for (year, amount) in (insats.budget ?? [:]).sorted(by: { $0.key < $1.key }) where !(0...Self.maximumBudget).contains(amount) {
                problem(
                    "insatser[\(i)].budget.\(year)",
                    "väntade en budget i kronor från 0 till 1 000 000 000 000, fann \(amount)"
                        + (amount < 0 ? " (ett negativt belopp); skriv årets budget utan minustecken" : "; skriv årets budget i hela kronor"))
            }
        }
        for (path, text) in [("id", id), ("namn", namn)]
            + insatser.indices.flatMap({ i in
                [("insatser[\(i)].id", insatser[i].id), ("insatser[\(i)].namn", insatser[i].namn)]
            })
        {
            if let match = PersonalDataDetector.firstMatch(in: text) {
                problem(path, "väntade inga personuppgifter, fann något som ser ut som \(match.kind.description); ta bort uppgiften ur registret")
            } else if let (i, scalar) = text.unicodeScalars.enumerated().first(where: { RecordDecoder.isInvisible($0.element) }) {
                // A file cannot name it: its cells with such characters are refused.
                problem(
                    path,
                    "väntade synliga tecken, fann det osynliga tecknet \(RecordDecoder.describeInvisible(scalar)) som tecken \(i + 1); "
                        + "skriv texten på nytt utan det")
            }
        }
        return problems.sorted()
    }
}
