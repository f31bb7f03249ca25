/// The part of a ``Dataset`` that one report or one goal is about: one förbund (or all) and one period or
/// run of periods (``PeriodSpan``).
///
/// Over more than one halvår a deltagare must not be counted twice: someone pågående at the end of one
/// halvår is again in the next halvår's file (as pågående or avslutad). So a halvår's pågående rows of an
/// insats that also reported the next halvår of the span are left out of the status counts; nya are still
/// counted from every halvår, avslutade and forms are added up. For a helår this is the rule "H1's pågående
/// rows of an insats that also reported H2 are left out".
public struct PeriodData: Sendable {
    public let dataset: Dataset
    /// The report's period; for a span of several periods, its last halvår.
    public let period: Period
    let span: PeriodSpan
    /// The förbund the rows belong to, `nil` for all.
    public let forbund: Int32?
    /// Rows counted in status tables and goals.
    public private(set) var deltagare: [DeltagareRecord] = []
    /// Rows whose `ny` counts (all rows of the period).
    private(set) var nyaRows: [DeltagareRecord] = []
    public private(set) var forms: [SurveyForm] = []
    private var answerCodes: [Int8] = []
    /// Activity rows of the span (DOMAIN §4.4): added up over its periods, like forms.
    public private(set) var aktiviteter: [AktivitetRecord] = []
    /// Follow-ups made within the span: added up over its periods, like forms (each is one follow-up of one
    /// deltagare at one number of months after avslut).
    public private(set) var uppfoljningar: [UppfoljningRecord] = []

    public init(dataset: Dataset, period: Period, forbund: Int32?) {
        self.init(dataset: dataset, span: PeriodSpan(period), forbund: forbund)
    }

    public init(dataset: Dataset, span: PeriodSpan, forbund: Int32?) {
        self.dataset = dataset
        self.span = span
        self.period = span.period ?? span.last
        self.forbund = forbund
        let inSpan = dataset.deltagare.filter { span.contains($0.period) && (forbund == nil || $0.forbund == forbund) }
        nyaRows = inSpan
        struct Unit: Hashable {
            var forbund: Int32, insats: Int32, half: Period
        }
        // The halvår each insats reported (a helår file reports its H2: its pågående are those at year end).
        let reported = Set(inSpan.map { Unit(forbund: $0.forbund, insats: $0.insats, half: PeriodSpan($0.period).last) })
        deltagare = inSpan.filter { record in
            guard record.status == .pagaende, let half = record.period.half else { return true }
            let next = half == 1 ? Period(year: record.period.year, half: 2) : Period(year: record.period.year + 1, half: 1)
            return !(next <= span.last && reported.contains(Unit(forbund: record.forbund, insats: record.insats, half: next)))
        }
        let q = dataset.questionCount
        for (i, form) in dataset.forms.enumerated() where span.contains(form.period) && (forbund == nil || form.forbund == forbund) {
            forms.append(form)
            answerCodes.append(contentsOf: dataset.answers[i * q..<(i + 1) * q])
        }
        aktiviteter = dataset.aktiviteter.filter { span.contains($0.period) && (forbund == nil || $0.forbund == forbund) }
        uppfoljningar = dataset.uppfoljningar.filter { span.contains($0.period) && (forbund == nil || $0.forbund == forbund) }
    }

    public func answers(of form: Int) -> ArraySlice<Int8> {
        let q = dataset.questionCount
        return answerCodes[form * q..<(form + 1) * q]
    }

    public func name(_ id: Int32) -> String { dataset.name(id) }

    public var isEmpty: Bool { deltagare.isEmpty && forms.isEmpty && aktiviteter.isEmpty && uppfoljningar.isEmpty }
}
