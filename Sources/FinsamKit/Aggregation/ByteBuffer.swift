/// A growable run of bytes that ``AggregateWriter`` writes its tables into, a cell at a time. An array's
/// `append(contentsOf:)` of a few bytes goes through the generic sequence machinery and a call to copy
/// them (about a hundred instructions a cell, for a table of hundreds of thousands of rows); here a cell is
/// a room check and a copy.
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    func reserve(_ extra: Int) {
        guard count &+ extra > capacity else { return }
        grow(count + extra)
    }

    private func grow(_ needed: Int) {
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.update(from: base, count: count)
        base.deallocate()
        (base, capacity) = (bigger, grown)
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        reserve(n)
        // Cells are short: a loop beats a call to copy them; eight bytes at a time, then the rest one by one
        // (a row of a hundred bytes is a dozen words).
        let to = UnsafeMutableRawPointer(base + count)
        guard let from = bytes.baseAddress.map(UnsafeRawPointer.init) else { return }
        var i = 0
        while i &+ 8 <= n {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
            i &+= 8
        }
        while i < n {
            to.storeBytes(of: from.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
            i &+= 1
        }
        count &+= n
    }

    /// Appends the `n` bytes at `from`, copied sixteen at a time: up to fifteen bytes past them are read
    /// (and written past ``count``, where the next bytes go), so they must be readable.
    @inline(__always)
    func append(overreading from: UnsafeRawPointer, count n: Int) {
        reserve(n &+ 16)
        let to = UnsafeMutableRawPointer(base + count)
        var i = 0
        repeat {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self), toByteOffset: i &+ 8, as: UInt64.self)
            i &+= 16
        } while i < n
        count &+= n
    }

    /// ``append(overreading:count:)`` of a cell given as its first byte and its length.
    @inline(__always)
    func append(overreading cell: (UnsafeRawPointer, Int)) { append(overreading: cell.0, count: cell.1) }

    @inline(__always)
    func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    /// `value`'s decimal digits (a `-` first when negative), written in place: no `String` per number, one
    /// room check per number, not per digit.
    func appendDecimal(_ value: Int) {
        reserve(21)
        if value < 0 {
            base[count] = UInt8(ascii: "-")
            count &+= 1
        }
        var n = value.magnitude
        // Most counts are one to three digits: written without a loop, whose end (after a number of digits
        // that changes from cell to cell) was a mispredicted branch; larger ones digit by digit.
        let zero = UInt8(ascii: "0")
        if n < 10 {
            base[count] = zero &+ UInt8(truncatingIfNeeded: n)
            count &+= 1
            return
        }
        if n < 100 {
            let tens = n / 10
            base[count] = zero &+ UInt8(truncatingIfNeeded: tens)
            base[count &+ 1] = zero &+ UInt8(truncatingIfNeeded: n &- tens &* 10)
            count &+= 2
            return
        }
        if n < 1000 {
            let hundreds = n / 100, rest = n &- hundreds &* 100, tens = rest / 10
            base[count] = zero &+ UInt8(truncatingIfNeeded: hundreds)
            base[count &+ 1] = zero &+ UInt8(truncatingIfNeeded: tens)
            base[count &+ 2] = zero &+ UInt8(truncatingIfNeeded: rest &- tens &* 10)
            count &+= 3
            return
        }
        var digits = 1
        var rest = n / 10
        while rest > 0 {
            digits &+= 1
            rest /= 10
        }
        var at = count &+ digits
        count = at
        repeat {
            at &-= 1
            base[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n % 10)
            n /= 10
        } while n > 0
    }

    /// Drops the bytes from `newCount` on.
    @inline(__always)
    func truncate(to newCount: Int) { count = min(count, newCount) }

    /// The bytes written, as an array.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    var contents: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}
