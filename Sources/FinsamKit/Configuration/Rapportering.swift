/// When each halvår's files are due (DOMAIN §5.1, §11), the register's `rapportering`: relative days
/// (`{"H1": "08-15", "H2": "02-15"}`: H1's files by 15 August of the same year, H2's by 15 February of the
/// next) or explicit dates per halvår (`{"2023H2": "2024-02-15"}`), or both, an explicit date winning.
public struct Rapportering: Sendable, Codable, Hashable {
    /// As written: `H1`/`H2` → `MM-DD`, or a halvår (`2023H2`) → `YYYY-MM-DD`.
    public var entries: [String: String]

    public init(_ entries: [String: String]) {
        self.entries = entries
    }

    public init(from decoder: any Decoder) throws {
        entries = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries)
    }

    /// The last day of `period`'s files (a halvår), or `nil` when the register names none.
    ///
    /// A relative day falls on its first date after the halvår has ended: H1 `08-15` is 15 August of the same
    /// year, H2 `02-15` 15 February of the next.
    ///
    /// - Returns: the deadline, in Swedish local days.
    public func deadline(for period: Period) -> CalendarDay? {
        guard let half = period.half else { return nil }
        for (key, value) in entries where Period(key) == period && key.count > 2 {
            return CalendarDay(value)
        }
        guard let value = entries["H\(half)"], let (month, day) = Self.monthDay(value) else { return nil }
        // The halvår ends 30 June or 31 December: the day is in the same year only if it comes after that end.
        let year = half == 1 && month >= 7 ? period.year : period.year + 1
        return CalendarDay(year: year, month: month, day: day)
    }

    /// Each mistake, led by its path (`rapportering.H1: …`) for ``JSONFile/locating(_:in:)``.
    ///
    /// - Returns: the problems' messages.
    public func problems() -> [String] {
        var problems: [String] = []
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            let path = "rapportering.\(key)"
            if key == "H1" || key == "H2" {
                if Self.monthDay(value) == nil {
                    problems.append("\(path): väntade en dag som \"08-15\" (månad-dag), fann \"\(value)\"")
                }
            } else if let period = Period(key), period.half != nil, key.count == 6 {
                guard let day = CalendarDay(value) else {
                    problems.append("\(path): väntade ett datum som \"2024-02-15\", fann \"\(value)\"")
                    continue
                }
                let end = CalendarDay(year: period.year, month: period.half == 1 ? 6 : 12, day: period.half == 1 ? 30 : 31)!
                if day <= end { problems.append("\(path): väntade ett datum efter halvårets slut (\(end)), fann \"\(value)\"") }
            } else {
                problems.append("\(path): väntade \"H1\", \"H2\" eller ett halvår som \"2023H2\", fann \"\(key)\"")
            }
        }
        return problems
    }

    /// `MM-DD` of a valid day in every year (so not `02-29`).
    private static func monthDay(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let m = Int(parts[0]), let d = Int(parts[1]),
            CalendarDay(year: 2023, month: m, day: d) != nil
        else { return nil }
        return (m, d)
    }
}
