import FinsamKit

/// `finsam validate FILE...`: every problem of every file, gcc-style, and a line per valid file.
enum ValidateCommand {
    enum Format: String, CaseIterable { case text, json }

    static func run(_ words: [String]) throws(CLIError) {
        let arguments = try Arguments(words, flags: [], options: CatalogueOptions.names.union(["format"]))
        let format: Format = try arguments.choice("format", default: .text)
        guard !arguments.positionals.isEmpty else { throw .usage("validate behöver minst en fil") }
        let catalogues = try CatalogueOptions.catalogues(arguments)
        let register = try CatalogueOptions.register(arguments)
        var decoder = RecordDecoder(catalogues: catalogues, register: register)
        let files = decoder.check(arguments.positionals)
        if format == .text {
            for file in files where file.isValid {
                Output.standardOutput("\(file.file): ok — \(FileDescription.describe(file))\n")
            }
        }
        let problems = files.flatMap { file in
            file.problems + (file.problemsNotShown > 0
                ? [Problem(file: file.file, position: nil, message: "och \(file.problemsNotShown) problem till i samma fil")] : [])
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        if format == .json { Output.standardError("[]\n") }
    }
}

/// "deltagare, 143 rader, UTF-8, semikolon".
enum FileDescription {
    static func describe(_ file: FileSummary) -> String {
        let kind = file.kind?.rawValue ?? "okänd filtyp"
        let unit = file.kind == .indikatorsvar ? "formulär" : "rader"
        let delimiter = file.delimiter == UInt8(ascii: ";") ? "semikolon" : "komma"
        if let sheet = file.sheet { return "\(kind), \(file.rows) \(unit), Excel-arbetsbok, bladet \(sheet)" }
        return "\(kind), \(file.rows) \(unit), \((file.encoding ?? .utf8).name), \(delimiter)"
    }
}
