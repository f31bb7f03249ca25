// libFuzzer entry point for the block scanner (FUZZ_SCANNER; built by fuzz/run.sh like the others).
#if FUZZ_SCANNER
/// The block scanner finds what a byte-by-byte scan finds, on the input as it is and moved by a few bytes,
/// so that its quotes fall on both sides of the 64-byte block boundaries; and a line split from the scan
/// has only well-formed cells.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    for shift in [0, 1, 7, 33, 63] {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: shift) + input
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";")] {
            bytes.withUnsafeBufferPointer { bytes in
                precondition(BlockScanner.all(bytes, delimiter: delimiter) == BlockScanner.byteByByte(bytes, delimiter: delimiter))
                var ends = [Int](repeating: 0, count: 64)
                if let (cells, length) = ends.withUnsafeMutableBufferPointer({ RecordDecoder.split(bytes, delimiter: delimiter, ends: $0) }) {
                    precondition(length <= bytes.count && bytes[length - 1] == 0x0A)
                    var start = 0
                    for end in ends.prefix(cells) {
                        precondition(BlockScanner.isWellFormed(UnsafeBufferPointer(rebasing: bytes[start..<end])))
                        start = end + 1
                    }
                }
            }
        }
    }
    return 0
}
#endif
