/// The warnings as a kansli reads them: one line per file and insats (DOMAIN §11, issue #26), the findings of
/// one insats joined after its name.
extension PlausibilityWarning {
    /// `warnings` with the built-in findings of one file about one subject (the text before the first ": ",
    /// "Konsultationsteam Ronneby (kt-ronneby) 2023H2") joined into one warning, in the order first met. A
    /// förbund's own rules keep a line each: each names its rule.
    ///
    ///     PlausibilityWarning.lines([a, b]).map(\.description)
    ///     // ["d.csv: varning: Insats X 2023H2: 8 deltagare som inte är nya …; 7 avslutsformulär …"]
    ///
    /// - Returns: the warnings to print, one per file and subject.
    /// - Complexity: O(n) for n warnings.
    public static func lines(_ warnings: [PlausibilityWarning]) -> [PlausibilityWarning] {
        var out: [PlausibilityWarning] = []
        var slot: [String: Int] = [:]
        for warning in warnings {
            guard warning.ruleID == nil, !warning.isError, let colon = warning.message.range(of: ": ") else {
                out.append(warning)
                continue
            }
            let subject = String(warning.message[..<colon.lowerBound]), finding = String(warning.message[colon.upperBound...])
            let key = warning.file + "\u{0}" + subject
            if let i = slot[key] {
                out[i].message += "; " + finding
            } else {
                slot[key] = out.count
                out.append(warning)
            }
        }
        return out
    }
}
