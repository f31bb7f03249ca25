import Foundation
import FinsamKit

/// The plausibility checks of DOMAIN §11 as the verbs run them: the built-in warnings and a förbund's own
/// rules (`--regler regler.json`), printed on stderr as `FILE: varning: …` (or `FILE: fel: …`). They never
/// change a verb's exit code, except that a broken `fel` rule stops `report` (and `approve`).
enum PlausibilityOptions {
    static let regler = Verb.Option.option("regler", "FIL", help: "förbundets egna rimlighetsregler (regler.json)")

    /// The rules of `--regler`, read strictly.
    static func rules(_ arguments: Arguments, catalogues: Catalogues) throws(CLIError) -> RuleFile? {
        guard let path = arguments["regler"] else { return nil }
        do { return try RuleFile.load(path, catalogues: catalogues) } catch { throw .invalid(error.problems) }
    }

    /// Runs the built-in checks and the rules over `dataset` for `focus` (every halvår in the data when
    /// `nil`), prints every warning on stderr unless `quiet` or `--format json`, and returns them.
    /// `judgedInsatser` (register ids) limits the warning about an insats without deltagare to those insatser.
    ///
    /// - Returns: the warnings and broken rules, in the order printed.
    @discardableResult
    static func check(
        _ dataset: Dataset, focus: [Period]?, rules: RuleFile?, arguments: Arguments, registerName: String? = nil,
        quiet: Bool = false, judgedInsatser: Set<String>? = nil
    ) -> [PlausibilityWarning] {
        let name = registerName ?? arguments["register"] ?? "forbund.json"
        var checks = BuiltInChecks(dataset: dataset, focus: focus.map(Set.init), registerName: name)
        checks.judgedInsatser = judgedInsatser
        var warnings = checks.warnings()
        if let rules { warnings += rules.warnings(dataset: dataset, periods: focus, file: arguments["regler"] ?? "regler.json") }
        // With --format json, stderr holds a JSON list of problems only: the warnings would break it.
        if !quiet && arguments["format"] != "json" {
            Output.standardError(PlausibilityWarning.lines(warnings).map { readable($0.description) + "\n" }.joined())
        }
        return warnings
    }

    /// The insatser (register ids where the register knows them) that `dataset`'s files have rows for: those
    /// a check of some files may judge for missing deltagare. An insats leader validating the own file must not
    /// hear that the other insatser have 0 deltagare (they are not in it), as a dry-run submit does not.
    ///
    /// - Returns: ids, or the names the files use for insatser the register does not know.
    static func insatser(of dataset: Dataset) -> Set<String> {
        let named = Set(dataset.deltagare.map(\.insats)).union(dataset.forms.map(\.insats)).union(dataset.aktiviteter.map(\.insats))
        return Set(named.map { dataset.register?.insats(named: dataset.name($0))?.id ?? dataset.name($0) })
    }

    /// A stored file as a reader knows it: "SampleData/deltagare-2023H2.csv (i arkivet)" rather than its checksum path.
    static func readable(_ text: String) -> String {
        guard let pattern = try? NSRegularExpression(pattern: "[^ ()]*files/[0-9a-f]{64}\\.(csv|xlsx) \\(([^()]*)\\)") else { return text }
        return pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$2 (i arkivet)")
    }

    /// A report stops at a broken `fel` rule: exit 1, naming each rule's id.
    static func stopOnErrors(_ warnings: [PlausibilityWarning]) throws(CLIError) {
        let errors = warnings.filter(\.isError)
        guard !errors.isEmpty else { return }
        let ids = Set(errors.compactMap(\.ruleID)).sorted()
        throw .invalid([
            Problem(
                file: errors[0].file, position: nil,
                message:
                    "regel \(ids.joined(separator: ", ")) med allvarlighet fel gäller inte (se ovan): ingen rapport skrevs — rätta underlaget och lämna in det igen, "
                    + "eller ändra regelns severity till varning om avvikelsen är väntad")
        ])
    }
}
