/// Numbers as a Swedish reader expects them in a report: `2 203 500`, `76 %`, `3,2`.
enum SwedishFormat {
    static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append("\u{00A0}") }
            out.append(c)
        }
        return value < 0 ? "−" + out : out
    }

    static func percent(_ share: Share) -> String { share.percent.map { "\($0) %" } ?? "–" }

    static func interval(_ share: Share) -> String {
        guard let ci = share.interval?.percents else { return "–" }
        return "\(ci.low)–\(ci.high) %"
    }

    /// A value given in tenths (already rounded), with a decimal comma.
    static func tenths(_ value: Int?) -> String {
        guard let value else { return "–" }
        return "\(value / 10),\(value % 10)"
    }

    static func kronor(_ value: Int?) -> String { value.map { integer($0) + " kr" } ?? "–" }

    /// A goal target (0.8) as "80 %", keeping a decimal when the target has one (0.725 → "72,5 %").
    static func target(_ target: Double) -> String {
        let tenths = Int((target * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10) %" : "\(tenths / 10),\(tenths % 10) %"
    }

    /// "a, b och c".
    ///
    /// - Returns: the items joined as a Swedish list; "" for none.
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " och " + last
    }
}
