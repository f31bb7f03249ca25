/// A report over a run of periods (`--period 2022H2..2023H2`) has no "mot föregående" columns in its goal
/// table (issue #27): each deltagare is counted once over the whole run, so its figures are not a halvår's, and
/// a column of nothing but "–" told the reader nothing. The note says why, and which report to compare with.
extension PublishedReport.Builder {
    /// The keys of the goal table's columns that compare with earlier periods.
    static let comparisonColumns: Set<String> = ["mot-foregaende", "mot-aret-innan"]

    /// Removes the comparison columns of the goal table of a report over a run of periods, and says why.
    ///
    /// Only "–" cells are removed (a run has no earlier point to compare with), so no count that protection
    /// weighs is touched.
    mutating func omitRangeComparisons() {
        guard report.isRange, let t = tables.firstIndex(where: { $0.id == "mal" }) else { return }
        let keep = tables[t].columnKeys.indices.filter { !Self.comparisonColumns.contains(tables[t].columnKeys[$0]) }
        tables[t].columnKeys = keep.map { tables[t].columnKeys[$0] }
        tables[t].columns = keep.map { tables[t].columns[$0] }
        for r in tables[t].rows.indices { tables[t].rows[r].cells = keep.map { tables[t].rows[r].cells[$0] } }
        let why =
            "Rapporten gäller flera perioder i följd och jämförs därför inte med föregående period: varje deltagare räknas en gång "
            + "över hela tiden, så talen är inte ett halvårs. Jämför med rapporten för lika lång tid före"
            + (Self.previousRun(report.span).map { " (\($0.words))" } ?? "") + "."
        let text = (tables[t].note?.text ?? "").replacingOccurrences(of: " Förändring i procentenheter.", with: "")
        tables[t].note = PublishedReport.NoteDraft(leadingCount: tables[t].note?.leadingCount, text: text.isEmpty ? why : text + " " + why)
    }

    /// The run of as many halvår that ends just before `span` starts: 2021H1..2022H1 before 2022H2..2023H2,
    /// named to the reader in words ("januari 2021–juni 2022"), as the report names every period.
    ///
    /// - Returns: the run, `nil` for a span of one halvår.
    static func previousRun(_ span: PeriodSpan) -> PeriodSpan? {
        let count = span.halves.count
        guard count > 1 else { return nil }
        var first = span.first
        for _ in 0..<count { first = first.half == 1 ? Period(year: first.year - 1, half: 2) : Period(year: first.year, half: 1) }
        let last = span.first.half == 1 ? Period(year: span.first.year - 1, half: 2) : Period(year: span.first.year, half: 1)
        return PeriodSpan(from: first, to: last)
    }
}
