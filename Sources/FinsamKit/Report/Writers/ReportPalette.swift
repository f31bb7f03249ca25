/// The report's colours, named once. Every pair a reader must tell apart differs in lightness as well as in
/// hue, so that a reader with red-green colour blindness, or a grey-scale print, still tells them apart
/// (checked in `ReportPaletteTests` with a simulation of protanopia and deuteranopia); and nothing is told by
/// colour alone: every bar has its figure and verdict in text beside it.
enum ReportPalette {
    static let ink = "#1d2a33"
    static let accent = "#2b6c8f"
    static let muted = "#4a5a66"
    static let track = "#eef3f6"
    static let rule = "#cfd8de"
    /// The target line: dark red with a white edge, visible on every bar colour and on the track.
    static let target = "#b3261e"

    /// A bar's colour by the goal's verdict: dark green, light orange, grey-blue.
    static func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .uppfyllt: "#1f5c3a"
        case .ejUppfyllt: "#f2b25c"
        case .forFaSvar, .foljsUpp, .ingaUppgifter: "#7c93a3"
        }
    }

    /// The series of a chart by kön: from near black to light, in steps of lightness.
    static let totalt = "#1d2a33"
    static let kvinnor = "#2b6c8f"
    static let man = "#e0922f"
    static let annat = "#c9dde8"

    /// Every colour a reader must tell apart from the others in the same chart.
    static let series = [totalt, kvinnor, man, annat]
    static let verdicts = [Verdict.uppfyllt, .ejUppfyllt, .foljsUpp].map(verdict)
}
