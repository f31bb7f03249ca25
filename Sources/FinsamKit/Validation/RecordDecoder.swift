import Foundation

/// Receives the records of valid rows as a file is decoded. `Dataset` keeps them; `aggregate` folds them
/// into counts without keeping anything.
public protocol RecordSink {
    mutating func add(_ record: DeltagareRecord)
    /// Whether the known-cell path hands this sink its rows as codes (``add(codes:antal:dimensions:)``,
    /// ``add(formCodes:answers:answered:)``) rather than as records: what `aggregate` needs, without a record made
    /// and taken apart again for every row.
    static var takesCodes: Bool { get }
    /// A valid deltagare row as the known-cell path read it: its cells' codes by ``ColumnLayout/Role/index``
    /// (-1 for an empty cell; the period as year × 3 + half), its antal and its background dimensions.
    /// Only called when ``takesCodes``.
    mutating func add(codes: UnsafeBufferPointer<Int32>, antal: Int, dimensions: DimensionCodes)
    /// A valid survey form as the known-cell path read it (see ``add(codes:antal:dimensions:)``), with its
    /// answers and which of them are given (bit q for question q, at most 64 questions). Only called when
    /// ``takesCodes``.
    mutating func add(formCodes codes: UnsafeBufferPointer<Int32>, answers: UnsafeBufferPointer<Int8>, answered: UInt64)
    /// The bits that a code of the known-cell path puts in this sink's packed key for a row of `kind`: the
    /// code of the fixed field at `index` (a ``ColumnLayout/Role/index``, -1 for an empty cell or a
    /// column the file lacks; the period as year × 3 + half), or of background dimension `dimension`
    /// (its ``DimensionCatalogue/extra`` slot; -1 for none). A row's key is the OR of its fields' bits, so
    /// the common lane works them out once per distinct cell and ORs them per row
    /// (``add(key:antal:)``). 0 for a field the key leaves out. Only asked when ``takesCodes``.
    func keyBits(of code: Int32, index: Int, dimension: Int?, kind: FileKind) -> UInt64
    /// A valid deltagare row as the known-cell path's common lane read it: the OR of its fields'
    /// ``keyBits(of:index:dimension:kind:)``, which is what ``add(codes:antal:dimensions:)`` would pack. Only
    /// called when ``takesCodes``.
    mutating func add(key: UInt64, antal: Int)
    /// A valid survey form as the common lane read it (see ``add(key:antal:)`` and
    /// ``add(formCodes:answers:answered:)``). Only called when ``takesCodes``.
    mutating func add(formKey key: UInt64, answers: UnsafeBufferPointer<Int8>, answered: UInt64)
    mutating func add(_ form: SurveyForm, answers: UnsafeBufferPointer<Int8>)
    mutating func add(_ activity: AktivitetRecord)
    mutating func add(_ followUp: UppfoljningRecord)
}

extension RecordSink {
    /// Most sinks take records.
    public static var takesCodes: Bool { false }
    public mutating func add(codes: UnsafeBufferPointer<Int32>, antal: Int, dimensions: DimensionCodes) {
        preconditionFailure("RecordSink: add(codes:) without takesCodes")
    }
    public mutating func add(formCodes codes: UnsafeBufferPointer<Int32>, answers: UnsafeBufferPointer<Int8>, answered: UInt64) {
        preconditionFailure("RecordSink: add(formCodes:) without takesCodes")
    }
    public func keyBits(of code: Int32, index: Int, dimension: Int?, kind: FileKind) -> UInt64 { 0 }
    public mutating func add(key: UInt64, antal: Int) {
        preconditionFailure("RecordSink: add(key:) without takesCodes")
    }
    public mutating func add(formKey key: UInt64, answers: UnsafeBufferPointer<Int8>, answered: UInt64) {
        preconditionFailure("RecordSink: add(formKey:) without takesCodes")
    }
    /// A sink that has no use for activities leaves them out.
    public mutating func add(_ activity: AktivitetRecord) {}
    /// A sink that has no use for follow-ups (`aggregate`'s tables) leaves them out; they are checked all the same.
    public mutating func add(_ followUp: UppfoljningRecord) {}
}

/// The unit a file reports on, and that a later file for the same unit supersedes in the store.
public struct RecordKey: Sendable, Hashable {
    public var forbund: Int32
    public var insats: Int32
    public var period: Period
}

/// A sink that keeps nothing: for checking files without holding their rows (`validate`, `submit`).
public struct DiscardingSink: RecordSink {
    public init() {}
    public mutating func add(_ record: DeltagareRecord) {}
    public mutating func add(_ form: SurveyForm, answers: UnsafeBufferPointer<Int8>) {}
}

/// What one file held, for receipts and summaries.
public struct FileSummary: Sendable {
    public var file: String
    public var kind: FileKind?
    public var encoding: SourceEncoding?
    public var delimiter: UInt8
    /// Valid data rows (deltagare rows or survey forms).
    public var rows = 0
    /// Deltagare (sum of `antal`, felregistreringar left out) or forms, per kön; forms without kön are not here.
    public var perKon = KonCounts()
    /// Aktiviteter rows that give a deltagande and a kön: without any, ``perKon`` is not told rather than 0.
    public var deltagandePerKonRows = 0
    /// The sheet the rows were read from, when the file is a workbook.
    public var sheet: String?
    /// Avslutade deltagare (sum of `antal`, felregistreringar left out), for receipts.
    public var avslutade = 0
    /// Which förbund × insats × period the valid rows cover.
    public var keys = Set<RecordKey>()
    /// The key of the previous row: consecutive rows usually share it, which saves a hash per row.
    var lastKey: RecordKey?
    public var problems: [Problem] = []
    /// Problems found beyond the ones kept in `problems` (a file with a million bad rows stays readable).
    public var problemsNotShown = 0
    /// Data rows left out because they had a problem.
    public var invalidRows = 0

    public var isValid: Bool { problems.isEmpty && problemsNotShown == 0 }
}

/// Validates and decodes `deltagare` and `indikatorsvar` files (DOMAIN §4, §6, §7): every cell is
/// checked, every problem is kept with its position, and only rows without problems reach the sink.
///
/// One decoder serves a whole run (many files) because it owns the ``NameTable`` the records refer to.
public struct RecordDecoder {
    static let maximumProblemsPerFile = 1000

    public let catalogues: Catalogues
    public let register: Register?
    public private(set) var names = NameTable()
    /// Whether to note which units the rows cover (``FileSummary/keys``): the store needs it, `aggregate` not.
    var collectsKeys = true
    /// Whether rows whose every cell was seen before take the known-cell path (``decodeKnownLines``). Off
    /// only to check that both paths agree.
    var usesKnownCells = true

    let orsakVocabulary: Vocabulary<Int>
    /// The avslutsorsaker as a message lists them: those counted, then those that cancel a row (felregistrering)
    /// with what they are for — an insats leader may need one, but not as one more reason why someone ended.
    let orsakExpectation: String
    let enkatVocabulary: Vocabulary<Int>
    let answerVocabularies: [Vocabulary<Int8>]
    /// Per question: bit v set when the single digit v is on its scale — a bit test per answer, not a hash
    /// (other answers go through the question's vocabulary).
    let scaleDigits: [UInt16]
    let questionInEnkat: [[Bool]]
    /// Per enkät, bit q set when question q belongs to it: ``questionInEnkat`` as one word, for the known-cell path.
    let enkatQuestions: [UInt64]
    let countedOrsak: [Bool]
    /// The aktivitet catalogue's vocabulary, built once (not per row).
    let aktivitetVocabulary: Vocabulary<Int>
    /// The åldersgrupp bands of the dimension catalogue.
    let alderVocabulary: Vocabulary<Int>
    /// Per ``DimensionCatalogue/extra`` slot: its codes, and whether only avslutade may have one.
    let dimensionVocabularies: [Vocabulary<Int>]
    let avslutadOnly: [Bool]
    /// Raw name id → canonical id (register id), or -1 when the register does not know it; only with a register.
    private var forbundMap: [Int32: Int32] = [:]
    private var insatsMap: [Int32: Int32] = [:]
    /// Reused for names that need transcoding, so that decoding a row allocates nothing.
    private var scratch: [UInt8] = []
    /// Per name id as the cell spelled it: what it stands for (``NameCheck``). A name is checked once, when
    /// first seen, not on every row that repeats it.
    private var nameChecks: [NameCheck?] = []

    public init(catalogues: Catalogues, register: Register? = nil) {
        self.catalogues = catalogues
        self.register = register
        orsakVocabulary = catalogues.avslutsorsaker.vocabulary
        let orsaker = catalogues.avslutsorsaker.avslutsorsaker
        let cancelling = orsaker.filter { !$0.counted }.map { "\"\($0.shortLabel)\"" }
        orsakExpectation =
            Vocabulary<Int>.list(orsaker.filter(\.counted).map { "\"\($0.shortLabel)\"" })
            + (cancelling.isEmpty ? "" : " (eller \(Vocabulary<Int>.list(cancelling)) för att stryka en deltagare som registrerats av misstag)")
        aktivitetVocabulary = catalogues.aktiviteter.vocabulary
        countedOrsak = catalogues.avslutsorsaker.avslutsorsaker.map(\.counted)
        alderVocabulary = catalogues.dimensioner.aldersgrupp.vocabulary
        dimensionVocabularies = catalogues.dimensioner.extra.map(\.vocabulary)
        avslutadOnly = catalogues.dimensioner.extra.map { $0.appliesTo == .avslutad }
        let indicators = catalogues.indikatorer
        enkatVocabulary = indicators.enkatVocabulary
        var vocabularies: [Vocabulary<Int8>] = []
        var digits: [UInt16] = []
        for question in indicators.questions {
            let scale = indicators.scale(of: question)?.values ?? []
            vocabularies.append(Vocabulary(scale.map { (String($0.value), [$0.label], Int8($0.value)) } + Answer.offScale))
            digits.append(scale.reduce(0) { (0...9).contains($1.value) ? $0 | 1 << UInt16($1.value) : $0 })
        }
        answerVocabularies = vocabularies
        scaleDigits = digits
        questionInEnkat = indicators.questions.map { q in indicators.enkater.map { q.enkater.contains($0.id) } }
        enkatQuestions = indicators.enkater.map { enkat in
            indicators.questions.enumerated().reduce(0) { $1.element.enkater.contains(enkat.id) && $1.offset < 64 ? $0 | 1 << UInt64($1.offset) : $0 }
        }
    }

    public func name(_ id: Int32) -> String { names.name(id) }

    /// Checks files one after the other, streaming, keeping no rows: what `validate` needs at any size.
    public mutating func check(_ paths: [String]) -> [FileSummary] {
        var summaries: [FileSummary] = []
        for path in paths {
            do {
                let reader = try InputFile.reader(path: path)
                var sink = DiscardingSink()
                summaries.append(decode(reader, into: &sink))
            } catch {
                summaries.append(FileSummary(file: error.file, delimiter: 0, problems: [error]))
            }
        }
        return summaries
    }

    /// A file with a header and nothing under it (an unfilled template): what it lacks and what to write. A
    /// template workbook's rows come with förbund, insats and period filled in, which is not a row of data.
    static func emptyFileMessage(_ kind: FileKind, workbook: Bool) -> String {
        let rows =
            switch kind {
            case .deltagare: "en rad per deltagare (eller per grupp av deltagare, med antal)"
            case .indikatorsvar: "en rad per besvarat formulär"
            case .aktiviteter: "en rad per aktivitet"
            case .uppfoljning: "en rad per uppföljd deltagare (eller per grupp, med antal)"
            }
        return
            "väntade minst en rad efter rubrikraden, fann ingen\(workbook ? " (rader med bara förbund, insats och period räknas som tomma)" : ""): "
            + "fyll i under rubrikraden \(rows) och spara filen igen"
    }

    /// Decodes every record of `reader` into `sink`, returning what the file held and every problem.
    /// Only rows without a problem reach `sink`; a file is valid when the summary has no problems.
    ///
    ///     var decoder = RecordDecoder(catalogues: .builtIn)
    ///     var sink = DiscardingSink()
    ///     let summary = decoder.decode(try InputFile.reader(path: "deltagare.csv"), into: &sink)
    ///     for problem in summary.problems { print(problem) }
    ///
    /// - Returns: the file's ``FileSummary``: its kind, encoding, rows, counts per kön and every problem
    ///   (the reader's own included), sorted by position. Never throws: a file that cannot be read is a problem.
    public mutating func decode<Sink: RecordSink>(_ reader: CSVReader, into sink: inout Sink) -> FileSummary {
        var summary = FileSummary(file: reader.fileName, delimiter: reader.delimiter)
        if let layout = readHeader(reader, summary: &summary) {
            decodeBody(reader, layout: layout, into: &sink, summary: &summary)
            if summary.rows == 0 && summary.problems.isEmpty && reader.problems.isEmpty {
                summary.problems.append(
                    Problem(file: reader.fileName, position: nil, message: Self.emptyFileMessage(layout.kind, workbook: reader.sheetName != nil)))
            }
        }
        finish(reader, &summary)
        return summary
    }

    /// Adds what the reader itself found, and the file's encoding and delimiter, to `summary`.
    func finish(_ reader: CSVReader, _ summary: inout FileSummary) {
        summary.problems = (reader.problems + summary.problems).sorted()
        summary.sheet = reader.sheetName
        if let sheet = reader.sheetName {
            for i in summary.problems.indices { summary.problems[i].sheet = sheet }
        }
        summary.encoding = reader.encoding
        summary.delimiter = reader.delimiter
    }

    /// Reads and checks the header row; `nil` (with problems in `summary`) when the file's kind or a required
    /// column is missing. An unknown or repeated column is a problem but not a stop: it is read as an ignored
    /// column (still checked for personal data), so that the rows' own mistakes are reported in the same run.
    ///
    /// A file whose name holds personal data is refused here, before anything of it is read: every route in
    /// (`validate`, `submit`, `report`, `aggregate`) reads a header first, and the store would keep the name.
    mutating func readHeader(_ reader: CSVReader, summary: inout FileSummary) -> ColumnLayout? {
        guard !reader.nameHoldsPersonalData else {
            summary.problems.append(
                Problem(
                    file: reader.fileName, position: nil,
                    message:
                        "väntade ett filnamn utan personuppgifter, fann något som ser ut som ett personnummer eller en e-postadress i namnet; "
                        + "finsam sparar och skriver ut filnamnet — byt namn på filen och försök igen"))
            return nil
        }
        guard reader.next() else {
            if reader.problems.isEmpty {
                summary.problems.append(Problem(file: reader.fileName, position: nil, message: "väntade en rubrikrad, fann en tom fil"))
            }
            return nil
        }
        _ = checkPersonalData(reader, columns: reader.fields.indices, into: &summary.problems)
        let namesKind = ColumnLayout.namesKind(reader, catalogue: catalogues.indikatorer)
        let layout = ColumnLayout.read(reader, catalogue: catalogues.indikatorer, dimensions: catalogues.dimensioner, problems: &summary.problems)
        // A title row above the header: say that, instead of that the title is no header.
        if !namesKind, layout == nil, let problem = headerFurtherDown(reader) {
            summary.problems.removeLast()
            summary.problems.append(problem)
        }
        summary.kind = layout?.kind
        return layout
    }

    /// Decodes the data rows `reader` has left (all of a file after its header, or one part of a large file).
    mutating func decodeBody<Sink: RecordSink>(
        _ reader: CSVReader, layout: ColumnLayout, into sink: inout Sink,
        summary: inout FileSummary
    ) {
        var known = KnownCells(layout: layout, scaleDigits: scaleDigits)
        decodeBody(reader, layout: layout, known: &known, into: &sink, summary: &summary)
    }

    /// Decodes the data rows `reader` has left, with the cells that `known` has learnt already: another
    /// part of the same file, read by this decoder (whose name ids the cells' values are) in the same
    /// encoding, so that a part does not learn the file's cells anew.
    mutating func decodeBody<Sink: RecordSink>(
        _ reader: CSVReader, layout: ColumnLayout, known: inout KnownCells, into sink: inout Sink,
        summary: inout FileSummary
    ) {
        var problems: [Problem] = []
        defer { summary.problems += problems }
        var row = RowContext(layout: layout, reader: reader)
        var blankLines: [SourcePosition] = []
        var answers = [Int8](repeating: Answer.none, count: catalogues.indikatorer.questions.count)
        while true {
            // After blank lines the full decoder takes the next row: it reports them.
            // Follow-up files are small, read whole by the full path.
            if usesKnownCells && blankLines.isEmpty && layout.kind != .uppfoljning {
                let (length, lines) = decodeKnownLines(
                    reader.unreadBytes, layout: layout, delimiter: reader.delimiter, encoding: reader.encoding, known: &known,
                    answers: &answers, into: &sink, summary: &summary)
                if lines > 0 { reader.skipLines(length, lines: lines) }
            }
            guard reader.next() else { break }
            let recordStart = reader.fields[0].position
            // Blank: nothing but delimiters (`;;;;;;`, Excel's formatted but empty rows), or nothing but the
            // förbund, insats and period that a template fills in beforehand.
            if let blank = Self.blankRow(reader, layout: layout) {
                blankLines.append(
                    blank
                        ? recordStart
                        : SourcePosition(
                            line: -recordStart.line, column: recordStart.column,
                            cellRow: Int(recordStart.cellRow), cellColumn: Int(recordStart.cellColumn)))
                continue
            }
            for line in blankLines {
                var at = line
                at.line = abs(line.line)
                problems.append(
                    Problem(
                        file: reader.fileName, position: at,
                        message: line.line > 0
                            ? "väntade en rad med värden, fann en tom rad (ta bort den)"
                            : "väntade en rad med värden, fann bara förbund, insats och period (fyll i resten av raden eller ta bort den)"))
            }
            blankLines.removeAll()
            if let total = Self.totalRow(reader) {
                problems.append(
                    Problem(
                        file: reader.fileName, position: recordStart,
                        message:
                            "väntade en rad per grupp av deltagare eller ett formulär, fann en summarad (\"\(total)\"): finsam lägger själv ihop raderna, "
                            + "så summan skulle räknas två gånger — ta bort raden"))
                summary.invalidRows += 1
                continue
            }
            let before = problems.count
            let refused = checkPersonalData(reader, columns: layout.freeTextColumns, headers: layout.headers, into: &problems)
            for column in layout.unnamedColumns where column < reader.fields.count {
                let text = reader.string(column).trimmingSpaces
                if !text.isEmpty, !refused.contains(column) {
                    problems.append(
                        Problem(
                            file: reader.fileName, position: reader.fields[column].position,
                            message:
                                "väntade en tom cell i en kolumn utan rubrik, fann \"\(text)\": ge kolumnen en rubrik som börjar med x_ (för egna anteckningar) eller töm cellen"
                        ))
                }
            }
            // Cells past the header's last column are ignored when empty (a spreadsheet's formatted cells).
            let extra =
                reader.fields.count > layout.roles.count
                && (layout.roles.count..<reader.fields.count).allSatisfy { c in reader.withBytes(of: c) { TextFolding.trimmed($0).isEmpty } }
            guard reader.fields.count == layout.roles.count || extra else {
                problems.append(
                    Problem(
                        file: reader.fileName, position: recordStart,
                        message:
                            "väntade \(layout.roles.count) celler som rubrikraden, fann \(reader.fields.count)"))
                summary.invalidRows += 1
                continue
            }
            row.problems.removeAll(keepingCapacity: true)
            row.refused = refused
            switch layout.kind {
            case .deltagare:
                if let record = decodeDeltagare(&row), problems.count == before, row.problems.isEmpty {
                    accept(record, into: &sink, summary: &summary)
                }
            case .indikatorsvar:
                if let form = decodeForm(&row, answers: &answers), problems.count == before, row.problems.isEmpty {
                    accept(form, answers: answers, into: &sink, summary: &summary)
                }
            case .aktiviteter:
                if let activity = decodeAktivitet(&row), problems.count == before, row.problems.isEmpty {
                    accept(activity, into: &sink, summary: &summary)
                }
            case .uppfoljning:
                if let followUp = decodeUppfoljning(&row), problems.count == before, row.problems.isEmpty {
                    sink.add(followUp)
                    summary.rows += 1
                    summary.perKon[followUp.kon] += followUp.antal
                    note(followUp.forbund, followUp.insats, followUp.period, in: &summary)
                }
            }
            if problems.count > before || !row.problems.isEmpty { summary.invalidRows += 1 }
            problems += row.problems
            if summary.problems.count + problems.count > Self.maximumProblemsPerFile {
                let keep = max(0, Self.maximumProblemsPerFile - summary.problems.count)
                summary.problemsNotShown += problems.count - keep
                problems.removeSubrange(keep...)
            }
        }
    }

    /// Passes a valid row on and counts it: the one way in for rows of both decoding paths. Inlined: the
    /// known-cell path calls it for every row, and a call copied the record each time.
    @inline(__always)
    func accept<Sink: RecordSink>(_ record: DeltagareRecord, into sink: inout Sink, summary: inout FileSummary) {
        sink.add(record)
        tally(record, in: &summary)
    }

    /// Counts a row passed on in the file's summary.
    @inline(__always)
    func tally(_ record: DeltagareRecord, in summary: inout FileSummary) {
        summary.rows += 1
        if record.avslutsorsak < 0 || countedOrsak[Int(record.avslutsorsak)] {
            summary.perKon[record.kon] += record.antal
            if record.status == .avslutad { summary.avslutade += record.antal }
        }
        note(record.forbund, record.insats, record.period, in: &summary)
    }

    func accept<Sink: RecordSink>(_ form: SurveyForm, answers: [Int8], into sink: inout Sink, summary: inout FileSummary) {
        answers.withUnsafeBufferPointer { accept(form, answers: $0, into: &sink, summary: &summary) }
    }

    /// Passes a valid form on and counts it (see the deltagare row's `accept`).
    @inline(__always)
    func accept<Sink: RecordSink>(_ form: SurveyForm, answers: UnsafeBufferPointer<Int8>, into sink: inout Sink, summary: inout FileSummary) {
        sink.add(form, answers: answers)
        summary.rows += 1
        if let kon = form.kon { summary.perKon[kon] += 1 }
        note(form.forbund, form.insats, form.period, in: &summary)
    }

    func note(_ forbund: Int32, _ insats: Int32, _ period: Period, in summary: inout FileSummary) {
        guard collectsKeys else { return }
        let key = RecordKey(forbund: forbund, insats: insats, period: period)
        if summary.lastKey != key {
            summary.keys.insert(key)
            summary.lastKey = key
        }
    }

    /// Adds a problem for every cell of `columns` holding personal data; returns those cells' columns.
    ///
    /// Rows check their free-text cells (förbund, insats, `x_` columns) here; every other cell must be a code
    /// or a small number, which cannot hold personal data, and one that is not is checked when its problem
    /// is reported (``RowContext/problem(_:_:)``). So every cell is checked, at one scan per text cell.
    private func checkPersonalData(
        _ reader: CSVReader, columns: some Sequence<Int>, headers: [String]? = nil, into problems: inout [Problem]
    ) -> Set<Int> {
        var refused = Set<Int>()
        for i in columns where i < reader.fields.count {
            if let problem = Self.personalData(reader, i, header: headers.flatMap { i < $0.count ? $0[i] : nil }) {
                problems.append(problem)
                refused.insert(i)
            }
        }
        return refused
    }

    /// The problem of a cell holding personal data, naming its column (`header`) where the cell is below the
    /// header row: an `x_notering` column is where the insats leader looks for it.
    static func personalData(_ reader: CSVReader, _ column: Int, header: String? = nil) -> Problem? {
        reader.withBytes(of: column) { bytes in
            PersonalDataDetector.firstMatch(in: bytes).map {
                Problem(
                    file: reader.fileName, position: reader.fields[column].position,
                    message: (header.map { "kolumn \($0): " } ?? "") + PersonalDataDetector.message(for: $0, in: bytes))
            }
        }
    }

    // MARK: Rows

    /// The current row and the problems found in it.
    struct RowContext {
        let layout: ColumnLayout
        let reader: CSVReader
        var problems: [Problem] = []
        /// Cells already refused for personal data: no other message may repeat their value.
        var refused = Set<Int>()

        /// Reports a problem with a cell — or, if the cell holds personal data, that instead, once.
        mutating func problem(_ column: Int, _ message: String) {
            guard !refused.contains(column) else { return }
            if let personal = RecordDecoder.personalData(reader, column, header: column < layout.headers.count ? layout.headers[column] : nil) {
                refused.insert(column)
                problems.append(personal)
                return
            }
            problems.append(Problem(file: reader.fileName, position: reader.fields[column].position, message: message))
        }

        /// The trimmed bytes of `role`'s cell, or `nil` when the column is absent or the cell empty.
        func cell<R>(_ role: ColumnLayout.Role, _ body: (UnsafeBufferPointer<UInt8>, Int) -> R?) -> R? {
            guard let column = layout.column(role) else { return nil }
            return reader.withBytes(of: column) { bytes in
                let trimmed = TextFolding.trimmed(bytes)
                return trimmed.isEmpty ? nil : body(trimmed, column)
            }
        }

        func isEmpty(_ role: ColumnLayout.Role) -> Bool { cell(role) { _, _ in true } == nil }

        /// "kolumn kon: väntade …, fann "x"" (or "fann en tom cell": `""` is easy to misread in Excel's terms),
        /// then `advice`, what to do, when given.
        mutating func expected(_ column: Int, _ expectation: String, advice: String? = nil) {
            let found = reader.string(column).trimmingSpaces
            problem(
                column,
                "kolumn \(layout.headers[column]): väntade \(expectation), fann \(found.isEmpty ? "en tom cell" : "\"\(found)\"")"
                    + (advice.map { "; \($0)" } ?? ""))
        }

        mutating func lookup<V>(_ role: ColumnLayout.Role, in vocabulary: Vocabulary<V>, required: Bool, expectation: String? = nil) -> V? {
            guard let column = layout.column(role) else { return nil }
            let encoding = reader.encoding
            if let value = cell(role, { bytes, _ in vocabulary.lookup(bytes, encoding: encoding) }) { return value }
            if !isEmpty(role) || required {
                // A template workbook has the column's values as a drop-down list: the surest way to a right cell.
                expected(column, expectation ?? vocabulary.expected, advice: reader.listSheet.map { "välj ett värde i listan (bladet \($0))" })
            }
            return nil
        }
    }

    mutating func decodeNames(_ row: inout RowContext) -> (Int32, Int32)? {
        let forbund = decodeName(&row, .forbund)
        let insats = decodeName(&row, .insats)
        guard let forbund, let insats else { return nil }
        return (forbund, insats)
    }

    /// What a förbund or insats cell names, read from its bytes as they stand in the file.
    enum NameLookup {
        case id(Int32)
        case empty
        case personalData
        /// An invisible or bidirectional control character, and which character of the name it is (from 1).
        case invisible(Unicode.Scalar, at: Int)
        /// Not in the register.
        case unknown
    }

    /// A name as spelled in a cell, checked: the id of its canonical spelling, or why it is refused.
    enum NameCheck {
        case canonical(Int32)
        case empty
        case personalData
        case invisible(Unicode.Scalar, at: Int)
    }

    /// Characters that show as nothing (or turn the text around) yet make a name differ from the one it looks
    /// like: zero-width spaces and joiners, direction marks, embeddings, overrides and isolates, word joiner
    /// and invisible operators, BOM and soft hyphen. (A line break inside a quoted cell is RFC 4180, and kept.)
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    static func describeInvisible(_ scalar: Unicode.Scalar) -> String {
        let code = String(format: "U+%04X", scalar.value)
        let name: String
        switch scalar.value {
        case 0xAD: name = "mjukt bindestreck"
        case 0x200B: name = "nollbreddsmellanslag"
        case 0x200C, 0x200D, 0x2060: name = "osynlig sammanfogare"
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: name = "styrtecken för skrivriktning"
        case 0x2061...0x2064: name = "osynlig operator"
        default: name = "byte order mark"
        }
        return "\(code) (\(name))"
    }

    /// Unicode spaces that mean an ordinary space in a name (NBSP and its kin, as Word and web pages give them).
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Checks the name interned as `id` (UTF-8), whose cell held `raw`: personal data and invisible characters
    /// refuse it; otherwise its canonical spelling — Unicode NFC, other spaces as ASCII spaces, trimmed — is
    /// interned, so that one name typed in NFC and NFD (or with a non-breaking space) is one name.
    private mutating func check(name id: Int32, raw: UnsafeBufferPointer<UInt8>) -> NameCheck {
        if PersonalDataDetector.firstMatch(in: raw) != nil { return .personalData }
        let name = names.name(id)
        // A TAB or a line break inside a name breaks every table and line it is printed in (issue #25 item 11).
        guard name.utf8.contains(where: { $0 >= 0x80 || $0 < 0x20 || $0 == 0x7F }) else { return .canonical(id) }
        var spaced = String.UnicodeScalarView()
        for (i, scalar) in name.unicodeScalars.enumerated() {
            if Self.isInvisible(scalar) || ConfigurationText.isControl(scalar) { return .invisible(scalar, at: i + 1) }
            spaced.append(Self.isSpace(scalar) ? " " : scalar)
        }
        let canonical = String(String(spaced).precomposedStringWithCanonicalMapping.trimmingSpaces)
        if canonical.isEmpty { return .empty }
        // Compared as bytes: `String`'s `==` already calls NFC and NFD spellings equal.
        return .canonical(canonical.utf8.elementsEqual(name.utf8) ? id : names.intern(canonical))
    }

    /// The id of a förbund, insats, kommun or organisation cell's bytes: the name as UTF-8, or with a register
    /// the register's id (a kommun: its spelling in the register).
    mutating func resolveName(_ raw: UnsafeBufferPointer<UInt8>, _ role: ColumnLayout.Role, encoding: SourceEncoding?) -> NameLookup {
        let trimmed = TextFolding.trimmed(raw)
        guard !trimmed.isEmpty else { return .empty }
        var id: Int32
        if encoding == .windows1252, trimmed.contains(where: { $0 >= 0x80 }) {
            scratch.removeAll(keepingCapacity: true)
            SourceEncoding.windows1252.appendUTF8(of: trimmed, to: &scratch)
            id = scratch.withUnsafeBufferPointer { names.intern($0) }
        } else {
            id = names.intern(trimmed)
        }
        if Int(id) >= nameChecks.count { nameChecks += repeatElement(nil, count: Int(id) + 1 - nameChecks.count) }
        if nameChecks[Int(id)] == nil { nameChecks[Int(id)] = check(name: id, raw: raw) }
        switch nameChecks[Int(id)]! {
        case .canonical(let canonical): id = canonical
        case .empty: return .empty
        case .personalData: return .personalData
        case .invisible(let scalar, let at): return .invisible(scalar, at: at)
        }
        guard let register else { return .id(id) }
        let mapped: Int32
        if role == .kommun {
            mapped = register.kommun(named: names.name(id)).map { names.intern($0) } ?? -1
        } else if role == .organisation {
            mapped = register.organisation(named: names.name(id)).map { names.intern($0.id) } ?? -1
        } else if role == .forbund {
            if forbundMap[id] == nil { forbundMap[id] = register.names(names.name(id)) ? names.intern(register.id) : -1 }
            mapped = forbundMap[id]!
        } else {
            if insatsMap[id] == nil { insatsMap[id] = register.insats(named: names.name(id)).map { names.intern($0.id) } ?? -1 }
            mapped = insatsMap[id]!
        }
        return mapped >= 0 ? .id(mapped) : .unknown
    }

    /// Whether the register calls insats `id` strukturinriktad: such an insats has no deltagare.
    func isStrukturinriktad(_ insats: Int32) -> Bool {
        register?.insats(named: names.name(insats))?.typ == .struktur
    }

    private mutating func decodeName(_ row: inout RowContext, _ role: ColumnLayout.Role) -> Int32? {
        let column = row.layout.column(role)!
        let encoding = row.reader.encoding
        switch row.reader.withBytes(of: column, { resolveName($0, role, encoding: encoding) }) {
        case .id(let id):
            return id
        case .empty:
            row.expected(column, role == .forbund ? "förbundets namn eller id" : "insatsens namn eller id")
        case .personalData:
            row.problem(column, "")  // reported as personal data
        case .invisible(let scalar, let at) where ConfigurationText.isControl(scalar):
            row.problem(
                column,
                "kolumn \(row.layout.headers[column]): väntade ett namn utan styrtecken, fann \(ConfigurationText.describeControl(scalar)) "
                    + "som tecken \(at); skriv namnet på en rad utan det")
        case .invisible(let scalar, let at):
            row.problem(
                column,
                "kolumn \(row.layout.headers[column]): väntade ett namn av synliga tecken, fann det osynliga tecknet "
                    + "\(Self.describeInvisible(scalar)) som tecken \(at); skriv namnet på nytt utan det (det följer ofta med när text "
                    + "klistras in från webben eller Word)")
        case .unknown:
            if let register, role == .forbund {
                row.expected(column, "förbundet i registret (\(register.id) eller \(register.namn))")
            } else if let register {
                row.expected(column, "en insats i registret (\(Vocabulary<Int>.list(register.insatser.map(\.id))))")
            }
        }
        return nil
    }

    /// The row's `antal`: 1 when the column is absent or empty, else a whole number 0–``maximumCount``
    /// (anything else is an error at its cell, and the row counts 1 meanwhile).
    func decodeAntal(_ row: inout RowContext) -> Int {
        guard let column = row.layout.column(.antal), !row.isEmpty(.antal) else { return 1 }
        if let value = row.cell(.antal, { bytes, _ in Self.count(bytes) }) { return value }
        row.expected(column, "ett antal (heltal 0–\(Self.maximumCount))")
        return 1
    }

    func decodePeriod(_ row: inout RowContext) -> Period? {
        let column = row.layout.column(.period)!
        if let period = row.cell(.period, { bytes, _ in Period(bytes: bytes) }) { return period }
        if let clock = row.cell(.period, { bytes, _ in Self.clockPeriod(bytes) }) {
            let found = row.reader.string(column).trimmingSpaces
            row.problem(
                column,
                "kolumn \(row.layout.headers[column]): väntade en period som 2023H1, 2023H2 eller 2023, fann \"\(found)\", ett klockslag "
                    + "(\(clock.year) timmar och \(clock.minutes) \(clock.minutes == 1 ? "minut" : "minuter")): kalkylprogrammet har läst perioden som en tid; skriv "
                    + (clock.half.map { Period(year: clock.year, half: $0).description }
                        ?? "\(Period(year: clock.year, half: 1)) eller \(Period(year: clock.year, half: 2))") + ", som kalkylprogram lämnar som text")
            return nil
        }
        row.expected(column, "en period som 2023H1, 2023H2 eller 2023")
        return nil
    }

    private mutating func decodeDeltagare(_ row: inout RowContext) -> DeltagareRecord? {
        let names = decodeNames(&row)
        let period = decodePeriod(&row)
        let kon = row.lookup(.kon, in: Kon.vocabulary, required: true)
        let alder = row.lookup(.aldersgrupp, in: alderVocabulary, required: false).map(Aldersgrupp.init(rawValue:))
        let ny = row.lookup(.ny, in: JaNej.vocabulary, required: false, expectation: "ja, nej eller tom cell")
        let status = row.lookup(.status, in: DeltagarStatus.vocabulary, required: true)
        let steg = row.lookup(.stegforflyttning, in: JaNej.vocabulary, required: false, expectation: "ja, nej eller tom cell")
        var orsak: Int16 = -1
        switch status {
        case .avslutad?:
            if row.layout.column(.avslutsorsak) != nil {
                if let index = row.lookup(.avslutsorsak, in: orsakVocabulary, required: true, expectation: orsakExpectation) { orsak = Int16(index) }
            } else {
                row.problem(row.layout.column(.status)!, "en avslutad deltagare behöver en avslutsorsak, men filen saknar kolumnen avslutsorsak")
            }
        case .pagaende?:
            for (column, slot) in row.layout.dimensionColumns where avslutadOnly[slot] && !row.isEmpty(.dimension(slot)) {
                let dimension = catalogues.dimensioner.extra[slot]
                row.expected(column, "tom cell för en pågående deltagare (\(dimension.label.lowercased()) gäller avslutade)")
            }
            if !row.isEmpty(.avslutsorsak) {
                row.expected(row.layout.column(.avslutsorsak)!, "tom cell för en pågående deltagare")
            }
            if steg != nil {
                row.expected(row.layout.column(.stegforflyttning)!, "tom cell för en pågående deltagare (stegförflyttning gäller avslutade)")
            }
        case nil:
            break
        }
        let antal = decodeAntal(&row)
        var dimensions = DimensionCodes()
        for (_, slot) in row.layout.dimensionColumns {
            dimensions[slot] = row.lookup(.dimension(slot), in: dimensionVocabularies[slot], required: false)
        }
        guard let (forbund, insats) = names, let period, let kon, let status else { return nil }
        if isStrukturinriktad(insats) {
            row.problem(
                row.layout.column(.insats)!,
                "väntade en individinriktad insats, fann den strukturinriktade \"\(self.names.name(insats))\" som inte har deltagare "
                    + "(lämna dess aktiviteter i en aktiviteter-fil: finsam template aktiviteter)")
        }
        return DeltagareRecord(
            forbund: forbund, insats: insats, period: period, kon: kon, aldersgrupp: alder, ny: ny,
            status: status, avslutsorsak: orsak, stegforflyttning: steg, antal: antal, dimensions: dimensions)
    }

    /// A row of a follow-up file (issue #27 item 12): who was followed up, how many months after avslut, and
    /// their försörjning then (the `forsorjning_efter` dimension's codes, required on every row).
    private mutating func decodeUppfoljning(_ row: inout RowContext) -> UppfoljningRecord? {
        let names = decodeNames(&row)
        let period = decodePeriod(&row)
        let kon = row.lookup(.kon, in: Kon.vocabulary, required: true)
        let alder = row.lookup(.aldersgrupp, in: alderVocabulary, required: false).map(Aldersgrupp.init(rawValue:))
        let manaderColumn = row.layout.column(.manader)!
        let manader = row.cell(.manader) { bytes, _ in Self.count(bytes) }.flatMap { (1...UppfoljningRecord.maximumManader).contains($0) ? $0 : nil }
        if manader == nil {
            row.expected(manaderColumn, "antal hela månader efter avslut (1–\(UppfoljningRecord.maximumManader), till exempel 6 eller 12)")
        }
        let antal = decodeAntal(&row)
        var dimensions = DimensionCodes()
        let status = catalogues.dimensioner.slot(of: ColumnLayout.uppfoljningStatus)
        for (_, slot) in row.layout.dimensionColumns {
            let vocabulary = dimensionVocabularies[slot]
            dimensions[slot] = row.lookup(
                .dimension(slot), in: vocabulary, required: slot == status,
                expectation: slot == status ? "försörjningen vid uppföljningen: \(vocabulary.expected)" : nil)
        }
        guard let (forbund, insats) = names, let period, let kon, let manader else { return nil }
        if isStrukturinriktad(insats) {
            row.problem(
                row.layout.column(.insats)!,
                "väntade en individinriktad insats, fann den strukturinriktade \"\(self.names.name(insats))\" som inte har deltagare att följa upp")
        }
        return UppfoljningRecord(
            forbund: forbund, insats: insats, period: period, kon: kon, aldersgrupp: alder, manader: manader, antal: antal, dimensions: dimensions)
    }

    /// The largest `antal` of one row. Checked before any sum: with at most 10^6 per row, a sum of counts
    /// (per kön, per group, over a whole `aggregate` run) would need 9·10^12 rows — hundreds of terabytes —
    /// to reach `Int.max`, so the sums are plain additions that no input can make wrap or trap.
    static let maximumCount = 1_000_000

    /// A non-negative integer of at most seven digits (no single insats has a million deltagare). A whole
    /// number with zero decimals (`2,0`, `3,00`, `3.0`) is what a spreadsheet exports for a count formatted
    /// as a number, and counts the same.
    static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let digits = integralDigits(bytes)
        guard digits > 0, digits <= 7 else { return nil }
        var value = 0
        for b in bytes.prefix(digits) {
            let digit = b &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value <= maximumCount ? value : nil
    }

    /// How many bytes of `bytes` are the whole number: all of them, or those before a `,` or `.` that only
    /// zeros follow (`3,00` → 1); 0 when a decimal point has other digits after it or none before it.
    static func integralDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let point = bytes.firstIndex(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }) else { return bytes.count }
        guard point > 0, point < bytes.count - 1, bytes[(point + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") }) else { return 0 }
        return point
    }

    /// A trimmed answer cell: `nil` when empty, `.some(nil)` when it is not an answer to question `q`.
    func answer(_ cell: UnsafeBufferPointer<UInt8>, question q: Int, encoding: SourceEncoding?) -> Int8?? {
        if cell.isEmpty { return nil }
        if cell.count > 2, cell[0] &- 0x30 < 10, case let digits = Self.integralDigits(cell), digits > 0, digits < cell.count {
            return answer(UnsafeBufferPointer(rebasing: cell[..<digits]), question: q, encoding: encoding)
        }
        if cell.count == 1, cell[0] &- 0x30 < 10 {
            let value = Int(cell[0] &- 0x30)
            return .some(scaleDigits[q] & (1 << UInt16(value)) != 0 ? Int8(value) : nil)
        }
        return .some(answerVocabularies[q].lookup(cell, encoding: encoding))
    }

    private mutating func decodeForm(_ row: inout RowContext, answers: inout [Int8]) -> SurveyForm? {
        let names = decodeNames(&row)
        let period = decodePeriod(&row)
        let enkat = row.lookup(.enkat, in: enkatVocabulary, required: true)
        let kon = row.lookup(.kon, in: Kon.vocabulary, required: false, expectation: "kvinna, man, annat eller tom cell")
        let alder = row.lookup(.aldersgrupp, in: alderVocabulary, required: false).map(Aldersgrupp.init(rawValue:))
        let questions = catalogues.indikatorer.questions
        for i in answers.indices { answers[i] = Answer.none }
        var answered = false
        let encoding = row.reader.encoding
        for (column, q) in row.layout.questionColumns {
            // nil: empty cell; .some(nil): not an answer to this question.
            let parsed = row.reader.withBytes(of: column) { answer(TextFolding.trimmed($0), question: q, encoding: encoding) }
            switch parsed {
            case nil:
                continue  // empty: not answered
            case .some(nil):
                let scale = catalogues.indikatorer.scale(of: questions[q])
                row.expected(column, "\(scale?.expected ?? "ett svar"), \"vet ej\", \"ej aktuellt\" eller tom cell")
            case .some(let value?):
                answers[q] = value
                answered = true
                if let enkat, !questionInEnkat[q][enkat] {
                    row.problem(
                        column,
                        "frågan \(questions[q].id) finns inte i enkäten \"\(catalogues.indikatorer.enkater[enkat].label)\": väntade tom cell, fann ett svar"
                    )
                }
            }
        }
        if !answered {
            row.problem(row.layout.questionColumns.first?.column ?? 0, "väntade minst ett svar på formuläret, fann inga (en tom rad?)")
        }
        var dimensions = DimensionCodes()
        for (_, slot) in row.layout.dimensionColumns {
            dimensions[slot] = row.lookup(.dimension(slot), in: dimensionVocabularies[slot], required: false)
        }
        guard let (forbund, insats) = names, let period, let enkat else { return nil }
        return SurveyForm(
            forbund: forbund, insats: insats, period: period, enkat: Int16(enkat), kon: kon, aldersgrupp: alder, dimensions: dimensions)
    }

    // MARK: Spreadsheet habits

    /// `true` for a row of nothing but delimiters, `false` for one with nothing but förbund, insats and
    /// period (a template's prefilled row), `nil` for a row with anything else.
    static func blankRow(_ reader: CSVReader, layout: ColumnLayout) -> Bool? {
        var prefilled = false
        for column in reader.fields.indices where !reader.withBytes(of: column, { TextFolding.trimmed($0).isEmpty }) {
            guard column < layout.roles.count else { return nil }
            switch layout.roles[column] {
            case .forbund, .insats, .period: prefilled = true
            default: return nil
            }
        }
        return !prefilled
    }

    /// The first cell as written when it says the row is a sum (`Summa`, `Totalt`, `Total`, `Summa:`).
    static func totalRow(_ reader: CSVReader) -> String? {
        guard reader.withBytes(of: 0, { $0.count <= 24 }) else { return nil }  // no String for a long first cell
        let text = String(reader.string(0).trimmingSpaces)
        return isTotalLabel(text) ? text : nil
    }

    static func isTotalLabel(_ text: String) -> Bool {
        ["summa", "totalt", "total", "totalsumma", "summa-totalt", "sum", "totals"].contains(
            TextFolding.fold(text.filter { $0 != ":" && $0 != "\"" }))
    }

    /// A period that a spreadsheet read as hours and minutes (`2023:1` → `2023:01:00`): its year, the
    /// minutes, and the halvår they mean (minutes 1 or 2), or `nil` for any other cell.
    static func clockPeriod(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, minutes: Int, half: Int?)? {
        let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 4,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 &- 0x30 < 10 } }),
            let year = Int(String(decoding: parts[0], as: UTF8.self)), (1990...2099).contains(year),
            let minutes = Int(String(decoding: parts[1], as: UTF8.self))
        else { return nil }
        if parts.count == 3, Int(String(decoding: parts[2], as: UTF8.self)) != 0 { return nil }
        return (year, minutes, minutes == 1 || minutes == 2 ? minutes : nil)
    }

    /// When the first row names no kind but one of the next nine does (a title row above the header), the
    /// problem that says so; `nil` otherwise. Reads ahead: call only when the file is to be given up.
    func headerFurtherDown(_ reader: CSVReader) -> Problem? {
        let first = reader.fields.indices.map { String(reader.string($0).trimmingSpaces) }.filter { !$0.isEmpty }
        let firstRow = Int(reader.fields[0].position.cellRow)
        for _ in 0..<9 {
            guard reader.next() else { return nil }
            guard ColumnLayout.namesKind(reader, catalogue: catalogues.indikatorer) else { continue }
            let row = Int(reader.fields[0].position.cellRow)
            let above = row - firstRow
            let header = reader.fields.indices.prefix(3).map { "\"\(reader.string($0).trimmingSpaces)\"" }.joined(separator: ", ")
            let shown =
                first.isEmpty
                ? "rad 1 är tom" : "rad 1 har \(first.prefix(3).map { "\"\(PersonalDataDetector.masked($0))\"" }.joined(separator: ", "))"
            return Problem(
                file: reader.fileName, position: SourcePosition(line: 1, column: 1),
                message:
                    "rubrikraden måste vara rad 1: ta bort \(above == 1 ? "raden" : "de \(above) raderna") ovanför (\(shown); rubrikraden med \(header) … är rad \(row))"
            )
        }
        return nil
    }
}
