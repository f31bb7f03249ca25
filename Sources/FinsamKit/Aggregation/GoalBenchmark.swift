/// `report --benchmark` (DOMAIN §8): the report's own goals computed over other förbund's data (the region,
/// the country), pooled: a share is all their numerators over all their denominators, a count their sum.
/// Each förbund is evaluated as `aggregate --goals` evaluates it (``GoalComparison``), with its own catalogues
/// and register, and the report's förbund is left out wherever its files appear.
///
///     let benchmark = GoalBenchmark.make(
///         [sampleData], goals: blekinge, span: PeriodSpan("2010..2023")!, overridesGoalPeriods: true, isOwn: { $0 == "blekinge" })
///     benchmark.header  // "Jämförelse: 4 förbund"
///     benchmark.figures[0]?.share  // 209 av 323: Gotland, Gävleborg, Malmö and Skellefteå-Norsjö's stegförflyttning
///
/// The figures are counts of people like the report's own and are protected with them (see
/// `PublishedReport+Benchmark.swift`); they carry no verdict: the target is the report's förbund's.
public struct GoalBenchmark: Sendable {
    /// The förbund whose data the figures pool (at least one goal had data of its kind), by name.
    public var forbund: [String]
    /// The periods every goal is computed over when the command line chose them (`--benchmark-period`);
    /// `nil`: the report's periods, and a goal's own `period` where it has one, as in the report.
    public var span: PeriodSpan?
    /// Per goal of the report, in its order: the pooled figure; `nil` when no förbund reported anything of the
    /// kind the goal counts for its periods ("inga uppgifter").
    public var figures: [GoalFigure?]

    /// The column's header: what the figures are, "Jämförelse: 4 förbund" (one förbund by its name).
    public var header: String {
        forbund.count == 1 ? "Jämförelse: \(forbund[0])" : "Jämförelse: \(forbund.isEmpty ? "inga" : String(forbund.count)) förbund"
    }

    /// Evaluates `goals` over every förbund of `datasets` that `isOwn` does not name, and pools the figures.
    ///
    /// - Parameters:
    ///   - datasets: the other förbund's data, one dataset per catalogue and register (as `aggregate` reads them).
    ///   - span: the report's periods, or those of `--benchmark-period`.
    ///   - overridesGoalPeriods: `true` when `span` was chosen for the comparison: every goal is computed over
    ///     it, its own `period` too (another förbund's data rarely covers the same years).
    ///   - isOwn: whether a förbund's name or id is the report's förbund, which is no benchmark for itself.
    /// - Returns: one pooled figure per goal, in the goal file's order.
    /// - Complexity: one evaluation per förbund and goal, each a pass over that förbund's rows.
    public static func make(
        _ datasets: [Dataset], goals: GoalFile, span: PeriodSpan, overridesGoalPeriods: Bool, isOwn: (String) -> Bool
    ) -> GoalBenchmark {
        var pools = goals.goals.map { _ in Pool() }
        var names = Set<String>()
        for dataset in datasets {
            let evaluator = GoalEvaluator(catalogues: dataset.catalogues)
            for id in GoalComparison.forbund(in: dataset) {
                let code = dataset.name(id)
                let name = dataset.register.flatMap { $0.names(code) ? $0.namn : nil } ?? code
                guard !isOwn(code), !isOwn(name) else { continue }
                let data = PeriodData(dataset: dataset, span: span, forbund: id)
                for (g, goal) in goals.goals.enumerated()
                where evaluator.hasData(for: goal, data: data, usingGoalPeriod: !overridesGoalPeriods)
                    && evaluator.reportsAktiviteter(of: goal, data: data, usingGoalPeriod: !overridesGoalPeriods)
                {
                    let result = evaluator.evaluate(goal, minN: goals.minN(for: goal), data: data, usingGoalPeriod: !overridesGoalPeriods)
                    pools[g].add(result.overall)
                    names.insert(name)
                }
            }
        }
        let figures = zip(goals.goals, pools).map { goal, pool in
            pool.figure(goal.kind, isCountChange: goal.measure.isCountChange, minN: goals.minN(for: goal))
        }
        return GoalBenchmark(forbund: names.sorted(), span: overridesGoalPeriods ? span : nil, figures: figures)
    }

    /// The counts of one goal added up over förbund: now (a share's, a count's), and at a change's baseline.
    private struct Pool {
        var now = (positive: 0, counted: 0), before = (positive: 0, counted: 0)
        var notAnswered = 0
        var isEmpty = true

        mutating func add(_ figure: GoalFigure) {
            let current = figure.current ?? figure.share
            now.positive += current.numerator
            now.counted += current.denominator
            if let baseline = figure.baseline {
                before.positive += baseline.numerator
                before.counted += baseline.denominator
            }
            notAnswered += figure.notAnswered
            isEmpty = false
        }

        /// The pooled figure with no verdict of its own ("följs upp"), or "för få svar" below `minN`.
        func figure(_ kind: GoalKind, isCountChange: Bool, minN: Int) -> GoalFigure? {
            guard !isEmpty else { return nil }
            switch kind {
            case .count: return GoalFigure(count: now.positive, verdict: .foljsUpp)
            case .share:
                let verdict: Verdict = now.counted < minN || now.counted == 0 ? .forFaSvar : .foljsUpp
                return GoalFigure(share: Share(now.positive, of: now.counted), verdict: verdict, notAnswered: notAnswered)
            case .change:
                if isCountChange { return GoalFigure(count: now.positive, baseline: before.positive, verdict: .foljsUpp) }
                let n = min(now.counted, before.counted)
                return GoalFigure(
                    current: Share(now.positive, of: now.counted), baseline: Share(before.positive, of: before.counted),
                    verdict: n < minN || n == 0 ? .forFaSvar : .foljsUpp, notAnswered: notAnswered)
            }
        }
    }
}
