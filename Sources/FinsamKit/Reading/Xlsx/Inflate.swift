/// A small, bounded DEFLATE decoder (RFC 1951): what a zip entry of an `.xlsx` workbook is compressed with.
///
/// Written here because finsam depends on Foundation only, and Foundation on Linux has no inflate. It is the
/// canonical-Huffman decoder of the RFC (counts and symbols per code length), with a table of every code
/// of up to ``Huffman/tableBits`` bits read at once from a 64-bit bit buffer; longer codes are decoded a
/// bit at a time. That is what takes it past 100 MB/s of output (issue #25 item 13; a bit at a time it did
/// 35 MB/s). Every read is bounds-checked, and the output may not grow past `limit` bytes, so a zip bomb is
/// refused instead of filling memory.
public enum Inflate {
    public enum Failure: Error, Sendable, Equatable {
        /// The data is not valid DEFLATE (a bad block type, code, distance or length, or it ends early).
        case corrupt(String)
        /// The output would be larger than the limit.
        case tooLarge(limit: Int)
    }

    /// Decompresses `input` (raw DEFLATE, no zlib header).
    ///
    ///     let text = try Inflate.decompress(compressed, limit: 1 << 20)
    ///
    /// - Returns: the decompressed bytes.
    /// - Throws: ``Failure/corrupt(_:)`` for invalid data, ``Failure/tooLarge(limit:)`` as soon as the output
    ///   passes `limit`.
    /// - Complexity: O(n + m) for n input and m output bytes (at most 15 steps per Huffman code).
    static func decompress(_ input: [UInt8], limit: Int, sizeHint: Int = 0) throws(Failure) -> [UInt8] {
        var state = State(input: input, limit: limit, sizeHint: sizeHint)
        defer { state.buffer.deallocate() }
        try state.run()
        return Array(UnsafeBufferPointer(start: state.buffer, count: state.count))
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]
        /// Codes of up to this many bits are found by one look-up in ``table``.
        static let tableBits = 10
        /// For the next ``tableBits`` bits of input (first bit lowest): the symbol << 4 | the code's length,
        /// or 0 when the code there is longer (decoded a bit at a time).
        var table = [UInt16](repeating: 0, count: 1 << tableBits)

        /// Builds the code from one length per symbol; `nil` when the lengths over-subscribe the code space.
        init?(lengths: ArraySlice<Int>) {
            symbols = [Int](repeating: 0, count: lengths.count)
            for length in lengths { counts[length] += 1 }
            var left = 1
            for length in 1..<16 {
                left <<= 1
                left -= counts[length]
                if left < 0 { return nil }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            let starts = offsets
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
            // Canonical codes: within a length in symbol order, each length starting where the last ended.
            var code = 0
            for length in 1..<16 {
                for index in starts[length]..<(starts[length] + counts[length]) {
                    defer { code += 1 }
                    guard length <= Self.tableBits else { continue }
                    var reversed = 0
                    for bit in 0..<length where code >> bit & 1 == 1 { reversed |= 1 << (length - 1 - bit) }
                    let entry = UInt16(symbols[index] << 4 | length)
                    var fill = reversed
                    while fill < 1 << Self.tableBits {
                        table[fill] = entry
                        fill += 1 << length
                    }
                }
                code <<= 1
            }
        }
    }

    private static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order in which a dynamic block sends its code-length code's lengths.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private static let fixed: (Huffman, Huffman) = {
        var lengths = [Int](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return (Huffman(lengths: lengths[...])!, Huffman(lengths: [Int](repeating: 5, count: 30)[...])!)
    }()

    private struct State {
        let input: [UInt8]
        let limit: Int
        /// The output so far: `count` bytes of `capacity`, grown by doubling up to `limit`. A pointer, not an
        /// array: a back reference copies byte by byte, and an array's append checks its uniqueness each time.
        var buffer: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var count = 0
        var position = 0
        /// Bits read ahead, the next one lowest; ``refill()`` keeps at least 56 while input lasts.
        var bitBuffer: UInt64 = 0
        var bitCount = 0

        init(input: [UInt8], limit: Int, sizeHint: Int) {
            self.input = input
            self.limit = limit
            capacity = Swift.max(1, Swift.min(limit, Swift.max(sizeHint, input.count * 4)))
            buffer = .allocate(capacity: capacity)
        }

        /// Makes room for `extra` more bytes of output.
        ///
        /// - Throws: ``Failure/tooLarge(limit:)`` past `limit`.
        @inline(__always)
        mutating func reserve(_ extra: Int) throws(Failure) {
            guard count + extra <= limit else { throw .tooLarge(limit: limit) }
            guard count + extra > capacity else { return }
            let grown = Swift.min(limit, Swift.max(capacity * 2, count + extra))
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            larger.update(from: buffer, count: count)
            buffer.deallocate()
            buffer = larger
            capacity = grown
        }

        @inline(__always)
        mutating func refill() {
            while bitCount <= 56, position < input.count {
                bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
                position += 1
                bitCount += 8
            }
        }

        mutating func bits(_ n: Int) throws(Failure) -> Int {
            if bitCount < n {
                refill()
                guard bitCount >= n else { throw .corrupt("data tar slut mitt i ett block") }
            }
            let value = Int(truncatingIfNeeded: bitBuffer & ((1 << UInt64(n)) - 1))
            bitBuffer >>= UInt64(n)
            bitCount -= n
            return value
        }

        @inline(__always)
        mutating func decode(_ h: Huffman) throws(Failure) -> Int {
            if bitCount < Huffman.tableBits { refill() }
            let entry = Int(h.table[Int(truncatingIfNeeded: bitBuffer) & (1 << Huffman.tableBits - 1)])
            let length = entry & 15
            if entry != 0, length <= bitCount {
                bitBuffer >>= UInt64(length)
                bitCount -= length
                return entry >> 4
            }
            return try decodeSlowly(h)
        }

        /// A code longer than the table, or one near the end of the input: a bit at a time.
        mutating func decodeSlowly(_ h: Huffman) throws(Failure) -> Int {
            var code = 0, first = 0, index = 0
            for length in 1..<16 {
                code |= try bits(1)
                let count = h.counts[length]
                if code - count < first { return h.symbols[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw .corrupt("ogiltig Huffmankod")
        }

        mutating func run() throws(Failure) {
            var last = 0
            repeat {
                last = try bits(1)
                switch try bits(2) {
                case 0: try stored()
                case 1: try codes(Inflate.fixed.0, Inflate.fixed.1)
                case 2:
                    let (lengths, distances) = try dynamicTables()
                    try codes(lengths, distances)
                default: throw .corrupt("ogiltig blocktyp")
                }
            } while last == 0
        }

        mutating func stored() throws(Failure) {
            // The rest of the current byte is dropped; whole bytes read ahead are given back.
            position -= bitCount / 8
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.count else { throw .corrupt("data tar slut i ett okomprimerat block") }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
            guard length == ~complement & 0xFFFF else { throw .corrupt("okomprimerat blocks längd stämmer inte") }
            position += 4
            guard position + length <= input.count else { throw .corrupt("data tar slut i ett okomprimerat block") }
            try reserve(length)
            for k in 0..<length { buffer[count + k] = input[position + k] }
            count += length
            position += length
        }

        mutating func dynamicTables() throws(Failure) -> (Huffman, Huffman) {
            let literalCount = try bits(5) + 257
            let distanceCount = try bits(5) + 1
            let codeLengthCount = try bits(4) + 4
            guard literalCount <= 286, distanceCount <= 30 else { throw .corrupt("för många koder") }
            var codeLengths = [Int](repeating: 0, count: 19)
            for i in 0..<codeLengthCount { codeLengths[Inflate.codeLengthOrder[i]] = try bits(3) }
            guard let codeLengthCode = Huffman(lengths: codeLengths[...]) else { throw .corrupt("ogiltiga kodlängder") }
            var lengths = [Int](repeating: 0, count: literalCount + distanceCount)
            var i = 0
            while i < lengths.count {
                let symbol = try decode(codeLengthCode)
                if symbol < 16 {
                    lengths[i] = symbol
                    i += 1
                    continue
                }
                var value = 0, repeatCount: Int
                switch symbol {
                case 16:
                    guard i > 0 else { throw .corrupt("upprepning utan föregående längd") }
                    value = lengths[i - 1]
                    repeatCount = 3 + (try bits(2))
                case 17: repeatCount = 3 + (try bits(3))
                default: repeatCount = 11 + (try bits(7))
                }
                guard i + repeatCount <= lengths.count else { throw .corrupt("för många kodlängder") }
                for _ in 0..<repeatCount {
                    lengths[i] = value
                    i += 1
                }
            }
            guard lengths[256] != 0 else { throw .corrupt("blocket saknar slutkod") }
            guard let literal = Huffman(lengths: lengths[0..<literalCount]),
                let distance = Huffman(lengths: lengths[literalCount...])
            else { throw .corrupt("ogiltiga kodlängder") }
            return (literal, distance)
        }

        mutating func codes(_ literal: Huffman, _ distance: Huffman) throws(Failure) {
            // Locals: a static array is reached through its once-initialiser on every use.
            let lengthBase = Inflate.lengthBase, lengthExtra = Inflate.lengthExtra
            let distanceBase = Inflate.distanceBase, distanceExtra = Inflate.distanceExtra
            while true {
                let symbol = try decode(literal)
                if symbol < 256 {
                    try reserve(1)
                    buffer[count] = UInt8(truncatingIfNeeded: symbol)
                    count += 1
                    continue
                }
                if symbol == 256 { return }
                let lengthIndex = symbol - 257
                guard lengthIndex < 29 else { throw .corrupt("ogiltig längdkod") }
                let length = lengthBase[lengthIndex] + (try bits(lengthExtra[lengthIndex]))
                let distanceIndex = try decode(distance)
                guard distanceIndex < 30 else { throw .corrupt("ogiltig avståndskod") }
                let back = distanceBase[distanceIndex] + (try bits(distanceExtra[distanceIndex]))
                guard back <= count else { throw .corrupt("avstånd bakom datans början") }
                try reserve(length)
                // Byte by byte: the copy may overlap what it writes (a run of the last `back` bytes).
                let start = count - back
                for k in 0..<length { buffer[count + k] = buffer[start + k] }
                count += length
            }
        }
    }
}
