/// A hash map from packed group keys (`UInt64`) to an `Int`, for `aggregate`'s inner loop: a running sum
/// (deltagare) or the slot of a group's counters (forms).
///
/// Open addressing with linear probing over one array of key–value pairs, so that a lookup touches one
/// cache line, and a multiplicative hash: the keys are already integers, so the seeded SipHash that
/// `Dictionary` spends on every lookup buys nothing here. The array doubles when three quarters of it are
/// used: a grouping by many dimensions has hundreds of thousands of groups, and half the room (at half
/// full) for those is what a run's peak memory is made of, while a probe past ¾ full is still short.
public struct CountMap: Sendable {
    private struct Entry {
        var key: UInt64
        var value: Int
    }

    /// Marks an empty entry; the one key equal to it is kept in `sentinelValue`.
    private static let empty = UInt64.max
    private var entries: [Entry]
    private var sentinelValue: Int?
    /// Written by `touch` so that its loads are not optimised away.
    private var touched: UInt64 = 0
    /// 64 − log2(capacity): the hash is the top bits of a multiplicative product, which every key bit reaches.
    private var shift: UInt64
    public private(set) var count = 0

    public init() {
        entries = Array(repeating: Entry(key: Self.empty, value: 0), count: 1024)
        shift = 64 - 10
    }

    /// The index of `key`'s entry, or of the empty entry where it belongs.
    @inline(__always)
    private func find(_ key: UInt64) -> Int {
        let mask = entries.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        return entries.withUnsafeBufferPointer { e in
            while e[i].key != key && e[i].key != Self.empty { i = (i + 1) & mask }
            return i
        }
    }

    /// Reads the entries where `keys` belong without waiting for each: the loads are independent, so the
    /// processor overlaps their cache misses, and the `add`s that follow find the entries in cache.
    @inline(__always)
    public mutating func touch(_ keys: UnsafeBufferPointer<UInt64>) {
        var sum: UInt64 = 0
        entries.withUnsafeBufferPointer { e in
            for key in keys { sum &+= e[Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)].key }
        }
        touched = sum
    }

    /// Adds `amount` to `key`'s value (0 for a new key).
    @inline(__always)
    public mutating func add(_ key: UInt64, _ amount: Int) {
        if key == Self.empty {
            if sentinelValue == nil { count += 1 }
            sentinelValue = (sentinelValue ?? 0) + amount
            return
        }
        let i = find(key)
        if entries[i].key == key {
            entries[i].value += amount
            return
        }
        entries[i] = Entry(key: key, value: amount)
        inserted()
    }

    /// Adds each `amounts[k]` to `keys[k]`'s value, as ``add(_:_:)`` one by one: the keys already there in
    /// one pass over the entries, without a check per row that they are not shared.
    @inline(__always)
    public mutating func add(_ keys: UnsafeBufferPointer<UInt64>, _ amounts: UnsafeBufferPointer<Int>) {
        var k = 0
        while k < keys.count {
            let shift = self.shift
            k = entries.withUnsafeMutableBufferPointer { e in
                let mask = e.count &- 1
                var k = k
                while k < keys.count {
                    let key = keys[k]
                    var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
                    while e[i].key != key && e[i].key != Self.empty { i = (i &+ 1) & mask }
                    guard e[i].key == key, key != Self.empty else { return k }
                    e[i].value += amounts[k]
                    k &+= 1
                }
                return k
            }
            // A new key (or the sentinel): added the slow way, which may grow the entries.
            if k < keys.count {
                add(keys[k], amounts[k])
                k += 1
            }
        }
    }

    /// `key`'s value, or `make()`'s for a new key.
    @inline(__always)
    public mutating func value(for key: UInt64, orInsert make: () -> Int) -> Int {
        if key == Self.empty {
            if let value = sentinelValue { return value }
            sentinelValue = make()
            count += 1
            return sentinelValue!
        }
        let i = find(key)
        if entries[i].key == key { return entries[i].value }
        let value = make()
        entries[i] = Entry(key: key, value: value)
        inserted()
        return value
    }

    private mutating func inserted() {
        count += 1
        guard count > entries.count / 4 * 3 else { return }
        grow(to: entries.count * 2)
    }

    /// Puts the entries anew into `capacity` (a power of two) entries.
    private mutating func grow(to capacity: Int) {
        let old = entries
        entries = Array(repeating: Entry(key: Self.empty, value: 0), count: capacity)
        shift = 64 - UInt64(capacity.trailingZeroBitCount)
        for entry in old where entry.key != Self.empty { entries[find(entry.key)] = entry }
    }

    /// Calls `body` with every key and its value, in no particular order, without making a list of them
    /// (a grouping with many groups writes its output without a second copy of the map).
    public func forEach(_ body: (UInt64, Int) -> Void) {
        for entry in entries where entry.key != Self.empty { body(entry.key, entry.value) }
        if let sentinelValue { body(Self.empty, sentinelValue) }
    }

    /// Every key with its value, in no particular order.
    public var all: [(key: UInt64, value: Int)] {
        entries.filter { $0.key != Self.empty }.map { ($0.key, $0.value) } + (sentinelValue.map { [(Self.empty, $0)] } ?? [])
    }
}
