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
    /// The most middle words kept (``remember(_:_:value:)`` stops there).
    static let maximumWords = 1 << 17
    private static let unused = Entry(hash: 0, first: 0, last: 0, length: -1, value: 0, key: 0)

    /// The entries and the middle words, behind pointers that ``value(_:_:readable:)`` reads without a
    /// call: an array there cost a call for its count and one for its buffer on every lookup, as the
    /// known-cell path's one large function does not inline them. Owned by a class, so that it is freed
    /// with the last memo using it; ``remember(_:_:value:)`` copies it first when another memo shares it.
    private final class Table {
        let entries: UnsafeMutablePointer<Entry>
        let capacity: Int
        var words: UnsafeMutablePointer<UInt64>
        var wordCapacity: Int
        var wordCount = 0

        init(capacity: Int, wordCapacity: Int = 0) {
            self.capacity = capacity
            entries = .allocate(capacity: capacity)
            entries.initialize(repeating: CellMemo.unused, count: capacity)
            self.wordCapacity = wordCapacity
            words = .allocate(capacity: max(wordCapacity, 1))
        }

        deinit {
            entries.deallocate()
            words.deallocate()
        }

        /// A table of `capacity` entries (none yet) with this one's words.
        func withWords(capacity: Int) -> Table {
            let table = Table(capacity: capacity, wordCapacity: wordCapacity)
            table.words.update(from: words, count: wordCount)
            table.wordCount = wordCount
            return table
        }

        /// Appends a middle word, doubling the room when full.
        func append(_ word: UInt64) {
            if wordCount == wordCapacity {
                let grown = UnsafeMutablePointer<UInt64>.allocate(capacity: max(64, wordCapacity * 2))
                grown.update(from: words, count: wordCount)
                words.deallocate()
                words = grown
                wordCapacity = max(64, wordCapacity * 2)
            }
            words[wordCount] = word
            wordCount += 1
        }
    }

    private var table: Table
    /// `table`'s entries, their count less one, and its words, kept beside it: read on every lookup.
    private var entries: UnsafeMutablePointer<Entry>
    private var mask = 63
    private var words: UnsafeMutablePointer<UInt64>
    private var shift: UInt64 = 64 - 6
    private(set) var count = 0

    init() {
        table = Table(capacity: 64)
        entries = table.entries
        words = table.words
    }

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
        // `&>>`: `shift` is below 64, so the shift that checks for 64 and more would only add a compare.
        var i = Int(truncatingIfNeeded: hash &>> shift)
        let e = entries
        while true {
            // Up to 16 bytes, the two end words and the length are the whole cell; past that, the hash
            // (of every word) rules out most others before the middle words are compared. An unused entry
            // (length -1) matches no cell, so a hit is found without first asking whether the entry is used.
            if e[i].first == first && e[i].last == last && e[i].length == Int32(truncatingIfNeeded: length)
                && (length <= 16 || (e[i].hash == hash && middleEqual(p, length, at: Int(e[i].key))))
            {
                return e[i].value
            }
            if e[i].length < 0 { return nil }
            i = (i &+ 1) & mask
        }
    }

    /// Whether the middle words of the cell `p[0..<length]` (longer than 16 bytes) are those at `key`.
    @inline(__always)
    private func middleEqual(_ p: UnsafePointer<UInt8>, _ length: Int, at key: Int) -> Bool {
        var k = 8, j = key
        while k < length &- 8 {
            guard UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self) == words[j] else { return false }
            k &+= 8
            j &+= 1
        }
        return true
    }

    /// Remembers `value` for the cell, unless the memo is full or the cell too long to be worth keeping.
    mutating func remember(_ p: UnsafePointer<UInt8>, _ length: Int, value: Int32) {
        guard count < Self.maximumEntries, length <= 1024, table.wordCount < Self.maximumWords else { return }
        let grows = (count + 1) * 2 > mask + 1
        if grows || !isKnownUniquelyReferenced(&table) {
            // A copy (another memo shares the table) or a table twice the size, its entries put in anew.
            let old = table
            let capacity = grows ? (mask + 1) * 2 : mask + 1
            table = old.withWords(capacity: capacity)
            (entries, mask) = (table.entries, capacity - 1)
            if grows { shift -= 1 }
            for i in 0..<old.capacity where old.entries[i].length >= 0 { insert(old.entries[i]) }
        }
        let (first, last) = Self.ends(p, length, readable: 0)
        let entry = Entry(
            hash: Self.hash(p, length, first, last), first: first, last: last, length: Int32(length), value: value, key: Int32(table.wordCount))
        for k in stride(from: 8, to: length - 8, by: 8) { table.append(UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)) }
        words = table.words
        insert(entry)
        count += 1
    }

    /// How far the entries sit from the slot their hash points at: the probes a lookup of each one takes
    /// beyond the first, in total and at most. For tests: a weak hash shows here, not only in a timing.
    func displacement() -> (total: Int, longest: Int) {
        var total = 0, longest = 0
        for i in 0...mask where entries[i].length >= 0 {
            let distance = (i - Int(truncatingIfNeeded: entries[i].hash &>> shift)) & mask
            total += distance
            longest = max(longest, distance)
        }
        return (total, longest)
    }

    private mutating func insert(_ entry: Entry) {
        var i = Int(truncatingIfNeeded: entry.hash &>> shift)
        while entries[i].length >= 0 { i = (i + 1) & mask }
        entries[i] = entry
    }
}
