import Foundation
import FinsamKit

/// The store verbs: `submit`, `history`, `verify` (`status` in `StatusCommand`, `approve` and `reopen` in `ApprovalCommands`).
enum StoreCommands {
    static let storeOption = Verb.Option.option("store", "MAPP", help: "arkivet (annars $FINSAM_STORE, annars ./finsam-data)")

    static let submitVerb = Verb(
        name: "submit", operands: "FIL...", summary: "sparar kontrollerade filer i arkivet, skriver ett kvitto",
        options: [
            storeOption,
            .flag("dry-run", help: "kontrollerar och visar kvittot utan att spara något"),
            .flag("replace", help: "ersätter en inlämning även med en fil som har färre än hälften av dess deltagare eller formulär"),
            PlausibilityOptions.regler,
        ] + CatalogueOptions.options,
        discussion: """
            Varje fil kontrolleras först som med validate; är något fel sparas ingenting (slutkod 1). Giltiga filer sparas \
            byte för byte, alla eller ingen, och en senare fil för samma förbund, insats, period och filtyp ersätter den \
            tidigare; en fil som skulle ersätta en inlämning med färre än hälften av dess deltagare eller formulär vägras \
            utan --replace. Det register som arkivet först får med --register sparas i arkivet.

            exempel:
              finsam submit --store arkiv --register forbund.json deltagare-2023H1.csv indikatorsvar-2023H1.csv
            """,
        run: submit)

    static let historyVerb = Verb(
        name: "history", operands: "", summary: "alla inlämningar, även ersatta",
        options: [
            .option("insats", "I", help: "bara inlämningar för den här insatsen (id eller namn)"),
            .option("period", "P", help: "bara inlämningar för det här halvåret eller året"),
            storeOption,
            CatalogueOptions.register,
        ],
        discussion: """
            En rad per inlämning, tabbseparerad: nummer, tid, filtyp, rader, om den gäller eller har ersatts, kontrollsumma (SHA-256), \
            filnamn och vilka insatser och perioder den gäller. Därefter varje fastställelse och återöppning (finsam approve, \
            finsam reopen) med sin text: de står kvar för alltid.
            """,
        run: history)

    static let verifyVerb = Verb(
        name: "verify", operands: "", summary: "kontrollerar arkivets filer och kontrollsummor",
        options: [
            .flag(
                "repair",
                help: "för tillbaka inlämningar som indexet saknar, flyttar filer som inget nämner till hittade/ och tar bort "
                    + "avbrutna skrivningars tillfälliga filer; tar aldrig bort en inlämning"),
            storeOption,
        ],
        discussion: """
            Läser om hela arkivet och jämför varje fil med sin kontrollsumma i index.json, varje inlämning med sin post \
            (files/inlamning-N.json) och indexets kedja av kontrollsummor, så att en ändring för hand syns. Slutkod 1 och en \
            rad per fynd om något inte stämmer. Med --repair förs inlämningar som indexet har tappat (till exempel när det \
            har återställts från en äldre kopia) tillbaka från sina poster, och ett index som saknas eller inte kan läsas byggs \
            upp igen från dem; ingen inlämning tas någonsin bort.
            """,
        run: verify)

    /// The store of `--store` (or `$FINSAM_STORE`), waiting at most `$FINSAM_LOCK_TIMEOUT` seconds (60) for
    /// another process's lock, and saying so on stderr while it waits.
    static func store(_ arguments: Arguments) throws(CLIError) -> Store {
        // An empty name (`--store "$ARKIV"` with the variable unset) would make the root folder the store.
        if arguments["store"]?.isEmpty == true {
            throw .usage("--store: väntade arkivets mapp, fann ett tomt namn; ange mappen, till exempel --store finsam-data")
        }
        if !ProcessControl.environmentIsUTF8("FINSAM_STORE") {
            throw .usage("FINSAM_STORE: väntade en mapp vars namn är UTF-8, fann andra byte; byt namn på mappen eller ange den med --store")
        }
        var store = Store.resolve(arguments["store"])
        // A store inside another store's folders would be counted as that store's files, and break it.
        if let folder = FileSystem.canonicalPath(AtomicFile.directory(of: store.root)) ?? FileSystem.canonicalPath("."),
            let outer = CommandInputs.enclosingStore(of: folder)
        {
            throw .usage("arkivet \(store.root): väntade en mapp utanför andra arkiv, fann att den ligger i arkivet \(outer); välj en annan mapp")
        }
        if let text = ProcessInfo.processInfo.environment["FINSAM_LOCK_TIMEOUT"], !text.isEmpty {
            guard let seconds = Double(text.replacingOccurrences(of: ",", with: ".")), seconds >= 0, seconds <= Store.maximumLockTimeout else {
                throw .usage(
                    "FINSAM_LOCK_TIMEOUT: väntade hur många sekunder finsam ska vänta på arkivets lås, från 0 till \(Int(Store.maximumLockTimeout)) "
                        + "(ett dygn), till exempel 60, fann \"\(text)\"")
            }
            store.lockTimeout = seconds
        }
        store.onLockWait = { Output.standardError($0) }
        if let problem = Clock.problem { throw .usage(problem) }
        return store
    }

    /// The store of ``store(_:)``, which must exist: a folder with an index. A store that is not there is an
    /// error (exit 1), not an empty answer.
    static func existingStore(_ arguments: Arguments) throws(CLIError) -> Store {
        let store = try store(arguments)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: store.root, isDirectory: &isFolder) && isFolder.boolValue
        guard exists, FileManager.default.fileExists(atPath: store.root + "/index.json") else {
            throw .invalid([
                Problem(
                    file: store.root, position: nil,
                    message:
                        "väntade ett finsam-arkiv, fann \(exists ? "en mapp utan index.json" : "ingen mapp") — ange rätt arkiv med --store eller "
                        + "FINSAM_STORE, eller lämna in de första filerna med finsam submit --store \(store.root)")
            ])
        }
        return store
    }

    /// `--register FILE`, else the register kept in the store.
    static func register(_ arguments: Arguments, store: Store) throws(CLIError) -> Register? {
        if let register = try CatalogueOptions.register(arguments) { return register }
        // Checked as `--register` is: the store's copy may predate a check or have been replaced by hand.
        guard FileManager.default.fileExists(atPath: store.registerPath) else { return nil }
        // Not through a link or from a pipe: the store's own file, a regular file in it.
        guard (try? FileSystem.status(store.registerPath, followingLinks: false))?.kind == .regular else {
            throw .failure(
                "\(store.registerPath): väntade arkivets register som en vanlig fil, fann en länk, ett rör eller en mapp; ta bort den och lämna in registret igen (finsam submit --register forbund.json)"
            )
        }
        do { return try Register.load(from: store.registerPath) } catch { throw .invalid(error.problems) }
    }

    static func cliError(_ failure: Store.Failure) -> CLIError {
        switch failure {
        case .invalid(let problems): .invalid(problems)
        case .io(let message), .damaged(let message): .failure(message)
        }
    }

    static func index(_ store: Store) throws(CLIError) -> StoreIndex {
        do { return try store.index() } catch { throw cliError(error) }
    }

    // MARK: submit

    static func submit(_ arguments: Arguments) throws(CLIError) {
        guard !arguments.positionals.isEmpty else { throw .usage("submit behöver minst en fil") }
        let options = Store.SubmitOptions(dryRun: arguments.has("dry-run"), allowShrinking: arguments.has("replace"))
        let store = try store(arguments)
        let catalogues = try CatalogueOptions.catalogues(arguments)
        let register = try register(arguments, store: store)
        let rules = try PlausibilityOptions.rules(arguments, catalogues: catalogues)
        var uploads: [Store.Upload] = []
        var unreadable: [Problem] = []
        for path in arguments.positionals {
            do {
                uploads.append(Store.Upload(bytes: try FileSystem.contents(atPath: path), name: path))
            } catch {
                unreadable.append(Problem(file: path, position: nil, message: FileSystem.unreadable(error), isIOFailure: true))
            }
        }
        guard unreadable.isEmpty else { throw .invalid(unreadable) }
        let receipts: [Store.Receipt]
        do { receipts = try store.submit(uploads, catalogues: catalogues, register: register, options: options) } catch {
            // All or nothing: say that nothing was kept, so that no one wonders which files went in.
            let failure = cliError(error)
            guard case .invalid(let problems) = failure, !problems.contains(where: { $0.message.hasSuffix("inget sparades") }) else {
                throw failure
            }
            FinsamCommandLine.report(failure, words: [], json: false)
            Output.standardError(Self.nothingStored)
            throw .quiet(failure.exitCode)
        }
        Output.standardOutput(receipts.map { receipt($0, store: store, register: register) }.joined(separator: "\n"))
        // The plausibility of the halvår the files report on, with what the store already holds (the halvår before).
        let periods = Set(receipts.flatMap { $0.submission.keys.map(\.period) }).sorted()
        let sources: [Dataset.Source]
        if options.dryRun {
            sources = uploads.map { .bytes($0.bytes, name: $0.name) }
        } else {
            // The files above are stored: another file of the store that cannot be read (named by `verify`)
            // makes this check impossible, not the submit a failure (exit 0, said as a warning).
            do { sources = try store.sources(for: nil) } catch {
                let advice = error.description.contains("finsam verify") ? "" : "; kör finsam verify"
                Output.standardError(
                    "varning: filerna ovan är sparade, men rimlighetskontrollen gjordes inte: en tidigare sparad fil kan inte läsas: "
                        + "\(error.description)\(advice)\n")
                return
            }
        }
        let (dataset, _) = Dataset.load(sources, catalogues: catalogues, register: register)
        // Only the insatser of the files given are judged for missing deltagare: the others may not have sent yet.
        let submitted = Set(receipts.flatMap { $0.submission.keys.map { register?.insats(named: $0.insats)?.id ?? $0.insats } })
        PlausibilityOptions.check(
            dataset, focus: periods, rules: rules, arguments: arguments,
            registerName: arguments["register"] ?? store.registerPath, judgedInsatser: submitted)
    }

    /// The last line of a refused submit: the store is as it was.
    static let nothingStored = "finsam: inget sparades, arkivet är som förut\n"

    /// The receipt of one file: what it holds in words, where it went, what it replaced. Insatser and förbund
    /// by the register's names where it knows them (a receipt is read by people, not matched by programs).
    ///
    /// - Returns: the receipt's lines.
    static func receipt(_ r: Store.Receipt, store: Store, register: Register? = nil) -> String {
        let s = r.submission
        let insats = { (text: String) in register?.insats(named: text)?.namn ?? text }
        let forbund = { (text: String) in register.flatMap { $0.names(text) ? $0.namn : nil } ?? text }
        if r.unchanged {
            let received = "\(s.displayName): redan mottagen som inlämning \(s.sequence) (\(swedishTime(s.receivedAt))), samma innehåll"
            guard r.restored else { return received + " — inget ändrat\n" }
            return received
                + (r.dryRun
                    ? " — den sparade kopian saknas eller är ändrad och skulle återställas från filen (provkörning, inget sparat)\n"
                    : " — den sparade kopian saknades eller var ändrad och är återställd från filen (en ändrad kopia ligger i hittade/)\n")
        }
        // Forms without kön are counted too, so that the line adds up to the file.
        let withoutKon = s.kind == .indikatorsvar ? s.rows - s.perKon.values.reduce(0, +) : 0
        let kon =
            r.perKonTold
            ? Kon.allCases.map { "\($0.plural.lowercased()) \(s.perKon[$0.code] ?? 0)" }.joined(separator: ", ")
                + (withoutKon > 0 ? ", utan kön \(withoutKon)" : "")
            : "uppgift saknas (ingen rad anger deltagande per kön)"
        let saved =
            r.dryRun
            ? "inlämning \(s.sequence) om den lämnas in — provkörning (--dry-run), inget sparat"
            : "inlämning \(s.sequence), \(store.root)/\(s.file), \(swedishTime(s.receivedAt))"
        var text = """
            \(r.dryRun ? "kvitto (provkörning)" : "kvitto"): \(s.displayName)
              innehåll:  \(contents(s))
              förbund:   \(Set(s.keys.map { forbund($0.forbund) }).sorted().joined(separator: ", "))
              insatser:  \(Set(s.keys.map { insats($0.insats) }).sorted().joined(separator: ", "))
              period:    \(Set(s.keys.map(\.period)).sorted().map(\.description).joined(separator: ", "))
              filtyp:    \(s.kind.rawValue), \(s.kind.rows(s.rows)), \(s.file.hasSuffix(".xlsx") ? "Excel-arbetsbok" + (s.sheet.map { ", bladet \($0)" } ?? "") : s.encoding)
              per kön:   \(kon)
              SHA-256:   \(s.sha256)
              \(r.dryRun ? "sparas som" : "sparad:   ") \(saved)

            """
        for old in r.superseded {
            text += "  ersätter:  inlämning \(old.previous) för \(insats(old.key.insats)) \(old.key.period)\n"
        }
        return text
    }

    /// A time of the store's index (UTC) as a person reads it: "2024-02-14 16:00 (svensk tid)".
    static func swedishTime(_ utc: String, suffix: Bool = true) -> String {
        SwedishTime.parse(utc).map { SwedishTime.text($0) + (suffix ? " (svensk tid)" : "") } ?? utc
    }

    /// What a file holds, in words: "14 deltagare: 8 kvinnor, 5 män, 1 annat; 6 avslutade", or
    /// "12 formulär: 5 kvinnor, 6 män, 1 annat".
    static func contents(_ s: StoreIndex.Submission) -> String {
        func count(_ kon: Kon) -> String {
            let n = s.perKon[kon.code] ?? 0
            return "\(n) \(n == 1 ? kon.code : kon.plural.lowercased())"
        }
        let perKon = Kon.allCases.map(count).joined(separator: ", ")
        switch s.kind {
        case .deltagare:
            let total = s.perKon.values.reduce(0, +)
            return "\(total) deltagare: \(perKon)" + (s.avslutade.map { "; \($0) avslutade" } ?? "")
        case .indikatorsvar:
            let withoutKon = s.rows - s.perKon.values.reduce(0, +)
            return "\(s.rows) formulär: \(perKon)" + (withoutKon > 0 ? ", \(withoutKon) utan kön" : "")
        case .aktiviteter:
            return "\(s.kind.rows(s.rows)) med aktiviteter"
        case .uppfoljning:
            return "\(s.perKon.values.reduce(0, +)) uppföljda: \(perKon)"
        }
    }

    // MARK: history

    static func history(_ arguments: Arguments) throws(CLIError) {
        let period = try arguments["period"].map { text throws(CLIError) in
            guard let p = Period(text) else { throw .usage("--period: väntade en period som 2023H1, fann \"\(text)\"") }
            return p
        }
        let store = try existingStore(arguments)
        let index = try index(store)
        let register = try register(arguments, store: store)
        let current = index.current
        // An insats by id or name, as a file may have named it either way.
        let wanted = arguments["insats"].map { register?.insats(named: $0)?.id ?? TextFolding.fold($0) }
        func id(_ insats: String) -> String { register?.insats(named: insats)?.id ?? TextFolding.fold(insats) }
        func matches(_ insats: String) -> Bool {
            guard let wanted else { return true }
            return id(insats) == wanted
        }
        if let asked = arguments["insats"], let wanted {
            // An insats the store and the register do not know is a mistake, not an empty history.
            let known = Set(index.submissions.flatMap { $0.keys.map { id($0.insats) } } + (register?.insatser.map(\.id) ?? [])).sorted()
            if !known.contains(wanted) {
                let close = known.filter { $0.contains(wanted) || wanted.contains($0) }
                throw .usage(
                    "--insats \(asked): väntade en insats i arkivet eller registret (\(known.joined(separator: ", "))), fann ingen som heter så"
                        + (close.isEmpty ? "" : "; menade du \(close.joined(separator: " eller "))?"))
            }
        }
        var text = ""
        for s in index.submissions {
            let keys = s.keys.filter { key in (period.map { key.period == $0 } ?? true) && matches(key.insats) }
            guard !keys.isEmpty else { continue }
            // By the register's names, as receipts and status name them: a person reads this list.
            let units = keys.map { "\(register?.insats(named: $0.insats)?.namn ?? $0.insats) \($0.period)" }.joined(separator: ", ")
            // Per unit and respondent group: a staff survey leaves the deltagare survey current.
            let slots = keys.flatMap { key in s.slotGroups(key).map { StoreIndex.Slot(key: key, kind: s.kind, group: $0) } }
            let currentSlots = slots.filter { current[$0]?.sequence == s.sequence }
            let state = currentSlots.count == slots.count ? "gäller" : currentSlots.isEmpty ? "ersatt" : "delvis ersatt"
            text +=
                "\(s.sequence)\t\(swedishTime(s.receivedAt, suffix: false))\t\(s.kind.rawValue + (s.staffGroups.isEmpty ? "" : " (\(s.staffGroups.map(\.rawValue).joined(separator: ", ")))"))\t\(s.rows)\t\(state)\t\(String(s.sha256.prefix(12)))\t\(s.displayName)\t\(units)\n"
        }
        text =
            text.isEmpty
            ? "Inga inlämningar.\n" : "nr\tmottagen (svensk tid)\tfiltyp\trader\tläge\tkontrollsumma (sha256)\tfil\tinsats och period\n" + text
        let events = (index.approvals ?? []).filter { event in period.map { event.overlaps($0) } ?? true }
        if !events.isEmpty {
            text += "\nnr\ttid (svensk tid)\thändelse\tperiod\ttext\n"
            for e in events { text += "\(e.sequence)\t\(swedishTime(e.at, suffix: false))\t\(e.kind.label)\t\(e.period)\t\(oneLine(e.text))\n" }
        }
        Output.standardOutput(text)
    }

    /// A text kept in the store as one line of `history`: a line break or tab (which a store written before they
    /// were refused may hold) is shown as `\n` or `\t`, so that it cannot forge a line or a column.
    static func oneLine(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}":
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    // MARK: verify

    static func verify(_ arguments: Arguments) throws(CLIError) {
        let verifier = StoreVerifier(store: try store(arguments))
        if arguments.has("repair") {
            do {
                for done in try verifier.repair() {
                    switch done {
                    case .removed(let finding):
                        Output.standardOutput("borttagen: \(finding.path) (tillfällig fil från en avbruten skrivning)\n")
                    case .restored(let submission):
                        Output.standardOutput(
                            "återförd till indexet: inlämning \(submission.sequence) (\(submission.displayName), mottagen \(submission.receivedAt))\n"
                        )
                    case .restoredEvent(let event):
                        Output.standardOutput(
                            "återförd till indexet: händelse \(event.sequence) (\(event.kind.label) \(event.period): \(oneLine(event.text)))\n")
                    case .moved(let finding, let destination):
                        Output.standardOutput(
                            "flyttad till hittade/: \(finding.path) → \(destination) (inget i arkivet nämnde den; se \(destination).txt)\n")
                    case .rebuilt(let submissions, let events, let movedIndex):
                        Output.standardOutput(
                            "uppbyggt: index.json från inlämningarnas poster, \(submissions) inlämningar och \(events) händelser"
                                + (movedIndex.map { "; det oläsliga indexet ligger i \($0)" } ?? "") + "\n")
                    case .chained:
                        Output.standardOutput("kedjad: indexets händelser har nu kontrollsummor som visar en ändring för hand\n")
                    }
                }
            } catch { throw cliError(error) }
        }
        let all: [StoreVerifier.Finding]
        do { all = try verifier.findings() } catch { throw cliError(error) }
        let notes = all.filter(\.isNote), findings = all.filter { !$0.isNote }
        Output.standardError(notes.map { $0.description + "\n" }.joined())
        guard findings.isEmpty else {
            Output.standardError(findings.map { $0.description + "\n" }.joined())
            throw .quiet(1)
        }
        let index = try index(verifier.store)
        Output.standardOutput("\(verifier.store.root): ok — \(index.submissions.count) inlämningar, alla filer och kontrollsummor stämmer\n")
    }
}
