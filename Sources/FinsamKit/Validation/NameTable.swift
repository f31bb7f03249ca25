/// Interns förbund and insats names: each distinct name (as UTF-8 bytes) gets a small integer, so that
/// records stay a few machine words and grouping compares integers, not strings.
///
/// An open-addressing hash table over one byte arena: interning a name already seen allocates nothing,
/// which is what keeps `aggregate` free of per-cell allocation.
public struct NameTable: Sendable {
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    public init() {}

    public var count: Int { ends.count }

    public func name(_ id: Int32) -> String {
        let i = Int(id)
        let start = i == 0 ? 0 : ends[i - 1]
        return String(decoding: arena[start..<ends[i]], as: UTF8.self)
    }

    mutating func intern(_ text: String) -> Int32 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { intern(UnsafeBufferPointer($0)) }
    }

    /// The id of `bytes` (UTF-8), adding it if new.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equals(Int(id), bytes) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(ends.count)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        hashes.append(hash)
        slots[slot] = id
        if ends.count * 2 > slots.count { grow() }
        return id
    }

    /// A fast non-cryptographic hash, eight bytes at a time (names are not chosen by an attacker who
    /// could gain anything from collisions: the table still answers correctly, only slower).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return h }
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            h = (h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = id == 0 ? 0 : ends[id - 1]
        guard ends[id] - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { memoryEqual($0.baseAddress.map { $0 + start }, bytes.baseAddress, bytes.count) }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}

@inline(__always)
func memoryEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    guard count > 0, let a, let b else { return true }
    return Memory.equal(a, b, count: count)
}
