/// The 95 % interval for the difference of two independent proportions p₁ − p₂ by Newcombe's hybrid score
/// method (Newcombe 1998, method 10), built from the two Wilson intervals:
///
///     L = D − √((p₁ − l₁)² + (u₂ − p₂)²)      U = D + √((u₁ − p₁)² + (p₂ − l₂)²)
///
/// Unlike the textbook Wald interval it stays inside −1…1 and is honest at the small n of förbund data.
/// Newcombe's worked example, 56/70 against 48/80, gives 0.0524 to 0.3339.
public struct NewcombeInterval: Sendable, Hashable {
    var low: Double
    var high: Double

    /// - Returns: `nil` when either share has no observations.
    public init?(_ x1: Int, of n1: Int, minus x2: Int, of n2: Int) {
        guard let w1 = WilsonInterval(x1, of: n1), let w2 = WilsonInterval(x2, of: n2) else { return nil }
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2), d = p1 - p2
        low = max(-1, d - ((p1 - w1.low) * (p1 - w1.low) + (w2.high - p2) * (w2.high - p2)).squareRoot())
        high = min(1, d + ((w1.high - p1) * (w1.high - p1) + (p2 - w2.low) * (p2 - w2.low)).squareRoot())
    }
}
