import Foundation

/// A table of many groups (a grouping by background dimensions has hundreds of thousands) written on every
/// core: its sorted rows cut into pieces, each piece formatted on a core into bytes of its own, and the
/// pieces handed on in order, so that the bytes are those of one pass, and at most `jobs` pieces are held.
extension AggregateWriter {
    /// Rows in a piece: about a megabyte of CSV, the size that ``Output/chunk`` hands on.
    static let pieceRows = 8192

    /// Holds what the cores share while they write pieces: read by all of them, changed by none.
    private final class Shared<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Each piece's bytes, set by the core that wrote it.
    private final class Pieces: @unchecked Sendable {
        var bytes: [[[UInt8]]]
        init(_ count: Int) { bytes = Array(repeating: [], count: count) }
    }

    /// Writes rows `0..<count` with `write` and hands their bytes to `sink` in order.
    ///
    /// `write(range, drain)` writes `range`'s rows, may hand finished chunks to `drain`, and returns the bytes
    /// left: the table's closing after the last row when `range` ends the table, its opening before the first
    /// when it starts it. With one job or a small table, the whole table is one piece, drained straight into
    /// `sink`; else pieces of ``pieceRows`` rows are written `jobs` at a time, each on a core.
    ///
    /// - Complexity: O(`count`) rows written, spread over `jobs` cores; at most `jobs` pieces held.
    static func inPieces(
        _ count: Int, jobs: Int, sink: ([UInt8]) -> Void, write: (Range<Int>, ([UInt8]) -> Void) -> [UInt8]
    ) {
        guard jobs > 1, count > pieceRows else {
            // (`sink` is called by `write` and after it, never during another call of its own.)
            withoutActuallyEscaping(sink) { sink in sink(write(0..<count, sink)) }
            return
        }
        let pieces = (count + pieceRows - 1) / pieceRows
        withoutActuallyEscaping(write) { write in
            let shared = Shared(write)
            let done = Pieces(jobs)
            var first = 0
            while first < pieces {
                let window = min(jobs, pieces - first)
                let from = first
                DispatchQueue.concurrentPerform(iterations: window) { k in
                    let piece = from + k
                    var drained: [[UInt8]] = []
                    let rest = shared.value(piece * pieceRows..<min(count, (piece + 1) * pieceRows)) { drained.append($0) }
                    done.bytes[k] = drained + [rest]
                }
                for k in 0..<window {
                    for bytes in done.bytes[k] { sink(bytes) }
                    done.bytes[k] = []
                }
                first += window
            }
        }
    }
}
