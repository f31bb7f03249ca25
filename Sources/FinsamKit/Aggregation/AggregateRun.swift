import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `finsam aggregate`: the analyst's batch over many files and years (DOMAIN §8, §9).
///
/// Streams every file in chunks, and uses every core: files are spread over the workers, and a large file
/// is cut into parts at line breaks, four per worker, taken largest first from one queue, so that a worker
/// slowed by the machine's other work does not leave the others waiting at the end. A cut is only guessed
/// to be a record boundary (a quoted cell may hold a line break); the worker before it, which read from a
/// known boundary, confirms the guess by ending exactly there. If it does not, the file is read again from
/// the start in one piece, so the result never depends on the guess.
public struct AggregateRun {
    public struct Options: Sendable {
        /// Fields to group by; `nil` for the long tables of `shared/perf/reference.py`.
        public var by: Set<AggregateField>?
        /// Only files of this kind (the others are left out after their header).
        public var kind: FileKind?
        /// Skip invalid rows (and say how many) instead of failing the run.
        public var skipInvalid = false
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        /// Files larger than this are cut into parts for the workers.
        public var splitBytes = 8 << 20
        /// With a förbund's register, names and ids of its förbund and insatser group as one (its ids), and
        /// files naming anything else are invalid, as in `validate`.
        public var register: Register?
        /// Background dimensions to group by too (DOMAIN §4.5): ``DimensionCatalogue/extra`` slots.
        public var dimensions: [Int] = []

        public init() {}
    }

    public struct Outcome {
        public var table: AggregateTable
        public var names: NameTable
        public var files: [String]
        public var rows = 0
        public var bytes = 0
        public var problems: [Problem] = []
        public var problemsNotShown = 0
        /// Rows that had a problem and were left out.
        public var invalidRows = 0
    }

    /// Shared by the workers so that a progress line can be drawn while they run.
    public final class Progress: @unchecked Sendable {
        private let lock = NSLock()
        private var done = 0
        public let total: Int

        public init(total: Int) {
            self.total = total
        }

        @Sendable func add(_ bytes: Int) {
            lock.lock()
            done += bytes
            lock.unlock()
        }

        public var bytesDone: Int {
            lock.lock()
            defer { lock.unlock() }
            return done
        }
    }

    /// The CSV files named, folders searched recursively, in a stable order.
    public static func files(in paths: [String]) -> ([String], [Problem]) {
        var files: [String] = [], problems: [Problem] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                problems.append(
                    Problem(
                        file: PersonalDataDetector.redactedName(path) ?? path, position: nil,
                        message: "kan inte öppna filen: filen eller mappen finns inte; kontrollera sökvägen", isIOFailure: true))
                continue
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let (all, notUTF8) = FileSystem.walk(path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path)
            let isData = { (name: String) in name.lowercased().hasSuffix(".csv") || name.lowercased().hasSuffix(".xlsx") }
            let inFolder = { (name: String) in path.hasSuffix("/") ? path + name : path + "/" + name }
            for name in notUTF8.sorted() where name.hasSuffix("/") || isData(name) {
                let file = inFolder(name)
                problems.append(
                    Problem(
                        file: file, position: nil,
                        message: "namnet är inte UTF-8 (� står för de byte som inte är det), så finsam kan inte läsa just den filen; "
                            + "byt namn på den, eller på mappen, så att namnet är UTF-8",
                        isIOFailure: true))
            }
            let found = all.filter(isData).sorted()
            for name in found {
                let file = inFolder(name)
                // A named pipe or a device found in a folder (not named by the user) would be read until its
                // writer stops, perhaps never.
                guard let kind = (try? FileSystem.status(file))?.kind, kind != .regular else {
                    files.append(file)
                    continue
                }
                guard kind != .directory else { continue }
                problems.append(
                    Problem(
                        file: PersonalDataDetector.redactedName(file) ?? file, position: nil,
                        message: "väntade en vanlig fil i mappen, fann ett rör eller en enhet; den lästes inte — flytta den ur mappen",
                        isIOFailure: true))
            }
        }
        return (files, problems)
    }

    public static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// One part of one file for one worker.
    struct Task: Sendable {
        var path: String
        var file: Int
        var part: Int
        var range: Range<Int>
        var layout: ColumnLayout
        var delimiter: UInt8
        var encoding: SourceEncoding?
        var headerLines: Int
    }

    /// What a part (or workbook) gives: a workbook's counts until they are merged (then `nil`; a part's
    /// counts are in its worker's table), and what the run needs afterwards to place its problems and
    /// confirm its cut.
    struct TaskResult: @unchecked Sendable {
        var table: AggregateTable?
        var names: NameTable
        var summary: FileSummary
        var linesRead: Int
        var recordsRead = 0
        var endedCleanly: Bool
        var encoding: SourceEncoding?
    }

    /// Slots that the workers fill, each slot by exactly one worker.
    final class Slots<T>: @unchecked Sendable {
        var values: [T?]
        init(_ count: Int) { values = Array(repeating: nil, count: count) }
    }

    /// The run's counts, into which each worker's table (and each workbook's) is merged.
    final class Merged: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var table: AggregateTable
        private(set) var names = NameTable()
        private var isEmpty = true

        init(_ empty: AggregateTable) { table = empty }

        /// Adds `result`'s table, its name ids mapped to the run's, and lets go of it.
        func take(_ result: inout TaskResult) {
            guard let part = result.table else { return }
            result.table = nil
            take(part, names: result.names)
        }

        /// Adds `part`, whose name ids are those of `partNames`, mapped to the run's.
        func take(_ part: AggregateTable, names partNames: NameTable) {
            lock.lock()
            defer { lock.unlock() }
            guard !isEmpty else {
                // The first part: its table and names become the run's, nothing to rename.
                (table, names, isEmpty) = (part, partNames, false)
                return
            }
            var renamed: [Int32] = []
            for id in 0..<Int32(partNames.count) { renamed.append(names.intern(partNames.name(id))) }
            table.merge(part) { renamed[Int($0)] }
        }
    }

    /// Reads every file's header, groups every row of every file, and adds up the counts and problems.
    ///
    /// - Returns: the counts by the chosen fields, with every problem found, sorted.
    public static func run(files: [String], catalogues: Catalogues, options: Options, progress: Progress? = nil) -> Outcome {
        run(files: files, catalogues: catalogues, options: options, progress: progress, unsplit: [])
    }

    /// The run, with the files of `unsplit` (indexes into `files`) read in one piece each.
    static func run(files: [String], catalogues: Catalogues, options: Options, progress: Progress?, unsplit: Set<Int>) -> Outcome {
        let empty = AggregateTable(by: options.by, dimensions: options.dimensions, catalogues: catalogues)
        var outcome = Outcome(table: empty, names: NameTable(), files: files)
        let (tasks, workbooks) = plan(files, catalogues: catalogues, options: options, unsplit: unsplit, into: &outcome)
        let merged = Merged(empty)
        let results = runTasks(tasks, catalogues: catalogues, options: options, progress: progress, merged: merged)
        let byFile = partsByFile(tasks, results)
        let guessedWrong = Set(byFile.filter { !cutsHeld($0.value) }.keys)
        guard guessedWrong.isEmpty else {
            // A cut fell inside a quoted cell: the parts' counts are already merged, so the whole run is
            // made again with those files in one piece. Rare (a line break in a cell, at a cut), and exact.
            return run(files: files, catalogues: catalogues, options: options, progress: nil, unsplit: unsplit.union(guessedWrong))
        }
        for var result in workbooks {
            merged.take(&result)
            addSummary(result, lineOffset: 0, recordOffset: 0, to: &outcome)
        }
        (outcome.table, outcome.names) = (merged.table, merged.names)
        for file in byFile.keys.sorted() { addSummaries(byFile[file]!, to: &outcome) }
        checkNameCapacity(&outcome)
        outcome.problems.sort()
        return outcome
    }

    /// Reads each file's header on this thread (it decides the file's kind and columns) and cuts each CSV
    /// file into parts for the workers; workbooks are read whole here. Header problems, and the bytes to
    /// read, go to `outcome`.
    ///
    /// - Returns: the parts to read, and the workbooks read.
    static func plan(
        _ files: [String], catalogues: Catalogues, options: Options, unsplit: Set<Int>, into outcome: inout Outcome
    ) -> ([Task], [TaskResult]) {
        var tasks: [Task] = []
        var workbooks: [TaskResult] = []
        for (index, path) in files.enumerated() {
            // A workbook is small and goes through the full validator in one piece, on this thread.
            if InputFile.isWorkbook(path: path) {
                if let result = runWorkbook(path, catalogues: catalogues, options: options) {
                    outcome.bytes += Self.size(of: path)
                    workbooks.append(result)
                }
                continue
            }
            let reader: CSVReader
            do { reader = try CSVReader(path: path) } catch {
                outcome.problems.append(error)
                continue
            }
            var header = FileSummary(file: path, delimiter: reader.delimiter)
            var decoder = RecordDecoder(catalogues: catalogues, register: options.register)
            // A header with any problem leaves the whole file out: its columns cannot be trusted to mean what
            // the long table says they mean.
            guard let layout = decoder.readHeader(reader, summary: &header), header.problems.isEmpty else {
                decoder.finish(reader, &header)
                outcome.problems += header.problems
                continue
            }
            if let kind = options.kind, layout.kind != kind { continue }
            let size = Self.size(of: path)
            outcome.bytes += size
            // One worker reads a file in one piece: parts would only add merges.
            let split = options.jobs > 1 && size - reader.offset > options.splitBytes && !unsplit.contains(index)
            let bounds = cuts(path: path, from: reader.offset, to: size, parts: split ? options.jobs * 4 : 1)
            for part in 0..<bounds.count - 1 {
                tasks.append(
                    Task(
                        path: path, file: index, part: part, range: bounds[part]..<bounds[part + 1], layout: layout,
                        delimiter: reader.delimiter, encoding: reader.encoding, headerLines: reader.linesRead))
            }
        }
        return (tasks, workbooks)
    }

    /// Each file's parts with their results, in the file's order.
    static func partsByFile(_ tasks: [Task], _ results: [TaskResult]) -> [Int: [(Task, TaskResult)]] {
        var byFile: [Int: [(Task, TaskResult)]] = [:]
        for (task, result) in zip(tasks, results) { byFile[task.file, default: []].append((task, result)) }
        return byFile.mapValues { $0.sorted { $0.0.part < $1.0.part } }
    }

    /// Whether a file's cuts were record boundaries: every part but the last ended exactly at its cut, and
    /// all parts read the same encoding.
    static func cutsHeld(_ parts: [(Task, TaskResult)]) -> Bool {
        parts.count <= 1 || (parts.dropLast().allSatisfy(\.1.endedCleanly) && Set(parts.compactMap(\.1.encoding)).count <= 1)
    }

    /// Adds one file's parts' rows and problems to `outcome`, each problem moved to its place in the file.
    static func addSummaries(_ parts: [(Task, TaskResult)], to outcome: inout Outcome) {
        var lineOffset = parts[0].0.headerLines
        // Records before each part: its cells' spreadsheet rows count from there (the header is row 1).
        var recordOffset = 1
        for (_, result) in parts {
            addSummary(result, lineOffset: lineOffset, recordOffset: recordOffset, to: &outcome)
            lineOffset += result.linesRead
            recordOffset += result.recordsRead
        }
    }

    /// Adds one part's (or workbook's) rows and problems, its lines and records counted from the offsets.
    static func addSummary(_ result: TaskResult, lineOffset: Int, recordOffset: Int, to outcome: inout Outcome) {
        outcome.rows += result.summary.rows
        outcome.problems += result.summary.problems.map { problem in
            var moved = problem
            moved.position?.line += lineOffset
            if let row = moved.position?.cellRow, row > 0 { moved.position?.cellRow = row + Int32(truncatingIfNeeded: recordOffset) }
            return moved
        }
        outcome.problemsNotShown += result.summary.problemsNotShown
        outcome.invalidRows += result.summary.invalidRows
    }

    /// A problem when the run has more names than the grouping's keys hold.
    static func checkNameCapacity(_ outcome: inout Outcome) {
        guard outcome.names.count > outcome.table.nameCapacity else { return }
        outcome.problems.append(
            Problem(
                file: outcome.files.first ?? "", position: nil,
                message:
                    "underlaget har \(outcome.names.count) olika förbunds- och insatsnamn, fler än de \(outcome.table.nameCapacity) som ryms med så många "
                    + "nycklar i --by: gruppera efter färre dimensioner, eller kör per förbund"))
    }

    /// Byte offsets that cut `from..<to` of a file into about `parts` pieces, each cut just after a line break.
    static func cuts(path: String, from: Int, to: Int, parts: Int) -> [Int] {
        guard parts > 1, to > from else { return [from, max(from, to)] }
        var bounds = [from]
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [from, to] }
        defer { close(fd) }
        var window = [UInt8](repeating: 0, count: 1 << 16)
        for k in 1..<parts {
            var at = max(from + (to - from) * k / parts, bounds.last!)
            search: while at < to {
                let n = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(at)) }
                guard n > 0 else { break }
                for i in 0..<n where window[i] == UInt8(ascii: "\n") {
                    at += i + 1
                    break search
                }
                at += n
            }
            if at < to && at > bounds.last! { bounds.append(at) }
        }
        bounds.append(to)
        return bounds
    }

    /// What one worker keeps from one part to the next: a decoder (its name ids), one table that every part
    /// it reads adds to, and the cells it learnt of the file it read last. A part of a file the worker has
    /// read from before recognises that file's cells at once instead of learning them anew, and the run merges
    /// one table per worker at the end, not one per part: with many groups (a grouping by dimensions),
    /// filling and merging a table per part cost as much as reading the part.
    final class Worker: @unchecked Sendable {
        var decoder: RecordDecoder
        var table: AggregateTable
        /// The file (index) and encoding that `cells` were learnt in; `nil` before the first part.
        var learnt: (file: Int, encoding: SourceEncoding, cells: KnownCells)?
        var parts = 0
        private let makeTable: () -> AggregateTable

        init(catalogues: Catalogues, options: Options) {
            decoder = RecordDecoder(catalogues: catalogues, register: options.register)
            decoder.collectsKeys = false
            makeTable = { AggregateTable(by: options.by, dimensions: options.dimensions, catalogues: catalogues) }
            table = makeTable()
        }

        /// The table, no longer held here: the run's merge then changes it in place, not a copy of it.
        func takeTable() -> AggregateTable {
            let taken = table
            table = makeTable()
            return taken
        }

        /// The cells learnt of `task`'s file, or a fresh set. Only a part whose encoding is known from the
        /// file's start reuses them: its reader cannot decide another one, so every cell remembered reads the
        /// same in it.
        func cells(for task: Task) -> KnownCells {
            if let learnt, let encoding = task.encoding, learnt.file == task.file, learnt.encoding == encoding { return learnt.cells }
            return KnownCells(layout: task.layout, scaleDigits: decoder.scaleDigits)
        }
    }

    /// Reads the parts on every core, largest first; each worker adds its parts to its own table, and the
    /// workers' tables are merged into `merged` at the end.
    ///
    /// - Returns: each part's result (without a table), in the order of `tasks`.
    static func runTasks(_ tasks: [Task], catalogues: Catalogues, options: Options, progress: Progress?, merged: Merged) -> [TaskResult] {
        let slots = Slots<TaskResult>(tasks.count)
        let order = tasks.indices.sorted { tasks[$0].range.count > tasks[$1].range.count }
        let next = Slots<Int>(1)
        next.values[0] = 0
        let lock = NSLock()
        let count = max(1, min(options.jobs, tasks.count))
        let workers = (0..<count).map { _ in Worker(catalogues: catalogues, options: options) }
        DispatchQueue.concurrentPerform(iterations: count) { w in
            let worker = workers[w]
            while true {
                lock.lock()
                let position = next.values[0]!
                next.values[0] = position + 1
                lock.unlock()
                guard position < order.count else { return }
                let index = order[position]
                slots.values[index] = runTask(tasks[index], options: options, progress: progress, worker: worker)
            }
        }
        for worker in workers where worker.parts > 0 { merged.take(worker.takeTable(), names: worker.decoder.names) }
        return slots.values.map { $0! }
    }

    /// Reads one part into `worker`'s table.
    static func runTask(_ task: Task, options: Options, progress: Progress?, worker: Worker) -> TaskResult {
        worker.parts += 1
        let name = task.path
        var summary = FileSummary(file: name, delimiter: task.delimiter)
        do {
            let reader = try CSVReader(path: name, displayName: name, range: task.range, delimiter: task.delimiter, encoding: task.encoding)
            if let progress { reader.onRead = { progress.add($0) } }
            var known = worker.cells(for: task)
            worker.learnt = nil
            worker.decoder.decodeBody(reader, layout: task.layout, known: &known, into: &worker.table, summary: &summary)
            worker.table.flush()
            if let encoding = task.encoding { worker.learnt = (task.file, encoding, known) }
            summary.problems = reader.problems + summary.problems
            return TaskResult(
                table: nil, names: NameTable(), summary: summary, linesRead: reader.linesRead, recordsRead: reader.recordsRead,
                endedCleanly: reader.endedCleanly, encoding: reader.encoding)
        } catch {
            summary.problems = [error]
            return TaskResult(table: nil, names: NameTable(), summary: summary, linesRead: 0, endedCleanly: false, encoding: nil)
        }
    }

    /// Decodes a whole workbook, header and rows, with the full validator (the known-cell path is for CSV
    /// lines); `nil` when its header is unusable (its problems are then in the result all the same) or it
    /// is of another kind than `options.kind`.
    static func runWorkbook(_ path: String, catalogues: Catalogues, options: Options) -> TaskResult? {
        var table = AggregateTable(by: options.by, dimensions: options.dimensions, catalogues: catalogues)
        var decoder = RecordDecoder(catalogues: catalogues, register: options.register)
        decoder.collectsKeys = false
        let reader: CSVReader
        do { reader = try InputFile.reader(path: path) } catch {
            return TaskResult(
                table: table, names: decoder.names, summary: FileSummary(file: path, delimiter: 0, problems: [error]),
                linesRead: 0, endedCleanly: false, encoding: nil)
        }
        var summary = FileSummary(file: path, delimiter: reader.delimiter)
        if let layout = decoder.readHeader(reader, summary: &summary), summary.problems.isEmpty {
            if let kind = options.kind, layout.kind != kind { return nil }
            decoder.decodeBody(reader, layout: layout, into: &table, summary: &summary)
            table.flush()
        }
        decoder.finish(reader, &summary)
        return TaskResult(table: table, names: decoder.names, summary: summary, linesRead: 0, endedCleanly: true, encoding: .utf8)
    }
}
