import FinsamKit

/// `finsam report --period P [--forbund F] [--goals mal.json] [--format md|json|csv] [FILE...]`.
enum ReportCommand {
    enum Format: String, CaseIterable { case md, html, json, csv, uppfoljning, uppfoljningJSON = "uppfoljning-json" }

    static let verb = Verb(
        name: "report", operands: "[FIL...]", summary: "halvårsrapporten, från filer eller från arkivet",
        options: [
            .option("period", "P", required: true, help: "halvåret eller året: 2023H1, 2023H2 eller 2023"),
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
            StoreCommands.storeOption,
        ] + CatalogueOptions.options,
        discussion: """
            Utan filer görs rapporten från arkivet (--store), med alla dess halvår så att trenderna kommer med. Små antal \
            skyddas i alla format: 1–4 visas som <5, och när en summa skulle avslöja ett dolt antal döljs ett till (..).

            exempel:
              finsam report --period 2023H2 --goals mal.json --register forbund.json *.csv
              finsam report --period 2023H2 --format html --output rapport.html --store arkiv
            """,
        run: run)

    static func run(_ arguments: Arguments) throws(CLIError) {
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
        let period = try period(arguments)
        let format: Format = try arguments.choice("format", default: .md)
        if arguments.positionals.isEmpty {
            let root = Store.resolve(arguments["store"]).root
            try Output.refuseInput(arguments["output"], inputs: CatalogueOptions.files(arguments), folders: [root, root + "/files"])
        } else {
            try Output.refuseInput(arguments["output"], inputs: arguments.positionals + CatalogueOptions.files(arguments))
        }
        let catalogues = try CatalogueOptions.catalogues(arguments)
        let goals = try CatalogueOptions.goals(arguments, catalogues: catalogues)
        // No files: the report is made from what the store holds.
        let sources: [Dataset.Source]
        let register: Register?
        let sourceNames: [String]
        if arguments.positionals.isEmpty {
            let store = try StoreCommands.store(arguments)
            register = try StoreCommands.register(arguments, store: store)
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
            sourceNames = ["arkivet \(store.root) (\(sources.count) filer)"]
        } else {
            register = try CatalogueOptions.register(arguments)
            sources = arguments.positionals.map { .path($0) }
            sourceNames = arguments.positionals
        }
        let (dataset, problems) = Dataset.load(sources, catalogues: catalogues, register: register)
        guard problems.isEmpty else { throw .invalid(problems) }
        try CatalogueOptions.check(goals, path: arguments["goals"], dataset: dataset, period: period)
        if format == .uppfoljning || format == .uppfoljningJSON {
            return try UppfoljningFormat.emit(json: format == .uppfoljningJSON, dataset: dataset, register: register, period: period, arguments)
        }
        let report: HalvarsRapport
        do {
            // Files whose names hold personal data were refused above; the goal file's name is only printed, so
            // it is shown redacted rather than refused.
            report = try HalvarsRapport.make(
                dataset: dataset, period: period, forbund: arguments["forbund"], goals: goals,
                goalsSource: arguments["goals"].map { PersonalDataDetector.redactedName($0) ?? $0 },
                sources: sourceNames)
        } catch {
            switch error {
            case .severalForbund, .unknownForbund: throw .usage(error.description)
            case .noData: throw .invalid([Problem(file: sourceNames.joined(separator: ", "), position: nil, message: error.description)])
            }
        }
        let published: PublishedReport
        do { published = try PublishedReport(report, protection: protection) } catch { throw .failure(error.description) }
        let text: String
        switch format {
        case .md: text = MarkdownReportWriter.write(published)
        case .html: text = HTMLReportWriter.write(published)
        case .json: text = JSONReportWriter.write(published)
        case .csv: text = CSVReportWriter.write(published)
        case .uppfoljning, .uppfoljningJSON: return  // written above
        }
        try Output.emit(Array(text.utf8), to: arguments["output"])
        if arguments.has("fail-on-unmet") {
            let unmet = report.goals.filter { $0.overall.verdict == .ejUppfyllt }.map(\.goal.id)
            if !unmet.isEmpty { throw .unmet("mål ej uppfyllda: \(unmet.joined(separator: ", "))") }
        }
    }
}

extension ReportCommand {
    /// `--period`, required, in any accepted spelling.
    static func period(_ arguments: Arguments) throws(CLIError) -> Period {
        let text = try arguments.required("period")
        guard let period = Period(text) else {
            throw .usage("--period: väntade en period som 2023H1, 2023H2 eller 2023, fann \"\(text)\"")
        }
        return period
    }
}
