/// The deltagare table's key columns as ranks: each column's value in a group key maps, through a small
/// array, to its rank in the byte order of its text (NULL last), and the rank to its cell, encoded once.
/// A row's sort key is its columns' ranks side by side, so sorting orders the rows as DuckDB does, and the
/// sort key alone gives every cell back: writing a row is a shift, a mask and a copy per column, with no
/// optional to unwrap, no name to look up and no switch over the column's kind.
extension AggregateWriter {
    struct RankedColumn {
        /// Where the column's value is in a group key.
        let field: GroupKey.Field
        /// Value in the key → rank; a value past the end (the field's "not given") takes the last entry.
        let ranks: [UInt64]
        /// Rank → the cell's bytes; a rank past the end takes the last (NULL's).
        let cells: [[UInt8]]
        /// Where the rank is in the sort key (set once all columns are known).
        var shift: UInt64 = 0

        /// A column of `count` values, value `v` ranked `valueRanks[v]` with `cell(v)`, and "not given"
        /// ranked `nullRank` with `nullCell`. Every rank fits `field`'s width.
        init(field: GroupKey.Field, count: Int, valueRanks: [UInt64], cell: (Int) -> [UInt8], nullRank: UInt64, nullCell: [UInt8]) {
            self.field = field
            ranks = valueRanks + [nullRank]
            var cells = [[UInt8]](repeating: nullCell, count: Int(max(nullRank, valueRanks.max() ?? 0)) + 1)
            for v in 0..<count { cells[Int(valueRanks[v])] = cell(v) }
            cells[Int(nullRank)] = nullCell
            self.cells = cells
        }
    }

    /// Every column's ranks and cells in runs of plain values, for the loops over every group: a rank or a
    /// cell is found by a shift, a mask and a load or two, with no array to retain per column.
    struct RankedCells {
        /// Where each column's value is in a group key and its rank in the sort key, with its ranks and its
        /// cells (`first...last` in `ranks` and in `spans`).
        struct Column {
            var keyShift: UInt64, keyMask: UInt64, rankFirst: Int, rankLast: Int
            var shift: UInt64, mask: UInt64, first: Int, last: Int
        }

        private var ranks: [UInt64] = []
        /// The cells one after the other, and ``padding`` zeros after the last, so that every cell can be
        /// read in whole words (``ByteBuffer/append(overreading:count:)``).
        private var bytes: [UInt8] = []
        private var spans: [(start: Int, count: Int)] = []
        private var columns: [Column] = []

        static let padding = 16

        /// The cells of `ranked`; with `commas`, each column's but the first with a comma before it.
        init(_ ranked: [RankedColumn], commas: Bool) {
            for (c, column) in ranked.enumerated() {
                columns.append(
                    Column(
                        keyShift: column.field.shift, keyMask: column.field.none, rankFirst: ranks.count,
                        rankLast: ranks.count + column.ranks.count - 1, shift: column.shift, mask: column.field.none, first: spans.count,
                        last: spans.count + column.cells.count - 1))
                ranks += column.ranks
                for cell in column.cells {
                    let comma: [UInt8] = commas && c > 0 ? [UInt8(ascii: ",")] : []
                    spans.append((bytes.count, comma.count + cell.count))
                    bytes += comma + cell
                }
            }
            bytes += repeatElement(0, count: Self.padding)
        }

        /// The sort key of the group `key`: each column's rank at its place.
        func sortKey(_ key: UInt64) -> UInt64 {
            ranks.withUnsafeBufferPointer { ranks in
                columns.withUnsafeBufferPointer { columns in
                    var sort: UInt64 = 0
                    for column in columns {
                        let rank = ranks[min(column.rankFirst &+ Int(truncatingIfNeeded: key &>> column.keyShift & column.keyMask), column.rankLast)]
                        sort |= rank &<< column.shift
                    }
                    return sort
                }
            }
        }

        /// Calls `body` with a function that gives column `c`'s cell for a row's sort key, as the cell's
        /// first byte and its length; ``padding`` bytes past its end may be read. Valid in `body` only.
        func withCells<R>(_ body: ((Int, UInt64) -> (UnsafeRawPointer, Int)) -> R) -> R {
            bytes.withUnsafeBufferPointer { bytes in
                spans.withUnsafeBufferPointer { spans in
                    columns.withUnsafeBufferPointer { columns in
                        body { c, sort in
                            let column = columns[c]
                            let span = spans[min(column.first &+ Int(truncatingIfNeeded: sort &>> column.shift & column.mask), column.last)]
                            return (UnsafeRawPointer(bytes.baseAddress! + span.start), span.count)
                        }
                    }
                }
            }
        }
    }

    /// Gives each column its place in the sort key: the first column's rank in the top bits, the last's in
    /// the lowest, so that sorting by the key sorts by the columns in order.
    static func placeInSortKey(_ columns: inout [RankedColumn]) {
        var shift: UInt64 = 0
        for c in columns.indices.reversed() {
            columns[c].shift = shift
            shift += columns[c].field.width
        }
    }

    /// Sorts `rows` by their sort key, least significant byte first (a radix sort): keys are distinct
    /// integers, and eight passes at most (fewer: a byte that no key varies in is skipped) cost less than
    /// the comparisons of a sort for the hundreds of thousands of groups of a grouping by dimensions.
    ///
    /// - Complexity: O(n) per pass, with room for a second copy of `rows`.
    static func radixSort(_ rows: inout [(sort: UInt64, value: Int)]) {
        let n = rows.count
        guard n > 1 else { return }
        var counts = [Int](repeating: 0, count: 8 * 256)
        rows.withUnsafeBufferPointer { rows in
            counts.withUnsafeMutableBufferPointer { counts in
                for row in rows {
                    for byte in 0..<8 { counts[byte &* 256 &+ Int(truncatingIfNeeded: row.sort &>> UInt64(byte &* 8) & 0xFF)] &+= 1 }
                }
            }
        }
        var other = rows
        for byte in 0..<8 {
            // Every key has the same byte here: nothing to move.
            guard !counts[byte * 256..<byte * 256 + 256].contains(n) else { continue }
            var next = [Int](repeating: 0, count: 256)
            var total = 0
            for b in 0..<256 {
                next[b] = total
                total += counts[byte * 256 + b]
            }
            let shift = UInt64(byte * 8)
            rows.withUnsafeBufferPointer { from in
                other.withUnsafeMutableBufferPointer { to in
                    next.withUnsafeMutableBufferPointer { next in
                        for row in from {
                            let b = Int(truncatingIfNeeded: row.sort &>> shift & 0xFF)
                            to[next[b]] = row
                            next[b] &+= 1
                        }
                    }
                }
            }
            swap(&rows, &other)
        }
    }
}
