import Foundation

/// How finsam compares what people type with the codes it knows: case-insensitively, with or without
/// å/ä/ö and accents, and with spaces, underscores and dashes alike — so `Kön`, `kon`, `KÖN` all name the
/// same column and `Arbete med stöd` the code `arbete-med-stod`.
public enum TextFolding {
    /// Text is composed (Unicode NFC) first, so that `ö` typed as one character and as `o` + U+0308 (as macOS
    /// file names and some web forms give it) fold alike.
    ///
    /// - Returns: the folded text: lower case, å/ä/ö and accents as their base letter, every run of spaces,
    ///   underscores and dashes one `-`, none at either end.
    /// - Complexity: O(n). Text of ASCII and Latin-1 alone (what people and catalogues type) takes
    ///   ``foldLatin1(_:)``, which lower-cases by arithmetic; only other text pays for Unicode's case and
    ///   composition tables (every command folds the catalogues' thousands of spellings at start).
    public static func fold(_ text: some StringProtocol) -> String {
        foldLatin1(text) ?? foldUnicode(text)
    }

    /// ``fold(_:)`` of text whose scalars are all below U+0100, one scalar at a time: `nil` for other text.
    /// Below U+0100 a letter's lower case is the letter 32 places on (A–Z, À–Þ but ×), no scalar decomposes
    /// or takes a combining mark, so that ``folded(_:)`` of the lower case is all there is to it: tests hold
    /// the two paths equal on every such scalar.
    static func foldLatin1(_ text: some StringProtocol) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for scalar in text.unicodeScalars {
            var v = scalar.value
            guard v < 0x100 else { return nil }
            if (0x41...0x5A).contains(v) || ((0xC0...0xDE).contains(v) && v != 0xD7) { v += 0x20 }
            guard let mapped = folded(v) else {
                pendingDash = true
                continue
            }
            v = mapped
            if pendingDash && !out.isEmpty { out.append(0x2D) }
            pendingDash = false
            if v < 0x80 {
                out.append(UInt8(v))
            } else {
                out.append(0xC0 | UInt8(v >> 6))
                out.append(0x80 | UInt8(v & 0x3F))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``fold(_:)`` of any text, through the standard library's lower case and Foundation's composition.
    static func foldUnicode(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pendingDash = false
        let lowered = text.lowercased()
        // Text of scalars below U+0300 (ASCII, the Latin-1 and Latin Extended letters, Swedish among them) is
        // already composed: no combining mark to compose, none of them decomposes to itself otherwise. Only
        // other text goes through Foundation's composition, which loads the Unicode tables of ICU (about a
        // millisecond at every start, when the catalogues' labels are folded).
        let composed = lowered.unicodeScalars.contains { $0.value >= 0x300 } ? lowered.precomposedStringWithCanonicalMapping : lowered
        for scalar in composed.unicodeScalars {
            guard let mapped = folded(scalar.value) else {
                pendingDash = true
                continue
            }
            if pendingDash && !out.isEmpty { out.append("-") }
            pendingDash = false
            // A scalar folds to itself or to an ASCII letter.
            out.append(mapped == scalar.value ? scalar : Unicode.Scalar(UInt8(truncatingIfNeeded: mapped)))
        }
        return String(out)
    }

    /// What a scalar of lower-case text folds to: the base letter of å, ä, ö and the accented vowels, `nil`
    /// for a separator (a space of any width, a tab, an underscore, a dash of any length), else itself.
    @inline(__always)
    static func folded(_ v: UInt32) -> UInt32? {
        switch v {
        case 0xE5, 0xE4, 0xE0, 0xE1, 0xE2: 0x61  // å ä à á â → a
        case 0xF6, 0xF2, 0xF3, 0xF4, 0xF8: 0x6F  // ö ò ó ô ø → o
        case 0xE9, 0xE8, 0xEA, 0xEB: 0x65  // é è ê ë → e
        case 0xFC, 0xFA, 0xF9: 0x75  // ü ú ù → u
        // space, tab, _, -, the Unicode dashes and minus, no-break, figure, thin and narrow no-break spaces
        case 0x20, 0x09, 0x5F, 0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xA0, 0x2007, 0x2009, 0x202F: nil
        default: v
        }
    }

    /// ASCII whitespace around a cell is an Excel accident, never meaning.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}
