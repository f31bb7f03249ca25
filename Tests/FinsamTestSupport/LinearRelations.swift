/// The linear relations between the columns of many sample vectors, learned as an outside intruder learns
/// them: from examples, not from the code that made them.
///
/// The samples' span is kept as a fully reduced row echelon basis. A column that is not a pivot of that
/// basis is, in every sample seen, a fixed combination of the pivot columns: that is one relation, and the
/// relations together are the null space of the samples × columns matrix. Once the samples span every vector
/// the generator can make (the rank stops growing), the relations are exactly those that hold for all of them.
///
///     var relations = LinearRelations(width: 3)
///     _ = relations.add([1, 2, 3])
///     _ = relations.add([2, 1, 3])
///     relations.relations  // column 2 = column 0 + column 1
///
/// Doubles with a relative tolerance, not exact rationals: the samples are small whole numbers, a few hundred
/// columns wide, and the relations found are checked against every later sample (``residual(_:)``).
public struct LinearRelations: Sendable {
    public let width: Int
    /// The basis, row after row (`rank` rows of `width`), each with a 1 in its pivot column and 0 in the
    /// other rows' pivot columns.
    private var basis: [Double] = []
    public private(set) var pivots: [Int] = []
    private var isPivot: [Bool]
    static let tolerance = 1e-8

    public init(width: Int) {
        self.width = width
        isPivot = Array(repeating: false, count: width)
    }

    public var rank: Int { pivots.count }

    /// `vector` less its part in the span of the samples so far.
    private func reduced(_ vector: [Double]) -> [Double] {
        var v = vector
        let w = width
        basis.withUnsafeBufferPointer { rows in
            v.withUnsafeMutableBufferPointer { v in
                for (k, p) in pivots.enumerated() where v[p] != 0 {
                    let f = v[p], row = k * w
                    for j in 0..<w where rows[row + j] != 0 { v[j] -= f * rows[row + j] }
                    v[p] = 0
                }
            }
        }
        return v
    }

    /// How far `vector` lies outside the span of the samples, relative to its largest entry: about 0 when every
    /// learned relation holds for it.
    public func residual(_ vector: [Double]) -> Double {
        let scale = max(1, vector.map(abs).max() ?? 1)
        return (reduced(vector).map(abs).max() ?? 0) / scale
    }

    /// Adds one sample.
    ///
    /// - Returns: whether it was outside the span so far (the rank grew).
    /// - Complexity: O(rank × width).
    public mutating func add(_ sample: [Double]) -> Bool {
        precondition(sample.count == width)
        let scale = max(1, sample.map(abs).max() ?? 1)
        var v = reduced(sample)
        guard let p = v.indices.filter({ !isPivot[$0] }).max(by: { abs(v[$0]) < abs(v[$1]) }), abs(v[p]) > Self.tolerance * scale else {
            return false
        }
        let f = v[p]
        for j in v.indices { v[j] /= f }
        v[p] = 1
        let w = width
        basis.withUnsafeMutableBufferPointer { rows in
            for k in pivots.indices {
                let row = k * w, g = rows[row + p]
                guard g != 0 else { continue }
                for j in 0..<w where v[j] != 0 { rows[row + j] -= g * v[j] }
                rows[row + p] = 0
            }
        }
        basis += v
        pivots.append(p)
        isPivot[p] = true
        return true
    }

    /// One relation per column that is not a pivot: `column = Σ coefficient × pivot column`, as sparse
    /// (pivot column, coefficient) pairs.
    public var relations: [(column: Int, combination: [(Int, Double)])] {
        (0..<width).filter { !isPivot[$0] }.map { f in
            (
                f,
                pivots.indices.compactMap { k in
                    let c = basis[k * width + f]
                    return abs(c) > Self.tolerance ? (pivots[k], c) : nil
                }
            )
        }
    }
}
