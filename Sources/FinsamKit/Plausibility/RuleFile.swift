import Foundation

/// A förbund's own plausibility rules (DOMAIN §11), `regler.json`, schema `Schemas/regler.schema.json`: each
/// compares two counts (the `count` measure of §5, decoded and checked as a goal's is) with `<=`, `>=` or
/// `==`, per insats or for the whole förbund, as a `varning` or a `fel` that stops a report.
public struct RuleFile: Sendable, Codable {
    public enum Operator: String, Sendable, CodedEnum {
        case atMost = "<="
        case atLeast = ">="
        case equal = "=="

        /// Whether `left op right` holds.
        ///
        /// - Returns: `true` when the rule is kept.
        public func holds(_ left: Int, _ right: Int) -> Bool {
            switch self {
            case .atMost: left <= right
            case .atLeast: left >= right
            case .equal: left == right
            }
        }

        /// "högst", "minst", "lika med".
        public var words: String {
            switch self {
            case .atMost: "högst"
            case .atLeast: "minst"
            case .equal: "lika många som"
            }
        }
    }

    public enum Per: String, Sendable, CodedEnum { case insats, forbund }

    public enum Severity: String, Sendable, CodedEnum { case varning, fel }

    public struct Rule: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var left: GoalMeasure
        public var op: Operator
        public var right: GoalMeasure
        public var per: Per
        public var severity: Severity

        enum CodingKeys: String, StrictCodingKey { case id, title, left, op, right, per, severity }
    }

    public var version: Int
    public var regler: [Rule]

    enum CodingKeys: String, StrictCodingKey { case schema = "$schema", version, regler }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        regler = try c.decode([Rule].self, forKey: .regler)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(regler, forKey: .regler)
    }

    /// Reads a rule file strictly and checks its measures against the catalogues.
    ///
    /// - Returns: the rules.
    /// - Throws: every problem, each at its line and column: an unknown key or code, a measure that is not a
    ///   count, a repeated id.
    public static func load(_ path: String, catalogues: Catalogues) throws(ValidationFailure) -> RuleFile {
        let (rules, document) = try JSONFile.document(RuleFile.self, from: path)
        var problems: [Problem] = []
        func add(_ at: String, _ message: String) {
            problems.append(Problem(file: JSONFile.displayName(path), position: document.value(at: at).position, message: "\(at): \(message)"))
        }
        if rules.version != 1 { add("version", "väntade 1, fann \(rules.version)") }
        var seen: [String: Int] = [:]
        for (i, rule) in rules.regler.enumerated() {
            if rule.id.isEmpty { add("regler[\(i)].id", "väntade ett id (som avslut-hogst-avslutade), fann en tom text") }
            if let first = seen[rule.id] {
                add("regler[\(i)].id", "regeln \"\(rule.id)\" finns redan (regler[\(first)].id); ge varje regel ett eget id")
            } else {
                seen[rule.id] = i
            }
            for (side, measure) in [("left", rule.left), ("right", rule.right)] {
                let at = "regler[\(i)].\(side)"
                guard case .count = measure else {
                    add("\(at).type", "väntade count (en regel jämför två antal), fann \(measure.type.rawValue)")
                    continue
                }
                problems += GoalMeasure.problems(measure, at: at, file: JSONFile.displayName(path), document: document, catalogues: catalogues)
            }
        }
        guard problems.isEmpty else { throw ValidationFailure(StrictDecoder.capped(problems, file: problems[0].file)) }
        return rules
    }
}
