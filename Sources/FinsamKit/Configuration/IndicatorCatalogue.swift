/// The FINSAM-indikator questions and scales (DOMAIN §7), as data: `indikatorer.json`, schema
/// `Schemas/indikatorer.schema.json`. finsam ships no NNS question text; `label` is a neutral paraphrase
/// that a förbund replaces with its licensed wording.
public struct IndicatorCatalogue: Sendable, Codable {
    public struct Enkat: Sendable, Codable, Hashable {
        public var id: String
        public var label: String
        public var aliases: [String]?
    }

    public struct ScaleValue: Sendable, Codable, Hashable {
        public var value: Int
        public var label: String
    }

    public struct Scale: Sendable, Codable, Hashable {
        public var id: String
        /// Answers at or above this value count as positive in the indicator table.
        public var positiveFrom: Int
        public var values: [ScaleValue]

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
        public var enkater: [String]
        public var scale: String
        public var label: String
    }

    public var version: Int
    public var enkater: [Enkat]
    public var scales: [Scale]
    public var questions: [Question]

    public func scale(of question: Question) -> Scale? { scales.first { $0.id == question.scale } }
    public func questionIndex(_ id: String) -> Int? { questions.firstIndex { $0.id == id } }
    public func enkatIndex(_ id: String) -> Int? { enkater.firstIndex { $0.id == id } }

    public var enkatVocabulary: Vocabulary<Int> {
        Vocabulary(enkater.enumerated().map { ($1.id, [$1.label] + ($1.aliases ?? []), $0) }).labelled(enkater.map(\.label))
    }

    public func problems(file: String) -> [Problem] {
        var problems: [Problem] = []
        let scaleIDs = Set(scales.map(\.id)), enkatIDs = Set(enkater.map(\.id))
        for (i, scale) in scales.enumerated() {
            if scale.values.isEmpty {
                problems.append(Problem(file: file, position: nil, message: "scales[\(i)].values: en skala behöver minst ett värde"))
            } else if !scale.range.contains(scale.positiveFrom) {
                problems.append(Problem(file: file, position: nil, message:
                    "scales[\(i)].positiveFrom: väntade ett värde på skalan \(scale.range.lowerBound)–\(scale.range.upperBound), fann \(scale.positiveFrom)"))
            }
        }
        var seen = Set<String>()
        for (i, question) in questions.enumerated() {
            if !seen.insert(question.id).inserted {
                problems.append(Problem(file: file, position: nil, message: "questions[\(i)].id: frågan \"\(question.id)\" finns redan"))
            }
            if !scaleIDs.contains(question.scale) {
                problems.append(Problem(file: file, position: nil, message:
                    "questions[\(i)].scale: väntade \(Vocabulary<Int>.list(scales.map(\.id))), fann \"\(question.scale)\""))
            }
            for enkat in question.enkater where !enkatIDs.contains(enkat) {
                problems.append(Problem(file: file, position: nil, message:
                    "questions[\(i)].enkater: väntade \(Vocabulary<Int>.list(enkater.map(\.id))), fann \"\(enkat)\""))
            }
        }
        return problems
    }
}
