import Foundation

/// Times as a kansli in Sweden reads them: Europe/Stockholm, with summer time, computed by Foundation's
/// time zone database. The store keeps UTC (`receivedAt`); everything shown or compared with a deadline is
/// local.
public enum SwedishTime {
    public static let zone: TimeZone = TimeZone(identifier: "Europe/Stockholm") ?? TimeZone(secondsFromGMT: 3600)!

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()

    /// The Swedish calendar day of an instant.
    ///
    /// - Returns: the day it is in Stockholm at `date`.
    public static func day(of date: Date) -> CalendarDay {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDay(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)!
    }

    /// "2024-02-14 16:32", Stockholm time.
    ///
    /// - Returns: the local date and time to the minute.
    public static func text(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return "\(day(of: date)) \(two(c.hour ?? 0)):\(two(c.minute ?? 0))"
    }

    /// "2024-02-14T16:32:05+01:00": local time with its offset from UTC, for JSON.
    ///
    /// - Returns: ISO 8601 in Stockholm time.
    public static func iso(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        let offset = zone.secondsFromGMT(for: date) / 60
        let sign = offset < 0 ? "-" : "+"
        return
            "\(day(of: date))T\(two(c.hour ?? 0)):\(two(c.minute ?? 0)):\(two(c.second ?? 0))\(sign)\(two(abs(offset) / 60)):\(two(abs(offset) % 60))"
    }

    /// A stored UTC timestamp (`2024-02-14T15:32:05.123Z`, with or without fractions), or `nil`.
    ///
    /// - Returns: the instant it names.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
