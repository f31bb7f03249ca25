extension GoalEvaluator {
    /// Whether the data holds anything of the kind `goal` counts, over the periods it is evaluated over: rows
    /// of `deltagare` for a deltagare measure, forms of the goal's enkät(er) for a survey measure, rows of
    /// `aktiviteter` for tillfällen or deltagande, rows of `uppfoljning` for a follow-up share; rows of
    /// `aktiviteter` and the register's units for a coverage, the register's milestone for a milestone; for a
    /// change, both now and at its baseline.
    ///
    /// A period for which no file of the kind was sent has no figure ("inga uppgifter"): 0 ägarsamråd in a year
    /// with no aktiviteter file is not a result, and would be judged "ej uppfyllt" (issue #27).
    ///
    ///     evaluator.hasData(for: agarsamrad, data: PeriodData(dataset: dataset, period: Period("2016H1")!, forbund: id))
    ///     // false: Gävleborg sent no aktiviteter for 2016
    ///
    /// - Parameters:
    ///   - data: the period evaluated; the goal's own `period` replaces it when `usingGoalPeriod` is true, as in
    ///     ``evaluate(_:minN:data:usingGoalPeriod:)``.
    /// - Returns: `false` when the figure would be made of nothing that was reported.
    /// - Complexity: one pass over the rows of the kind, at most twice (a change).
    public func hasData(for goal: GoalFile.Goal, data: PeriodData, usingGoalPeriod: Bool = true) -> Bool {
        let current = usingGoalPeriod ? goal.period.map { PeriodData(dataset: data.dataset, span: $0, forbund: data.forbund) } ?? data : data
        guard case .change(let change) = goal.measure else { return hasData(for: goal.measure, in: current) }
        let before = PeriodData(dataset: data.dataset, span: change.baseline, forbund: data.forbund)
        return hasData(for: change.of, in: current) && hasData(for: change.of, in: before)
    }

    private func hasData(for measure: GoalMeasure, in data: PeriodData) -> Bool {
        func forms(_ enkat: [String]) -> Bool {
            let wanted = Set(enkat.compactMap { catalogues.indikatorer.enkatIndex($0) }.map(Int16.init))
            return data.forms.contains { wanted.contains($0.enkat) }
        }
        switch measure {
        case .exitShare, .deltagarShare: return !data.deltagare.isEmpty
        case .surveyShare(let survey): return forms(survey.enkat)
        case .count(let count):
            switch count.of {
            case .formular: return forms(count.enkat ?? [])
            case .tillfallen, .deltagande: return !data.aktiviteter.isEmpty
            case .alla, .nya, .avslutade, .stegforflyttning: return !data.deltagare.isEmpty
            }
        case .uppfoljningShare: return !data.uppfoljningar.isEmpty
        // A coverage counts the aktiviteter rows against the register's kommuner or organisations; a milestone
        // is the register's, whatever files were sent. Without such a register (another förbund's has none of
        // this förbund's lokala samverkansgrupper) there is nothing to judge: no figure, not 0.
        case .coverage(let coverage):
            return !data.aktiviteter.isEmpty && !(data.dataset.register?.coverageUnits(coverage).isEmpty ?? true)
        case .milestone(let milestone): return data.dataset.register?.milstolpe(milestone.milstolpe) != nil
        case .change(let change): return hasData(for: change.of, in: data)
        }
    }
}

extension GoalEvaluator {
    /// Whether the data names any of the aktiviteter `goal` counts (tillfällen or deltagande of listed
    /// aktiviteter, now or in a change of them), over the periods it is evaluated over; `true` for every other
    /// goal.
    ///
    /// A förbund's own report counts a listed aktivitet it did not report as 0 (it sent its aktiviteter, and
    /// held none). Another förbund that never reports that aktivitet (styrelsemöten are rarely an insats's
    /// activity) says nothing about it: pooled into a benchmark its 0 would read as "no board meetings".
    ///
    /// - Returns: `false` when no row of the data is one of the goal's aktiviteter.
    /// - Complexity: one pass over the aktiviteter rows, at most twice (a change).
    public func reportsAktiviteter(of goal: GoalFile.Goal, data: PeriodData, usingGoalPeriod: Bool = true) -> Bool {
        let current = usingGoalPeriod ? goal.period.map { PeriodData(dataset: data.dataset, span: $0, forbund: data.forbund) } ?? data : data
        func names(_ measure: GoalMeasure, in data: PeriodData) -> Bool {
            guard case .count(let count) = measure, count.of == .tillfallen || count.of == .deltagande, let listed = count.aktivitet else {
                return true
            }
            let wanted = Set(listed.compactMap { catalogues.aktiviteter.index(of: $0) }.map(Int16.init))
            return data.aktiviteter.contains { wanted.contains($0.aktivitet) }
        }
        guard case .change(let change) = goal.measure else { return names(goal.measure, in: current) }
        return names(change.of, in: current) && names(change.of, in: PeriodData(dataset: data.dataset, span: change.baseline, forbund: data.forbund))
    }
}
