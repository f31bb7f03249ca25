/// Splits one plain line into cells for the known-cell path (``RecordDecoder/split(_:delimiter:ends:)``):
/// eight bytes at a time through ``scanWord()``, the last few bytes through ``scanTail()``.
///
/// A line is plain when it holds no NUL, no CR other than just before its LF, no quote other than around a
/// whole cell, and no line break inside quotes; anything else is left to the full path.
struct LineSplitter {
    let base: UnsafePointer<UInt8>
    let count: Int
    let delimiter: UInt8
    /// Each cell's end offset, filled as cells are found.
    let ends: UnsafeMutableBufferPointer<Int>
    let delimiters: UInt64
    var cells = 0
    /// The offset of the line's CR, or -1.
    var cr = -1
    /// The next byte to look at.
    var i = 0

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// How a word's scan ended: go on with the next word, at the line's LF (at that offset), or with a
    /// line that is not plain.
    enum WordScan { case more, lineFeed(Int), refused }

    init(base: UnsafePointer<UInt8>, count: Int, delimiter: UInt8, ends: UnsafeMutableBufferPointer<Int>) {
        self.base = base
        self.count = count
        self.delimiter = delimiter
        self.ends = ends
        delimiters = UInt64(delimiter) &* Self.ones
    }

    /// The high bit of every byte of `v` that is zero, and of no other.
    @inline(__always) static func zeros(_ v: UInt64) -> UInt64 { ~(((v & lows) &+ lows) | v | lows) }

    /// Every bit below the lowest set bit of `bits` (all bits when none is set).
    @inline(__always) static func below(_ bits: UInt64) -> UInt64 { bits == 0 ? ~0 : (bits & (0 &- bits)) &- 1 }

    /// Notes a cell ending at `end`; `false` when the line has more cells than `ends` holds.
    @inline(__always) mutating func addCell(endingAt end: Int) -> Bool {
        guard cells < ends.count else { return false }
        ends[cells] = end
        cells += 1
        return true
    }

    /// Notes every cell ending at a delimiter whose high bit is set in `found` (offsets from `i`).
    @inline(__always) mutating func addCells(_ found: UInt64) -> Bool {
        var found = found
        while found != 0 {
            guard addCell(endingAt: i + found.trailingZeroBitCount >> 3) else { return false }
            found &= found &- 1
        }
        return true
    }

    /// The line ends at the LF at `lf`: its last cell ends there (or at the CR right before it).
    /// - Returns: The number of cells and the line's length with its LF; `nil` when a CR stands elsewhere.
    @inline(__always) mutating func finish(lineFeedAt lf: Int) -> (cells: Int, length: Int)? {
        guard cr < 0 || cr == lf - 1 else { return nil }
        return addCell(endingAt: cr < 0 ? lf : cr) ? (cells, lf + 1) : nil
    }

    /// Past the quoted cell opening at `at`, which must start its cell and close right before a
    /// delimiter or line end, with only doubled quotes and no line break or NUL inside.
    /// - Returns: The offset after the closing quote, or `nil` when the cell is not plain.
    @inline(__always) func skipQuoted(at: Int) -> Int? {
        guard at == (cells == 0 ? 0 : ends[cells - 1] + 1) else { return nil }
        var j = at + 1
        while j < count {
            switch base[j] {
            case 0x22:
                if j + 1 < count && base[j + 1] == 0x22 {
                    j += 2
                    continue
                }
                guard j + 1 < count, base[j + 1] == delimiter || base[j + 1] == 0x0D || base[j + 1] == 0x0A else { return nil }
                return j + 1
            case 0x0A, 0x0D, 0: return nil
            default: j += 1
            }
        }
        return nil
    }

    /// Scans the eight bytes at `i` (there must be eight), noting their cells and moving `i` on.
    @inline(__always) mutating func scanWord() -> WordScan {
        let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        let quote = Self.zeros(w ^ 0x22 &* Self.ones)
        // Most words hold no quote and no byte below 0x0E (NUL, LF, CR): only their delimiters matter.
        // (A byte below 0x0E sets some high bit here, though not always its own: enough to tell.)
        if quote | ((w &- 0x0E &* Self.ones) & ~w & ~Self.lows) == 0 {
            guard addCells(Self.zeros(w ^ delimiters)) else { return .refused }
            i += 8
            return .more
        }
        let lf = Self.zeros(w ^ 0x0A &* Self.ones)
        // Only the bytes before the first LF belong to this line, and those before a quote to this pass.
        let line = Self.below(lf)
        let plain = line & Self.below(quote)
        if Self.zeros(w) & plain != 0 { return .refused }
        let crs = Self.zeros(w ^ 0x0D &* Self.ones) & plain
        if crs != 0 {
            guard cr < 0, crs & (crs &- 1) == 0 else { return .refused }
            cr = i + crs.trailingZeroBitCount >> 3
        }
        guard addCells(Self.zeros(w ^ delimiters) & plain) else { return .refused }
        if quote & line != 0 {
            guard let after = skipQuoted(at: i + quote.trailingZeroBitCount >> 3) else { return .refused }
            i = after
            return .more
        }
        if lf != 0 { return .lineFeed(i + lf.trailingZeroBitCount >> 3) }
        i += 8
        return .more
    }

    /// Scans the bytes from `i` to the end one at a time (fewer than eight are left, or a quoted cell
    /// ended near the end).
    /// - Returns: As ``finish(lineFeedAt:)``; `nil` also when there is no LF.
    @inline(__always) mutating func scanTail() -> (cells: Int, length: Int)? {
        while i < count {
            switch base[i] {
            case 0x0A: return finish(lineFeedAt: i)
            case 0: return nil
            case 0x22:
                guard let after = skipQuoted(at: i) else { return nil }
                i = after
                continue
            case 0x0D:
                guard cr < 0 else { return nil }
                cr = i
            case delimiter:
                guard addCell(endingAt: i) else { return nil }
            default: break
            }
            i += 1
        }
        return nil
    }
}
