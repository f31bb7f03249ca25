import Foundation

/// A förbund's goals (DOMAIN §5): `mal.json`, schema `Schemas/mal.schema.json`. Goals are configuration,
/// never code: each förbund has its own targets, populations, periods and questions. Version 1 files (a
/// share target, `exitShare` and `surveyShare` only) read unchanged; version 2 adds `scope`, `period`,
/// target bands, `deltagarShare`, `count`, `change`, `shortTitle`, `kostnad` and `beslut`.
///
///     let goals = try GoalFile.load("SampleData/mal-gotland.json", catalogues: .builtIn)
///     let report = try HalvarsRapport.make(dataset: dataset, period: period, forbund: nil, goals: goals, sources: [])
public struct GoalFile: Sendable, Codable {
    public typealias Measure = GoalMeasure
    public typealias ExitShare = GoalMeasure.ExitShare
    public typealias SurveyShare = GoalMeasure.SurveyShare

    public struct Goal: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        /// Used where the title is too long: per-kön, per-insats and trend tables and charts.
        var shortTitle: String?
        /// As written; `nil`: the goal is followed without a target (*följs upp*).
        var goalTarget: GoalTarget?
        var measure: GoalMeasure
        /// Restricts the population before anything is counted.
        var scope: GoalScope?
        /// The periods the goal is measured over; `nil`: the report's period.
        public var period: PeriodSpan?
        /// Overrides the file's `minN` for this goal.
        var minN: Int?
        /// Kostnad per stegförflyttning follows this goal (an `exitShare`) rather than the first `exitShare`.
        var kostnad: Bool?

        public init(
            id: String, title: String, shortTitle: String? = nil, target: GoalTarget? = nil, measure: GoalMeasure,
            scope: GoalScope? = nil, period: PeriodSpan? = nil, minN: Int? = nil, kostnad: Bool? = nil
        ) {
            self.id = id
            self.title = title
            self.shortTitle = shortTitle
            self.goalTarget = target
            self.measure = measure
            self.scope = scope
            self.period = period
            self.minN = minN
            self.kostnad = kostnad
        }

        enum CodingKeys: String, StrictCodingKey {
            case id, title, shortTitle, goalTarget = "target", measure, scope, period, minN, kostnad
        }

        /// The title where space is short: `shortTitle`, else `title`. Never the id.
        public var displayTitle: String { shortTitle ?? title }

        /// The kind of figure: share, count or change.
        public var kind: GoalKind { measure.kind }

        /// The target as a reader sees it: "minst 80 %", "20–25", "högst 10 %", "ska öka", "följs upp"; a
        /// coverage without a target "samtliga", a milestone "klar".
        var targetText: String {
            switch (measure, goalTarget) {
            case (.milestone, _): return "klar"
            case (.coverage(let m), nil): return (m.minimum ?? 1) > 1 ? "samtliga, minst \(m.minimum!) tillfällen var" : "samtliga"
            default: break
            }
            guard let goalTarget else { return "följs upp" }
            return measure.isCountChange ? goalTarget.countChangeText : goalTarget.text(for: kind)
        }

        /// One number for layouts that draw a target line: the lower bound, else the upper, else 0.
        /// Prefer ``goalTarget`` and ``targetText``: a band or a count does not fit in one share.
        public var target: Double { goalTarget?.min ?? goalTarget?.max ?? 0 }

        /// The exitShare measure, `nil` for any other goal.
        var exitShare: GoalMeasure.ExitShare? {
            if case .exitShare(let m) = measure { m } else { nil }
        }
    }

    /// The decision the goals come from, printed on the report's cover.
    public struct Beslut: Sendable, Codable, Hashable {
        /// Who decided: "förbundsstyrelsen".
        var organ: String
        /// `YYYY-MM-DD`.
        var datum: String?
        /// "§ 45".
        var paragraf: String?

        enum CodingKeys: String, StrictCodingKey { case organ, datum, paragraf }

        /// "Beslutade av förbundsstyrelsen 2016-11-25, § 45".
        /// The decision after the goal file's name on a report's cover: "beslutade av förbundsstyrelsen
        /// 2016-11-25".
        public var clause: String { "beslutade av " + text.dropFirst("Beslutade av ".count) }

        public var text: String {
            var out = "Beslutade av \(organ)"
            if let datum { out += " \(datum)" }
            if let paragraf { out += ", \(paragraf.hasPrefix("§") ? paragraf : "§ " + paragraf)" }
            return out
        }
    }

    static let defaultMinN = 5

    public var version: Int
    /// The förbund these goals belong to (id or name), if the file is specific to one.
    public var forbund: String?
    var minN: Int?
    public var beslut: Beslut?
    public var goals: [Goal]
    /// The document the file was read from, so that later checks point at lines and columns.
    public var document: JSONValue?

    public init(version: Int, forbund: String? = nil, minN: Int? = nil, beslut: Beslut? = nil, goals: [Goal]) {
        self.version = version
        self.forbund = forbund
        self.minN = minN
        self.beslut = beslut
        self.goals = goals
    }

    enum CodingKeys: String, StrictCodingKey {
        case schema = "$schema", version, forbund, minN, beslut, goals
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        forbund = try c.decodeIfPresent(String.self, forKey: .forbund)
        minN = try c.decodeIfPresent(Int.self, forKey: .minN)
        beslut = try c.decodeIfPresent(Beslut.self, forKey: .beslut)
        goals = try c.decode([Goal].self, forKey: .goals)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encodeIfPresent(forbund, forKey: .forbund)
        try c.encodeIfPresent(minN, forKey: .minN)
        try c.encodeIfPresent(beslut, forKey: .beslut)
        try c.encode(goals, forKey: .goals)
    }

    func minN(for goal: Goal) -> Int { goal.minN ?? minN ?? Self.defaultMinN }

    /// Reads a goal file strictly and checks it against the catalogues.
    ///
    ///     let goals = try GoalFile.load("SampleData/mal-gotland.json", catalogues: .builtIn)
    ///
    /// - Returns: the goals, with the document kept for later checks (``problems(file:insatser:)``).
    /// - Throws: every problem found, each at its line and column: an unknown key, a wrong type, a code no
    ///   catalogue knows, a target out of range.
    public static func load(_ path: String, catalogues: Catalogues) throws(ValidationFailure) -> GoalFile {
        let data: Data
        do {
            data = Data(try FileSystem.contents(atPath: path, limit: JSONFile.maximumBytes))
        } catch {
            throw ValidationFailure([
                Problem(file: JSONFile.displayName(path), position: nil, message: FileSystem.unreadable(error), isIOFailure: true)
            ])
        }
        return try decode(data, name: JSONFile.displayName(path), catalogues: catalogues)
    }

    /// Like ``load(_:catalogues:)``, from bytes already in memory, reported as the file `name`.
    ///
    /// - Returns: the goals, with the document kept.
    /// - Throws: every problem found, each at its line and column.
    public static func decode(_ data: Data, name: String, catalogues: Catalogues) throws(ValidationFailure) -> GoalFile {
        var goals: GoalFile
        // Scopes may name the catalogue's dimensions: the decoder checks their keys against it.
        let decoded = GoalScope.$decodingDimensions.withValue(catalogues.dimensioner) { () -> Result<(GoalFile, JSONValue), ValidationFailure> in
            Result { () throws(ValidationFailure) in try JSONFile.document(GoalFile.self, from: data, name: name) }
        }
        switch decoded {
        case .success(let result):
            goals = result.0
            goals.document = result.1
        case .failure(let error):
            throw error
        }
        let problems = goals.problems(file: name, catalogues: catalogues)
        guard problems.isEmpty else { throw ValidationFailure(StrictDecoder.capped(problems, file: problems[0].file)) }
        return goals
    }
}
