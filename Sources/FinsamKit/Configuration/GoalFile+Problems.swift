/// The checks of a goal file beyond its JSON shape, each at the line and column of the value it is about:
/// codes the catalogues do not know, targets out of range, version 2 keys in a version 1 file.
extension GoalFile {
    /// - Returns: every problem, in file order; empty when the goals can be computed as written.
    public func problems(file: String, catalogues: Catalogues) -> [Problem] {
        var check = GoalCheck(file: file, document: document, catalogues: catalogues)
        check.file(self)
        return check.problems.sorted()
    }

    /// Checks the insatser that scopes name against those that exist: the register's (ids and names) or,
    /// without a register, those in the data. Made once the data is read.
    ///
    /// - Returns: a problem per insats no one knows.
    public func problems(file: String, insatser known: [String]) -> [Problem] {
        let folded = Set(known.map(TextFolding.fold))
        var problems: [Problem] = []
        for (i, goal) in goals.enumerated() {
            var scopes: [(String, GoalScope)] = goal.scope.map { [("goals[\(i)].scope", $0)] } ?? []
            var measure = goal.measure, at = "goals[\(i)].measure"
            while true {
                if case .deltagarShare(let m) = measure { scopes.append(("\(at).where", m.matching)) }
                guard case .change(let c) = measure else { break }
                measure = c.of
                at += ".of"
            }
            for (path, scope) in scopes {
                for (j, name) in (scope.insats ?? []).enumerated() where !folded.contains(TextFolding.fold(name)) {
                    let place = "\(path).insats[\(j)]"
                    problems.append(
                        Problem(
                            file: file, position: document?.value(at: place).position,
                            message:
                                "\(place): väntade en insats (\(Vocabulary<Int>.list(known))), fann \"\(name)\""))
                }
            }
        }
        return problems.sorted()
    }
}

extension GoalFile {
    /// Checks the goals against the report's period: a `change` goal measured over the report's period
    /// needs a baseline before it.
    ///
    /// - Returns: a problem per baseline that does not come before the period it is compared with.
    public func problems(file: String, reportPeriod: Period) -> [Problem] {
        problems(file: file, reportSpan: PeriodSpan(reportPeriod))
    }

    /// Like ``problems(file:reportPeriod:)`` for a report over a run of periods (`2022H2..2023H2`): the
    /// baseline must come before its first halvår.
    ///
    /// - Returns: a problem per baseline that does not come before the span.
    public func problems(file: String, reportSpan report: PeriodSpan) -> [Problem] {
        let reportPeriod = report
        return goals.enumerated().compactMap { i, goal in
            guard goal.period == nil, case .change(let change) = goal.measure, !(change.baseline.last < report.first) else { return nil }
            let path = "goals[\(i)].measure.baseline"
            return Problem(
                file: file, position: document?.value(at: path).position,
                message:
                    "\(path): väntade en period före rapportens (\(reportPeriod)), fann \(change.baseline)")
        }
    }
}

/// Walks a goal file, collecting problems with their places.
struct GoalCheck {
    let file: String
    let document: JSONValue?
    let catalogues: Catalogues
    var problems: [Problem] = []
    var version = 1

    mutating func add(_ path: String, _ message: String, key: Bool = false) {
        let position = document.map { key ? $0.keyPosition(at: path) : $0.value(at: path).position }
        problems.append(Problem(file: file, position: position, message: "\(path): \(message)"))
    }

    mutating func file(_ goals: GoalFile) {
        version = goals.version
        if ![1, 2].contains(goals.version) { add("version", "väntade 1 eller 2, fann \(goals.version)") }
        if let n = goals.minN, n < 1 { add("minN", "väntade ett heltal ≥ 1, fann \(n)") }
        if goals.version < 2, goals.beslut != nil { needsVersion2("beslut") }
        if goals.goals.isEmpty { add("goals", "väntade minst ett mål, fann inga") }
        var seen = Set<String>()
        for (i, goal) in goals.goals.enumerated() {
            let at = "goals[\(i)]"
            if !seen.insert(goal.id).inserted { add("\(at).id", "målet \"\(goal.id)\" finns redan") }
            if goal.id.isEmpty { add("\(at).id", "väntade ett id, fann en tom text") }
            if goal.title.isEmpty { add("\(at).title", "väntade en rubrik, fann en tom text") }
            if let n = goal.minN, n < 1 { add("\(at).minN", "väntade ett heltal ≥ 1, fann \(n)") }
            if goals.version < 2 {
                for (key, used) in [
                    ("shortTitle", goal.shortTitle != nil), ("scope", goal.scope != nil), ("period", goal.period != nil),
                    ("kostnad", goal.kostnad != nil),
                ] where used {
                    needsVersion2("\(at).\(key)")
                }
                if goal.kind != .share || !(goal.measure.type == .exitShare || goal.measure.type == .surveyShare) {
                    add("\(at).measure.type", "måttet \(goal.measure.type.rawValue) finns i version 2: skriv \"version\": 2")
                }
                if let target = goal.goalTarget, case .atLeast = target {
                } else if goal.goalTarget != nil {
                    add("\(at).target", "ett intervall som mål finns i version 2: skriv \"version\": 2")
                }
            }
            target(goal, at: "\(at).target")
            if case .milestone = goal.measure {
                if goal.goalTarget != nil {
                    add("\(at).target", "en milstolpe har inget målvärde: den är klar eller inte; ta bort target", key: true)
                }
                if goal.scope != nil { add("\(at).scope", "en milstolpe räknar ingen: den är klar eller inte; ta bort scope", key: true) }
            }
            checkMeasure(goal.measure, at: "\(at).measure", scopeNy: goal.scope?.ny != nil)
            if let scope = goal.scope { self.scope(scope, at: "\(at).scope") }
            if goal.kostnad == true && goal.exitShare == nil {
                add("\(at).kostnad", "kostnad per stegförflyttning kan bara följa ett mål med måttet exitShare", key: true)
            }
            if case .change(let change) = goal.measure, let period = goal.period, !(change.baseline.last < period.first) {
                add("\(at).measure.baseline", "väntade en period före målets (\(period)), fann \(change.baseline)")
            }
        }
        let marked = goals.goals.indices.filter { goals.goals[$0].kostnad == true }
        if marked.count > 1 {
            add("goals[\(marked[1])].kostnad", "bara ett mål kan ha \"kostnad\": true (även goals[\(marked[0])])", key: true)
        }
    }

    mutating func needsVersion2(_ path: String) {
        add(path, "fältet finns i version 2: skriv \"version\": 2", key: true)
    }

    mutating func target(_ goal: GoalFile.Goal, at path: String) {
        guard let target = goal.goalTarget else { return }
        let bounds = [target.min, target.max].compactMap { $0 }
        switch goal.kind {
        case .share:
            for b in bounds where !(0...1).contains(b) { add(path, "väntade en andel 0–1 (0.8 = 80 %), fann \(GoalCheck.number(b))") }
        case .count:
            for b in bounds where b < 0 || b != b.rounded() || b > GoalTarget.maximumCount {
                add(path, "väntade ett heltal 0–1 000 000 000 000 för ett antal, fann \(GoalCheck.number(b))")
            }
        case .change where goal.measure.isCountChange:
            for b in bounds where b != b.rounded() || abs(b) > GoalTarget.maximumCount {
                add(path, "väntade ett heltal för en förändring av ett antal (0 = ska öka), fann \(GoalCheck.number(b))")
            }
        case .change:
            for b in bounds where !(-1...1).contains(b) {
                add(path, "väntade en skillnad −1–1 (0.05 = 5 procentenheter, 0 = ska öka), fann \(GoalCheck.number(b))")
            }
        }
        if let a = target.min, let b = target.max, a > b { add(path, "väntade min ≤ max, fann \(GoalCheck.number(a)) > \(GoalCheck.number(b))") }
    }

    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }

    mutating func codes(_ list: [String]?, at path: String, valid: [String], what: String) {
        for (j, code) in (list ?? []).enumerated() where !valid.contains(code) {
            add("\(path)[\(j)]", "väntade \(what) (\(Vocabulary<Int>.list(valid))), fann \"\(code)\"")
        }
    }

    mutating func enkater(_ list: [String], at path: String) {
        let valid = catalogues.indikatorer.enkater.map(\.id)
        for (j, enkat) in list.enumerated() where catalogues.indikatorer.enkatIndex(enkat) == nil {
            add("\(path)[\(j)]", "väntade \(Vocabulary<Int>.list(valid)), fann \"\(enkat)\"")
        }
    }

    mutating func checkMeasure(_ measure: GoalMeasure, at path: String, scopeNy: Bool) {
        let orsaker = catalogues.avslutsorsaker.avslutsorsaker.map(\.code)
        switch measure {
        case .exitShare(let m):
            codes(m.stegforflyttning, at: "\(path).stegforflyttning", valid: orsaker, what: "en avslutsorsak")
            codes(m.excludeFromDenominator, at: "\(path).excludeFromDenominator", valid: orsaker, what: "en avslutsorsak")
        case .surveyShare(let m):
            let indicators = catalogues.indikatorer
            enkater(m.enkat, at: "\(path).enkat")
            if m.questions.isEmpty { add("\(path).questions", "väntade minst en fråga, fann ingen") }
            for (j, q) in m.questions.enumerated() {
                guard let index = indicators.questionIndex(q) else {
                    add(
                        "\(path).questions[\(j)]",
                        "väntade en fråga ur katalogen (\(Vocabulary<Int>.list(indicators.questions.map(\.id)))), fann \"\(q)\"")
                    continue
                }
                if !indicators.questions[index].enkater.contains(where: m.enkat.contains) {
                    add("\(path).questions[\(j)]", "frågan \"\(q)\" finns inte i \(Vocabulary<Int>.list(m.enkat))")
                }
            }
        case .deltagarShare(let m):
            if !GoalMeasure.Population.deltagare.contains(m.of) {
                add("\(path).of", "väntade \(Vocabulary<Int>.list(GoalMeasure.Population.deltagare.map(\.rawValue))), fann \"\(m.of.rawValue)\"")
            }
            if m.matching.isEmpty { add("\(path).where", "väntade minst ett villkor (insats, kon, aldersgrupp eller ny), fann inget") }
            scope(m.matching, at: "\(path).where")
        case .count(let m):
            if m.of == .formular {
                if let enkat = m.enkat {
                    enkater(enkat, at: "\(path).enkat")
                } else {
                    add(path, "saknar fältet \"enkat\": vilka formulär ska räknas?")
                }
            } else if m.enkat != nil {
                add("\(path).enkat", "enkat hör till \"of\": \"formular\", fann \"of\": \"\(m.of.rawValue)\"", key: true)
            }
            if m.stegforflyttning != nil && m.of != .stegforflyttning {
                add(
                    "\(path).stegforflyttning", "stegforflyttning hör till \"of\": \"stegforflyttning\", fann \"of\": \"\(m.of.rawValue)\"", key: true
                )
            }
            codes(m.stegforflyttning, at: "\(path).stegforflyttning", valid: orsaker, what: "en avslutsorsak")
            if m.of == .formular && scopeNy { add(path, "formulär har ingen uppgift om ny: ta bort ny ur scope") }
            activity(m, at: path, scopeNy: scopeNy)
        case .uppfoljningShare(let m):
            if !(1...UppfoljningRecord.maximumManader).contains(m.manader) {
                add("\(path).manader", "väntade antal hela månader efter avslut (1–\(UppfoljningRecord.maximumManader)), fann \(m.manader)")
            }
            if m.positive.isEmpty { add("\(path).positive", "väntade minst en försörjning, fann en tom lista") }
            if let slot = catalogues.dimensioner.slot(of: ColumnLayout.uppfoljningStatus) {
                let dimension = catalogues.dimensioner.extra[slot]
                for (j, code) in m.positive.enumerated() where dimension.indexes(code) == nil {
                    add("\(path).positive[\(j)]", "väntade \(Vocabulary<Int>.list(dimension.scopeCodes)), fann \"\(code)\"")
                }
            }
            if scopeNy { add(path, "en uppföljning har ingen uppgift om ny: ta bort ny ur scope") }
        case .coverage(let m):
            coverage(m, at: path, scopeNy: scopeNy)
        case .milestone(let m):
            if m.milstolpe.trimmingSpaces.isEmpty { add("\(path).milstolpe", "väntade id:t för en milstolpe i registret, fann en tom text") }
        case .change(let m):
            if m.of.kind == .change || m.of.type == .coverage || m.of.type == .milestone {
                add("\(path).of.type", "väntade exitShare, surveyShare, deltagarShare, uppfoljningShare eller count, fann \(m.of.type.rawValue)")
            } else {
                checkMeasure(m.of, at: "\(path).of", scopeNy: scopeNy)
            }
        }
        if case .surveyShare = measure, scopeNy { add(path, "formulär har ingen uppgift om ny: ta bort ny ur scope") }
    }

    /// Checks a scope's codes against the catalogues. Forms carry the dimensions too (DOMAIN §4.2), so a
    /// survey goal may be scoped on them like a deltagare goal; only `ny` is refused for forms, by the measure.
    mutating func scope(_ scope: GoalScope, at path: String) {
        for (j, code) in (scope.kon ?? []).enumerated() where Kon.vocabulary.lookup(code) == nil {
            add("\(path).kon[\(j)]", "väntade \(Kon.vocabulary.expected), fann \"\(code)\"")
        }
        let alder = catalogues.dimensioner.aldersgrupp
        for (j, code) in (scope.aldersgrupp ?? []).enumerated() where alder.indexes(code) == nil {
            add("\(path).aldersgrupp[\(j)]", "väntade \(Vocabulary<Int>.list(alder.scopeCodes)), fann \"\(code)\"")
        }
        for (key, codes) in scope.dimensions.sorted(by: { $0.key < $1.key }) {
            guard let slot = catalogues.dimensioner.slot(of: key) else {
                add(path, "okänt fält \"\(key)\": väntade \(Vocabulary<Int>.list(GoalScope.keys(catalogues.dimensioner)))")
                continue
            }
            let dimension = catalogues.dimensioner.extra[slot]
            if codes.isEmpty { add("\(path).\(key)", "väntade minst en kod, fann en tom lista") }
            for (j, code) in codes.enumerated() where dimension.indexes(code) == nil {
                add("\(path).\(key)[\(j)]", "väntade \(Vocabulary<Int>.list(dimension.scopeCodes)), fann \"\(code)\"")
            }
        }
        for (j, code) in (scope.ny ?? []).enumerated() where JaNej.vocabulary.lookup(code) == nil {
            add("\(path).ny[\(j)]", "väntade ja eller nej, fann \"\(code)\"")
        }
        for key in ["insats", "kon", "aldersgrupp", "ny"] {
            let list: [String]? =
                switch key {
                case "insats": scope.insats
                case "kon": scope.kon
                case "aldersgrupp": scope.aldersgrupp
                default: scope.ny
                }
            if list?.isEmpty == true { add("\(path).\(key)", "väntade minst en kod, fann en tom lista") }
        }
    }
}

extension GoalMeasure {
    /// The checks of a goal's measure for a measure in another file (a rule of `regler.json`), at `path`.
    ///
    /// - Returns: every problem, each at the line and column of its value in `document`.
    static func problems(_ measure: GoalMeasure, at path: String, file: String, document: JSONValue?, catalogues: Catalogues) -> [Problem] {
        var check = GoalCheck(file: file, document: document, catalogues: catalogues)
        check.version = 2
        check.checkMeasure(measure, at: path, scopeNy: false)
        return check.problems
    }
}
