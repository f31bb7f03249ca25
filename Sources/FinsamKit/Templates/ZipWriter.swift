/// Writes a zip file of stored (uncompressed) entries: all an `.xlsx` needs, since Excel and LibreOffice
/// read stored entries as well as deflated ones, and a template is a few kilobytes.
///
/// Entries get a fixed time stamp (1980-01-01), so the same template is the same bytes every time.
public struct ZipWriter {
    private var output: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    public init() {}

    /// Adds an entry named `name` (a path inside the zip, `/`-separated) holding `bytes`.
    ///
    /// - Complexity: O(n) in the entry's size (its CRC-32).
    public mutating func add(_ name: String, _ bytes: [UInt8]) {
        addEntry(name, method: 0, crc: CRC32.checksum(bytes), size: bytes.count, data: bytes[...])
    }

    /// Adds an entry as another zip holds it: `data` already packed with `method` (0 stored, 8 deflated),
    /// `crc` and `size` those of the unpacked bytes. How an annotated copy keeps the parts it does not change
    /// as small as they were, without unpacking them (issue #25 item 14: a 259 KB workbook became 264 MB).
    ///
    /// - Complexity: O(n) in `data`, copied once.
    mutating func addPacked(_ name: String, method: Int, crc: UInt32, size: Int, data: ArraySlice<UInt8>) {
        addEntry(name, method: method, crc: crc, size: size, data: data)
    }

    private mutating func addEntry(_ name: String, method: Int, crc: UInt32, size: Int, data: ArraySlice<UInt8>) {
        let nameBytes = Array(name.utf8)
        let offset = output.count
        // Local file header: version 2.0, flag bit 11 (UTF-8 names), the method, time 0, date 1980-01-01.
        output += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(method) + le16(0) + le16(0x21)
        output += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(size)) + le16(nameBytes.count) + le16(0)
        output += nameBytes
        output += data
        directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(method) + le16(0) + le16(0x21)
        directory += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(size)) + le16(nameBytes.count) + le16(0) + le16(0)
        directory += le16(0) + le16(0) + le32(0) + le32(UInt32(offset))
        directory += nameBytes
        count += 1
    }

    /// The finished zip: the entries, their central directory and its end record.
    public func bytes() -> [UInt8] {
        var result = output + directory
        result += le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count)
        result += le32(UInt32(directory.count)) + le32(UInt32(output.count)) + le16(0)
        return result
    }

    private func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    private func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
}
