/// Computes goal fulfilment (DOMAIN §5): which deltagare or forms are in scope, over which periods, which
/// of them count, and the verdict. The one place where the goal rules live.
public struct GoalEvaluator: Sendable {
    public let catalogues: Catalogues

    public init(catalogues: Catalogues) {
        self.catalogues = catalogues
    }

    private struct Tally {
        var positive = 0, counted = 0, notAnswered = 0
    }

    private struct Tallies {
        var overall = Tally()
        var perKon: [Kon?: Tally] = [:]
        var perInsats: [Int32: Tally] = [:]

        mutating func add(positive: Int, counted: Int, notAnswered: Int = 0, kon: Kon?, insats: Int32) {
            func bump(_ t: inout Tally) {
                t.positive += positive
                t.counted += counted
                t.notAnswered += notAnswered
            }
            bump(&overall)
            bump(&perKon[kon, default: Tally()])
            bump(&perInsats[insats, default: Tally()])
        }
    }

    /// Evaluates one goal.
    ///
    ///     let data = PeriodData(dataset: dataset, period: Period("2023H2")!, forbund: nil)
    ///     let result = GoalEvaluator(catalogues: .builtIn).evaluate(goal, minN: 5, data: data)
    ///     result.overall.verdict  // .uppfyllt
    ///
    /// - Parameters:
    ///   - data: the report's period; the goal's own `period`, if it has one, is read from the same dataset
    ///     and förbund unless `usingGoalPeriod` is false (trends, which evaluate the goal each halvår).
    /// - Returns: the figure overall, per kön and per insats, computed inside the goal's scope.
    func evaluate(_ goal: GoalFile.Goal, minN: Int, data: PeriodData, usingGoalPeriod: Bool = true) -> GoalResult {
        let current = usingGoalPeriod ? goal.period.map { PeriodData(dataset: data.dataset, span: $0, forbund: data.forbund) } ?? data : data
        let scope = ResolvedScope(goal.scope ?? GoalScope(), dataset: data.dataset)
        // All three kön always (a kön outside the scope has an empty row), as the report's tables expect.
        let konOrder: [Kon?] = Kon.allCases + [nil]
        let names = { (id: Int32) in data.dataset.register?.insats(named: data.name(id))?.namn ?? data.name(id) }

        func assemble(_ figure: (Tally, Bool) -> GoalFigure, _ tallies: Tallies, keys: Tallies? = nil) -> (
            GoalFigure, [(Kon?, GoalFigure)], [(Int32, GoalFigure)]
        ) {
            let konKeys = Set(tallies.perKon.keys).union(keys?.perKon.keys ?? [:].keys)
            let insatsKeys = Set(tallies.perInsats.keys).union(keys?.perInsats.keys ?? [:].keys)
            return (
                figure(tallies.overall, true),
                konOrder.filter { $0 != nil || konKeys.contains($0) }
                    .map { ($0, figure(tallies.perKon[$0] ?? Tally(), false)) },
                insatsKeys.sorted { names($0) < names($1) }.map { ($0, figure(tallies.perInsats[$0] ?? Tally(), false)) }
            )
        }

        var overall: GoalFigure, perKon: [(Kon?, GoalFigure)], perInsats: [(Int32, GoalFigure)]
        var baselineSpan: PeriodSpan?
        switch goal.measure {
        case .exitShare, .surveyShare, .deltagarShare, .uppfoljningShare:
            let tallies = shareTallies(goal.measure, scope: scope, data: current)
            (overall, perKon, perInsats) = assemble(
                { t, _ in
                    GoalFigure(
                        share: Share(t.positive, of: t.counted), verdict: verdict(goal.goalTarget, positive: t.positive, of: t.counted, minN: minN),
                        notAnswered: t.notAnswered)
                }, tallies)
        case .count(let measure):
            let tallies = countTallies(measure, scope: scope, data: current)
            (overall, perKon, perInsats) = assemble(
                { t, isOverall in
                    // A count's target is the whole's: a part of it (one kön, one insats) is shown without a verdict.
                    let verdict: Verdict =
                        !isOverall || goal.goalTarget == nil
                        ? .foljsUpp
                        : goal.goalTarget!.isMet(numerator: t.counted, denominator: 1) ? .uppfyllt : .ejUppfyllt
                    return GoalFigure(count: t.counted, verdict: verdict)
                }, tallies)
            // Occasions have no kön: only the people who took part are split by it.
            if measure.of == .tillfallen { perKon = [] }
        case .coverage(let measure):
            (overall, perKon, perInsats) = (coverage(goal, measure, scope: scope, data: current), [], [])
        case .milestone(let measure):
            (overall, perKon, perInsats) = (milestone(measure, span: current.span, register: data.dataset.register), [], [])
        case .change(let measure) where measure.of.kind == .count:
            baselineSpan = measure.baseline
            (overall, perKon, perInsats) = countChange(goal, measure, scope: scope, now: current, assemble: assemble)
        case .change(let measure):
            baselineSpan = measure.baseline
            let before = PeriodData(dataset: data.dataset, span: measure.baseline, forbund: data.forbund)
            let now = shareTallies(measure.of, scope: scope, data: current)
            let then = shareTallies(measure.of, scope: scope, data: before)
            func figure(_ t: Tally, _ isOverall: Bool) -> GoalFigure {
                GoalFigure(share: Share(t.positive, of: t.counted), verdict: .foljsUpp, notAnswered: t.notAnswered)
            }
            var (o, k, i) = assemble(figure, now, keys: then)
            let (bo, bk, bi) = assemble(figure, then, keys: now)
            func change(_ a: GoalFigure, _ b: GoalFigure) -> GoalFigure {
                GoalFigure(
                    current: a.share, baseline: b.share,
                    verdict: changeVerdict(goal.goalTarget, current: a.share, baseline: b.share, minN: minN), notAnswered: a.notAnswered)
            }
            o = change(o, bo)
            k = zip(k, bk).map { ($0.0, change($0.1, $1.1)) }
            i = zip(i, bi).map { ($0.0, change($0.1, $1.1)) }
            (overall, perKon, perInsats) = (o, k, i)
        }
        // No file of the kind the goal counts was sent for its period (Gävleborg's aktiviteter of 2016, a
        // store whose staff survey never came): no figure to judge, not 0 and ej uppfyllt.
        // (A coverage or milestone without the register already says that it needs one.)
        let needsRegister: Bool
        switch goal.measure {
        case .coverage, .milestone: needsRegister = data.dataset.register == nil
        default: needsRegister = false
        }
        if !needsRegister && !hasData(for: goal, data: data, usingGoalPeriod: usingGoalPeriod) {
            overall.verdict = .ingaUppgifter
            overall.statusText = "–"
        }
        return GoalResult(
            goal: goal, minN: minN, overall: overall, perKon: perKon.map { (kon: $0.0, figure: $0.1) },
            perInsats: perInsats.map { (insats: $0.0, figure: $0.1) }, span: current.span, baselineSpan: baselineSpan,
            scopeText: scopeText(goal, dataset: data.dataset)
        ).markingUncertainty()
    }

    /// The change of a count (DOMAIN §5, "öka antalet …"): the count over the goal's period against the
    /// count over its baseline, overall, per kön and per insats. Only the whole has a verdict, as for a count:
    /// the target is the least rise, `0` ("ska öka") needing a rise of at least one.
    ///
    /// - Returns: the figures overall, per kön (none for occasions, which have no kön) and per insats.
    private func countChange(
        _ goal: GoalFile.Goal, _ measure: GoalMeasure.Change, scope: ResolvedScope, now: PeriodData,
        assemble: ((Tally, Bool) -> GoalFigure, Tallies, Tallies?) -> (GoalFigure, [(Kon?, GoalFigure)], [(Int32, GoalFigure)])
    ) -> (GoalFigure, [(Kon?, GoalFigure)], [(Int32, GoalFigure)]) {
        guard case .count(let count) = measure.of else { preconditionFailure("a change of a count") }
        let before = PeriodData(dataset: now.dataset, span: measure.baseline, forbund: now.forbund)
        let nowTallies = countTallies(count, scope: scope, data: now), thenTallies = countTallies(count, scope: scope, data: before)
        let plain = { (t: Tally, _: Bool) in GoalFigure(count: t.counted, verdict: .foljsUpp) }
        let (o, k, i) = assemble(plain, nowTallies, thenTallies)
        let (bo, bk, bi) = assemble(plain, thenTallies, nowTallies)
        func change(_ a: GoalFigure, _ b: GoalFigure, isOverall: Bool) -> GoalFigure {
            let difference = a.share.numerator - b.share.numerator
            var verdict = Verdict.foljsUpp
            if isOverall, let target = goal.goalTarget {
                let met = target == .atLeast(0) ? difference > 0 : target.isMet(numerator: difference, denominator: 1)
                verdict = met ? .uppfyllt : .ejUppfyllt
            }
            return GoalFigure(count: a.share.numerator, baseline: b.share.numerator, verdict: verdict)
        }
        let perKon = count.of == .tillfallen ? [] : zip(k, bk).map { ($0.0, change($0.1, $1.1, isOverall: false)) }
        return (change(o, bo, isOverall: true), perKon, zip(i, bi).map { ($0.0, change($0.1, $1.1, isOverall: false)) })
    }

    /// The verdict of a share: för få svar below `minN`, följs upp without a target.
    private func verdict(_ target: GoalTarget?, positive: Int, of counted: Int, minN: Int) -> Verdict {
        if counted < minN || counted == 0 { return .forFaSvar }
        guard let target else { return .foljsUpp }
        return target.isMet(numerator: positive, denominator: counted) ? .uppfyllt : .ejUppfyllt
    }

    /// The verdict of a change, compared exactly: (a/b − c/d) against the target. A target of 0 ("ska öka")
    /// needs a rise; equal shares do not meet it.
    private func changeVerdict(_ target: GoalTarget?, current: Share, baseline: Share, minN: Int) -> Verdict {
        let n = min(current.denominator, baseline.denominator)
        if n < minN || n == 0 { return .forFaSvar }
        guard let target else { return .foljsUpp }
        let numerator = current.numerator * baseline.denominator - baseline.numerator * current.denominator
        let denominator = current.denominator * baseline.denominator
        if case .atLeast(0) = target { return numerator > 0 ? .uppfyllt : .ejUppfyllt }
        return target.isMet(numerator: numerator, denominator: denominator) ? .uppfyllt : .ejUppfyllt
    }

    private func isCounted(_ record: DeltagareRecord) -> Bool {
        catalogues.avslutsorsaker.counts(record)
    }

    /// Positive and counted per group for a share measure.
    private func shareTallies(_ measure: GoalMeasure, scope: ResolvedScope, data: PeriodData) -> Tallies {
        var tallies = Tallies()
        switch measure {
        case .exitShare(let measure):
            let steg = stegforflyttning(measure), inDenominator = denominator(measure)
            for record in data.deltagare where record.status == .avslutad && record.avslutsorsak >= 0 && scope.admits(record) {
                let orsak = Int(record.avslutsorsak)
                guard inDenominator[orsak] else { continue }
                let positive = record.stegforflyttning ?? steg[orsak]
                tallies.add(positive: positive ? record.antal : 0, counted: record.antal, kon: record.kon, insats: record.insats)
            }
        case .surveyShare(let measure):
            let indicators = catalogues.indikatorer
            let enkater = Set(measure.enkat.compactMap { indicators.enkatIndex($0) }.map(Int16.init))
            let questions = measure.questions.compactMap { indicators.questionIndex($0) }
            for (i, form) in data.forms.enumerated() where enkater.contains(form.enkat) && scope.admits(form) {
                let answers = data.answers(of: i)
                let values = questions.compactMap { q -> Double? in
                    let a = answers[answers.startIndex + q]
                    return a >= 0 ? Double(a) : nil
                }
                guard !values.isEmpty else {
                    tallies.add(positive: 0, counted: 0, notAnswered: 1, kon: form.kon, insats: form.insats)
                    continue
                }
                let positive: Bool
                switch measure.combine {
                case .all: positive = values.allSatisfy { $0 >= measure.positiveFrom }
                case .any: positive = values.contains { $0 >= measure.positiveFrom }
                case .mean: positive = values.reduce(0, +) >= measure.positiveFrom * Double(values.count)
                }
                tallies.add(positive: positive ? 1 : 0, counted: 1, kon: form.kon, insats: form.insats)
            }
        case .deltagarShare(let measure):
            let matching = ResolvedScope(measure.matching, dataset: data.dataset)
            for record in deltagare(measure.of, data: data) where scope.admits(record) {
                tallies.add(positive: matching.admits(record) ? record.antal : 0, counted: record.antal, kon: record.kon, insats: record.insats)
            }
        case .uppfoljningShare(let measure):
            // Each row is antal deltagare followed up once at its number of months: positive when their
            // försörjning then is one of the listed codes.
            let dimensions = catalogues.dimensioner
            guard let slot = dimensions.slot(of: ColumnLayout.uppfoljningStatus) else { break }
            let positive = Set(measure.positive.flatMap { dimensions.extra[slot].indexes($0) ?? [] })
            for record in data.uppfoljningar where record.manader == measure.manader && scope.admits(record) {
                let isPositive = record.dimensions[slot].map(positive.contains) ?? false
                tallies.add(positive: isPositive ? record.antal : 0, counted: record.antal, kon: record.kon, insats: record.insats)
            }
        case .count, .change, .coverage, .milestone:
            break  // not shares: the goal file's check refuses them here
        }
        return tallies
    }

    /// The deltagare rows of a population, each deltagare once, felregistreringar left out.
    private func deltagare(_ population: GoalMeasure.Population, data: PeriodData) -> [DeltagareRecord] {
        switch population {
        case .alla: data.deltagare.filter(isCounted)
        case .nya: data.nyaRows.filter { $0.ny == true && isCounted($0) }
        case .avslutade, .stegforflyttning: data.deltagare.filter { $0.status == .avslutad && isCounted($0) }
        case .formular, .tillfallen, .deltagande: []
        }
    }

    /// The count per group (in `counted`).
    private func countTallies(_ measure: GoalMeasure.Count, scope: ResolvedScope, data: PeriodData) -> Tallies {
        var tallies = Tallies()
        switch measure.of {
        case .formular:
            let enkater = Set((measure.enkat ?? []).compactMap { catalogues.indikatorer.enkatIndex($0) }.map(Int16.init))
            for form in data.forms where enkater.contains(form.enkat) && scope.admits(form) {
                tallies.add(positive: 1, counted: 1, kon: form.kon, insats: form.insats)
            }
        case .stegforflyttning:
            let steg = stegforflyttning(GoalMeasure.ExitShare(stegforflyttning: measure.stegforflyttning))
            for record in deltagare(.avslutade, data: data) where scope.admits(record) && (record.stegforflyttning ?? steg[Int(record.avslutsorsak)])
            {
                tallies.add(positive: record.antal, counted: record.antal, kon: record.kon, insats: record.insats)
            }
        case .alla, .nya, .avslutade:
            for record in deltagare(measure.of, data: data) where scope.admits(record) {
                tallies.add(positive: record.antal, counted: record.antal, kon: record.kon, insats: record.insats)
            }
        case .tillfallen, .deltagande:
            let wanted = Set((measure.aktivitet ?? []).compactMap { catalogues.aktiviteter.index(of: $0) }.map(Int16.init))
            for activity in data.aktiviteter where (measure.aktivitet == nil || wanted.contains(activity.aktivitet)) && scope.admits(activity) {
                let n = measure.of == .tillfallen ? activity.tillfallen : activity.deltagande ?? 0
                tallies.add(positive: n, counted: n, kon: activity.kon, insats: activity.insats)
            }
        }
        return tallies
    }

    /// Per catalogue orsak: whether it is a stegförflyttning under this measure.
    func stegforflyttning(_ measure: GoalFile.ExitShare) -> [Bool] {
        catalogues.avslutsorsaker.avslutsorsaker.map { Self.isStegforflyttning($0, under: measure) }
    }

    /// Whether `orsak` is a stegförflyttning under `measure`: the goal's list if it has one, else the
    /// catalogue's default.
    static func isStegforflyttning(_ orsak: AvslutsorsakCatalogue.Orsak, under measure: GoalFile.ExitShare) -> Bool {
        measure.stegforflyttning.map { $0.contains(orsak.code) } ?? orsak.stegforflyttning
    }

    /// Whether `orsak` belongs in the denominator under `measure` (never a felregistrering).
    static func isInDenominator(_ orsak: AvslutsorsakCatalogue.Orsak, under measure: GoalFile.ExitShare) -> Bool {
        orsak.counted && (measure.excludeFromDenominator.map { !$0.contains(orsak.code) } ?? orsak.inDenominator)
    }

    /// Per catalogue orsak: whether it belongs in the denominator under this measure (never a felregistrering).
    func denominator(_ measure: GoalFile.ExitShare) -> [Bool] {
        catalogues.avslutsorsaker.avslutsorsaker.map { Self.isInDenominator($0, under: measure) }
    }

    /// Who a follow-up goal counts, in words: "Uppföljda 6 månader efter avslut"; `nil` for other measures.
    static func followUpText(_ measure: GoalMeasure) -> String? {
        guard case .uppfoljningShare(let m) = measure else { return nil }
        return "Uppföljda \(m.manader) månader efter avslut"
    }

    /// Who a goal counts, in words: "Kvinnor, unga 16–29 år, nya under perioden, i READY".
    func scopeText(_ goal: GoalFile.Goal, dataset: Dataset?) -> String {
        let forms = goal.measure.countsForms
        // Activities, coverages, milestones and follow-ups say what they count before the scope does.
        let counted =
            activityText(goal.measure) ?? verksamhetText(goal.measure, register: dataset?.register) ?? Self.followUpText(goal.measure)
        guard let scope = goal.scope, !scope.isEmpty else { return counted ?? (forms ? "Alla svarande" : "Alla deltagare") }
        var parts: [String] = counted.map { [$0] } ?? []
        if let kon = scope.kon {
            let words = Kon.allCases.filter { k in kon.contains { Kon.vocabulary.lookup($0) == k } }
                .map { ["kvinnor", "män", "annat kön"][$0.rawValue] }
            parts.append(Vocabulary<Int>.list(words))
        }
        let dimensions = dataset?.catalogues.dimensioner ?? catalogues.dimensioner
        if let alder = scope.aldersgrupp {
            let folds = dimensions.aldersgrupp.folds ?? []
            parts.append(
                Vocabulary<Int>.list(
                    alder.map { code in
                        folds.first { TextFolding.fold($0.id) == TextFolding.fold(code) }?.label.lowercased()
                            ?? code.replacingOccurrences(of: "-", with: "–") + " år"
                    }))
        }
        for (key, codes) in scope.dimensions.sorted(by: { $0.key < $1.key }) {
            guard let slot = dimensions.slot(of: key) else { continue }
            let dimension = dimensions.extra[slot]
            let labels = codes.map { code in
                dimension.indexes(code).flatMap { $0.count == 1 ? dimension.codes[$0[0]].label : nil }
                    ?? (dimension.folds ?? []).first { TextFolding.fold($0.id) == TextFolding.fold(code) }?.label ?? code
            }
            parts.append("\(dimension.label.lowercased()) \(Vocabulary<Int>.list(labels.map { $0.lowercased() }))")
        }
        if let ny = scope.ny {
            let values = Set(ny.compactMap { JaNej.vocabulary.lookup($0) })
            if values.count == 1 { parts.append(values.contains(true) ? "nya under perioden" : "inskrivna före perioden") }
        }
        if let insats = scope.insats {
            parts.append("i " + Vocabulary<Int>.list(insats.map { dataset?.register?.insats(named: $0)?.namn ?? $0 }))
        }
        let text = parts.joined(separator: ", ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}

/// A ``GoalScope`` turned into sets of ids, kön and åldersgrupper, asked once per row.
struct ResolvedScope {
    var insats: Set<Int32>?
    var kon: Set<Kon>?
    var alder: Set<Aldersgrupp>?
    var ny: Set<Bool>?
    /// Per dimension slot named: the code indexes admitted.
    var dimensions: [(slot: Int, codes: Set<Int>)] = []

    init(_ scope: GoalScope, dataset: Dataset) {
        if let wanted = scope.insats {
            let folded = Set(wanted.map(TextFolding.fold))
            let ids = Set(
                dataset.deltagare.map(\.insats) + dataset.forms.map(\.insats) + dataset.aktiviteter.map(\.insats)
                    + dataset.uppfoljningar.map(\.insats))
            insats = ids.filter { id in
                let name = dataset.name(id)
                if folded.contains(TextFolding.fold(name)) { return true }
                guard let entry = dataset.register?.insats(named: name) else { return false }
                return folded.contains(TextFolding.fold(entry.id)) || folded.contains(TextFolding.fold(entry.namn))
            }
        }
        kon = scope.kon.map { Set($0.compactMap { Kon.vocabulary.lookup($0) }) }
        let catalogue = dataset.catalogues.dimensioner
        alder = scope.aldersgrupp.map { Set($0.flatMap { catalogue.aldersgrupp.indexes($0) ?? [] }.map(Aldersgrupp.init(rawValue:))) }
        for (key, codes) in scope.dimensions.sorted(by: { $0.key < $1.key }) {
            // An unknown key is refused when the goal file is loaded; should one get here, it admits no one.
            let slot = catalogue.slot(of: key) ?? -1
            dimensions.append((slot, slot < 0 ? [] : Set(codes.flatMap { catalogue.extra[slot].indexes($0) ?? [] })))
        }
        ny = scope.ny.map { Set($0.compactMap { JaNej.vocabulary.lookup($0) }) }
    }

    func admits(_ record: DeltagareRecord) -> Bool {
        if let insats, !insats.contains(record.insats) { return false }
        if let kon, !kon.contains(record.kon) { return false }
        if let alder { guard let a = record.aldersgrupp, alder.contains(a) else { return false } }
        if let ny { guard let n = record.ny, ny.contains(n) else { return false } }
        return Self.admits(record.dimensions, dimensions)
    }

    /// An activity has förbund, insats and period, and kön only for the deltagande it splits by kön; a scope
    /// on åldersgrupp or ny admits none (the goal file's check refuses them).
    func admits(_ activity: AktivitetRecord) -> Bool {
        if let insats, !insats.contains(activity.insats) { return false }
        if let kon { guard let k = activity.kon, kon.contains(k) else { return false } }
        return alder == nil && ny == nil
    }

    /// A follow-up has no `ny` (the goal file's check refuses it); the rest is asked as of a deltagare row.
    func admits(_ followUp: UppfoljningRecord) -> Bool {
        if let insats, !insats.contains(followUp.insats) { return false }
        if let kon, !kon.contains(followUp.kon) { return false }
        if let alder { guard let a = followUp.aldersgrupp, alder.contains(a) else { return false } }
        return ny == nil && Self.admits(followUp.dimensions, dimensions)
    }

    /// A form has no `ny` (the goal file's check refuses it); its background dimensions are asked as a
    /// deltagare row's are, so a survey goal may follow a background group.
    func admits(_ form: SurveyForm) -> Bool {
        if let insats, !insats.contains(form.insats) { return false }
        if let kon { guard let k = form.kon, kon.contains(k) else { return false } }
        if let alder { guard let a = form.aldersgrupp, alder.contains(a) else { return false } }
        return ny == nil && Self.admits(form.dimensions, dimensions)
    }

    /// Whether `codes` has, in every named slot, one of the admitted codes.
    private static func admits(_ codes: DimensionCodes, _ dimensions: [(slot: Int, codes: Set<Int>)]) -> Bool {
        for (slot, admitted) in dimensions {
            guard slot >= 0, let code = codes[slot], admitted.contains(code) else { return false }
        }
        return true
    }
}
