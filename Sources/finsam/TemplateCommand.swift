import Foundation
import FinsamKit

/// `finsam template deltagare|indikatorsvar|aktiviteter|uppfoljning [--format csv|xlsx] [--register R] [--insats I] [--period P] [--enkat E] [--output FILE]`.
enum TemplateCommand {
    enum Format: String, CaseIterable { case csv, xlsx }

    static let verb = Verb(
        name: "template", operands: "deltagare|indikatorsvar|aktiviteter|uppfoljning",
        summary: "skriver en tom mall: en Excel-arbetsbok eller en CSV-fil",
        options: [
            .choice(
                "format", Format.self,
                help: "csv (standard): rubrikraden för Excel; xlsx: en arbetsbok med listor att välja i och en instruktionsflik"),
            .option("register", "FIL", help: "förbundets register (forbund.json): förbund och insats fylls i från det"),
            .option("insats", "INSATS", help: "insatsens id eller namn, ifyllt på varje rad (med --register)"),
            .option("period", "PERIOD", help: "perioden, ifylld på varje rad (2023H1, 2023H2)"),
            .option(
                "enkat", "ENKÄT",
                help:
                    "för indikatorsvar: bara den enkätens frågor (personal, deltagare-avslut …; flera med komma, eller en svarandegrupp som deltagare)"
            ),
            Output.option, CatalogueOptions.indikatorer, CatalogueOptions.avslutsorsaker, CatalogueOptions.aktiviteter, CatalogueOptions.dimensioner,
        ],
        discussion: """
            Mallen har rubrikraden med filtypens kolumner (för indikatorsvar en kolumn per fråga i katalogen) och inga \
            rader. --output ersätter aldrig en ifylld fil: en fil med rader under rubrikraden vägras (slutkod 2).

            exempel:
              finsam template deltagare --output mall-deltagare.csv
              finsam template indikatorsvar --enkat personal --output mall-personal.csv
              finsam template deltagare --format xlsx --register forbund.json --insats kt-ronneby \\
                --period 2023H2 --output mall.xlsx
            """,
        run: run)

    static func run(_ arguments: Arguments) throws(CLIError) {
        guard arguments.positionals.count == 1, let kind = FileKind(rawValue: arguments.positionals[0]) else {
            throw .usage(
                "template: väntade deltagare, indikatorsvar, aktiviteter eller uppfoljning, fann \(arguments.positionals.isEmpty ? "inget" : arguments.positionals.map { "\"\($0)\"" }.joined(separator: " "))"
            )
        }
        let format: Format = try arguments.choice("format", default: .csv)
        try CommandInputs(arguments, files: []).refuse(output: arguments["output"])
        try refuseFilledIn(arguments["output"])
        var catalogues = try CatalogueOptions.catalogues(arguments)
        if let text = arguments["enkat"] {
            guard kind == .indikatorsvar else { throw .usage("--enkat gäller mallen för indikatorsvar, fann \(kind.rawValue)") }
            let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw .usage("--enkat: väntade en enkät (till exempel personal), fann inget") }
            switch catalogues.indikatorer.restricted(to: names) {
            case .success(let cut): catalogues.indikatorer = cut
            case .failure(let unknown): throw .usage("--enkat: \(unknown)")
            }
        }
        switch format {
        case .csv:
            for option in ["register", "insats", "period"] where arguments[option] != nil {
                throw .usage("--\(option) fyller i en Excel-mall: lägg till --format xlsx (en CSV-mall har bara rubrikraden)")
            }
            try Output.emit(
                Template.bytes(kind, catalogue: catalogues.indikatorer, dimensions: catalogues.templateDimensions), to: arguments["output"])
        case .xlsx:
            if arguments["output"] == nil || arguments["output"] == "-", isatty(1) == 1 {
                throw .usage("--format xlsx skriver en binär arbetsbok: ange en fil med --output, till exempel --output mall-\(kind.rawValue).xlsx")
            }
            let prefill = try prefill(arguments)
            try Output.emit(XlsxTemplate.bytes(kind, catalogues: catalogues, prefill: prefill), to: arguments["output"])
        }
    }

    /// `--register`, `--insats` and `--period`: the förbund and insats by name, the insatser for the drop-down.
    static func prefill(_ arguments: Arguments) throws(CLIError) -> XlsxTemplate.Prefill {
        var prefill = XlsxTemplate.Prefill()
        if let text = arguments["period"] {
            guard let period = Period(text) else { throw .usage("--period: väntade en period som 2023H1, 2023H2 eller 2023, fann \"\(text)\"") }
            prefill.period = period
        }
        let register = try CatalogueOptions.register(arguments)
        if let register {
            prefill.forbund = register.namn
            prefill.insatser = register.insatser.filter { prefill.period.map($0.isActive(in:)) ?? true }.map(\.namn)
            prefill.kommuner = register.kommuner ?? []
            prefill.organisationer = (register.organisationer ?? []).map(\.namn)
        }
        if let text = arguments["insats"] {
            guard let register else { throw .usage("--insats behöver --register, så att finsam vet vilka insatser förbundet har") }
            guard let insats = register.insats(named: text) else {
                throw .usage("--insats: väntade en insats i registret (\(register.insatser.map(\.id).joined(separator: ", "))), fann \"\(text)\"")
            }
            prefill.insats = insats.namn
        }
        return prefill
    }

    /// A template is empty: it never replaces a file that has rows under its header (a filled-in template).
    static func refuseFilledIn(_ path: String?) throws(CLIError) {
        guard let path, path != "-", let data = FileManager.default.contents(atPath: path) else { return }
        if ZipArchive.looksLikeZip(data) {
            guard let reader = try? InputFile.reader(bytes: [UInt8](data), fileName: path) else { return }
            var rows = 0
            _ = reader.next()
            while reader.next() {
                // Prefilled förbund, insats and period alone are not a filled-in row.
                let filled = reader.fields.indices.dropFirst(3).contains { i in !reader.string(i).trimmingCharacters(in: .whitespaces).isEmpty }
                if filled { rows += 1 }
            }
            guard rows > 0 else { return }
            throw .usage(
                "--output \(path): väntade en ny fil eller en tom mall, fann en ifylld arbetsbok med \(rows == 1 ? "1 rad" : "\(rows) rader") under rubrikraden; "
                    + "välj ett annat namn, så att den inte skrivs över")
        }
        let rows = data.split(omittingEmptySubsequences: true) { $0 == 0x0A || $0 == 0x0D }
            .filter { line in line.contains { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: ",") } }
        guard rows.count > 1 else { return }
        throw .usage(
            "--output \(path): väntade en ny fil eller en tom mall, fann en ifylld fil med \(rows.count == 2 ? "1 rad" : "\(rows.count - 1) rader") under rubrikraden; "
                + "välj ett annat namn, så att den inte skrivs över")
    }
}
