/// The kansli's own deadlines (issue #27 item 5): delårsrapport, årsredovisning and verksamhetsplan, in the
/// register's `kansliet`, each with the period it is about, its last day and, once done, the day it was done;
/// `status` shows them beside the insatser's files.
extension Register {
    /// One of the kansli's own deliverables.
    public struct KanslietsUppgift: Sendable, Codable, Hashable {
        public enum Typ: String, Sendable, CodedEnum {
            case delarsrapport, arsredovisning, verksamhetsplan

            /// "Delårsrapport", "Årsredovisning", "Verksamhetsplan".
            public var label: String {
                switch self {
                case .delarsrapport: "Delårsrapport"
                case .arsredovisning: "Årsredovisning"
                case .verksamhetsplan: "Verksamhetsplan"
                }
            }
        }

        public var typ: Typ
        /// The period it is about: `2023H1` (a delårsrapport), `2023` (an årsredovisning), `2024` (next year's plan).
        public var avser: String
        /// Its last day, `YYYY-MM-DD`.
        public var senast: String
        /// The day it was done (sent, decided), `YYYY-MM-DD`; absent while not done.
        public var klar: String?

        enum CodingKeys: String, StrictCodingKey { case typ, avser, senast, klar }

        /// Whether `status --period period` shows it: it is about the period, or due within it.
        public func concerns(_ period: Period) -> Bool {
            let span = PeriodSpan(period)
            if let about = PeriodSpan(avser), about.halves.contains(where: span.contains) || span.halves.contains(where: about.contains) {
                return true
            }
            guard let day = CalendarDay(senast) else { return false }
            return span.halves.contains { $0.year == day.year && ($0.half == 1) == (day.month <= 6) }
        }

        /// Where it stands on `today`: done on time or late, overdue, or still to come.
        public func state(today: CalendarDay) -> (state: ReportingStatus.State?, daysLate: Int?) {
            guard let deadline = CalendarDay(senast) else { return (nil, nil) }
            if let done = klar.flatMap(CalendarDay.init) {
                let late = deadline.days(to: done)
                return late > 0 ? (.sen, late) : (.iTid, nil)
            }
            let overdue = deadline.days(to: today)
            return overdue > 0 ? (.saknas, overdue) : (nil, nil)
        }
    }

    /// The checks of `kansliet`: periods and dates.
    func kanslietProblems() -> [(path: String, message: String)] {
        var problems: [(String, String)] = []
        for (i, uppgift) in (kansliet ?? []).enumerated() {
            if PeriodSpan(uppgift.avser)?.period == nil {
                problems.append(("kansliet[\(i)].avser", "väntade ett halvår eller år som \"2023H1\" eller \"2023\", fann \"\(uppgift.avser)\""))
            }
            if CalendarDay(uppgift.senast) == nil {
                problems.append(("kansliet[\(i)].senast", "väntade ett datum som \"2024-02-15\", fann \"\(uppgift.senast)\""))
            }
            if let klar = uppgift.klar, CalendarDay(klar) == nil {
                problems.append(("kansliet[\(i)].klar", "väntade ett datum som \"2024-02-10\", fann \"\(klar)\""))
            }
        }
        return problems
    }
}
