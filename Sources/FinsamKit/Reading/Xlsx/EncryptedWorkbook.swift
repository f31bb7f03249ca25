/// A password-protected Excel workbook. Excel encrypts a whole `.xlsx` into an OLE2 compound file — the
/// container an old `.xls` also is — holding the streams `EncryptionInfo` and `EncryptedPackage`. Told
/// apart from an `.xls` by those stream names in the compound file's directory, so that the person is told
/// to remove the password rather than to save an `.xls` as `.xlsx` (issue #25 item 27).
enum EncryptedWorkbook {
    /// The first bytes of every OLE2 compound file (`.xls`, `.doc`, an encrypted `.xlsx`).
    static let compoundFileMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static let message =
        "väntade en CSV-fil eller en Excel-arbetsbok (.xlsx), fann en lösenordsskyddad (krypterad) Excel-arbetsbok, som finsam inte kan läsa: "
        + "ta bort lösenordet i Excel (Arkiv > Information > Skydda arbetsbok > Kryptera med lösenord, töm rutan) och spara filen igen"

    /// The stream name that only an encrypted package has, as the directory stores it (UTF-16LE).
    private static let streamName: [UInt8] = Array("EncryptedPackage".utf8).flatMap { [$0, 0] }

    /// Whether the file whose bytes `read(offset, count)` gives (fewer at its end, `nil` past it) is an
    /// encrypted workbook: a compound file whose directory, or whose first 64 KiB, names `EncryptedPackage`.
    ///
    /// - Complexity: reads 8 bytes of any other file; of a compound file at most 64 KiB and the directory's
    ///   first eight sectors.
    static func isEncrypted(read: (Int, Int) -> [UInt8]?) -> Bool {
        guard read(0, 8) == compoundFileMagic, let header = read(0, 1 << 16), header.count >= 512 else { return false }
        if contains(header, streamName) { return true }
        let shift = Int(header[30]) | Int(header[31]) << 8
        guard shift == 9 || shift == 12 else { return false }
        let first = Int(header[48]) | Int(header[49]) << 8 | Int(header[50]) << 16 | Int(header[51]) << 24
        guard first < 0xFFFF_FFFA, let directory = read((first + 1) << shift, 8 << shift) else { return false }
        return contains(directory, streamName)
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
