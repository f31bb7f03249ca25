/// Volym och ekonomi in the linked set (DOMAIN §8): planned against actual deltagare per insats, budget against
/// utfall with kr per deltagare, and the förbund's tilldelade medel, administration and eget kapital. Register
/// figures (plans, kronor) are not counts and are shown as they are; a figure divided by a count of deltagare
/// is published only when that count is (`derived`). A count here is the same cell as wherever else the
/// report prints it (the insats's deltagare of the period, as in the kostnad table).
extension PublishedReport.Builder {
    private func kronor(_ value: Int?) -> PublishedReport.Draft {
        .text(PublishedCell(text: SwedishFormat.kronor(value), number: value.map(Double.init), suppressed: false))
    }

    private func text(_ value: String) -> PublishedReport.Draft { .text(.text(value)) }

    mutating func makeEkonomiTables() {
        let p = report.period
        let rows = report.volym
        if !rows.isEmpty {
            var volym: [PublishedReport.DraftTable.Row] = [], ekonomi: [PublishedReport.DraftTable.Row] = []
            for rad in rows {
                let d = count(deltagare(p, insats: rad.namn), rad.deltagare)
                let planned = rad.planerat.map { PublishedCell(text: SwedishFormat.integer($0), number: Double($0), suppressed: false) }
                let share: PublishedReport.Draft =
                    rad.planerat.map { planerat in
                        .derived([d], self.share(Share(rad.deltagare, of: planerat)))
                    } ?? text("–")
                volym.append(.init(key: rad.insats, label: rad.namn, cells: [.text(planned ?? .text("–")), .count(d), share]))
                let used: PublishedReport.Draft =
                    rad.budget.flatMap { budget in
                        rad.utfall.map { .text(self.share(Share($0.amount, of: budget.amount))) }
                    } ?? text("–")
                ekonomi.append(
                    .init(
                        key: rad.insats, label: rad.namn,
                        cells: [
                            kronor(rad.budget?.amount), kronor(rad.utfall?.amount), used, kronor(rad.perPlaneradDeltagare),
                            .derived(
                                [d],
                                PublishedCell(
                                    text: SwedishFormat.kronor(rad.perDeltagare), number: rad.perDeltagare.map(Double.init), suppressed: false)),
                        ]))
            }
            let year = PeriodSpan(Period(year: p.year, half: nil)).words
            tables.append(
                PublishedReport.DraftTable(
                    id: "volym", title: "Planerat och faktiskt antal deltagare", columnKeys: ["planerat", "deltagare", "andel-av-planerat"],
                    columns: ["Planerat antal", "Deltagare", "Andel av planerat"], rows: volym,
                    note: PublishedReport.NoteDraft(
                        text: "Planerat antal enligt registret gäller \(year)" + (p.isHalfYear ? "; deltagare gäller halvåret." : ".")),
                    rowHeader: "Insats"))
            let halved = rows.filter { $0.budget?.halfOfYear == true || $0.utfall?.halfOfYear == true }.map(\.namn)
            let budgetNote =
                halved.isEmpty
                ? "Budget och utfall för perioden enligt registret."
                : "Budget och utfall för perioden enligt registret; för \(Self.and(halved)) är halvårets belopp halva årets, eftersom registret inte anger något för halvåret."
            tables.append(
                PublishedReport.DraftTable(
                    id: "ekonomi", title: "Budget och utfall per insats",
                    columnKeys: ["budget", "utfall", "utfall-av-budget", "kr-per-planerad-deltagare", "kr-per-deltagare"],
                    columns: ["Budget", "Utfall", "Utfall av budget", "Kr per deltagare, planerat", "Kr per deltagare, faktiskt"], rows: ekonomi,
                    note: PublishedReport.NoteDraft(
                        text: budgetNote + " Kr per deltagare, faktiskt = utfallet (budgeten där utfall saknas) delat med periodens deltagare."),
                    rowHeader: "Insats"))
        }
        makeForbundEkonomiTable()
    }

    private mutating func makeForbundEkonomiTable() {
        guard let e = report.forbundEkonomi else { return }
        let p = report.period
        var rows: [PublishedReport.DraftTable.Row] = []
        func halfNote(_ amount: Register.Amount?) -> String { amount?.halfOfYear == true ? "halva årets belopp" : "" }
        if let medel = e.tilldeladeMedel {
            rows.append(
                .init(
                    key: "tilldelade-medel", label: "Tilldelade medel",
                    cells: [kronor(medel.amount), text(p.isHalfYear ? "för hela \(p.year)" : "")]))
        }
        if e.administrationBudget != nil || e.administrationUtfall != nil {
            rows.append(
                .init(
                    key: "administration-budget", label: "Administration, budget",
                    cells: [kronor(e.administrationBudget?.amount), text(halfNote(e.administrationBudget))]))
            let used = e.administrationBudget.flatMap { b in e.administrationUtfall.map { Share($0.amount, of: b.amount) } }
            rows.append(
                .init(
                    key: "administration-utfall", label: "Administration, utfall",
                    cells: [
                        kronor(e.administrationUtfall?.amount),
                        text(
                            [halfNote(e.administrationUtfall), used.map { "\(SwedishFormat.percent($0)) av budget" } ?? ""]
                                .filter { !$0.isEmpty }.joined(separator: ", ")),
                    ]))
        }
        if let utrymme = e.utrymme {
            rows.append(
                .init(
                    key: "utrymme", label: "Utrymme att fördela \(p.year)",
                    cells: [kronor(utrymme), text("tilldelade medel − beslutade insatser − administration")]))
        }
        if let uppfoljning = e.uppfoljning {
            let forbrukning = e.forbrukning.map { "\(SwedishFormat.percent($0)) av budgetramen \(SwedishFormat.kronor(e.budgetram)) förbrukat" }
            if let utfall = uppfoljning.figures.utfall {
                rows.append(
                    .init(key: "utfall-hittills", label: "Utfall per \(uppfoljning.datum)", cells: [kronor(utfall), text(forbrukning ?? "")]))
            }
            if let resultat = uppfoljning.figures.resultat {
                rows.append(.init(key: "resultat-hittills", label: "Resultat per \(uppfoljning.datum)", cells: [kronor(resultat), text("")]))
            }
            if let prognos = uppfoljning.figures.prognos {
                let verdicts = [
                    e.inomBudgetram.map { $0 ? "✓ inom budgetram" : "✗ över budgetramen" },
                    e.iBalans.map { $0 ? "✓ budget i balans" : "✗ budget ej i balans" },
                    e.prognostiseratResultat.map { "prognostiserat resultat \(SwedishFormat.kronor($0))" },
                ].compactMap { $0 }
                rows.append(
                    .init(
                        key: "prognos", label: "Prognos för \(p.year), per \(uppfoljning.datum)",
                        cells: [kronor(prognos), text(verdicts.joined(separator: ", "))]))
            }
        }
        if let kapital = e.egetKapital {
            rows.append(
                .init(
                    key: "eget-kapital", label: "Eget kapital \(kapital.date)",
                    cells: [kronor(kapital.amount), text(Self.limitText(kapital.amount, e.granser))]))
        }
        tables.append(
            PublishedReport.DraftTable(
                id: "ekonomi-forbund", title: "Förbundets ekonomi", columnKeys: ["belopp", "kommentar"], columns: ["Belopp", "Kommentar"], rows: rows,
                note: PublishedReport.NoteDraft(text: "Belopp enligt förbundets register."), rowHeader: "Post"))
    }

    /// "A, B och C".
    static func and(_ items: [String]) -> String {
        items.count > 1 ? items.dropLast().joined(separator: ", ") + " och " + items.last! : items.first ?? ""
    }

    /// "inom gränserna 1 000 000–2 800 000 kr", "över gränsen 2 800 000 kr", or "" without limits.
    static func limitText(_ amount: Int, _ granser: Register.Granser?) -> String {
        guard let granser, granser.min != nil || granser.max != nil else { return "" }
        if let min = granser.min, amount < min { return "under den lägsta nivån \(SwedishFormat.kronor(min))" }
        if let max = granser.max, amount > max { return "över den högsta nivån \(SwedishFormat.kronor(max))" }
        switch (granser.min, granser.max) {
        case let (min?, max?): return "inom gränserna \(SwedishFormat.integer(min))–\(SwedishFormat.kronor(max))"
        case let (min?, nil): return "över den lägsta nivån \(SwedishFormat.kronor(min))"
        case let (nil, max?): return "under den högsta nivån \(SwedishFormat.kronor(max))"
        default: return ""
        }
    }
}
