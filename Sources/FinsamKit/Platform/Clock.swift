import Foundation

/// The one place finsam asks what time it is. `FINSAM_NOW` (ISO 8601, `2024-02-20T09:00:00Z` or with an
/// offset) fixes it, so that tests and demonstrations get the same received times and the same "today"
/// every run; FinsamKit's types take the time as a parameter instead of reading it themselves.
public enum Clock {
    public static let environmentKey = "FINSAM_NOW"

    /// `FINSAM_NOW` when it is set and valid, else the system's time.
    ///
    /// - Returns: the current instant.
    public static func now() -> Date {
        fixed ?? Date()
    }

    /// What is wrong with `FINSAM_NOW`, or `nil` when it is unset or valid.
    public static var problem: String? {
        guard let text = ProcessInfo.processInfo.environment[environmentKey], !text.isEmpty, instant(text) == nil else { return nil }
        return "\(environmentKey): väntade en tidpunkt som 2024-02-20T09:00:00Z eller 2024-02-20T10:00:00+01:00 (ett datum som finns, "
            + "en tid före 24:00 och en förskjutning högst ±14:00), fann \"\(text)\""
    }

    private static var fixed: Date? {
        ProcessInfo.processInfo.environment[environmentKey].flatMap(instant)
    }

    /// `text` as an instant when it is ISO 8601 with a date that exists (no 30 February), a time before 24:00
    /// and an offset of at most ±14:00 — Foundation's parser alone rolls `2024-02-30` over into March and
    /// takes `+99:99` (issue #25).
    ///
    /// - Returns: the instant, or `nil`.
    static func instant(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, bytes[range].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        guard bytes.count >= 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A,
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), CalendarDay(year: year, month: month, day: day) != nil,
            let hour = number(11..<13), hour < 24, let minute = number(14..<16), minute < 60, let second = number(17..<19), second < 60
        else { return nil }
        var rest = bytes[19...]
        if rest.first == 0x2E {
            let digits = rest.dropFirst().prefix { (0x30...0x39).contains($0) }
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(1 + digits.count)
        }
        if Array(rest) != [0x5A] {
            let zone = Array(rest)
            guard zone.count == 6, zone[0] == 0x2B || zone[0] == 0x2D, zone[3] == 0x3A,
                let hours = String(decoding: zone[1..<3], as: UTF8.self).wholeNumber,
                let minutes = String(decoding: zone[4..<6], as: UTF8.self).wholeNumber,
                hours * 60 + minutes <= 14 * 60, minutes < 60
            else { return nil }
        }
        return SwedishTime.parse(text)
    }
}

extension String {
    /// The string as a non-negative whole number when it is only ASCII digits.
    fileprivate var wholeNumber: Int? {
        guard !isEmpty, utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(self)
    }
}
