import Foundation
import Testing

@testable import FinsamKit

/// The report's colours tell verdicts and kön apart by lightness too: under a simulation of the two common
/// red-green colour blindnesses (Machado, Oliveira & Fernandes 2009, severity 1) and in grey scale, every pair
/// a reader must tell apart keeps a luminance contrast of at least 1.4:1, and the verdict colours at least 3:1.
@Suite struct ReportPaletteTests {
    typealias RGB = (r: Double, g: Double, b: Double)

    static func linear(_ hex: String) -> RGB {
        let v = Int(hex.dropFirst(), radix: 16)!
        func channel(_ c: Int) -> Double {
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return (channel(v >> 16 & 0xFF), channel(v >> 8 & 0xFF), channel(v & 0xFF))
    }

    /// Machado et al. (2009), severity 1.0, applied to linear RGB.
    static let protanopia = [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    static let deuteranopia = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]

    static func simulate(_ c: RGB, _ m: [[Double]]?) -> RGB {
        guard let m else { return c }
        func clamp(_ x: Double) -> Double { min(1, max(0, x)) }
        return (
            clamp(m[0][0] * c.r + m[0][1] * c.g + m[0][2] * c.b), clamp(m[1][0] * c.r + m[1][1] * c.g + m[1][2] * c.b),
            clamp(m[2][0] * c.r + m[2][1] * c.g + m[2][2] * c.b)
        )
    }

    static func luminance(_ c: RGB) -> Double { 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b }

    static func contrast(_ a: String, _ b: String, _ m: [[Double]]?) -> Double {
        let (x, y) = (luminance(simulate(linear(a), m)), luminance(simulate(linear(b), m)))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func handComputedLuminance() {
        #expect(abs(Self.luminance(Self.linear("#ffffff")) - 1) < 1e-9)
        #expect(abs(Self.contrast("#000000", "#ffffff", nil) - 21) < 1e-9)
        // #777777: sRGB 119/255 = 0.4667 → linear 0.1845; against white (1.05 / 0.2345) = 4.48.
        #expect(abs(Self.contrast("#777777", "#ffffff", nil) - 4.478) < 0.01)
    }

    @Test(arguments: [("normal", nil), ("protanopi", protanopia), ("deuteranopi", deuteranopia)] as [(String, [[Double]]?)])
    func coloursDifferInLightness(_ vision: String, _ matrix: [[Double]]?) {
        let verdicts = ReportPalette.verdicts
        for i in verdicts.indices {
            for j in verdicts.indices where j > i {
                #expect(Self.contrast(verdicts[i], verdicts[j], matrix) >= 1.4, "\(vision): \(verdicts[i]) \(verdicts[j])")
            }
        }
        // Uppfyllt against ej uppfyllt, the pair that matters most: 3:1 (WCAG's contrast for graphics).
        #expect(Self.contrast(ReportPalette.verdict(.uppfyllt), ReportPalette.verdict(.ejUppfyllt), matrix) >= 3, "\(vision)")
        let series = ReportPalette.series
        for i in series.indices {
            for j in series.indices where j > i {
                #expect(Self.contrast(series[i], series[j], matrix) >= 1.4, "\(vision): \(series[i]) \(series[j])")
            }
        }
        // The target line stands out from every bar colour by its white edge; against the track it must show itself.
        #expect(Self.contrast(ReportPalette.target, ReportPalette.track, matrix) >= 3, "\(vision)")
    }
}
