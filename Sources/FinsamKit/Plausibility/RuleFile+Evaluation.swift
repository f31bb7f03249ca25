/// Evaluating a förbund's rules over what a command sees, with the goal language's count evaluation
/// (``GoalEvaluator``): each rule's two counts for each halvår in focus, per insats or for the förbund.
extension RuleFile {
    /// Every rule that does not hold, as a warning (or, for `fel`, an error) naming `file` (the rule file),
    /// the rule's id and title, the unit and both figures.
    ///
    /// - Parameters:
    ///   - periods: the periods to check; `nil`: every halvår in the data.
    /// - Returns: the broken rules, sorted.
    public func warnings(dataset: Dataset, periods: [Period]?, file: String) -> [PlausibilityWarning] {
        let present = Set(dataset.deltagare.map(\.period) + dataset.forms.map(\.period))
        let periods = periods ?? present.sorted()
        let forbunden = Set(dataset.deltagare.map(\.forbund) + dataset.forms.map(\.forbund)).sorted()
        let evaluator = GoalEvaluator(catalogues: dataset.catalogues)
        var warnings: [PlausibilityWarning] = []
        for period in periods {
            for forbund in forbunden {
                let data = PeriodData(dataset: dataset, period: period, forbund: forbund)
                guard !data.isEmpty else { continue }
                for rule in regler {
                    let left = counts(rule.left, rule: rule, evaluator: evaluator, data: data)
                    let right = counts(rule.right, rule: rule, evaluator: evaluator, data: data)
                    let units: [Int32?] = rule.per == .forbund ? [nil] : Set(left.perInsats.keys).union(right.perInsats.keys).sorted().map { $0 }
                    for unit in units {
                        let l = unit.map { left.perInsats[$0] ?? 0 } ?? left.overall
                        let r = unit.map { right.perInsats[$0] ?? 0 } ?? right.overall
                        guard !rule.op.holds(l, r) else { continue }
                        let place =
                            unit.map { BuiltInChecks(dataset: dataset, focus: nil).insatsText($0) } ?? dataset.register?.namn ?? dataset.name(forbund)
                        warnings.append(
                            PlausibilityWarning(
                                file: file,
                                message:
                                    "regel \(rule.id) (\(rule.title)): \(place) \(period): \(l) \(Self.words(rule.left)), väntade \(rule.op.words) "
                                    + "\(r) \(Self.words(rule.right))", ruleID: rule.id, isError: rule.severity == .fel))
                    }
                }
            }
        }
        return warnings.sorted()
    }

    private func counts(_ measure: GoalMeasure, rule: Rule, evaluator: GoalEvaluator, data: PeriodData) -> (overall: Int, perInsats: [Int32: Int]) {
        let result = evaluator.evaluate(GoalFile.Goal(id: rule.id, title: rule.title, measure: measure), minN: 0, data: data)
        var perInsats: [Int32: Int] = [:]
        for (insats, figure) in result.perInsats { perInsats[insats] = Int(figure.value ?? 0) }
        // An insats with data but none of this count still has a count: 0.
        for id in Set(data.deltagare.map(\.insats) + data.forms.map(\.insats) + data.aktiviteter.map(\.insats)) where perInsats[id] == nil {
            perInsats[id] = 0
        }
        return (Int(result.overall.value ?? 0), perInsats)
    }

    /// A count measure in words: "avslutade", "formulär (deltagare-avslut)".
    static func words(_ measure: GoalMeasure) -> String {
        guard case .count(let m) = measure else { return measure.type.rawValue }
        switch m.of {
        case .alla: return "deltagare"
        case .nya: return "nya deltagare"
        case .avslutade: return "avslutade"
        case .stegforflyttning: return "stegförflyttningar"
        case .formular: return "formulär (\((m.enkat ?? []).joined(separator: ", ")))"
        case .tillfallen: return "tillfällen (\((m.aktivitet ?? []).joined(separator: ", ")))"
        case .deltagande: return "deltagande (\((m.aktivitet ?? []).joined(separator: ", ")))"
        }
    }
}
