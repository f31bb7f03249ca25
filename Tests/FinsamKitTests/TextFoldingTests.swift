import FinsamTestSupport
import Testing
@testable import FinsamKit

/// ``TextFolding/fold(_:)`` lower-cases Latin-1 text (what people and the catalogues type) by arithmetic and
/// other text through Unicode's case and composition: the two must fold alike wherever both apply.
@Suite struct TextFoldingTests {
    /// Every scalar below U+0100, alone, between letters and beside separators.
    static let latin1 = (0..<0x100).compactMap(Unicode.Scalar.init).map(String.init)

    @Test func everyLatin1ScalarFoldsAsUnicodeFoldsIt() {
        for s in Self.latin1 {
            for text in [s, "a\(s)b", "\(s) \(s)", "X\(s)-\(s)Y", " \(s)_"] {
                #expect(TextFolding.foldLatin1(text) == TextFolding.foldUnicode(text), "\(text.unicodeScalars.map(\.value))")
            }
        }
    }

    @Test func randomLatin1TextFoldsAsUnicodeFoldsIt() {
        var random = SeededGenerator(seed: 0xF01D)
        let pieces = Self.latin1 + ["Å", "Ä", "Ö", "å", "ä", "ö", "É", "é", " ", "  ", "_", "-", "\t", "\u{A0}", "Arbete", "STÖD"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(TextFolding.foldLatin1(text) == TextFolding.foldUnicode(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func foldsByHandComputedValues() {
        #expect(TextFolding.fold("  Arbete med STÖD ") == "arbete-med-stod")
        #expect(TextFolding.fold("Kön") == "kon")
        #expect(TextFolding.fold("Åsa__Öberg -– Éva") == "asa-oberg-eva")
        #expect(TextFolding.fold("Pågående") == "pagaende")
        #expect(TextFolding.fold("\u{A0}Ø×ß\u{A0}") == "o×ß")
        // Beyond Latin-1 the Unicode path folds: `o` with a combining diaeresis (macOS file names) is `ö`.
        #expect(TextFolding.foldLatin1("Ko\u{308}n") == nil)
        #expect(TextFolding.fold("Ko\u{308}n") == "kon")
        #expect(TextFolding.fold("Arbete\u{2013}med\u{2009}stöd") == "arbete-med-stod")
    }
}
