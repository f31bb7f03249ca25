/// The förbund's economy through the year (issue #27 item 4, DOMAIN §5.1): the register's
/// `ekonomiUppfoljning`, per date of report (`"2015-03-31"`, quarterly, at each styrelsemöte), the costs so far
/// (`utfall`) or the result so far (`resultat`), the forecast of the year's costs (`prognos`, the plans'
/// "förbrukning under året") and of its income (`intakter`, else the tilldelade medel); and what the plans
/// derive from them and the budget: how much of the budgetram is used, whether the prognos is inom budgetram
/// and the budget i balans, the prognostiserat resultat, and the utrymme att fördela.
extension Register {
    /// One date's economic follow-up, in kronor for the calendar year of `datum`.
    public struct EkonomiUppfoljning: Sendable, Codable, Hashable {
        /// Costs of the year so far.
        public var utfall: Int?
        /// The result of the year so far (income less costs; may be negative).
        public var resultat: Int?
        /// Forecast of the year's costs ("förbrukning under året").
        public var prognos: Int?
        /// Forecast of the year's income (contributions, ESF and other); without it, the tilldelade medel.
        public var intakter: Int?

        enum CodingKeys: String, StrictCodingKey { case utfall, resultat, prognos, intakter }
    }

    /// The year's budgetram: the insatser's budgets for the year (beslutade insatser) and the administration's.
    /// Only a register with the year's tilldelade medel holds the förbund's whole budget; one that lists some
    /// insatser only (Skellefteå's, with the two of its sample data) would give a ram that no plan decided.
    ///
    /// - Returns: `nil` without the year's tilldelade medel, or when the register gives no budget.
    public func budgetram(_ year: Int) -> Int? {
        guard economy.tilldeladeMedel?[String(year)] != nil else { return nil }
        let whole = Period(year: year, half: nil)
        let insatser = beslutadeInsatser(year), administration = Register.amount(economy.administration?.budget, for: whole)?.amount
        guard insatser != nil || administration != nil else { return nil }
        return (insatser ?? 0) + (administration ?? 0)
    }

    /// The insatser's budgets for `year`, summed: what the styrelse has decided to spend on insatser.
    public func beslutadeInsatser(_ year: Int) -> Int? {
        let amounts = insatser.compactMap { $0.budget(for: Period(year: year, half: nil)) }
        return amounts.isEmpty ? nil : amounts.reduce(0, +)
    }

    /// "Utrymme" or "att fördela" (the plans' words): tilldelade medel − beslutade insatser − administration.
    ///
    ///     // tilldelade 5 000 000, insatser 3 900 000, administration 800 000
    ///     register.utrymme(2015)  // 300 000
    ///
    /// - Returns: `nil` without tilldelade medel for the year.
    public func utrymme(_ year: Int) -> Int? {
        guard let medel = economy.tilldeladeMedel?[String(year)] else { return nil }
        let administration = Register.amount(economy.administration?.budget, for: Period(year: year, half: nil))?.amount ?? 0
        return medel - (beslutadeInsatser(year) ?? 0) - administration
    }

    /// The follow-up of the last date on or before `day` in the same year, with its date.
    public func ekonomiUppfoljning(onOrBefore day: CalendarDay) -> (datum: CalendarDay, uppfoljning: EkonomiUppfoljning)? {
        (economy.ekonomiUppfoljning ?? [:]).compactMap { key, value in CalendarDay(key).map { ($0, value) } }
            .filter { $0.0.year == day.year && $0.0 <= day }.max { $0.0 < $1.0 }
    }

    /// The checks of `ekonomiUppfoljning`: dates and amounts.
    func uppfoljningProblems() -> [(path: String, message: String)] {
        var problems: [(String, String)] = []
        for (key, value) in (economy.ekonomiUppfoljning ?? [:]).sorted(by: { $0.key < $1.key }) {
            if CalendarDay(key) == nil { problems.append(("ekonomiUppfoljning", "väntade ett datum som \"2015-03-31\", fann \"\(key)\"")) }
            if value == EkonomiUppfoljning() {
                problems.append(("ekonomiUppfoljning.\(key)", "väntade minst ett av utfall, resultat, prognos och intakter, fann inget"))
            }
            if let resultat = value.resultat, abs(resultat) > Self.maximumBudget {
                problems.append(("ekonomiUppfoljning.\(key).resultat", "väntade ett belopp i kronor, högst 1 000 000 000 000, fann \(resultat)"))
            }
            for (name, amount) in [("utfall", value.utfall), ("prognos", value.prognos), ("intakter", value.intakter)] {
                if let amount, !(0...Self.maximumBudget).contains(amount) {
                    problems.append(
                        ("ekonomiUppfoljning.\(key).\(name)", "väntade ett belopp i kronor från 0 till 1 000 000 000 000, fann \(amount)"))
                }
            }
        }
        return problems
    }
}
