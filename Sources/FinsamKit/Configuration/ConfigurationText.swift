/// A configuration file whose every text may reach a report, an export or the store: the goals (`title`,
/// `shortTitle`, `beslut`), the register (`namn`, `malgrupp`, `inriktning`), the catalogues' labels, the
/// rules' titles. ``JSONFile`` checks every string and every key of such a file with ``ConfigurationText``
/// before it decodes it.
public protocol CheckedConfiguration {}

extension GoalFile: CheckedConfiguration {}
extension Register: CheckedConfiguration {}
extension DimensionCatalogue: CheckedConfiguration {}
extension AktivitetCatalogue: CheckedConfiguration {}
extension AvslutsorsakCatalogue: CheckedConfiguration {}
extension IndicatorCatalogue: CheckedConfiguration {}
extension RuleFile: CheckedConfiguration {}

/// The checks every text of a configuration file passes (DOMAIN §4.3, issue #25 items 7 and 11): no personal
/// data, as in the files' cells, and no control characters (a TAB or a line break in a name breaks every
/// table it is printed in, and forges lines in plain text).
public enum ConfigurationText {
    /// Every string value and key in `document` with personal data or a control character, each a problem at
    /// its place, led by its path (`goals[0].title: …`), never repeating the value.
    ///
    /// - Returns: the problems in document order; empty when every text passes.
    /// - Complexity: O(n) in the document's texts.
    public static func problems(in document: JSONValue, file: String) -> [Problem] {
        var problems: [Problem] = []
        func visit(_ value: JSONValue, path: String) {
            switch value.kind {
            case .object(let members):
                for member in members {
                    let at = path.isEmpty ? member.key : "\(path).\(member.key)"
                    if let message = message(for: member.key) {
                        problems.append(
                            Problem(file: file, position: member.keyPosition, message: "\(PersonalDataDetector.masked(at)): namnet: \(message)"))
                    }
                    visit(member.value, path: at)
                }
            case .array(let items):
                for (i, item) in items.enumerated() { visit(item, path: "\(path)[\(i)]") }
            case .string(let text):
                if let message = message(for: text) {
                    problems.append(Problem(file: file, position: value.position, message: "\(PersonalDataDetector.masked(path)): \(message)"))
                }
            case .number, .bool, .null:
                break
            }
        }
        visit(document, path: "")
        return StrictDecoder.capped(problems, file: file)
    }

    /// What is wrong with one text of a configuration file or of the command line (`--beslut`, `--reason`),
    /// or `nil` when it may be kept and printed.
    ///
    /// - Returns: a message saying what was expected and found, without the value.
    public static func message(for text: String) -> String? {
        if let match = PersonalDataDetector.firstMatch(in: text) {
            let value = Array(text.utf8)[match.range]
            return "väntade inga personuppgifter, fann något som ser ut som \(match.kind.description) "
                + "(\(PersonalDataDetector.redacted(Array(value)))); finsam skriver texten i rapporter, exporter och arkivet — ta bort uppgiften"
        }
        if let (i, scalar) = text.unicodeScalars.enumerated().first(where: { isControl($0.element) }) {
            return "väntade en text utan styrtecken, fann \(describeControl(scalar)) som tecken \(i + 1); skriv texten på en rad utan det"
        }
        return nil
    }

    /// C0 and C1 control characters (TAB, line feed, carriage return included) and DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    static func describeControl(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\t": "ett tabbtecken"
        case "\n", "\r": "en radbrytning"
        default: "styrtecknet U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))"
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
