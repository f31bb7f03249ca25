/// A förbund's individmål (DOMAIN §5): `mal.json`, schema `Schemas/mal.schema.json`. Goals are
/// configuration, never code: each förbund has its own targets and questions.
public struct GoalFile: Sendable, Codable {
    public struct Goal: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        /// Share (0–1) at or above which the goal is uppfyllt.
        public var target: Double
        public var measure: Measure
        /// Overrides the file's `minN` for this goal.
        public var minN: Int?

        /// The exitShare measure, `nil` for a survey goal.
        public var exitShare: ExitShare? {
            if case .exitShare(let m) = measure { m } else { nil }
        }
    }

    public enum Measure: Sendable, Codable, Hashable {
        case exitShare(ExitShare)
        case surveyShare(SurveyShare)

        private enum CodingKeys: String, CodingKey { case type }
        private enum Kind: String, CodedEnum { case exitShare, surveyShare }

        public init(from decoder: any Decoder) throws {
            switch try decoder.container(keyedBy: CodingKeys.self).decode(Kind.self, forKey: .type) {
            case .exitShare: self = .exitShare(try ExitShare(from: decoder))
            case .surveyShare: self = .surveyShare(try SurveyShare(from: decoder))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .exitShare(let m): try container.encode(Kind.exitShare, forKey: .type); try m.encode(to: encoder)
            case .surveyShare(let m): try container.encode(Kind.surveyShare, forKey: .type); try m.encode(to: encoder)
            }
        }
    }

    /// Share of avslutade deltagare who made a stegförflyttning.
    public struct ExitShare: Sendable, Codable, Hashable {
        /// The avslutsorsaker that count as stegförflyttning; when absent, the catalogue's defaults.
        /// A row's own `stegforflyttning` cell overrides both.
        public var stegforflyttning: [String]?
        /// Avslutsorsaker left out of the denominator; when absent, those the catalogue marks so.
        public var excludeFromDenominator: [String]?
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
        public var questions: [String]
        public var positiveFrom: Double
        public var combine: Combine

        private enum CodingKeys: String, CodingKey { case enkat, questions, positiveFrom, combine }

        public init(enkat: [String], questions: [String], positiveFrom: Double, combine: Combine) {
            self.enkat = enkat
            self.questions = questions
            self.positiveFrom = positiveFrom
            self.combine = combine
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let one = try? container.decode(String.self, forKey: .enkat) {
                enkat = [one]
            } else {
                enkat = try container.decode([String].self, forKey: .enkat)
            }
            questions = try container.decode([String].self, forKey: .questions)
            positiveFrom = try container.decode(Double.self, forKey: .positiveFrom)
            combine = try container.decodeIfPresent(Combine.self, forKey: .combine) ?? .all
        }
    }

    public static let defaultMinN = 5

    public var version: Int
    /// The förbund these goals belong to (id or name), if the file is specific to one.
    public var forbund: String?
    public var minN: Int?
    public var goals: [Goal]

    public func minN(for goal: Goal) -> Int { goal.minN ?? minN ?? Self.defaultMinN }

    /// What is wrong with the goals beyond their JSON shape: targets outside 0–1, codes and questions the
    /// catalogues do not know, duplicate ids.
    public func problems(file: String, catalogues: Catalogues) -> [Problem] {
        var problems: [Problem] = []
        func add(_ path: String, _ message: String) {
            problems.append(Problem(file: file, position: nil, message: "\(path): \(message)"))
        }
        let codes = catalogues.avslutsorsaker.avslutsorsaker.map(\.code)
        let indicators = catalogues.indikatorer
        var seen = Set<String>()
        for (i, goal) in goals.enumerated() {
            let at = "goals[\(i)]"
            if !seen.insert(goal.id).inserted { add("\(at).id", "målet \"\(goal.id)\" finns redan") }
            if !(0...1).contains(goal.target) { add("\(at).target", "väntade en andel 0–1, fann \(goal.target)") }
            if let n = goal.minN, n < 1 { add("\(at).minN", "väntade ett heltal ≥ 1, fann \(n)") }
            switch goal.measure {
            case .exitShare(let m):
                for code in (m.stegforflyttning ?? []) + (m.excludeFromDenominator ?? []) where !codes.contains(code) {
                    add("\(at).measure", "väntade en avslutsorsak (\(Vocabulary<Int>.list(codes))), fann \"\(code)\"")
                }
            case .surveyShare(let m):
                for enkat in m.enkat where indicators.enkatIndex(enkat) == nil {
                    add("\(at).measure.enkat", "väntade \(Vocabulary<Int>.list(indicators.enkater.map(\.id))), fann \"\(enkat)\"")
                }
                if m.questions.isEmpty { add("\(at).measure.questions", "väntade minst en fråga, fann ingen") }
                for q in m.questions {
                    guard let index = indicators.questionIndex(q) else {
                        add("\(at).measure.questions", "väntade en fråga ur katalogen (\(Vocabulary<Int>.list(indicators.questions.map(\.id)))), fann \"\(q)\"")
                        continue
                    }
                    if !indicators.questions[index].enkater.contains(where: m.enkat.contains) {
                        add("\(at).measure.questions", "frågan \"\(q)\" finns inte i \(Vocabulary<Int>.list(m.enkat))")
                    }
                }
            }
        }
        if let n = minN, n < 1 { add("minN", "väntade ett heltal ≥ 1, fann \(n)") }
        return problems
    }
}
