import Foundation

/// A share as finsam publishes it: the exact counts it comes from, the unrounded value, a 95 % Wilson
/// score interval, and the whole percent shown in tables. A reader always sees `n`, so that 4 of 5 is not
/// mistaken for evidence of 80 %.
public struct Share: Sendable, Hashable {
    var numerator: Int
    var denominator: Int

    public init(_ numerator: Int, of denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The unrounded share, or `nil` when nothing was counted.
    public var value: Double? { denominator > 0 ? Double(numerator) / Double(denominator) : nil }

    /// The share in whole percent, rounded half away from zero in exact integer arithmetic, so that
    /// 1 of 8 (12.5 %) is 13 % and never 12 % through a binary-fraction accident.
    public var percent: Int? {
        guard denominator > 0 else { return nil }
        return roundedRatio(numerator, times: 100, over: denominator)
    }

    /// The 95 % Wilson score interval.
    var interval: WilsonInterval? { WilsonInterval(numerator, of: denominator) }

    /// Whether the share is at or above `target`, compared exactly at four decimals of the target
    /// (80 % of 10 is met by 8, which a floating-point product might deny).
    func meets(_ target: Double) -> Bool {
        let clamped = target.isFinite ? min(max(target, -1), 2) : 0
        let basisPoints = Int((clamped * 10_000).rounded())
        // In double width: counts summed from any input cannot make the products wrap (or trap).
        let left = numerator.multipliedFullWidth(by: 10_000), right = basisPoints.multipliedFullWidth(by: denominator)
        return (left.high, left.low) >= (right.high, right.low)
    }
}

/// `a × m / b` rounded half up, in exact integer arithmetic for `a ≥ 0`, `m ≥ 0`, `b > 0`, computed in double
/// width so that no input can make it trap: `nil` when the result itself does not fit in an `Int` (or the
/// arguments are out of that range).
func roundedRatio(_ a: Int, times m: Int, over b: Int) -> Int? {
    guard a >= 0, m >= 0, b > 0 else { return nil }
    let product = a.multipliedFullWidth(by: m)
    // The quotient fits when product < b · 2^63, i.e. when the top 65 bits are below b.
    guard UInt(product.high) << 1 | product.low >> 63 < UInt(b) else { return nil }
    let (quotient, remainder) = b.dividingFullWidth(product)
    let up = remainder >= b - remainder
    return up ? (quotient == .max ? nil : quotient + 1) : quotient
}

/// The Wilson score interval for a binomial share: unlike the textbook ±1.96·√(p(1−p)/n) it stays inside
/// 0–1 and is honest for small n and for shares near 0 or 1, which is where förbund data lives.
public struct WilsonInterval: Sendable, Hashable {
    public static let z95 = 1.959963984540054

    var low: Double
    var high: Double

    public init?(_ successes: Int, of n: Int, z: Double = WilsonInterval.z95) {
        guard n > 0 else { return nil }
        let nn = Double(n), p = Double(successes) / nn, z2 = z * z
        let denominator = 1 + z2 / nn
        let centre = (p + z2 / (2 * nn)) / denominator
        let half = z / denominator * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot()
        low = max(0, centre - half)
        high = min(1, centre + half)
    }

    /// Bounds in whole percent, as shown in tables.
    var percents: (low: Int, high: Int) {
        (Int((low * 100).rounded(.toNearestOrAwayFromZero)), Int((high * 100).rounded(.toNearestOrAwayFromZero)))
    }
}
