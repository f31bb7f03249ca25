import FinsamKit
import Foundation

/// `finsam report --period P [--forbund F] [--goals mal.json] [--format md|json|csv] [FILE...]`.
enum ReportCommand {
    enum Format: String, CaseIterable {
        case md, html, json, csv, uppfoljning, uppfoljningJSON = "uppfoljning-json"

        /// The formats of the published, protected report (what an approval keeps); the other two are the
        /// unprotected Uppföljning Finsam export.
        static let published: [Format] = [.md, .html, .json, .csv]
    }

    static let verb = Verb(
        name: "report", operands: "[FIL...]", summary: "halvårsrapporten, från filer eller från arkivet",
        options: [
            .option("period", "P", required: true, help: "halvåret eller året: 2023H1, 2023H2 eller 2023; flera i följd: 2022H2..2023H2"),
            .option("forbund", "F", help: "förbundet, när filerna har flera"),
            CatalogueOptions.goals,
            .choice(
                "format", Format.self,
                help: "md (standard): Markdown; html: en fristående sida att skriva ut på A4; "
                    + "json: som Schemas/report.schema.json; csv: en lång tabell för Excel; "
                    + "uppfoljning, uppfoljning-json: årets uppgifter till Uppföljning Finsam (kräver --register och ett år, oskyddat)"),
            Output.option,
            .flag("fail-on-unmet", help: "slutkod 1 när ett mål inte är uppfyllt"),
            .option("threshold", "N", help: "antal från 1 till N − 1 visas som <N (standard 5, minst 3)"),
            .flag("unsuppressed", help: "visar alla antal, även små (för kansliets eget bruk; rapporten säger det överst)"),
            .flag("draft", help: "för en fastställd period: ett nytt utkast av arkivets nuvarande filer i stället för den fastställda rapporten"),
            StoreCommands.storeOption,
            PlausibilityOptions.regler,
        ] + benchmarkOptions + CatalogueOptions.options,
        discussion: """
            Utan filer görs rapporten från arkivet (--store), med alla dess halvår så att trenderna kommer med. Små antal \
            skyddas i alla format: 1–4 visas som <5, och när en summa skulle avslöja ett dolt antal döljs ett till (..). \
            Rimlighetsvarningar skrivs på standard fel; en regel i --regler med allvarlighet fel stoppar rapporten. För en \
            period som är fastställd (finsam approve) ger report den fastställda rapporten byte för byte, med beslutet på \
            försättsbladet; --draft ger ett nytt utkast. En rapport över flera perioder i följd (--period 2022H2..2023H2) \
            räknar varje deltagare en gång, som mål över perioder gör; den jämför inte med tidigare perioder och har ingen \
            ekonomi, eftersom budgeten gäller år och halvår.

            Med --benchmark får måltabellen en kolumn med samma mål räknade över andra förbunds underlag (förbundet \
            självt räknas inte med): andelar av allas täljare och nämnare, antal summerade, skyddade som rapportens egna \
            tal. Rapportens egna tal ändras inte.

            exempel:
              finsam report --period 2023H2 --goals mal.json --register forbund.json *.csv
              finsam report --period 2023H2 --format html --output rapport.html --store arkiv
              finsam report --period 2022H2..2023H2 --goals mal.json *.csv
              finsam report --period 2023H2 --goals mal.json --benchmark andra --benchmark-register andra *.csv
            """,
        run: run)

    static func run(_ arguments: Arguments) throws(CLIError) {
        let protection = try protection(arguments)
        let span = try span(arguments)
        let period = span.period ?? span.last
        let format: Format = try arguments.choice("format", default: .md)
        if arguments["benchmark"] != nil && !Format.published.contains(format) {
            throw .usage("--benchmark: väntade --format md, html, json eller csv (jämförelsen är en kolumn i måltabellen), fann \(format.rawValue)")
        }
        if span.period == nil && !Format.published.contains(format) {
            throw .usage("--format \(format.rawValue): väntade ett år som --period (Uppföljning Finsam gäller ett år), fann \(span)")
        }
        try CommandInputs(arguments, files: arguments.positionals).refuse(output: arguments["output"])
        var catalogues = try CatalogueOptions.catalogues(arguments)
        var goals = try CatalogueOptions.goals(arguments, catalogues: catalogues)
        // From files, the goals are the command line's: say before any work that a benchmark needs them.
        if !arguments.positionals.isEmpty, goals == nil, arguments["benchmark"] != nil { throw .usage(benchmarkWithoutGoals) }
        var goalsName = arguments["goals"]
        var rules = try PlausibilityOptions.rules(arguments, catalogues: catalogues)
        // No files: the report is made from what the store holds.
        let sources: [Dataset.Source]
        let register: Register?
        let sourceNames: [String]
        var fastallelse: String?
        var approved: PublishedReport?
        if arguments.positionals.isEmpty {
            let store = try StoreCommands.store(arguments)
            let index = try StoreCommands.index(store)
            // The approved bytes only for the approved period itself (2023 is not its approved 2023H2); a run of
            // periods is never approved.
            if span.period != nil, let approval = index.lock(for: period), approval.period == period, !arguments.has("draft"),
                Format.published.contains(format)
            {
                if arguments["benchmark"] != nil {
                    throw .usage(
                        "--benchmark: den fastställda rapporten för \(period) återges byte för byte, utan jämförelse; "
                            + "lägg till --draft för ett nytt utkast med jämförelsekolumnen")
                }
                let bytes = try ApprovalCommands.approvedReport(
                    approval, store: store, index: index, format: format, protection: protection, arguments: arguments)
                try Output.emit(bytes, to: arguments["output"])
                return
            }
            fastallelse = span.period == nil ? nil : index.draftNote(for: period)
            if span.period != nil, let approved = index.approvals?.last(where: { $0.kind == .faststalld && $0.period == period }) {
                // A new draft of an approved (or approved and reopened) period: with what was approved, unless
                // the command line says otherwise, and saying so.
                let inputs = try ApprovedInputs.load(approved, store: store, arguments: arguments)
                (catalogues, goals, goalsName, rules) = (inputs.catalogues, inputs.goals, inputs.goalsName, inputs.rules)
                register = inputs.register
                if arguments["format"] != "json", let note = inputs.note(approved, draft: true) { Output.standardError(note) }
            } else {
                register = try StoreCommands.register(arguments, store: store)
            }
            // Every period, not only the report's: the trends need the earlier halvår.
            do { sources = try store.sources(for: nil) } catch { throw StoreCommands.cliError(error) }
            guard !sources.isEmpty else {
                throw .invalid([
                    Problem(
                        file: store.root, position: nil,
                        message:
                            "arkivet har inga inlämningar: lämna in filer med finsam submit (--store anger ett annat arkiv), eller ge filerna till report"
                    )
                ])
            }
            sourceNames = [storeSourceName(store, files: sources.count)]
            // Protected together with every report approved so far: what a reader already knows.
            if protection != nil { approved = try ApprovedReports.last(before: nil, store: store, index: index) }
        } else {
            register = try CatalogueOptions.register(arguments)
            sources = arguments.positionals.map { .path($0) }
            sourceNames = arguments.positionals
        }
        if !Format.published.contains(format) {
            // The kansli's registration in Uppföljning Finsam: the year's figures, unprotected, no report made.
            let (dataset, problems) = Dataset.load(sources, catalogues: catalogues, register: register)
            guard problems.isEmpty else { throw .invalid(problems) }
            return try UppfoljningFormat.emit(json: format == .uppfoljningJSON, dataset: dataset, register: register, period: period, arguments)
        }
        var report = try make(
            sources: sources, sourceNames: sourceNames, register: register, goals: goals, goalsPath: goalsName, rules: rules,
            span: span, arguments: arguments, catalogues: catalogues)
        report.fastallelse = fastallelse
        try benchmark(arguments, report: &report, goals: goals, register: register, catalogues: catalogues)
        try Output.emit(Array(try text(report, protection: protection, format: format, approved: approved).utf8), to: arguments["output"])
        if arguments.has("fail-on-unmet") {
            let unmet = report.goals.filter { $0.overall.verdict == .ejUppfyllt }.map(\.goal.id)
            if !unmet.isEmpty { throw .unmet("mål ej uppfyllda: \(unmet.joined(separator: ", "))") }
        }
    }

    /// `--threshold N` or `--unsuppressed`; the default protection otherwise.
    static func protection(_ arguments: Arguments) throws(CLIError) -> SmallCellProtection? {
        var protection: SmallCellProtection? = SmallCellProtection()
        if let text = arguments["threshold"] {
            let least = SmallCellProtection.minimumThreshold
            guard let threshold = Int(text), threshold >= least, threshold <= 1_000 else {
                throw .usage(
                    "--threshold: väntade ett heltal från \(least) till 1000, fann \"\(text)\" (under \(least) skulle skyddet inte dölja något; "
                        + "kansliets eget, oskyddade underlag fås med --unsuppressed)")
            }
            protection = SmallCellProtection(threshold: threshold)
        }
        if arguments.has("unsuppressed") { protection = nil }
        return protection
    }

    /// Reads the sources, checks the goals against them, runs the plausibility checks (printing warnings, and
    /// stopping at a broken `fel` rule) and computes the report.
    ///
    /// - Returns: the report, not yet protected.
    /// - Throws: invalid files or goals (exit 1), a broken `fel` rule (exit 1), several förbund (exit 2).
    static func make(
        sources: [Dataset.Source], sourceNames: [String], register: Register?, goals: GoalFile?, goalsPath: String?,
        rules: RuleFile?, period: Period, arguments: Arguments, catalogues: Catalogues, quiet: Bool = false
    ) throws(CLIError) -> HalvarsRapport {
        try make(
            sources: sources, sourceNames: sourceNames, register: register, goals: goals, goalsPath: goalsPath, rules: rules,
            span: PeriodSpan(period), arguments: arguments, catalogues: catalogues, quiet: quiet)
    }

    /// Like ``make(sources:sourceNames:register:goals:goalsPath:rules:period:arguments:catalogues:quiet:)``
    /// over a span: one period or a run of them (`2022H2..2023H2`).
    ///
    /// - Returns: the report, not yet protected.
    /// - Throws: as the one-period form.
    static func make(
        sources: [Dataset.Source], sourceNames: [String], register: Register?, goals: GoalFile?, goalsPath: String?,
        rules: RuleFile?, span: PeriodSpan, arguments: Arguments, catalogues: Catalogues, quiet: Bool = false
    ) throws(CLIError) -> HalvarsRapport {
        let period = span.period ?? span.last
        let (dataset, problems) = Dataset.load(sources, catalogues: catalogues, register: register)
        guard problems.isEmpty else { throw .invalid(problems) }
        try CatalogueOptions.check(goals, path: goalsPath, dataset: dataset, span: span)
        let warnings = PlausibilityOptions.check(
            dataset, focus: span.period == nil ? span.halves : [period], rules: rules, arguments: arguments, quiet: quiet)
        try PlausibilityOptions.stopOnErrors(warnings)
        do {
            // Files whose names hold personal data were refused above; the goal file's name is only printed, so
            // it is shown redacted rather than refused.
            return try HalvarsRapport.make(
                dataset: dataset, span: span, forbund: arguments["forbund"], goals: goals,
                goalsSource: goalsPath.map { PersonalDataDetector.redactedName($0) ?? $0 },
                sources: sourceNames)
        } catch {
            switch error {
            case .severalForbund, .unknownForbund: throw .usage(error.description)
            case .noData: throw .invalid([Problem(file: sourceNames.joined(separator: ", "), position: nil, message: error.description)])
            }
        }
    }

    /// The report protected and written in `format`.
    ///
    /// - Returns: the text.
    /// - Throws: an internal failure of the disclosure audit (exit 3).
    static func text(
        _ report: HalvarsRapport, protection: SmallCellProtection?, format: Format, approved: PublishedReport? = nil
    ) throws(CLIError) -> String {
        write(try publish(report, protection: protection, approved: approved), format: format)
    }

    /// The report laid out under `protection`: what every format is written from.
    ///
    /// - Returns: the published report.
    /// - Throws: an internal failure of the disclosure audit (exit 3).
    /// - Parameter approved: the last report approved before this one (``ApprovedReports``), whose counts a
    ///   reader already knows.
    static func publish(
        _ report: HalvarsRapport, protection: SmallCellProtection?, approved: PublishedReport? = nil
    ) throws(CLIError) -> PublishedReport {
        do { return try PublishedReport(report, protection: protection, approved: approved) } catch { throw .failure(error.description) }
    }

    /// - Returns: the published report in `format`.
    static func write(_ published: PublishedReport, format: Format) -> String {
        switch format {
        case .md: MarkdownReportWriter.write(published)
        case .html: HTMLReportWriter.write(published)
        case .json: JSONReportWriter.write(published)
        case .csv: CSVReportWriter.write(published)
        case .uppfoljning, .uppfoljningJSON:
            preconditionFailure("the Uppföljning Finsam export is the kansli's registration, written by UppfoljningFormat, not a published report")
        }
    }
}

extension ReportCommand {
    /// "3 filer i arkivet (mappen arkiv)": the store by its folder's name only, in a draft and an approved report
    /// alike — a report must not print where on the server the store lies. The folder is named as a folder: a store
    /// kept in a folder called "arkiv" must not read "arkivet arkiv".
    static func storeSourceName(_ store: Store, files: Int) -> String {
        let folder = URL(fileURLWithPath: store.root).standardizedFileURL.lastPathComponent
        return "\(files == 1 ? "1 fil" : "\(files) filer") i arkivet (mappen \(folder))"
    }

    /// `--period`, required, in any accepted spelling.
    static func period(_ arguments: Arguments) throws(CLIError) -> Period {
        let text = try arguments.required("period")
        guard let period = Period(text) else {
            throw .usage("--period: väntade en period som 2023H1, 2023H2 eller 2023, fann \"\(text)\"")
        }
        return period
    }

    /// `--period` for a report: one period, or a run of them (`2022H2..2023H2`, inclusive).
    static func span(_ arguments: Arguments) throws(CLIError) -> PeriodSpan {
        let text = try arguments.required("period")
        guard let span = PeriodSpan(text) else {
            throw .usage(
                "--period: väntade en period som 2023H1, 2023H2 eller 2023, eller flera i följd som 2022H2..2023H2 (den första först), fann \"\(text)\""
            )
        }
        return span
    }
}
