import Foundation
import FinsamKit

/// `finsam validate FILE...`: every problem of every file, gcc-style, and a line per valid file.
enum ValidateCommand {
    enum Format: String, CaseIterable { case text, json }

    static func run(_ words: [String]) throws(CLIError) {
        let arguments = try Arguments(words, flags: [], options: CatalogueOptions.names.union(["format", "annotate"]))
        let format: Format = try arguments.choice("format", default: .text)
        guard !arguments.positionals.isEmpty else { throw .usage("validate behöver minst en fil") }
        if let annotate = arguments["annotate"] {
            guard arguments.positionals.count == 1 else {
                throw .usage("--annotate \(annotate): väntade en fil att skriva en kopia av, fann \(arguments.positionals.count); kontrollera en fil i taget")
            }
            try Output.refuseInput(annotate, inputs: arguments.positionals + CatalogueOptions.files(arguments))
        }
        let catalogues = try CatalogueOptions.catalogues(arguments)
        let register = try CatalogueOptions.register(arguments)
        var decoder = RecordDecoder(catalogues: catalogues, register: register)
        let files = decoder.check(arguments.positionals)
        if let annotate = arguments["annotate"], let file = files.first {
            try writeAnnotated(file, to: annotate)
        }
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

extension ValidateCommand {
    /// `--annotate OUT`: a copy of the file with an `x_fel` column holding each row's problems.
    static func writeAnnotated(_ file: FileSummary, to path: String) throws(CLIError) {
        guard let data = FileManager.default.contents(atPath: file.file) else { return }
        let bytes: [UInt8]
        do { bytes = try AnnotatedCopy.bytes(of: [UInt8](data), problems: file.problems, fileName: file.file) } catch { throw .invalid([error]) }
        try Output.emit(bytes, to: path)
        let count = file.problems.count + file.problemsNotShown
        Output.standardError("\(file.file): kopia med \(count == 0 ? "inga fel" : count == 1 ? "1 fel" : "\(count) fel") i kolumnen \(AnnotatedCopy.header): \(path)\n")
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
