import FinsamTestSupport
import Testing

@testable import FinsamKit

/// The block scanner finds structure 64 bytes at a time with the quote state carried by a prefix XOR; it
/// must find exactly what a byte-by-byte scan finds, wherever a quote falls relative to a block.
@Suite struct BlockScannerTests {
    /// Bytes from a small alphabet rich in structure, with runs of plain text so that blocks fill up.
    static func randomBytes(_ length: Int, _ rng: inout SeededGenerator) -> [UInt8] {
        let alphabet = Array("aaaaaaaaaab;;,,\"\"\"\n\r\u{0}".utf8) + [0xC3, 0xB6, 0xFF]
        return (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
    }

    @Test func findsTheSameStructureAsAByteByByteScanOnRandomBytes() {
        var rng = SeededGenerator(seed: 28)
        for round in 0..<3000 {
            let bytes = Self.randomBytes(Int.random(in: 0...300, using: &rng), &rng)
            for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";")] {
                let (fast, slow) = bytes.withUnsafeBufferPointer {
                    (BlockScanner.all($0, delimiter: delimiter), BlockScanner.byteByByte($0, delimiter: delimiter))
                }
                #expect(fast == slow, "round \(round): \(bytes)")
                if fast != slow { return }
            }
        }
    }

    /// A compare's mask made into bits: the processor's instruction (on x86-64) and the multiplies of other
    /// processors give what reading each byte's high bit gives.
    @Test func gathersEachBytesHighBitAsReadingItDoes() {
        var rng = SeededGenerator(seed: 16)
        for _ in 0..<2000 {
            var v = SIMD16<UInt8>()
            for i in 0..<16 { v[i] = UInt8.random(in: 0...255, using: &rng) }
            let expected = (0..<16).reduce(UInt64(0)) { bits, i in v[i] >= 0x80 ? bits | 1 << UInt64(i) : bits }
            #expect(ByteVector.highBits(v) == expected)
            #expect(ByteVector.highBitsByMultiply(v) == expected)
        }
        #expect(ByteVector.highBits(SIMD16(repeating: 0xFF)) == 0xFFFF)
        #expect(ByteVector.highBitsByMultiply(SIMD16(repeating: 0x80)) == 0xFFFF)
        #expect(ByteVector.highBits(SIMD16(repeating: 0x7F)) == 0)
    }

    @Test func carriesTheQuoteStateAcrossBlockBoundaries() {
        var rng = SeededGenerator(seed: 64)
        // A quoted cell holding delimiters and doubled quotes, its quotes placed on every offset around
        // the first and second block ends (62…66, 126…130), after plain filler.
        let cells = ["\"a;b,c\"", "\"x\"\"y;z\"\"\"", "\"\"", "\";\"", "\"" + String(repeating: ";", count: 70) + "\""]
        for cell in cells {
            for boundary in [64, 128] {
                for offset in boundary - 4...boundary + 2 {
                    for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";")] {
                        let filler = (0..<max(0, offset - 1)).map { _ in UInt8(ascii: "a") }
                        let bytes = filler + [delimiter] + Array(cell.utf8) + [delimiter] + Self.randomBytes(80, &rng) + [0x0A]
                        let (fast, slow) = bytes.withUnsafeBufferPointer {
                            (BlockScanner.all($0, delimiter: delimiter), BlockScanner.byteByByte($0, delimiter: delimiter))
                        }
                        #expect(fast == slow, "cell \(cell) at \(offset)")
                    }
                }
            }
        }
    }

    @Test func findsNothingPastTheEndOfAShortLastBlock() {
        // The last block is read from a zero-padded copy: nothing past `count` may show.
        let bytes = Array("a,b\n\"c,d\",e\r\n".utf8)
        for count in 0...bytes.count {
            let found = bytes.withUnsafeBufferPointer { BlockScanner.all(UnsafeBufferPointer(rebasing: $0[..<count]), delimiter: UInt8(ascii: ",")) }
            #expect(found == [1, 3, 9, 11, 12].filter { $0 < count })
        }
    }

    @Test func acceptsOnlyCellsQuotedFromTheirFirstByteToTheirLast() {
        func wellFormed(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { BlockScanner.isWellFormed($0) } }
        for good in ["", "abc", "\"\"", "\"a;b\"", "\"a\"\"b\"", "\"\"\"\"", "Göteborg"] { #expect(wellFormed(good), "\(good)") }
        for bad in ["a\"b", "\"", "\"a", "\"a\"b", "\"a\"\"", "\"a\"b\"", "\"a\nb\"", "\"a\rb\"", "a\u{0}b", "\"\u{0}\""] {
            #expect(!wellFormed(bad), "\(bad)")
        }
    }
}
