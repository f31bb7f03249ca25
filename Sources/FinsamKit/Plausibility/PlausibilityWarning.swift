/// A figure that is possible but unlikely (DOMAIN §11): printed `FILE: varning: …` with the figures
/// compared, never an error of the file. A förbund's own rule of severity `fel` prints `FILE: fel: …` and
/// stops a report (``RuleFile``).
public struct PlausibilityWarning: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file the figures come from (or the register, or the rule file).
    public var file: String
    public var message: String
    /// The rule of `regler.json` that gave it; `nil` for a built-in check.
    public var ruleID: String?
    /// The rule's severity is `fel`.
    public var isError = false

    public init(file: String, message: String, ruleID: String? = nil, isError: Bool = false) {
        self.file = file
        self.message = message
        self.ruleID = ruleID
        self.isError = isError
    }

    public var description: String { "\(file): \(isError ? "fel" : "varning"): \(message)" }

    public static func < (a: PlausibilityWarning, b: PlausibilityWarning) -> Bool {
        (a.file, a.message) < (b.file, b.message)
    }
}
