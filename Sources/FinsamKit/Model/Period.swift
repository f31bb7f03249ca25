/// A reporting period: a halvår (`2023H1` = januari–juni, `2023H2` = juli–december) or a helår (`2023`).
///
/// Accepts the spellings people type (`2023-H1`, `2023 h1`, `2023:1`); always prints the canonical one.
///
///     let period = Period("2023-h2")!  // prints as 2023H2
///     let year = Period(year: 2023, half: nil)  // helåret 2023
public struct Period: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1 or 2 for a halvår, `nil` for the whole year.
    public let half: Int?

    public init(year: Int, half: Int?) {
        self.year = year
        self.half = half
    }

    /// Parses a period as people type it.
    ///
    ///     Period("2023 H1")  // 2023H1
    ///     Period("2023H3")  // nil
    ///
    /// - Returns: `nil` when `text` is no period.
    public init?(_ text: some StringProtocol) {
        var bytes = Array(text.trimmingSpaces.utf8)
        guard let period = bytes.withUnsafeMutableBufferPointer({ Period(bytes: UnsafeBufferPointer($0)) }) else { return nil }
        self = period
    }

    /// Parses a trimmed cell without making a `String` (the `aggregate` hot path).
    public init?(bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n >= 4 else { return nil }
        var year = 0
        for i in 0..<4 {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            year = year * 10 + Int(digit)
        }
        guard (1990...2099).contains(year) else { return nil }
        var i = 4
        if i == n {
            self.init(year: year, half: nil)
            return
        }
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: ":") { i += 1 }
        if i < n && (bytes[i] | 0x20) == UInt8(ascii: "h") { i += 1 }
        guard i == n - 1, bytes[i] == UInt8(ascii: "1") || bytes[i] == UInt8(ascii: "2") else { return nil }
        self.init(year: year, half: Int(bytes[i] - 0x30))
    }

    public var description: String { half.map { "\(year)H\($0)" } ?? "\(year)" }

    public var isHalfYear: Bool { half != nil }

    /// The period just before: the other halvår, or the previous year.
    public var previous: Period {
        switch half {
        case 2: Period(year: year, half: 1)
        case 1: Period(year: year - 1, half: 2)
        default: Period(year: year - 1, half: nil)
        }
    }

    /// The same halvår a year earlier (for a helår, the previous year).
    var yearEarlier: Period { Period(year: year - 1, half: half) }

    /// Whether data of period `other` belongs to this one (a helår contains its halvår).
    public func contains(_ other: Period) -> Bool {
        self == other || (half == nil && other.year == year)
    }

    /// Sorts halvår inside their year, helår after its halvår.
    private var sortKey: Int { year * 10 + (half ?? 3) }

    public static func < (a: Period, b: Period) -> Bool { a.sortKey < b.sortKey }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = Period(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "väntade en period som 2023H1 eller 2023, fann \"\(text)\""))
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
