import Foundation
import FinsamKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `finsam aggregate [--by KEYS] [--format csv|json] [--kind K] [--on-error stop|skip] [--jobs N] [--register R] [--goals G] FILE|DIR...`.
enum AggregateCommand {
    enum OnError: String, CaseIterable { case stop, skip }

    static let verb = Verb(
        name: "aggregate", operands: "FIL|MAPP...", summary: "analytikerns sammanställning över många filer",
        options: [
            .option(
                "by", "NYCKLAR",
                help: "grupperar efter \(Arguments.list(AggregateField.allCases.map(\.rawValue))) eller en bakgrundsdimension "
                    + "(malgrupp, forsorjning_fore …), kommaseparerade"),
            .choice("format", AggregateWriter.Format.self, help: "csv (standard): en tabell; json: alla filtypernas tabeller"),
            .choice("kind", FileKind.self, help: "tar bara med filer av den här filtypen"),
            .choice("on-error", OnError.self, help: "stop (standard): ogiltiga rader stoppar körningen (slutkod 1); skip: de hoppas över och räknas"),
            .option("jobs", "N", help: "antal trådar (standard: en per kärna)"),
            .option(
                "goals", "FIL",
                help: "målfiler (mal.json, flera med komma, eller en mapp med mal*.json): varje mål per förbund och grupp av "
                    + "--by (forbund, period, insats eller kon) med täljare, nämnare, värde, intervall och bedömning"),
            Output.option,
        ] + CatalogueOptions.options,
        discussion: """
            Läser filer och mappar (rekursivt, *.csv, alla tre filtyperna) och skriver långa tabeller, sorterade. CSV rymmer \
            en tabell: har indata flera filtyper, välj en med --kind eller använd --format json. En sammanfattning \
            skrivs på standard fel. Filer som aggregate själv har skrivit hoppas över. Aktiviteter summeras alltid per \
            förbund, insats, period, aktivitet, part och kön (--by gäller deltagare och indikatorsvar).

            Med --goals läses raderna (inte bara antalen), eftersom målen behöver formulären: varje förbunds målfil (dess \
            "forbund") gäller dess data, en målfil utan "forbund" alla förbunds. --register kan vara flera register \
            (kommaseparerade) eller en mapp med forbund*.json: varje fil läses med registret som känner dess förbund. En \
            mapp med en egen dimensioner.json (andra åldersgrupper) läses med den.

            exempel:
              finsam aggregate --by forbund,period,kon --format json data/
              finsam aggregate --goals SampleData --register SampleData --by forbund,period SampleData/
            """,
        run: run)

    static func run(_ arguments: Arguments) throws(CLIError) {
        let format: AggregateWriter.Format = try arguments.choice("format", default: .csv)
        let onError: OnError = try arguments.choice("on-error", default: .stop)
        let kind: FileKind? = arguments["kind"].flatMap(FileKind.init(rawValue:))
        var options = AggregateRun.Options()
        options.skipInvalid = onError == .skip
        options.kind = kind
        if let text = arguments["jobs"] {
            guard let jobs = Int(text), jobs >= 1 else { throw .usage("--jobs: väntade ett heltal ≥ 1, fann \"\(text)\"") }
            options.jobs = jobs
        }
        guard !arguments.positionals.isEmpty else { throw .usage("aggregate behöver filer eller mappar") }
        let catalogues = try CatalogueOptions.catalogues(arguments)
        if arguments["goals"] != nil {
            let files = try inputFiles(arguments)
            let (registers, single) = try registers(arguments)
            let units = try units(
                files, operands: arguments.positionals, arguments: arguments, catalogues: catalogues, registers: registers, single: single)
            return try runGoals(arguments, units: units, format: format)
        }
        if let text = arguments["by"] {
            var fields = Set<AggregateField>()
            for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if let field = AggregateField(rawValue: name) {
                    fields.insert(field)
                } else if let slot = catalogues.dimensioner.slot(of: name) {
                    if !options.dimensions.contains(slot) { options.dimensions.append(slot) }
                } else {
                    let known = AggregateField.allCases.map(\.rawValue) + catalogues.dimensioner.extra.map(\.id)
                    throw .usage("--by: väntade \(known.joined(separator: ", ")), fann \"\(name)\"")
                }
            }
            options.by = fields
            guard AggregateTable(by: fields, dimensions: options.dimensions, catalogues: catalogues).fits else {
                throw .usage("--by: så många nycklar ryms inte i en grupp; ta bort någon dimension")
            }
        }
        let files = try inputFiles(arguments)
        let (registers, single) = try registers(arguments)
        let units = try units(
            files, operands: arguments.positionals, arguments: arguments, catalogues: catalogues, registers: registers, single: single)

        let started = Date()
        let progress = AggregateRun.Progress(total: files.reduce(0) { $0 + AggregateRun.size(of: $1) })
        let line = ProgressLine(progress: progress)
        let outcome: AggregateRun.Outcome, written: Catalogues
        if units.count <= 1 {
            // One förbund's catalogue and register (or none): the grouped dimensions are its own.
            let unit = units.first ?? AggregateUnit(files: [], catalogues: catalogues, register: registers.first?.register)
            options.register = unit.register
            options.dimensions = try options.dimensions.map { slot throws(CLIError) in
                let id = catalogues.dimensioner.extra[slot].id
                guard let own = unit.catalogues.dimensioner.slot(of: id) else {
                    throw .usage("--by: dimensionen \(id) finns inte i \(unit.dimensioner ?? "dimensionskatalogen")")
                }
                return own
            }
            (outcome, written) = (
                AggregateRun.run(files: unit.files, catalogues: unit.catalogues, options: options, progress: progress), unit.catalogues
            )
        } else {
            let parts = units.map { AggregateRun.Unit(files: $0.files, catalogues: $0.catalogues, register: $0.register) }
            (outcome, written) = AggregateRun.run(units: parts, catalogues: catalogues, options: options, progress: progress)
        }
        line.stop()
        let seconds = Date().timeIntervalSince(started)

        var problems = outcome.problems
        if let more = Problem.notShown(outcome.problemsNotShown, in: "aggregate", sameFile: false) { problems.append(more) }
        if !problems.isEmpty && (onError == .stop || problems.contains(where: \.isIOFailure)) { throw .invalid(problems) }
        Output.problems(problems, json: false)

        var writer = AggregateWriter(table: outcome.table, names: outcome.names, catalogues: written)
        writer.jobs = options.jobs
        // Each table is written as it is made, a megabyte at a time (a grouping by many dimensions makes tens of MB).
        var tables: [(([UInt8]) -> Void) -> Void] = []
        if (kind == nil && outcome.table.deltagareGroups.count > 0) || kind == .deltagare { tables.append { writer.deltagare(format, to: $0) } }
        if (kind == nil && outcome.table.formGroups.count > 0) || kind == .indikatorsvar { tables.append { writer.indikatorsvar(format, to: $0) } }
        if (kind == nil && !outcome.table.activityGroups.isEmpty) || kind == .aktiviteter { tables.append { $0(writer.aktiviteter(format)) } }
        if format == .csv && tables.count > 1 {
            throw .usage(
                "filerna har flera filtyper: välj tabell med --kind deltagare, --kind indikatorsvar eller --kind aktiviteter, eller använd --format json"
            )
        }
        try Output.emit(to: arguments["output"], mark: true) { write in
            // JSON: the tables as one object, as AggregateWriter.json joins them.
            if format == .json { write(Array("{\n  ".utf8)) }
            for (i, table) in tables.enumerated() {
                if i > 0 && format == .json { write(Array(",\n  ".utf8)) }
                table(write)
            }
            if format == .json { write(Array("\n}\n".utf8)) }
        }
        let megabytes = Double(outcome.bytes) / 1_000_000
        /// A figure with Swedish decimal comma: "0,23".
        func swedish(_ value: Double, _ decimals: Int) -> String {
            String(format: "%.\(decimals)f", value).replacingOccurrences(of: ".", with: ",")
        }
        let speed = megabytes >= 1 ? " (\(swedish(megabytes / max(seconds, 1e-9), 0)) MB/s)" : ""
        Output.standardError(
            "aggregate: \(files.count) filer, \(outcome.rows) rader, \(swedish(megabytes, 1)) MB på \(swedish(seconds, 2)) s\(speed); "
                + "\(outcome.invalidRows) ogiltiga rader\(outcome.invalidRows > 0 ? " hoppades över" : "")\n")
    }
}

extension AggregateCommand {
    /// The files of the operands (folders searched recursively), less any that an aggregate run wrote.
    ///
    /// - Returns: the files to read, in a stable order.
    /// - Throws: a missing operand (exit 1), an `--output` that is an input (exit 2).
    static func inputFiles(_ arguments: Arguments) throws(CLIError) -> [String] {
        let (found, missing) = AggregateRun.files(in: arguments.positionals)
        guard missing.isEmpty else { throw .invalid(missing) }
        // Every data file read, named or found in a folder; an earlier run's marked output is not one (it is
        // skipped below, and may be written again).
        let named = arguments.positionals.filter { (try? FileSystem.status($0))?.kind == .regular }
        let read = named + found.filter { OwnOutput.reasonToSkip($0, output: nil) == nil }
        try CommandInputs(arguments, files: read).refuse(output: arguments["output"])
        // An earlier run's output in an input folder, or this run's own, would count everything again.
        let output = Output.identity(of: arguments["output"])
        var files: [String] = []
        for file in found {
            if let reason = OwnOutput.reasonToSkip(file, output: output) {
                Output.standardError("aggregate: hoppade över \(file): \(reason)\n")
            } else {
                files.append(file)
            }
        }
        return files
    }
}

/// "aggregate: 312 av 1 024 MB (30 %)" on stderr while a long run goes on, when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    private let progress: AggregateRun.Progress
    private let lock = NSLock()
    private var running = true
    private var thread: Thread?

    init(progress: AggregateRun.Progress) {
        self.progress = progress
        guard isatty(2) == 1 else { return }
        let thread = Thread { [self] in self.loop() }
        self.thread = thread
        thread.start()
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    private func loop() {
        let started = Date()
        var drawn = false
        while isRunning {
            usleep(250_000)
            guard isRunning, Date().timeIntervalSince(started) > 1 else { continue }
            let done = progress.bytesDone, total = max(progress.total, 1)
            Output.standardError(String(format: "\raggregate: %d av %d MB (%d %%)", done / 1_000_000, total / 1_000_000, done * 100 / total))
            drawn = true
        }
        if drawn { Output.standardError("\r\u{1B}[K") }
    }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
        while let thread, !thread.isFinished { usleep(10_000) }
    }
}
