/// The FINSAM-indikator questions and scales (DOMAIN §7), as data: `indikatorer.json`, schema
/// `Schemas/indikatorer.schema.json`. finsam ships no NNS question text; `label` is a neutral paraphrase
/// that a förbund replaces with its licensed wording.
public struct IndicatorCatalogue: Sendable, Codable {
    public struct Enkat: Sendable, Codable, Hashable {
        public var id: String
        public var label: String
        var aliases: [String]?
        /// Who answers it (DOMAIN §7); a catalogue written before respondent groups means deltagare.
        var respondent: Respondent?

        enum CodingKeys: String, StrictCodingKey { case id, label, aliases, respondent }

        /// The enkät's respondent group, deltagare when the catalogue does not say.
        var group: Respondent { respondent ?? .deltagare }
    }

    public struct ScaleValue: Sendable, Codable, Hashable {
        public var value: Int
        public var label: String

        enum CodingKeys: String, StrictCodingKey { case value, label }
    }

    public struct Scale: Sendable, Codable, Hashable {
        public var id: String
        /// Answers at or above this value count as positive in the indicator table.
        var positiveFrom: Int
        public var values: [ScaleValue]

        enum CodingKeys: String, StrictCodingKey { case id, positiveFrom, values }

        public var range: ClosedRange<Int> {
            let numbers = values.map(\.value)
            return (numbers.min() ?? 0)...(numbers.max() ?? 0)
        }

        /// "\"Till mycket stor del\", \"Till stor del\", \"Till liten del\", \"Inte alls\" (eller 4–1)": the labels a
        /// user picks, then the numbers that mean the same.
        var expected: String {
            guard values.contains(where: { $0.label != String($0.value) }) else { return "\(range.lowerBound)–\(range.upperBound)" }
            return values.map { "\"\($0.label)\"" }.joined(separator: ", ") + " (eller \(range.upperBound)–\(range.lowerBound))"
        }
    }

    public struct Question: Sendable, Codable, Hashable {
        public var id: String
        var enkater: [String]
        var scale: String
        public var label: String

        enum CodingKeys: String, StrictCodingKey { case id, enkater, scale, label }
    }

    public var version: Int
    var enkater: [Enkat]
    var scales: [Scale]
    var questions: [Question]

    enum CodingKeys: String, StrictCodingKey { case schema = "$schema", version, enkater, scales, questions }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        enkater = try c.decode([Enkat].self, forKey: .enkater)
        scales = try c.decode([Scale].self, forKey: .scales)
        questions = try c.decode([Question].self, forKey: .questions)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(enkater, forKey: .enkater)
        try c.encode(scales, forKey: .scales)
        try c.encode(questions, forKey: .questions)
    }

    func scale(of question: Question) -> Scale? { scales.first { $0.id == question.scale } }
    func questionIndex(_ id: String) -> Int? { questions.firstIndex { $0.id == id } }
    func enkatIndex(_ id: String) -> Int? { enkater.firstIndex { $0.id == id } }

    var enkatVocabulary: Vocabulary<Int> {
        Vocabulary(enkater.enumerated().map { ($1.id, [$1.label] + ($1.aliases ?? []), $0) }).labelled(enkater.map(\.label))
    }

    public func problems(file: String) -> [Problem] {
        var problems: [Problem] = []
        let scaleIDs = Set(scales.map(\.id)), enkatIDs = Set(enkater.map(\.id))
        for (i, scale) in scales.enumerated() {
            if scale.values.isEmpty {
                problems.append(Problem(file: file, position: nil, message: "scales[\(i)].values: en skala behöver minst ett värde"))
            } else if !scale.range.contains(scale.positiveFrom) {
                problems.append(
                    Problem(
                        file: file, position: nil,
                        message:
                            "scales[\(i)].positiveFrom: väntade ett värde på skalan \(scale.range.lowerBound)–\(scale.range.upperBound), fann \(scale.positiveFrom)"
                    ))
            }
        }
        var seen = Set<String>()
        for (i, question) in questions.enumerated() {
            if !seen.insert(question.id).inserted {
                problems.append(Problem(file: file, position: nil, message: "questions[\(i)].id: frågan \"\(question.id)\" finns redan"))
            }
            if !scaleIDs.contains(question.scale) {
                problems.append(
                    Problem(
                        file: file, position: nil,
                        message:
                            "questions[\(i)].scale: väntade \(Vocabulary<Int>.list(scales.map(\.id))), fann \"\(question.scale)\""))
            }
            for enkat in question.enkater where !enkatIDs.contains(enkat) {
                problems.append(
                    Problem(
                        file: file, position: nil,
                        message:
                            "questions[\(i)].enkater: väntade \(Vocabulary<Int>.list(enkater.map(\.id))), fann \"\(enkat)\""))
            }
        }
        return problems
    }
}
