/// The goal table's benchmark column (`report --benchmark`, DOMAIN §8): each goal over other förbund's data.
///
/// Its counts are counts of people like the report's own, so they are entered in the report's one
/// ``LinkedCells`` set as counts of a universe of their own (`kalla` `jmf`, by what the goal counts) and protected by the
/// same rules: a numerator or denominator of 1–4 is hidden, and the figure with it; a survey goal's forms are
/// a group under the survey rule; tillfällen are published as they are. They are no part of the report's own
/// sums (other förbund's data), so they add no relation to its cells and never change what it hides.
extension PublishedReport.Builder {
    /// Appends the column to the goal table, when the report has a benchmark.
    ///
    /// - Returns: per goal, the cells its benchmark figure comes from (empty without a benchmark).
    mutating func addBenchmarkColumn() -> [[Int]] {
        guard let benchmark = report.benchmark, let t = tables.firstIndex(where: { $0.id == "mal" }) else { return [] }
        var sources: [[Int]] = []
        for (g, result) in report.goals.enumerated() {
            let figure = g < benchmark.figures.count ? benchmark.figures[g] : nil
            let entered = figure.map { benchmarkCells(result.goal, $0) } ?? []
            sources.append(entered)
            if let r = tables[t].rows.firstIndex(where: { $0.key == result.goal.id }) {
                tables[t].rows[r].cells.append(benchmarkDraft(result.goal, figure, entered))
            }
        }
        tables[t].columnKeys.append("jamforelse")
        tables[t].columns.append(benchmark.header)
        let note = Self.benchmarkNote(benchmark, reportSpan: report.span)
        tables[t].note =
            tables[t].note.map { PublishedReport.NoteDraft(leadingCount: $0.leadingCount, text: $0.text + " " + note) }
            ?? PublishedReport.NoteDraft(text: note)
        return sources
    }

    /// The counts of a benchmark figure, entered in the set: a share's numerator and denominator (tied by a
    /// sum), a count of people, a change's two shares or two counts. Occasions enter nothing.
    private mutating func benchmarkCells(_ goal: GoalFile.Goal, _ figure: GoalFigure) -> [Int] {
        // Other förbund's counts: a universe of their own, by what the goal counts.
        let goalKey = "\(goal.measure)|\(Self.scopeKey(goal.scope))"
        func base(_ part: String) -> CountFilter { CountFilter(["kalla": ["jmf"], "mal": [goalKey + part], "period": [report.period.description]]) }
        func share(_ part: String, _ share: Share) -> [Int] {
            let den = base(part)
            let num = count(den.with("del", ["med"]), share.numerator), av = count(den, share.denominator)
            if goal.measure.countsForms {
                cells.survey(av)
                cells.survey(num, groupOf: av)
            }
            return [num, av]
        }
        func people(_ part: String, _ n: Int) -> [Int] {
            let c = count(base(part).with("del", ["antal"]), n)
            if goal.measure.countsForms { cells.survey(c) }
            return [c]
        }
        switch figure.kind {
        case .share: return share("", figure.share)
        case .count: return goal.measure.countsOccasions ? [] : people("", figure.share.numerator)
        case .change:
            let now = figure.current ?? figure.share, before = figure.baseline ?? Share(0, of: 0)
            if figure.ofCount { return people("", now.numerator) + people("fore:", before.numerator) }
            return share("", now) + share("fore:", before)
        }
    }

    /// The column's cell: "58 % (29 av 50)", "340", "+8 procentenheter (29 av 50 mot 20 av 48)", shown only
    /// with every count it comes from; "inga uppgifter" when no förbund reported what the goal counts.
    private func benchmarkDraft(_ goal: GoalFile.Goal, _ figure: GoalFigure?, _ sources: [Int]) -> PublishedReport.Draft {
        guard let figure else { return .text(.text("inga uppgifter")) }
        if figure.verdict == .forFaSvar { return .verdict(sources, .text("för få svar")) }
        switch figure.kind {
        case .count:
            guard let c = sources.first else {
                let n = figure.share.numerator
                return .text(PublishedCell(text: SwedishFormat.integer(n), number: Double(n), suppressed: false))
            }
            return .count(c)
        case .share:
            let s = figure.share
            let text = "\(SwedishFormat.percent(s)) (\(s.numerator) av \(s.denominator))"
            return .verdict(sources, PublishedCell(text: text, number: figure.value, suppressed: false))
        case .change:
            guard let now = figure.current, let before = figure.baseline else { return .text(.text("–")) }
            let counts =
                figure.ofCount
                ? "\(now.numerator) mot \(before.numerator)"
                : "\(now.numerator) av \(now.denominator) mot \(before.numerator) av \(before.denominator)"
            return .verdict(sources, PublishedCell(text: "\(figure.valueText) (\(counts))", number: figure.value, suppressed: false))
        }
    }

    /// What the column is, under the goal table: whose data, over which periods, and how it is added up.
    static func benchmarkNote(_ benchmark: GoalBenchmark, reportSpan: PeriodSpan) -> String {
        guard !benchmark.forbund.isEmpty else {
            return "Jämförelsen har inga uppgifter: inget annat förbund i underlaget har lämnat filer för perioden."
        }
        let others = benchmark.forbund.count == 1 ? "1 annat förbund" : "\(benchmark.forbund.count) andra förbund"
        return "Jämförelsen: samma mål över underlaget från \(others) (\(SwedishFormat.list(benchmark.forbund))) sammantaget, "
            + (benchmark.span?.words ?? "\(reportSpan.words) och målens egna perioder, som för förbundet") + ". "
            + "Andelar räknas på alla förbundens täljare och nämnare tillsammans, antal summeras; jämförelsen har ingen "
            + "bedömning, målvärdet är förbundets eget. Inga uppgifter: inget av förbunden har lämnat filer av det slag målet räknar "
            + "(för tillfällen av en aktivitet: inget av dem har rapporterat den aktiviteten)."
    }
}
