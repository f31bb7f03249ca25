/// The intruder's linear program over a whole ``LinkedCells`` set: one variable per cell that takes part in a
/// relation, every relation an equation, and per variable the bounds a reader knows (a shown count is fixed
/// at its value, a `<5` is 1 to 4, a `..` at least 0).
///
/// It is built once per report and shared by every question protection asks, because only the bounds change
/// between them: hiding a count widens its bounds, showing one fixes it. The equations are brought to a basis
/// once (Gauss–Jordan elimination), and each question is then a few pivots of the bounded-variable primal
/// simplex method, started from the point the last question ended at.
///
/// Why no phase 1: the true counts satisfy every equation and every bound a reader knows, so they are a
/// feasible point of every program protection ever asks about. Variables outside the basis may sit anywhere
/// between their bounds (the true counts rarely sit on one), and the method moves them only when that
/// improves the objective; a point where no variable outside the basis can improve it is optimal whatever
/// bounds the basic variables have (the reduced costs are the certificate). The same reduced costs tell which
/// fixed counts could move the objective further if they were hidden: ``stuck(_:_:)``.
///
/// The coefficients are small whole numbers, so double precision is exact to far below the half a person
/// that rounding a range to whole numbers needs (``DisclosureAudit`` rounds outward by 10⁻⁶).
struct AttackerProgram {
    /// Per cell of the set, its variable; `nil` for a cell in no relation (a reader knows it by its bounds).
    let variable: [Int?]
    /// Per variable, its cell.
    let cellOf: [Int]
    /// Per variable, the variables it shares a relation with: where showing it again can make a difference.
    private let adjacent: [[Int]]
    /// Per variable, the true count: a feasible point of every program.
    let truth: [Double]
    /// Per variable, the bounds a reader knows now (`upper` may be `.infinity`).
    /// The hidden and dots flags the bounds were last loaded for (``DisclosureAudit/load(_:_:hidden:dots:)``):
    /// a cell's bounds depend on its own flags only, so the next load looks at the cells whose flags changed.
    var loaded: (hidden: [Bool], dots: [Bool])?
    private(set) var lower: [Double]
    private(set) var upper: [Double]
    /// The current point: feasible at every step.
    private(set) var x: [Double]
    /// Per variable, the least and the greatest value seen at a feasible point since the bounds were last
    /// narrowed: a question already answered by a point on the way needs no program of its own.
    private(set) var seenLow: [Double]
    private(set) var seenHigh: [Double]
    /// The variables fall apart into blocks that share no relation (numbered so that each block's variables
    /// are consecutive); each block keeps its own equations in basis form, so that a pivot costs the
    /// block's size, not the report's.
    private var blocks: [Block]
    /// Per variable, its block.
    private let blockOf: [Int]
    /// Per variable, its row in its block's basis, or −1.
    private var rowOf: [Int]
    let n: Int
    /// Relations the true counts do not keep, left out: a declaration error (a test checks there are none).
    private(set) var broken = 0
    /// Pivots done, for the measurements in the issue notes and tests.
    private(set) var pivots = 0

    static let epsilon = 1e-9

    /// One block's equations in basis form, B⁻¹A: `rows` rows over the block's columns, the basic columns a
    /// unit matrix.
    private struct Block {
        var columns: Range<Int>
        var rows: Int
        var t: [Double]
        var basis: [Int]
        var width: Int { columns.count }
    }

    /// How many equations the program keeps, over all blocks.
    var rows: Int { blocks.reduce(0) { $0 + $1.rows } }

    /// The program over every relation of `cells` that the true counts keep (a relation they do not keep is
    /// an error of the report's relations and no relation a reader can use), every variable fixed at its true
    /// count.
    ///
    /// - Complexity: O(Σ m_b² · n_b) over the blocks (the elimination).
    init(_ cells: LinkedCells) {
        var kept: [[(cell: Int, coefficient: Int)]] = []
        var broken = 0
        for relation in cells.relations {
            guard relation.terms.reduce(0, { $0 + $1.coefficient * cells.cells[$1.cell].value }) == 0 else {
                broken += 1
                continue
            }
            kept.append(relation.terms)
        }
        // Blocks: cells joined by a relation (union–find), then numbered block by block.
        var parent: [Int: Int] = [:]
        func find(_ c: Int) -> Int {
            var c = c
            while let p = parent[c], p != c {
                parent[c] = parent[p]
                c = p
            }
            return c
        }
        for terms in kept {
            for t in terms where parent[t.cell] == nil { parent[t.cell] = t.cell }
            for t in terms.dropFirst() {
                let a = find(terms[0].cell), b = find(t.cell)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var members: [Int: [Int]] = [:]
        for c in parent.keys.sorted() { members[find(c), default: []].append(c) }
        var variable = [Int?](repeating: nil, count: cells.cells.count)
        var cellOf: [Int] = []
        var blockOf: [Int] = []
        var blocks: [Block] = []
        var blockOfRoot: [Int: Int] = [:]
        for root in members.keys.sorted() {
            let start = cellOf.count
            for c in members[root]! {
                variable[c] = cellOf.count
                cellOf.append(c)
                blockOf.append(blocks.count)
            }
            blockOfRoot[root] = blocks.count
            blocks.append(Block(columns: start..<cellOf.count, rows: 0, t: [], basis: []))
        }
        var rowsOfBlock = [[[(cell: Int, coefficient: Int)]]](repeating: [], count: blocks.count)
        for terms in kept { rowsOfBlock[blockOfRoot[find(terms[0].cell)]!].append(terms) }
        var adjacent = [Set<Int>](repeating: [], count: cellOf.count)
        for terms in kept {
            let vs = terms.map { variable[$0.cell]! }
            for v in vs { adjacent[v].formUnion(vs) }
        }
        self.variable = variable
        self.cellOf = cellOf
        self.blockOf = blockOf
        self.broken = broken
        self.adjacent = adjacent.map { $0.sorted() }
        let n = cellOf.count
        self.n = n
        truth = cellOf.map { Double(cells.cells[$0].value) }
        (lower, upper, x, seenLow, seenHigh) = (truth, truth, truth, truth, truth)
        rowOf = [Int](repeating: -1, count: n)
        for b in blocks.indices {
            let columns = blocks[b].columns, width = columns.count
            let relations = rowsOfBlock[b]
            var a = [Double](repeating: 0, count: relations.count * width)
            for (r, terms) in relations.enumerated() {
                for term in terms { a[r * width + variable[term.cell]! - columns.lowerBound] += Double(term.coefficient) }
            }
            let (t, basis, rows) = Self.eliminate(a, rows: relations.count, columns: width)
            blocks[b].t = t
            blocks[b].rows = rows
            blocks[b].basis = basis.map { $0 + columns.lowerBound }
            for (r, v) in blocks[b].basis.enumerated() { rowOf[v] = r }
        }
        self.blocks = blocks
    }

    /// Gauss–Jordan elimination with the largest entry of each row as its pivot; rows that come out zero (a
    /// relation that follows from others) are dropped.
    ///
    /// - Returns: the rows in basis form, the basic variable of each, and how many rows are left.
    private static func eliminate(_ a: [Double], rows m: Int, columns n: Int) -> ([Double], [Int], Int) {
        var a = a
        var basis: [Int] = []
        var kept = 0
        a.withUnsafeMutableBufferPointer { a in
            for r in 0..<m {
                // Row r, already reduced by the pivots before it, moves up to position `kept`.
                if r != kept { for j in 0..<n { a[kept * n + j] = a[r * n + j] } }
                var pivot = -1
                var largest = 1e-7
                for j in 0..<n where abs(a[kept * n + j]) > largest {
                    largest = abs(a[kept * n + j])
                    pivot = j
                }
                guard pivot >= 0 else { continue }
                let p = a[kept * n + pivot]
                var nonzero: [Int] = []
                for j in 0..<n where a[kept * n + j] != 0 {
                    a[kept * n + j] /= p
                    nonzero.append(j)
                }
                for i in 0..<m where i != kept && (i < kept || i > r) {
                    let f = a[i * n + pivot]
                    guard abs(f) > epsilon else { continue }
                    for j in nonzero { a[i * n + j] -= f * a[kept * n + j] }
                    a[i * n + pivot] = 0
                }
                basis.append(pivot)
                kept += 1
            }
        }
        return (Array(a[0..<(kept * n)]), basis, kept)
    }

    // MARK: Bounds

    /// Gives each variable of `bounds` its new least and greatest value. Widening keeps the current point and
    /// what was seen; narrowing any goes back to the true counts (always feasible) and forgets what was seen.
    ///
    /// - Complexity: O(n) when a bound narrows, else O(bounds.count).
    mutating func setBounds(_ bounds: [(variable: Int, low: Double, high: Double)]) {
        var narrower = false
        for (v, low, high) in bounds {
            narrower = narrower || low > lower[v] || high < upper[v]
            (lower[v], upper[v]) = (low, high)
        }
        if narrower { restart() }
    }

    /// Back to the true counts, with nothing seen but them.
    mutating func restart() {
        x = truth
        seenLow = truth
        seenHigh = truth
    }

    // MARK: Moving

    /// Moves variable `v` as far as the program lets it go in `direction` (+1 up, −1 down), stopping early
    /// once it reaches `goal`.
    ///
    /// - Returns: the value reached: the optimum, or a value at or past `goal`, or ±infinity when unbounded.
    /// - Complexity: O(rows · n) per pivot; a few pivots from a point near the last optimum.
    mutating func push(_ v: Int, _ direction: Double, until goal: Double) -> Double {
        let limit = 50 * (blocks[blockOf[v]].rows + blocks[blockOf[v]].width) + 100
        var degenerate = 0
        for _ in 0..<limit {
            if direction * x[v] >= direction * goal - 1e-7 { return x[v] }
            guard let (k, dk) = entering(v, direction, bland: degenerate > 20) else { return x[v] }
            let (theta, leaving) = ratio(k, dk)
            guard theta.isFinite else { return direction * .infinity }
            degenerate = theta < Self.epsilon ? degenerate + 1 : 0
            step(k, dk, theta, leaving)
        }
        // Not reached in practice (Bland's rule cannot cycle); the point is feasible all the same.
        return x[v]
    }

    /// The variable outside the basis to move so that `v` moves in `direction`, and its own direction; `nil`
    /// at the optimum. Largest effect first, or the lowest index (Bland's rule) after degenerate steps.
    private func entering(_ v: Int, _ direction: Double, bland: Bool) -> (Int, Double)? {
        let r = rowOf[v]
        guard r >= 0 else { return hasRoom(v, direction) ? (v, direction) : nil }
        let block = blocks[blockOf[v]]
        var best: (Int, Double)?
        var largest = 0.0
        let base = r * block.width
        for k in block.columns where rowOf[k] < 0 {
            let t = block.t[base + k - block.columns.lowerBound]
            guard abs(t) > Self.epsilon else { continue }
            // x_v moves by −t per unit of x_k.
            let dk = t > 0 ? -direction : direction
            guard hasRoom(k, dk) else { continue }
            if bland { return (k, dk) }
            if abs(t) > largest {
                largest = abs(t)
                best = (k, dk)
            }
        }
        return best
    }

    private func hasRoom(_ k: Int, _ dk: Double) -> Bool {
        dk > 0 ? x[k] < upper[k] - Self.epsilon : x[k] > lower[k] + Self.epsilon
    }

    /// How far `k` can move in `dk` before it or a basic variable meets a bound, and the row that blocks it
    /// (`nil`: `k`'s own bound, or nothing).
    private func ratio(_ k: Int, _ dk: Double) -> (Double, Int?) {
        let block = blocks[blockOf[k]]
        let column = k - block.columns.lowerBound
        var theta = dk > 0 ? upper[k] - x[k] : x[k] - lower[k]
        var leaving: Int?
        for i in 0..<block.rows {
            let t = block.t[i * block.width + column]
            guard abs(t) > Self.epsilon else { continue }
            let b = block.basis[i]
            let delta = -t * dk
            let room = delta > 0 ? (upper[b] - x[b]) / delta : (x[b] - lower[b]) / -delta
            let r = max(room, 0)
            // Ties go to the lowest basic variable (Bland's rule); a tie with `k`'s own bound to the bound.
            let better = r < theta - Self.epsilon || (abs(r - theta) <= Self.epsilon && leaving.map { b < block.basis[$0] } == true)
            if better {
                theta = r
                leaving = i
            }
        }
        return (theta, leaving)
    }

    private mutating func step(_ k: Int, _ dk: Double, _ theta: Double, _ leaving: Int?) {
        let b = blockOf[k]
        let columns = blocks[b].columns, width = columns.count, column = k - columns.lowerBound
        if theta > 0 {
            x[k] += dk * theta
            for i in 0..<blocks[b].rows {
                let t = blocks[b].t[i * width + column]
                if t != 0 { x[blocks[b].basis[i]] -= t * dk * theta }
            }
        }
        if let l = leaving {
            let v = blocks[b].basis[l]
            // The leaving variable sits exactly on the bound it met.
            x[v] = abs(x[v] - lower[v]) < abs(x[v] - upper[v]) ? lower[v] : upper[v]
            pivot(b, l, k)
        }
        for v in columns {
            if x[v] < seenLow[v] { seenLow[v] = x[v] }
            if x[v] > seenHigh[v] { seenHigh[v] = x[v] }
        }
    }

    private mutating func pivot(_ b: Int, _ r: Int, _ k: Int) {
        pivots += 1
        // Scalars only: a copy of the block held here would make its tableau shared, and the mutation below
        // would copy all of it at every pivot.
        let n = blocks[b].width, rows = blocks[b].rows, k0 = k - blocks[b].columns.lowerBound, leaving = blocks[b].basis[r]
        blocks[b].t.withUnsafeMutableBufferPointer { t in
            let p = t[r * n + k0]
            // The pivot row is sparse (relations have a handful of terms): only its nonzero columns change
            // the other rows.
            var nonzero: [Int] = []
            for j in 0..<n where t[r * n + j] != 0 {
                t[r * n + j] /= p
                nonzero.append(j)
            }
            for i in 0..<rows where i != r {
                let f = t[i * n + k0]
                guard f != 0 else { continue }
                for j in nonzero { t[i * n + j] -= f * t[r * n + j] }
                t[i * n + k0] = 0
            }
        }
        rowOf[leaving] = -1
        blocks[b].basis[r] = k
        rowOf[k] = r
    }

    // MARK: What would help

    /// The variables that share a relation with `v` (`v` among them).
    func neighbours(_ v: Int) -> [Int] { adjacent[v] }

    /// At an optimum of `v` in `direction`: the variables outside the basis that would move `v` further if
    /// their bounds were wider, each with the direction it would move in and how much `v` gains per unit.
    /// Widening any other variable cannot move the optimum (its reduced cost is 0).
    ///
    /// - Complexity: O(n).
    func stuck(_ v: Int, _ direction: Double) -> [(variable: Int, direction: Double, gain: Double)] {
        let r = rowOf[v]
        guard r >= 0 else { return [] }
        let block = blocks[blockOf[v]]
        var out: [(variable: Int, direction: Double, gain: Double)] = []
        for k in block.columns where rowOf[k] < 0 {
            let t = block.t[r * block.width + k - block.columns.lowerBound]
            guard abs(t) > Self.epsilon else { continue }
            out.append((k, t > 0 ? -direction : direction, abs(t)))
        }
        return out
    }
}
