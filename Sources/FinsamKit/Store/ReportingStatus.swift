import Foundation

/// `finsam status` (DOMAIN §11): per insats of the register and kind of file, whether it came in time, late,
/// not at all, or is not owed; and the reporting rates, received and on time of expected. Late and missing
/// first.
public struct ReportingStatus: Sendable {
    public enum State: String, Sendable, CaseIterable {
        case iTid = "i-tid"
        case sen
        case saknas
        case kravsEj = "kravs-ej"

        /// "i tid", "sen", "saknas", "krävs ej".
        public var label: String {
            switch self {
            case .iTid: "i tid"
            case .sen: "sen"
            case .saknas: "saknas"
            case .kravsEj: "krävs ej"
            }
        }
    }

    /// One kind of file of one insats and halvår.
    public struct Entry: Sendable {
        public var kind: FileKind
        public var state: State
        /// The current submission, when one has come in.
        public var submission: StoreIndex.Submission?
        /// When it came in (the store's UTC time; shown in Swedish time).
        public var received: Date?
        /// `sen`: days after the deadline it came; `saknas`: days since the deadline, once passed.
        public var daysLate: Int?
    }

    public struct Row: Sendable {
        public var insats: String
        public var namn: String
        public var typ: Register.Typ?
        /// The halvår the row is about.
        public var period: Period
        public var deadline: CalendarDay?
        public var entries: [Entry]

        /// 0 when something is missing, 1 when something is late, 2 otherwise: the order rows are listed in.
        var urgency: Int {
            entries.contains { $0.state == .saknas } ? 0 : entries.contains { $0.state == .sen } ? 1 : 2
        }
    }

    public var period: Period
    /// The Swedish day the status is computed on.
    public var today: CalendarDay
    public var rows: [Row]

    /// Expected reports: insats × halvår × kind owed.
    public var expected: Int { entries.filter { $0.state != .kravsEj }.count }
    /// Reports that have come in, in time or late.
    public var received: Int { entries.filter { $0.state == .iTid || $0.state == .sen }.count }
    public var onTime: Int { entries.filter { $0.state == .iTid }.count }
    public var missing: [(row: Row, entry: Entry)] {
        rows.flatMap { row in row.entries.filter { $0.state == .saknas }.map { (row, $0) } }
    }

    private var entries: [Entry] { rows.flatMap(\.entries) }

    /// Rows for the register's insatser active in each halvår of `period`; without a register, for the
    /// insatser found in the store for it. `now` is the time the status is computed at (``Clock``).
    public init(index: StoreIndex, register: Register?, period: Period, forbund: String?, now: Date) {
        self.period = period
        today = SwedishTime.day(of: now)
        let halves = period.half == nil ? [Period(year: period.year, half: 1), Period(year: period.year, half: 2)] : [period]
        let wanted = forbund.map(TextFolding.fold)
        // The register's id for an insats as a file named it (id or name); the name itself without a register.
        func id(_ insats: String) -> String { register?.insats(named: insats)?.id ?? insats }
        var current: [String: [FileKind: StoreIndex.Submission]] = [:]
        // A survey counts as the insats's indikatorsvar only when it is the deltagare survey (DOMAIN §7): a staff
        // survey sent on its own does not satisfy what an individinriktad insats owes.
        for (slot, submission) in index.current
        where (slot.group ?? .deltagare) == .deltagare && halves.contains(slot.key.period)
            && (wanted.map { TextFolding.fold(slot.key.forbund) == $0 } ?? true)
        {
            current["\(id(slot.key.insats))\t\(slot.key.period)", default: [:]][slot.kind] = submission
        }
        let units: [(insats: String, namn: String, typ: Register.Typ?, period: Period)]
        if let register {
            units = halves.flatMap { half in register.insatser.filter { $0.isActive(in: half) }.map { ($0.id, $0.namn, Optional($0.typ), half) } }
        } else {
            units = current.keys.sorted().map { key in
                let parts = key.split(separator: "\t").map(String.init)
                return (parts[0], parts[0], nil, Period(parts[1])!)
            }
        }
        let today = self.today
        let rows = units.map { unit in
            let deadline = register?.rapportering?.deadline(for: unit.period)
            let entries = ReportingExpectation.shown.map { kind in
                let submission = current["\(unit.insats)\t\(unit.period)"]?[kind]
                return Self.entry(
                    kind, expected: ReportingExpectation.expects(unit.typ, kind), submission: submission,
                    deadline: deadline, today: today)
            }
            return Row(insats: unit.insats, namn: unit.namn, typ: unit.typ, period: unit.period, deadline: deadline, entries: entries)
        }
        // Missing first, then late; otherwise in the register's order.
        self.rows = rows.enumerated().sorted { ($0.element.urgency, $0.offset) < ($1.element.urgency, $1.offset) }.map(\.element)
    }

    /// The state of one kind: not owed; missing (and for how long past the deadline); or received, in time
    /// when its Swedish day is on or before the deadline (or there is none).
    static func entry(_ kind: FileKind, expected: Bool, submission: StoreIndex.Submission?, deadline: CalendarDay?, today: CalendarDay) -> Entry {
        let received = submission.flatMap { SwedishTime.parse($0.receivedAt) }
        guard expected else { return Entry(kind: kind, state: .kravsEj, submission: submission, received: received) }
        guard let submission else {
            let overdue = deadline.map { $0.days(to: today) }.flatMap { $0 > 0 ? $0 : nil }
            return Entry(kind: kind, state: .saknas, daysLate: overdue)
        }
        guard let deadline, let received else { return Entry(kind: kind, state: .iTid, submission: submission, received: received) }
        let late = deadline.days(to: SwedishTime.day(of: received))
        return late > 0
            ? Entry(kind: kind, state: .sen, submission: submission, received: received, daysLate: late)
            : Entry(kind: kind, state: .iTid, submission: submission, received: received)
    }
}
