/// Finds the structure of CSV bytes sixty-four bytes at a time: every delimiter, CR and LF that stands
/// outside quotes, in order, for the known-cell path (``RecordDecoder/decodeKnownLines``).
///
/// A block of 64 bytes is read as four `SIMD16<UInt8>`, each compared with a character sixteen bytes at once
/// (`.==`, one vector compare, whose mask has every bit of a matching byte set). The high bits are gathered
/// into one bit per byte (``ByteVector/highBits(_:)``: one instruction on x86-64), giving the block's
/// structure mask.
/// Which bytes stand inside quotes is the prefix XOR of the quote mask (simdjson's and simdcsv's trick): a
/// bit is set from an opening quote up to the closing one, a doubled quote inside turns it off and on again,
/// and the state at a block's end is carried into the next. Most blocks hold no quote at all, and then the
/// quote mask is not even gathered. Delimiters and line breaks inside quotes are dropped from the block's
/// mask at once; no byte is looked at one at a time.
///
/// The scan must start at a record's first byte (outside quotes). Its answers are right as long as every
/// cell before the one being read is well formed: plain, or quoted from its first byte to its last with
/// only doubled quotes inside (``isWellFormed(_:)``). A cell that is not is the caller's to refuse, and
/// reading goes on from the next record with a new scanner.
struct BlockScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    private let delimiter: UInt8
    /// The current block's first byte (negative before the first block).
    private var blockStart = -64
    /// Structure bits of the current block not yet returned by ``next()``.
    private var pending: UInt64 = 0
    /// All ones when the previous block ended inside quotes.
    private var inside: UInt64 = 0

    static let blockBytes = 64

    init(base: UnsafePointer<UInt8>, count: Int, delimiter: UInt8) {
        self.base = base
        self.count = count
        self.delimiter = delimiter
    }

    /// All ones in every byte of `v` equal to `c`'s, zero in the others: one vector compare (the lanes of
    /// the comparison's mask, as bytes).
    @inline(__always) static func equal(_ v: SIMD16<UInt8>, _ c: SIMD16<UInt8>) -> SIMD16<UInt8> {
        unsafeBitCast(v .== c, to: SIMD16<UInt8>.self)
    }

    /// Bit `k` set for every byte `k` of `v` whose high bit is set (``ByteVector/highBits(_:)``).
    @inline(__always) static func bits(_ v: SIMD16<UInt8>) -> UInt64 { ByteVector.highBits(v) }

    /// Each bit the XOR of itself and every bit below it: set from an opening quote up to (not including)
    /// its closing one.
    @inline(__always) static func prefixXOR(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x << 1
        x ^= x << 2
        x ^= x << 4
        x ^= x << 8
        x ^= x << 16
        x ^= x << 32
        return x
    }

    /// The structure outside quotes of the 64 bytes at `p`, with the quote state carried on.
    @inline(__always) mutating func block(_ p: UnsafeRawPointer) -> UInt64 {
        let delimiters = SIMD16<UInt8>(repeating: delimiter)
        var structure: UInt64 = 0
        var quoteHighs = SIMD16<UInt8>(repeating: 0)
        for k in 0..<4 {
            let v = p.loadUnaligned(fromByteOffset: 16 &* k, as: SIMD16<UInt8>.self)
            quoteHighs |= Self.equal(v, SIMD16(repeating: 0x22))
            let found = Self.equal(v, delimiters) | Self.equal(v, SIMD16(repeating: 0x0A)) | Self.equal(v, SIMD16(repeating: 0x0D))
            structure |= Self.bits(found) << UInt64(16 &* k)
        }
        // Most blocks hold no quote: outside quotes, their structure is all that was found.
        if Self.bits(quoteHighs) == 0 && inside == 0 { return structure }
        var quotes: UInt64 = 0
        for k in 0..<4 {
            let v = p.loadUnaligned(fromByteOffset: 16 &* k, as: SIMD16<UInt8>.self)
            quotes |= Self.bits(Self.equal(v, SIMD16(repeating: 0x22))) << UInt64(16 &* k)
        }
        let quoted = Self.prefixXOR(quotes) ^ inside
        inside = 0 &- (quoted >> 63)
        return structure & ~quoted
    }

    /// Scans the next block: a whole one in place, the last (shorter) one from a copy after zeros
    /// (``tailBlock()``).
    @inline(__always) private mutating func advance() {
        blockStart &+= Self.blockBytes
        pending = blockStart &+ Self.blockBytes <= count ? block(UnsafeRawPointer(base + blockStart)) : tailBlock()
    }

    /// The last, shorter block, copied after zeros were laid down behind it: a zero byte is no structure,
    /// so nothing is found past ``count``. Out of line: once per scan, and its buffer would otherwise cost
    /// every call of ``next()`` a stack check.
    @inline(never) private mutating func tailBlock() -> UInt64 {
        let left = count - blockStart
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.blockBytes) { tail in
            let tail = tail.baseAddress!
            tail.initialize(repeating: 0, count: Self.blockBytes)
            tail.update(from: base + blockStart, count: left)
            return block(UnsafeRawPointer(tail))
        }
    }

    /// The offset of the next delimiter, CR or LF outside quotes, or `nil` when there is none before ``count``.
    @inline(__always) mutating func next() -> Int? {
        while pending == 0 {
            guard blockStart &+ Self.blockBytes < count else { return nil }
            advance()
        }
        let at = blockStart &+ pending.trailingZeroBitCount
        pending &= pending &- 1
        return at
    }

    /// Whether a cell's bytes (between its delimiters) can stand in a plain line: no NUL, CR or LF, and no
    /// quote unless the cell is quoted from its first byte to its last with only doubled quotes inside.
    /// The scan's answers rest on this holding for every cell before.
    static func isWellFormed(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard cell.first == 0x22 else { return !cell.contains { $0 == 0 || $0 == 0x0A || $0 == 0x0D || $0 == 0x22 } }
        guard cell.count >= 2, cell[cell.count - 1] == 0x22 else { return false }
        var i = 1
        while i < cell.count - 1 {
            switch cell[i] {
            case 0x22:
                guard cell[i + 1] == 0x22, i + 1 < cell.count - 1 else { return false }
                i += 2
            case 0, 0x0A, 0x0D: return false
            default: i += 1
            }
        }
        return true
    }
}

extension BlockScanner {
    /// Every offset ``next()`` returns, in order: for tests and the fuzzer, beside ``byteByByte(_:delimiter:)``.
    static func all(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> [Int] {
        guard let base = bytes.baseAddress else { return [] }
        var scanner = BlockScanner(base: base, count: bytes.count, delimiter: delimiter)
        var found: [Int] = []
        while let at = scanner.next() { found.append(at) }
        return found
    }

    /// The definition the block scan must agree with on any bytes, one byte at a time: each quote turns
    /// "inside quotes" on or off, and every delimiter, CR and LF outside is structure.
    static func byteByByte(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> [Int] {
        var inside = false
        var found: [Int] = []
        for (i, b) in bytes.enumerated() {
            if b == 0x22 {
                inside.toggle()
            } else if !inside && (b == delimiter || b == 0x0A || b == 0x0D) {
                found.append(i)
            }
        }
        return found
    }
}
