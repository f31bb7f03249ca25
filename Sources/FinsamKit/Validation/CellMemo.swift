/// What each distinct cell of one column decoded to. A national file repeats a few hundred distinct cells
/// over millions of rows, so the known-cell path decodes each distinct cell once and then only recognises
/// it: a hash of every byte, eight at a time (a multiply and a shift per word), and a compare eight bytes
/// at a time; no trimming, folding or interning. Every byte counts: names that share their length, their
/// beginning and their end (`Insats Karlskrona norr 2023`, `Insats Karlshamn norr 2023`) must not land in
/// one bucket, or each lookup walks all of them.
///
/// The memo stops growing at ``maximumEntries``: a column of endless distinct values then simply misses,
/// and memory stays flat.
struct CellMemo {
    private struct Entry {
        var hash: UInt64
        /// The cell's first and last eight bytes (``ends(_:_:readable:)``): a cell of up to 16 bytes is
        /// compared with these alone, without a second load from elsewhere.
        var first: UInt64
        var last: UInt64
        var length: Int32
        var value: Int32
        /// Where the key's middle words (from byte 8 on, whole words before the last eight bytes) start in
        /// `words`; only cells longer than 16 bytes have any.
        var key: Int32
    }

    static let maximumEntries = 1 << 14
    private static let unused = Entry(hash: 0, first: 0, last: 0, length: -1, value: 0, key: 0)

    private var entries = [Entry](repeating: CellMemo.unused, count: 64)
    private var shift: UInt64 = 64 - 6
    private var words: [UInt64] = []
    private(set) var count = 0

    /// The first and the last eight bytes of a cell (overlapping when shorter than 16; zero-padded when
    /// shorter than 8, read with one load when `readable` bytes from `p` may be read).
    @inline(__always)
    private static func ends(_ p: UnsafePointer<UInt8>, _ length: Int, readable: Int) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(p)
        if length >= 8 { return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)) }
        if readable >= 8 { return (raw.loadUnaligned(as: UInt64.self) & (1 &<< UInt64(length &* 8) &- 1), 0) }
        var w: UInt64 = 0
        for i in 0..<length { w |= UInt64(p[i]) << UInt64(i * 8) }
        return (w, 0)
    }

    /// A hash of the cell `p[0..<length]`, given its ``ends(_:_:readable:)``: the first and the last word and
    /// every whole word between, each multiplied on its own (no chain from word to word, so the products
    /// overlap in the processor) after its place is added in. Each product is a bijection of its word, so cells
    /// that differ in one word never share a hash, and the top bits (the bucket) depend on every byte.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ length: Int, _ first: UInt64, _ last: UInt64) -> UInt64 {
        var h = (first ^ UInt64(truncatingIfNeeded: length) << 57) &* 0x9E37_79B9_7F4A_7C15 ^ last &* 0xC2B2_AE3D_27D4_EB4F
        var k = 8
        while k < length &- 8 {
            let word = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
            h ^= (word &+ UInt64(truncatingIfNeeded: k) &* 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
            k &+= 8
        }
        return h ^ h >> 29
    }

    /// The value remembered for the cell `p[0..<length]`, or `nil`. `readable` bytes from `p` may be read
    /// (the cell and what follows it in the buffer).
    @inline(__always)
    func value(_ p: UnsafePointer<UInt8>, _ length: Int, readable: Int) -> Int32? {
        let (first, last) = Self.ends(p, length, readable: readable)
        let hash = Self.hash(p, length, first, last)
        let mask = entries.count &- 1
        // `&>>`: `shift` is below 64, so the shift that checks for 64 and more would only add a compare.
        var i = Int(truncatingIfNeeded: hash &>> shift)
        return entries.withUnsafeBufferPointer { e in
            let e = e.baseAddress!
            while e[i].length >= 0 {
                // Up to 16 bytes, the two end words and the length are the whole cell; past that, the hash
                // (of every word) rules out most others before the middle words are compared.
                if e[i].first == first && e[i].last == last && e[i].length == Int32(truncatingIfNeeded: length)
                    && (length <= 16 || (e[i].hash == hash && middleEqual(p, length, at: Int(e[i].key))))
                {
                    return e[i].value
                }
                i = (i &+ 1) & mask
            }
            return nil
        }
    }

    /// Whether the middle words of the cell `p[0..<length]` (longer than 16 bytes) are those at `key`.
    @inline(__always)
    private func middleEqual(_ p: UnsafePointer<UInt8>, _ length: Int, at key: Int) -> Bool {
        words.withUnsafeBufferPointer { words in
            var k = 8, j = key
            while k < length &- 8 {
                guard UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self) == words[j] else { return false }
                k &+= 8
                j &+= 1
            }
            return true
        }
    }

    /// Remembers `value` for the cell, unless the memo is full or the cell too long to be worth keeping.
    mutating func remember(_ p: UnsafePointer<UInt8>, _ length: Int, value: Int32) {
        guard count < Self.maximumEntries, length <= 1024, words.count < 1 << 17 else { return }
        let (first, last) = Self.ends(p, length, readable: 0)
        let entry = Entry(
            hash: Self.hash(p, length, first, last), first: first, last: last, length: Int32(length), value: value, key: Int32(words.count))
        for k in stride(from: 8, to: length - 8, by: 8) { words.append(UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)) }
        insert(entry)
        count += 1
        guard count * 2 > entries.count else { return }
        let old = entries
        entries = [Entry](repeating: Self.unused, count: old.count * 2)
        shift -= 1
        for entry in old where entry.length >= 0 { insert(entry) }
    }

    /// How far the entries sit from the slot their hash points at: the probes a lookup of each one takes
    /// beyond the first, in total and at most. For tests: a weak hash shows here, not only in a timing.
    func displacement() -> (total: Int, longest: Int) {
        let mask = entries.count - 1
        var total = 0, longest = 0
        for (i, entry) in entries.enumerated() where entry.length >= 0 {
            let distance = (i - Int(truncatingIfNeeded: entry.hash &>> shift)) & mask
            total += distance
            longest = max(longest, distance)
        }
        return (total, longest)
    }

    private mutating func insert(_ entry: Entry) {
        let mask = entries.count - 1
        var i = Int(truncatingIfNeeded: entry.hash &>> shift)
        while entries[i].length >= 0 { i = (i + 1) & mask }
        entries[i] = entry
    }
}
