/// The background dimensions' tables (DOMAIN §4.5) in the linked set: a table × kön per dimension present,
/// whose rows (with "uppgift saknas") add up to the deltagare table's totalt or avslutade row, and the
/// försörjning före × efter cross table, whose rows add up to their before-totals and whose columns are the
/// försörjning efter table's totals: one count, one cell.
extension PublishedReport.Builder {
    /// What the deltagare table's row counts that a dimension's table adds up to: everyone, or the avslutade.
    private func population(avslutade: Bool) -> CountFilter {
        avslutade ? self.avslutade(report.period) : deltagare(report.period)
    }

    /// The cells of the deltagare table's row (everyone or the avslutade), kön then all, entered already.
    private func populationRow(avslutade: Bool) -> [Int]? {
        let filter = population(avslutade: avslutade)
        let found = (Kon.allCases.map { filter.with("kon", [$0.code]) } + [filter]).compactMap(lookup)
        return found.count == Kon.allCases.count + 1 ? found : nil
    }

    mutating func makeDimensionTables() {
        let columns = Kon.allCases.map(\.plural) + ["Totalt"], columnKeys = Kon.allCases.map(\.code) + ["totalt"]
        for table in report.dimensionTables {
            let d = table.dimension, avslutade = d.appliesTo == .avslutad
            guard let population = populationRow(avslutade: avslutade) else { continue }
            let base = self.population(avslutade: avslutade), attribute = "dim:\(d.id)"
            let rows = table.antal.indices.map { konRow(base.with(attribute, [d.codes[$0].code]), table.antal[$0]) }
            let saknas = konRow(base.with(attribute, ["saknas"]), table.saknas)
            let label = d.label.prefix(1).lowercased() + d.label.dropFirst()
            tables.append(
                PublishedReport.DraftTable(
                    id: "dim-\(d.id)", title: (avslutade ? "Avslutade" : "Deltagare") + " per \(label) och kön",
                    columnKeys: columnKeys, columns: columns,
                    rows: table.antal.indices.map {
                        .init(key: d.codes[$0].code, label: d.codes[$0].label, cells: rows[$0].map(PublishedReport.Draft.count))
                    }
                        + [
                            .init(key: "uppgift-saknas", label: "Uppgift saknas", cells: saknas.map(PublishedReport.Draft.count)),
                            .init(key: "totalt", label: avslutade ? "Summa avslutade" : "Totalt", cells: population.map(PublishedReport.Draft.count)),
                        ],
                    note: avslutade ? PublishedReport.NoteDraft(text: "Gäller bara de avslutade.") : nil, rowHeader: d.label))
        }
        makeForsorjningTable()
    }

    /// Försörjning före (rows) × efter (columns) of the avslutade, all kön; rows and columns without anyone
    /// are left out. A last column counts those who moved to arbete or studier, with their share of the row.
    private mutating func makeForsorjningTable() {
        guard let t = report.forsorjning, let avslutade = populationRow(avslutade: true)?.last else { return }
        let base = population(avslutade: true), fore = "dim:\(t.fore.id)", efter = "dim:\(t.efter.id)"
        let foreCodes = t.fore.codes.map(\.code) + ["saknas"], efterCodes = t.efter.codes.map(\.code) + ["saknas"]
        let foreLabels = t.fore.codes.map(\.label) + ["Uppgift saknas"], efterLabels = t.efter.codes.map(\.label) + ["Uppgift saknas"]
        let movedCodes = Set(t.arbeteStudier.map { efterCodes[$0] })
        let rowsShown = t.antal.indices.filter { t.antal[$0].reduce(0, +) > 0 }
        let columnsShown = efterCodes.indices.filter { e in t.antal.contains { $0[e] > 0 } }
        // Column totals: the försörjning efter table's rows (all kön), the same counts.
        let columnTotals = efterCodes.indices.map { e in count(base.with(efter, [efterCodes[e]]), t.antal.reduce(0) { $0 + $1[e] }) }
        var body: [[Int]] = [], rowTotals: [Int] = []
        var moved: [Int] = []
        for f in t.antal.indices {
            let line = base.with(fore, [foreCodes[f]])
            let row = efterCodes.indices.map { e in count(line.with(efter, [efterCodes[e]]), t.antal[f][e]) }
            let total = count(line, t.antal[f].reduce(0, +))
            body.append(row)
            rowTotals.append(total)
            if !t.arbeteStudier.isEmpty {
                let m = count(line.with(efter, movedCodes), t.arbeteStudier.reduce(0) { $0 + t.antal[f][$1] })
                moved.append(m)
            }
        }
        var movedTotal: Int?
        if !t.arbeteStudier.isEmpty {
            let m = count(base.with(efter, movedCodes), moved.reduce(0) { $0 + cells.cells[$1].value })
            movedTotal = m
        }
        func line(_ counts: [Int], total: Int, moved: Int?) -> [PublishedReport.Draft] {
            var drafts = columnsShown.map { PublishedReport.Draft.count(counts[$0]) } + [.count(total)]
            if let moved {
                let share = Share(cells.cells[moved].value, of: cells.cells[total].value)
                drafts += [.count(moved), .derived([moved, total], self.share(share))]
            }
            return drafts
        }
        var rows: [PublishedReport.DraftTable.Row] = rowsShown.map { f in
            .init(key: foreCodes[f], label: foreLabels[f], cells: line(body[f], total: rowTotals[f], moved: moved.isEmpty ? nil : moved[f]))
        }
        rows.append(.init(key: "totalt", label: "Summa avslutade", cells: line(columnTotals, total: avslutade, moved: movedTotal)))
        let movedColumns: (keys: [String], labels: [String]) =
            t.arbeteStudier.isEmpty
            ? ([], []) : (["arbete-studier", "arbete-studier-andel"], ["Till arbete eller studier", "%"])
        tables.append(
            PublishedReport.DraftTable(
                id: "forsorjning", title: "Avslutade efter försörjning före och efter insatsen",
                columnKeys: columnsShown.map { efterCodes[$0] } + ["totalt"] + movedColumns.keys,
                columns: columnsShown.map { efterLabels[$0] } + ["Totalt"] + movedColumns.labels,
                rows: rows,
                note: PublishedReport.NoteDraft(
                    text: "Rader: försörjning före insatsen. Kolumner: försörjning efter. Alla kön; andelen av radens avslutade."),
                rowHeader: "Försörjning före"))
    }
}
