/// The entries of a zip file (what an `.xlsx` workbook is), read from its central directory.
///
/// Only what workbooks use: stored and deflated entries, no encryption, no multi-disk archives, no ZIP64.
/// Everything is bounded: at most ``maximumEntries`` entries, and no entry may expand past
/// ``maximumEntryBytes`` (nor all of them together past ``maximumTotalBytes``) — a workbook of a halvår's
/// counts is a few hundred kilobytes, so anything far larger is a zip bomb or not a workbook, and is refused
/// before it can fill memory.
public struct ZipArchive: Sendable {
    static let maximumEntries = 10_000
    static let maximumEntryBytes = 64 << 20
    static let maximumTotalBytes = 256 << 20

    public struct Entry: Sendable {
        public var name: String
        var method: Int
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeaderOffset: Int
        /// The entry's comment in the central directory (text a zip tool may show).
        var comment: String
    }

    /// Why the bytes are not a zip file finsam can read, in words for the person who sent it.
    public enum Failure: Error, Sendable, Equatable {
        case notZip(String)
        case tooLarge(String)
    }

    public let bytes: [UInt8]
    public private(set) var entries: [Entry] = []
    /// The zip file's comment (its end record's), as text.
    public private(set) var comment = ""
    private var byName: [String: Int] = [:]
    private var expanded = 0

    /// Reads the central directory of `bytes`.
    ///
    /// - Throws: ``Failure/notZip(_:)`` when there is no valid end record or directory.
    /// - Complexity: O(n) in the archive's size (the end record is searched for backwards).
    public init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        let n = bytes.count
        guard n >= 22 else { throw .notZip("filen är för kort för att vara en zip-fil") }
        var end = -1
        var i = n - 22
        while i >= max(0, n - 22 - 65_535) {
            if u32(i) == 0x0605_4B50 { end = i; break }
            i -= 1
        }
        guard end >= 0 else { throw .notZip("zip-filens slutpost saknas (filen är avkortad eller ingen zip-fil)") }
        let commentLength = min(u16(end + 20), n - end - 22)
        comment = String(decoding: bytes[(end + 22)..<(end + 22 + commentLength)], as: UTF8.self)
        let count = u16(end + 10), directorySize = Int(u32(end + 12)), directoryOffset = Int(u32(end + 16))
        guard count <= Self.maximumEntries else { throw .tooLarge("zip-filen har \(count) delar, fler än \(Self.maximumEntries)") }
        guard directoryOffset + directorySize <= end else { throw .notZip("zip-filens innehållsförteckning pekar utanför filen") }
        var p = directoryOffset
        for _ in 0..<count {
            guard p + 46 <= end, u32(p) == 0x0201_4B50 else { throw .notZip("zip-filens innehållsförteckning är skadad") }
            let flags = u16(p + 8), method = u16(p + 10)
            let nameLength = u16(p + 28), extraLength = u16(p + 30), commentLength = u16(p + 32)
            guard p + 46 + nameLength <= end else { throw .notZip("zip-filens innehållsförteckning är skadad") }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            guard flags & 1 == 0 else { throw .notZip("delen \(name) är krypterad (arbetsboken är lösenordsskyddad: ta bort lösenordet)") }
            let commentStart = min(p + 46 + nameLength + extraLength, end)
            let entryComment = String(decoding: bytes[commentStart..<min(commentStart + commentLength, end)], as: UTF8.self)
            let entry = Entry(
                name: name, method: method, crc: u32(p + 16), compressedSize: Int(u32(p + 20)), size: Int(u32(p + 24)),
                localHeaderOffset: Int(u32(p + 42)), comment: entryComment)
            byName[name] = entries.count
            entries.append(entry)
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    /// Whether `bytes` start like a zip file (`PK\3\4`): how an `.xlsx` is told from a CSV, whatever its name.
    public static func looksLikeZip(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    public func contains(_ name: String) -> Bool { byName[name] != nil }

    /// The bytes of entry `name`, decompressed and checked against its CRC-32; `nil` when there is none.
    ///
    /// - Throws: ``Failure/tooLarge(_:)`` past the size limits, ``Failure/notZip(_:)`` for a damaged entry.
    /// - Complexity: O(size of the entry).
    public mutating func contents(of name: String) throws(Failure) -> [UInt8]? {
        try contents(of: name, limit: Self.maximumEntryBytes)
    }

    /// The size entry `name` declares unpacked, or `nil` when there is none.
    func declaredSize(of name: String) -> Int? { byName[name].map { entries[$0].size } }

    /// Like ``contents(of:)``, with the entry held to at most `limit` bytes unpacked.
    mutating func contents(of name: String, limit partLimit: Int) throws(Failure) -> [UInt8]? {
        guard let index = byName[name], let packed = try packed(name) else { return nil }
        let entry = entries[index]
        let limit = min(Self.maximumEntryBytes, partLimit, Self.maximumTotalBytes - expanded)
        let compressed = Array(packed.data)
        let data: [UInt8]
        switch entry.method {
        case 0:
            data = compressed
            guard data.count <= limit else { throw tooLarge(name) }
        case 8:
            do { data = try Inflate.decompress(compressed, limit: limit, sizeHint: entry.size) } catch {
                switch error {
                case .tooLarge: throw tooLarge(name)
                case .corrupt(let why): throw .notZip("delen \(name) går inte att packa upp: \(why)")
                }
            }
        default:
            throw .notZip("delen \(name) är packad med metod \(entry.method), som finsam inte kan läsa (bara 0 och 8)")
        }
        guard data.count == entry.size, CRC32.checksum(data) == entry.crc else {
            throw .notZip("delen \(name) stämmer inte med sin kontrollsumma (skadad fil)")
        }
        expanded += data.count
        return data
    }

    /// Entry `name` as the zip holds it, packed: for copying it unchanged into another zip (``ZipWriter``).
    ///
    /// - Throws: ``Failure/notZip(_:)`` for an entry whose data lies outside the file.
    func packed(_ name: String) throws(Failure) -> (method: Int, crc: UInt32, size: Int, data: ArraySlice<UInt8>)? {
        guard let index = byName[name] else { return nil }
        let entry = entries[index]
        let p = entry.localHeaderOffset
        guard p + 30 <= bytes.count, u32(p) == 0x0403_4B50 else { throw .notZip("delen \(name) saknas i zip-filen (skadad fil)") }
        let start = p + 30 + u16(p + 26) + u16(p + 28)
        guard start + entry.compressedSize <= bytes.count else { throw .notZip("delen \(name) tar slut för tidigt (avkortad fil)") }
        return (entry.method, entry.crc, entry.size, bytes[start..<(start + entry.compressedSize)])
    }

    private func tooLarge(_ name: String) -> Failure {
        .tooLarge(
            "delen \(name) blir större än \(Self.maximumEntryBytes >> 20) MiB uppackad (eller alla delar tillsammans större än \(Self.maximumTotalBytes >> 20) MiB): en arbetsbok med antal är mycket mindre, så filen tas inte emot"
        )
    }

    private func u16(_ p: Int) -> Int { Int(bytes[p]) | Int(bytes[p + 1]) << 8 }
    private func u32(_ p: Int) -> UInt32 { UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24 }
}
