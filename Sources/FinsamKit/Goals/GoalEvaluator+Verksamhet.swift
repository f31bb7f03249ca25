/// Coverage and milestone goals (issue #27 item 6): which of the register's kommuner or organisations had
/// activities, and whether the kansli's milestone was done in time. Both are whole numbers with a verdict on
/// the whole and a text saying what is behind it (the units missing; the day it was done).
extension GoalEvaluator {
    /// The kommuner (or organisations) covered by the activities in `data` inside `scope`.
    ///
    /// Hand-computed example (SampleData/gavleborg, Trisam-utbildning 2017): of the register's ten kommuner,
    /// the rows name eight, so the figure is 8, "ej uppfyllt", and the text names the two missing.
    ///
    /// - Returns: the number of units covered, its verdict (every unit, or at least the target's number), and
    ///   `statusText` "8 av 10 kommuner; saknas: Hofors, Ockelbo"; "följs upp" when the register lists no unit
    ///   or there is no register.
    /// - Complexity: one pass over the period's activities.
    func coverage(_ goal: GoalFile.Goal, _ measure: GoalMeasure.Coverage, scope: ResolvedScope, data: PeriodData) -> GoalFigure {
        guard let register = data.dataset.register else { return Self.needsRegister }
        let units = register.coverageUnits(measure)
        let wanted = Set((measure.aktivitet ?? []).compactMap { catalogues.aktiviteter.index(of: $0) }.map(Int16.init))
        var tillfallen: [String: Int] = [:]
        for activity in data.aktiviteter where (measure.aktivitet == nil || wanted.contains(activity.aktivitet)) && scope.admits(activity) {
            guard let id = measure.of == .kommun ? activity.kommun : activity.organisation else { continue }
            tillfallen[TextFolding.fold(data.name(id)), default: 0] += activity.tillfallen
        }
        let minimum = measure.minimum ?? 1
        let missing = units.filter { tillfallen[TextFolding.fold($0.id), default: 0] < minimum }.map(\.namn)
        let covered = units.count - missing.count
        let verdict: Verdict
        if units.isEmpty {
            verdict = .foljsUpp
        } else if let target = goal.goalTarget {
            verdict = target.isMet(numerator: covered, denominator: 1) ? .uppfyllt : .ejUppfyllt
        } else {
            verdict = missing.isEmpty ? .uppfyllt : .ejUppfyllt
        }
        var figure = GoalFigure(count: covered, verdict: verdict)
        let word = measure.of == .kommun ? "kommuner" : "organisationer"
        figure.statusText = "\(covered) av \(units.count) \(word)" + (missing.isEmpty ? "" : "; saknas: " + Self.inWords(missing))
        figure.missing = missing
        return figure
    }

    /// The kansli's milestone as of the last day of `span`: done by then (uppfyllt), done later, or not done.
    ///
    /// - Returns: 1 when done by the end of the span, else 0; the verdict; `statusText` "klar 2017-04-12" or
    ///   "inte klar", with the kansli's note after it.
    func milestone(_ measure: GoalMeasure.Milestone, span: PeriodSpan, register: Register?) -> GoalFigure {
        guard let register else { return Self.needsRegister }
        guard let milstolpe = register.milstolpe(measure.milstolpe) else {
            // The goal file's check against the register refuses this before a report is made.
            var figure = GoalFigure(count: 0, verdict: .foljsUpp)
            figure.statusText = "milstolpen \"\(measure.milstolpe)\" finns inte i registret"
            return figure
        }
        let end = span.last.lastDay
        let done = milstolpe.klarDag.map { $0 <= end } ?? false
        var figure = GoalFigure(count: done ? 1 : 0, verdict: done ? .uppfyllt : .ejUppfyllt)
        let state = milstolpe.klarDag.map { done ? "klar \($0)" : "klar \($0), efter perioden" } ?? "inte klar"
        figure.statusText = state + (milstolpe.kommentar.map { " (\($0))" } ?? "")
        return figure
    }

    /// "Hofors", "Hofors och Ockelbo", "Hofors, Ockelbo och Gävle".
    static func inWords(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " och " + names.last!
    }

    /// An organisation type as a reader reads it: the register's `typ` is a slug (`lokal-samverkansgrupp`) that
    /// no catalogue gives a label, and ids never reach a styrelse, so its words are shown ("lokal samverkansgrupp").
    static func typeInWords(_ typ: String) -> String {
        typ.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
    }

    /// A coverage or milestone goal in a report without a register: nothing to count against, no verdict.
    static var needsRegister: GoalFigure {
        var figure = GoalFigure(count: 0, verdict: .foljsUpp)
        figure.statusText = "uppgift saknas: kräver förbundets register (--register)"
        return figure
    }

    /// What a coverage or milestone goal is about, in words ("Kommuner med utbildning", "Milstolpe:
    /// Beredningsgrupp av tjänstemän etablerad"), or `nil` for any other measure.
    func verksamhetText(_ measure: GoalMeasure, register: Register?) -> String? {
        switch measure {
        case .coverage(let m):
            let labels = (m.aktivitet ?? []).map { code in catalogues.aktiviteter.aktiviteter.first { $0.code == code }?.label ?? code }
            let units =
                m.of == .kommun ? "Kommuner" : m.organisationstyp.map { "Organisationer av typen \(Self.typeInWords($0))" } ?? "Organisationer"
            let times = (m.minimum ?? 1) > 1 ? "minst \(m.minimum!) tillfällen av " : ""
            return "\(units) med \(times)\(Vocabulary<Int>.list(labels.isEmpty ? ["aktiviteter"] : labels).lowercased())"
        case .milestone(let m):
            return "Milstolpe: " + (register?.milstolpe(m.milstolpe)?.text ?? m.milstolpe)
        default:
            return nil
        }
    }
}

extension Period {
    /// The last day of the period: 30 June of an H1, 31 December of an H2 or a helår.
    var lastDay: CalendarDay { CalendarDay(year: year, month: half == 1 ? 6 : 12, day: half == 1 ? 30 : 31)! }
}
