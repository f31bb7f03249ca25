/// A goal's verdict (DOMAIN §5). Below `minN` a share has no verdict ("för få svar"); a goal without a
/// target has none either ("följs upp").
public enum Verdict: String, Sendable, Codable {
    case uppfyllt
    case ejUppfyllt = "ej-uppfyllt"
    case forFaSvar = "for-fa-svar"
    case foljsUpp = "foljs-upp"
    /// No file of the kind the goal counts was sent for its period: no figure, not 0 and ej uppfyllt.
    case ingaUppgifter = "inga-uppgifter"

    /// The sign alone, for a figure in a narrow table: "✓", "✗", or `nil` when there is no verdict.
    var sign: String? {
        switch self {
        case .uppfyllt: "✓"
        case .ejUppfyllt: "✗"
        case .forFaSvar, .foljsUpp, .ingaUppgifter: nil
        }
    }

    /// The verdict as a reader meets it, with a sign that does not depend on colour.
    public var label: String {
        switch self {
        case .uppfyllt: "✓ uppfyllt"
        case .ejUppfyllt: "✗ ej uppfyllt"
        case .forFaSvar: "för få svar"
        case .foljsUpp: "följs upp"
        case .ingaUppgifter: "inga uppgifter"
        }
    }
}

/// An interval of a figure, as fractions (a share's Wilson interval, a change's Newcombe interval).
public struct FigureInterval: Sendable, Hashable {
    var low: Double
    var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }
}

/// One goal's figure for one group (all, one kön, one insats).
///
/// What to show depends on the goal's ``GoalKind``:
/// - share: `share` (numerator, denominator, Wilson interval); `value` is the share.
/// - count: `value` is the count (also `share.numerator`; `share.denominator` is 0), no interval.
/// - change: `value` is the difference current − baseline as a fraction (0.083 for +8 procentenheter),
///   `interval` its Newcombe interval, `baseline` and `current` the two shares; `share` is `current`.
///   The change of a count (`ofCount`): `value` is the difference in counts, no interval, `current` and
///   `baseline` the two counts as counts are held (numerator, denominator 0).
public struct GoalFigure: Sendable, Hashable {
    var share: Share
    public var verdict: Verdict
    /// Survey goals: forms of the enkät(er) that answered none of the goal's questions on the scale.
    var notAnswered: Int
    public var kind: GoalKind = .share
    /// The figure: a share, a count, or a difference; `nil` when nothing was counted.
    public var value: Double?
    /// The 95 % interval of `value`; `nil` for counts and when nothing was counted.
    var interval: FigureInterval?
    /// Change goals: the share in the baseline period, and now.
    var baseline: Share?
    public var current: Share?
    /// Why the verdict claims more than the figure shows, in words: its 95 % interval holds the target (for
    /// a change, or 0), so the truth may lie on either side of it; `nil` when it does not. Set by
    /// ``GoalResult/markingUncertainty()``.
    var uncertaintyText: String?
    /// The verdict is uncertain (`uncertaintyText` says why).
    public var isUncertain: Bool { uncertaintyText != nil }
    /// Whether this is the change of a count: a difference in whole numbers rather than procentenheter.
    public var ofCount = false
    /// A coverage's or a milestone's figure in words, shown instead of the bare number: "8 av 10 kommuner;
    /// saknas: Hofors, Ockelbo", "klar 2017-04-12" (issue #27 item 6).
    public var statusText: String?
    /// A coverage's units not covered, by name, in the register's order.
    public var missing: [String]?

    public init(share: Share, verdict: Verdict, notAnswered: Int) {
        self.share = share
        self.verdict = verdict
        self.notAnswered = notAnswered
        value = share.value
        interval = share.interval.map { FigureInterval(low: $0.low, high: $0.high) }
    }

    /// A count's figure.
    public init(count: Int, verdict: Verdict) {
        self.init(share: Share(count, of: 0), verdict: verdict, notAnswered: 0)
        kind = .count
        value = Double(count)
        interval = nil
    }

    /// A change's figure: `current` against `baseline`.
    public init(current: Share, baseline: Share, verdict: Verdict, notAnswered: Int) {
        self.init(share: current, verdict: verdict, notAnswered: notAnswered)
        kind = .change
        self.current = current
        self.baseline = baseline
        if let now = current.value, let before = baseline.value {
            value = now - before
        } else {
            value = nil
        }
        interval = NewcombeInterval(current.numerator, of: current.denominator, minus: baseline.numerator, of: baseline.denominator)
            .map { FigureInterval(low: $0.low, high: $0.high) }
    }

    /// The change of a count: `now` against `before`, the difference in whole numbers. No interval: a count
    /// of everyone in scope is no sample.
    public init(count now: Int, baseline before: Int, verdict: Verdict) {
        self.init(share: Share(now, of: 0), verdict: verdict, notAnswered: 0)
        kind = .change
        ofCount = true
        current = Share(now, of: 0)
        baseline = Share(before, of: 0)
        value = Double(now - before)
        interval = nil
    }

    /// The change of a count, `now − before`; `nil` for any other figure.
    public var countDifference: Int? {
        guard ofCount, let current, let baseline else { return nil }
        return current.numerator - baseline.numerator
    }

    /// The change in whole procentenheter, rounded half away from zero in integer arithmetic: +8 for
    /// 56/70 − 48/80 (0.2); `nil` when either share is empty.
    var changePoints: Int? {
        guard let current, let baseline, current.denominator > 0, baseline.denominator > 0 else { return nil }
        let num = 100 * (current.numerator * baseline.denominator - baseline.numerator * current.denominator)
        let den = current.denominator * baseline.denominator
        return num >= 0 ? (2 * num + den) / (2 * den) : -((2 * -num + den) / (2 * den))
    }
}

extension GoalFigure {
    /// The figure as a reader sees it, before any protection: "42 %", "22", "+8 procentenheter"; "–" when
    /// nothing was counted.
    var valueText: String {
        if let statusText { return statusText }
        return switch kind {
        case .share: SwedishFormat.percent(share)
        case .count: value.map { SwedishFormat.integer(Int($0)) } ?? "–"
        case .change:
            if let difference = countDifference {
                GoalFigure.signed(difference)
            } else {
                changePoints.map(GoalFigure.pointsText) ?? "–"
            }
        }
    }

    /// The figure where a line is short (a chart's, 420 px wide): a coverage's or milestone's text without
    /// the units missing or the kansli's note ("4 av 5 organisationer", "klar 2017-04-21"), which the goal table
    /// and the chart's description give; else ``valueText``.
    var chartText: String {
        guard let statusText else { return valueText }
        return String(statusText.prefix { $0 != ";" && $0 != "(" }).trimmingCharacters(in: .whitespaces)
    }

    /// The 95 % interval as a reader sees it: "28–58 %", "+5 till +33 procentenheter"; `nil` for a count or
    /// when nothing was counted.
    var intervalText: String? {
        guard let interval else { return nil }
        func points(_ x: Double) -> Int { Int((x * 100).rounded(.toNearestOrAwayFromZero)) }
        switch kind {
        case .share: return SwedishFormat.interval(share)
        case .count: return nil
        case .change: return "\(GoalFigure.signed(points(interval.low))) till \(GoalFigure.signed(points(interval.high))) procentenheter"
        }
    }

    /// The verdict as a reader meets it, and when the interval holds the target, that it is uncertain:
    /// "✓ uppfyllt (osäkert: intervallet rymmer målvärdet)".
    var verdictText: String {
        guard let uncertainty = uncertaintyText else { return verdict.label }
        return "\(verdict.label) (\(uncertainty))"
    }

    /// "+8", "−3", "0".
    static func signed(_ points: Int) -> String { points > 0 ? "+\(points)" : points < 0 ? "−\(-points)" : "0" }

    /// "+8 procentenheter", "−1 procentenhet": the unit agrees with the number, as a reader says it.
    static func pointsText(_ points: Int) -> String { "\(signed(points)) \(points == 1 || points == -1 ? "procentenhet" : "procentenheter")" }
}

/// A goal evaluated for one period: overall, per kön and per insats, with what a report says about it in
/// words (all Swedish, no codes).
public struct GoalResult: Sendable {
    public var goal: GoalFile.Goal
    var minN: Int
    public var overall: GoalFigure
    /// Kvinna, man, annat in that order; then `nil` (kön not given) when some forms lack it.
    public var perKon: [(kon: Kon?, figure: GoalFigure)]
    /// Per insats id, sorted by name.
    var perInsats: [(insats: Int32, figure: GoalFigure)]
    /// The periods the figure is computed over (the goal's `period`, else the report's).
    var span: PeriodSpan
    /// Change goals: the baseline periods.
    var baselineSpan: PeriodSpan?
    /// Who is counted, in words: "Kvinnor, unga 16–29 år, i READY". "Alla deltagare" without a scope.
    var scopeText: String

    /// Share, count or change.
    public var kind: GoalKind { goal.kind }

    /// The result with every figure that has a verdict marked uncertain where its interval holds a bound of
    /// the target (a change's also where it holds 0): "+3 procentenheter, −11 till +17, uppfyllt" is not
    /// evidence of a rise. Counts have no interval and are never uncertain.
    ///
    /// - Returns: the same result, `isUncertain` set on `overall`, `perKon` and `perInsats`.
    func markingUncertainty() -> GoalResult {
        let bounds = [goal.goalTarget?.min, goal.goalTarget?.max].compactMap { $0 }
        func mark(_ figure: GoalFigure) -> GoalFigure {
            var figure = figure
            guard figure.verdict == .uppfyllt || figure.verdict == .ejUppfyllt, let interval = figure.interval else { return figure }
            func holds(_ x: Double) -> Bool { interval.low <= x && x <= interval.high }
            if kind == .change, holds(0) {
                figure.uncertaintyText = "osäkert: intervallet rymmer även 0, dvs. ingen förändring"
            } else if bounds.contains(where: holds) {
                figure.uncertaintyText = "osäkert: intervallet rymmer målvärdet"
            }
            return figure
        }
        var result = self
        result.overall = mark(overall)
        result.perKon = perKon.map { (kon: $0.kon, figure: mark($0.figure)) }
        result.perInsats = perInsats.map { (insats: $0.insats, figure: mark($0.figure)) }
        return result
    }
    /// The title for tables and charts where space is short (`shortTitle`, else `title`).
    var displayTitle: String { goal.displayTitle }
    /// The target as written: "minst 80 %", "20–25", "högst 10 %", "ska öka", "följs upp".
    var targetText: String { goal.targetText }
    /// The period in words: "juli–december 2023", "juli 2022–december 2023"; for a change goal
    /// "juli–december 2023 jämfört med juli–december 2022".
    var periodText: String {
        baselineSpan.map { "\(span.words) jämfört med \($0.words)" } ?? span.words
    }
}
