/// A cell as published: its text for people, its number for programs (`nil` when hidden or not a number).
public struct PublishedCell: Sendable {
    public var text: String
    var number: Double?
    var suppressed: Bool
    /// The cells of the report's ``LinkedCells`` it shows or comes from (a count: its cell; "x av y": x's and
    /// y's), for tests that compare what a reader sees with what protection decided.
    var sources: [Int] = []

    static func text(_ text: String) -> PublishedCell { PublishedCell(text: text, number: nil, suppressed: false) }
    static let hidden = PublishedCell(text: "..", number: nil, suppressed: true)
}

/// One table of the halvårsrapport, ready for any format: Markdown, HTML, CSV and JSON all lay out the same
/// cells, so small-cell protection is decided once, here.
public struct PublishedTable: Sendable {
    public struct Row: Sendable {
        public var key: String
        public var label: String
        public var cells: [PublishedCell]
    }

    public var id: String
    public var title: String
    var columnKeys: [String]
    public var columns: [String]
    public var rows: [Row]
    var note: String?
    /// What the rows are ("Mål", "Avslutsorsak"): the header of the label column, never empty.
    var rowHeader: String
    /// One line under the table when it hides a number, saying what its marks mean; `nil` when it hides none.
    var hiddenNote: String?
    /// One line saying which rows or columns of no data are left out, and why; `nil` when none are.
    var omittedNote: String? = nil
}

/// The halvårsrapport's tables with small-cell protection applied (DOMAIN §8), or without it for the
/// kansli's own use (`--unsuppressed`).
///
/// Every count that any table, format or compared period publishes is first entered in one
/// ``LinkedCells`` set with the sums that tie it to others (see `PublishedReport+LinkedCells.swift`);
/// ``SmallCellProtection`` decides once, over that whole set, which counts are hidden; then the tables are
/// laid out from it. A figure computed from counts (a share, an interval, a mean, a verdict, a change, a
/// cost) is published only when every count it comes from is: writers never decide protection themselves.
///
///     let published = try PublishedReport(report, protection: SmallCellProtection())
///     print(MarkdownReportWriter.write(published))
public struct PublishedReport: Sendable {
    public let report: HalvarsRapport
    /// `nil`: unprotected.
    public let protection: SmallCellProtection?
    public private(set) var tables: [PublishedTable] = []
    /// Per goal: the overall figure is hidden (a count it comes from is).
    private(set) var goalHidden: [Bool] = []
    /// Per goal, per entry of its `perKon` and `perInsats`: hidden.
    private(set) var goalKonHidden: [[Bool]] = []
    private(set) var goalInsatsHidden: [[Bool]] = []
    /// Per trend point (the report's `trend`), per goal: hidden.
    private(set) var trendGoalHidden: [[Bool]] = []
    /// Per goal: its benchmark figure (`report --benchmark`) is hidden; empty without a benchmark.
    private(set) var benchmarkHidden: [Bool] = []
    /// The linked set of every published count, and which of them are hidden.
    public let cells: LinkedCells
    /// Per cell of `cells`: hidden, and (for small counts) shown as `..` rather than `<5`.
    let hidden: [Bool]
    let dots: [Bool]

    /// Lays out `report`, protected by `protection` (`nil`: every count shown, for `--unsuppressed`) together
    /// with the reports approved before it.
    ///
    /// - Parameter approved: the last report approved before this one (itself protected with every report
    ///   approved before it): what a reader already knows. A count it published is shown here as it showed
    ///   it, and no count of it may become known through this report.
    /// - Throws: ``SmallCellProtection/Failure`` when the disclosure audit finds a count that could be worked
    ///   out: an internal error, and no report may be written.
    public init(_ report: HalvarsRapport, protection: SmallCellProtection?, approved: PublishedReport? = nil) throws(SmallCellProtection.Failure) {
        self.report = report
        self.protection = protection
        var builder = Builder(report: report)
        builder.build()
        builder.omitRangeComparisons()
        let benchmarkSources = builder.addBenchmarkColumn()
        if let approved, let protection {
            let decision = SmallCellProtection.Decision(hidden: approved.hidden, dots: approved.dots)
            builder.cells.include(approved.cells) { decision.shown($0, in: approved.cells, threshold: protection.threshold) }
            builder.cells.deriveRelations()
            builder.linkYears()
            builder.linkContinuing()
        }
        cells = builder.cells
        let none = builder.cells.cells.map { _ in false }
        let decision =
            try protection.map { protection throws(SmallCellProtection.Failure) in
                try Self.protect(builder, approved: approved, protection: protection)
            } ?? SmallCellProtection.Decision(hidden: none, dots: none)
        let hidden = decision.hidden
        (self.hidden, dots) = (hidden, decision.dots)
        let built = builder.cells
        func resolve(_ draft: Draft) -> PublishedCell { Self.resolve(draft, cells: built, decision: decision, protection: protection) }
        tables = builder.tables.map { table in
            let rows = table.rows.map { PublishedTable.Row(key: $0.key, label: $0.label, cells: $0.cells.map(resolve)) }
            return PublishedTable(
                id: table.id, title: table.title, columnKeys: table.columnKeys, columns: table.columns, rows: rows,
                note: table.note.map { Self.note($0, cells: built, decision: decision, protection: protection) },
                rowHeader: table.rowHeader, hiddenNote: protection.flatMap { Self.hiddenNote(rows, threshold: $0.threshold) })
        }
        tables = Self.explainingMeans(Self.omittingEmpty(tables, goals: report.goals))
        func isHidden(_ sources: [Int]) -> Bool { sources.contains { hidden[$0] } }
        goalHidden = builder.goalSources.map { isHidden($0.overall) }
        goalKonHidden = builder.goalSources.map { $0.perKon.map(isHidden) }
        goalInsatsHidden = builder.goalSources.map { $0.perInsats.map(isHidden) }
        trendGoalHidden = builder.trendSources.map { $0.map(isHidden) }
        benchmarkHidden = benchmarkSources.map(isHidden)
    }

    public func table(_ id: String) -> PublishedTable? { tables.first { $0.id == id } }

    var isProtected: Bool { protection != nil }

    // MARK: Drafts

    /// A cell before protection is decided: a count of the linked set, a figure computed from counts, or
    /// text that depends on no count.
    enum Draft {
        case count(Int)
        /// A count after a label of its own ("4: 20", a scale value and how many gave it).
        case labelledCount(String, Int)
        /// Shown as `cell` when none of `sources` is hidden, else as "..".
        case derived([Int], PublishedCell)
        /// Counts in a row, each as protection shows it, between words: "27 av 29", "0 av <5", "12 mot 9".
        /// Its number is the second count's (a share's n), when every count is shown.
        case counts([Int], [String])
        /// A verdict: shown as `cell` when none of `sources` is hidden, else as the reason in words.
        case verdict([Int], PublishedCell)
        case text(PublishedCell)
    }

    /// A note under a table; when it starts with a count ("12 formulär"), that count as protection shows it.
    struct NoteDraft {
        var leadingCount: Int?
        var text: String
    }

    static func resolve(_ draft: Draft, cells: LinkedCells, decision: SmallCellProtection.Decision, protection: SmallCellProtection?) -> PublishedCell
    {
        var cell: PublishedCell
        switch draft {
        case .count(let c):
            let value = cells.cells[c].value
            if let protection, decision.hidden[c] {
                cell = PublishedCell(
                    text: protection.text(decision.shown(c, in: cells, threshold: protection.threshold)), number: nil, suppressed: true)
            } else {
                cell = PublishedCell(text: SwedishFormat.integer(value), number: Double(value), suppressed: false)
            }
            cell.sources = [c]
        case .labelledCount(let label, let c):
            cell = resolve(.count(c), cells: cells, decision: decision, protection: protection)
            cell.text = label + cell.text
        case .derived(let sources, let shown):
            cell = sources.contains { decision.hidden[$0] } ? .hidden : shown
            cell.sources = sources
        case .counts(let sources, let words):
            let parts = sources.map { resolve(.count($0), cells: cells, decision: decision, protection: protection) }
            var text = parts[0].text
            for (word, part) in zip(words, parts.dropFirst()) { text += " \(word) \(part.text)" }
            let suppressed = parts.contains(where: \.suppressed)
            cell = PublishedCell(text: text, number: suppressed ? nil : parts.dropFirst().first?.number ?? parts[0].number, suppressed: suppressed)
            cell.sources = sources
        case .verdict(let sources, let shown):
            if let protection, sources.contains(where: { decision.hidden[$0] }) {
                cell = PublishedCell(
                    text: hiddenReason(sources, cells: cells, decision: decision, threshold: protection.threshold), number: nil, suppressed: true)
            } else {
                cell = shown
            }
            cell.sources = sources
        case .text(let shown):
            cell = shown
        }
        return cell
    }

    /// Why a figure is hidden, in words: too few survey answers, a small count of its own, or a count hidden
    /// to protect a small one elsewhere (which is not "små antal": the figure itself may be large).
    static func hiddenReason(_ sources: [Int], cells: LinkedCells, decision: SmallCellProtection.Decision, threshold: Int) -> String {
        let hidden = sources.filter { decision.hidden[$0] }.map { cells.cells[$0] }
        if hidden.contains(where: { $0.rule == .survey && $0.groupSize && $0.value < threshold }) { return "för få svar" }
        if hidden.contains(where: { $0.rule == .people && $0.value > 0 && $0.value < threshold }) { return "dolt: färre än \(threshold)" }
        return "dolt för att skydda ett litet antal"
    }

    /// The line under a table that hides numbers: what `<5` and `..` mean, naming only the marks it uses.
    ///
    /// A mark may stand anywhere in a cell (`<5 av ..`, `Till stor del <5`), so the cell's words are looked at,
    /// not its whole text: a note that explains `..` but not the `<5` beside it leaves the reader guessing.
    ///
    /// - Returns: `nil` when no cell of `rows` is hidden.
    static func hiddenNote(_ rows: [PublishedTable.Row], threshold: Int) -> String? {
        let hidden = rows.flatMap(\.cells).filter(\.suppressed).map(\.text)
        guard !hidden.isEmpty else { return nil }
        let words = hidden.flatMap { $0.split(separator: " ") }
        let small = words.contains { $0.hasSuffix("<\(threshold)") }, dots = words.contains { $0 == ".." }
        var parts: [String] = []
        if small { parts.append("<\(threshold) betyder 1–\(threshold - 1)") }
        if dots { parts.append(".. betyder att talet är dolt så att ett litet antal inte kan räknas fram") }
        return "Dolda tal: " + parts.joined(separator: "; ") + "."
    }

    static func note(_ draft: NoteDraft, cells: LinkedCells, decision: SmallCellProtection.Decision, protection: SmallCellProtection?) -> String {
        guard let c = draft.leadingCount else { return draft.text }
        return resolve(.count(c), cells: cells, decision: decision, protection: protection).text + " " + draft.text
    }
}
