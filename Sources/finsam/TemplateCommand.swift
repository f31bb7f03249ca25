import FinsamKit

/// `finsam template deltagare|indikatorsvar [--output FILE]`.
enum TemplateCommand {
    static func run(_ words: [String]) throws(CLIError) {
        let arguments = try Arguments(words, flags: [], options: ["output", "indikatorer"])
        guard arguments.positionals.count == 1, let kind = FileKind(rawValue: arguments.positionals[0]) else {
            throw .usage("template: väntade deltagare eller indikatorsvar")
        }
        let catalogues = try CatalogueOptions.catalogues(arguments)
        try Output.emit(Template.bytes(kind, catalogue: catalogues.indikatorer), to: arguments["output"])
    }
}
