import FinsamKit

/// `report --benchmark FILES|DIR` (DOMAIN §8): a column of the goal table with the same goals over other
/// förbund's data, read as `aggregate --goals` reads many förbund (each folder with its own `dimensioner.json`,
/// each file with the register that names its förbund).
extension ReportCommand {
    static let benchmarkOptions: [Verb.Option] = [
        .option(
            "benchmark", "FILER|MAPP",
            help: "andra förbunds filer eller mappar (kommaseparerade): målen räknas också över deras underlag, i en kolumn "
                + "\"Jämförelse\" i måltabellen, skyddad som resten (kräver --goals)"),
        .option(
            "benchmark-register", "R",
            help: "jämförelseförbundens register: ett, flera kommaseparerade eller en mapp med forbund*.json"),
        .option(
            "benchmark-period", "P",
            help: "jämförelsen över den här perioden eller dessa perioder (2015..2021) i stället för rapportens och målens egna"),
    ]

    static let benchmarkWithoutGoals = "--benchmark: väntade --goals mal.json (jämförelsen gäller målen), fann inga mål"

    /// The benchmark the command line asks for, computed over its files.
    ///
    /// - Returns: `nil` without `--benchmark`.
    /// - Throws: a usage error (no goals, a period that cannot be read; exit 2), invalid files (exit 1).
    static func benchmark(
        _ arguments: Arguments, report: inout HalvarsRapport, goals: GoalFile?, register: Register?, catalogues: Catalogues
    ) throws(CLIError) {
        guard let text = arguments["benchmark"] else {
            for option in ["benchmark-register", "benchmark-period"] where arguments[option] != nil {
                throw .usage("--\(option): väntade --benchmark FILER|MAPP att jämföra med, fann inget")
            }
            return
        }
        guard let goals else { throw .usage(benchmarkWithoutGoals) }
        let span = try arguments["benchmark-period"].map { text throws(CLIError) -> PeriodSpan in
            guard let span = PeriodSpan(text) else {
                throw .usage("--benchmark-period: väntade en period som 2023H2 eller 2023, eller flera i följd som 2015..2021, fann \"\(text)\"")
            }
            return span
        }
        let operands = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !operands.isEmpty else { throw .usage("--benchmark: väntade filer eller mappar med andra förbunds underlag, fann inga") }
        let (found, missing) = AggregateRun.files(in: operands)
        guard missing.isEmpty else { throw .invalid(missing) }
        try CommandInputs(arguments, files: found).refuse(output: arguments["output"])
        let (registers, single) = try AggregateCommand.registers(arguments["benchmark-register"], option: "--benchmark-register")
        let units = try AggregateCommand.units(
            found, operands: operands, arguments: arguments, catalogues: catalogues, registers: registers, single: single)
        var datasets: [Dataset] = [], problems: [Problem] = []
        for unit in units {
            let (dataset, invalid) = Dataset.load(unit.files.map(Dataset.Source.path), catalogues: unit.catalogues, register: unit.register)
            datasets.append(dataset)
            problems += invalid
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        report.compare(with: datasets, goals: goals, span: span, register: register)
    }
}
