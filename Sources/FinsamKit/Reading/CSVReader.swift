/// A streaming RFC 4180 reader that works on bytes, in the dialects Swedish offices produce: `;` or `,`
/// (detected from the header line), UTF-8 with or without BOM or Windows-1252 (see ``SourceEncoding``),
/// CRLF, LF or CR line ends, quoted cells with delimiters, doubled quotes and line breaks inside.
///
/// It holds one chunk of the file at a time (plus the record being read), so memory does not grow with the
/// file. Cells are exposed as byte ranges into that chunk; no `String` is made unless a caller asks for one,
/// which keeps the national-scale `aggregate` path free of per-cell allocation.
///
/// Problems with the bytes themselves (a stray quote, an encoding that is neither) are collected in
/// ``problems`` rather than thrown, so that a file's validation can list every problem at once. A problem
/// that makes the rest of the file unreadable (NUL bytes, undecodable bytes, an unterminated record longer
/// than ``maximumRecordBytes``) ends reading; ``next()`` then returns `false`.
public final class CSVReader {
    /// One cell of the current record: where its bytes are, and where it starts in the file.
    public struct Field: Sendable {
        var start: Int
        var end: Int
        /// The cell was quoted and holds doubled quotes that ``withBytes(of:_:)`` must collapse.
        var escaped: Bool
        public var position: SourcePosition
    }

    /// Default size of one read; large enough that the per-chunk cost vanishes, small enough to stay flat.
    public static let defaultChunkBytes = 1 << 20
    /// Longest record accepted; a longer one is almost surely not a CSV file (or a quote never closed).
    public static let defaultMaximumRecordBytes = 16 << 20
    /// Most cells in one record: keeps a file of millions of delimiters from costing gigabytes of cell records.
    static let maximumFields = 10_000

    /// What problems call the file: the name given, or — when that name holds personal data — the name with
    /// it redacted (``PersonalDataDetector/redactedName(_:)``), so that no message repeats it.
    public let fileName: String
    /// Set when the file's name (or path) holds personal data: such a file is refused, whatever it holds.
    let nameHoldsPersonalData: Bool
    public private(set) var delimiter: UInt8 = UInt8(ascii: ";")
    /// `nil` while every byte read so far is ASCII (then both encodings agree).
    public private(set) var encoding: SourceEncoding?
    public private(set) var problems: [Problem] = []
    /// Cells of the record returned by the last successful ``next()``.
    public private(set) var fields: [Field] = []
    /// Set when reading stopped early because of a problem that makes the rest unreadable.
    private(set) var stoppedEarly = false
    let maximumRecordBytes: Int
    /// Called with the number of bytes after each read from the file (for progress lines).
    var onRead: (@Sendable (Int) -> Void)?
    /// The sheet's name when the rows come from a workbook (``init(table:fileName:)``), for cell addresses
    /// such as `Deltagare!H5`.
    private(set) var sheetName: String?
    /// The workbook's sheet of drop-down lists (``SheetTable/listSheet``), `nil` for a CSV file.
    private(set) var listSheet: String?
    /// Records returned so far (the header included): the spreadsheet row of the last one.
    private(set) var recordsRead = 0

    private var input: Input
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var position = 0
    private var atEndOfInput = false
    private var line = 1
    private var scratch: [UInt8] = []
    /// Per byte: bit 0 set if it ends a run of plain bytes outside quotes, bit 1 inside quotes.
    private let classes: UnsafeMutablePointer<UInt8>

    private enum Input {
        /// A whole file, read to its end.
        case descriptor(Int32)
        /// Bytes `offset..<end` of a file, for a worker that reads one part of a large file.
        case range(Int32, offset: Int, end: Int)
        case memory([UInt8], offset: Int)
        /// A sheet's rows, already cells: `next()` copies one row into the buffer per call.
        case table(SheetTable, row: Int)
    }

    /// Bytes dropped from the front of the buffer so far: with `position`, the file offset of the next record.
    private var discarded = 0
    /// Whether the last record ended with a line break (or there was none): a part of a file read by a
    /// worker ended exactly at a record boundary only then.
    private var lastRecordTerminated = true

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// Opens `path` for reading. `displayName` is what problems call the file (defaults to the path).
    public convenience init(
        path: String, displayName: String? = nil, chunkBytes: Int = CSVReader.defaultChunkBytes,
        maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes
    ) throws(Problem) {
        let given = displayName ?? path
        let name = PersonalDataDetector.redactedName(given) ?? given
        let fd: Int32
        do {
            fd = try FileSystem.openForReading(path)
        } catch {
            throw Problem(file: name, position: nil, message: Self.openFailure(error), isIOFailure: true)
        }
        self.init(input: .descriptor(fd), fileName: given, chunkBytes: chunkBytes, maximumRecordBytes: maximumRecordBytes)
    }

    /// Reads bytes `range` of `path`, which must start at a record of a file whose header used `delimiter`
    /// and, if it was decided, `encoding`. Lines are counted from 1 at the start of the range.
    public convenience init(
        path: String, displayName: String, range: Range<Int>, delimiter: UInt8, encoding: SourceEncoding?,
        chunkBytes: Int = CSVReader.defaultChunkBytes
    ) throws(Problem) {
        let fd: Int32
        do {
            fd = try FileSystem.openForReading(path)
        } catch {
            throw Problem(
                file: PersonalDataDetector.redactedName(displayName) ?? displayName, position: nil,
                message: Self.openFailure(error), isIOFailure: true)
        }
        self.init(
            input: .range(fd, offset: range.lowerBound, end: range.upperBound), fileName: displayName, chunkBytes: chunkBytes,
            maximumRecordBytes: CSVReader.defaultMaximumRecordBytes, delimiter: delimiter, encoding: encoding)
    }

    /// Why a file could not be opened, in the words of the other problems.
    private static func openFailure(_ error: SystemError) -> String {
        error.code == SystemError.isDirectory ? "väntade en CSV-fil, fann en mapp" : "kan inte öppna filen: \(SystemError.text(error.code))"
    }

    /// Reads from bytes in memory (templates, tests, stored files already loaded). `checksName: false` only for
    /// a name finsam made itself (see ``Dataset/Source/nameIsFinsams``).
    public convenience init(
        bytes: [UInt8], fileName: String, chunkBytes: Int = CSVReader.defaultChunkBytes,
        maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes, checksName: Bool = true
    ) {
        self.init(
            input: .memory(bytes, offset: 0), fileName: fileName, chunkBytes: chunkBytes,
            maximumRecordBytes: maximumRecordBytes, checksName: checksName)
    }

    /// Reads the rows of a workbook's sheet as records, with each cell's position its row and column (a
    /// line and column as for a CSV file, and the cell address `Blad!H5`). The cells are UTF-8 and need no
    /// unquoting, so every check of a CSV cell applies to them unchanged.
    public convenience init(table: SheetTable, fileName: String, checksName: Bool = true) {
        self.init(
            input: .table(table, row: 0), fileName: fileName, chunkBytes: 1 << 16, maximumRecordBytes: CSVReader.defaultMaximumRecordBytes,
            delimiter: UInt8(ascii: ";"), encoding: .utf8, checksName: checksName)
        sheetName = table.name
        listSheet = table.listSheet
    }

    private init(
        input: Input, fileName: String, chunkBytes: Int, maximumRecordBytes: Int,
        delimiter: UInt8? = nil, encoding: SourceEncoding? = nil, checksName: Bool = true
    ) {
        self.input = input
        let redacted = checksName ? PersonalDataDetector.redactedName(fileName) : nil
        self.fileName = redacted ?? fileName
        nameHoldsPersonalData = redacted != nil
        self.maximumRecordBytes = max(maximumRecordBytes, 16)
        capacity = max(chunkBytes, 4)
        buffer = .allocate(capacity: capacity)
        classes = .allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
        if let delimiter {
            self.encoding = encoding
            setClasses(delimiter: delimiter)
        } else {
            start()
        }
    }

    deinit {
        switch input {
        case .descriptor(let fd), .range(let fd, _, _): FileSystem.close(fd)
        case .memory, .table: break
        }
        buffer.deallocate()
        classes.deallocate()
    }

    // MARK: Reading records

    /// Advances to the next record. Returns `false` at the end of the file or when reading had to stop.
    public func next() -> Bool {
        if case .table = input { return nextTableRow() }
        while !stoppedEarly {
            switch scanRecord() {
            case .record: return true
            case .end: return false
            case .needMore: refill()
            }
        }
        return false
    }

    /// The bytes read from the file but not yet taken as records, for a caller that recognises a plain
    /// line faster than ``next()`` splits one (``RecordDecoder``'s known-cell path). Valid until the next
    /// call that reads; empty before the first refill and after reading stopped.
    var unreadBytes: UnsafeBufferPointer<UInt8> {
        stoppedEarly ? UnsafeBufferPointer(start: buffer, count: 0) : UnsafeBufferPointer(start: buffer + position, count: count - position)
    }

    /// Takes the first `length` bytes of ``unreadBytes`` as `lines` records. The caller vouches that they are
    /// whole lines, each ending in its LF, with no quote other than around a whole cell, no line break
    /// inside quotes, no CR but the one before an LF, no NUL, and no byte ≥ 0x80 that the file's
    /// ``encoding`` would not read the same way: what ``next()`` would have accepted without a problem and
    /// without deciding the encoding.
    func skipLines(_ length: Int, lines: Int) {
        precondition(
            length > 0 && lines > 0 && length <= count - position && buffer[position + length - 1] == Self.lf, "CSVReader.skipLines: not lines")
        position += length
        line += lines
        recordsRead += lines
        lastRecordTerminated = true
    }

    /// The next row of a sheet (``Input/table(_:row:)``), its cells copied end to end into the buffer.
    private func nextTableRow() -> Bool {
        guard !stoppedEarly, case .table(let table, let row) = input, row < table.rows.count else { return false }
        input = .table(table, row: row + 1)
        let cells = table.rows[row]
        let needed = cells.reduce(0) { $0 + $1.utf8.count }
        if needed > capacity {
            guard needed <= maximumRecordBytes else {
                stop(
                    at: SourcePosition(line: row + 1, column: 1, cellRow: row + 1, cellColumn: 1),
                    "väntade en rad på högst \(maximumRecordBytes / (1 << 20)) MiB, fann en längre")
                return false
            }
            buffer.deallocate()
            buffer = .allocate(capacity: needed)
            capacity = needed
        }
        fields.removeAll(keepingCapacity: true)
        var p = 0
        for (column, cell) in cells.enumerated() {
            let start = p
            for b in cell.utf8 {
                buffer[p] = b
                p += 1
            }
            fields.append(
                Field(
                    start: start, end: p, escaped: false,
                    position: SourcePosition(line: row + 1, column: column + 1, cellRow: row + 1, cellColumn: column + 1)))
        }
        if fields.isEmpty {
            fields.append(
                Field(start: 0, end: 0, escaped: false, position: SourcePosition(line: row + 1, column: 1, cellRow: row + 1, cellColumn: 1)))
        }
        if let (at, word) = (fields.indices.lazy.compactMap { i in self.withBytes(of: i) { Self.mojibake(in: $0).map { (i, $0) } } }.first) {
            stop(at: fields[at].position, Self.mojibakeMessage(word))
            return false
        }
        line = row + 2
        recordsRead = row + 1
        return true
    }

    /// Calls `body` with the bytes of cell `index` of the current record, quotes removed and doubled quotes
    /// collapsed, in the file's encoding. The pointer is valid only inside `body`.
    func withBytes<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let field = fields[index]
        let raw = UnsafeBufferPointer(start: buffer + field.start, count: field.end - field.start)
        guard field.escaped else { return try body(raw) }
        scratch.removeAll(keepingCapacity: true)
        Self.appendUnescaped(raw, to: &scratch)
        return try scratch.withUnsafeBufferPointer(body)
    }

    /// Appends the inside of a quoted cell (between its quotes) with each doubled quote made single.
    static func appendUnescaped(_ inside: some Sequence<UInt8>, to out: inout [UInt8]) {
        var previousWasQuote = false
        for b in inside {
            if b == quote && previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = b == quote
            out.append(b)
        }
    }

    /// The text of cell `index`, decoded from the file's encoding.
    public func string(_ index: Int) -> String {
        withBytes(of: index) { bytes in
            if encoding == .windows1252 {
                var utf8: [UInt8] = []
                SourceEncoding.windows1252.appendUTF8(of: bytes, to: &utf8)
                return String(decoding: utf8, as: UTF8.self)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    // MARK: Set-up

    private func start() {
        refill()
        // The file's first 64 KiB decide its encoding and delimiter, whatever the chunk size.
        let sample = self.sample()
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8
            position = 3  // a BOM is not a character the user sees: column 1 starts after it
        } else if sample.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            stop(
                at: SourcePosition(line: 1, column: 1),
                "väntade en CSV-fil, fann en zip-fil (en Excel-arbetsbok .xlsx?): spara som \"CSV UTF-8\" eller \"CSV (semikolonavgränsad)\"")
            return
        } else if sample.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            stop(
                at: SourcePosition(line: 1, column: 1),
                "väntade en CSV-fil eller en Excel-arbetsbok (.xlsx), fann en äldre Excel-fil (.xls): spara den i Excel som \"Excel-arbetsbok (.xlsx)\""
            )
            return
        } else if sample.starts(with: [0xFF, 0xFE]) || sample.starts(with: [0xFE, 0xFF]) {
            stop(
                at: SourcePosition(line: 1, column: 1),
                "väntade UTF-8 eller Windows-1252, fann UTF-16 (spara som \"CSV UTF-8\" eller \"CSV (semikolonavgränsad)\")")
            return
        }
        if encoding == nil { encoding = Self.sniffEncoding(sample) }
        setClasses(delimiter: Self.detectDelimiter(sample.dropFirst(position)))
        if let cells = Self.tabSeparatedHeader(sample.dropFirst(position)) {
            stop(
                at: SourcePosition(line: 1, column: 1),
                "väntade semikolon eller komma mellan kolumnerna, fann tabbtecken (\(cells)): filen är "
                    + "tabbavgränsad, som \"Text (tabbavgränsad)\" eller text som klistrats in; spara den som \"CSV UTF-8\" eller \"CSV (semikolonavgränsad)\""
            )
        }
    }

    /// The first cells of a header line that has tabs but neither `;` nor `,` (outside quotes), as the user
    /// wrote them ("\"forbund\", \"insats\", \"period\" …"); `nil` for any other line.
    static func tabSeparatedHeader(_ sample: ArraySlice<UInt8>) -> String? {
        let line = sample.prefix { $0 != lf && $0 != cr }
        guard line.contains(0x09), !line.contains(UInt8(ascii: ";")), !line.contains(UInt8(ascii: ",")) else { return nil }
        let cells = line.split(separator: 0x09, omittingEmptySubsequences: false)
        let shown = cells.prefix(3).map { "\"" + String(decoding: $0, as: UTF8.self) + "\"" }.joined(separator: ", ")
        return shown + (cells.count > 3 ? " …" : "")
    }

    /// The word around the first trace of mojibake in `bytes` (UTF-8 read as Windows-1252 and saved as UTF-8
    /// again: `Ã¥` for å, `ï»¿` for the byte-order mark), or `nil` when there is none.
    static func mojibake(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let at = mojibakeStart(bytes) else { return nil }
        var start = at, end = at
        func separates(_ b: UInt8) -> Bool {
            b == UInt8(ascii: ";") || b == UInt8(ascii: ",") || b == quote || b == lf || b == cr || b == 0x20 || b == 0x09
        }
        while start > 0 && at - start < 40 && !separates(bytes[start - 1]) { start -= 1 }
        while end < bytes.count && end - at < 40 && !separates(bytes[end]) { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Where `C3 83 C2 xx` (Ã then a Latin-1 mark, å/ä/ö/é mis-read) or `C3 AF C2 BB C2 BF` (ï»¿) starts.
    static func mojibakeStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i + 3 < bytes.count {
            if bytes[i] == 0xC3, bytes[i + 2] == 0xC2 {
                if bytes[i + 1] == 0x83, [0xA5, 0xA4, 0xB6, 0x85, 0x84, 0x96, 0xA9, 0x89, 0xBC].contains(bytes[i + 3]) { return i }
                if bytes[i + 1] == 0xAF, bytes[i + 3] == 0xBB { return i }
            }
            i += 1
        }
        return nil
    }

    static func mojibakeMessage(_ word: String) -> String {
        let what = word.contains("ï»¿") ? "ï»¿ är filens UTF-8-markering (BOM)" : "å, ä och ö har blivit Ã¥, Ã¤ och Ã¶"
        return "väntade text med å, ä och ö, fann \"\(word)\": \(what) — filen har lästs som Windows-1252 fast den var UTF-8 och sparats igen; "
            + "öppna originalfilen (eller rätta tecknen) och spara den som \"CSV UTF-8\""
    }

    /// Up to the first 64 KiB of the input, read apart from the chunks.
    private func sample() -> [UInt8] {
        switch input {
        case .descriptor(let fd):
            var sample = [UInt8](repeating: 0, count: 1 << 16)
            let n = sample.withUnsafeMutableBytes { try? FileSystem.read(fd, into: $0.baseAddress!, count: $0.count, at: 0, path: fileName) }
            // Not a regular file (a pipe): the first chunk is all there is to go on.
            return n.map { Array(sample.prefix($0)) } ?? Array(UnsafeBufferPointer(start: buffer, count: count))
        case .memory(let bytes, _):
            return Array(bytes.prefix(1 << 16))
        case .range, .table:
            return []
        }
    }

    /// Windows-1252 if the sample has a byte sequence that is not UTF-8, UTF-8 if it has valid multi-byte
    /// sequences only, `nil` (undecided) when it is all ASCII: then the first non-ASCII byte decides. So a
    /// Windows-1252 file whose first special character happens to be valid UTF-8 too ("Ä€") is still read
    /// as Windows-1252.
    static func sniffEncoding(_ sample: [UInt8]) -> SourceEncoding? {
        sample.withUnsafeBufferPointer { p -> SourceEncoding? in
            var sawMultibyte = false, i = 0
            while i < p.count {
                guard p[i] >= 0x80 else {
                    i += 1
                    continue
                }
                switch SourceEncoding.utf8Sequence(p.baseAddress! + i, available: p.count - i) {
                case .valid(let length):
                    sawMultibyte = true
                    i += length
                case .incomplete: return sawMultibyte ? .utf8 : nil  // cut by the sample's end
                case .invalid: return .windows1252
                }
            }
            return sawMultibyte ? .utf8 : nil
        }
    }

    /// `;` or `,`, whichever the header line (outside quotes) has more of; `;` when neither appears.
    static func detectDelimiter(_ header: ArraySlice<UInt8>) -> UInt8 {
        var semicolons = 0, commas = 0, inQuotes = false
        for b in header {
            if b == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if b == lf || b == cr { break }
                if b == UInt8(ascii: ";") { semicolons += 1 }
                if b == UInt8(ascii: ",") { commas += 1 }
            }
        }
        return commas > semicolons ? UInt8(ascii: ",") : UInt8(ascii: ";")
    }

    private func setClasses(delimiter: UInt8) {
        self.delimiter = delimiter
        for b in [0, Self.quote, Self.lf, Self.cr] { classes[Int(b)] = 3 }
        for b in 0x80...0xFF { classes[b] = 3 }
        classes[Int(delimiter)] = 1
    }

    /// The file offset where the next record starts (after the header: where the data begins).
    public var offset: Int { discarded + position }

    /// Physical lines read so far.
    var linesRead: Int { line - 1 }

    /// After the last record: whether reading ended exactly at a record boundary, with nothing cut off.
    var endedCleanly: Bool { !stoppedEarly && lastRecordTerminated }

    // MARK: Buffer

    private func refill() {
        if position > 0 {
            let remaining = count - position
            if remaining > 0 { Memory.move(to: buffer, from: buffer + position, count: remaining) }
            count = remaining
            discarded += position
            position = 0
        }
        if count == capacity {
            guard capacity < maximumRecordBytes else {
                stop(
                    at: SourcePosition(line: line, column: 1),
                    "väntade en rad på högst \(maximumRecordBytes / (1 << 20)) MiB, fann en längre (saknas ett avslutande citattecken?)")
                return
            }
            let grown = min(capacity * 2, maximumRecordBytes)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            bigger.update(from: buffer, count: count)
            buffer.deallocate()
            buffer = bigger
            capacity = grown
        }
        let n: Int
        do throws(SystemError) {
            switch input {
            case .descriptor(let fd):
                n = try FileSystem.read(fd, into: buffer + count, count: capacity - count, path: fileName)
            case .range(let fd, let offset, let end):
                n = try FileSystem.read(fd, into: buffer + count, count: min(capacity - count, end - offset), at: offset, path: fileName)
                if n > 0 { input = .range(fd, offset: offset + n, end: end) }
            case .table:
                n = 0
            case .memory(let bytes, let offset):
                n = min(capacity - count, bytes.count - offset)
                if n > 0 {
                    bytes.withUnsafeBufferPointer { (buffer + count).update(from: $0.baseAddress! + offset, count: n) }
                    input = .memory(bytes, offset: offset + n)
                }
            }
        } catch {
            problems.append(
                Problem(
                    file: fileName, position: nil, message: "kunde inte läsa filen: \(SystemError.text(error.code))",
                    isIOFailure: true))
            stoppedEarly = true
            return
        }
        if n == 0 {
            atEndOfInput = true
        } else {
            count += n
            onRead?(n)
        }
    }

    private func stop(at position: SourcePosition?, _ message: String) {
        problems.append(Problem(file: fileName, position: position, message: message))
        stoppedEarly = true
    }

    // MARK: Scanning

    private enum ScanResult { case record, needMore, end }

    /// Where a scan is in the buffer: the byte `p`, the buffer's `end`, and what positions are counted from
    /// (the physical line, where it starts, and the extra bytes of multi-byte characters on it so far).
    private struct Cursor {
        var p: Int
        let end: Int
        var line: Int
        var lineStart: Int
        var extraBytes = 0

        /// The line and column of byte `at`, columns counted in characters.
        func here(_ at: Int) -> SourcePosition {
            SourcePosition(line: line, column: at - lineStart - extraBytes + 1)
        }

        /// A line break has just been passed: `p` is the first byte of the next line.
        mutating func startLine() {
            line += 1
            lineStart = p
            extraBytes = 0
        }
    }

    /// How scanning one cell ended: complete, cut by the buffer's end (scan the record again after a refill),
    /// or the file was stopped.
    private enum CellScan { case done, needMore, stopped }

    /// Scans one record starting at `position`. Commits nothing unless the whole record is in the buffer,
    /// so that a record cut by the chunk boundary is simply scanned again after a refill.
    private func scanRecord() -> ScanResult {
        if position >= count { return atEndOfInput ? .end : .needMore }
        fields.removeAll(keepingCapacity: true)
        let savedEncoding = encoding
        let savedProblemCount = problems.count
        var c = Cursor(p: position, end: count, line: line, lineStart: position)
        let delimiterWord = UInt64(delimiter) &* Self.ones

        while true {
            var fieldPosition = c.here(c.p)
            fieldPosition.cellRow = Int32(truncatingIfNeeded: recordsRead + 1)
            fieldPosition.cellColumn = Int32(truncatingIfNeeded: fields.count + 1)
            var field = Field(start: c.p, end: c.p, escaped: false, position: fieldPosition)
            let scan = c.p < c.end && buffer[c.p] == Self.quote ? scanQuotedCell(&c, &field) : scanPlainCell(&c, &field, delimiterWord: delimiterWord)
            switch scan {
            case .done: break
            case .stopped: return .end
            case .needMore:
                encoding = savedEncoding
                problems.removeSubrange(savedProblemCount...)
                return .needMore
            }
            fields.append(field)
            if fields.count > Self.maximumFields {
                stop(at: fieldPosition, "väntade högst \(Self.maximumFields) celler på en rad, fann fler")
                return .end
            }
            if c.p >= c.end {
                position = c.p
                line = c.line
                if fields.count > 1 || field.end > field.start { lastRecordTerminated = false }
                recordsRead += 1
                return .record
            }
            let b = buffer[c.p]
            c.p += 1
            if b == delimiter { continue }
            if b == Self.cr {
                if c.p < c.end {
                    if buffer[c.p] == Self.lf { c.p += 1 }
                } else if !atEndOfInput {
                    encoding = savedEncoding
                    problems.removeSubrange(savedProblemCount...)
                    return .needMore
                }
            }
            position = c.p
            line = c.line + 1
            recordsRead += 1
            lastRecordTerminated = true
            return .record
        }
    }

    /// A cell in quotes, from its opening quote: doubled quotes inside are marked for unescaping, line breaks
    /// inside counted as lines; after the closing quote only a delimiter or a line break may follow.
    private func scanQuotedCell(_ c: inout Cursor, _ field: inout Field) -> CellScan {
        let buf = buffer, classes = self.classes
        c.p += 1
        field.start = c.p
        quoted: while true {
            while c.p < c.end && classes[Int(buf[c.p])] & 2 == 0 { c.p += 1 }
            if c.p >= c.end {
                guard atEndOfInput else { return .needMore }
                problems.append(
                    Problem(file: fileName, position: field.position, message: "väntade ett avslutande citattecken för cellen, fann filens slut"))
                lastRecordTerminated = false
                field.end = c.p
                break quoted
            }
            switch buf[c.p] {
            case Self.quote:
                if c.p + 1 < c.end {
                    if buf[c.p + 1] == Self.quote {
                        field.escaped = true
                        c.p += 2
                        continue quoted
                    }
                } else if !atEndOfInput {
                    return .needMore
                }
                field.end = c.p
                c.p += 1
                break quoted
            case Self.lf:
                c.p += 1
                c.startLine()
            case Self.cr:
                c.p += 1
                if c.p < c.end && buf[c.p] == Self.lf { c.p += 1 } else if c.p >= c.end && !atEndOfInput { return .needMore }
                c.startLine()
            default:
                guard let length = special(&c, at: c.p) else { return .stopped }
                if length == 0 { return .needMore }
                c.p += length
            }
        }
        if c.p < c.end, buf[c.p] != delimiter, buf[c.p] != Self.lf, buf[c.p] != Self.cr {
            problems.append(
                Problem(
                    file: fileName, position: c.here(c.p),
                    message:
                        "väntade \(delimiterName) eller radslut efter cellens avslutande citattecken, fann \(describe(buf[c.p]))"))
            while c.p < c.end, buf[c.p] != delimiter, buf[c.p] != Self.lf, buf[c.p] != Self.cr { c.p += 1 }
            if c.p >= c.end && !atEndOfInput { return .needMore }
        }
        return .done
    }

    /// A cell without quotes, up to the delimiter or the line's end: eight bytes at a time while none of
    /// them can end it, then byte by byte; a quote inside is a problem, a byte ≥ 0x80 is checked.
    private func scanPlainCell(_ c: inout Cursor, _ field: inout Field, delimiterWord: UInt64) -> CellScan {
        let buf = buffer, classes = self.classes
        plain: while true {
            while c.p + 8 <= c.end && !Self.mayEndPlainCell(UnsafeRawPointer(buf + c.p).loadUnaligned(as: UInt64.self), delimiter: delimiterWord) {
                c.p += 8
            }
            while c.p < c.end && classes[Int(buf[c.p])] & 1 == 0 { c.p += 1 }
            if c.p >= c.end {
                guard atEndOfInput else { return .needMore }
                break plain
            }
            let b = buf[c.p]
            if b == delimiter || b == Self.lf || b == Self.cr { break plain }
            if b == Self.quote {
                problems.append(
                    Problem(
                        file: fileName, position: c.here(c.p),
                        message:
                            "väntade citattecken bara runt en hel cell, fann ett mitt i cellen (skriv cellen inom citattecken och dubbla citattecknen inuti)"
                    ))
                c.p += 1
                continue plain
            }
            guard let length = special(&c, at: c.p) else { return .stopped }
            if length == 0 { return .needMore }
            c.p += length
        }
        field.end = c.p
        return .done
    }

    /// Checks the byte ≥ 0x80 (or NUL) at `p`: the file's encoding decided or kept, mojibake and undefined
    /// bytes refused.
    ///
    /// - Returns: how many bytes the character takes, 0 to ask for more input, or `nil` after stopping the file.
    private func special(_ c: inout Cursor, at p: Int) -> Int? {
        let buf = buffer, end = c.end
        let b = buf[p]
        if b == 0 {
            stop(at: c.here(p), "väntade text, fann en NUL-byte (är det verkligen en CSV-fil?)")
            return nil
        }
        if encoding != .windows1252 {
            switch SourceEncoding.utf8Sequence(buf + p, available: end - p) {
            case .valid(let length):
                encoding = .utf8
                // Å, ä, ö start with C3 too: the window is looked at only when the next bytes are Ã's or ï's.
                if b == 0xC3, end - p >= 4, buf[p + 1] == 0x83 || buf[p + 1] == 0xAF, buf[p + 2] == 0xC2,
                    Self.mojibakeStart(UnsafeBufferPointer(start: buf + p, count: 4)) != nil,
                    let word = Self.mojibake(
                        in: UnsafeBufferPointer(start: buf + max(c.lineStart, p - 40), count: min(end, p + 44) - max(c.lineStart, p - 40)))
                {
                    stop(at: c.here(p), Self.mojibakeMessage(word))
                    return nil
                }
                c.extraBytes += length - 1
                return length
            case .incomplete where !atEndOfInput:
                return 0
            case .incomplete, .invalid:
                if encoding == .utf8 {
                    stop(at: c.here(p), "väntade UTF-8 som i resten av filen, fann byte 0x\(hex(b)) (blandar filen UTF-8 och Windows-1252?)")
                    return nil
                }
                encoding = .windows1252
            }
        }
        if SourceEncoding.isUndefinedInWindows1252(b) {
            stop(at: c.here(p), "väntade UTF-8 eller Windows-1252, fann byte 0x\(hex(b)) som ingen av dem har")
            return nil
        }
        if SourceEncoding.isUTF8SwedishLetter(buf + p, available: end - p) {
            stop(at: c.here(p), "väntade Windows-1252 som i resten av filen, fann UTF-8 (blandar filen UTF-8 och Windows-1252?)")
            return nil
        }
        return 1
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes in `w` is the delimiter, a quote, CR, LF, NUL or ≥ 0x80 (SWAR: a byte
    /// of `w ^ c` is zero exactly where `w` holds `c`).
    @inline(__always)
    static func mayEndPlainCell(_ w: UInt64, delimiter: UInt64) -> Bool {
        @inline(__always) func zeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let found = zeroByte(w ^ delimiter) | zeroByte(w ^ (0x22 &* ones)) | zeroByte(w ^ (0x0A &* ones)) | zeroByte(w ^ (0x0D &* ones))
        return (found | zeroByte(w) | (w & highs)) != 0
    }

    private var delimiterName: String { delimiter == UInt8(ascii: ";") ? "semikolon" : "komma" }

    private func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? "\"\(Character(Unicode.Scalar(b)))\"" : "byte 0x\(hex(b))"
    }
}

func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
}
