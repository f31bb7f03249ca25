/// The part of a ``Dataset`` that one report is about: one förbund (or all) and one period.
///
/// A helår report from halvår files must not count a deltagare twice: someone pågående at the end of H1 is
/// again in H2's file (as pågående or avslutad). So for a helår, H1's pågående rows of an insats that also
/// reported H2 are left out of the status counts; nya are still counted from both halvår.
public struct PeriodData: Sendable {
    public let dataset: Dataset
    public let period: Period
    /// Rows counted in status tables and goals.
    public private(set) var deltagare: [DeltagareRecord] = []
    /// Rows whose `ny` counts (all rows of the period).
    public private(set) var nyaRows: [DeltagareRecord] = []
    public private(set) var forms: [SurveyForm] = []
    private var answerCodes: [Int8] = []

    public init(dataset: Dataset, period: Period, forbund: Int32?) {
        self.dataset = dataset
        self.period = period
        let inPeriod = dataset.deltagare.filter { period.contains($0.period) && (forbund == nil || $0.forbund == forbund) }
        nyaRows = inPeriod
        if period.isHalfYear {
            deltagare = inPeriod
        } else {
            let reportedH2 = Set(inPeriod.filter { $0.period.half == 2 }.map(\.insats))
            deltagare = inPeriod.filter { !($0.period.half == 1 && $0.status == .pagaende && reportedH2.contains($0.insats)) }
        }
        let q = dataset.questionCount
        for (i, form) in dataset.forms.enumerated() where period.contains(form.period) && (forbund == nil || form.forbund == forbund) {
            forms.append(form)
            answerCodes.append(contentsOf: dataset.answers[i * q..<(i + 1) * q])
        }
    }

    public func answers(of form: Int) -> ArraySlice<Int8> {
        let q = dataset.questionCount
        return answerCodes[form * q..<(form + 1) * q]
    }

    public func name(_ id: Int32) -> String { dataset.name(id) }

    public var isEmpty: Bool { deltagare.isEmpty && forms.isEmpty }
}
