import Foundation

/// A share as finsam publishes it: the exact counts it comes from, the unrounded value, a 95 % Wilson
/// score interval, and the whole percent shown in tables. A reader always sees `n`, so that 4 of 5 is not
/// mistaken for evidence of 80 %.
public struct Share: Sendable, Hashable {
    public var numerator: Int
    public var denominator: Int

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
        return (200 * numerator + denominator) / (2 * denominator)
    }

    /// The 95 % Wilson score interval.
    public var interval: WilsonInterval? { WilsonInterval(numerator, of: denominator) }

    /// Whether the share is at or above `target`, compared exactly at four decimals of the target
    /// (80 % of 10 is met by 8, which a floating-point product might deny).
    public func meets(_ target: Double) -> Bool {
        let basisPoints = Int((target * 10_000).rounded())
        return numerator * 10_000 >= basisPoints * denominator
    }
}

/// The Wilson score interval for a binomial share: unlike the textbook ±1.96·√(p(1−p)/n) it stays inside
/// 0–1 and is honest for small n and for shares near 0 or 1, which is where förbund data lives.
public struct WilsonInterval: Sendable, Hashable {
    public static let z95 = 1.959963984540054

    public var low: Double
    public var high: Double

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
    public var percents: (low: Int, high: Int) {
        (Int((low * 100).rounded(.toNearestOrAwayFromZero)), Int((high * 100).rounded(.toNearestOrAwayFromZero)))
    }
}
