import Foundation

/// A date without a time of day (`2024-02-15`): a deadline, or the day a file was received in Swedish local
/// time. Compared and subtracted as days of the Gregorian calendar.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    let month: Int
    public let day: Int

    /// A valid calendar date, or `nil` (`2023-02-29`, `2023-13-01`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        guard Self.calendar.date(from: components).map({ Self.calendar.component(.day, from: $0) == day }) == true else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// `YYYY-MM-DD`, or `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// Days from `self` to `later` (negative when `later` is earlier).
    ///
    /// - Returns: the number of calendar days between the two dates.
    public func days(to later: CalendarDay) -> Int {
        Self.calendar.dateComponents([.day], from: date, to: later.date).day ?? 0
    }

    /// Midnight UTC of the day, for arithmetic only.
    private var date: Date {
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        return Self.calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0)!
        return calendar
    }()
}
