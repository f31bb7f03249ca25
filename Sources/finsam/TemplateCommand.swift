import Foundation
import FinsamKit

/// `finsam template deltagare|indikatorsvar [--output FILE]`.
enum TemplateCommand {
    static let verb = Verb(
        name: "template", operands: "deltagare|indikatorsvar", summary: "skriver en tom mall för Excel (UTF-8 med BOM, ;, CRLF)",
        options: [Output.option, CatalogueOptions.indikatorer],
        discussion: """
            Mallen har rubrikraden med filtypens kolumner (för indikatorsvar en kolumn per fråga i katalogen) och inga \
            rader. --output ersätter aldrig en ifylld fil: en fil med rader under rubrikraden vägras (slutkod 2).

            exempel:
              finsam template deltagare --output mall-deltagare.csv
            """,
        run: run)

    static func run(_ arguments: Arguments) throws(CLIError) {
        guard arguments.positionals.count == 1, let kind = FileKind(rawValue: arguments.positionals[0]) else {
            throw .usage("template: väntade deltagare eller indikatorsvar")
        }
        try Output.refuseInput(arguments["output"], inputs: CatalogueOptions.files(arguments))
        try refuseFilledIn(arguments["output"])
        let catalogues = try CatalogueOptions.catalogues(arguments)
        try Output.emit(Template.bytes(kind, catalogue: catalogues.indikatorer), to: arguments["output"])
    }

    /// A template is empty: it never replaces a file that has rows under its header (a filled-in template).
    static func refuseFilledIn(_ path: String?) throws(CLIError) {
        guard let path, path != "-", let data = FileManager.default.contents(atPath: path) else { return }
        let rows = data.split(omittingEmptySubsequences: true) { $0 == 0x0A || $0 == 0x0D }
            .filter { line in line.contains { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: ",") } }
        guard rows.count > 1 else { return }
        throw .usage(
            "--output \(path): väntade en ny fil eller en tom mall, fann en ifylld fil med \(rows.count == 2 ? "1 rad" : "\(rows.count - 1) rader") under rubrikraden; "
                + "välj ett annat namn, så att den inte skrivs över")
    }
}
