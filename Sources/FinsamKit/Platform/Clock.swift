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
        guard let text = ProcessInfo.processInfo.environment[environmentKey], !text.isEmpty, SwedishTime.parse(text) == nil else { return nil }
        return "\(environmentKey): väntade en tidpunkt som 2024-02-20T09:00:00Z, fann \"\(text)\""
    }

    private static var fixed: Date? {
        ProcessInfo.processInfo.environment[environmentKey].flatMap(SwedishTime.parse)
    }
}
