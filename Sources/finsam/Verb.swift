/// One verb of the command line, declared once: the parser, `finsam VERB --help` and the global usage are all
/// derived from it, so what the help promises and what the parser accepts cannot drift apart.
///
///     static let verb = Verb(
///         name: "validate", operands: "FIL...", summary: "kontrollerar filer",
///         options: [.format(ValidateCommand.Format.self)] + CatalogueOptions.options,
///         run: ValidateCommand.run)
struct Verb: Sendable {
    /// A `--name VALUE` option, or a `--name` flag when `value` is `nil`.
    struct Option: Sendable {
        var name: String
        /// What the value is called in the help (`P`, `FIL`); `nil` for a flag.
        var value: String?
        /// The accepted values of a closed set (`--format md|html|json|csv`), checked while parsing.
        var choices: [String] = []
        var isRequired = false
        var help: String

        var isFlag: Bool { value == nil }

        /// `--period P`, `--format md|html|json|csv`, `--repair`.
        var spelling: String {
            guard let value else { return "--\(name)" }
            return "--\(name) \(choices.isEmpty ? value : choices.joined(separator: "|"))"
        }

        static func flag(_ name: String, help: String) -> Option {
            Option(name: name, value: nil, help: help)
        }

        static func option(_ name: String, _ value: String, required: Bool = false, help: String) -> Option {
            Option(name: name, value: value, isRequired: required, help: help)
        }

        /// An option whose value is one of `T`'s cases; the first case is listed first, the default is said in `help`.
        static func choice<T: RawRepresentable<String> & CaseIterable>(_ name: String, _ type: T.Type, help: String) -> Option {
            Option(name: name, value: name.uppercased(), choices: T.allCases.map(\.rawValue), help: help)
        }
    }

    var name: String
    /// What follows the options in the synopsis: `FIL...`, `[FIL...]`, `deltagare|indikatorsvar`, or nothing.
    var operands: String
    /// One line, shown in the global usage and at the top of the verb's help.
    var summary: String
    var options: [Option]
    /// Prose after the options in `finsam VERB --help`: what the verb reads, where it writes, an example.
    var discussion: String
    var run: @Sendable (Arguments) throws(CLIError) -> Void

    func option(named name: String) -> Option? {
        options.first { $0.name == name }
    }
}
