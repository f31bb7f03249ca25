/// A small linear program: variables between bounds, linear expressions between bounds; asked for the least
/// and the greatest value of several expressions over everything that satisfies them.
///
/// Its own two-phase simplex on a dense tableau, written for the intruder test: independent of FinsamKit's
/// `AttackerProgram`, so that a mistake there cannot hide itself here. Phase 1 runs once; every objective then
/// starts from the last optimal basis (each is a few pivots away). Dantzig's rule, falling back to Bland's
/// after a run of degenerate pivots, so it never cycles.
///
///     var program = RangeProgram(lower: [1, 0], upper: [4, .infinity])
///     program.constrain([(0, 1), (1, 1)], lower: 3, upper: 3)  // y0 + y1 = 3
///     program.ranges(of: [[(1, 1)]])  // [(0, 2)]
public struct RangeProgram: Sendable {
    public var lower: [Double]
    public var upper: [Double]
    public private(set) var constraints: [(coefficients: [(Int, Double)], lower: Double, upper: Double)] = []
    static let epsilon = 1e-9

    public init(lower: [Double], upper: [Double]) {
        precondition(lower.count == upper.count && lower.allSatisfy(\.isFinite))
        self.lower = lower
        self.upper = upper
    }

    /// Adds `lower ≤ Σ coefficient × variable ≤ upper` (either side may be infinite).
    public mutating func constrain(_ coefficients: [(Int, Double)], lower: Double, upper: Double) {
        constraints.append((coefficients, lower, upper))
    }

    /// The least and greatest value of each objective (Σ coefficient × variable), `-infinity`/`infinity` when
    /// unbounded.
    ///
    /// - Returns: `nil` when no point satisfies the program.
    /// - Complexity: a dense tableau of (constraints × 2 + finite upper bounds) rows.
    public func ranges(of objectives: [[(Int, Double)]]) -> [(min: Double, max: Double)]? {
        var tableau = Tableau(self)
        guard tableau.phaseOne() else { return nil }
        return objectives.map { objective in
            let offset = objective.reduce(0) { $0 + $1.1 * lower[$1.0] }
            let least = tableau.minimum(objective, sign: 1)
            let greatest = tableau.minimum(objective, sign: -1)
            return (least.map { $0 + offset } ?? -.infinity, greatest.map { -$0 + offset } ?? .infinity)
        }
    }

    /// Rows `G z ≤ h` over `z = y − lower ≥ 0`, with a slack per row and an artificial per row whose `h` is negative.
    private struct Tableau {
        let n: Int
        var m = 0
        /// Row-major, `width` per row; the last column is the right-hand side.
        var cells: [Double] = []
        var width = 0
        var basic: [Int] = []
        var artificial: Range<Int> = 0..<0

        init(_ program: RangeProgram) {
            n = program.lower.count
            var rows: [([(Int, Double)], Double)] = []
            for j in 0..<n where program.upper[j].isFinite { rows.append(([(j, 1)], program.upper[j] - program.lower[j])) }
            for c in program.constraints {
                let shift = c.coefficients.reduce(0) { $0 + $1.1 * program.lower[$1.0] }
                if c.upper.isFinite { rows.append((c.coefficients, c.upper - shift)) }
                if c.lower.isFinite { rows.append((c.coefficients.map { ($0.0, -$0.1) }, -(c.lower - shift))) }
            }
            m = rows.count
            let negative = rows.indices.filter { rows[$0].1 < 0 }
            artificial = (n + m)..<(n + m + negative.count)
            width = n + m + negative.count + 1
            cells = Array(repeating: 0, count: m * width)
            basic = Array(repeating: 0, count: m)
            var a = artificial.lowerBound
            for (i, (coefficients, rhs)) in rows.enumerated() {
                let sign: Double = rhs < 0 ? -1 : 1
                for (j, c) in coefficients { cells[i * width + j] += sign * c }
                cells[i * width + n + i] = sign
                cells[i * width + width - 1] = sign * rhs
                if rhs < 0 {
                    cells[i * width + a] = 1
                    basic[i] = a
                    a += 1
                } else {
                    basic[i] = n + i
                }
            }
        }

        /// Minimises the artificials' sum; afterwards none can enter again.
        ///
        /// - Returns: whether the program is feasible.
        mutating func phaseOne() -> Bool {
            guard !artificial.isEmpty else { return true }
            var cost = Array(repeating: 0.0, count: width - 1)
            for j in artificial { cost[j] = 1 }
            guard let value = run(cost, allowed: width - 1), value < 1e-7 else { return false }
            // Drive artificials at 0 out of the basis where a real column can take their place.
            for i in 0..<m where artificial.contains(basic[i]) {
                if let j = (0..<artificial.lowerBound).first(where: { abs(cells[i * width + $0]) > 1e-7 }) { pivot(row: i, column: j) }
            }
            return true
        }

        /// The minimum of `sign × objective` over z (without the lower bounds' offset), from the current basis.
        ///
        /// - Returns: `nil` when unbounded.
        mutating func minimum(_ objective: [(Int, Double)], sign: Double) -> Double? {
            var cost = Array(repeating: 0.0, count: width - 1)
            for (j, c) in objective { cost[j] += sign * c }
            return run(cost, allowed: artificial.lowerBound)
        }

        /// The simplex over columns `0..<allowed`.
        ///
        /// - Returns: the optimum, or `nil` when unbounded.
        private mutating func run(_ cost: [Double], allowed: Int) -> Double? {
            let w = width, rhs = width - 1
            // Reduced costs of every column, and the objective's value.
            var reduced = cost + [0]
            for i in 0..<m {
                let cb = cost[basic[i]]
                guard cb != 0 else { continue }
                for j in 0..<w { reduced[j] -= cb * cells[i * w + j] }
            }
            var degenerate = 0
            while true {
                var entering = -1
                if degenerate < 50 {
                    var best = -RangeProgram.epsilon
                    for j in 0..<allowed where reduced[j] < best {
                        best = reduced[j]
                        entering = j
                    }
                } else {
                    entering = (0..<allowed).first { reduced[$0] < -RangeProgram.epsilon } ?? -1
                }
                guard entering >= 0 else { return -reduced[rhs] }
                var leaving = -1, ratio = Double.infinity
                for i in 0..<m {
                    let a = cells[i * w + entering]
                    guard a > RangeProgram.epsilon else { continue }
                    let r = cells[i * w + rhs] / a
                    if r < ratio - RangeProgram.epsilon || (r < ratio + RangeProgram.epsilon && leaving >= 0 && basic[i] < basic[leaving]) {
                        ratio = min(r, ratio)
                        leaving = i
                    }
                }
                guard leaving >= 0 else { return nil }
                degenerate = ratio < RangeProgram.epsilon ? degenerate + 1 : 0
                pivot(row: leaving, column: entering)
                let f = reduced[entering]
                for j in 0..<w { reduced[j] -= f * cells[leaving * w + j] }
                reduced[entering] = 0
            }
        }

        private mutating func pivot(row r: Int, column c: Int) {
            let w = width, m = m
            cells.withUnsafeMutableBufferPointer { t in
                let p = t[r * w + c]
                for j in 0..<w { t[r * w + j] /= p }
                t[r * w + c] = 1
                for i in 0..<m where i != r {
                    let f = t[i * w + c]
                    guard f != 0 else { continue }
                    for j in 0..<w where t[r * w + j] != 0 { t[i * w + j] -= f * t[r * w + j] }
                    t[i * w + c] = 0
                }
            }
            basic[r] = c
        }
    }
}
