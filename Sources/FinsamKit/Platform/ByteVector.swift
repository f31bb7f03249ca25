#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The processor's vector instructions that Swift's `SIMD` types do not name: the one place that imports
/// the compiler's intrinsics for them, with a portable way beside each for other processors.
enum ByteVector {
    /// Bit `k` set for every byte `k` of `v` whose high bit is set (the lanes of a vector compare's mask).
    ///
    /// - Returns: a 16-bit mask in the low bits.
    /// - Complexity: O(1): one `pmovmskb` on x86-64 (SSE2, which every x86-64 processor has); elsewhere
    ///   ``highBitsByMultiply(_:)``.
    @inline(__always)
    static func highBits(_ v: SIMD16<UInt8>) -> UInt64 {
        #if arch(x86_64)
        UInt64(truncatingIfNeeded: UInt32(bitPattern: _mm_movemask_epi8(unsafeBitCast(v, to: __m128i.self))))
        #else
        highBitsByMultiply(v)
        #endif
    }

    /// ``highBits(_:)`` without the processor's instruction: two multiplies that gather the high bits of
    /// eight bytes each (byte i's bit 8i + 7 moves up by 49 − 7i to bit 56 + i, and no two of the products
    /// share a bit, so nothing carries). Compiled everywhere, so that the tests hold it to the instruction.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func highBitsByMultiply(_ v: SIMD16<UInt8>) -> UInt64 {
        let (low, high) = unsafeBitCast(v, to: (UInt64, UInt64).self)
        let highs: UInt64 = 0x8080_8080_8080_8080, gather: UInt64 = 0x0002_0408_1020_4081
        let lowBits = ((low & highs) &* gather) >> 56, highBits = ((high & highs) &* gather) >> 56
        return lowBits | highBits << 8
    }
}
