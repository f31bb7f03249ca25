/// What a goal aims at (DOMAIN §5), as its author wrote it: a number is "at least", `{"min": a, "max": b}`
/// a band, `{"max": b}` "at most". A goal without a target is *följs upp*: its figure is shown with no
/// verdict. Shares are fractions (0.8 = 80 %), counts whole numbers, a change the least difference as a
/// fraction (0.05 = five procentenheter; 0 = "ska öka").
public enum GoalTarget: Sendable, Hashable, Codable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    case atLeast(Double)
    case band(min: Double, max: Double)
    case atMost(Double)

    /// The largest count target: far beyond any count of people, meetings or kronor, and small enough that
    /// ``isMet(numerator:denominator:)`` and the texts compute it in `Int` without overflow (issue #25 item 10:
    /// a target of 9.3e14 trapped).
    static let maximumCount = 1e12

    public init(floatLiteral value: Double) { self = .atLeast(value) }
    public init(integerLiteral value: Int) { self = .atLeast(Double(value)) }

    /// The lower bound, if any.
    public var min: Double? {
        switch self {
        case .atLeast(let a), .band(let a, _): a
        case .atMost: nil
        }
    }

    /// The upper bound, if any.
    public var max: Double? {
        switch self {
        case .band(_, let b), .atMost(let b): b
        case .atLeast: nil
        }
    }

    private enum CodingKeys: String, StrictCodingKey { case min, max }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            do {
                self = .atLeast(try single.decode(Double.self))
                return
            } catch let error as StrictDecodingError where error.message.hasPrefix("väntade ett tal mellan") {
                throw error  // a number, but too large for any comparison: say so rather than what a target may be
            } catch {}
        }
        let container: KeyedDecodingContainer<CodingKeys>
        do {
            container = try decoder.container(keyedBy: CodingKeys.self)
        } catch let error as StrictDecodingError where error.message.hasPrefix("väntade ett objekt") {
            throw StrictDecodingError(
                path: error.path, position: error.position,
                message:
                    "väntade ett tal (minst), {\"min\": a, \"max\": b} eller {\"max\": b}, fann"
                    + error.message.dropFirst("väntade ett objekt, fann".count)
                    + ((try? decoder.singleValueContainer().decode(String.self)).flatMap(Self.advice(writtenAs:)) ?? ""))
        }
        let min = try container.decodeIfPresent(Double.self, forKey: .min)
        let max = try container.decodeIfPresent(Double.self, forKey: .max)
        switch (min, max) {
        case let (a?, b?): self = .band(min: a, max: b)
        case let (a?, nil): self = .atLeast(a)
        case let (nil, b?): self = .atMost(b)
        case (nil, nil):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "väntade \"min\", \"max\" eller båda"))
        }
    }

    /// What to write instead of a target given as text: `"80 %"` is the share 0.8, `"0,8"` the number 0.8.
    ///
    /// - Returns: `": skriv 0.8 …"`, or `nil` when the text holds no number.
    static func advice(writtenAs text: String) -> String? {
        let percent = text.last(where: { !$0.isWhitespace }) == "%"
        let number = String(text.filter { !$0.isWhitespace && $0 != "%" }.map { $0 == "," ? "." : $0 })
        guard let value = Double(number), value.isFinite else { return nil }
        guard percent else { return ": skriv talet utan citattecken och med punkt: \(GoalCheck.number(value))" }
        return ": skriv \(GoalCheck.number(value / 100)) (en andel skrivs som decimaltal, 0.8 = 80 %, utan citattecken)"
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .atLeast(let a):
            var c = encoder.singleValueContainer()
            try c.encode(a)
        case .band(let a, let b):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(a, forKey: .min)
            try c.encode(b, forKey: .max)
        case .atMost(let b):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(b, forKey: .max)
        }
    }

    /// Whether the exact fraction `numerator / denominator` (denominator > 0) meets the target. Bounds are
    /// compared at four decimals in integer arithmetic, so that 8 of 10 meets 0.8.
    func isMet(numerator: Int, denominator: Int) -> Bool {
        precondition(denominator > 0)
        // Saturating: a target past ``maximumCount`` is refused when the file is read; none may trap here.
        func saturated(_ product: (partialValue: Int, overflow: Bool), negative: Bool) -> Int {
            product.overflow ? (negative ? Int.min : Int.max) : product.partialValue
        }
        func scaled(_ bound: Double) -> Int {
            let basisPoints = Int(Swift.max(-1e17, Swift.min(1e17, bound * 10_000)).rounded())
            return saturated(basisPoints.multipliedReportingOverflow(by: denominator), negative: bound < 0)
        }
        let value = saturated(numerator.multipliedReportingOverflow(by: 10_000), negative: numerator < 0)
        if let a = min, value < scaled(a) { return false }
        if let b = max, value > scaled(b) { return false }
        return true
    }

    /// The target in words as a reader expects it: "minst 80 %", "40–60 %", "högst 10 %", "20–25",
    /// "minst 20", "minst +5 procentenheter", "ska öka".
    public func text(for kind: GoalKind) -> String {
        func share(_ x: Double) -> String { GoalTarget.percentText(x) }
        func count(_ x: Double) -> String { SwedishFormat.integer(Int(Swift.max(-1e15, Swift.min(1e15, x)).rounded())) }
        func points(_ x: Double) -> String {
            let text = GoalTarget.numberText(x * 100)
            return x > 0 ? "+" + text : x < 0 ? "−" + text.dropFirst() : text
        }
        switch (kind, self) {
        case (.share, .atLeast(let a)): return "minst \(share(a)) %"
        case (.share, .band(let a, let b)): return "\(share(a))–\(share(b)) %"
        case (.share, .atMost(let b)): return "högst \(share(b)) %"
        case (.count, .atLeast(let a)): return "minst \(count(a))"
        case (.count, .band(let a, let b)): return "\(count(a))–\(count(b))"
        case (.count, .atMost(let b)): return "högst \(count(b))"
        case (.change, .atLeast(let a)): return a == 0 ? "ska öka" : "minst \(points(a)) \(abs(a) == 0.01 ? "procentenhet" : "procentenheter")"
        case (.change, .band(let a, let b)): return "\(points(a)) till \(points(b)) procentenheter"
        case (.change, .atMost(let b)): return "högst \(points(b)) \(abs(b) == 0.01 ? "procentenhet" : "procentenheter")"
        }
    }

    /// The target of the change of a count in words: "ska öka", "minst +5", "högst −2", "+2 till +6".
    public var countChangeText: String {
        func signed(_ x: Double) -> String { GoalFigure.signed(Int(x.rounded())) }
        switch self {
        case .atLeast(let a): return a == 0 ? "ska öka" : "minst \(signed(a))"
        case .band(let a, let b): return "\(signed(a)) till \(signed(b))"
        case .atMost(let b): return "högst \(signed(b))"
        }
    }

    /// A fraction in percent with at most one decimal: 0.8 → "80", 0.725 → "72,5".
    static func percentText(_ x: Double) -> String { numberText(x * 100) }

    static func numberText(_ x: Double) -> String {
        let tenths = Int(Swift.max(-1e15, Swift.min(1e15, x * 10)).rounded())
        let sign = tenths < 0 ? "-" : ""
        let m = tenths.magnitude
        return m % 10 == 0 ? "\(sign)\(m / 10)" : "\(sign)\(m / 10),\(m % 10)"
    }
}

/// What kind of figure a goal has: a share (with n and a Wilson interval), a count (no interval), or the
/// change of a share against a baseline period (in procentenheter, with a Newcombe interval).
public enum GoalKind: String, Sendable, Codable, Hashable {
    case share, count, change
}
