/// A goal's verdict (DOMAIN §5). Below `minN` there is no verdict: "för få svar".
public enum Verdict: String, Sendable, Codable {
    case uppfyllt
    case ejUppfyllt = "ej-uppfyllt"
    case forFaSvar = "for-fa-svar"

    public var label: String {
        switch self {
        case .uppfyllt: "uppfyllt"
        case .ejUppfyllt: "ej uppfyllt"
        case .forFaSvar: "för få svar"
        }
    }
}

/// One goal's figure for one group (all, one kön, one insats).
public struct GoalFigure: Sendable, Hashable {
    public var share: Share
    public var verdict: Verdict
    /// Survey goals: forms of the enkät(er) that answered none of the goal's questions on the scale.
    public var notAnswered: Int
}

/// A goal evaluated for one period: overall, per kön and per insats.
public struct GoalResult: Sendable {
    public var goal: GoalFile.Goal
    public var minN: Int
    public var overall: GoalFigure
    /// Kvinna, man, annat in that order; then `nil` (kön not given) when some forms lack it.
    public var perKon: [(kon: Kon?, figure: GoalFigure)]
    /// Per insats id, sorted by id.
    public var perInsats: [(insats: Int32, figure: GoalFigure)]
}

/// Computes goal fulfilment (DOMAIN §5): which deltagare or forms count, which of them are positive, and
/// the verdict. The one place where the goal rules live.
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

        mutating func add(positive: Int, counted: Int, notAnswered: Int, kon: Kon?, insats: Int32) {
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

    public func evaluate(_ goal: GoalFile.Goal, minN: Int, data: PeriodData) -> GoalResult {
        var tallies = Tallies()
        switch goal.measure {
        case .exitShare(let measure):
            let steg = stegforflyttning(measure)
            let inDenominator = denominator(measure)
            for record in data.deltagare where record.status == .avslutad && record.avslutsorsak >= 0 {
                let orsak = Int(record.avslutsorsak)
                guard inDenominator[orsak] else { continue }
                let positive = record.stegforflyttning ?? steg[orsak]
                tallies.add(positive: positive ? record.antal : 0, counted: record.antal, notAnswered: 0,
                            kon: record.kon, insats: record.insats)
            }
            for kon in Kon.allCases where tallies.perKon[kon] == nil { tallies.perKon[kon] = Tally() }
        case .surveyShare(let measure):
            let indicators = catalogues.indikatorer
            let enkater = Set(measure.enkat.compactMap { indicators.enkatIndex($0) }.map(Int16.init))
            let questions = measure.questions.compactMap { indicators.questionIndex($0) }
            for (i, form) in data.forms.enumerated() where enkater.contains(form.enkat) {
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
                tallies.add(positive: positive ? 1 : 0, counted: 1, notAnswered: 0, kon: form.kon, insats: form.insats)
            }
            for kon in Kon.allCases where tallies.perKon[kon] == nil { tallies.perKon[kon] = Tally() }
        }
        func figure(_ t: Tally) -> GoalFigure {
            let share = Share(t.positive, of: t.counted)
            let verdict: Verdict = t.counted < minN ? .forFaSvar : share.meets(goal.target) ? .uppfyllt : .ejUppfyllt
            return GoalFigure(share: share, verdict: verdict, notAnswered: t.notAnswered)
        }
        let konOrder: [Kon?] = Kon.allCases + [nil]
        return GoalResult(
            goal: goal, minN: minN, overall: figure(tallies.overall),
            perKon: konOrder.compactMap { kon in tallies.perKon[kon].map { (kon, figure($0)) } },
            perInsats: tallies.perInsats.sorted { data.name($0.key) < data.name($1.key) }.map { ($0.key, figure($0.value)) })
    }

    /// Per catalogue orsak: whether it is a stegförflyttning under this measure.
    public func stegforflyttning(_ measure: GoalFile.ExitShare) -> [Bool] {
        catalogues.avslutsorsaker.avslutsorsaker.map { Self.isStegforflyttning($0, under: measure) }
    }

    /// Whether `orsak` is a stegförflyttning under `measure`: the goal's list if it has one, else the
    /// catalogue's default.
    public static func isStegforflyttning(_ orsak: AvslutsorsakCatalogue.Orsak, under measure: GoalFile.ExitShare) -> Bool {
        measure.stegforflyttning.map { $0.contains(orsak.code) } ?? orsak.stegforflyttning
    }

    /// Whether `orsak` belongs in the denominator under `measure` (never a felregistrering).
    public static func isInDenominator(_ orsak: AvslutsorsakCatalogue.Orsak, under measure: GoalFile.ExitShare) -> Bool {
        orsak.counted && (measure.excludeFromDenominator.map { !$0.contains(orsak.code) } ?? orsak.inDenominator)
    }

    /// Per catalogue orsak: whether it belongs in the denominator under this measure (never a felregistrering).
    public func denominator(_ measure: GoalFile.ExitShare) -> [Bool] {
        catalogues.avslutsorsaker.avslutsorsaker.map { Self.isInDenominator($0, under: measure) }
    }
}
