import FinsamKit

/// The kansli's own deadlines in `status` (issue #27 item 5): the register's `kansliet` entries that are about
/// the period or due within it, each klar i tid, klar sent, saknas (past its last day) or kommande.
extension StatusCommand {
    struct KanslietsRad {
        var uppgift: Register.KanslietsUppgift
        var state: ReportingStatus.State?
        var daysLate: Int?

        /// "i tid", "sen", "saknas", or "kommande" while its day has not come.
        var stateCode: String { state?.rawValue ?? "kommande" }
    }

    /// - Returns: the register's deliverables of `period`, late and missing first, then by last day.
    static func kansliet(_ register: Register?, period: Period, today: CalendarDay) -> [KanslietsRad] {
        let rows = (register?.kansliet ?? []).filter { $0.concerns(period) }.map { uppgift in
            let (state, late) = uppgift.state(today: today)
            return KanslietsRad(uppgift: uppgift, state: state, daysLate: late)
        }
        func rank(_ row: KanslietsRad) -> Int { row.state == .saknas ? 0 : row.state == .sen ? 1 : 2 }
        return rows.sorted { (rank($0), $0.uppgift.senast) < (rank($1), $1.uppgift.senast) }
    }

    /// The text section: one line per deliverable.
    static func kanslietText(_ rows: [KanslietsRad]) -> String {
        guard !rows.isEmpty else { return "" }
        var text = "\nKansliets egna uppgifter\n"
        for row in rows {
            let u = row.uppgift
            let what = "\(u.typ.label) \(PeriodSpan(u.avser)?.words ?? u.avser), sista dag \(u.senast)"
            let state: String
            switch row.state {
            case .iTid: state = "klar i tid (\(u.klar ?? ""))"
            case .sen: state = "KLAR SENT, \(days(row.daysLate ?? 0)) efter sista dagen (\(u.klar ?? ""))"
            case .saknas: state = "SAKNAS, \(days(row.daysLate ?? 0)) efter sista dagen"
            case .kravsEj, nil: state = "kommande"
            }
            text += "  \(what): \(state)\n"
        }
        return text
    }

    /// One deliverable in `status --format json`: `typ`, `avser`, `senast`, `klar`, `state`, `daysLate`, every
    /// key always present (null where there is nothing).
    struct KanslietJSON: Encodable {
        var row: KanslietsRad

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: JSONKey.self)
            try c.encode(row.uppgift.typ.rawValue, forKey: JSONKey("typ"))
            try c.encode(row.uppgift.avser, forKey: JSONKey("avser"))
            try c.encode(row.uppgift.senast, forKey: JSONKey("senast"))
            try c.encode(row.uppgift.klar, forKey: JSONKey("klar"))
            try c.encode(row.stateCode, forKey: JSONKey("state"))
            try c.encode(row.daysLate, forKey: JSONKey("daysLate"))
        }
    }

    /// The CSV lines, as the insatser's: `kansliet` in the insats column, the deliverable as the kind.
    static func kanslietCSV(_ rows: [KanslietsRad]) -> String {
        rows.map { row in
            let u = row.uppgift
            let cells = [
                "kansliet", u.typ.label, u.avser, u.typ.rawValue, row.stateCode, u.klar ?? "", row.daysLate.map(String.init) ?? "", u.senast, "",
            ]
            return cells.map(CSVWriter.quoted(excelCell:)).joined(separator: ";") + "\r\n"
        }.joined()
    }
}
