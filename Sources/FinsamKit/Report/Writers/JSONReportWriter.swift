import Foundation

/// The report as JSON for other programs (DOMAIN §10, schema `Schemas/report.schema.json`): the goals with
/// unrounded values beside the rounded percents, every share with its n and interval, overall, per kön and
/// per insats; then every table of the report as keyed cells. Counts hidden by small-cell protection are
/// `null` with `"suppressed": true`, and so is every figure computed from them, the verdict included.
public enum JSONReportWriter {
    struct Figure: Encodable {
        var label: (key: String, value: String)?
        var figure: GoalFigure
        var hidden: Bool

        /// Written key by key so that `value`, `ci` and hidden counts appear as `null` rather than missing. A
        /// share has its numerator and denominator; a count is its own numerator (`value` = `numerator`, no
        /// `ci`); a change has the difference as `value`, its Newcombe interval, and both shares.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            if let label { try c.encode(label.value, forKey: Key(label.key)) }
            let share = figure.share
            try c.encode(hidden ? nil : share.numerator, forKey: Key("numerator"))
            try c.encode(hidden ? nil : (figure.kind == .count ? nil : share.denominator), forKey: Key("denominator"))
            try c.encode(hidden ? nil : figure.value, forKey: Key("value"))
            try c.encode(
                hidden ? nil : (figure.kind == .count ? nil : figure.kind == .change ? figure.changePoints : share.percent), forKey: Key("percent"))
            try c.encode(hidden ? nil : figure.interval.map { [$0.low, $0.high] }, forKey: Key("ci"))
            try c.encode(hidden ? nil : figure.verdict.rawValue, forKey: Key("verdict"))
            if figure.kind == .change, !hidden, let current = figure.current, let baseline = figure.baseline {
                try c.encode(ShareObject(share: current), forKey: Key("current"))
                try c.encode(ShareObject(share: baseline), forKey: Key("baseline"))
            }
            try c.encode(hidden, forKey: Key("suppressed"))
        }
    }

    /// A change goal's share in one of its periods.
    struct ShareObject: Encodable {
        var share: Share
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(share.numerator, forKey: Key("numerator"))
            try c.encode(share.denominator, forKey: Key("denominator"))
            try c.encode(share.value, forKey: Key("value"))
            try c.encode(share.percent, forKey: Key("percent"))
            try c.encode(share.interval.map { [$0.low, $0.high] }, forKey: Key("ci"))
        }
    }

    struct Goal: Encodable {
        var result: GoalResult
        var hidden: Bool
        var perKon: [Figure]
        var perInsats: [Figure]

        func encode(to encoder: any Encoder) throws {
            try Figure(figure: result.overall, hidden: hidden).encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(result.goal.id, forKey: Key("id"))
            try c.encode(result.goal.title, forKey: Key("title"))
            if let short = result.goal.shortTitle { try c.encode(short, forKey: Key("shortTitle")) }
            try c.encode(result.kind.rawValue, forKey: Key("kind"))
            if let target = result.goal.goalTarget { try c.encode(target, forKey: Key("target")) } else { try c.encodeNil(forKey: Key("target")) }
            try c.encode(result.targetText, forKey: Key("targetText"))
            try c.encode(result.scopeText, forKey: Key("scopeText"))
            try c.encode(result.periodText, forKey: Key("periodText"))
            try c.encode(result.minN, forKey: Key("minN"))
            try c.encode(perKon, forKey: Key("perKon"))
            try c.encode(perInsats, forKey: Key("perInsats"))
        }
    }

    struct Cell: Encodable {
        var cell: PublishedCell
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(cell.number, forKey: Key("value"))
            try c.encode(cell.text, forKey: Key("text"))
            try c.encode(cell.suppressed, forKey: Key("suppressed"))
        }
    }

    struct Row: Encodable {
        var key: String
        var label: String
        var cells: [String: Cell]
    }

    struct Table: Encodable {
        var id: String
        var title: String
        var note: String?
        var columns: [String]
        var rows: [Row]
    }

    struct Document: Encodable {
        var version = 1
        var forbund: String
        var period: String
        var sources: [String]
        var smallCellThreshold: Int?
        var goals: [Goal]
        var tables: [Table]
        var fastallelse: String?
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Writes `published` as JSON; hidden counts, and figures computed from them, come out as the
    /// published cells say.
    ///
    ///     let text = JSONReportWriter.write(try PublishedReport(report, protection: SmallCellProtection()))
    ///
    /// - Returns: one JSON document (schema `Schemas/report.schema.json`).
    public static func write(_ published: PublishedReport) -> String {
        let report = published.report
        let goals = report.goals.enumerated().map { g, result in
            Goal(
                result: result, hidden: published.goalHidden[g],
                perKon: result.perKon.enumerated().map {
                    Figure(label: ("kon", $1.kon?.code ?? "uppgift-saknas"), figure: $1.figure, hidden: published.goalKonHidden[g][$0])
                },
                perInsats: result.perInsats.enumerated().map {
                    Figure(label: ("insats", report.insatsNamn[$1.insats] ?? "?"), figure: $1.figure, hidden: published.goalInsatsHidden[g][$0])
                })
        }
        let tables = published.tables.map { table in
            Table(
                id: table.id, title: table.title, note: table.note, columns: table.columnKeys,
                rows: table.rows.map { row in
                    Row(
                        key: row.key, label: row.label,
                        cells: Dictionary(zip(table.columnKeys, row.cells.map(Cell.init)).filter { !$0.1.cell.text.isEmpty }) { a, _ in a })
                })
        }
        return encode(
            Document(
                forbund: report.forbundNamn, period: report.period.description, sources: report.sources,
                smallCellThreshold: published.protection?.threshold, goals: goals, tables: tables,
                fastallelse: report.fastallelse))
    }

    /// Pretty, key-sorted JSON: stable output that diffs well between runs.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
