/// A small linear program: the least and the greatest value of one variable subject to equalities and
/// bounds, solved by the two-phase simplex method with Bland's rule (which cannot cycle).
///
/// The disclosure audit asks it, for every hidden count, how low and how high an intruder can prove that
/// count to be. The programs are small (the hidden counts of one connected part of a report) and their
/// coefficients are −1, 0 and 1, so a dense tableau in double precision is exact to far below the half a
/// person that rounding to a bound needs: ``DisclosureAudit`` rounds each optimum outward by 10⁻⁶ before
/// taking the whole number it implies. Phase 1 (a feasible point) is solved once for both optima.
struct BoundedSimplex {
    /// `Σ coefficient · x[variable] = rhs`.
    struct Equation {
        var terms: [(variable: Int, coefficient: Double)]
        var rhs: Double
    }

    var lower: [Double]
    /// `nil`: no upper bound.
    var upper: [Double?]
    var equations: [Equation]

    enum Outcome: Equatable {
        case optimum(Double)
        case unbounded
        case infeasible
    }

    /// The least and the greatest value of `x[variable]` over the feasible set.
    ///
    /// - Returns: each optimum, `.unbounded` when the variable can grow without limit, or `.infeasible` when
    ///   no point satisfies the constraints (which true counts always do: the caller treats it as an error).
    /// - Complexity: O(m · n) per pivot for m constraints and n columns.
    func range(of variable: Int) -> (low: Outcome, high: Outcome) {
        var tableau = Tableau(self)
        guard tableau.findFeasiblePoint() else { return (.infeasible, .infeasible) }
        var second = tableau
        let low: Outcome = tableau.optimise(variable, sign: 1).map { .optimum($0 + lower[variable]) } ?? .unbounded
        let high: Outcome = second.optimise(variable, sign: -1).map { .optimum(-$0 + lower[variable]) } ?? .unbounded
        return (low, high)
    }

    /// The simplex tableau in one flat array: m constraint rows and an objective row, each `width + 1`
    /// long (the last entry the right-hand side). Flat and scanned through buffer pointers, since the audit
    /// runs thousands of these for one report.
    private struct Tableau {
        var t: [Double]
        var basis: [Int]
        let m: Int
        /// Structural columns (shifted variables and upper-bound slacks); artificials follow.
        let columns: Int
        let width: Int
        let epsilon = 1e-9

        init(_ program: BoundedSimplex) {
            // Shift every variable to y = x − lower ≥ 0, add a slack row y + s = upper − lower per upper
            // bound, make each right-hand side non-negative, then add one artificial per row.
            let n = program.lower.count
            let bounded = (0..<n).filter { program.upper[$0] != nil }
            columns = n + bounded.count
            m = program.equations.count + bounded.count
            width = columns + m
            let stride = width + 1
            t = [Double](repeating: 0, count: (m + 1) * stride)
            basis = [Int](repeating: 0, count: m)
            var row = 0
            for equation in program.equations {
                var b = equation.rhs
                for term in equation.terms {
                    t[row * stride + term.variable] += term.coefficient
                    b -= term.coefficient * program.lower[term.variable]
                }
                t[row * stride + width] = b
                row += 1
            }
            for (s, j) in bounded.enumerated() {
                t[row * stride + j] = 1
                t[row * stride + n + s] = 1
                t[row * stride + width] = program.upper[j]! - program.lower[j]
                row += 1
            }
            for i in 0..<m {
                if t[i * stride + width] < 0 { for j in 0...width { t[i * stride + j] = -t[i * stride + j] } }
                t[i * stride + columns + i] = 1
                basis[i] = columns + i
            }
        }

        private mutating func pivot(_ r: Int, _ c: Int) {
            let stride = width + 1, m = m, width = width, epsilon = epsilon
            t.withUnsafeMutableBufferPointer { t in
                let p = t[r * stride + c]
                for j in 0...width { t[r * stride + j] /= p }
                for i in 0...m where i != r {
                    let f = t[i * stride + c]
                    guard abs(f) > epsilon else { continue }
                    for j in 0...width { t[i * stride + j] -= f * t[r * stride + j] }
                }
            }
            basis[r] = c
        }

        /// Minimises the objective row; only structural columns enter. Returns false when unbounded.
        private mutating func run() -> Bool {
            let stride = width + 1, objective = m * stride
            while true {
                guard let entering = (0..<columns).first(where: { t[objective + $0] < -epsilon }) else { return true }
                var leaving: Int?
                var best = Double.infinity
                for i in 0..<m where t[i * stride + entering] > epsilon {
                    let ratio = t[i * stride + width] / t[i * stride + entering]
                    if ratio < best - epsilon || (abs(ratio - best) <= epsilon && basis[i] < basis[leaving!]) {
                        best = ratio
                        leaving = i
                    }
                }
                guard let leaving else { return false }
                pivot(leaving, entering)
            }
        }

        /// Phase 1: minimises the sum of artificials. Returns false when the constraints have no solution.
        mutating func findFeasiblePoint() -> Bool {
            let stride = width + 1, objective = m * stride
            for i in 0..<m {
                for j in 0..<columns { t[objective + j] -= t[i * stride + j] }
                t[objective + width] -= t[i * stride + width]
            }
            _ = run()
            if -t[objective + width] > 1e-7 { return false }
            // Drive artificials out of the basis where possible (degenerate rows).
            for i in 0..<m where basis[i] >= columns {
                if let c = (0..<columns).first(where: { abs(t[i * stride + $0]) > epsilon }) { pivot(i, c) }
            }
            return true
        }

        /// Phase 2: minimises `sign · y[variable]`. Returns the optimum of `sign · y`, or nil when unbounded.
        mutating func optimise(_ variable: Int, sign: Double) -> Double? {
            let stride = width + 1, objective = m * stride
            for j in 0...width { t[objective + j] = 0 }
            t[objective + variable] = sign
            for i in 0..<m {
                let f = t[objective + basis[i]]
                guard abs(f) > epsilon else { continue }
                for j in 0...width { t[objective + j] -= f * t[i * stride + j] }
            }
            guard run() else { return nil }
            return -t[objective + width]
        }
    }
}
