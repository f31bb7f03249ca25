import Foundation
import FinsamKit

extension ApprovalCommands {
    /// The warning `approve` prints when the period it locked lacks reports the register expects, or goals that
    /// have no figure: a styrelse that approves a report whose cover reads "inga uppgifter" for half its goals
    /// should hear it from the kansli, not find it later. The approval itself stands (approving with a report
    /// missing may be the decision); the warning says what to do if it was not.
    ///
    /// - Parameters:
    ///   - status: the reporting status of the approved period (the register's expected reports).
    ///   - emptyGoals: the titles of the goals the approved report shows as "inga uppgifter".
    /// - Returns: `nil` when nothing is missing; else lines, each starting `finsam: varning:`.
    static func completenessWarning(status: ReportingStatus, emptyGoals: [String], period: Period, store: Store) -> String? {
        let missing = status.missing
        guard !missing.isEmpty || !emptyGoals.isEmpty else { return nil }
        var text = ""
        if !missing.isEmpty {
            let perKind = Dictionary(grouping: missing, by: \.entry.kind)
            let parts = ReportingExpectation.shown.compactMap { kind in
                perKind[kind].map { "\(kind.rawValue) från \(list($0.map(\.row.namn)))" }
            }
            text +=
                "finsam: varning: perioden \(period.words) fastställdes utan \(missing.count == 1 ? "1 väntad rapport" : "\(missing.count) väntade rapporter"): "
                + parts.joined(separator: "; ") + " (finsam status --store \(store.root) --period \(period) visar dem)\n"
        }
        if !emptyGoals.isEmpty {
            let goals = list(emptyGoals.map { "\"\($0)\"" })
            text +=
                "finsam: varning: \(emptyGoals.count == 1 ? "målet \(goals) har" : "målen \(goals) har") inga uppgifter i den fastställda "
                + "rapporten: inga filer av det slag \(emptyGoals.count == 1 ? "det" : "de") räknar finns i arkivet för perioden\n"
        }
        text +=
            "finsam: varning: ska de vara med: återöppna perioden med finsam reopen --store \(store.root) --period \(period) "
            + "--reason \"underlag saknades\", lämna in filerna med finsam submit --store \(store.root) FIL… och fastställ igen\n"
        return text
    }

    /// "a, b och c".
    private static func list(_ items: [String]) -> String {
        items.count > 1 ? items.dropLast().joined(separator: ", ") + " och " + items.last! : items.first ?? ""
    }
}
