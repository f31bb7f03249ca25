/// How the halvårsrapport declares its counts in one ``LinkedCells`` set, and drafts its tables from them.
///
/// Each count is declared by what it counts (a ``CountFilter`` over the data's attributes), never by where it
/// is printed: the avslutade kvinnor of 2023H2 are one cell whether the deltagare table, the avslutsorsak
/// table's sum row or the trend prints them, so they are hidden in all of them or in none. The sections write
/// no relation: rows and columns adding up to their totals, avslutsorsaker to their SUS groups and to a goal's
/// denominator, a goal per kön and per insats to the goal, an indicator's answers to its n and to the forms of
/// its enkäter all follow from the declarations (``LinkedCells/deriveRelations()``). Only how a year is made
/// of its halvår, which counts each person once, is a rule of its own (``Builder/linkYears()``).
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

        /// The deltagare of period `p` (universe `d`), of kön `kon` and insats `insats` when given.
        func deltagare(_ p: Period, kon: String? = nil, insats: String? = nil) -> CountFilter {
            CountFilter(["kalla": ["d"], "period": [p.description]]).narrowed("kon", kon.map { [$0] }).narrowed("insats", insats.map { [$0] })
        }

        /// The avslutsorsaker counted (all but felregistrering): who "avslutade" are.
        var counted: Set<String> { Set(report.avslutsorsaker.map(\.orsak).filter(\.counted).map(\.code)) }

        /// The avslutade of period `p`, of kön `kon` and insats `insats` when given.
        func avslutade(_ p: Period, kon: String? = nil, insats: String? = nil) -> CountFilter {
            deltagare(p, kon: kon, insats: insats).with("utfall", counted)
        }

        /// Declares a count: its cell is what it counts (``LinkedCells/count(_:_:cheap:weight:)``).
        ///
        /// Its weight: a goal overall (what the report is for: hidden last of all), a headline (all kön, all
        /// insatser), a margin (a goal per kön or per insats, a row's total over kön), or a detail.
        @discardableResult
        mutating func count(_ filter: CountFilter, _ value: Int, goal: Bool = false) -> Int {
            let allKon = filter.terms["kon"] == nil && filter.terms["part"] == nil, allInsatser = filter.terms["insats"] == nil
            let weight = allKon && allInsatser ? (goal ? LinkedCells.goalWeight : 2) : (allKon || (goal && allInsatser)) ? 1 : 0
            return cells.count(filter, value, cheap: filter.terms["kon"] == [Kon.annat.code], weight: weight)
        }

        /// The cell of a count declared already, if it is.
        func lookup(_ filter: CountFilter) -> Int? { cells.lookup(cells.normalized(filter).key) }

        /// A row of kön counts and its total (kvinnor, män, annat, totalt).
        mutating func konRow(_ filter: CountFilter, _ counts: KonCounts) -> [Int] {
            Kon.allCases.map { count(filter.with("kon", [$0.code]), counts[$0]) } + [count(filter, counts.total)]
        }

        /// What every attribute of the report's counts can take, where the report knows it: the kön, the
        /// avslutsorsaker with pågående, the åldersgrupper and each dimension's codes (with "saknas"), each
        /// question's answers, the parts and the insatser with data. A count over all of them is the total.
        mutating func declareDomains() {
            let kon = Set(Kon.allCases.map(\.code))
            cells.domains["d|kon"] = kon
            cells.domains["d|utfall"] = counted.union(["pagaende"])
            cells.domains["d|alder"] = Set(report.dimensioner.aldersgrupp.codes.map(\.code) + ["saknas"])
            for dimension in report.dimensioner.extra {
                cells.domains["d|dim:\(dimension.id)"] = Set(dimension.codes.map(\.code) + ["saknas"])
            }
            for (universe, names) in report.insatserWithData where !names.isEmpty {
                cells.domains["\(universe)|insats"] = names
                cells.domains["mal:\(universe)|insats"] = names
                if !report.isRange {
                    cells.insatserByPeriod["\(universe)|\(period)"] = names
                    cells.insatserByPeriod["mal:\(universe)|\(period)"] = names
                }
            }
            cells.insatserByPeriod.merge(report.insatserWithDeltagarePerHalvar) { $0.union($1) }
            cells.domains["mal:d|kon"] = kon
            for universe in ["f", "a", "mal:f", "mal:a"] { cells.domains["\(universe)|kon"] = kon.union(["saknas"]) }
            cells.domains["a|part"] = Set(Part.allCases.map(\.code) + ["saknas"])
            for group in report.respondentGroups {
                for rad in report.indikatorer(of: group) {
                    cells.domains["f|svar:\(rad.question.id)"] = Set(rad.scale.values.map { String($0.value) } + ["vetej", "ejakt", "tomt"])
                }
            }
        }

        // MARK: Building

        mutating func build() {
            declareDomains()
            makeGoalTables()
            makeKonTables()
            makeDimensionTables()
            makeIndicatorTables()
            makeStrukturTables()
            makeKostnadTable()
            makeEkonomiTables()
            makeTrendTable()
            cells.deriveRelations()
            linkYears()
        }

        /// What a goal's counts count (`med` and `av` of a share, `antal` of a count) over period `span`: its
        /// declaration (its measure with the catalogue's defaults resolved into the avslutsorsaker it counts,
        /// its scope, its period), never its id. Two goals, or a goal and a table, that count the same people
        /// so share one cell, and every relation between them and the tables follows
        /// (``LinkedCells/deriveRelations()``): a stegförflyttning goal's denominator is the avslutade less the
        /// avslutsorsaker it leaves out, a count of everyone is the deltagare total, a survey goal on one
        /// question is that question's row. What the data's attributes cannot say (a share `where` a
        /// dimension, a survey goal on several questions, tillfällen) is a count of the goal's own.
        func declared(_ goal: GoalFile.Goal, _ measure: GoalMeasure, span: String) -> (med: CountFilter, av: CountFilter, antal: CountFilter) {
            let scope = goal.scope ?? GoalScope()
            // The goal's own counts: a universe of their own, so no table's count is summed with them, over
            // the insatser and kön of the data it counts.
            let own = CountFilter(["kalla": [Self.ownUniverse(measure)], "mal": ["\(measure)|\(Self.scopeKey(goal.scope))"], "period": [span]])
            let opaque = (med: own.with("del", ["med"]), av: own, antal: own.with("del", ["antal"]))
            func scoped(_ base: CountFilter) -> CountFilter? {
                var filter = base
                if let insats = scope.insats {
                    let names = Set(report.insatsNamn.values)
                    let folded = Dictionary(names.map { (TextFolding.fold($0), $0) }) { a, _ in a }
                    filter = filter.narrowed("insats", Set(insats.map { folded[TextFolding.fold($0)] ?? $0 }))
                }
                if let kon = scope.kon { filter = filter.narrowed("kon", Set(kon.compactMap { Kon.vocabulary.lookup($0)?.code })) }
                let catalogue = report.dimensioner
                guard filter.universe == "d" else { return scope.aldersgrupp == nil && scope.ny == nil && scope.dimensions.isEmpty ? filter : nil }
                if let alder = scope.aldersgrupp {
                    filter = filter.narrowed(
                        "alder", Set(alder.flatMap { catalogue.aldersgrupp.indexes($0) ?? [] }.map { catalogue.aldersgrupp.codes[$0].code }))
                }
                if let ny = scope.ny {
                    let values = Set(ny.compactMap { JaNej.vocabulary.lookup($0) })
                    guard values.count == 1 else { return filter }
                    filter = filter.narrowed("ny", [values.contains(true) ? "ja" : Self.notNew])
                }
                for (key, codes) in scope.dimensions {
                    guard let slot = catalogue.slot(of: key) else { return nil }
                    let dimension = catalogue.extra[slot]
                    filter = filter.narrowed(
                        "dim:\(dimension.id)", Set(codes.flatMap { dimension.indexes($0) ?? [] }.map { dimension.codes[$0].code }))
                }
                return filter
            }
            let orsaker = report.avslutsorsaker.map(\.orsak).filter(\.counted)
            let p = CountFilter(["period": [span]])
            let d = p.with("kalla", ["d"]), f = p.with("kalla", ["f"]), a = p.with("kalla", ["a"])
            func population(_ of: GoalMeasure.Population) -> CountFilter? {
                switch of {
                case .alla: d
                case .nya: d.with("ny", ["ja"])
                case .avslutade, .stegforflyttning: d.with("utfall", counted)
                default: nil
                }
            }
            switch measure {
            case .exitShare(let m):
                let den = orsaker.filter { GoalEvaluator.isInDenominator($0, under: m) }
                let steg = den.filter { GoalEvaluator.isStegforflyttning($0, under: m) }
                guard let base = scoped(d) else { return opaque }
                let av = base.narrowed("utfall", Set(den.map(\.code)))
                return (stegforflyttning(av, steg), av, opaque.antal)
            case .count(let m):
                switch m.of {
                case .alla, .nya, .avslutade:
                    return (opaque.med, opaque.av, population(m.of).flatMap(scoped) ?? opaque.antal)
                case .stegforflyttning:
                    let steg = orsaker.filter {
                        GoalEvaluator.isStegforflyttning($0, under: GoalFile.ExitShare(stegforflyttning: m.stegforflyttning))
                    }
                    return (opaque.med, opaque.av, scoped(d.with("utfall", counted)).map { stegforflyttning($0, steg) } ?? opaque.antal)
                case .formular:
                    return (opaque.med, opaque.av, scoped(m.enkat.map { f.with("enkat", Set($0)) } ?? f) ?? opaque.antal)
                case .deltagande:
                    return (opaque.med, opaque.av, scoped(m.aktivitet.map { a.with("aktivitet", Set($0)) } ?? a) ?? opaque.antal)
                default: return opaque
                }
            case .deltagarShare(let m):
                // Its denominator is a population; who it counts among them is the goal's own.
                guard goal.scope == nil, let den = population(m.of) else { return opaque }
                return (den.with("mal", ["\(measure)"]), den, opaque.antal)
            case .surveyShare(let m):
                guard m.questions.count == 1,
                    let rad = report.respondentGroups.flatMap(report.indikatorer(of:)).first(where: { $0.question.id == m.questions[0] }),
                    let base = scoped(f.with("enkat", Set(m.enkat)))
                else { return opaque }
                let values = rad.scale.values.map(\.value)
                let answer = "svar:\(rad.question.id)"
                return (
                    base.with(answer, Set(values.filter { Double($0) >= m.positiveFrom }.map(String.init))),
                    base.with(answer, Set(values.map(String.init))),
                    opaque.antal
                )
            default:
                return opaque
            }
        }

        /// The universe of a goal's own counts (`mal:d`, `mal:f`, `mal:a`): its kön and insatser are those of
        /// the data it counts.
        static func ownUniverse(_ measure: GoalMeasure) -> String {
            switch measure {
            case .change(let m): return ownUniverse(m.of)
            case .count(let m) where m.of == .deltagande || m.of == .tillfallen: return "mal:a"
            default: return measure.countsForms ? "mal:f" : "mal:d"
            }
        }

        /// A goal's scope in one text, the same every run.
        static func scopeKey(_ scope: GoalScope?) -> String {
            guard let scope else { return "" }
            func list(_ name: String, _ values: [String]?) -> String? { values.map { "\(name)=\($0.sorted().joined(separator: ","))" } }
            return
                ([list("insats", scope.insats), list("kon", scope.kon), list("alder", scope.aldersgrupp), list("ny", scope.ny)]
                + scope.dimensions.keys.sorted().map { list($0, scope.dimensions[$0]) }).compactMap { $0 }.joined(separator: ";")
        }

        /// Those of `avslutade` who made a stegförflyttning, where it is made of the avslutsorsaker `steg`: the
        /// avslutade of those causes, or, where a row may say for itself (``HalvarsRapport/stegforflyttningPerRow``),
        /// those whose row or cause says so (an attribute of its own, one per set of causes).
        func stegforflyttning(_ avslutade: CountFilter, _ steg: [AvslutsorsakCatalogue.Orsak]) -> CountFilter {
            let codes = Set(steg.map(\.code))
            guard report.stegforflyttningPerRow else { return avslutade.narrowed("utfall", codes) }
            return avslutade.with("steg:\(codes.sorted().joined(separator: ","))", ["ja"])
        }

        /// The code of "ny" for those who were in the insats before the period.
        static let notNew = "nej"

        /// The counts of one goal figure over period `span`, entered in the set: a share's numerator and
        /// denominator; a count; a change's numerator and denominator now, then at its baseline.
        ///
        /// - Parameter own: the figure is one of the goal table's (weighed as a goal's), not a compared
        ///   period's in the trend or a change column (weighed as a headline).
        mutating func goalFigure(
            _ span: String, _ goal: GoalFile.Goal, kon: String? = nil, insats: String? = nil,
            _ figure: GoalFigure, own: Bool = true
        ) -> [Int] {
            func counts(_ measure: GoalMeasure, _ span: String) -> (med: CountFilter, av: CountFilter, antal: CountFilter) {
                let d = declared(goal, measure, span: span)
                func narrowed(_ f: CountFilter) -> CountFilter { f.narrowed("kon", kon.map { [$0] }).narrowed("insats", insats.map { [$0] }) }
                return (narrowed(d.med), narrowed(d.av), narrowed(d.antal))
            }
            func share(_ declared: (med: CountFilter, av: CountFilter, antal: CountFilter), _ share: Share) -> [Int] {
                let num = count(declared.med, share.numerator, goal: own)
                let den = count(declared.av, share.denominator, goal: own)
                // Survey answers follow the survey rule (DOMAIN §8): the denominator is the group's forms.
                if goal.measure.countsForms {
                    cells.survey(den)
                    cells.survey(num, groupOf: den)
                }
                return [num, den]
            }
            switch figure.kind {
            case .share: return share(counts(goal.measure, span), figure.share)
            case .count:
                // Occasions are no people: a count of tillfällen is published as it is, outside the linked set.
                if goal.measure.countsOccasions { return [] }
                let c = count(counts(goal.measure, span).antal, figure.share.numerator, goal: own)
                if goal.measure.countsForms { cells.survey(c) }
                return [c]
            case .change:
                guard case .change(let m) = goal.measure else { return [] }
                return share(counts(m.of, span), figure.current ?? figure.share)
                    + share(counts(m.of, m.baseline.description), figure.baseline ?? Share(0, of: 0))
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
                // No file of the kind the goal counts: no counts to show, not "0 av 0 mot 0 av 0".
                if f.verdict == .ingaUppgifter { return [.text(.text("–")), .text(.text("–")), .text(.text("–")), .text(.text(f.verdictText))] }
                // Each count as protection shows it ("27 av 29", "0 av <5", "24 av .."): what the figure comes
                // from, and no more than the audit took the reader to know. The change of a count compares two
                // counts of everyone, not two shares.
                // A survey figure goes with its group of forms (DOMAIN §8): all of it, or "..". So does a figure with
                // no count of its own to show.
                let antal: Draft
                if sources.count < 2 || sources.contains(where: { cells.cells[$0].rule == .survey }) {
                    var n = "\(f.share.numerator) av \(f.share.denominator)"
                    if f.kind == .change, let now = f.current, let before = f.baseline {
                        n =
                            f.ofCount
                            ? "\(now.numerator) mot \(before.numerator)"
                            : "\(now.numerator) av \(now.denominator) mot \(before.numerator) av \(before.denominator)"
                    }
                    antal = .derived(sources, PublishedCell(text: n, number: Double(f.share.denominator), suppressed: false))
                } else if f.kind == .change && sources.count == 4 {
                    antal = f.ofCount ? .counts([sources[0], sources[2]], ["mot"]) : .counts(sources, ["av", "mot", "av"])
                } else {
                    antal = .counts(Array(sources.prefix(2)), ["av"])
                }
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
                result.kind == .change ? [] : goalFigure(point.period.description, result.goal, figure, own: false)
            }
            goalCells[point.period] = figures
            return figures
        }

        // MARK: Goals

        private mutating func makeGoalTables() {
            let r = report
            var overall: [DraftTable.Row] = [], perKon: [DraftTable.Row] = [], perInsats: [DraftTable.Row] = []
            var overallCells: [[Int]] = []
            let previous = r.previous.map { enterPoint($0) }, yearEarlier = r.yearEarlier.map { enterPoint($0) }
            for (g, result) in r.goals.enumerated() {
                let goal = result.goal
                let span = goal.period?.description ?? period.description
                let all = goalFigure(span, goal, result.overall)
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
                for entry in result.perKon {
                    let code = entry.kon?.code ?? "saknas", label = entry.kon?.plural ?? "Uppgift saknas"
                    let f = goalFigure(span, goal, kon: code, entry.figure)
                    sources.perKon.append(f)
                    perKon.append(
                        .init(
                            key: "\(goal.id)/\(entry.kon?.code ?? "uppgift-saknas")", label: "\(goal.displayTitle) · \(label)",
                            cells: figureCells(entry.figure, f)))
                }
                for entry in result.perInsats {
                    let name = insatsName(entry.insats)
                    let f = goalFigure(span, goal, insats: name, entry.figure)
                    sources.perInsats.append(f)
                    perInsats.append(.init(key: "\(goal.id)/\(name)", label: "\(goal.displayTitle) · \(name)", cells: figureCells(entry.figure, f)))
                }
                goalSources.append(sources)
            }
            // A goal followed over a period of its own has another figure in the report's own row of the trend
            // (its halvår's): the overall cells stand for the report's period only when no goal has one.
            if r.goals.allSatisfy({ $0.goal.period.map { $0 == PeriodSpan(period) } ?? true }) { goalCells[period] = overallCells }
            guard !r.goals.isEmpty else { return }
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
        }

        // MARK: Deltagare and avslutade

        private var konColumns: [String] { Kon.allCases.map(\.plural) + ["Totalt"] }
        private var konKeys: [String] { Kon.allCases.map(\.code) + ["totalt"] }

        private mutating func makeKonTables() {
            let d = report.deltagare
            var rows: [DraftTable.Row] = []
            let all = deltagare(period)
            let pagaende = konRow(all.with("utfall", ["pagaende"]), d.pagaende), avslutade = konRow(avslutade(period), d.avslutade)
            let totalt = konRow(all, d.totalt)
            if let nya = d.nya {
                let row = konRow(all.with("ny", ["ja"]), nya)
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
            // Rows keyed by the code (what programs match, "16-19"), labelled by the catalogue's label (what a
            // reader reads, "16–19 år", beside the folds' "Unga 16–29 år").
            let keys = bands.codes.map(\.code) + ["uppgift saknas"], labels = bands.codes.map(\.label) + ["uppgift saknas"]
            let codes = bands.codes.map(\.code) + ["saknas"]
            let alder = report.alder.indices.map { konRow(all.with("alder", [codes[$0]]), report.alder[$0]) }
            tables.append(
                DraftTable(
                    id: "alder", title: "Deltagare per åldersgrupp och kön", columnKeys: konKeys, columns: konColumns,
                    rows: keys.indices.map { .init(key: keys[$0], label: labels[$0], cells: alder[$0].map(Draft.count)) }
                        + [.init(key: "totalt", label: "Totalt", cells: totalt.map(Draft.count))], rowHeader: "Åldersgrupp"))
            makeAlderFoldTable(alder, totalt: totalt)

            let orsaker = report.avslutsorsaker.map { konRow(all.with("utfall", [$0.orsak.code]), $0.antal) }
            let sus = report.susGroups.map { group in
                let members = report.avslutsorsaker.map(\.orsak).filter { $0.counted && $0.susGroup == group.group.code }
                return konRow(all.with("utfall", Set(members.map(\.code))), group.antal)
            }
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
        /// "uppgift saknas".
        private mutating func makeAlderFoldTable(_ alder: [[Int]], totalt: [Int]) {
            let bands = report.dimensioner.aldersgrupp
            var rows: [DraftTable.Row] = []
            for fold in bands.folds ?? [] {
                let members = fold.codes.compactMap { c in bands.codes.firstIndex { $0.code == c } }
                var sum = KonCounts()
                for m in members { for kon in Kon.allCases { sum[kon] += report.alder[m][kon] } }
                let row = konRow(deltagare(period).with("alder", Set(members.map { bands.codes[$0].code })), sum)
                rows.append(.init(key: fold.id, label: fold.label, cells: row.map(Draft.count)))
            }
            guard !rows.isEmpty else { return }
            let saknas = alder[bands.codes.count]
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
        /// What the stegförflyttning table's counts count: its goal's numerator and denominator (the same
        /// counts), or the catalogue's default measure's over the report's period when there is no goal.
        var stegFilters: (med: CountFilter, av: CountFilter) {
            if let goal = stegGoal {
                let d = declared(goal, goal.measure, span: goal.period?.description ?? period.description)
                return (d.med, d.av)
            }
            let measure = GoalFile.ExitShare()
            let den = report.avslutsorsaker.map(\.orsak).filter { $0.counted && GoalEvaluator.isInDenominator($0, under: measure) }
            let steg = den.filter { GoalEvaluator.isStegforflyttning($0, under: measure) }
            let av = deltagare(period).with("utfall", Set(den.map(\.code)))
            return (stegforflyttning(av, steg), av)
        }

        /// Stegförflyttning per insats and kön: the first `exitShare` goal's counts again (the same cells), or
        /// the catalogue's default measure's when there is no goal.
        private mutating func makeStegforflyttningTable() {
            let filters = stegFilters
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
                let m = konRow(filters.med.narrowed("insats", [name]), entry.med), a = konRow(filters.av.narrowed("insats", [name]), entry.avslutade)
                for kon in Kon.allCases {
                    medTotal[kon] += entry.med[kon]
                    avTotal[kon] += entry.avslutade[kon]
                }
                rows.append(.init(key: name, label: name, cells: row(m, a)))
            }
            if !rows.isEmpty {
                let m = konRow(filters.med, medTotal), a = konRow(filters.av, avTotal)
                rows.append(.init(key: "totalt", label: "Totalt", cells: row(m, a)))
            }
            tables.append(
                DraftTable(
                    id: "stegforflyttning", title: "Stegförflyttning per insats och kön",
                    columnKeys: konKeys.flatMap { [$0, "\($0)-avslutade", "\($0)-andel"] },
                    columns: konColumns.flatMap { ["\($0) med", "av", "%"] }, rows: rows,
                    note: NoteDraft(
                        text: "Avslutade med stegförflyttning av de avslutade som räknas (målets definition"
                            + (report.stegforflyttningGoal.flatMap { goal in
                                goal.period.flatMap { $0 == report.span ? nil : ", \($0.words) som i målet \"\(goal.displayTitle)\"" }
                            } ?? "") + ")."), rowHeader: "Insats"))
        }

        // MARK: Indikatorer

        private mutating func makeIndicatorTables() {
            for group in report.respondentGroups { makeIndicatorTable(group: group) }
        }

        /// The indicator table of one respondent group (DOMAIN §7): deltagare's is `indikatorer`, another
        /// group's `indikatorer-GROUP`, its counts those of the group's enkäter.
        private mutating func makeIndicatorTable(group: Respondent) {
            let r = report
            let indikatorer = r.indikatorer(of: group)
            let enkater = report.enkatGroups
            // The forms that left a question empty are not published, nor how many forms there were: with
            // them, "vet ej" beside n would be known to within a form or two.
            let width = indikatorer.map(\.distribution.count).max() ?? 0
            var rows: [DraftTable.Row] = []
            for rad in indikatorer {
                // The forms of the question's enkäter that are this group's, by their answer to it.
                let forms = CountFilter(
                    ["kalla": ["f"], "period": [period.description], "enkat": Set(rad.question.enkater.filter { enkater[$0] == group })])
                let answer = "svar:\(rad.question.id)"
                let scale = rad.scale.values.map { String($0.value) }
                let distribution = rad.distribution.map { count(forms.with(answer, [String($0.value.value)]), $0.count) }
                let n = count(forms.with(answer, Set(scale)), rad.positive.denominator)
                let positive = count(
                    forms.with(answer, Set(rad.scale.values.filter { $0.value >= rad.scale.positiveFrom }.map { String($0.value) })),
                    rad.positive.numerator)
                let vetEj = count(forms.with(answer, ["vetej", "ejakt"]), rad.vetEj + rad.ejAktuellt)
                // Survey answers (DOMAIN §8): the row is one group of forms, shown whole when at least threshold
                // answered on the scale, else "för få svar"; inside a shown group every answer count is published.
                cells.survey(n)
                for c in distribution + [positive, vetEj] { cells.survey(c, groupOf: n) }
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
            var rows: [DraftTable.Row] = []
            // Stegförflyttningar as the goal the table follows counts them (the stegförflyttning table's goal
            // unless another is marked `kostnad`).
            let goal = report.kostnadGoal
            let steg = goal.map { declared($0, $0.measure, span: $0.period?.description ?? period.description).med } ?? stegFilters.med
            for rad in k {
                let d = count(deltagare(period, insats: rad.namn), rad.deltagare)
                // An insats outside the followed goal's scope has no stegförflyttningar by its definition.
                let s = rad.stegforflyttningar.map { count(steg.narrowed("insats", [rad.namn]), $0) }
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
            tables.append(
                DraftTable(
                    id: "kostnad", title: "Kostnad per deltagare och per stegförflyttning",
                    columnKeys: ["budget", "deltagare", "kr-per-deltagare", "stegforflyttningar", "kr-per-stegforflyttning"],
                    columns: ["Budget", "Deltagare", "Kr per deltagare", "Stegförflyttningar", "Kr per stegförflyttning"],
                    rows: rows,
                    note: NoteDraft(
                        text: "Budget för perioden enligt registret (ett halvår utan egen budget får halva årets)."
                            + (report.kostnadGoal.map { goal in
                                " Stegförflyttning räknas som i målet \"\(goal.displayTitle)\""
                                    + (goal.period.flatMap {
                                        $0 == report.span ? nil : ", men över \(report.span.words), som budgeten (målet räknas över \($0.words))"
                                    } ?? "") + "."
                            } ?? "")
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
                let deltagare = count(deltagare(p), point.deltagare), avslutade = count(avslutade(p), point.avslutade)
                let figures = enterPoint(point)
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

        /// Every count the set holds for a year and its halvår is tied to them, whatever it counts (the
        /// report's own trend and goals, and with approved reports taken in, ``LinkedCells/include(_:shown:)``,
        /// theirs). Only what a reader can know is tied, never what the values happen to allow: a relation
        /// the reader cannot know makes protection take counts for given away that are not, and stop guarding
        /// them.
        /// - A year counts each person once (DOMAIN §5). Its deltagare are H2's and those of H1 who ended in
        ///   H1, and the H1 pågående of an insats that did not report H2 (none where the insats lists of the
        ///   halvår say so, ``sumOfYear(_:equals:_:)``). Where H1's ended are not printed, they are an
        ///   unprinted part of H1's count.
        /// - What happens once in a halvår (ending, starting, a form, a deltagande) adds up over the two.
        /// - Where a halvår lists every code with anyone (insatser, aktiviteter, kön) and not this one, it was 0:
        ///   a year's count of an insats H2 does not list is H1's.
        mutating func linkYears() {
            // Per universe and halvår (`"a|2023H1"`), the aktiviteter its counts name: the struktur table lists
            // every aktivitet with a deltagande.
            var aktiviteter: [String: Set<String>] = [:]
            for cell in cells.cells {
                guard let f = cell.filter, let codes = f.terms["aktivitet"], let p = f.terms["period"], p.count == 1 else { continue }
                aktiviteter["\(f.universe)|\(p.first!)", default: []].formUnion(codes)
            }
            for (c, cell) in cells.cells.enumerated() {
                guard let filter = cell.filter, let code = filter.terms["period"], code.count == 1, let y = Period(code.first!), y.half == nil else {
                    continue
                }
                func half(_ h: Int, _ f: CountFilter) -> Int? { cellCounting(f.with("period", [Period(year: y.year, half: h).description])) }
                // Where a halvår lists every code with anyone (insatser, aktiviteter, kön) and not this one, it had
                // none: its insatser with data (none at all: it had no one), its aktiviteter, or a count over all
                // codes beside no count of this one.
                func isSilent(_ h: Int) -> Bool {
                    let key = "\(filter.universe)|\(Period(year: y.year, half: h))"
                    if cells.insatserByPeriod[key]?.isEmpty == true { return true }
                    for (attribute, listed) in [("insats", cells.insatserByPeriod[key]), ("aktivitet", aktiviteter[key])] {
                        if let codes = filter.terms[attribute], let listed, listed.isDisjoint(with: codes) { return true }
                    }
                    return LinkedCells.listedAttributes.contains { filter.terms[$0] != nil && half(h, filter.with($0, nil)) != nil }
                }
                let h1 = half(1, filter)
                guard let d = half(2, filter) else {
                    // An insats that did not report H2: its year is its H1, the pågående included (they are
                    // counted once, in H1, DOMAIN §5), those not new too.
                    if let h1, isSilent(2) { cells.sum([h1], equals: c) }
                    continue
                }
                let silent = h1 == nil && isSilent(1)
                guard filter.universe == "d" else {
                    if let h1 {
                        linkEvents(c, halves: [h1, d])
                    } else if silent {
                        cells.sum([d], equals: c)
                    }
                    continue
                }
                // A year's deltagare not new in it (`ny` other than ja) are no rows of a halvår: they are the year's
                // deltagare less its nya (H1's and H2's), and H2's own "not new" holds H1's nya who continued.
                // No sum of the halvår counts them, so none is tied (one the values happen to allow would be a
                // relation no reader knows).
                if let ny = filter.terms["ny"], ny != ["ja"] { continue }
                let utfall = filter.terms["utfall"]
                let pagaende = utfall.map { !$0.isDisjoint(with: ["pagaende"]) } ?? true
                if !pagaende || (utfall == nil && filter.terms["ny"] == ["ja"]) {
                    // Ending and starting happen once, in one halvår.
                    if let h1 { cells.sum([h1, d], equals: c) } else if silent { cells.sum([d], equals: c) }
                } else if let ended = half(1, filter.narrowed("utfall", counted)) {
                    sumOfYear([d, ended], equals: c, filter)
                } else if utfall == ["pagaende"] {
                    sumOfYear([d], equals: c, filter)
                } else if let h1, cell.value >= cells.cells[d].value, cell.value - cells.cells[d].value <= cells.cells[h1].value {
                    let ended = cells.unpublished("\(cell.key)|h1-avslutade", cell.value - cells.cells[d].value)
                    cells.sum([d, ended], equals: c)
                    cells.sum([ended], plusUnpublished: "\(cell.key)|h1-pagaende", equals: h1)
                } else if silent {
                    cells.sum([d], equals: c)
                }
            }
        }

        /// The cell that counts `filter`: under this set's key, else under the key the report of its period gave
        /// it (a halvår with data of one insats names none in its keys).
        private func cellCounting(_ filter: CountFilter) -> Int? {
            cells.lookup(cells.normalized(filter).key) ?? cells.lookup(cells.normalizedAsInItsPeriod(filter).key)
        }

        /// H2's deltagare not new in it are H1's pågående (DOMAIN §5: a deltagare pågående at the end of H1 goes
        /// on in H2, not new there), so H2's deltagare and H1's avslutade add up to H2's nya and H1's
        /// deltagare: per insats, per kön and in all, wherever every insats of the count with deltagare in H1
        /// reported H2 (the two halvår's insats lists say so) and the values keep it (they do not where `ny`
        /// was left empty for some, and then no reader knows the tie either). Without it, H2's printed
        /// deltagare and nya gave away H1's hidden avslutade to a reader who knows the rule.
        mutating func linkContinuing() {
            for c in cells.cells.indices {
                guard let f = cells.cells[c].filter, f.universe == "d", let p = f.terms["period"], p.count == 1, let h2 = Period(p.first!),
                    h2.half == 2, f.terms.keys.allSatisfy({ ["kalla", "period", "insats", "kon"].contains($0) })
                else { continue }
                let year = h2.year
                guard let listed1 = cells.insatserByPeriod["d|\(year)H1"], let listed2 = cells.insatserByPeriod["d|\(year)H2"],
                    listed1.intersection(f.terms["insats"] ?? listed1).isSubset(of: listed2)
                else { continue }
                let h1f = f.with("period", [Period(year: year, half: 1).description])
                guard let nya = cellCounting(f.narrowed("ny", ["ja"])), let h1 = cellCounting(h1f),
                    let ended = cellCounting(h1f.narrowed("utfall", counted))
                else { continue }
                let terms = [(cell: c, coefficient: 1), (cell: ended, coefficient: 1), (cell: nya, coefficient: -1), (cell: h1, coefficient: -1)]
                guard Set(terms.map(\.cell)).count == 4, terms.reduce(0, { $0 + $1.coefficient * cells.cells[$1.cell].value }) == 0 else { continue }
                cells.add(LinkedCells.Relation(terms: terms))
            }
        }

        /// A year's deltagare `c` are H2's and H1's ended (`parts`), and the H1 pågående of an insats that did
        /// not report H2: none where the insats lists of the two halvår say so (every insats `filter` admits
        /// with deltagare in H1 has them in H2 too), else an unprinted part at least 0, whatever the values
        /// (that they add up is no rule a reader knows). The year's report knows both lists
        /// (``HalvarsRapport/insatserWithDeltagarePerHalvar``); without them the parts are tied exactly where
        /// the values add up.
        private mutating func sumOfYear(_ parts: [Int], equals c: Int, _ filter: CountFilter) {
            let key = "\(cells.cells[c].key)|h1-pagaende-utan-h2"
            let year = Period(filter.terms["period"]!.first!)!.year
            guard let h1 = cells.insatserByPeriod["d|\(year)H1"], let h2 = cells.insatserByPeriod["d|\(year)H2"] else {
                cells.sum(parts, equals: c, elseUnpublished: key)
                return
            }
            let onlyInH1 = h1.subtracting(h2).intersection(filter.terms["insats"] ?? h1)
            if onlyInH1.isEmpty { cells.sum(parts, equals: c) } else { cells.sum(parts, plusUnpublished: key, equals: c) }
        }

        /// Forms, deltagande and a goal's own counts: the two halvår added up where the values say so; else
        /// the year is H2's and an unprinted part of H1's (a goal's own count of people, counted once a year).
        private mutating func linkEvents(_ c: Int, halves: [Int]) {
            let (year, h1, h2) = (cells.cells[c].value, cells.cells[halves[0]].value, cells.cells[halves[1]].value)
            if year == h1 + h2 {
                cells.sum(halves, equals: c)
            } else if year >= h2 && year - h2 <= h1 {
                let ended = cells.unpublished("\(cells.cells[c].key)|h1-avslutade", year - h2)
                cells.sum([halves[1], ended], equals: c)
                cells.sum([ended], plusUnpublished: "\(cells.cells[c].key)|h1-pagaende", equals: halves[0])
            }
        }
    }
}
