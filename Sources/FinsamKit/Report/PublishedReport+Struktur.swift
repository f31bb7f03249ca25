/// The section *Strukturinriktade insatser* (DOMAIN §8): per insats and aktivitet the tillfällen, the
/// deltagande per kön and per part, the insats's budget, and the plan's goals on tillfällen.
///
/// Tillfällen count meetings, not people: they are published as they are. Deltagande counts people and is a
/// cell of the linked set like every count: each row's kön (and part) with the rows that gave none add up to
/// its deltagande; an insats's activities add up to its total row; a goal on deltagande (over the report's
/// period, without a scope) is the sum of its activities over the insatser, per kön too.
extension PublishedReport.Builder {
    mutating func makeStrukturTables() {
        let struktur = report.struktur
        guard !struktur.isEmpty else { return }
        let p = report.period
        let konKeys = Kon.allCases.map(\.code) + ["saknas"]
        /// The deltagande of the period (universe `a`), of insats `insats`.
        func deltagande(_ insats: String) -> CountFilter { CountFilter(["kalla": ["a"], "period": [p.description], "insats": [insats]]) }
        func konCells(_ filter: CountFilter, _ counts: KonCounts, utan: Int) -> [Int] {
            Kon.allCases.map { count(filter.with("kon", [$0.code]), counts[$0]) } + [count(filter.with("kon", ["saknas"]), utan)]
        }
        var rows: [PublishedReport.DraftTable.Row] = [], partRows: [PublishedReport.DraftTable.Row] = []
        for insats in struktur {
            // An insats that sent no aktiviteter for the period did not do nothing: it has not reported.
            guard !insats.aktiviteter.isEmpty else {
                let budget = PublishedCell(text: SwedishFormat.kronor(insats.budget), number: insats.budget.map(Double.init), suppressed: false)
                rows.append(
                    .init(
                        key: "\(insats.namn)/totalt", label: insats.namn,
                        cells: [.text(.text("ingen rapport")), .text(.text(""))] + Array(repeating: .text(.text("–")), count: 1 + konKeys.count)
                            + [.text(budget)]))
                continue
            }
            for a in insats.aktiviteter {
                let filter = deltagande(insats.namn).with("aktivitet", [a.aktivitet.code])
                let total = count(filter, a.deltagande)
                let kon = konCells(filter, a.perKon, utan: a.utanKon)
                rows.append(
                    .init(
                        key: "\(insats.namn)/\(a.aktivitet.code)", label: "\(insats.namn) · \(a.aktivitet.label)",
                        cells: [.text(occasions(a.tillfallen)), .text(.text(goalText(a.aktivitet.code, insats: insats)))]
                            + ([total] + kon).map { deltagandeCell($0, told: a.deltagandeTold) } + [.text(.text(""))]))
                // Declared even where no row gave a part and the table leaves the aktivitet out: a reader knows
                // then that every deltagande is "part ej angiven" (a year adds its halvår's up part by part).
                let parts =
                    Part.allCases.map { count(filter.with("part", [$0.code]), a.perPart[$0.rawValue]) }
                    + [count(filter.with("part", ["saknas"]), a.utanPart)]
                if a.perPart.contains(where: { $0 > 0 }) {
                    partRows.append(
                        .init(
                            key: "\(insats.namn)/\(a.aktivitet.code)", label: "\(insats.namn) · \(a.aktivitet.label)",
                            cells: (parts + [total]).map { .count($0) }))
                }
            }
            let sum = insats.aktiviteter.reduce(0) { $0 + $1.deltagande }
            var perKon = KonCounts()
            for a in insats.aktiviteter { for k in Kon.allCases { perKon[k] += a.perKon[k] } }
            let total = count(deltagande(insats.namn), sum)
            let kon = konCells(deltagande(insats.namn), perKon, utan: sum - perKon.total)
            let budget = PublishedCell(text: SwedishFormat.kronor(insats.budget), number: insats.budget.map(Double.init), suppressed: false)
            rows.append(
                .init(
                    key: "\(insats.namn)/totalt", label: "\(insats.namn) · totalt",
                    cells: [.text(occasions(insats.tillfallen)), .text(.text(""))]
                        + ([total] + kon).map { deltagandeCell($0, told: insats.aktiviteter.contains(where: \.deltagandeTold)) }
                        + [.text(budget)]))
        }
        declareGoalActivities()
        tables.append(
            PublishedReport.DraftTable(
                id: "struktur", title: "Strukturinriktade insatser",
                columnKeys: ["tillfallen", "mal", "deltagande"] + konKeys.map { "deltagande-\($0)" } + ["budget"],
                columns: ["Tillfällen", "Mål", "Deltagande", "Kvinnor", "Män", "Annat", "Kön ej angivet", "Budget"],
                rows: rows,
                note: PublishedReport.NoteDraft(
                    text: "Tillfällen är antal gånger aktiviteten hölls och visas alltid; deltagande är antal personer, "
                        + "och små antal döljs som i rapportens andra tabeller"
                        + (struktur.contains { $0.aktiviteter.contains { !$0.deltagandeTold } }
                            ? " (–: uppgift saknas, filen anger inget deltagande)" : "")
                        + ". Mål: planens mål på antal tillfällen. Budget för perioden enligt registret (halva årsbudgeten för ett halvår)."),
                rowHeader: "Insats och aktivitet"))
        if !partRows.isEmpty {
            tables.append(
                PublishedReport.DraftTable(
                    id: "struktur-part", title: "Deltagande per part",
                    columnKeys: Part.allCases.map(\.code) + ["saknas", "totalt"],
                    columns: Part.allCases.map(\.label) + ["Part ej angiven", "Totalt"], rows: partRows,
                    note: PublishedReport.NoteDraft(text: "Antal personer som deltog, efter den part de kom från; små antal döljs."),
                    rowHeader: "Insats"))
        }
    }

    /// A deltagande count of the table: the count as protection shows it, or "–" where no row told a
    /// deltagande (the rows' 0 is not "nobody came"). The count stays one cell of the linked set either way,
    /// so what is hidden does not change; a 0 of a deltagande is never hidden, so the "–" always shows.
    private func deltagandeCell(_ cell: Int, told: Bool) -> PublishedReport.Draft {
        told ? .count(cell) : .derived([cell], .text("–"))
    }

    /// A number of tillfällen, published as it is.
    private func occasions(_ n: Int) -> PublishedCell { PublishedCell(text: SwedishFormat.integer(n), number: Double(n), suppressed: false) }

    /// The plan's goals on tillfällen of aktivitet `code` that concern the insats: "minst 2 (helåret 2017: uppfyllt)".
    private func goalText(_ code: String, insats: StrukturInsats) -> String {
        let names = Set((insats.aliases + [insats.namn]).map(TextFolding.fold))
        return report.goals.compactMap { result -> String? in
            guard case .count(let m) = result.goal.measure, m.of == .tillfallen, m.aktivitet?.contains(code) ?? true else { return nil }
            // The scope may name the insats by the register's id or by its name.
            if let scope = result.goal.scope?.insats, !scope.contains(where: { names.contains(TextFolding.fold($0)) }) { return nil }
            return "\(result.goal.displayTitle): \(result.targetText) (\(result.periodText): \(result.overall.verdict.label))"
        }.joined(separator: "; ")
    }

    /// What a goal on deltagande in several aktiviteter counts in each insats (its activities' deltagande
    /// added up, per kön too): declared, though the report does not print it, so that the goal's figure is
    /// tied to the rows of the table (``LinkedCells/deriveRelations()`` sums over one attribute at a time).
    private mutating func declareGoalActivities() {
        for result in report.goals {
            guard case .count(let m) = result.goal.measure, m.of == .deltagande, let codes = m.aktivitet, codes.count > 1 else { continue }
            let span = result.goal.period?.description ?? report.period.description
            guard span == report.period.description else { continue }
            for insats in report.struktur {
                let chosen = insats.aktiviteter.filter { codes.contains($0.aktivitet.code) }
                let filter = CountFilter(["kalla": ["a"], "period": [span], "insats": [insats.namn], "aktivitet": Set(codes)])
                _ = cells.unpublished(cells.normalized(filter), chosen.reduce(0) { $0 + $1.deltagande })
                for k in Kon.allCases {
                    _ = cells.unpublished(cells.normalized(filter.with("kon", [k.code])), chosen.reduce(0) { $0 + $1.perKon[k] })
                }
                _ = cells.unpublished(cells.normalized(filter.with("kon", ["saknas"])), chosen.reduce(0) { $0 + $1.utanKon })
            }
        }
    }
}
