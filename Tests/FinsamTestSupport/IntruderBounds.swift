/// What an outside intruder can work out about each hidden count: the least and the greatest value it can
/// have, given every shown count, the relations learned between counts (``LinearRelations``) and what each
/// mark means (`<5` is 1–4, `..` at least 0 or 1, every count at least 0).
///
/// The relations are first solved for the hidden counts (a reduced row echelon form: some hidden counts are
/// fixed combinations of the others), the hidden counts split into groups that no relation joins, and each
/// group bounded by linear programming (``RangeProgram``): the least and greatest value of every count in it.
public enum IntruderBounds {
    /// What a reader knows about one count.
    public enum Knowledge: Sendable, Equatable {
        case shown(Double)
        case hidden(lower: Double, upper: Double)
    }

    /// The bounds found, and how far the learned relations miss the shown counts (about 0 when the relations
    /// hold for this report; a larger value means they were learned from too few samples).
    public struct Outcome: Sendable {
        /// Per column of the relations: `nil` for a shown count, else its least and greatest value.
        public var ranges: [(min: Double, max: Double)?]
        public var inconsistency: Double
    }

    /// Bounds every hidden column of `knowledge` (one entry per column of `relations`).
    ///
    /// - Returns: the ranges; `nil` when the marks and the relations contradict each other (no values fit).
    public static func bound(_ knowledge: [Knowledge], relations: LinearRelations) -> Outcome? {
        precondition(knowledge.count == relations.width)
        var local: [Int: Int] = [:], hidden: [Int] = []
        var lower: [Double] = [], upper: [Double] = []
        for (c, k) in knowledge.enumerated() {
            if case .hidden(let lo, let hi) = k {
                local[c] = hidden.count
                hidden.append(c)
                lower.append(lo)
                upper.append(hi)
            }
        }
        let h = hidden.count
        // Each relation, column = Σ coefficient × pivot column, as Σ over hidden = constant.
        var rows: [[Double]] = [], rhs: [Double] = []
        var inconsistency = 0.0
        func value(_ c: Int) -> Double? { if case .shown(let v) = knowledge[c] { v } else { nil } }
        for (column, combination) in relations.relations {
            var row = Array(repeating: 0.0, count: h), constant = 0.0, any = false, scale = 1.0
            for (c, coefficient) in [(column, -1.0)] + combination {
                if let v = value(c) {
                    constant -= coefficient * v
                    scale = max(scale, abs(coefficient * v))
                } else {
                    row[local[c]!] += coefficient
                    any = true
                }
            }
            if any {
                rows.append(row)
                rhs.append(constant)
            } else {
                inconsistency = max(inconsistency, abs(constant) / scale)
            }
        }
        // Reduced row echelon form over the hidden counts.
        var pivotOf: [Int: Int] = [:]  // hidden column → its row
        var r = 0
        for col in 0..<h where r < rows.count {
            guard let best = (r..<rows.count).max(by: { abs(rows[$0][col]) < abs(rows[$1][col]) }), abs(rows[best][col]) > 1e-9 else { continue }
            rows.swapAt(r, best)
            rhs.swapAt(r, best)
            let p = rows[r][col]
            for j in 0..<h { rows[r][j] /= p }
            rhs[r] /= p
            let pivotRow = rows[r]
            for i in rows.indices where i != r && abs(rows[i][col]) > 0 {
                let f = rows[i][col]
                for j in 0..<h where pivotRow[j] != 0 { rows[i][j] -= f * pivotRow[j] }
                rows[i][col] = 0
                rhs[i] -= f * rhs[r]
            }
            pivotOf[col] = r
            r += 1
        }
        for i in r..<rows.count { inconsistency = max(inconsistency, abs(rhs[i]) / max(1, abs(rhs[i]))) }
        // A pivot count p = rhs − Σ coefficient × free count; groups of free counts joined by a pivot row.
        let free = (0..<h).filter { pivotOf[$0] == nil }
        var parent = Array(0..<h)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var terms: [Int: [(Int, Double)]] = [:]
        for (p, row) in pivotOf {
            let t = free.compactMap { f in abs(rows[row][f]) > 1e-9 ? (f, rows[row][f]) : nil }
            terms[p] = t
            for (f, _) in t { parent[root(f)] = root(p) }
        }
        var ranges: [(min: Double, max: Double)?] = Array(repeating: nil, count: knowledge.count)
        var groups: [Int: [Int]] = [:]
        for x in 0..<h { groups[root(x), default: []].append(x) }
        for members in groups.values {
            let freeMembers = members.filter { pivotOf[$0] == nil }
            if freeMembers.isEmpty {
                for p in members { ranges[hidden[p]] = (rhs[pivotOf[p]!], rhs[pivotOf[p]!]) }
                continue
            }
            if members.count == 1 {
                ranges[hidden[members[0]]] = (lower[members[0]], upper[members[0]])
                continue
            }
            var index: [Int: Int] = [:]
            for (i, f) in freeMembers.enumerated() { index[f] = i }
            var program = RangeProgram(lower: freeMembers.map { lower[$0] }, upper: freeMembers.map { upper[$0] })
            let pivots = members.filter { pivotOf[$0] != nil }
            for p in pivots {
                // lower_p ≤ rhs − Σ c f ≤ upper_p  ⇔  rhs − upper_p ≤ Σ c f ≤ rhs − lower_p
                let b = rhs[pivotOf[p]!]
                program.constrain(terms[p]!.map { (index[$0.0]!, $0.1) }, lower: b - upper[p], upper: b - lower[p])
            }
            let objectives = freeMembers.map { [(index[$0]!, 1.0)] } + pivots.map { p in terms[p]!.map { (index[$0.0]!, -$0.1) } }
            guard let found = program.ranges(of: objectives) else { return nil }
            for (f, range) in zip(freeMembers, found) { ranges[hidden[f]] = range }
            for (p, range) in zip(pivots, found.dropFirst(freeMembers.count)) {
                let b = rhs[pivotOf[p]!]
                ranges[hidden[p]] = (b + range.min, b + range.max)
            }
        }
        return Outcome(ranges: ranges, inconsistency: inconsistency)
    }
}
