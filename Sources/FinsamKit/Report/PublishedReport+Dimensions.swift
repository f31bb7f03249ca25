/// The background dimensions' tables (DOMAIN §4.5) in the linked set: a table × kön per dimension present,
/// whose rows (with "uppgift saknas") add up to the deltagare table's totalt or avslutade row, and the
/// försörjning före × efter cross table, whose rows add up to their before-totals and whose columns are the
/// försörjning efter table's totals: one count, one cell.
extension PublishedReport.Builder {
    private var konKeyList: [String] { Kon.allCases.map(\.code) + ["alla"] }

    /// The cells of the deltagare table's row `what` (totalt or avslutade), kön then all, entered already.
    private func populationRow(_ what: String) -> [Int]? {
        let keys = konKeyList.map { key(report.period, what, kon: $0) }
        let found = keys.compactMap(cells.lookup)
        return found.count == keys.count ? found : nil
    }

    mutating func makeDimensionTables() {
        let p = report.period
        let columns = Kon.allCases.map(\.plural) + ["Totalt"], columnKeys = Kon.allCases.map(\.code) + ["totalt"]
        for table in report.dimensionTables {
            let d = table.dimension, avslutade = d.appliesTo == .avslutad
            guard let population = populationRow(avslutade ? "avslutade" : "totalt") else { continue }
            let rows = table.antal.indices.map { konRow(p, "dim:\(d.id):\(d.codes[$0].code)", table.antal[$0]) }
            let saknas = konRow(p, "dim:\(d.id):saknas", table.saknas)
            columnSums(rows + [saknas], equal: population)
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
        guard let t = report.forsorjning, let avslutade = populationRow("avslutade")?.last else { return }
        let p = report.period
        let foreCodes = t.fore.codes.map(\.code) + ["saknas"], efterCodes = t.efter.codes.map(\.code) + ["saknas"]
        let foreLabels = t.fore.codes.map(\.label) + ["Uppgift saknas"], efterLabels = t.efter.codes.map(\.label) + ["Uppgift saknas"]
        let rowsShown = t.antal.indices.filter { t.antal[$0].reduce(0, +) > 0 }
        let columnsShown = efterCodes.indices.filter { e in t.antal.contains { $0[e] > 0 } }
        // Column totals: the försörjning efter table's rows (all kön), the same counts.
        let columnTotals = efterCodes.indices.map { e in
            count(p, "dim:\(t.efter.id):\(efterCodes[e])", t.antal.reduce(0) { $0 + $1[e] })
        }
        cells.sum(columnTotals, equals: avslutade)
        var body: [[Int]] = [], rowTotals: [Int] = []
        var moved: [Int] = []
        for f in t.antal.indices {
            let row = efterCodes.indices.map { e in count(p, "dimx:\(t.fore.id):\(foreCodes[f]):\(efterCodes[e])", t.antal[f][e]) }
            let total = count(p, "dimx:\(t.fore.id):\(foreCodes[f]):alla", t.antal[f].reduce(0, +))
            cells.sum(row, equals: total)
            body.append(row)
            rowTotals.append(total)
            if !t.arbeteStudier.isEmpty {
                let m = count(p, "dimx:\(t.fore.id):\(foreCodes[f]):arbete-studier", t.arbeteStudier.reduce(0) { $0 + t.antal[f][$1] })
                cells.sum(t.arbeteStudier.map { row[$0] }, equals: m)
                moved.append(m)
            }
        }
        cells.sum(rowTotals, equals: avslutade)
        for e in efterCodes.indices { cells.sum(body.map { $0[e] }, equals: columnTotals[e]) }
        var movedTotal: Int?
        if !t.arbeteStudier.isEmpty {
            let m = count(p, "dimx:\(t.fore.id):alla:arbete-studier", moved.reduce(0) { $0 + cells.cells[$1].value })
            cells.sum(moved, equals: m)
            cells.sum(t.arbeteStudier.map { columnTotals[$0] }, equals: m)
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
