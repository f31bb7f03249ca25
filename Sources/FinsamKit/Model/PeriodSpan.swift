/// The periods a figure is computed over: one halvår, one helår, or a run of them (`2022H2..2023H2`,
/// inclusive). Over more than one halvår each deltagare is counted once (see ``PeriodData``).
public struct PeriodSpan: Sendable, Hashable, CustomStringConvertible {
    /// The first and the last halvår covered.
    public let first: Period
    public let last: Period

    /// The span of one period: a halvår, or both halvår of a helår.
    public init(_ period: Period) {
        first = period.half == nil ? Period(year: period.year, half: 1) : period
        last = period.half == nil ? Period(year: period.year, half: 2) : period
        written = period.description
    }

    /// From the first halvår of `from` to the last of `to`; `nil` when `to` comes before `from`.
    public init?(from: Period, to: Period) {
        let a = PeriodSpan(from), b = PeriodSpan(to)
        guard a.first <= b.last else { return nil }
        first = a.first
        last = b.last
        written = from == to ? from.description : "\(from)..\(to)"
    }

    /// Parses `2023H2`, `2023` or `2022H2..2023H2` (each side in any spelling ``Period`` accepts).
    public init?(_ text: String) {
        let parts = text.components(separatedBy: "..")
        switch parts.count {
        case 1:
            guard let period = Period(parts[0]) else { return nil }
            self.init(period)
        case 2:
            guard let from = Period(parts[0]), let to = Period(parts[1]) else { return nil }
            self.init(from: from, to: to)
        default:
            return nil
        }
    }

    private let written: String

    /// As the goal file spells it: `2023H2`, `2023`, `2022H2..2023H2`.
    public var description: String { written }

    /// The one period this span is, if it is one halvår or one helår.
    public var period: Period? {
        if first == last { return first }
        if first.year == last.year && first.half == 1 && last.half == 2 { return Period(year: first.year, half: nil) }
        return nil
    }

    /// Every halvår covered, oldest first.
    public var halves: [Period] {
        var result: [Period] = []
        var p = first
        while p <= last {
            result.append(p)
            p = p.half == 1 ? Period(year: p.year, half: 2) : Period(year: p.year + 1, half: 1)
        }
        return result
    }

    /// Whether data of `period` (a halvår's file, or a helår's) belongs to the span.
    public func contains(_ period: Period) -> Bool {
        let other = PeriodSpan(period)
        return first <= other.first && other.last <= last
    }

    /// In words, for a report: "juli–december 2023", "helåret 2023", "juli 2022–december 2023".
    public var words: String {
        if let period { return period.words }
        let start = first.half == 1 ? "januari" : "juli"
        let end = last.half == 1 ? "juni" : "december"
        if first.year == last.year { return "\(start)–\(end) \(first.year)" }
        return "\(start) \(first.year)–\(end) \(last.year)"
    }
}

extension PeriodSpan: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let span = PeriodSpan(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "väntade en period som 2023H2, 2023 eller 2022H2..2023H2 (den första först), fann \"\(text)\""))
        }
        self = span
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
