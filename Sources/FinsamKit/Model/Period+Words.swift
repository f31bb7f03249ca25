/// Periods as a styrelse reads them: in words, never as the file code `2023H2`.
extension Period {
    /// In words: "januari–juni 2023", "juli–december 2023", "helåret 2023".
    ///
    /// - Returns: the period as a heading or a table row names it.
    public var words: String {
        switch half {
        case 1: "januari–juni \(year)"
        case 2: "juli–december \(year)"
        default: "helåret \(year)"
        }
    }

    /// Short, for a chart's axis: "jan–jun 2023", "jul–dec 2023", "2023".
    ///
    /// - Returns: the period in at most twelve characters.
    var shortWords: String {
        switch half {
        case 1: "jan–jun \(year)"
        case 2: "jul–dec \(year)"
        default: "\(year)"
        }
    }
}
