/// A cell as published: its text for people, its number for programs (`nil` when hidden or not a number).
public struct PublishedCell: Sendable {
    public var text: String
    public var number: Double?
    public var suppressed: Bool

    static func text(_ text: String) -> PublishedCell { PublishedCell(text: text, number: nil, suppressed: false) }
    static let hidden = PublishedCell(text: "..", number: nil, suppressed: true)
}

/// One table of the halvårsrapport, ready for any format: Markdown, HTML, CSV and JSON all lay out the same
/// cells, so small-cell protection is decided once, here.
public struct PublishedTable: Sendable {
    public struct Row: Sendable {
        public var key: String
        public var label: String
        public var cells: [PublishedCell]
    }

    public var id: String
    public var title: String
    public var columnKeys: [String]
    public var columns: [String]
    public var rows: [Row]
    public var note: String?
}

/// The halvårsrapport's tables with small-cell protection applied (DOMAIN §8), or without it for the
/// kansli's own use (`--unsuppressed`).
public struct PublishedReport: Sendable {
    public let report: HalvarsRapport
    /// `nil`: unprotected.
    public let protection: SmallCellProtection?
    public private(set) var tables: [PublishedTable] = []
    /// Per goal: the overall figure's cells are hidden (its numerator or denominator is a small count).
    public private(set) var goalHidden: [Bool] = []
    /// Per goal, per entry of its `perKon` and `perInsats`: hidden.
    public private(set) var goalKonHidden: [[Bool]] = []
    public private(set) var goalInsatsHidden: [[Bool]] = []
    /// The stegförflyttning table's protection, decided together with the first `exitShare` goal's.
    private var stegforflyttningGrids: (numerators: ProtectedGrid, denominators: ProtectedGrid)?

    public init(_ report: HalvarsRapport, protection: SmallCellProtection?) {
        self.report = report
        self.protection = protection
        makeGoalTables()
        makeKonTables()
        makeIndicatorTable()
        makeKostnadTable()
        makeTrendTable()
    }

    public func table(_ id: String) -> PublishedTable? { tables.first { $0.id == id } }

    public var isProtected: Bool { protection != nil }

    // MARK: Cells

    private func count(_ shown: SmallCellProtection.Shown) -> PublishedCell {
        switch shown {
        case .value(let v): PublishedCell(text: SwedishFormat.integer(v), number: Double(v), suppressed: false)
        case .small, .hidden: PublishedCell(text: (protection ?? SmallCellProtection()).text(shown), number: nil, suppressed: true)
        }
    }

    private func share(_ share: Share, hidden: Bool) -> PublishedCell {
        guard !hidden, let value = share.value else { return hidden ? .hidden : .text("–") }
        return PublishedCell(text: SwedishFormat.percent(share), number: value, suppressed: false)
    }

    private func interval(_ share: Share, hidden: Bool) -> PublishedCell {
        hidden ? .hidden : .text(SwedishFormat.interval(share))
    }

    /// A table with kvinna, man, annat as columns: `annat` goes first when a second count must be hidden.
    private func konGrid(_ rows: [[Int]], forced: [[Bool]]? = nil, forcedColumnTotals: [Bool]? = nil) -> ProtectedGrid {
        ProtectedGrid(rows, protection: protection, cheapColumns: [Kon.annat.rawValue], forced: forced, forcedColumnTotals: forcedColumnTotals)
    }

    /// The kön tables that publish the same counts per kön, protected together.
    private struct KonTables {
        /// Pågående and avslutade (rows) × kön; its column totals are all deltagare per kön.
        var status: ProtectedGrid
        var alder: ProtectedGrid
        var folded: ProtectedGrid
        var orsaker: ProtectedGrid
        var sus: ProtectedGrid
    }

    /// Deltagare per kön are published as the totals of the status, ålder and folded ålder tables, avslutade
    /// per kön as a row of the status table and the totals of the avslutsorsak and SUS tables. Protected one
    /// by one, a count hidden in one of them could be read off another, so each kön's count is hidden in all
    /// of them as soon as one hides it, until no table hides more. Each table starts from what the tables
    /// before it hide: protected side by side, two tables may each pick a different kön for the same total
    /// (kvinnor here, män there) and the union would then hide both.
    private func konTables(folded: [KonCounts]) -> KonTables {
        let d = report.deltagare
        func or(_ a: [Bool], _ b: [Bool]) -> [Bool] { zip(a, b).map { $0 || $1 } }
        var totalt = [Bool](repeating: false, count: Kon.allCases.count)
        var avslutade = totalt
        while true {
            var nextTotalt = totalt, nextAvslutade = avslutade
            let status = konGrid([d.pagaende.counts, d.avslutade.counts], forced: [totalt.map { _ in false }, avslutade],
                                 forcedColumnTotals: totalt)
            nextTotalt = or(nextTotalt, status.hiddenColumnTotals)
            nextAvslutade = or(nextAvslutade, status.hiddenCells[1])
            let alder = konGrid(report.alder.map(\.counts), forcedColumnTotals: nextTotalt)
            nextTotalt = or(nextTotalt, alder.hiddenColumnTotals)
            let foldedGrid = konGrid(folded.map(\.counts), forcedColumnTotals: nextTotalt)
            nextTotalt = or(nextTotalt, foldedGrid.hiddenColumnTotals)
            let orsaker = konGrid(report.avslutsorsaker.map(\.antal.counts), forcedColumnTotals: nextAvslutade)
            nextAvslutade = or(nextAvslutade, orsaker.hiddenColumnTotals)
            let sus = konGrid(report.susGroups.map(\.antal.counts), forcedColumnTotals: nextAvslutade)
            nextAvslutade = or(nextAvslutade, sus.hiddenColumnTotals)
            if nextTotalt == totalt && nextAvslutade == avslutade {
                return KonTables(status: status, alder: alder, folded: foldedGrid, orsaker: orsaker, sus: sus)
            }
            (totalt, avslutade) = (nextTotalt, nextAvslutade)
        }
    }

    private var konColumns: [String] { Kon.allCases.map(\.plural) + ["Totalt"] }
    private var konKeys: [String] { Kon.allCases.map(\.code) + ["totalt"] }

    /// A row of a protected grid: the cells of row `r`, then its total.
    private func gridRow(_ grid: ProtectedGrid, _ r: Int) -> [PublishedCell] {
        grid.rows[r].indices.map { count(grid.cell(r, $0)) } + [count(grid.rowTotal(r))]
    }

    private func totalRow(_ grid: ProtectedGrid) -> [PublishedCell] {
        grid.columnTotals.indices.map { count(grid.columnTotal($0)) } + [count(grid.grandTotal)]
    }

    // MARK: Goals

    private mutating func makeGoalTables() {
        let r = report
        var overall: [PublishedTable.Row] = [], perKon: [PublishedTable.Row] = [], perInsats: [PublishedTable.Row] = []
        for (g, result) in r.goals.enumerated() {
            let protection = self.protection
            func small(_ n: Int) -> Bool { protection.map { n > 0 && n < $0.threshold } ?? false }
            let hidden = small(result.overall.share.numerator) || small(result.overall.share.denominator)
            goalHidden.append(hidden)
            func change(_ point: HalvarsRapport.TrendPoint?) -> PublishedCell {
                guard let before = point?.goals[g], before.verdict != .forFaSvar, result.overall.verdict != .forFaSvar, !hidden,
                      let now = result.overall.share.value, let then = before.share.value else { return .text("–") }
                let points = Int(((now - then) * 100).rounded(.toNearestOrAwayFromZero))
                return PublishedCell(text: (points > 0 ? "+" : points < 0 ? "−" : "±") + "\(abs(points)) p", number: now - then, suppressed: false)
            }
            overall.append(.init(key: result.goal.id, label: result.goal.title,
                                 cells: [PublishedCell(text: SwedishFormat.target(result.goal.target), number: result.goal.target, suppressed: false)]
                                     + figure(result.overall, hidden: hidden) + [change(r.previous)] + (r.period.isHalfYear ? [change(r.yearEarlier)] : [])))
            // Per kön: numerators and denominators each protected with the overall figure as their total.
            let kon = result.perKon.filter { $0.kon != nil }
            let (numerators, denominators) = ProtectedGrid.pair(numerators: [kon.map(\.figure.share.numerator)],
                                                                denominators: [kon.map(\.figure.share.denominator)],
                                                                protection: protection, cheapColumns: [Kon.annat.rawValue])
            var konHidden = kon.indices.map { numerators.hiddenCells[0][$0] || denominators.hiddenCells[0][$0] }
            let (insatsNum, insatsDen) = ProtectedGrid.pair(numerators: result.perInsats.map { [$0.figure.share.numerator] },
                                                            denominators: result.perInsats.map { [$0.figure.share.denominator] }, protection: protection)
            var insatsHidden = result.perInsats.indices.map { insatsNum.hiddenCells[$0][0] || insatsDen.hiddenCells[$0][0] }
            if g == r.goals.firstIndex(where: { $0.goal.exitShare != nil }) {
                (konHidden, insatsHidden) = protectStegforflyttning(result, konHidden: konHidden, insatsHidden: insatsHidden)
            }
            for (i, entry) in kon.enumerated() {
                let h = konHidden[i]
                perKon.append(.init(key: "\(result.goal.id)/\(entry.kon!.code)", label: "\(result.goal.id) · \(entry.kon!.plural)",
                                    cells: figure(entry.figure, hidden: h)))
            }
            if let missing = result.perKon.first(where: { $0.kon == nil }) {
                let h = small(missing.figure.share.numerator) || small(missing.figure.share.denominator)
                konHidden.append(h)
                perKon.append(.init(key: "\(result.goal.id)/uppgift-saknas", label: "\(result.goal.id) · Uppgift saknas",
                                    cells: figure(missing.figure, hidden: h)))
            }
            goalKonHidden.append(konHidden)
            goalInsatsHidden.append(insatsHidden)
            for (i, entry) in result.perInsats.enumerated() {
                let name = r.insatsNamn[entry.insats] ?? "?"
                perInsats.append(.init(key: "\(result.goal.id)/\(name)", label: "\(result.goal.id) · \(name)",
                                       cells: figure(entry.figure, hidden: insatsHidden[i])))
            }
        }
        guard !r.goals.isEmpty else { return }
        let figureColumns = ["Utfall", "Antal", "95 % KI", "Bedömning"], figureKeys = ["andel", "antal", "ki", "bedomning"]
        let changes = r.period.isHalfYear ? (keys: ["mot-foregaende", "mot-aret-innan"], columns: ["Mot föregående halvår", "Mot samma halvår året innan"])
            : (keys: ["mot-foregaende"], columns: ["Mot föregående år"])
        tables.append(PublishedTable(id: "mal", title: "Måluppfyllelse", columnKeys: ["malvarde"] + figureKeys + changes.keys,
                                     columns: ["Målvärde"] + figureColumns + changes.columns,
                                     rows: overall, note: "Under minsta antal (n) ges ingen bedömning: för få svar. Förändring i procentenheter."))
        tables.append(PublishedTable(id: "mal-kon", title: "Måluppfyllelse per kön", columnKeys: figureKeys, columns: figureColumns, rows: perKon))
        tables.append(PublishedTable(id: "mal-insats", title: "Måluppfyllelse per insats", columnKeys: figureKeys, columns: figureColumns, rows: perInsats))
    }

    private func figure(_ f: GoalFigure, hidden: Bool) -> [PublishedCell] {
        let n = hidden ? PublishedCell.hidden
            : PublishedCell(text: "\(f.share.numerator) av \(f.share.denominator)", number: Double(f.share.denominator), suppressed: false)
        if f.verdict == .forFaSvar { return [.text("för få svar"), n, .text("–"), .text("för få svar")] }
        return [share(f.share, hidden: hidden), n, interval(f.share, hidden: hidden), .text(f.verdict.label)]
    }

    /// The stegförflyttning table (insats × kön) publishes the first `exitShare` goal's figures again: its
    /// column totals are the goal per kön, its row totals the goal per insats. It is protected with what the
    /// goal tables hide, and the goal tables then hide exactly its totals, so neither gives the other away.
    private mutating func protectStegforflyttning(_ result: GoalResult, konHidden: [Bool], insatsHidden: [Bool]) -> ([Bool], [Bool]) {
        let rows = report.stegforflyttning
        let row = Dictionary(uniqueKeysWithValues: rows.indices.map { (rows[$0].insats, $0) })
        var forcedRows = [Bool](repeating: false, count: rows.count)
        for (i, entry) in result.perInsats.enumerated() where insatsHidden[i] {
            if let r = row[entry.insats] { forcedRows[r] = true }
        }
        let grids = ProtectedGrid.pair(numerators: rows.map(\.med.counts), denominators: rows.map(\.avslutade.counts), protection: protection,
                                       cheapColumns: [Kon.annat.rawValue], forcedRowTotals: forcedRows,
                                       forcedColumnTotals: rows.isEmpty ? nil : konHidden)
        stegforflyttningGrids = grids
        guard !rows.isEmpty else { return (konHidden, insatsHidden) }
        let insats = result.perInsats.map { entry in row[entry.insats].map { grids.numerators.hiddenRowTotals[$0] } ?? true }
        return (grids.numerators.hiddenColumnTotals, insats)
    }

    // MARK: Deltagare and avslutade

    private mutating func makeKonTables() {
        let d = report.deltagare
        var folded = [KonCounts(), KonCounts(), KonCounts()]
        for (i, counts) in report.alder.enumerated() {
            let row = i == Aldersgrupp.allCases.count ? 2 : (Aldersgrupp(rawValue: i)!.isUng ? 0 : 1)
            for kon in Kon.allCases { folded[row][kon] += counts[kon] }
        }
        let grids = konTables(folded: folded)
        let status = grids.status
        var rows: [PublishedTable.Row] = []
        if let nya = d.nya {
            let grid = konGrid([nya.counts])
            rows.append(.init(key: "nya", label: "Nya under perioden", cells: gridRow(grid, 0)))
        }
        rows += [.init(key: "pagaende", label: "Pågående vid periodens slut", cells: gridRow(status, 0)),
                 .init(key: "avslutade", label: "Avslutade under perioden", cells: gridRow(status, 1)),
                 .init(key: "totalt", label: "Totalt", cells: totalRow(status))]
        tables.append(PublishedTable(id: "deltagare", title: "Deltagare", columnKeys: konKeys, columns: konColumns, rows: rows,
                                     note: report.felregistreringar > 0 ? "Felregistreringar är inte medräknade." : nil))

        let labels = Aldersgrupp.allCases.map(\.code) + ["uppgift saknas"]
        let alder = grids.alder
        tables.append(PublishedTable(id: "alder", title: "Deltagare per åldersgrupp och kön", columnKeys: konKeys, columns: konColumns,
                                     rows: labels.indices.map { .init(key: labels[$0], label: labels[$0], cells: gridRow(alder, $0)) }
                                         + [.init(key: "totalt", label: "Totalt", cells: totalRow(alder))]))
        let foldedGrid = grids.folded
        let foldedLabels = [("unga-16-29", "Unga 16–29"), ("30-64", "30–64"), ("uppgift-saknas", "Uppgift saknas")]
        tables.append(PublishedTable(id: "alder-grupperad", title: "Deltagare, unga och äldre", columnKeys: konKeys, columns: konColumns,
                                     rows: foldedLabels.indices.map { .init(key: foldedLabels[$0].0, label: foldedLabels[$0].1, cells: gridRow(foldedGrid, $0)) }
                                         + [.init(key: "totalt", label: "Totalt", cells: totalRow(foldedGrid))]))
        makeAvslutTables(orsaker: grids.orsaker, sus: grids.sus)
    }

    // MARK: Avslutade

    /// A kön table of counts with each count's share of its column total.
    private func withShares(_ grid: ProtectedGrid, _ keys: [String], _ labels: [String]) -> [PublishedTable.Row] {
        func cells(_ counts: [Int], _ hidden: [Bool]) -> [PublishedCell] {
            (0..<counts.count).flatMap { c -> [PublishedCell] in
                let columnTotal = c < grid.columnTotals.count ? grid.columnTotals[c] : grid.total
                let columnHidden = c < grid.columnTotals.count ? grid.hiddenColumnTotals[c] : grid.hiddenTotal
                let shown = grid.protection?.shown(counts[c], hidden: hidden[c]) ?? .value(counts[c])
                return [count(shown), share(Share(counts[c], of: columnTotal), hidden: hidden[c] || columnHidden)]
            }
        }
        var rows = grid.rows.indices.map { r in
            PublishedTable.Row(key: keys[r], label: labels[r], cells: cells(grid.rows[r] + [grid.rowTotals[r]], grid.hiddenCells[r] + [grid.hiddenRowTotals[r]]))
        }
        rows.append(.init(key: "summa", label: "Summa avslutade",
                          cells: cells(grid.columnTotals + [grid.total], grid.hiddenColumnTotals + [grid.hiddenTotal])))
        return rows
    }

    private var shareColumns: (keys: [String], labels: [String]) {
        (konKeys.flatMap { [$0, "\($0)-andel"] }, konColumns.flatMap { [$0, "%"] })
    }

    private mutating func makeAvslutTables(orsaker: ProtectedGrid, sus: ProtectedGrid) {
        tables.append(PublishedTable(id: "avslutsorsaker", title: "Avslutsorsaker per kön", columnKeys: shareColumns.keys, columns: shareColumns.labels,
                                     rows: withShares(orsaker, report.avslutsorsaker.map(\.orsak.code), report.avslutsorsaker.map(\.orsak.label)),
                                     note: "Andel av de avslutade i samma kolumn."))
        tables.append(PublishedTable(id: "sus", title: "Avslutade efter utfall (SUS-grupper)", columnKeys: shareColumns.keys, columns: shareColumns.labels,
                                     rows: withShares(sus, report.susGroups.map(\.group.code), report.susGroups.map(\.group.label))))
        // Stegförflyttning per insats and kön: those with one, of the avslutade that count.
        let (med, avslutade) = stegforflyttningGrids ?? ProtectedGrid.pair(numerators: report.stegforflyttning.map(\.med.counts),
                                                                         denominators: report.stegforflyttning.map(\.avslutade.counts),
                                                                         protection: protection, cheapColumns: [Kon.annat.rawValue])
        func cells(_ m: [Int], _ mh: [Bool], _ a: [Int], _ ah: [Bool]) -> [PublishedCell] {
            m.indices.flatMap { c -> [PublishedCell] in
                let ms = protection?.shown(m[c], hidden: mh[c]) ?? .value(m[c]), as_ = protection?.shown(a[c], hidden: ah[c]) ?? .value(a[c])
                return [count(ms), count(as_), share(Share(m[c], of: a[c]), hidden: mh[c] || ah[c])]
            }
        }
        var rows = report.stegforflyttning.indices.map { r in
            PublishedTable.Row(key: report.insatsNamn[report.stegforflyttning[r].insats] ?? "?", label: report.insatsNamn[report.stegforflyttning[r].insats] ?? "?",
                               cells: cells(med.rows[r] + [med.rowTotals[r]], med.hiddenCells[r] + [med.hiddenRowTotals[r]],
                                            avslutade.rows[r] + [avslutade.rowTotals[r]], avslutade.hiddenCells[r] + [avslutade.hiddenRowTotals[r]]))
        }
        if !rows.isEmpty {
            rows.append(.init(key: "totalt", label: "Totalt", cells: cells(med.columnTotals + [med.total], med.hiddenColumnTotals + [med.hiddenTotal],
                                                                          avslutade.columnTotals + [avslutade.total], avslutade.hiddenColumnTotals + [avslutade.hiddenTotal])))
        }
        tables.append(PublishedTable(id: "stegforflyttning", title: "Stegförflyttning per insats och kön",
                                     columnKeys: konKeys.flatMap { [$0, "\($0)-avslutade", "\($0)-andel"] },
                                     columns: konColumns.flatMap { ["\($0) med", "av", "%"] }, rows: rows,
                                     note: "Avslutade med stegförflyttning av de avslutade som räknas (målets definition)."))
    }

    // MARK: Indikatorer

    private mutating func makeIndicatorTable() {
        let width = report.indikatorer.map(\.distribution.count).max() ?? 0
        var rows: [PublishedTable.Row] = []
        for rad in report.indikatorer {
            // The distribution adds up to n. "Vet ej" and "ej aktuellt" are one count on their own: the forms
            // that left the question empty are not published, so nothing adds them up to a known total.
            let distribution = rad.distribution.map(\.count)
            let counts = distribution + [rad.positive.denominator, rad.vetEj + rad.ejAktuellt]
            let n = distribution.count
            let hidden = protection?.suppress(counts, sums: [.init(parts: Array(0..<n), total: n)]) ?? counts.map { _ in false }
            let anyHidden = hidden[0...n].contains(true)
            func c(_ i: Int) -> PublishedCell { count(protection?.shown(counts[i], hidden: hidden[i]) ?? .value(counts[i])) }
            let values = (0..<width).map { i in
                i < n ? PublishedCell(text: "\(rad.distribution[i].value.value): " + c(i).text, number: c(i).number, suppressed: c(i).suppressed) : .text("")
            }
            let mean = rad.meanTenths.map { PublishedCell(text: SwedishFormat.tenths($0), number: Double(rad.sum) / Double(rad.positive.denominator), suppressed: false) }
            rows.append(.init(key: rad.question.id, label: "\(rad.question.label) (\(rad.question.id))",
                              cells: [.text(rad.scale.id), c(n), share(rad.positive, hidden: anyHidden), interval(rad.positive, hidden: anyHidden),
                                      anyHidden ? .hidden : (mean ?? .text("–"))] + values + [c(n + 1)]))
        }
        tables.append(PublishedTable(
            id: "indikatorer", title: "FINSAM-indikatorer",
            columnKeys: ["skala", "n", "andel-positiva", "ki", "medel"] + (0..<width).map { "fordelning-\($0 + 1)" } + ["vet-ej-ej-aktuellt"],
            columns: ["Skala", "n", "Andel positiva", "95 % KI", "Medel"] + (0..<width).map { _ in "" } + ["Vet ej / ej aktuellt"],
            rows: rows,
            note: "\(report.formCount) formulär. Andel positiva = svar från skalans gräns och uppåt av dem som svarade på skalan; vet ej och ej aktuellt räknas inte in i andelar och medelvärden. Fördelningen anges som svar: antal."))
    }

    // MARK: Kostnad

    private mutating func makeKostnadTable() {
        guard !report.kostnader.isEmpty else { return }
        let k = report.kostnader
        // Deltagare and stegförflyttningar per insats add up to totals published in other tables.
        let deltagare = ProtectedGrid(k.map { [$0.deltagare] }, protection: protection)
        let steg = ProtectedGrid(k.map { [$0.stegforflyttningar] }, protection: protection)
        let rows = k.indices.map { i in
            let dh = deltagare.hiddenCells[i][0], sh = steg.hiddenCells[i][0]
            return PublishedTable.Row(key: k[i].insats, label: k[i].namn, cells: [
                PublishedCell(text: SwedishFormat.kronor(k[i].budget), number: Double(k[i].budget), suppressed: false),
                count(deltagare.cell(i, 0)),
                dh ? .hidden : PublishedCell(text: SwedishFormat.kronor(k[i].perDeltagare), number: k[i].perDeltagare.map(Double.init), suppressed: false),
                count(steg.cell(i, 0)),
                sh ? .hidden : PublishedCell(text: SwedishFormat.kronor(k[i].perStegforflyttning), number: k[i].perStegforflyttning.map(Double.init), suppressed: false),
            ])
        }
        tables.append(PublishedTable(id: "kostnad", title: "Kostnad per deltagare och per stegförflyttning",
                                     columnKeys: ["budget", "deltagare", "kr-per-deltagare", "stegforflyttningar", "kr-per-stegforflyttning"],
                                     columns: ["Budget", "Deltagare", "Kr per deltagare", "Stegförflyttningar", "Kr per stegförflyttning"],
                                     rows: rows, note: "Budget för perioden enligt registret (halva årsbudgeten för ett halvår)."))
    }

    // MARK: Trend

    private mutating func makeTrendTable() {
        guard report.trend.count > 1 else { return }
        let goals = report.goals
        let rows = report.trend.map { point in
            PublishedTable.Row(key: point.period.description, label: point.period.description, cells: [
                count(protection?.shown(point.deltagare, hidden: (protection.map { point.deltagare > 0 && point.deltagare < $0.threshold } ?? false)) ?? .value(point.deltagare)),
                count(protection?.shown(point.avslutade, hidden: (protection.map { point.avslutade > 0 && point.avslutade < $0.threshold } ?? false)) ?? .value(point.avslutade)),
            ] + point.goals.map { f in
                f.verdict == .forFaSvar ? .text("för få svar") : share(f.share, hidden: protection.map { t in
                    (f.share.numerator > 0 && f.share.numerator < t.threshold) || (f.share.denominator > 0 && f.share.denominator < t.threshold)
                } ?? false)
            })
        }
        tables.append(PublishedTable(id: "trend", title: "Utveckling över halvåren", columnKeys: ["deltagare", "avslutade"] + goals.map(\.goal.id),
                                     columns: ["Deltagare", "Avslutade"] + goals.map(\.goal.id), rows: rows))
    }
}
