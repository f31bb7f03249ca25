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
        func konCells(_ what: String, insats: String, _ counts: KonCounts, utan: Int, total: Int) -> [Int] {
            let parts =
                Kon.allCases.map { count(p, what, kon: $0.code, insats: insats, counts[$0]) }
                + [count(p, what, kon: "saknas", insats: insats, utan)]
            cells.sum(parts, equals: total)
            return parts
        }
        var rows: [PublishedReport.DraftTable.Row] = [], partRows: [PublishedReport.DraftTable.Row] = []
        /// Per aktivitet code, per insats: the deltagande cell and its kön cells (for the goals' sums).
        var byAktivitet: [String: [[Int]]] = [:]
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
            var activityCells: [[Int]] = []
            for a in insats.aktiviteter {
                let what = "struktur:\(a.aktivitet.code):deltagande"
                let total = count(p, what, insats: insats.namn, a.deltagande)
                let kon = konCells(what, insats: insats.namn, a.perKon, utan: a.utanKon, total: total)
                activityCells.append([total] + kon)
                byAktivitet[a.aktivitet.code, default: []].append([total] + kon)
                rows.append(
                    .init(
                        key: "\(insats.namn)/\(a.aktivitet.code)", label: "\(insats.namn) · \(a.aktivitet.label)",
                        cells: [.text(occasions(a.tillfallen)), .text(.text(goalText(a.aktivitet.code, insats: insats)))]
                            + ([total] + kon).map { .count($0) } + [.text(.text(""))]))
                if a.perPart.contains(where: { $0 > 0 }) {
                    let parts =
                        Part.allCases.map { count(p, what, kon: "part-\($0.code)", insats: insats.namn, a.perPart[$0.rawValue]) }
                        + [count(p, what, kon: "part-saknas", insats: insats.namn, a.utanPart)]
                    cells.sum(parts, equals: total)
                    partRows.append(
                        .init(
                            key: "\(insats.namn)/\(a.aktivitet.code)", label: "\(insats.namn) · \(a.aktivitet.label)",
                            cells: (parts + [total]).map { .count($0) }))
                }
            }
            let what = "struktur:deltagande"
            let deltagande = insats.aktiviteter.reduce(0) { $0 + $1.deltagande }
            var perKon = KonCounts()
            for a in insats.aktiviteter { for k in Kon.allCases { perKon[k] += a.perKon[k] } }
            let total = count(p, what, insats: insats.namn, deltagande)
            let kon = konCells(what, insats: insats.namn, perKon, utan: deltagande - perKon.total, total: total)
            columnSums(activityCells, equal: [total] + kon)
            let budget = PublishedCell(text: SwedishFormat.kronor(insats.budget), number: insats.budget.map(Double.init), suppressed: false)
            rows.append(
                .init(
                    key: "\(insats.namn)/totalt", label: "\(insats.namn) · totalt",
                    cells: [.text(occasions(insats.tillfallen)), .text(.text(""))] + ([total] + kon).map { .count($0) } + [.text(budget)]))
        }
        linkStrukturGoals(byAktivitet)
        tables.append(
            PublishedReport.DraftTable(
                id: "struktur", title: "Strukturinriktade insatser",
                columnKeys: ["tillfallen", "mal", "deltagande"] + konKeys.map { "deltagande-\($0)" } + ["budget"],
                columns: ["Tillfällen", "Mål", "Deltagande", "Kvinnor", "Män", "Annat", "Kön ej angivet", "Budget"],
                rows: rows,
                note: PublishedReport.NoteDraft(
                    text: "Tillfällen är antal gånger aktiviteten hölls och visas alltid; deltagande är antal personer, "
                        + "och små antal döljs som i rapportens andra tabeller. Mål: planens mål på antal tillfällen. Budget för perioden enligt registret "
                        + "(halva årsbudgeten för ett halvår)."),
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

    /// A goal on deltagande over the report's period without a scope is its activities' deltagande added up
    /// over the insatser, overall and per kön: one relation per figure, so that neither can give the other away.
    private mutating func linkStrukturGoals(_ byAktivitet: [String: [[Int]]]) {
        for (g, result) in report.goals.enumerated() where g < goalSources.count {
            guard case .count(let m) = result.goal.measure, m.of == .deltagande, result.goal.scope == nil,
                result.goal.period.map({ $0 == PeriodSpan(report.period) }) ?? true,
                let overall = goalSources[g].overall.first
            else { continue }
            let codes = m.aktivitet ?? Array(byAktivitet.keys)
            let parts = codes.flatMap { byAktivitet[$0] ?? [] }
            guard !parts.isEmpty else { continue }
            cells.sum(parts.map { $0[0] }, equals: overall)
            for (k, entry) in result.perKon.enumerated() where k < goalSources[g].perKon.count {
                guard let cell = goalSources[g].perKon[k].first else { continue }
                let column = entry.kon.map { 1 + $0.rawValue } ?? 1 + Kon.allCases.count
                cells.sum(parts.map { $0[column] }, equals: cell)
            }
        }
    }
}
