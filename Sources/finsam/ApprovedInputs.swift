import FinsamKit

/// What an approval kept beside its report — the catalogues, goals, register and rules it was computed with —
/// loaded again (issue #25 item 18, issue #26 item 8): the approved report computed anew (`--threshold`,
/// `--unsuppressed`) uses exactly these, and a new draft of an approved (or approved and reopened) period uses
/// each of them unless the command line gives its own.
struct ApprovedInputs {
    /// The catalogue options, each kept with an approval under its own name.
    static let catalogueOptions = ["avslutsorsaker", "indikatorer", "aktiviteter", "dimensioner"]

    var catalogues: Catalogues
    var goals: GoalFile?
    /// The goal file's name as the report shows it.
    var goalsName: String?
    var register: Register?
    var rules: RuleFile?
    /// The files taken from the approval, in words ("målen mal.json"), for the note that says so.
    var used: [String] = []

    /// Loads each input from the command line when it names one, else from `approval` (checked against the
    /// SHA-256 it was kept with), else — for the register only — from the store.
    ///
    /// - Returns: the inputs to compute the report with.
    /// - Throws: a changed or missing approved file (exit 3), an input that does not read (exit 1).
    static func load(_ approval: Approval, store: Store, arguments: Arguments) throws(CLIError) -> ApprovedInputs {
        var used: [String] = []
        func path(_ option: String, role: String, words: String) throws(CLIError) -> String? {
            if let given = arguments[option] { return given }
            guard let artefact = approval.artefact(role) else { return nil }
            _ = try ApprovalCommands.contents(artefact, store: store)
            used.append("\(words) \(artefact.name ?? artefact.file)")
            return store.root + "/" + artefact.file
        }
        let catalogues: Catalogues
        let paths = (
            avslutsorsaker: try path("avslutsorsaker", role: "avslutsorsaker", words: "avslutsorsakerna"),
            indikatorer: try path("indikatorer", role: "indikatorer", words: "indikatorerna"),
            aktiviteter: try path("aktiviteter", role: "aktiviteter", words: "aktiviteterna"),
            dimensioner: try path("dimensioner", role: "dimensioner", words: "dimensionerna")
        )
        do {
            catalogues = try Catalogues.load(
                avslutsorsaker: paths.avslutsorsaker, indikatorer: paths.indikatorer, aktiviteter: paths.aktiviteter, dimensioner: paths.dimensioner)
        } catch { throw .invalid(error.problems) }
        var inputs = ApprovedInputs(catalogues: catalogues)
        if let goals = try path("goals", role: "mal", words: "målen") {
            do { inputs.goals = try GoalFile.load(goals, catalogues: catalogues) } catch { throw .invalid(error.problems) }
            inputs.goalsName = arguments["goals"] ?? approval.artefact("mal")?.name
        }
        if let register = try path("register", role: "register", words: "registret") {
            do { inputs.register = try Register.load(from: register) } catch { throw .invalid(error.problems) }
        } else {
            inputs.register = try StoreCommands.register(arguments, store: store)
        }
        if let rules = try path("regler", role: "regler", words: "reglerna") {
            do { inputs.rules = try RuleFile.load(rules, catalogues: catalogues) } catch { throw .invalid(error.problems) }
        }
        inputs.used = used
        return inputs
    }

    /// "report: utkastet görs med målen mal.json och registret forbund.json från fastställelsen …", or `nil`
    /// when nothing was taken from the approval.
    ///
    /// - Returns: the line to print on standard error.
    func note(_ approval: Approval, draft: Bool, verb: String = "report") -> String? {
        guard !used.isEmpty else { return nil }
        let what = draft ? "utkastet" : "rapporten"
        let options = (["goals", "register", "regler"] + Self.catalogueOptions).map { "--\($0)" }
        let listed = used.count > 1 ? used.dropLast().joined(separator: ", ") + " och " + used[used.count - 1] : used[0]
        return "\(verb): \(what) görs med \(listed) från fastställelsen \(approval.sequence) (\(approval.text))"
            + (draft ? "; ange \(Arguments.list(options)) för att använda andra\n" : "\n")
    }
}
