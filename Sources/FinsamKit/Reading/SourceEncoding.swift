/// The two encodings a CSV from Swedish offices arrives in: UTF-8 (with or without BOM) and Windows-1252,
/// which Swedish Excel writes for "CSV (semikolonavgränsad)".
///
/// A file's encoding is decided while it is read, in one pass: everything is ASCII until the first byte
/// ≥ 0x80; if that byte starts valid UTF-8 the file is UTF-8, otherwise Windows-1252. A file that then
/// switches (valid UTF-8 in a Windows-1252 file or the reverse) is an error, because one of its halves
/// would silently turn into mojibake.
public enum SourceEncoding: Sendable, Hashable {
    case utf8
    case windows1252

    /// Not a `String` raw value: comparing encodings happens per non-ASCII byte, and must not compare strings.
    public var name: String { self == .utf8 ? "UTF-8" : "Windows-1252" }

    /// Result of looking at a byte sequence that starts with a byte ≥ 0x80.
    enum UTF8Sequence: Equatable {
        case valid(length: Int)
        case incomplete
        case invalid
    }

    /// Validates one UTF-8 sequence (no overlongs, no surrogates, ≤ U+10FFFF).
    static func utf8Sequence(_ p: UnsafePointer<UInt8>, available: Int) -> UTF8Sequence {
        let b0 = p[0]
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return .invalid
        }
        for i in 1..<length {
            guard i < available else { return .incomplete }
            let b = p[i]
            let (lo, hi) = i == 1 ? (lower, upper) : (0x80, 0xBF)
            if b < lo || b > hi { return .invalid }
        }
        return .valid(length: length)
    }

    /// Whether the bytes are å, ä, ö, é or ü (either case) in UTF-8. In a Windows-1252 file these pairs read
    /// "Ã¥", "Ã¤" … which no Swedish text contains: they mean a UTF-8 part was pasted into the file.
    static func isUTF8SwedishLetter(_ p: UnsafePointer<UInt8>, available: Int) -> Bool {
        guard available >= 2, p[0] == 0xC3 else { return false }
        return [0xA5, 0xA4, 0xB6, 0x85, 0x84, 0x96, 0xA9, 0x89, 0xBC, 0x9C].contains(p[1])
    }

    /// Whether every byte ≥ 0x80 of `bytes` (one cell) reads in this encoding without a problem: what
    /// ``CSVReader`` checks byte by byte, for a caller that takes a line without it.
    func accepts(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        while i < bytes.count {
            let b = base[i]
            guard b >= 0x80 else {
                i += 1
                continue
            }
            switch self {
            case .utf8:
                guard case .valid(let length) = Self.utf8Sequence(base + i, available: bytes.count - i) else { return false }
                if b == 0xC3, CSVReader.mojibakeStart(UnsafeBufferPointer(start: base + i, count: min(4, bytes.count - i))) != nil { return false }
                i += length
            case .windows1252:
                if Self.isUndefinedInWindows1252(b) || Self.isUTF8SwedishLetter(base + i, available: bytes.count - i) { return false }
                i += 1
            }
        }
        return true
    }

    /// Bytes that Windows-1252 leaves undefined: a file containing them is neither encoding.
    static func isUndefinedInWindows1252(_ b: UInt8) -> Bool {
        b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D
    }

    /// Unicode scalars of Windows-1252 bytes 0x80–0x9F (the rest are Latin-1).
    private static let high: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func windows1252Scalar(_ b: UInt8) -> Unicode.Scalar {
        if b >= 0x80 && b < 0xA0 { return Unicode.Scalar(high[Int(b) - 0x80])! }
        return Unicode.Scalar(b)
    }

    /// Appends the UTF-8 form of `bytes` (in this encoding) to `out`.
    func appendUTF8(of bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        switch self {
        case .utf8:
            out.append(contentsOf: bytes)
        case .windows1252:
            for b in bytes {
                if b < 0x80 {
                    out.append(b)
                } else {
                    UTF8.encode(Self.windows1252Scalar(b)) { out.append($0) }
                }
            }
        }
    }

    /// Encodes `text` as Windows-1252, or `nil` if it has a character that encoding lacks.
    static func windows1252Bytes(of text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 || (scalar.value >= 0xA0 && scalar.value <= 0xFF) {
                out.append(UInt8(scalar.value))
            } else if let index = high.firstIndex(of: UInt16(scalar.value)), !isUndefinedInWindows1252(UInt8(0x80 + index)) {
                out.append(UInt8(0x80 + index))
            } else {
                return nil
            }
        }
        return out
    }
}
