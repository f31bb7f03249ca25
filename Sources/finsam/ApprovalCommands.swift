import Foundation
import FinsamKit

/// `finsam approve` and `finsam reopen` (DOMAIN §11): the styrelse's decision locks a period in the store
/// with the exact files, goals and report it approved; a reopening unlocks it, and both stay in `history`.
enum ApprovalCommands {
    static let approveVerb = Verb(
        name: "approve", operands: "", summary: "fastställer en period efter styrelsens beslut, låser den",
        options: [
            .option("period", "P", required: true, help: "halvåret eller året som styrelsen har fastställt"),
            .option("beslut", "TEXT", required: true, help: "beslutet, som det ska stå på rapporten: \"styrelsen 2024-02-20 § 12\""),
            CatalogueOptions.goals,
            .option("forbund", "F", help: "förbundet, när arkivet har flera"),
            StoreCommands.storeOption,
            PlausibilityOptions.regler,
        ] + CatalogueOptions.options,
        discussion: """
            Sparar i arkivet beslutet, vilka filer rapporten bygger på (med SHA-256), målfilen, registret och den \
            fastställda rapporten i alla format (md, html, json, csv), byte för byte; allt eller inget. Därefter vägras \
            inlämningar för perioden, och finsam report ger den fastställda rapporten. finsam reopen låser upp.

            exempel:
              finsam approve --store arkiv --period 2023H2 --beslut "styrelsen 2024-02-20 § 12" --goals mal.json
            """,
        run: approve)

    static let reopenVerb = Verb(
        name: "reopen", operands: "", summary: "återöppnar en fastställd period; skälet sparas",
        options: [
            .option("period", "P", required: true, help: "den fastställda perioden"),
            .option("reason", "TEXT", required: true, help: "varför perioden öppnas igen"),
            StoreCommands.storeOption,
        ],
        discussion: """
            Perioden tar emot inlämningar igen; fastställelsen och återöppningen står kvar i finsam history. En rapport \
            för perioden säger därefter att den är ett nytt utkast.

            exempel:
              finsam reopen --store arkiv --period 2023H2 --reason "rättad deltagarfil från Ronneby"
            """,
        run: reopen)

    /// A required text option that must say something.
    static func text(_ arguments: Arguments, _ option: String) throws(CLIError) -> String {
        let text = try arguments.required(option).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .usage("--\(option): väntade en text, fann en tom") }
        // Kept for ever and printed one per line in `history`: a line break or tab would forge a line or a column.
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            let name =
                control == "\n" || control == "\r" || control == "\u{2028}" || control == "\u{2029}"
                ? "en radbrytning" : control == "\t" ? "en tabb" : "ett styrtecken"
            throw .usage("--\(option): väntade texten på en rad, fann \(name); skriv den utan radbrytningar och tabbar")
        }
        // The text is kept in the store for ever and printed on reports: no personal data may enter it (checked
        // as configuration texts are).
        if let message = ConfigurationText.message(for: text) { throw .usage("--\(option): \(message)") }
        return text
    }

    static func bytes(_ path: String) throws(CLIError) -> [UInt8] {
        do { return try FileSystem.contents(atPath: path) } catch {
            throw .invalid([Problem(file: path, position: nil, message: FileSystem.unreadable(error), isIOFailure: true)])
        }
    }

    // MARK: approve

    static func approve(_ arguments: Arguments) throws(CLIError) {
        let period = try ReportCommand.period(arguments)
        let beslut = try text(arguments, "beslut")
        let store = try StoreCommands.existingStore(arguments)
        // A period approved before and reopened is approved again with what was approved then (its goals,
        // register, rules and catalogues), unless the command line gives its own, and saying so: a styrelse
        // that read the draft made with them must not get a report without its goals.
        let previous = try StoreCommands.index(store).approvals?.last { $0.kind == .faststalld && $0.period == period }
        let recorded = try previous.map { approval throws(CLIError) in try ApprovedInputs.load(approval, store: store, arguments: arguments) }
        let catalogues: Catalogues, goals: GoalFile?, rules: RuleFile?, register: Register?
        if let recorded {
            (catalogues, goals, rules, register) = (recorded.catalogues, recorded.goals, recorded.rules, recorded.register)
        } else {
            catalogues = try CatalogueOptions.catalogues(arguments)
            goals = try CatalogueOptions.goals(arguments, catalogues: catalogues)
            rules = try PlausibilityOptions.rules(arguments, catalogues: catalogues)
            register = try StoreCommands.register(arguments, store: store)
        }
        if let recorded, let previous, let note = recorded.note(previous, draft: false, verb: "approve") { Output.standardError(note) }
        /// The file for `role`: the command line's, else the one the earlier approval kept (by its name then).
        func input(_ option: String, role: String) -> (path: String, name: String?)? {
            if let given = arguments[option] { return (given, nil) }
            guard let artefact = previous?.artefact(role) else { return nil }
            return (store.root + "/" + artefact.file, artefact.name ?? artefact.file)
        }
        // The files the report was computed with, kept beside it.
        var kept: [Store.ApprovalArtefact] = []
        for (role, option) in [
            ("mal", "goals"), ("register", "register"), ("regler", "regler"), ("avslutsorsaker", "avslutsorsaker"),
            ("indikatorer", "indikatorer"), ("aktiviteter", "aktiviteter"), ("dimensioner", "dimensioner"),
        ] {
            let file = input(option, role: role) ?? (role == "register" && register != nil ? (store.registerPath, nil) : nil)
            guard let file else { continue }
            // The store's own register by its name in the store, never by where the store lies.
            let name =
                file.name
                ?? (file.path == store.registerPath && arguments["register"] == nil
                    ? "forbund.json i arkivet" : PersonalDataDetector.redactedName(file.path) ?? file.path)
            kept.append(Store.ApprovalArtefact(role: role, fileExtension: "json", name: name, bytes: try bytes(file.path)))
        }
        // Protected together with every report approved so far: what a reader already knows.
        let earlier = try ApprovedReports.last(before: nil, store: store, index: try StoreCommands.index(store))
        var emptyGoals: [String] = []
        let render = { (sources: [Dataset.Source], approval: Approval) throws(CLIError) -> [Store.ApprovalArtefact] in
            var report = try ReportCommand.make(
                sources: sources, sourceNames: [ReportCommand.storeSourceName(store, files: sources.count)], register: register, goals: goals,
                goalsPath: arguments["goals"] ?? recorded?.goalsName, rules: rules, period: period, arguments: arguments, catalogues: catalogues)
            report.fastallelse = approval.coverText
            emptyGoals = report.goals.filter { $0.overall.verdict == .ingaUppgifter }.map(\.goal.displayTitle)
            var artefacts = kept
            // Protected once, written in every format: the four files publish the same cells.
            let published = try ReportCommand.publish(report, protection: SmallCellProtection(), approved: earlier)
            for format in ReportCommand.Format.published {
                let text = ReportCommand.write(published, format: format)
                artefacts.append(
                    Store.ApprovalArtefact(role: "rapport.\(format.rawValue)", fileExtension: format.rawValue, name: nil, bytes: Array(text.utf8)))
            }
            return artefacts
        }
        var failure: CLIError?
        let approval: Approval
        do throws(Store.Failure) {
            approval = try store.approve(period: period, beslut: beslut) { (sources, approval) throws(Store.Failure) -> [Store.ApprovalArtefact] in
                do throws(CLIError) { return try render(sources, approval) } catch {
                    failure = error
                    throw Store.Failure.io("rapporten kunde inte göras")
                }
            }
        } catch {
            throw failure ?? StoreCommands.cliError(error)
        }
        let files = approval.files ?? []
        let when = SwedishTime.parse(approval.at).map(SwedishTime.text) ?? approval.at
        var text = """
            Perioden \(period) är fastställd: \(beslut)
              registrerad:  \(when) (svensk tid), händelse \(approval.sequence) i arkivet \(store.root)
              filer:        \(files.count) inlämningar (nr \(files.map { String($0.sequence) }.joined(separator: ", "))), med SHA-256

            """
        for artefact in approval.artefacts ?? [] where !artefact.role.hasPrefix("rapport.") {
            let word = artefactWords[artefact.role] ?? artefact.role
            text +=
                "  \((word + ":").padding(toLength: 13, withPad: " ", startingAt: 0)) \(artefact.name ?? "") (SHA-256 \(artefact.sha256.prefix(12))…)\n"
        }
        text += "  rapport:      md, html, json och csv; finsam report --period \(period) --store \(store.root) ger den byte för byte\n"
        text += "Inlämningar för \(period) vägras tills perioden återöppnas: finsam reopen --store \(store.root) --period \(period) --reason \"…\"\n"
        Output.standardOutput(text)
        let status = ReportingStatus(
            index: try StoreCommands.index(store), register: register, period: period, forbund: arguments["forbund"], now: Clock.now())
        if let warning = completenessWarning(status: status, emptyGoals: emptyGoals, period: period, store: store) {
            Output.standardError(warning)
        }
    }

    /// The kept files by what they are, in words: the role `mal` is the goal file, "mål".
    static let artefactWords = [
        "mal": "mål", "register": "register", "regler": "regler", "avslutsorsaker": "avslutsorsaker", "indikatorer": "indikatorer",
    ]

    // MARK: reopen

    static func reopen(_ arguments: Arguments) throws(CLIError) {
        let period = try ReportCommand.period(arguments)
        let reason = try text(arguments, "reason")
        let store = try StoreCommands.existingStore(arguments)
        let events: [Approval]
        do { events = try store.reopen(period: period, reason: reason) } catch { throw StoreCommands.cliError(error) }
        var text = ""
        for event in events {
            let when = SwedishTime.parse(event.at).map(SwedishTime.text) ?? event.at
            text += """
                Perioden \(event.period) är återöppnad: \(reason)
                  registrerad:  \(when) (svensk tid), händelse \(event.sequence); fastställelsen och återöppningen står kvar i finsam history

                """
        }
        if events.count > 1 || events.first?.period != period {
            // --period 2023 over an approved 2023H1 and 2023H2, or 2023H1 in an approved year: say what was reopened.
            let periods = events.map(\.period.description)
            let listed = periods.count > 1 ? periods.dropLast().joined(separator: ", ") + " och " + periods[periods.count - 1] : periods[0]
            text += "--period \(period) återöppnade \(listed), som \(periods.count > 1 ? "var fastställda" : "var fastställd").\n"
        }
        text += "Inlämningar tas emot igen; en rapport för perioden är ett nytt utkast tills den fastställs på nytt.\n"
        Output.standardOutput(text)
    }

    // MARK: the approved report

    /// The approved report of `approval` in `format`: the bytes kept at approval with the default protection;
    /// with `--threshold` or `--unsuppressed`, computed anew from the approved files, goals, register, rules and
    /// catalogues (issue #25), never the command line's.
    ///
    /// - Returns: the report's bytes.
    /// - Throws: a usage error when the command asks for other goals, register or catalogues than the approved ones.
    static func approvedReport(
        _ approval: Approval, store: Store, index: StoreIndex, format: ReportCommand.Format,
        protection: SmallCellProtection?, arguments: Arguments
    ) throws(CLIError) -> [UInt8] {
        for option in ["goals", "register"] where arguments[option] != nil {
            throw .usage(
                "--\(option): perioden \(approval.period) är fastställd (\(approval.text)) och rapporten görs med de fastställda filerna; "
                    + "ta bort --\(option), eller be om ett nytt utkast med --draft")
        }
        for option in ApprovedInputs.catalogueOptions where arguments[option] != nil {
            throw .usage(
                "--\(option): perioden \(approval.period) är fastställd (\(approval.text)) och rapporten görs med de kataloger som fastställdes; "
                    + "ta bort --\(option), eller be om ett nytt utkast med --draft")
        }
        if arguments["threshold"] == nil, protection != nil, let kept = approval.artefact("rapport.\(format.rawValue)") {
            return try contents(kept, store: store)
        }
        // Computed anew with exactly what was approved: its catalogues, goals, register and rules.
        let approved = try ApprovedInputs.load(approval, store: store, arguments: arguments)
        if arguments["format"] != "json", let note = approved.note(approval, draft: false) { Output.standardError(note) }
        let sources: [Dataset.Source]
        do { sources = try store.sources(of: approval.files ?? [], index: index) } catch { throw StoreCommands.cliError(error) }
        var report = try ReportCommand.make(
            sources: sources, sourceNames: [ReportCommand.storeSourceName(store, files: sources.count)], register: approved.register,
            goals: approved.goals, goalsPath: approval.artefact("mal")?.name, rules: approved.rules, period: approval.period, arguments: arguments,
            catalogues: approved.catalogues, quiet: true)
        // With another limit it is not the approved report, and its cover says so (without one, OSKYDDAD does).
        report.fastallelse = approval.coverText
        if let protection, arguments["threshold"] != nil {
            report.fastallelse =
                "Inte den fastställda rapporten: beräknad på nytt ur det fastställda underlaget med skyddsgränsen \(protection.threshold) "
                + "(den fastställda har \(SmallCellProtection().threshold)). \(approval.coverText)"
        }
        let earlier = protection == nil ? nil : try ApprovedReports.last(before: approval.sequence, store: store, index: index)
        return Array(try ReportCommand.text(report, protection: protection, format: format, approved: earlier).utf8)
    }

    static func contents(_ artefact: Approval.Artefact, store: Store) throws(CLIError) -> [UInt8] {
        do { return try store.contents(of: artefact) } catch { throw StoreCommands.cliError(error) }
    }
}
