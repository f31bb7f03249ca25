/// How the halvårsrapport enters its counts in one ``LinkedCells`` set, and drafts its tables from them.
///
/// A count's key names what it counts, never where it is printed: `2023H2|avslutade|kvinna|alla` is the
/// avslutade kvinnor of 2023H2 whether the deltagare table, the avslutsorsak table's sum row or the trend
/// prints it, so it is hidden in all of them or in none. The relations are what a reader knows: each table's
/// rows and columns add up to their totals; avslutsorsaker add up to their SUS groups; a goal's per-kön and per-insats figures (the unknown kön included) add up to the overall one;
/// an indicator's answers add up to its n and, with the forms that left it empty, to the forms of its
/// enkäter; a year's avslutade and goal figures are its halvår's; the deltagare of a table that lists some
/// insatser are at most all deltagare.
extension PublishedReport {
    struct DraftTable {
        struct Row {
            var key: String
            var label: String
            var cells: [Draft]
        }

        var id: String
        var title: String
        var columnKeys: [String]
        var columns: [String]
        var rows: [Row]
        var note: NoteDraft?
        /// The header of the label column: what the rows are.
        var rowHeader = "Grupp"
    }

    /// The counts each goal figure comes from (numerator and denominator).
    struct GoalSources {
        var overall: [Int]
        var perKon: [[Int]]
        var perInsats: [[Int]]
    }

    struct Builder {
        let report: HalvarsRapport
        var cells = LinkedCells()
        var tables: [DraftTable] = []
        var goalSources: [GoalSources] = []
        /// Per trend point, per goal: the counts its figure comes from.
        var trendSources: [[[Int]]] = []
        /// Per period entered: each goal figure's counts (see `goalFigure`), for changes and for years.
        private var goalCells: [Period: [[Int]]] = [:]

        init(report: HalvarsRapport) {
            self.report = report
        }

        private var period: Period { report.period }

        // MARK: Cells

        func key(_ p: Period, _ what: String, kon: String = "alla", insats: String = "alla") -> String {
            "\(p)|\(what)|\(kon)|\(insats)"
        }

        mutating func count(_ p: Period, _ what: String, kon: String = "alla", insats: String = "alla", _ value: Int) -> Int {
            // Weight: a goal overall (what the report is for: hidden last of all), a headline (all kön, all
            // insatser), a margin (a goal per kön or per insats, a row's total over kön), or a detail.
            let goal = what.hasPrefix("mal:") || what.hasPrefix("steg:")
            let weight =
                kon == "alla" && insats == "alla" ? (what.hasPrefix("mal:") ? 3 : 2) : (kon == "alla" || (goal && insats == "alla")) ? 1 : 0
            return cells.cell(key(p, what, kon: kon, insats: insats), value, cheap: kon == Kon.annat.code, weight: weight)
        }

        /// A row of kön counts and its total (kvinnor, män, annat, totalt), with the row's sum.
        mutating func konRow(_ p: Period, _ what: String, _ counts: KonCounts, insats: String = "alla") -> [Int] {
            let parts = Kon.allCases.map { count(p, what, kon: $0.code, insats: insats, counts[$0]) }
            let total = count(p, what, insats: insats, counts.total)
            cells.sum(parts, equals: total)
            return parts + [total]
        }

        /// Each column of `rows` adds up to the same column of `totals`.
        mutating func columnSums(_ rows: [[Int]], equal totals: [Int]) {
            for c in totals.indices { cells.sum(rows.map { $0[c] }, equals: totals[c]) }
        }

        // MARK: Building

        mutating func build() {
            let goals = makeGoalTables()
            makeKonTables()
            makeDimensionTables()
            makeIndicatorTable(goals)
            makeStrukturTables()
            makeKostnadTable()
            makeEkonomiTables()
            makeTrendTable()
            linkYears()
            for result in report.goals { linkToAvslutsorsaker(result.goal) }
        }

        /// What a goal's counts count, as the stems of their keys (`med` and `av` of a share, `antal` of a
        /// count), and the insats its scope names alone (its figure is that insats's): derived from the goal's
        /// declaration (its measure with the catalogue's defaults resolved into the avslutsorsaker it counts,
        /// its scope, its period), never from its id. Two goals, or a goal and a table, that count the same
        /// people so share one cell, and a reader's "these are one number" needs no relation written for it: a
        /// stegförflyttning goal's denominator over every avslutsorsak is the avslutade, a count of everyone
        /// the deltagare total, a count of stegförflyttningar the numerator of a share over the same causes.
        /// (Two counts under one key that differ, which the declarations rule out, still get cells of their
        /// own: ``LinkedCells/cell(_:_:cheap:weight:)``.)
        func declared(_ goal: GoalFile.Goal) -> (med: String, av: String, antal: String, insats: String) {
            var scope = goal.scope ?? GoalScope()
            var insats = "alla"
            if let only = scope.insats, only.count == 1, report.insatsNamn.values.contains(only[0]) {
                insats = only[0]
                scope.insats = nil
            }
            func list(_ name: String, _ values: [String]?) -> String? { values.map { "\(name)=\($0.sorted().joined(separator: ","))" } }
            let rest =
                ([list("insats", scope.insats), list("kon", scope.kon), list("alder", scope.aldersgrupp), list("ny", scope.ny)]
                + scope.dimensions.keys.sorted().map { list($0, scope.dimensions[$0]) } + [goal.period.map { "period=\($0)" }])
                .compactMap { $0 }.joined(separator: ";")
            let within = rest.isEmpty ? "" : "{\(rest)}"
            let orsaker = report.avslutsorsaker.map(\.orsak).filter(\.counted)
            func causes(_ chosen: [AvslutsorsakCatalogue.Orsak]) -> String { "[\(chosen.map(\.code).joined(separator: ","))]" }
            let own = "mal:\(goal.measure)\(within)"
            switch goal.measure {
            case .exitShare(let measure):
                let den = orsaker.filter { GoalEvaluator.isInDenominator($0, under: measure) }
                let steg = den.filter { GoalEvaluator.isStegforflyttning($0, under: measure) }
                let av = den.count == orsaker.count && rest.isEmpty ? "avslutade" : "mal:avslutade\(causes(den))\(within)"
                return ("mal:steg\(causes(steg))\(within)", av, own, insats)
            case .count(let measure):
                switch measure.of {
                case .alla where rest.isEmpty: return ("", "", "totalt", insats)
                case .nya where rest.isEmpty: return ("", "", "nya", insats)
                case .avslutade where rest.isEmpty: return ("", "", "avslutade", insats)
                case .stegforflyttning:
                    let steg = orsaker.filter {
                        GoalEvaluator.isStegforflyttning($0, under: GoalFile.ExitShare(stegforflyttning: measure.stegforflyttning))
                    }
                    return ("", "", "mal:steg\(causes(steg))\(within)", insats)
                default: return ("", "", own, insats)
                }
            case .deltagarShare(let measure) where rest.isEmpty:
                // Its denominator is a row of the deltagare table.
                let of: [GoalMeasure.Population: String] = [.alla: "totalt", .nya: "nya", .avslutade: "avslutade"]
                return ("\(own):med", of[measure.of] ?? "\(own):av", own, insats)
            default:
                return ("\(own):med", "\(own):av", own, insats)
            }
        }

        /// The counts of one goal figure, entered in the set: a share's numerator and denominator (the
        /// numerator at most the denominator); a count; a change's numerator and denominator now, then at its
        /// baseline.
        mutating func goalFigure(
            _ p: Period, _ goal: GoalFile.Goal, kon: String = "alla", insats: String = "alla",
            _ figure: GoalFigure
        ) -> [Int] {
            let declared = declared(goal)
            let insats = insats == "alla" ? declared.insats : insats
            func share(_ what: String, _ share: Share) -> [Int] {
                let num = count(p, declared.med + what, kon: kon, insats: insats, share.numerator)
                let den = count(p, declared.av + what, kon: kon, insats: insats, share.denominator)
                // Survey answers follow the survey rule (DOMAIN §8): the denominator is the group's forms.
                if goal.measure.countsForms {
                    cells.survey(den)
                    cells.survey(num, groupOf: den)
                }
                cells.sum([num], plusUnpublished: key(p, "mal:\(goal.id):\(what)utan", kon: kon, insats: insats), equals: den)
                return [num, den]
            }
            switch figure.kind {
            case .share: return share("", figure.share)
            case .count:
                // Occasions are no people: a count of tillfällen is published as it is, outside the linked set.
                if goal.measure.countsOccasions { return [] }
                let c = count(p, declared.antal, kon: kon, insats: insats, figure.share.numerator)
                if goal.measure.countsForms { cells.survey(c) }
                return [c]
            case .change: return share("", figure.current ?? figure.share) + share(":fore", figure.baseline ?? Share(0, of: 0))
            }
        }

        /// Utfall, antal, interval and verdict of a goal figure, each published only with every count it
        /// comes from.
        func figureCells(_ f: GoalFigure, _ sources: [Int]) -> [Draft] {
            let verdict = Draft.verdict(sources, .text(f.verdictText))
            switch f.kind {
            case .count:
                guard let source = sources.first else {
                    let value = PublishedCell(text: f.valueText, number: Double(f.share.numerator), suppressed: false)
                    return [.text(value), .text(.text("–")), .text(.text("–")), .text(.text(f.verdictText))]
                }
                return [.count(source), .text(.text("–")), .text(.text("–")), verdict]
            case .share, .change:
                let n: String
                if f.kind == .change, let now = f.current, let before = f.baseline {
                    // The change of a count compares two counts of everyone, not two shares.
                    n =
                        f.ofCount
                        ? "\(now.numerator) mot \(before.numerator)"
                        : "\(now.numerator) av \(now.denominator) mot \(before.numerator) av \(before.denominator)"
                } else {
                    n = "\(f.share.numerator) av \(f.share.denominator)"
                }
                let antal = Draft.derived(sources, PublishedCell(text: n, number: Double(f.share.denominator), suppressed: false))
                if f.verdict == .forFaSvar { return [.derived(sources, .text("för få svar")), antal, .derived(sources, .text("–")), verdict] }
                let value = PublishedCell(text: f.valueText, number: f.value, suppressed: false)
                return [.derived(sources, value), antal, .derived(sources, .text(f.intervalText ?? "–")), verdict]
            }
        }

        func share(_ share: Share) -> PublishedCell {
            guard let value = share.value else { return .text("–") }
            return PublishedCell(text: SwedishFormat.percent(share), number: value, suppressed: false)
        }

        func insatsName(_ id: Int32) -> String { report.insatsNamn[id] ?? "?" }

        /// The goals' cells of one compared period (a change goal has none: it compares periods already).
        mutating func enterPoint(_ point: HalvarsRapport.TrendPoint) -> [[Int]] {
            if let known = goalCells[point.period] { return known }
            let figures = zip(report.goals, point.goals).map { result, figure in
                result.kind == .change ? [] : goalFigure(point.period, result.goal, figure)
            }
            goalCells[point.period] = figures
            return figures
        }

        // MARK: Goals

        private mutating func makeGoalTables() -> [[Int]] {
            let r = report
            var overall: [DraftTable.Row] = [], perKon: [DraftTable.Row] = [], perInsats: [DraftTable.Row] = []
            var overallCells: [[Int]] = []
            let previous = r.previous.map { enterPoint($0) }, yearEarlier = r.yearEarlier.map { enterPoint($0) }
            for (g, result) in r.goals.enumerated() {
                let goal = result.goal
                let all = goalFigure(period, goal, result.overall)
                overallCells.append(all)
                var sources = GoalSources(overall: all, perKon: [], perInsats: [])
                /// The change of a share against a compared period's, in procentenheter.
                func change(_ point: HalvarsRapport.TrendPoint?, _ cells: [[Int]]?) -> Draft {
                    guard result.kind == .share, goal.period == nil, let point, let cells, point.goals[g].verdict != .forFaSvar,
                        result.overall.verdict != .forFaSvar, let now = result.overall.share.value, let then = point.goals[g].share.value
                    else { return .text(.text("–")) }
                    let points = Int(((now - then) * 100).rounded(.toNearestOrAwayFromZero))
                    let text = (points > 0 ? "+" : points < 0 ? "−" : "±") + "\(abs(points)) p"
                    return .derived(all + cells[g], PublishedCell(text: text, number: now - then, suppressed: false))
                }
                let target = PublishedCell(text: result.targetText, number: result.kind == .share ? goal.goalTarget?.min : nil, suppressed: false)
                overall.append(
                    .init(
                        key: goal.id, label: goal.title,
                        cells: [.text(target), .text(.text("\(result.scopeText), \(result.periodText)"))]
                            + figureCells(result.overall, all) + [change(r.previous, previous)]
                            + (r.period.isHalfYear ? [change(r.yearEarlier, yearEarlier)] : [])))
                var kon: [[Int]] = []
                for entry in result.perKon {
                    let code = entry.kon?.code ?? "saknas", label = entry.kon?.plural ?? "Uppgift saknas"
                    let f = goalFigure(period, goal, kon: code, entry.figure)
                    kon.append(f)
                    sources.perKon.append(f)
                    perKon.append(
                        .init(
                            key: "\(goal.id)/\(entry.kon?.code ?? "uppgift-saknas")", label: "\(goal.displayTitle) · \(label)",
                            cells: figureCells(entry.figure, f)))
                }
                var insats: [[Int]] = []
                for entry in result.perInsats {
                    let name = insatsName(entry.insats)
                    let f = goalFigure(period, goal, insats: name, entry.figure)
                    insats.append(f)
                    sources.perInsats.append(f)
                    perInsats.append(.init(key: "\(goal.id)/\(name)", label: "\(goal.displayTitle) · \(name)", cells: figureCells(entry.figure, f)))
                }
                // Per kön (the unknown kön included) and per insats add up to the whole, count by count.
                for i in all.indices {
                    cells.sum(kon.map { $0[i] }, equals: all[i])
                    cells.sum(insats.map { $0[i] }, equals: all[i])
                }
                goalSources.append(sources)
            }
            // A goal followed over a period of its own has another figure in the report's own row of the trend
            // (its halvår's): the overall cells stand for the report's period only when no goal has one.
            if r.goals.allSatisfy({ $0.goal.period.map { $0 == PeriodSpan(period) } ?? true }) { goalCells[period] = overallCells }
            guard !r.goals.isEmpty else { return overallCells }
            let figureColumns = ["Utfall", "Antal", "95 % KI", "Bedömning"], figureKeys = ["utfall", "antal", "ki", "bedomning"]
            let changes =
                r.period.isHalfYear
                ? (keys: ["mot-foregaende", "mot-aret-innan"], columns: ["Mot föregående halvår", "Mot samma halvår året innan"])
                : (keys: ["mot-foregaende"], columns: ["Mot föregående år"])
            tables.append(
                DraftTable(
                    id: "mal", title: "Utfall per mål", columnKeys: ["malvarde", "omfattning"] + figureKeys + changes.keys,
                    columns: ["Målvärde", "Vilka och när"] + figureColumns + changes.columns, rows: overall,
                    note: NoteDraft(text: "Under minsta antal (n) ges ingen bedömning: för få svar. Förändring i procentenheter."), rowHeader: "Mål"))
            tables.append(
                DraftTable(
                    id: "mal-kon", title: "Utfall per mål och kön", columnKeys: figureKeys, columns: figureColumns, rows: perKon,
                    rowHeader: "Mål och kön"))
            tables.append(
                DraftTable(
                    id: "mal-insats", title: "Utfall per mål och insats", columnKeys: figureKeys, columns: figureColumns, rows: perInsats,
                    rowHeader: "Mål och insats"))
            return overallCells
        }

        // MARK: Deltagare and avslutade

        private var konColumns: [String] { Kon.allCases.map(\.plural) + ["Totalt"] }
        private var konKeys: [String] { Kon.allCases.map(\.code) + ["totalt"] }

        private mutating func makeKonTables() {
            let d = report.deltagare
            var rows: [DraftTable.Row] = []
            let pagaende = konRow(period, "pagaende", d.pagaende), avslutade = konRow(period, "avslutade", d.avslutade)
            let totalt = konRow(period, "totalt", d.totalt)
            columnSums([pagaende, avslutade], equal: totalt)
            if let nya = d.nya {
                let row = konRow(period, "nya", nya)
                for c in row.indices {
                    cells.sum([row[c]], plusUnpublished: key(period, "ej-nya", kon: konKeys[c]), equals: totalt[c])
                }
                rows.append(.init(key: "nya", label: "Nya under perioden", cells: row.map(Draft.count)))
            }
            rows += [
                .init(key: "pagaende", label: "Pågående vid periodens slut", cells: pagaende.map(Draft.count)),
                .init(key: "avslutade", label: "Avslutade under perioden", cells: avslutade.map(Draft.count)),
                .init(key: "totalt", label: "Totalt", cells: totalt.map(Draft.count)),
            ]
            tables.append(
                DraftTable(
                    id: "deltagare", title: "Deltagare per kön", columnKeys: konKeys, columns: konColumns, rows: rows,
                    note: report.felregistreringar > 0 ? NoteDraft(text: "Felregistreringar är inte medräknade.") : nil, rowHeader: "Deltagare"))

            let bands = report.dimensioner.aldersgrupp
            let labels = bands.codes.map(\.code) + ["uppgift saknas"]
            let alder = report.alder.indices.map { konRow(period, "alder:\(labels[$0])", report.alder[$0]) }
            columnSums(alder, equal: totalt)
            tables.append(
                DraftTable(
                    id: "alder", title: "Deltagare per åldersgrupp och kön", columnKeys: konKeys, columns: konColumns,
                    rows: labels.indices.map { .init(key: labels[$0], label: labels[$0], cells: alder[$0].map(Draft.count)) }
                        + [.init(key: "totalt", label: "Totalt", cells: totalt.map(Draft.count))], rowHeader: "Åldersgrupp"))
            makeAlderFoldTable(alder, totalt: totalt)

            let orsaker = report.avslutsorsaker.map { konRow(period, "orsak:\($0.orsak.code)", $0.antal) }
            columnSums(orsaker, equal: avslutade)
            let sus = report.susGroups.map { konRow(period, "sus:\($0.group.code)", $0.antal) }
            for (g, group) in report.susGroups.enumerated() {
                let members = report.avslutsorsaker.indices.filter { report.avslutsorsaker[$0].orsak.susGroup == group.group.code }
                columnSums(members.map { orsaker[$0] }, equal: sus[g])
            }
            columnSums(sus, equal: avslutade)
            let shareColumns = (keys: konKeys.flatMap { [$0, "\($0)-andel"] }, labels: konColumns.flatMap { [$0, "%"] })
            func withShares(_ rows: [[Int]], _ keys: [String], _ labels: [String]) -> [DraftTable.Row] {
                func cells(_ row: [Int]) -> [Draft] {
                    row.indices.flatMap { c -> [Draft] in
                        let value = self.cells.cells[row[c]].value, total = self.cells.cells[avslutade[c]].value
                        return [.count(row[c]), .derived([row[c], avslutade[c]], share(Share(value, of: total)))]
                    }
                }
                return rows.indices.map { .init(key: keys[$0], label: labels[$0], cells: cells(rows[$0])) }
                    + [.init(key: "summa", label: "Summa avslutade", cells: cells(avslutade))]
            }
            tables.append(
                DraftTable(
                    id: "avslutsorsaker", title: "Avslutsorsaker per kön", columnKeys: shareColumns.keys, columns: shareColumns.labels,
                    rows: withShares(orsaker, report.avslutsorsaker.map(\.orsak.code), report.avslutsorsaker.map(\.orsak.label)),
                    note: NoteDraft(text: "Andel av de avslutade i samma kolumn."), rowHeader: "Avslutsorsak"))
            tables.append(
                DraftTable(
                    id: "sus", title: "Avslutade efter utfall (SUS-grupper)", columnKeys: shareColumns.keys, columns: shareColumns.labels,
                    rows: withShares(sus, report.susGroups.map(\.group.code), report.susGroups.map(\.group.label)), rowHeader: "Utfall"))
            makeStegforflyttningTable()
        }

        /// The åldersgrupper folded as the catalogue's `aldersgrupp` folds them (unga 16–29, 30–64), with
        /// "uppgift saknas": each fold's rows add up to it, and the folds with the unknown to the total when
        /// they cover every band once.
        private mutating func makeAlderFoldTable(_ alder: [[Int]], totalt: [Int]) {
            let bands = report.dimensioner.aldersgrupp
            var rows: [DraftTable.Row] = [], foldRows: [[Int]] = [], covered: [Int] = []
            for fold in bands.folds ?? [] {
                let members = fold.codes.compactMap { c in bands.codes.firstIndex { $0.code == c } }
                var sum = KonCounts()
                for m in members { for kon in Kon.allCases { sum[kon] += report.alder[m][kon] } }
                let row = konRow(period, "alder:\(fold.id)", sum)
                columnSums(members.map { alder[$0] }, equal: row)
                foldRows.append(row)
                covered += members
                rows.append(.init(key: fold.id, label: fold.label, cells: row.map(Draft.count)))
            }
            guard !rows.isEmpty else { return }
            let saknas = alder[bands.codes.count]
            if covered.sorted() == Array(bands.codes.indices) { columnSums(foldRows + [saknas], equal: totalt) }
            rows += [
                .init(key: "uppgift-saknas", label: "Uppgift saknas", cells: saknas.map(Draft.count)),
                .init(key: "totalt", label: "Totalt", cells: totalt.map(Draft.count)),
            ]
            tables.append(
                DraftTable(
                    id: "alder-grupperad", title: "Deltagare, unga och äldre", columnKeys: konKeys, columns: konColumns, rows: rows,
                    rowHeader: "Åldersgrupp"))
        }

        /// The first `exitShare` goal (what stegförflyttning means in this report), or `nil`.
        private var stegGoal: GoalFile.Goal? { report.stegforflyttningGoal }
        /// The keys of the stegförflyttning table's counts: its goal's declared ones.
        private var stegStems: (med: String, av: String) { stegGoal.map { declared($0) }.map { ($0.med, $0.av) } ?? ("steg:med", "steg:av") }

        /// Stegförflyttning per insats and kön: the first `exitShare` goal's counts again (same keys), or the
        /// catalogue's default measure's when there is no goal.
        private mutating func makeStegforflyttningTable() {
            let stems = stegStems
            var med: [[Int]] = [], av: [[Int]] = []
            var rows: [DraftTable.Row] = []
            func row(_ m: [Int], _ a: [Int]) -> [Draft] {
                m.indices.flatMap { c -> [Draft] in
                    [
                        .count(m[c]), .count(a[c]),
                        .derived([m[c], a[c]], share(Share(self.cells.cells[m[c]].value, of: self.cells.cells[a[c]].value))),
                    ]
                }
            }
            var medTotal = KonCounts(), avTotal = KonCounts()
            for entry in report.stegforflyttning {
                let name = insatsName(entry.insats)
                let m = konRow(period, stems.med, entry.med, insats: name), a = konRow(period, stems.av, entry.avslutade, insats: name)
                med.append(m)
                av.append(a)
                for kon in Kon.allCases {
                    medTotal[kon] += entry.med[kon]
                    avTotal[kon] += entry.avslutade[kon]
                }
                rows.append(.init(key: name, label: name, cells: row(m, a)))
            }
            if !rows.isEmpty {
                let m = konRow(period, stems.med, medTotal), a = konRow(period, stems.av, avTotal)
                columnSums(med, equal: m)
                columnSums(av, equal: a)
                // Within the table too, those with a stegförflyttning are at most the avslutade that count.
                let names = report.stegforflyttning.map { insatsName($0.insats) } + ["alla"], kon = Kon.allCases.map(\.code) + ["alla"]
                for (r, (mr, ar)) in zip(med + [m], av + [a]).enumerated() {
                    for c in mr.indices {
                        cells.sum([mr[c]], plusUnpublished: key(period, "\(stems.med):utan", kon: kon[c], insats: names[r]), equals: ar[c])
                    }
                }
                rows.append(.init(key: "totalt", label: "Totalt", cells: row(m, a)))
            }
            tables.append(
                DraftTable(
                    id: "stegforflyttning", title: "Stegförflyttning per insats och kön",
                    columnKeys: konKeys.flatMap { [$0, "\($0)-avslutade", "\($0)-andel"] },
                    columns: konColumns.flatMap { ["\($0) med", "av", "%"] }, rows: rows,
                    note: NoteDraft(text: "Avslutade med stegförflyttning av de avslutade som räknas (målets definition)."), rowHeader: "Insats"))
        }

        /// Whether `goal` counts everyone of the report's period (no scope, no period of its own): then its
        /// counts are the tables' counts of that period.
        private func isOverEveryoneInThePeriod(_ goal: GoalFile.Goal) -> Bool {
            goal.scope == nil && (goal.period.map { $0 == PeriodSpan(period) } ?? true)
        }

        /// What a reader works out from the avslutsorsak table (issue #24's traced leak: "53 av 60" beside 61
        /// avslutade tells that one avslutad was flyttat or avliden): a stegförflyttning goal's denominator is
        /// the avslutade less the avslutsorsaker it leaves out, its numerator (and a count of stegförflyttningar)
        /// the stegförflyttning avslutsorsaker, per kön and in total. Only for a goal over everyone in the
        /// report's period; the cells are found by the goal's declared keys, so the stegförflyttning table's
        /// counts (the same keys) are tied too. Each sum is entered only where the counts keep it (a row's own
        /// stegförflyttning cell may say otherwise).
        private mutating func linkToAvslutsorsaker(_ goal: GoalFile.Goal) {
            guard isOverEveryoneInThePeriod(goal) else { return }
            let measure: GoalFile.ExitShare, share: Bool
            switch goal.measure {
            case .exitShare(let m): (measure, share) = (m, true)
            case .count(let m) where m.of == .stegforflyttning:
                (measure, share) = (GoalFile.ExitShare(stegforflyttning: m.stegforflyttning, excludeFromDenominator: []), false)
            default: return
            }
            let declared = declared(goal)
            let orsaker = report.avslutsorsaker.map(\.orsak).filter(\.counted)
            for kon in Kon.allCases.map(\.code) + ["alla"] {
                func cellsOf(_ chosen: [AvslutsorsakCatalogue.Orsak]) -> [Int] {
                    chosen.compactMap { cells.lookup(key(period, "orsak:\($0.code)", kon: kon)) }
                }
                let steg = orsaker.filter {
                    GoalEvaluator.isInDenominator($0, under: measure) && GoalEvaluator.isStegforflyttning($0, under: measure)
                }
                if let med = cells.lookup(key(period, share ? declared.med : declared.antal, kon: kon)) { cells.sum(cellsOf(steg), equals: med) }
                guard share, let av = cells.lookup(key(period, declared.av, kon: kon)),
                    let avslutade = cells.lookup(key(period, "avslutade", kon: kon))
                else { continue }
                cells.sum([av] + cellsOf(orsaker.filter { !GoalEvaluator.isInDenominator($0, under: measure) }), equals: avslutade)
            }
        }

        // MARK: Indikatorer

        private mutating func makeIndicatorTable(_ goals: [[Int]]) {
            for group in report.respondentGroups { makeIndicatorTable(goals, group: group) }
        }

        /// The indicator table of one respondent group (DOMAIN §7): deltagare's is `indikatorer`, another
        /// group's `indikatorer-GROUP`, its counts under keys of their own.
        private mutating func makeIndicatorTable(_ goals: [[Int]], group: Respondent) {
            let r = report
            let indikatorer = r.indikatorer(of: group)
            let enkater = report.enkatGroups
            // The forms that left a question empty are not published, nor how many forms there were: with
            // them, "vet ej" beside n would be known to within a form or two.
            let width = indikatorer.map(\.distribution.count).max() ?? 0
            var rows: [DraftTable.Row] = []
            var questionCells: [String: (positive: Int, n: Int, vetEj: Int)] = [:]
            for rad in indikatorer {
                let q = group == .deltagare ? rad.question.id : "\(group.rawValue):\(rad.question.id)"
                let distribution = rad.distribution.map { count(period, "svar:\(q):\($0.value.value)", $0.count) }
                let n = count(period, "svar:\(q):n", rad.positive.denominator)
                cells.sum(distribution, equals: n)
                let positive = count(period, "svar:\(q):positiva", rad.positive.numerator)
                cells.sum(
                    rad.distribution.indices.filter { rad.distribution[$0].value.value >= rad.scale.positiveFrom }.map { distribution[$0] },
                    equals: positive)
                let vetEj = count(period, "svar:\(q):vet-ej", rad.vetEj + rad.ejAktuellt)
                // Survey answers (DOMAIN §8): the row is one group of forms, shown whole when at least threshold
                // answered on the scale, else "för få svar"; inside a shown group every answer count is published.
                cells.survey(n)
                for c in distribution + [positive, vetEj] { cells.survey(c, groupOf: n) }
                // A goal's question row counts all the question's enkäter only when they are all this group's.
                if rad.question.enkater.allSatisfy({ enkater[$0] == group }) { questionCells[rad.question.id] = (positive, n, vetEj) }
                // Each answer by its label and how many gave it ("Till mycket stor del 20"), best answer first.
                let values: [Draft] = (0..<width).map { i in
                    guard i < distribution.count else { return .text(.text("")) }
                    let answer = rad.distribution[i].value
                    return .labelledCount(answer.label == String(answer.value) ? "\(answer.value): " : "\(answer.label) ", distribution[i])
                }
                let mean =
                    rad.meanTenths.map {
                        PublishedCell(text: SwedishFormat.tenths($0), number: Double(rad.sum) / Double(rad.positive.denominator), suppressed: false)
                    } ?? .text("–")
                rows.append(
                    .init(
                        key: rad.question.id, label: rad.question.label,
                        cells: [
                            .count(n), .derived([positive, n], share(rad.positive)),
                            .derived([positive, n], .text(SwedishFormat.interval(rad.positive))), .derived(distribution + [n], mean),
                        ]
                            + values + [.count(vetEj)]))
            }
            // A goal on one question counts what that question's indicator row counts.
            let catalogue = indikatorer.map(\.question)
            for (g, result) in r.goals.enumerated() {
                guard case .surveyShare(let measure) = result.goal.measure, result.goal.scope == nil, result.goal.period == nil, g < goals.count,
                    measure.questions.count == 1, let q = questionCells[measure.questions[0]],
                    let question = catalogue.first(where: { $0.id == measure.questions[0] }),
                    let rad = indikatorer.first(where: { $0.question.id == question.id }),
                    Set(question.enkater) == Set(measure.enkat), Double(rad.scale.positiveFrom) == measure.positiveFrom
                else { continue }
                cells.sum([q.positive], equals: goals[g][0])
                cells.sum([q.n], equals: goals[g][1])
            }
            // A count of forms of a question's enkäter holds that question's answers on the scale, its "vet ej"
            // and the forms that left it empty (not printed; none where the counts add up without them).
            for result in r.goals {
                guard case .count(let measure) = result.goal.measure, measure.of == .formular, isOverEveryoneInThePeriod(result.goal),
                    let enkat = measure.enkat, let forms = cells.lookup(key(period, declared(result.goal).antal))
                else { continue }
                for rad in indikatorer where Set(rad.question.enkater) == Set(enkat) {
                    guard let q = questionCells[rad.question.id] else { continue }
                    cells.sum([q.n, q.vetEj], equals: forms, elseUnpublished: key(period, "svar:\(rad.question.id):tom"))
                }
            }
            tables.append(
                DraftTable(
                    id: group == .deltagare ? "indikatorer" : "indikatorer-\(group.rawValue)",
                    title: group == .deltagare ? "FINSAM-indikatorer" : "FINSAM-indikatorer: \(group.label.lowercased())",
                    columnKeys: ["n", "andel-positiva", "ki", "medel"] + (0..<width).map { "fordelning-\($0 + 1)" } + ["vet-ej-ej-aktuellt"],
                    columns: ["n", "Andel positiva", "95 % KI", "Medel"] + (0..<width).map { $0 == 0 ? "Svar 1 (bäst)" : "Svar \($0 + 1)" }
                        + ["Vet ej / ej aktuellt"],
                    rows: rows,
                    note: NoteDraft(
                        text: "Positiva svar: \(Self.positiveAnswers(indikatorer.map(\.scale))). Andel positiva räknas av dem som svarade på skalan; "
                            + "vet ej och ej aktuellt räknas inte in i andelar och medelvärden. Varje svar anges med hur många som gav det, bästa svaret först."
                    ),
                    rowHeader: "Fråga"))
        }

        /// The answers that count as positive on each scale, in words: "till mycket stor del eller till stor del; ja".
        static func positiveAnswers(_ scales: [IndicatorCatalogue.Scale]) -> String {
            var seen = Set<String>(), parts: [String] = []
            for scale in scales where seen.insert(scale.id).inserted {
                let labels = scale.values.filter { $0.value >= scale.positiveFrom }.sorted { $0.value > $1.value }.map(\.label)
                let words = labels.count > 2 ? "\(labels[0])–\(labels[labels.count - 1])" : labels.joined(separator: " eller ")
                parts.append(words.lowercased())
            }
            return parts.joined(separator: "; ")
        }

        // MARK: Kostnad

        private mutating func makeKostnadTable() {
            guard !report.kostnader.isEmpty else { return }
            let k = report.kostnader
            guard let totalt = cells.lookup(key(period, "totalt")) else { return }
            var deltagare: [Int] = []
            var rows: [DraftTable.Row] = []
            for rad in k {
                let d = count(period, "totalt", insats: rad.namn, rad.deltagare)
                // The goal's numerator per insats, when kostnad follows the goal the stegförflyttning table
                // shows: then it is that table's row total, one count printed twice.
                let stems = stegStems
                let same =
                    report.kostnadGoal?.id == stegGoal?.id
                    && cells.lookup(key(period, stems.med, insats: rad.namn)).map { cells.cells[$0].value == rad.stegforflyttningar } == true
                // An insats outside the followed goal's scope has no stegförflyttningar by its definition.
                let s = rad.stegforflyttningar.map { count(period, same ? stems.med : "kostnad-steg", insats: rad.namn, $0) }
                deltagare.append(d)
                if let den = cells.lookup(key(period, stems.av, insats: rad.namn)) {
                    cells.sum([den], plusUnpublished: key(period, "ej-i-namnaren", insats: rad.namn), equals: d)
                }
                rows.append(
                    .init(
                        key: rad.insats, label: rad.namn,
                        cells: [
                            .text(PublishedCell(text: SwedishFormat.kronor(rad.budget), number: Double(rad.budget), suppressed: false)),
                            .count(d),
                            .derived(
                                [d],
                                PublishedCell(
                                    text: SwedishFormat.kronor(rad.perDeltagare), number: rad.perDeltagare.map(Double.init), suppressed: false)),
                        ]
                            + (s.map { s in
                                [
                                    .count(s),
                                    .derived(
                                        [s],
                                        PublishedCell(
                                            text: SwedishFormat.kronor(rad.perStegforflyttning), number: rad.perStegforflyttning.map(Double.init),
                                            suppressed: false)),
                                ]
                            } ?? [.text(.text("–")), .text(.text("–"))])))
            }
            cells.sum(deltagare, plusUnpublished: key(period, "totalt-utanfor-kostnad"), equals: totalt)
            tables.append(
                DraftTable(
                    id: "kostnad", title: "Kostnad per deltagare och per stegförflyttning",
                    columnKeys: ["budget", "deltagare", "kr-per-deltagare", "stegforflyttningar", "kr-per-stegforflyttning"],
                    columns: ["Budget", "Deltagare", "Kr per deltagare", "Stegförflyttningar", "Kr per stegförflyttning"],
                    rows: rows,
                    note: NoteDraft(
                        text: "Budget för perioden enligt registret (ett halvår utan egen budget får halva årets)."
                            + (report.kostnadGoal.map { " Stegförflyttning räknas som i målet \"\($0.displayTitle)\"." } ?? "")
                            + (k.contains { $0.stegforflyttningar == nil } ? " – : insatsen ingår inte i det målet." : "")), rowHeader: "Insats")
            )
        }

        // MARK: Trend

        /// What the trend's marks and figures mean: each period against the target, and each period's own figure
        /// for a goal followed over a period of its own.
        private func trendNote(_ goals: [GoalResult]) -> NoteDraft? {
            var parts: [String] = []
            if goals.contains(where: { $0.goal.goalTarget != nil }) { parts.append("✓ uppfyllt, ✗ ej uppfyllt: varje period mot målvärdet.") }
            let own = goals.filter { $0.goal.period.map { $0 != PeriodSpan(period) } ?? false }
            if !own.isEmpty {
                parts.append(
                    "Mål som följs upp över en egen period (\(own.map { "\($0.goal.displayTitle): \($0.periodText)" }.joined(separator: "; "))) "
                        + "visas här med varje periods eget utfall.")
            }
            return parts.isEmpty ? nil : NoteDraft(text: parts.joined(separator: " "))
        }

        private mutating func makeTrendTable() {
            guard report.trend.count > 1 else { return }
            // A change goal compares periods already; it has no figure per halvår. Nor has a coverage (of a
            // year's tillfällen) or a milestone (done or not): the goal table says where they stand.
            let goals = report.goals.enumerated().filter { $0.element.kind != .change && !$0.element.goal.measure.isStanding }
            var rows: [DraftTable.Row] = []
            for point in report.trend {
                let p = point.period
                let deltagare = count(p, "totalt", point.deltagare), avslutade = count(p, "avslutade", point.avslutade)
                let figures = enterPoint(point)
                if p != period {
                    for (g, result) in goals where result.goal.exitShare != nil && result.goal.scope == nil {
                        cells.sum([figures[g][1]], plusUnpublished: key(p, "mal:\(result.goal.id):ej-i-namnaren"), equals: avslutade)
                    }
                }
                trendSources.append(figures)
                rows.append(
                    .init(
                        key: p.description, label: p.words,
                        cells: [.count(deltagare), .count(avslutade)]
                            + goals.map { g, result -> Draft in
                                let f = point.goals[g]
                                // No file of the goal's kind for this halvår: no figure, not 0.
                                if f.verdict == .ingaUppgifter { return .text(.text("inga uppgifter")) }
                                if result.kind == .count {
                                    return figures[g].first.map { .count($0) }
                                        ?? .text(
                                            PublishedCell(
                                                text: SwedishFormat.integer(f.share.numerator), number: Double(f.share.numerator), suppressed: false))
                                }
                                guard f.verdict != .forFaSvar else { return .derived(figures[g], .text("för få svar")) }
                                var cell = share(f.share)
                                if let sign = f.verdict.sign { cell.text += " " + sign }
                                return .derived(figures[g], cell)
                            }))
            }
            tables.append(
                DraftTable(
                    id: "trend", title: "Utveckling över halvåren", columnKeys: ["deltagare", "avslutade"] + goals.map(\.element.goal.id),
                    columns: ["Deltagare", "Avslutade"] + goals.map(\.element.displayTitle), rows: rows,
                    note: trendNote(goals.map(\.element)),
                    rowHeader: "Period"))
        }

        /// A year's avslutade and goal figures are its two halvår's added up, wherever the report shows both;
        /// its deltagare are at most the two halvår's (someone in both is counted once).
        ///
        /// With approved reports taken in (``LinkedCells/include(_:shown:)``), every count the set holds for a
        /// year and both its halvår is tied the same way, whatever it counts: a year's count is H2's and the
        /// part of H1's that ended in H1 (avslutsorsaker, avslutade: all of H1's; pågående: none), so it is
        /// entered as H1 + H2 where the values add up so, as H2 where they are equal, else as H2 and an
        /// unprinted part of H1.
        mutating func linkAllYears() {
            var byKey: [String: Int] = [:]
            for (c, cell) in cells.cells.enumerated() { byKey[cell.key] = c }
            for (c, cell) in cells.cells.enumerated() {
                let parts = cell.key.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let y = Period(String(parts[0])), y.half == nil else { continue }
                let rest = parts[1]
                guard let b = byKey["\(Period(year: y.year, half: 1))|\(rest)"], let d = byKey["\(Period(year: y.year, half: 2))|\(rest)"] else {
                    continue
                }
                let (year, h1, h2) = (cell.value, cells.cells[b].value, cells.cells[d].value)
                if year == h1 + h2 {
                    cells.sum([b, d], equals: c)
                } else if year == h2 {
                    cells.sum([d], equals: c)
                } else if year > h2 && year - h2 <= h1 {
                    let ended = cells.unpublished("\(cell.key)|h1-avslutade", year - h2)
                    cells.sum([d, ended], equals: c)
                    cells.sum([ended], plusUnpublished: "\(cell.key)|h1-pagaende", equals: b)
                }
            }
        }

        private mutating func linkYears() {
            for year in Set(goalCells.keys.map(\.year)) {
                let y = Period(year: year, half: nil), h1 = Period(year: year, half: 1), h2 = Period(year: year, half: 2)
                for what in ["avslutade"] {
                    if let a = cells.lookup(key(y, what)), let b = cells.lookup(key(h1, what)), let c = cells.lookup(key(h2, what)) {
                        cells.sum([b, c], equals: a)
                    }
                }
                for kon in Kon.allCases.map(\.code) + ["alla"] {
                    // The year's deltagare are H2's and those who ended in H1, and the H1 pågående of an insats
                    // that did not report H2 (none when the counts add up without them); its pågående are H2's.
                    if let a = cells.lookup(key(y, "totalt", kon: kon)), let b = cells.lookup(key(h1, "avslutade", kon: kon)),
                        let c = cells.lookup(key(h2, "totalt", kon: kon))
                    {
                        cells.sum([b, c], equals: a, elseUnpublished: key(y, "h1-pagaende-utan-h2", kon: kon))
                    }
                    if let a = cells.lookup(key(y, "pagaende", kon: kon)), let c = cells.lookup(key(h2, "pagaende", kon: kon)) {
                        cells.sum([c], equals: a)
                    }
                }
                if let a = cells.lookup(key(y, "totalt")), let b = cells.lookup(key(h1, "totalt")), let c = cells.lookup(key(h2, "totalt")) {
                    let both = cells.unpublished(key(y, "totalt-h1-och-h2"), cells.cells[b].value + cells.cells[c].value)
                    cells.sum([b, c], equals: both)
                    cells.sum([a], plusUnpublished: key(y, "i-bada-halvaren"), equals: both)
                }
                guard let whole = goalCells[y], let first = goalCells[h1], let second = goalCells[h2] else { continue }
                for g in whole.indices where whole[g].count == first[g].count && first[g].count == second[g].count {
                    for i in whole[g].indices { cells.sum([first[g][i], second[g][i]], equals: whole[g][i]) }
                }
            }
        }
    }
}
