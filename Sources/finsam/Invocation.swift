/// What a command line asks finsam to do, before anything is done: parsed from the words after `finsam`
/// against the verb table, so that tests can check it without starting a process.
///
///     try Invocation(["report", "--help"])              // .help(ReportCommand.verb)
///     try Invocation(["validate", "--", "-a.csv"])      // .run(ValidateCommand.verb, positionals ["-a.csv"])
enum Invocation {
    /// `finsam --help`, `finsam -h`, `finsam help`: every verb.
    case usage
    /// `finsam VERB --help`, `finsam VERB -h`, `finsam help VERB`.
    case help(Verb)
    /// `finsam --version`.
    case version
    case run(Verb, Arguments)

    /// - Throws: `CLIError.usage` when no verb or an unknown verb is given, or the verb's words do not parse.
    init(_ words: [String]) throws(CLIError) {
        guard let first = words.first else { throw .usage("ange ett verb") }
        switch first {
        case "--help", "-h":
            self = .usage
        case "--version":
            self = .version
        case "help":
            guard words.count > 1 else { self = .usage; return }
            self = .help(try Self.verb(words[1]))
        default:
            let verb = try Self.verb(first)
            let rest = words.dropFirst()
            // Help wins over any other mistake on the line, as long as it comes before `--`.
            if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
                self = .help(verb)
            } else {
                self = .run(verb, try Arguments(Array(rest), verb: verb))
            }
        }
    }

    /// The verb named `name`.
    static func verb(_ name: String) throws(CLIError) -> Verb {
        if let verb = Verbs.named(name) { return verb }
        guard !name.hasPrefix("-") else { throw .usage("väntade ett verb före flaggorna, fann \(name)") }
        if let near = Verbs.all.map(\.name).min(by: { Arguments.distance($0, name) < Arguments.distance($1, name) }),
            Arguments.distance(near, name) <= 2
        {
            throw .usage("okänt verb \"\(name)\"; menade du \(near)?")
        }
        throw .usage("okänt verb \"\(name)\" (verben är \(Arguments.list(Verbs.all.map(\.name))))")
    }
}
