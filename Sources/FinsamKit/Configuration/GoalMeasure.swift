/// What a goal measures (DOMAIN §5): a share of avslutade, of survey forms, of deltagare or of those followed
/// up after avslut; a count; the change of a share against a baseline period; the coverage of the register's
/// kommuner or organisations by activities; or a milestone of the kansli. Decoded from `"type"` and then
/// strictly from the measure's own keys.
public indirect enum GoalMeasure: Sendable, Codable, Hashable {
    case exitShare(ExitShare)
    case surveyShare(SurveyShare)
    case deltagarShare(DeltagarShare)
    case count(Count)
    case change(Change)
    case uppfoljningShare(UppfoljningShare)
    case coverage(Coverage)
    case milestone(Milestone)

    private enum TypeKey: String, CodingKey { case type }
    public enum Kind: String, CodedEnum { case exitShare, surveyShare, deltagarShare, count, change, uppfoljningShare, coverage, milestone }

    public init(from decoder: any Decoder) throws {
        switch try decoder.container(keyedBy: TypeKey.self).decode(Kind.self, forKey: .type) {
        case .exitShare: self = .exitShare(try ExitShare(from: decoder))
        case .surveyShare: self = .surveyShare(try SurveyShare(from: decoder))
        case .deltagarShare: self = .deltagarShare(try DeltagarShare(from: decoder))
        case .count: self = .count(try Count(from: decoder))
        case .change: self = .change(try Change(from: decoder))
        case .uppfoljningShare: self = .uppfoljningShare(try UppfoljningShare(from: decoder))
        case .coverage: self = .coverage(try Coverage(from: decoder))
        case .milestone: self = .milestone(try Milestone(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeKey.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .exitShare(let m): try m.encode(to: encoder)
        case .surveyShare(let m): try m.encode(to: encoder)
        case .deltagarShare(let m): try m.encode(to: encoder)
        case .count(let m): try m.encode(to: encoder)
        case .change(let m): try m.encode(to: encoder)
        case .uppfoljningShare(let m): try m.encode(to: encoder)
        case .coverage(let m): try m.encode(to: encoder)
        case .milestone(let m): try m.encode(to: encoder)
        }
    }

    public var type: Kind {
        switch self {
        case .exitShare: .exitShare
        case .surveyShare: .surveyShare
        case .deltagarShare: .deltagarShare
        case .count: .count
        case .change: .change
        case .uppfoljningShare: .uppfoljningShare
        case .coverage: .coverage
        case .milestone: .milestone
        }
    }

    /// The kind of figure the measure gives. A coverage and a milestone are whole numbers (units covered, done
    /// or not) with a verdict on the whole, as a count is.
    public var kind: GoalKind {
        switch self {
        case .exitShare, .surveyShare, .deltagarShare, .uppfoljningShare: .share
        case .count, .coverage, .milestone: .count
        case .change: .change
        }
    }

    /// Whether the measure counts survey forms (which carry no `ny`).
    var countsForms: Bool {
        switch self {
        case .surveyShare: true
        case .count(let m): m.of == .formular
        case .change(let m): m.of.countsForms
        default: false
        }
    }

    /// Whether the measure counts occasions (`of: tillfallen`), kommuner or organisations covered, or a
    /// milestone done: no person is behind such a count, so small-cell protection does not apply to it.
    var countsOccasions: Bool {
        switch self {
        case .count(let m): m.of == .tillfallen
        case .coverage, .milestone: true
        default: false
        }
    }

    /// Whether the measure is the change of a count ("öka antalet …"): a difference in whole numbers, with
    /// no interval, since a count of everyone is no sample.
    public var isCountChange: Bool {
        if case .change(let m) = self { return m.of.kind == .count }
        return false
    }

    /// Whether the measure says where something stands rather than counting what happened in a halvår: a
    /// coverage or a milestone, which the trend table leaves out.
    public var isStanding: Bool {
        switch self {
        case .coverage, .milestone: true
        default: false
        }
    }

    /// Whether the measure counts activities (`of: tillfallen` or `deltagande`, or a coverage), which carry
    /// no deltagare.
    var countsActivities: Bool {
        switch self {
        case .count(let m): m.of.isActivity
        case .coverage: true
        default: false
        }
    }

    /// Share of avslutade deltagare who made a stegförflyttning.
    public struct ExitShare: Sendable, Codable, Hashable {
        /// The avslutsorsaker that count as stegförflyttning; when absent, the catalogue's defaults.
        /// A row's own `stegforflyttning` cell overrides both.
        var stegforflyttning: [String]?
        /// Avslutsorsaker left out of the denominator; when absent, those the catalogue marks so.
        var excludeFromDenominator: [String]?

        public init(stegforflyttning: [String]? = nil, excludeFromDenominator: [String]? = nil) {
            self.stegforflyttning = stegforflyttning
            self.excludeFromDenominator = excludeFromDenominator
        }

        enum CodingKeys: String, StrictCodingKey { case type, stegforflyttning, excludeFromDenominator }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            stegforflyttning = try c.decodeIfPresent([String].self, forKey: .stegforflyttning)
            excludeFromDenominator = try c.decodeIfPresent([String].self, forKey: .excludeFromDenominator)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(stegforflyttning, forKey: .stegforflyttning)
            try c.encodeIfPresent(excludeFromDenominator, forKey: .excludeFromDenominator)
        }
    }

    /// Share of survey forms whose answers to the listed questions are positive.
    public struct SurveyShare: Sendable, Codable, Hashable {
        public enum Combine: String, Sendable, CodedEnum {
            /// Every answered listed question is positive.
            case all
            /// At least one answered listed question is positive.
            case any
            /// The mean of the answered listed questions is at or above `positiveFrom`.
            case mean
        }

        /// One enkät id or a list (`"enkat": "deltagare-avslut"` or `["deltagare-pagaende", …]`).
        public var enkat: [String]
        var questions: [String]
        var positiveFrom: Double
        var combine: Combine

        enum CodingKeys: String, StrictCodingKey { case type, enkat, questions, positiveFrom, combine }

        public init(enkat: [String], questions: [String], positiveFrom: Double, combine: Combine) {
            self.enkat = enkat
            self.questions = questions
            self.positiveFrom = positiveFrom
            self.combine = combine
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            enkat = try GoalMeasure.oneOrMany(container, .enkat)
            questions = try container.decode([String].self, forKey: .questions)
            positiveFrom = try container.decode(Double.self, forKey: .positiveFrom)
            combine = try container.decodeIfPresent(Combine.self, forKey: .combine) ?? .all
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(enkat, forKey: .enkat)
            try c.encode(questions, forKey: .questions)
            try c.encode(positiveFrom, forKey: .positiveFrom)
            try c.encode(combine, forKey: .combine)
        }
    }

    /// Of the deltagare followed up `manader` months after avslut (an `uppfoljning` file), the share whose
    /// försörjning then is one of `positive` (codes of the `forsorjning_efter` dimension): "andel i arbete
    /// eller studier 6 månader efter avslut". Counts of people, protected as such.
    public struct UppfoljningShare: Sendable, Codable, Hashable {
        var manader: Int
        var positive: [String]

        public init(manader: Int, positive: [String]) {
            self.manader = manader
            self.positive = positive
        }

        enum CodingKeys: String, StrictCodingKey { case type, manader, positive }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            manader = try c.decode(Int.self, forKey: .manader)
            positive = try GoalMeasure.oneOrMany(c, .positive)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(manader, forKey: .manader)
            try c.encode(positive, forKey: .positive)
        }
    }

    /// Which deltagare a `deltagarShare` or a `count` is of.
    public enum Population: String, Sendable, CodedEnum {
        /// Every deltagare of the period, each counted once.
        case alla
        /// Deltagare enrolled within the period (`ny` = ja).
        case nya
        /// Deltagare who ended within the period.
        case avslutade
        /// Avslutade whose stegförflyttning is true (counts only).
        case stegforflyttning
        /// Survey forms of `enkat` (counts only).
        case formular
        /// Activity occasions (`tillfallen`) of the listed `aktivitet` codes (counts only, DOMAIN §4.4).
        case tillfallen
        /// People who took part (`deltagande`) in activities of the listed `aktivitet` codes (counts only).
        case deltagande

        /// The populations a `deltagarShare` may be of.
        static let deltagare: [Population] = [.alla, .nya, .avslutade]

        /// Whether this counts activities rather than deltagare or forms.
        var isActivity: Bool { self == .tillfallen || self == .deltagande }
    }

    /// Of the deltagare in scope (`of`), the share that match `where` (same keys as `scope`).
    public struct DeltagarShare: Sendable, Codable, Hashable {
        public var of: Population
        var matching: GoalScope

        public init(of: Population, where matching: GoalScope) {
            self.of = of
            self.matching = matching
        }

        enum CodingKeys: String, StrictCodingKey { case type, of, matching = "where" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            of = try c.decodeIfPresent(Population.self, forKey: .of) ?? .alla
            matching = try c.decode(GoalScope.self, forKey: .matching)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(of, forKey: .of)
            try c.encode(matching, forKey: .matching)
        }
    }

    /// A whole number: deltagare in scope, stegförflyttningar, or forms of an enkät.
    public struct Count: Sendable, Codable, Hashable {
        public var of: Population
        /// With `of: formular`: the enkät(er) whose forms are counted.
        public var enkat: [String]?
        /// With `of: stegforflyttning`: the avslutsorsaker that count (else the catalogue's defaults).
        var stegforflyttning: [String]?
        /// With `of: tillfallen` or `deltagande`: the aktivitet codes counted (one code or a list).
        public var aktivitet: [String]?

        public init(of: Population, enkat: [String]? = nil, stegforflyttning: [String]? = nil, aktivitet: [String]? = nil) {
            self.of = of
            self.enkat = enkat
            self.stegforflyttning = stegforflyttning
            self.aktivitet = aktivitet
        }

        enum CodingKeys: String, StrictCodingKey { case type, of, enkat, stegforflyttning, aktivitet }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            of = try c.decode(Population.self, forKey: .of)
            enkat = c.contains(.enkat) ? try GoalMeasure.oneOrMany(c, .enkat) : nil
            stegforflyttning = try c.decodeIfPresent([String].self, forKey: .stegforflyttning)
            aktivitet = c.contains(.aktivitet) ? try GoalMeasure.oneOrMany(c, .aktivitet) : nil
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(of, forKey: .of)
            try c.encodeIfPresent(enkat, forKey: .enkat)
            try c.encodeIfPresent(stegforflyttning, forKey: .stegforflyttning)
            try c.encodeIfPresent(aktivitet, forKey: .aktivitet)
        }
    }

    /// A share measure now (the goal's period) against `baseline`: the difference in procentenheter; or a
    /// count now against `baseline`: the difference in counts.
    public struct Change: Sendable, Codable, Hashable {
        /// An `exitShare`, `surveyShare`, `deltagarShare` or `count`.
        public var of: GoalMeasure
        var baseline: PeriodSpan

        public init(of: GoalMeasure, baseline: PeriodSpan) {
            self.of = of
            self.baseline = baseline
        }

        enum CodingKeys: String, StrictCodingKey { case type, of, baseline }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            of = try c.decode(GoalMeasure.self, forKey: .of)
            baseline = try c.decode(PeriodSpan.self, forKey: .baseline)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(of, forKey: .of)
            try c.encode(baseline, forKey: .baseline)
        }
    }

    /// Which of the register's kommuner (or organisations) had activities in the goal's period (issue #27
    /// item 6: "Trisam-team etablerade i samtliga kommuner", "återkoppla till respektive Mysamgrupp", "möten
    /// minst fyra gånger per år" in each lokal samverkansgrupp). A unit is covered when its `aktiviteter` rows
    /// (of the listed `aktivitet` codes, inside the goal's scope) add up to at least `minimum` tillfällen.
    /// The figure is the number of units covered; the report names those missing. Without a target every unit
    /// must be covered ("samtliga"); a number means "at least that many".
    public struct Coverage: Sendable, Codable, Hashable {
        public enum Unit: String, Sendable, CodedEnum {
            /// The register's `kommuner`, against the rows' `kommun` column.
            case kommun
            /// The register's `organisationer` (of one `organisationstyp`, if given), against the rows'
            /// `organisation` column.
            case organisation
        }

        public var of: Unit
        /// With `of: organisation`: only the organisations of this `typ` (`mysamgrupp`).
        public var organisationstyp: String?
        /// The aktivitet codes that count (one code or a list); absent: every activity.
        public var aktivitet: [String]?
        /// The tillfällen a unit needs to be covered (default 1).
        public var minimum: Int?

        public init(of: Unit, organisationstyp: String? = nil, aktivitet: [String]? = nil, minimum: Int? = nil) {
            self.of = of
            self.organisationstyp = organisationstyp
            self.aktivitet = aktivitet
            self.minimum = minimum
        }

        enum CodingKeys: String, StrictCodingKey { case type, of, organisationstyp, aktivitet, minimum }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            of = try c.decode(Unit.self, forKey: .of)
            organisationstyp = try c.decodeIfPresent(String.self, forKey: .organisationstyp)
            aktivitet = c.contains(.aktivitet) ? try GoalMeasure.oneOrMany(c, .aktivitet) : nil
            minimum = try c.decodeIfPresent(Int.self, forKey: .minimum)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(of, forKey: .of)
            try c.encodeIfPresent(organisationstyp, forKey: .organisationstyp)
            try c.encodeIfPresent(aktivitet, forKey: .aktivitet)
            try c.encodeIfPresent(minimum, forKey: .minimum)
        }
    }

    /// One of the kansli's milestones in the register (`milstolpar`, issue #27 item 6: "en beredningsgrupp
    /// etablerad", "register och rutiner framtagna"): uppfyllt when it was done by the last day of the goal's
    /// period. It takes no target: it is done or not.
    public struct Milestone: Sendable, Codable, Hashable {
        /// The milestone's id in the register.
        public var milstolpe: String

        public init(milstolpe: String) { self.milstolpe = milstolpe }

        enum CodingKeys: String, StrictCodingKey { case type, milstolpe }

        public init(from decoder: any Decoder) throws {
            milstolpe = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .milstolpe)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(milstolpe, forKey: .milstolpe)
        }
    }

    /// A key that holds one text or a list of texts.
    static func oneOrMany<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> [String] {
        if let one = try? c.decode(String.self, forKey: key) { return [one] }
        return try c.decode([String].self, forKey: key)
    }
}
