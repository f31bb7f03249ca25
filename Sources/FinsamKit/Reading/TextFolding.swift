import Foundation

/// How finsam compares what people type with the codes it knows: case-insensitively, with or without
/// å/ä/ö and accents, and with spaces, underscores and dashes alike — so `Kön`, `kon`, `KÖN` all name the
/// same column and `Arbete med stöd` the code `arbete-med-stod`.
public enum TextFolding {
    /// Text is composed (Unicode NFC) first, so that `ö` typed as one character and as `o` + U+0308 (as macOS
    /// file names and some web forms give it) fold alike.
    public static func fold(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pendingDash = false
        let lowered = text.lowercased()
        // Text of scalars below U+0300 (ASCII, the Latin-1 and Latin Extended letters, Swedish among them) is
        // already composed: no combining mark to compose, none of them decomposes to itself otherwise. Only
        // other text goes through Foundation's composition, which loads the Unicode tables of ICU (about a
        // millisecond at every start, when the catalogues' labels are folded).
        let composed = lowered.unicodeScalars.contains { $0.value >= 0x300 } ? lowered.precomposedStringWithCanonicalMapping : lowered
        for scalar in composed.unicodeScalars {
            let mapped: Unicode.Scalar
            switch scalar {
            case "å", "ä", "à", "á", "â": mapped = "a"
            case "ö", "ò", "ó", "ô", "ø": mapped = "o"
            case "é", "è", "ê", "ë": mapped = "e"
            case "ü", "ú", "ù": mapped = "u"
            case " ", "\t", "_", "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}", "\u{00A0}", "\u{2007}",
                "\u{2009}", "\u{202F}":
                pendingDash = true; continue
            default: mapped = scalar
            }
            if pendingDash && !out.isEmpty { out.append("-") }
            pendingDash = false
            out.append(mapped)
        }
        return String(out)
    }

    /// ASCII whitespace around a cell is an Excel accident, never meaning.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}
