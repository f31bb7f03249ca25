/// `aggregate --goals` (DOMAIN §8): every goal of each förbund's goal file, evaluated per förbund and group,
/// with its numerator, denominator, value, interval and verdict: the analyst's comparison of förbund, which
/// counts alone cannot rebuild (`combine: all` needs the forms). It reads records (a ``Dataset``), not
/// streamed counts, because goals need the forms and the rows.
///
///     let comparison = GoalComparison(byPeriod: true, split: .none)
///     let rows = comparison.rows(dataset, goals: [blekinge])
///     rows[0].period  // "2022H2": Blekinge's first goal in its first halvår
///     comparison.csv(rows)  // forbund,period,id,kind,target,numerator,denominator,value,ci_low,ci_high,verdict
public struct GoalComparison: Sendable {
    /// Rows per part of a förbund's figure, besides the whole.
    public enum Split: String, Sendable {
        /// The goal overall only.
        case none
        /// One row per insats (the goal's per-insats figures).
        case insats
        /// One row per kön (the goal's per-kön figures).
        case kon
    }

    /// One goal's figure for one förbund, period and part.
    public struct Row: Sendable {
        /// The förbund's name as the data (or its register) gives it.
        public var forbund: String
        /// The periods the figure is computed over: `2023H2`, `2023`, `2022H2..2023H2`.
        public var period: String
        /// The insats's name or the kön's code with a split; `nil` for the whole.
        public var part: String?
        public var goal: GoalFile.Goal
        public var figure: GoalFigure
        /// No file of the kind the goal counts covers the period ("inga uppgifter"): the figure is no result.
        public var noData = false
    }

    /// One row per halvår (or helår file) of the data, except for a goal with its own `period` (a year, a
    /// range), which is judged once over that period: judged per halvår, "två ägarsamråd under året" would
    /// fail in each. Without it, one row per goal over its own `period`, or over all the förbund's periods.
    public var byPeriod: Bool
    public var split: Split

    public init(byPeriod: Bool, split: Split) {
        self.byPeriod = byPeriod
        self.split = split
    }

    /// Whether `goals` are meant for the förbund `id` of `dataset`: a goal file without `forbund` is for
    /// every förbund; one with it, for the förbund of that name or id (the register's too).
    public static func applies(_ goals: GoalFile, to id: Int32, in dataset: Dataset) -> Bool {
        guard let wanted = goals.forbund else { return true }
        let name = dataset.name(id)
        if TextFolding.fold(name) == TextFolding.fold(wanted) { return true }
        guard let register = dataset.register else { return false }
        return register.names(wanted) && register.names(name)
    }

    /// The förbund of `dataset`, by name.
    public static func forbund(in dataset: Dataset) -> [Int32] {
        Set(dataset.deltagare.map(\.forbund) + dataset.forms.map(\.forbund) + dataset.aktiviteter.map(\.forbund))
            .sorted { dataset.name($0) < dataset.name($1) }
    }

    /// Every goal of the goal files that apply to each förbund of `dataset`, per period and part.
    ///
    /// - Returns: rows by förbund name, then period, then the goal files' order, then part (kön in the
    ///   order kvinna, man, annat; insatser by name).
    /// - Complexity: one evaluation per förbund, period and goal, each a pass over that förbund's rows.
    public func rows(_ dataset: Dataset, goals files: [GoalFile]) -> [Row] {
        let evaluator = GoalEvaluator(catalogues: dataset.catalogues)
        var rows: [Row] = []
        for id in Self.forbund(in: dataset) {
            let applying = files.filter { Self.applies($0, to: id, in: dataset) }
            guard !applying.isEmpty else { continue }
            let periods = Set(
                dataset.deltagare.filter { $0.forbund == id }.map(\.period) + dataset.forms.filter { $0.forbund == id }.map(\.period)
                    + dataset.aktiviteter.filter { $0.forbund == id }.map(\.period)
            ).sorted()
            guard let first = periods.first, let last = periods.last, let all = PeriodSpan(from: first, to: last) else { continue }
            let spans = byPeriod ? periods.map(PeriodSpan.init) : [all]
            // Förbund and insatser by the register's ids, as the counts of `aggregate --register` group them: the
            // two tables of one run join on `forbund` (and `insats`). Without a register, as the files name them.
            let name = dataset.register?.id ?? dataset.name(id)
            let names = { (id: Int32) in dataset.register?.insats(named: dataset.name(id))?.id ?? dataset.name(id) }
            func evaluate(_ goal: GoalFile.Goal, minN: Int, over span: PeriodSpan, ownPeriod: Bool) {
                let data = PeriodData(dataset: dataset, span: span, forbund: id)
                let result = evaluator.evaluate(goal, minN: minN, data: data, usingGoalPeriod: ownPeriod)
                let noData = !evaluator.hasData(for: goal, data: data, usingGoalPeriod: ownPeriod)
                rows += self.rows(result, forbund: name, names: names).map { row in
                    var row = row
                    row.noData = noData
                    return row
                }
            }
            for span in spans {
                for file in applying {
                    for goal in file.goals where !byPeriod || goal.period == nil {
                        evaluate(goal, minN: file.minN(for: goal), over: span, ownPeriod: !byPeriod)
                    }
                }
            }
            // By period: a goal with a period of its own once, over it, after the halvår.
            guard byPeriod else { continue }
            for file in applying {
                for goal in file.goals {
                    if let own = goal.period { evaluate(goal, minN: file.minN(for: goal), over: own, ownPeriod: true) }
                }
            }
        }
        return rows
    }

    private func rows(_ result: GoalResult, forbund: String, names: (Int32) -> String) -> [Row] {
        let period = result.span.description
        func row(_ part: String?, _ figure: GoalFigure) -> Row {
            Row(forbund: forbund, period: period, part: part, goal: result.goal, figure: figure)
        }
        switch split {
        case .none: return [row(nil, result.overall)]
        case .kon: return result.perKon.map { row($0.kon?.code ?? "", $0.figure) }
        case .insats: return result.perInsats.map { row(names($0.insats), $0.figure) }
        }
    }
}

extension GoalComparison.Row {
    /// The figure's counts as an analyst compares them: a share's numerator and denominator; a count's
    /// count (no denominator); a change's current share (a count change's current count).
    public var numerator: Int { figure.current?.numerator ?? figure.share.numerator }

    /// `nil` for a count and the change of a count.
    public var denominator: Int? {
        if figure.kind == .count || figure.ofCount { return nil }
        return (figure.current ?? figure.share).denominator
    }

    /// The unrounded figure: a share, a count, or a difference (in counts, or as a fraction for shares).
    public var value: Double? { figure.value }

    /// The 95 % interval of `value` (Wilson for a share, Newcombe for a change of shares); `nil` for counts.
    public var interval: (low: Double, high: Double)? { figure.interval.map { ($0.low, $0.high) } }
}
