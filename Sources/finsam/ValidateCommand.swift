import Foundation
import FinsamKit

/// `finsam validate FILE...`: every problem of every file, gcc-style, and a line per valid file.
enum ValidateCommand {
    enum Format: String, CaseIterable { case text, json }

    static let formatOption = Verb.Option.choice(
        "format", Format.self,
        help: "text (standard): en rad per giltig fil på standard ut, problemen på standard fel; "
            + "json: problemen som en JSON-lista på standard fel ([] när allt är giltigt)")

    static let verb = Verb(
        name: "validate", operands: "FIL...", summary: "kontrollerar filer; skriver varje problem som FIL:RAD:KOL",
        options: [
            formatOption,
            .option(
                "annotate", "KOPIA",
                help: "skriver en kopia av filen (samma format) med felen i kolumnen x_fel, som Excel öppnar; "
                    + "en fil i taget"),
            PlausibilityOptions.regler,
        ] + CatalogueOptions.options,
        discussion: """
            Läser deltagare-, indikatorsvars- och aktivitetsfiler (Excel-arbetsböcker, .xlsx, eller CSV från Excel: ; eller , UTF-8 eller Windows-1252) och skriver för varje \
            giltig fil dess filtyp, antal rader, teckenkodning och avgränsare. Varje problem skrivs med sin plats, alla problem \
            i en fil, inte bara det första. Slutkod 1 om någon fil är ogiltig, 3 om en fil inte kan läsas. Är filerna \
            giltiga körs rimlighetskontrollerna (och --regler) över dem: varningar på standard fel, samma slutkod.

            exempel:
              finsam validate --register forbund.json deltagare-2023H1.csv indikatorsvar-2023H1.csv
            """,
        run: run)

    static func run(_ arguments: Arguments) throws(CLIError) {
        let format: Format = try arguments.choice("format", default: .text)
        guard !arguments.positionals.isEmpty else { throw .usage("validate behöver minst en fil") }
        if let annotate = arguments["annotate"] {
            guard arguments.positionals.count == 1 else {
                throw .usage(
                    "--annotate \(JSONFile.displayName(annotate)): väntade en fil att skriva en kopia av, fann \(arguments.positionals.count); kontrollera en fil i taget"
                )
            }
            try CommandInputs(arguments, files: arguments.positionals).refuse(output: annotate, option: "--annotate")
        }
        let catalogues = try CatalogueOptions.catalogues(arguments)
        let register = try CatalogueOptions.register(arguments)
        var decoder = RecordDecoder(catalogues: catalogues, register: register)
        let folders = arguments.positionals.filter(isFolder)
        let files = decoder.check(arguments.positionals.filter { !isFolder($0) })
        if let annotate = arguments["annotate"], let file = files.first {
            try writeAnnotated(file, to: annotate)
        }
        if format == .text {
            for file in files where file.isValid {
                Output.standardOutput("\(file.file): ok — \(FileDescription.describe(file))\n")
            }
        }
        let problems =
            folders.map(folderGiven)
            + files.flatMap { file in
                file.problems
                    + [Problem.notShown(file.problemsNotShown, in: file.file)].compactMap { $0 }
            }
        guard problems.isEmpty else { throw .invalid(problems) }
        if format == .json {
            Output.standardError("[]\n")
        } else {
            let rules = try PlausibilityOptions.rules(arguments, catalogues: catalogues)
            let (dataset, _) = Dataset.load(arguments.positionals.map { .path($0) }, catalogues: catalogues, register: register)
            // Only the insatser in the files are judged for missing deltagare, as `submit --dry-run` judges them.
            PlausibilityOptions.check(
                dataset, focus: nil, rules: rules, arguments: arguments, judgedInsatser: PlausibilityOptions.insatser(of: dataset))
        }
    }
}

extension ValidateCommand {
    /// Whether `path` names a folder (following links, as reading it would).
    static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// A folder where a file was expected: `validate` checks the files it is given, so say how to give the
    /// files in it, and that `aggregate` is the verb that reads folders. Exit 3, as for any path that is not a
    /// file to read.
    static func folderGiven(_ path: String) -> Problem {
        var folder = path
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return Problem(
            file: path, position: nil,
            message: "väntade en fil, fann en mapp: ge filerna i den (finsam validate \(folder)/*.csv \(folder)/*.xlsx), "
                + "eller läs hela mappen med finsam aggregate \(folder)",
            isIOFailure: true)
    }

    /// `--annotate OUT`: a copy of the file with an `x_fel` column holding each row's problems.
    static func writeAnnotated(_ file: FileSummary, to path: String) throws(CLIError) {
        guard let data = FileManager.default.contents(atPath: file.file) else { return }
        let bytes: [UInt8]
        do { bytes = try AnnotatedCopy.bytes(of: [UInt8](data), problems: file.problems, fileName: file.file) } catch { throw .invalid([error]) }
        try Output.emit(bytes, to: path, announce: false)
        let count = file.problems.count + file.problemsNotShown
        Output.standardError(
            "\(file.file): kopia med \(count == 0 ? "inga fel" : count == 1 ? "1 fel" : "\(count) fel") i kolumnen \(AnnotatedCopy.header): \(JSONFile.displayName(path))\n"
        )
    }
}

/// "deltagare, 143 rader, UTF-8, semikolon".
enum FileDescription {
    static func describe(_ file: FileSummary) -> String {
        let kind = file.kind?.rawValue ?? "okänd filtyp"
        let rows = (file.kind ?? .deltagare).rows(file.rows)
        let delimiter = file.delimiter == UInt8(ascii: ";") ? "semikolon" : "komma"
        if let sheet = file.sheet { return "\(kind), \(rows), Excel-arbetsbok, bladet \(sheet)" }
        return "\(kind), \(rows), \((file.encoding ?? .utf8).name), \(delimiter)"
    }
}
