/// Counts per kön, in the order reports show them (kvinnor, män, annat).
public struct KonCounts: Sendable, Hashable {
    var counts = [0, 0, 0]

    public init() {}

    public subscript(kon: Kon) -> Int {
        get { counts[kon.rawValue] }
        set { counts[kon.rawValue] = newValue }
    }

    public var total: Int { counts.reduce(0, +) }
}

/// The halvårsrapport (DOMAIN §8) as numbers, before any format: what a förbund's kansli puts in front
/// of its styrelse. Writers (Markdown, JSON, CSV) only lay it out.
public struct HalvarsRapport: Sendable {
    public struct DeltagarTabell: Sendable {
        /// `nil` when no row said whether the deltagare was new.
        public var nya: KonCounts?
        var pagaende = KonCounts()
        public var avslutade = KonCounts()
        var totalt: KonCounts {
            var sum = KonCounts()
            for kon in Kon.allCases { sum[kon] = pagaende[kon] + avslutade[kon] }
            return sum
        }
    }

    public struct AvslutsorsakRad: Sendable {
        var orsak: AvslutsorsakCatalogue.Orsak
        public var antal: KonCounts
    }

    public struct IndikatorRad: Sendable {
        var question: IndicatorCatalogue.Question
        var scale: IndicatorCatalogue.Scale
        /// Answers on the scale, and how many of them were positive (≥ the scale's `positiveFrom`).
        var positive: Share
        var sum: Int
        /// Count per scale value, in the scale's order.
        var distribution: [(value: IndicatorCatalogue.ScaleValue, count: Int)]
        var vetEj: Int
        var ejAktuellt: Int
        /// Forms of the question's enkäter that left it empty.
        var unanswered: Int
        /// Whose answers these are (DOMAIN §7): the report has one indicator section per group.
        var respondent: Respondent = .deltagare

        /// The mean on the scale, ×10 and rounded half away from zero (shown with one decimal).
        var meanTenths: Int? {
            positive.denominator > 0 ? roundedRatio(sum, times: 10, over: positive.denominator) : nil
        }
    }

    public struct KostnadRad: Sendable {
        public var insats: String
        public var namn: String
        /// SEK that falls on the period (half the year's budget for a halvår).
        public var budget: Int
        public var deltagare: Int
        /// `nil` for an insats outside the scope of the goal the table follows.
        var stegforflyttningar: Int?

        /// Rounded half up, in double width: no budget (the register allows up to 10^12 kr) can make it trap.
        var perDeltagare: Int? { deltagare > 0 && budget >= 0 ? roundedRatio(budget, times: 1, over: deltagare) : nil }
        var perStegforflyttning: Int? {
            guard let stegforflyttningar, stegforflyttningar > 0, budget >= 0 else { return nil }
            return roundedRatio(budget, times: 1, over: stegforflyttningar)
        }
    }

    var forbundNamn: String
    public var period: Period
    /// The files the report was made from, by name only (``readerName(_:)``): what the styrelse reads.
    public var sources: [String]
    /// The goal file, by name only.
    public var goalsSource: String?
    public var goals: [GoalResult]
    /// The decision the goals come from (the goal file's `beslut`), for the cover.
    public var beslut: GoalFile.Beslut?
    /// The goal whose stegförflyttning the kostnad table and the stegförflyttning table count: the one
    /// marked `"kostnad": true`, else the first `exitShare` goal; `nil` without one (catalogue defaults).
    var kostnadGoal: GoalFile.Goal?
    public var deltagare: DeltagarTabell
    public var avslutsorsaker: [AvslutsorsakRad]
    var felregistreringar: Int
    public var indikatorer: [IndikatorRad]
    var kostnader: [KostnadRad]
    /// Display name of each insats id in the report (the register's namn when there is one).
    var insatsNamn: [Int32: String]
    /// Per universe of counts (`d` deltagare, `f` survey forms, `a` aktiviteter), the names of the insatser
    /// with data of it in the report's period: the insatser a table of it can list (protection's domain of
    /// the attribute `insats`).
    var insatserWithData: [String: Set<String>] = [:]
    /// In a year's report, per halvår of it (`"d|2023H1"`), the insatser with deltagare in that halvår (a
    /// helår file's in H2): whether some insats reported H1 and not H2, whose H1 pågående the year counts.
    var insatserWithDeltagarePerHalvar: [String: Set<String>] = [:]
    /// Some deltagare row of the förbund (in any period) says itself whether it made a stegförflyttning,
    /// whatever its avslutsorsak: then a goal's stegförflyttningar are not a sum of avslutsorsaker.
    var stegforflyttningPerRow = false
    /// Deltagare per åldersgrupp (the seven groups, then "uppgift saknas") × kön.
    var alder: [KonCounts]
    /// Avslutade per SUS group (the catalogue's order) × kön.
    var susGroups: [(group: AvslutsorsakCatalogue.SUSGroup, antal: KonCounts)]
    /// Per insats (sorted by name): avslutade in the stegförflyttning denominator, and those who made one.
    var stegforflyttning: [(insats: Int32, med: KonCounts, avslutade: KonCounts)]
    /// Each halvår in the data up to the report's period (or the report's helår), oldest first.
    var trend: [TrendPoint]
    /// What the report's figures are compared with: for a halvår the previous halvår and the same halvår a
    /// year earlier, for a helår the previous year (`yearEarlier` is then `nil`). Only periods the data holds
    /// completely: a year needs both its halvår (or a helår file), or half a year would pass for a whole.
    public var previous: TrendPoint?
    var yearEarlier: TrendPoint?
    /// On the cover: the styrelse's approval of the period (an approved report), or that this is a new draft
    /// of a period that was approved (DOMAIN §11); `nil` for an ordinary report.
    public var fastallelse: String? = nil
    /// The respondent group of each enkät id of the catalogue (DOMAIN §7).
    var enkatGroups: [String: Respondent] = [:]
    /// The strukturinriktade insatser's activities of the period (DOMAIN §4.4, §8), by insats name.
    public var struktur: [StrukturInsats] = []
    /// The dimension catalogue the data was read with: the åldersgrupp bands and folds, and the other
    /// dimensions' labels.
    public var dimensioner: DimensionCatalogue = BuiltInDimensions.catalogue
    /// One table per background dimension present in the data (DOMAIN §4.5), and försörjning före × efter.
    var dimensionTables: [DimensionTable] = []
    var forsorjning: ForsorjningTable?
    /// Volym och ekonomi from a version 2 register.
    var volym: [VolymRad] = []
    var forbundEkonomi: ForbundEkonomi?
    /// The same goals over other förbund's data (`report --benchmark`), a column of the goal table; `nil`
    /// without one. The report's own figures do not depend on it.
    public var benchmark: GoalBenchmark?
    /// For a halvår 2, the report of its year made from the same data (empty otherwise: an array only because
    /// a struct cannot hold one of its own kind). With the approved H1, the year is what a reader will get
    /// next, so this report is protected so as not to give away a small count of it ahead of time
    /// (``LinkedCells/foresee(_:threshold:)``).
    var yearAhead: [HalvarsRapport] = []

    /// The periods the report covers: its `period`, or a run of periods (`2022H2..2023H2`, DOMAIN §5's
    /// ranges), each deltagare counted once over it. For a run, `period` is its last halvår.
    public var span: PeriodSpan {
        get { range ?? PeriodSpan(period) }
        set { range = newValue.period == nil ? newValue : nil }
    }
    private var range: PeriodSpan?

    /// Whether the report covers a run of periods rather than one halvår or helår.
    public var isRange: Bool { span.period == nil }

    /// "Halvårsrapport", for a helår "Årsrapport", for a run of periods "Rapport".
    public var kind: String { isRange ? "Rapport" : period.isHalfYear ? "Halvårsrapport" : "Årsrapport" }

    /// The periods in words, for the cover: "juli–december 2023", "juli 2022–december 2023".
    public var periodWords: String { isRange ? span.words : period.words }

    /// One period's headline figures, for trends.
    public struct TrendPoint: Sendable {
        public var period: Period
        /// One per goal, in the goal file's order.
        public var goals: [GoalFigure]
        public var deltagare: Int
        public var avslutade: Int
    }
}

/// Why a report cannot be made from what was given.
public enum ReportError: Error, Sendable, CustomStringConvertible {
    case severalForbund([String])
    /// `goalFile`: the name came from the goal file's `forbund` (its path), not `--forbund`; `registerID`: the id of
    /// the register given, `nil` without one. They say where the name came from and what ties it to a förbund.
    case unknownForbund(String, known: [String], goalFile: String? = nil, registerID: String? = nil)
    case noData(Period, forbund: String?)

    public var description: String {
        switch self {
        case .severalForbund(let names):
            "underlaget har flera förbund (\(Vocabulary<Int>.list(names))): välj ett med --forbund, eller ge --register forbund.json om det är samma förbunds namn och id"
        case .unknownForbund(let name, let known, nil, _):
            "--forbund: väntade ett förbund ur underlaget (\(Vocabulary<Int>.list(known))), fann \"\(name)\"; välj ett av dem, "
                + "eller ge förbundets register med --register forbund.json om \"\(name)\" är förbundets id"
        case .unknownForbund(let name, let known, let goalFile?, let registerID):
            "\(goalFile): forbund: väntade ett förbund ur underlaget (\(Vocabulary<Int>.list(known))), fann målfilens forbund \"\(name)\"; "
                + (registerID.map {
                    "registret som gavs har id \"\($0)\": ge registret för förbundet \"\(name)\", eller skriv underlagets förbund i målfilens forbund"
                }
                    ?? "ge förbundets register med --register (till exempel --register forbund.json), som säger vilket förbund "
                    + "\"\(name)\" är, eller skriv förbundets namn i målfilens forbund")
        case .noData(let period, let forbund):
            "underlaget har inga deltagare eller formulär för \(forbund.map { "\($0) " } ?? "")\(period)"
        }
    }
}

extension HalvarsRapport {
    /// A file as the report names it to its reader: the last component of its path (`mal-blekinge.json` for
    /// `/srv/finsam/SampleData/mal-blekinge.json`), so that no folder of the kansli's server reaches the
    /// styrelse. A name without a `/` (the store's "12 filer i arkivet (mappen finsam-data)") is kept as it is.
    ///
    /// - Returns: the name after the last `/`, trailing slashes ignored; `path` itself when that is empty.
    public static func readerName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Computes the report for `period` from `dataset`. `forbund` (id or name) may be left out when the
    /// data holds one förbund only.
    ///
    ///     let report = try HalvarsRapport.make(
    ///         dataset: dataset, period: Period("2023H2")!, forbund: nil, goals: nil, sources: ["deltagare.csv"])
    ///     let published = try PublishedReport(report, protection: SmallCellProtection())
    ///
    /// - Returns: the report's unprotected counts and figures; publish them through ``PublishedReport``.
    /// - Throws: ``ReportError`` when the förbund is unknown or not given among several, or there is no
    ///   data for the period.
    public static func make(
        dataset: Dataset, period: Period, forbund: String?, goals: GoalFile?,
        goalsSource: String? = nil, sources: [String]
    ) throws(ReportError) -> HalvarsRapport {
        try make(dataset: dataset, span: PeriodSpan(period), forbund: forbund, goals: goals, goalsSource: goalsSource, sources: sources)
    }

    /// Computes the report over `span`: one period, or a run of them (`2022H2..2023H2`) over which each
    /// deltagare is counted once, avslutade and forms added up (the rule goals over a range follow).
    ///
    /// A report over a run compares with nothing (no trend, no earlier period) and has no economy: budgets
    /// are per år or halvår, and a run's figures are not a sum of its halvår's that a reader could check.
    ///
    ///     let report = try HalvarsRapport.make(
    ///         dataset: dataset, span: PeriodSpan("2022H2..2023H2")!, forbund: nil, goals: nil, sources: [])
    ///     report.kind  // "Rapport"
    ///
    /// - Returns: the report's unprotected counts and figures.
    /// - Throws: ``ReportError`` as ``make(dataset:period:forbund:goals:goalsSource:sources:)``.
    public static func make(
        dataset: Dataset, span: PeriodSpan, forbund: String?, goals: GoalFile?,
        goalsSource: String? = nil, sources: [String]
    ) throws(ReportError) -> HalvarsRapport {
        let period = span.period ?? span.last
        let isRange = span.period == nil
        let present = Set(
            dataset.deltagare.map(\.forbund) + dataset.forms.map(\.forbund) + dataset.aktiviteter.map(\.forbund)
                + dataset.uppfoljningar.map(\.forbund)
        ).sorted()
        let wanted = forbund ?? goals?.forbund
        let forbundID: Int32?
        if let wanted {
            let folded = TextFolding.fold(wanted)
            let matches = present.filter {
                TextFolding.fold(dataset.name($0)) == folded || dataset.register?.names(wanted) == true
            }
            guard let id = matches.first else {
                if present.isEmpty { throw .noData(period, forbund: wanted) }
                throw .unknownForbund(
                    wanted, known: present.map(dataset.name), goalFile: forbund == nil ? goalsSource ?? "målfilen" : nil,
                    registerID: dataset.register?.id)
            }
            forbundID = id
        } else if present.count > 1 {
            throw .severalForbund(present.map(dataset.name))
        } else {
            forbundID = present.first
        }
        let data = PeriodData(dataset: dataset, span: span, forbund: forbundID)
        let forbundNamn = dataset.register?.namn ?? forbundID.map(dataset.name) ?? wanted
        guard !data.isEmpty, let forbundNamn else { throw .noData(period, forbund: forbundNamn) }

        let evaluator = GoalEvaluator(catalogues: dataset.catalogues)
        let goalResults = (goals?.goals ?? []).map { evaluator.evaluate($0, minN: goals!.minN(for: $0), data: data) }
        var insatsNamn: [Int32: String] = [:]
        // Also the insatser of goals measured over other periods than the report's.
        let goalInsatser = goalResults.flatMap { $0.perInsats.map(\.insats) }
        for id in Set(data.deltagare.map(\.insats) + data.forms.map(\.insats) + data.aktiviteter.map(\.insats) + goalInsatser) {
            insatsNamn[id] = dataset.register?.insats(named: dataset.name(id))?.namn ?? dataset.name(id)
        }
        var report = HalvarsRapport(
            forbundNamn: forbundNamn, period: period, sources: sources.map(readerName), goalsSource: goalsSource.map(readerName),
            goals: goalResults,
            beslut: goals?.beslut, kostnadGoal: kostnadGoal(goals),
            deltagare: deltagarTabell(data), avslutsorsaker: avslutsorsaker(data),
            felregistreringar: data.deltagare.filter { !dataset.catalogues.avslutsorsaker.counts($0) }
                .reduce(0) { $0 + $1.antal },
            indikatorer: indikatorer(data), kostnader: kostnader(data, goals: goals, evaluator: evaluator),
            insatsNamn: insatsNamn, alder: alder(data), susGroups: susGroups(data),
            stegforflyttning: stegforflyttning(data, goals: goals, evaluator: evaluator, names: insatsNamn),
            trend: isRange ? [] : trend(dataset: dataset, period: period, forbund: forbundID, goals: goals, evaluator: evaluator),
            previous: isRange ? nil : point(period.previous, dataset: dataset, forbund: forbundID, goals: goals, evaluator: evaluator),
            yearEarlier: !isRange && period.isHalfYear
                ? point(period.yearEarlier, dataset: dataset, forbund: forbundID, goals: goals, evaluator: evaluator) : nil,
            dimensioner: dataset.catalogues.dimensioner)
        report.enkatGroups = Dictionary(dataset.catalogues.indikatorer.enkater.map { ($0.id, $0.group) }) { a, _ in a }
        report.struktur = struktur(data)
        report.stegforflyttningPerRow = dataset.deltagare.contains { row in
            row.stegforflyttning != nil && (forbundID.map { row.forbund == $0 } ?? true)
        }
        func names(_ ids: [Int32]) -> Set<String> { Set(ids.compactMap { insatsNamn[$0] }) }
        report.insatserWithData = [
            "d": names(data.deltagare.map(\.insats)), "f": names(data.forms.map(\.insats)), "a": names(data.aktiviteter.map(\.insats)),
        ]
        if !isRange, period.half == nil {
            for half in 1...2 {
                let halvar = Period(year: period.year, half: half)
                let rows = data.nyaRows.filter { PeriodSpan($0.period).last == halvar }
                report.insatserWithDeltagarePerHalvar["d|\(halvar)"] = names(rows.map(\.insats))
            }
        }
        report.dimensionTables = dimensionTables(data)
        report.forsorjning = forsorjningTable(data, present: report.dimensionTables)
        report.span = span
        guard !isRange else {
            // Budgets are per år or halvår: a run of periods has none to set its figures against.
            report.kostnader = []
            report.struktur = report.struktur.map { insats in
                var insats = insats
                insats.budget = nil
                return insats
            }
            return report
        }
        report.volym = volym(data)
        report.forbundEkonomi = forbundEkonomi(dataset.register, period: period)
        if period.half == 2 {
            // The year this halvår ends, from the same data: the report published after it.
            report.yearAhead = [
                try make(
                    dataset: dataset, span: PeriodSpan(Period(year: period.year, half: nil)), forbund: forbund, goals: goals,
                    goalsSource: goalsSource, sources: sources)
            ]
        }
        return report
    }

    private static func alder(_ data: PeriodData) -> [KonCounts] {
        let catalogue = data.dataset.catalogues.avslutsorsaker
        let bands = data.dataset.catalogues.dimensioner.aldersgrupp.codes.count
        var rows = Array(repeating: KonCounts(), count: bands + 1)
        for record in data.deltagare where isCounted(record, catalogue) {
            rows[record.aldersgrupp?.rawValue ?? bands][record.kon] += record.antal
        }
        return rows
    }

    private static func susGroups(_ data: PeriodData) -> [(group: AvslutsorsakCatalogue.SUSGroup, antal: KonCounts)] {
        let catalogue = data.dataset.catalogues.avslutsorsaker
        var counts = Array(repeating: KonCounts(), count: catalogue.susGroups.count)
        for record in data.deltagare where record.status == .avslutad && record.avslutsorsak >= 0 {
            let orsak = catalogue.avslutsorsaker[Int(record.avslutsorsak)]
            guard orsak.counted, let group = catalogue.susGroups.firstIndex(where: { $0.code == orsak.susGroup }) else { continue }
            counts[group][record.kon] += record.antal
        }
        return zip(catalogue.susGroups, counts).map { ($0, $1) }
    }

    /// The förbund's first `exitShare` goal (or the catalogue's defaults): what stegförflyttning means here.
    /// The goal kostnad per stegförflyttning follows: the one marked `"kostnad": true`, else the first
    /// `exitShare` goal.
    static func kostnadGoal(_ goals: GoalFile?) -> GoalFile.Goal? {
        goals?.goals.first { $0.kostnad == true && $0.exitShare != nil } ?? goals?.goals.first { $0.exitShare != nil }
    }

    /// How ``kostnadGoal(_:)`` counts stegförflyttning (its codes and denominator, not its scope: the
    /// tables are per insats for all its deltagare); the catalogue's defaults without such a goal.
    private static func exitMeasure(_ goals: GoalFile?) -> GoalFile.ExitShare {
        kostnadGoal(goals)?.exitShare ?? GoalFile.ExitShare()
    }

    /// The goal the stegförflyttning table (insats × kön) breaks down: the first `exitShare` goal, with its
    /// scope and period, so that the table's totals are exactly that goal's figures per kön and per insats
    /// (the report's protection publishes them as one).
    var stegforflyttningGoal: GoalFile.Goal? { goals.first { $0.goal.exitShare != nil }?.goal }

    private static func stegforflyttning(
        _ data: PeriodData, goals: GoalFile?, evaluator: GoalEvaluator,
        names: [Int32: String]
    ) -> [(insats: Int32, med: KonCounts, avslutade: KonCounts)] {
        let goal = goals?.goals.first { $0.exitShare != nil }
        let measure = goal?.exitShare ?? GoalFile.ExitShare()
        let data = goal?.period.map { PeriodData(dataset: data.dataset, span: $0, forbund: data.forbund) } ?? data
        let scope = ResolvedScope(goal?.scope ?? GoalScope(), dataset: data.dataset)
        let steg = evaluator.stegforflyttning(measure), inDenominator = evaluator.denominator(measure)
        var rows: [Int32: (med: KonCounts, avslutade: KonCounts)] = [:]
        for record in data.deltagare
        where record.status == .avslutad && record.avslutsorsak >= 0 && inDenominator[Int(record.avslutsorsak)]
            && scope.admits(record)
        {
            var row = rows[record.insats] ?? (KonCounts(), KonCounts())
            row.avslutade[record.kon] += record.antal
            if record.stegforflyttning ?? steg[Int(record.avslutsorsak)] { row.med[record.kon] += record.antal }
            rows[record.insats] = row
        }
        return rows.sorted { (names[$0.key] ?? "") < (names[$1.key] ?? "") }.map { ($0.key, $0.value.med, $0.value.avslutade) }
    }

    private static func periods(in dataset: Dataset) -> Set<Period> {
        Set(dataset.deltagare.map(\.period) + dataset.forms.map(\.period))
    }

    private static func trend(dataset: Dataset, period: Period, forbund: Int32?, goals: GoalFile?, evaluator: GoalEvaluator) -> [TrendPoint] {
        let periods = periods(in: dataset).filter { $0.isHalfYear ? $0 <= period || period.contains($0) : $0 == period }.sorted()
        return periods.map { trendPoint($0, dataset: dataset, forbund: forbund, goals: goals, evaluator: evaluator) }
    }

    /// The figures of `period` if the data holds all of it: a halvår's file, or both halvår of a year.
    private static func point(_ period: Period, dataset: Dataset, forbund: Int32?, goals: GoalFile?, evaluator: GoalEvaluator) -> TrendPoint? {
        let present = periods(in: dataset)
        let complete =
            present.contains(period)
            || (!period.isHalfYear && [1, 2].allSatisfy { present.contains(Period(year: period.year, half: $0)) })
        return complete ? trendPoint(period, dataset: dataset, forbund: forbund, goals: goals, evaluator: evaluator) : nil
    }

    private static func trendPoint(_ p: Period, dataset: Dataset, forbund: Int32?, goals: GoalFile?, evaluator: GoalEvaluator) -> TrendPoint {
        let data = PeriodData(dataset: dataset, period: p, forbund: forbund)
        let table = deltagarTabell(data)
        // Each goal over this period (not its own `period`), inside its scope.
        return TrendPoint(
            period: p,
            goals: (goals?.goals ?? []).map { evaluator.evaluate($0, minN: goals!.minN(for: $0), data: data, usingGoalPeriod: false).overall },
            deltagare: table.totalt.total, avslutade: table.avslutade.total)
    }

    private static func isCounted(_ record: DeltagareRecord, _ catalogue: AvslutsorsakCatalogue) -> Bool {
        catalogue.counts(record)
    }

    private static func deltagarTabell(_ data: PeriodData) -> DeltagarTabell {
        let catalogue = data.dataset.catalogues.avslutsorsaker
        var table = DeltagarTabell()
        for record in data.deltagare where isCounted(record, catalogue) {
            if record.status == .pagaende { table.pagaende[record.kon] += record.antal } else { table.avslutade[record.kon] += record.antal }
        }
        if data.nyaRows.contains(where: { $0.ny != nil }) {
            var nya = KonCounts()
            for record in data.nyaRows where record.ny == true && isCounted(record, catalogue) { nya[record.kon] += record.antal }
            table.nya = nya
        }
        return table
    }

    private static func avslutsorsaker(_ data: PeriodData) -> [AvslutsorsakRad] {
        let orsaker = data.dataset.catalogues.avslutsorsaker.avslutsorsaker
        var counts = Array(repeating: KonCounts(), count: orsaker.count)
        for record in data.deltagare where record.status == .avslutad && record.avslutsorsak >= 0 {
            counts[Int(record.avslutsorsak)][record.kon] += record.antal
        }
        return orsaker.indices.filter { orsaker[$0].counted }.map { AvslutsorsakRad(orsak: orsaker[$0], antal: counts[$0]) }
    }

    private static func indikatorer(_ data: PeriodData) -> [IndikatorRad] {
        return respondents(data).flatMap { group in indikatorer(data, respondent: group) }
    }

    /// The indicator rows of one respondent group: its questions, over the forms of its enkäter.
    private static func indikatorer(_ data: PeriodData, respondent: Respondent) -> [IndikatorRad] {
        let catalogue = data.dataset.catalogues.indikatorer
        return catalogue.questions.enumerated().compactMap { q, question in
            guard let scale = catalogue.scale(of: question) else { return nil }
            let enkater = Set(question.enkater.compactMap(catalogue.enkatIndex).filter { catalogue.enkater[$0].group == respondent }.map(Int16.init))
            guard !enkater.isEmpty else { return nil }
            var positive = 0, onScale = 0, sum = 0, vetEj = 0, ejAktuellt = 0, unanswered = 0
            var perValue: [Int: Int] = [:]
            for (i, form) in data.forms.enumerated() where enkater.contains(form.enkat) {
                let answers = data.answers(of: i)
                let a = answers[answers.startIndex + q]
                switch a {
                case Answer.none: unanswered += 1
                case Answer.vetEj: vetEj += 1
                case Answer.ejAktuellt: ejAktuellt += 1
                default:
                    onScale += 1
                    sum += Int(a)
                    perValue[Int(a), default: 0] += 1
                    if Int(a) >= scale.positiveFrom { positive += 1 }
                }
            }
            return IndikatorRad(
                question: question, scale: scale, positive: Share(positive, of: onScale), sum: sum,
                distribution: scale.values.map { ($0, perValue[$0.value] ?? 0) },
                vetEj: vetEj, ejAktuellt: ejAktuellt, unanswered: unanswered, respondent: respondent)
        }
    }

    /// Kostnad per deltagare and per stegförflyttning, for insatser whose register entry has a budget for
    /// the period's year. Stegförflyttningar are counted as ``kostnadGoal(_:)`` defines them (its codes and
    /// denominator), so that they are that goal's numerator per insats when the goal has no scope.
    private static func kostnader(_ data: PeriodData, goals: GoalFile?, evaluator: GoalEvaluator) -> [KostnadRad] {
        guard let register = data.dataset.register else { return [] }
        let steg = evaluator.stegforflyttning(exitMeasure(goals)), inDenominator = evaluator.denominator(exitMeasure(goals))
        let catalogue = data.dataset.catalogues.avslutsorsaker
        // The followed goal's scope too: an insats outside it has no stegförflyttningar by that goal's
        // definition (none, not 0), and inside it only the deltagare the goal counts.
        let scope = kostnadGoal(goals)?.scope.map { ResolvedScope($0, dataset: data.dataset) }
        let followed = scope?.insats.map { Set($0.map(data.name)) }
        var deltagare: [String: Int] = [:], stegforflyttningar: [String: Int] = [:]
        for record in data.deltagare where catalogue.counts(record) {
            let id = data.name(record.insats)
            deltagare[id, default: 0] += record.antal
            if record.status == .avslutad && record.avslutsorsak >= 0 && inDenominator[Int(record.avslutsorsak)]
                && (record.stegforflyttning ?? steg[Int(record.avslutsorsak)]) && scope?.admits(record) ?? true
            {
                stegforflyttningar[id, default: 0] += record.antal
            }
        }
        return register.insatser.compactMap { insats in
            guard insats.typ == .individ, insats.isActive(in: data.period), let budget = insats.budget(for: data.period) else { return nil }
            let isFollowed = followed.map { $0.contains(insats.id) || $0.contains(insats.namn) } ?? true
            return KostnadRad(
                insats: insats.id, namn: insats.namn, budget: budget, deltagare: deltagare[insats.id] ?? 0,
                stegforflyttningar: isFollowed ? stegforflyttningar[insats.id] ?? 0 : nil)
        }
    }
}
