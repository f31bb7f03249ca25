extension HalvarsRapport {
    /// Adds the benchmark column (`report --benchmark`, DOMAIN §8): the report's goals over other förbund's
    /// data. The report's own förbund is left out of `datasets` wherever its files appear, by its name or by
    /// anything its register calls it.
    ///
    ///     report.compare(with: [others], goals: goals, span: nil, register: register)
    ///     report.benchmark?.header  // "Jämförelse: 4 förbund"
    ///
    /// - Parameters:
    ///   - span: the periods to compare over (`--benchmark-period`); `nil`: the report's, and each goal's own.
    ///   - register: the report's register, which names its förbund.
    public mutating func compare(with datasets: [Dataset], goals: GoalFile, span: PeriodSpan?, register: Register?) {
        let own = TextFolding.fold(forbundNamn)
        benchmark = GoalBenchmark.make(
            datasets, goals: goals, span: span ?? self.span, overridesGoalPeriods: span != nil,
            isOwn: { TextFolding.fold($0) == own || register?.names($0) == true })
    }
}
