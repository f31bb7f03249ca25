/// Volym och ekonomi (DOMAIN §5.1, §8): per insats planned against actual deltagare and budget against utfall,
/// and the förbund's tilldelade medel, administration and eget kapital, from a version 2 register.
extension HalvarsRapport {
    public struct VolymRad: Sendable {
        public var insats: String
        public var namn: String
        /// Budgeterat antal deltagare for the period's year.
        var planerat: Int?
        /// Deltagare of the period (each counted once), felregistreringar left out.
        public var deltagare: Int
        public var budget: Register.Amount?
        public var utfall: Register.Amount?
        /// The year's budget: what the year's plan is planned with.
        var arsbudget: Int?

        /// Kr per planned deltagare: the year's budget over the year's planned number (register figures only).
        var perPlaneradDeltagare: Int? {
            guard let arsbudget, let planerat, planerat > 0 else { return nil }
            return roundedRatio(arsbudget, times: 1, over: planerat)
        }

        /// Kr per actual deltagare: the utfall (else the budget) over the deltagare.
        var perDeltagare: Int? {
            guard let cost = (utfall ?? budget)?.amount, deltagare > 0 else { return nil }
            return roundedRatio(cost, times: 1, over: deltagare)
        }
    }

    public struct ForbundEkonomi: Sendable {
        var tilldeladeMedel: Register.Amount?
        var administrationBudget: Register.Amount?
        var administrationUtfall: Register.Amount?
        var egetKapital: (date: String, amount: Int)?
        var granser: Register.Granser?
        /// The year's budgetram: beslutade insatser and administration (`Register+Uppfoljning.swift`).
        var budgetram: Int?
        /// Tilldelade medel − beslutade insatser − administration for the year.
        var utrymme: Int?
        /// The last follow-up of the year on or before the period's end: costs or result so far, the forecasts.
        var uppfoljning: (datum: CalendarDay, figures: Register.EkonomiUppfoljning)?

        public var isEmpty: Bool {
            tilldeladeMedel == nil && administrationBudget == nil && administrationUtfall == nil && egetKapital == nil && utrymme == nil
                && uppfoljning == nil
        }

        /// The costs so far as a share of the budgetram.
        var forbrukning: Share? {
            guard let utfall = uppfoljning?.figures.utfall, let budgetram, budgetram > 0 else { return nil }
            return Share(utfall, of: budgetram)
        }

        /// Whether the forecast is inom budgetram (costs at most the budgetram); `nil` without both.
        var inomBudgetram: Bool? {
            guard let prognos = uppfoljning?.figures.prognos, let budgetram else { return nil }
            return prognos <= budgetram
        }

        /// The year's forecast income: as reported, else the tilldelade medel.
        var intakter: Int? { uppfoljning?.figures.intakter ?? tilldeladeMedel?.amount }

        /// The forecast result of the year: income less the forecast costs.
        var prognostiseratResultat: Int? {
            guard let prognos = uppfoljning?.figures.prognos, let intakter else { return nil }
            return intakter - prognos
        }

        /// Whether the budget is i balans: the forecast costs at most the year's income.
        var iBalans: Bool? { prognostiseratResultat.map { $0 >= 0 } }
    }

    /// The individinriktade insatser of the register active in the period that have a plan, a budget or an
    /// utfall for it.
    static func volym(_ data: PeriodData) -> [VolymRad] {
        guard let register = data.dataset.register else { return [] }
        let catalogue = data.dataset.catalogues.avslutsorsaker
        var deltagare: [String: Int] = [:]
        for record in data.deltagare where catalogue.counts(record) {
            deltagare[data.name(record.insats), default: 0] += record.antal
        }
        return register.insatser.compactMap { insats in
            guard insats.typ == .individ, insats.isActive(in: data.period) else { return nil }
            let rad = VolymRad(
                insats: insats.id, namn: insats.namn, planerat: insats.planeratAntal?[String(data.period.year)],
                deltagare: deltagare[insats.id] ?? 0, budget: Register.amount(insats.budget, for: data.period),
                utfall: Register.amount(insats.utfall, for: data.period),
                arsbudget: Register.amount(insats.budget, for: Period(year: data.period.year, half: nil))?.amount)
            return rad.planerat == nil && rad.budget == nil && rad.utfall == nil ? nil : rad
        }
    }

    static func forbundEkonomi(_ register: Register?, period: Period) -> ForbundEkonomi? {
        guard let register else { return nil }
        let e = register.economy
        let result = ForbundEkonomi(
            tilldeladeMedel: e.tilldeladeMedel?[String(period.year)].map { Register.Amount(amount: $0, halfOfYear: false) },
            administrationBudget: Register.amount(e.administration?.budget, for: period),
            administrationUtfall: Register.amount(e.administration?.utfall, for: period),
            egetKapital: register.egetKapital(atEndOf: period), granser: e.egetKapitalGranser,
            budgetram: register.budgetram(period.year), utrymme: register.utrymme(period.year),
            uppfoljning: CalendarDay(year: period.year, month: period.half == 1 ? 6 : 12, day: period.half == 1 ? 30 : 31)
                .flatMap(register.ekonomiUppfoljning(onOrBefore:))
                .map { ($0.datum, $0.uppfoljning) })
        return result.isEmpty ? nil : result
    }
}
