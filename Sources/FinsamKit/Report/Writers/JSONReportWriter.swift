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
            var c = encoder.container(keyedBy: JSONKey.self)
            if let label { try c.encode(label.value, forKey: JSONKey(label.key)) }
            let share = figure.share
            // No file of the goal's kind for its period ("inga uppgifter"): no counts at all, not 0 of 0.
            let none = hidden || figure.verdict == .ingaUppgifter
            try c.encode(none ? nil : share.numerator, forKey: JSONKey("numerator"))
            try c.encode(none ? nil : (figure.kind == .count || figure.ofCount ? nil : share.denominator), forKey: JSONKey("denominator"))
            try c.encode(none ? nil : figure.value, forKey: JSONKey("value"))
            try c.encode(
                none ? nil : (figure.kind == .count ? nil : figure.kind == .change ? figure.changePoints : share.percent),
                forKey: JSONKey("percent"))
            try c.encode(none ? nil : figure.interval.map { [$0.low, $0.high] }, forKey: JSONKey("ci"))
            try c.encode(hidden ? nil : figure.verdict.rawValue, forKey: JSONKey("verdict"))
            try c.encode(hidden ? nil : figure.isUncertain, forKey: JSONKey("uncertain"))
            if figure.kind == .change, !none, let current = figure.current, let baseline = figure.baseline {
                try c.encode(ShareObject(share: current, isCount: figure.ofCount), forKey: JSONKey("current"))
                try c.encode(ShareObject(share: baseline, isCount: figure.ofCount), forKey: JSONKey("baseline"))
            }
            try c.encode(hidden, forKey: JSONKey("suppressed"))
        }
    }

    /// A change goal's share in one of its periods; for the change of a count, the count (`numerator`, the
    /// rest `null`).
    struct ShareObject: Encodable {
        var share: Share
        var isCount = false
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: JSONKey.self)
            try c.encode(share.numerator, forKey: JSONKey("numerator"))
            try c.encode(isCount ? nil : share.denominator, forKey: JSONKey("denominator"))
            try c.encode(share.value, forKey: JSONKey("value"))
            try c.encode(share.percent, forKey: JSONKey("percent"))
            try c.encode(share.interval.map { [$0.low, $0.high] }, forKey: JSONKey("ci"))
        }
    }

    struct Goal: Encodable {
        var result: GoalResult
        var hidden: Bool
        var perKon: [Figure]
        var perInsats: [Figure]
        /// With `--benchmark`: the goal over the other förbund's data, `.some(nil)` when they had none of it.
        var benchmark: Figure?? = nil

        func encode(to encoder: any Encoder) throws {
            try Figure(figure: result.overall, hidden: hidden).encode(to: encoder)
            var c = encoder.container(keyedBy: JSONKey.self)
            if let benchmark {
                if let figure = benchmark {
                    try c.encode(figure, forKey: JSONKey("benchmark"))
                } else {
                    try c.encodeNil(forKey: JSONKey("benchmark"))
                }
            }
            try c.encode(result.goal.id, forKey: JSONKey("id"))
            try c.encode(result.goal.title, forKey: JSONKey("title"))
            if let short = result.goal.shortTitle { try c.encode(short, forKey: JSONKey("shortTitle")) }
            try c.encode(result.kind.rawValue, forKey: JSONKey("kind"))
            if let target = result.goal.goalTarget {
                try c.encode(target, forKey: JSONKey("target"))
            } else {
                try c.encodeNil(forKey: JSONKey("target"))
            }
            try c.encode(result.targetText, forKey: JSONKey("targetText"))
            try c.encode(result.scopeText, forKey: JSONKey("scopeText"))
            try c.encode(result.periodText, forKey: JSONKey("periodText"))
            // A coverage's or a milestone's figure in words, and the units a coverage misses (issue #27 item 6).
            // (A goal with no data says so by its verdict, inga-uppgifter, with no status.)
            if let status = result.overall.statusText, result.overall.verdict != .ingaUppgifter {
                try c.encode(result.goal.measure.type.rawValue, forKey: JSONKey("measure"))
                try c.encode(status, forKey: JSONKey("status"))
            }
            if let missing = result.overall.missing { try c.encode(missing, forKey: JSONKey("missing")) }
            try c.encode(result.minN, forKey: JSONKey("minN"))
            try c.encode(perKon, forKey: JSONKey("perKon"))
            try c.encode(perInsats, forKey: JSONKey("perInsats"))
        }
    }

    struct Cell: Encodable {
        var cell: PublishedCell
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: JSONKey.self)
            try c.encode(cell.number, forKey: JSONKey("value"))
            try c.encode(cell.text, forKey: JSONKey("text"))
            try c.encode(cell.suppressed, forKey: JSONKey("suppressed"))
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
        /// What the table leaves out for want of data, and why.
        var omitted: String?
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
        var benchmark: Benchmark?
    }

    /// What `--benchmark` compared with: the column's header, the förbund pooled, and the periods when the
    /// command line chose them (else the goals' own).
    struct Benchmark: Encodable {
        var label: String
        var forbund: [String]
        var period: String?
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
                },
                benchmark: report.benchmark.map { benchmark in
                    benchmark.figures[g].map { Figure(figure: $0, hidden: published.benchmarkHidden[g]) }
                })
        }
        let tables = published.tables.map { table in
            Table(
                id: table.id, title: table.title, note: table.note, columns: table.columnKeys,
                rows: table.rows.map { row in
                    Row(
                        key: row.key, label: row.label,
                        cells: Dictionary(zip(table.columnKeys, row.cells.map(Cell.init)).filter { !$0.1.cell.text.isEmpty }) { a, _ in a })
                }, omitted: table.omittedNote)
        }
        return encode(
            Document(
                forbund: report.forbundNamn, period: report.span.description, sources: report.sources,
                smallCellThreshold: published.protection?.threshold, goals: goals, tables: tables,
                fastallelse: report.fastallelse,
                benchmark: report.benchmark.map { Benchmark(label: $0.header, forbund: $0.forbund, period: $0.span?.description) }))
    }

    /// Pretty, key-sorted JSON: stable output that diffs well between runs.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
