import Foundation
import FinsamKit

/// `finsam status --period P`: per insats and kind of file, i tid, sen, saknas or krävs ej, with the received
/// time in Swedish time and the reporting rates (DOMAIN §11); as text, JSON or CSV.
enum StatusCommand {
    enum Format: String, CaseIterable { case text, json, csv }

    static let verb = Verb(
        name: "status", operands: "", summary: "vem som har rapporterat i tid, sent eller inte alls",
        options: [
            .option("period", "P", required: true, help: "halvåret eller året: 2023H1, 2023H2 eller 2023"),
            .option("forbund", "F", help: "bara det här förbundets insatser"),
            .choice(
                "format", Format.self, help: "text (standard); json: per insats id, namn och per filtyp state, received, daysLate; csv: för Excel"),
            .flag("fail-on-missing", help: "slutkod 1 när någon väntad rapport saknas"),
            StoreCommands.storeOption,
            CatalogueOptions.register,
            PlausibilityOptions.regler,
        ],
        discussion: """
            Visar per insats i registret (--register, annars arkivets) och filtyp om rapporten kom i tid, sent (hur många \
            dagar), saknas eller inte krävs, när den kom (svensk tid), och rapporteringsgraden: mottagna och i tid av \
            väntade. Sista dagen står i registrets rapportering. Sena och saknade står först. Rimlighetsvarningar skrivs \
            på standard fel. FINSAM_NOW anger "nu" (till exempel 2024-02-20T09:00:00Z). Registrets "kansliet" ger \
            kansliets egna uppgifter (delårsrapport, årsredovisning, verksamhetsplan) med sista dag och när de blev klara.

            exempel:
              finsam status --store arkiv --period 2023H2 --format json
            """,
        run: run)

    static func run(_ arguments: Arguments) throws(CLIError) {
        let period = try ReportCommand.period(arguments)
        let format: Format = try arguments.choice("format", default: .text)
        let store = try StoreCommands.existingStore(arguments)
        let register = try StoreCommands.register(arguments, store: store)
        let catalogues = Catalogues.builtIn
        let rules = try PlausibilityOptions.rules(arguments, catalogues: catalogues)
        let index = try StoreCommands.index(store)
        let status = ReportingStatus(index: index, register: register, period: period, forbund: arguments["forbund"], now: Clock.now())
        let kansliet = kansliet(register, period: period, today: status.today)
        switch format {
        case .text: Output.standardOutput(text(status, store: store, lock: index.lock(for: period)) + kanslietText(kansliet))
        case .json: Output.standardOutput(json(status, lock: index.lock(for: period), kansliet: kansliet))
        case .csv: Output.standardOutput(csv(status) + kanslietCSV(kansliet))
        }
        // The plausibility of what has come in, the halvår before included for continuity.
        var sources: [Dataset.Source] = []
        do { sources = try store.sources(for: nil) } catch { throw StoreCommands.cliError(error) }
        let (dataset, _) = Dataset.load(sources, catalogues: catalogues, register: register)
        PlausibilityOptions.check(
            dataset, focus: [period], rules: rules, arguments: arguments,
            registerName: arguments["register"] ?? store.registerPath)
        let missing = status.missing
        if arguments.has("fail-on-missing") && !missing.isEmpty {
            Output.standardError(
                "finsam: \(missing.count) \(missing.count == 1 ? "väntad rapport saknas" : "väntade rapporter saknas") (--fail-on-missing)\n")
            throw .quiet(1)
        }
    }

    // MARK: text

    static func text(_ status: ReportingStatus, store: Store, lock: Approval?) -> String {
        let deadlines = Set(status.rows.map(\.deadline))
        let shared = deadlines.count == 1 ? deadlines.first! : nil
        var text = "Inlämningar för \(status.period) i \(store.root) — i dag \(status.today)"
        if let shared { text += ", sista dag \(shared)" }
        if !hasDeadline(status) { text += "; registret anger ingen sista dag för perioden" }
        text += "\n"
        if let lock { text += "Perioden \(lock.period) är fastställd (\(lock.text)): nya inlämningar vägras tills den återöppnas.\n" }
        text += "\n"
        let halves = Set(status.rows.map(\.period)).count > 1
        for row in status.rows {
            var title = row.namn == row.insats ? row.insats : "\(row.namn) (\(row.insats))"
            if halves { title += " — \(row.period)" }
            if shared == nil, let deadline = row.deadline { title += ", sista dag \(deadline)" }
            text += "\(title)\n"
            for entry in row.entries {
                text += "  \(entry.kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(describe(entry, row: row))\n"
            }
        }
        if status.rows.isEmpty { text += "Inga insatser för perioden (ange ett register med --register för att se vad som saknas).\n" }
        text +=
            "\nRapporteringsgrad: \(status.received) av \(status.expected) väntade rapporter mottagna (\(percent(status.received, status.expected)))"
        text +=
            hasDeadline(status)
            ? ", \(status.onTime) i tid (\(percent(status.onTime, status.expected))).\n"
            : "; ingen sista dag, så ingen andel i tid.\n"
        let missing = status.missing
        if missing.isEmpty {
            text += "Inget saknas.\n"
        } else {
            // Reports, not files: one file may carry many insatser, and one insats owes several kinds.
            let perKind = Dictionary(grouping: missing, by: \.entry.kind)
            let parts = ReportingExpectation.shown.compactMap { kind in
                perKind[kind].map {
                    "\(kind.rawValue) från \($0.count == 1 ? "1 insats" : "\($0.count) insatser") (\($0.map(\.row.namn).joined(separator: ", ")))"
                }
            }
            text += "Saknas: \(missing.count == 1 ? "1 rapport" : "\(missing.count) rapporter") — \(parts.joined(separator: "; ")).\n"
        }
        return text
    }

    static func describe(_ entry: ReportingStatus.Entry, row: ReportingStatus.Row) -> String {
        switch entry.state {
        case .kravsEj:
            switch row.typ {
            case .struktur: return "krävs ej (strukturinriktad insats)"
            case .individ: return "krävs ej (individinriktad insats)"
            case nil: return "krävs ej"
            }
        case .saknas:
            return "SAKNAS" + (entry.daysLate.map { ", \(days($0)) efter sista dagen" } ?? "")
        case .iTid, .sen:
            let s = entry.submission!
            // A file may cover several insatser: its count is the file's, said so, not this insats's.
            let covers = Set(s.keys.map(\.insats)).count
            let received = entry.received.map(SwedishTime.text) ?? s.receivedAt
            let state = entry.state == .sen ? "SEN, \(days(entry.daysLate ?? 0)) efter sista dagen" : row.deadline == nil ? "mottagen" : "i tid"
            return "\(state == "mottagen" ? "mottagen" : "\(state) — mottagen") \(received), inlämning \(s.sequence) (\(s.kind.rows(s.rows))"
                + (covers > 1 ? " för \(covers) insatser)" : ")")
        }
    }

    static func days(_ n: Int) -> String { n == 1 ? "1 dag" : "\(n) dagar" }

    /// Whether the register names a last day for any row: without one, nothing is "i tid" or late, a file is
    /// only received, and no on-time rate is counted.
    static func hasDeadline(_ status: ReportingStatus) -> Bool { status.rows.contains { $0.deadline != nil } }

    /// The state as JSON and CSV write it: `mottagen` for a file received where no last day exists.
    static func stateCode(_ entry: ReportingStatus.Entry, row: ReportingStatus.Row) -> String {
        entry.state == .iTid && row.deadline == nil ? "mottagen" : entry.state.rawValue
    }

    /// A whole percent, half away from zero; "–" of nothing expected.
    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "–" : "\((200 * part + whole) / (2 * whole)) %"
    }

    // MARK: json and csv

    struct Document: Encodable {
        struct Kind: Encodable {
            var state: String
            var received: String?
            var daysLate: Int?
            var submission: Int?

            func encode(to encoder: any Encoder) throws {
                // Every key always present: null where there is nothing, so that a reader needs no special case.
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(state, forKey: .state)
                try c.encode(received, forKey: .received)
                try c.encode(daysLate, forKey: .daysLate)
                try c.encode(submission, forKey: .submission)
            }

            enum CodingKeys: String, CodingKey { case state, received, daysLate, submission }
        }

        struct Insats: Encodable {
            var id: String
            var namn: String
            var period: String
            var deadline: String?
            var kinds: [(String, Kind)]

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: JSONKey.self)
                try c.encode(id, forKey: JSONKey("id"))
                try c.encode(namn, forKey: JSONKey("namn"))
                try c.encode(period, forKey: JSONKey("period"))
                try c.encode(deadline, forKey: JSONKey("deadline"))
                for (kind, value) in kinds { try c.encode(value, forKey: JSONKey(kind)) }
            }
        }

        var period: String
        var today: String
        var expected: Int
        var received: Int
        /// `nil` when the register names no last day.
        var onTime: Int?
        var receivedRate: Double?
        var onTimeRate: Double?
        var insatser: [Insats]
        /// The decision that locks the period, if any.
        var faststalld: String?
        /// The kansli's own deadlines of the period (delårsrapport, årsredovisning, verksamhetsplan).
        var kansliet: [KanslietJSON] = []
    }

    static func json(_ status: ReportingStatus, lock: Approval?, kansliet: [KanslietsRad] = []) -> String {
        let rate = { (part: Int) in status.expected == 0 ? nil : Double(part) / Double(status.expected) }
        let document = Document(
            period: status.period.description, today: status.today.description, expected: status.expected, received: status.received,
            onTime: hasDeadline(status) ? status.onTime : nil, receivedRate: rate(status.received),
            onTimeRate: hasDeadline(status) ? rate(status.onTime) : nil,
            insatser: status.rows.map { row in
                Document.Insats(
                    id: row.insats, namn: row.namn, period: row.period.description, deadline: row.deadline?.description,
                    kinds: row.entries.map { entry in
                        (
                            entry.kind.rawValue,
                            Document.Kind(
                                state: stateCode(entry, row: row), received: entry.received.map(SwedishTime.iso),
                                daysLate: entry.daysLate, submission: entry.submission?.sequence)
                        )
                    })
            }, faststalld: lock?.text, kansliet: kansliet.map(KanslietJSON.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }

    /// One line per insats, halvår and kind, in Excel's dialect (UTF-8 with BOM, `;`, CRLF).
    static func csv(_ status: ReportingStatus) -> String {
        var out = "\u{FEFF}insats;namn;period;filtyp;lage;mottagen;dagar_sen;sista_dag;inlamning\r\n"
        for row in status.rows {
            for entry in row.entries {
                let cells = [
                    row.insats, row.namn, row.period.description, entry.kind.rawValue, stateCode(entry, row: row),
                    entry.received.map(SwedishTime.text) ?? "", entry.daysLate.map(String.init) ?? "",
                    row.deadline?.description ?? "", entry.submission.map { String($0.sequence) } ?? "",
                ]
                out += cells.map(CSVWriter.quoted(excelCell:)).joined(separator: ";") + "\r\n"
            }
        }
        return out
    }
}
