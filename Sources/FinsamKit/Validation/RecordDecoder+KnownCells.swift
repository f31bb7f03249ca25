/// Per file: what each column's distinct cells decoded to, and room for one line's cell bounds.
struct KnownCells {
    /// Per column; `ignored` and `antal` columns are read afresh on every row.
    var memos: [CellMemo]
    /// End (exclusive) of each cell of the current line, as offsets into it.
    var ends: [Int]
    /// Decoded value per ``ColumnLayout/Role/index``; ``empty`` for an empty cell or a column the file lacks.
    var values: [Int32]

    static let empty: Int32 = -1

    init(layout: ColumnLayout) {
        memos = Array(repeating: CellMemo(), count: layout.roles.count)
        ends = Array(repeating: 0, count: layout.roles.count)
        values = Array(repeating: Self.empty, count: ColumnLayout.Role.fixedCount)
    }
}

/// The known-cell path: most rows of a large file consist of cells the file has already had, so a row
/// is first split in one pass (eight bytes at a time) and each cell recognised in its column's
/// ``CellMemo``. A cell not seen before is decoded by the same functions the full decoder uses
/// (vocabularies, ``resolveName(_:_:encoding:)``, ``Period``) and remembered.
///
/// Only rows that the full decoder would accept without a problem are taken: any NUL, CR inside the
/// line, quote other than around a whole cell on one line, cell count other than the header's, cell that
/// does not decode, or broken rule between cells leaves the line to
/// ``decodeBody(_:layout:into:summary:)``'s full path, which then reports it with positions. A cell with bytes ≥ 0x80 is only decoded here once the file's encoding is
/// known (the full path decides it) and only when that encoding reads it without a problem.
extension RecordDecoder {
    /// Decodes the line at the start of `bytes` if it is a valid row of known cells, passing it on as
    /// the full path would; returns the bytes it takes (its line break included), or `nil` to leave it.
    mutating func decodeKnownLine<Sink: RecordSink>(
        _ bytes: UnsafeBufferPointer<UInt8>, layout: ColumnLayout, delimiter: UInt8,
        encoding: SourceEncoding?,
        known: inout KnownCells, answers: inout [Int8], into sink: inout Sink,
        summary: inout FileSummary
    ) -> Int? {
        guard let base = bytes.baseAddress,
            let (cells, length) = known.ends.withUnsafeMutableBufferPointer({ Self.split(bytes, delimiter: delimiter, ends: $0) }),
            cells == layout.roles.count
        else { return nil }
        if layout.kind == .indikatorsvar { for q in answers.indices { answers[q] = Answer.none } }
        for v in known.values.indices { known.values[v] = KnownCells.empty }
        var antal = 1
        /// An aktiviteter row's numbers: tillfällen (1 when empty) and deltagande (-1 when empty).
        var tillfallen = 1, deltagande = -1
        var answered = false
        var dimensions = DimensionCodes()
        var start = 0
        for column in 0..<cells {
            let end = known.ends[column]
            let cell = UnsafeBufferPointer(start: base + start, count: end - start)
            let role = layout.roles[column]
            defer { start = end + 1 }
            switch role {
            case .ignored:
                // A sum row goes to the full path, which says what it is (checked where a first cell is new).
                if column == 0, cell.count <= 16, Self.isTotalLabel(String(decoding: cell, as: UTF8.self)) { return nil }
                guard cellReads(cell, encoding: encoding),
                    layout.unnamedColumns.first.map({ column < $0 }) ?? true || TextFolding.trimmed(cell).isEmpty,
                    Self.withContent(of: cell, { PersonalDataDetector.firstMatch(in: $0) == nil })
                else { return nil }
                continue
            case .antal:
                // 1 when empty, as in the full path.
                guard let value = Self.withContent(of: cell, { TextFolding.trimmed($0).isEmpty ? 1 : Self.count(TextFolding.trimmed($0)) })
                else { return nil }
                antal = value
                continue
            case .tillfallen, .deltagande:
                // Read afresh like antal: -1 for an empty cell.
                guard let value = Self.withContent(of: cell, { TextFolding.trimmed($0).isEmpty ? -1 : Self.count(TextFolding.trimmed($0)) })
                else { return nil }
                if role == .tillfallen { tillfallen = value < 0 ? 1 : value } else { deltagande = value }
                continue
            default:
                break
            }
            let value: Int32
            if let remembered = known.memos[column].value(base + start, cell.count, readable: bytes.count - start) {
                value = remembered
            } else {
                if column == 0, cell.count <= 16, Self.isTotalLabel(String(decoding: cell, as: UTF8.self)) { return nil }
                guard cellReads(cell, encoding: encoding),
                    let decoded = Self.withContent(of: cell, { decodeCell($0, role, kind: layout.kind, encoding: encoding) })
                else { return nil }
                known.memos[column].remember(base + start, cell.count, value: decoded)
                value = decoded
            }
            if case .question(let q) = role {
                answers[q] = Int8(value)
                answered = answered || value != KnownCells.empty
            } else if case .dimension(let slot) = role {
                if value >= 0 { dimensions[slot] = Int(value) }
            } else {
                known.values[role.index] = value
            }
        }
        let v = known.values
        @inline(__always) func value(_ role: ColumnLayout.Role) -> Int32 { v[role.index] }
        let forbund = value(.forbund), insats = value(.insats), periodCode = value(.period)
        guard forbund >= 0, insats >= 0, periodCode >= 0 else { return nil }
        let period = Period(year: Int(periodCode) / 3, half: periodCode % 3 == 0 ? nil : Int(periodCode) % 3)
        let kon = Kon(rawValue: Int(value(.kon))), alder = Aldersgrupp(checking: Int(value(.aldersgrupp)))
        switch layout.kind {
        case .deltagare:
            guard let kon, let status = DeltagarStatus(rawValue: Int(value(.status))) else { return nil }
            let orsak = value(.avslutsorsak), steg = value(.stegforflyttning)
            switch status {
            case .avslutad: guard orsak >= 0 else { return nil }
            case .pagaende:
                guard orsak < 0, steg < 0 else { return nil }
                // A dimension of avslutade only, on a pågående row: the full path says so.
                if !dimensions.isEmpty {
                    for (_, slot) in layout.dimensionColumns where avslutadOnly[slot] && dimensions[slot] != nil { return nil }
                }
            }
            let ny = value(.ny)
            let record = DeltagareRecord(
                forbund: forbund, insats: insats, period: period, kon: kon, aldersgrupp: alder,
                ny: ny < 0 ? nil : ny == 1, status: status, avslutsorsak: Int16(orsak),
                stegforflyttning: steg < 0 ? nil : steg == 1, antal: antal, dimensions: dimensions)
            accept(record, into: &sink, summary: &summary)
        case .indikatorsvar:
            let enkat = value(.enkat)
            guard enkat >= 0, answered else { return nil }
            for q in answers.indices where answers[q] != Answer.none && !questionInEnkat[q][Int(enkat)] { return nil }
            let form = SurveyForm(forbund: forbund, insats: insats, period: period, enkat: Int16(enkat), kon: kon, aldersgrupp: alder)
            accept(form, answers: answers, into: &sink, summary: &summary)
        case .aktiviteter:
            let aktivitet = value(.aktivitet), part = Part(rawValue: Int(value(.part)))
            // Part and kön describe the deltagande: without it the full path says so.
            guard aktivitet >= 0, deltagande >= 0 || (part == nil && kon == nil) else { return nil }
            let activity = AktivitetRecord(
                forbund: forbund, insats: insats, period: period, aktivitet: Int16(aktivitet), tillfallen: tillfallen,
                deltagande: deltagande < 0 ? nil : deltagande, part: part, kon: kon)
            accept(activity, into: &sink, summary: &summary)
        }
        return length
    }

    /// Calls `body` with what a cell holds: a quoted cell without its quotes and with its doubled quotes
    /// single, as ``CSVReader/withBytes(of:_:)`` gives it (``split(_:delimiter:ends:)`` vouches for the form).
    private static func withContent<R>(of cell: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard cell.first == UInt8(ascii: "\"") else { return body(cell) }
        var content: [UInt8] = []
        CSVReader.appendUnescaped(cell.dropFirst().dropLast(), to: &content)
        return content.withUnsafeBufferPointer(body)
    }

    /// Whether the reader, in `encoding`, takes the cell's bytes ≥ 0x80 without a problem and without
    /// having to decide the encoding first.
    private func cellReads(_ cell: UnsafeBufferPointer<UInt8>, encoding: SourceEncoding?) -> Bool {
        guard let encoding else { return !cell.contains { $0 >= 0x80 } }
        return encoding.accepts(cell)
    }

    /// A cell decoded as the full path decodes it, as a memo value (``KnownCells/empty`` for an empty cell);
    /// `nil` when the full path would report it.
    private mutating func decodeCell(
        _ raw: UnsafeBufferPointer<UInt8>, _ role: ColumnLayout.Role, kind: FileKind,
        encoding: SourceEncoding?
    ) -> Int32? {
        let cell = TextFolding.trimmed(raw)
        @inline(__always) func code<V>(_ vocabulary: Vocabulary<V>, _ value: (V) -> Int) -> Int32? {
            cell.isEmpty ? KnownCells.empty : vocabulary.lookup(cell, encoding: encoding).map { Int32(value($0)) }
        }
        switch role {
        case .forbund, .insats:
            guard case .id(let id) = resolveName(raw, role, encoding: encoding) else { return nil }
            // The wrong typ for the file's kind is the full path's to report.
            if role == .insats, kind == .deltagare ? isStrukturinriktad(id) : kind == .aktiviteter && isIndividinriktad(id) { return nil }
            return id
        case .period:
            guard let period = Period(bytes: cell) else { return nil }
            return Int32(period.year * 3 + (period.half ?? 0))
        case .kon: return code(Kon.vocabulary, \.rawValue)
        case .aldersgrupp: return code(alderVocabulary) { $0 }
        case .dimension(let slot): return code(dimensionVocabularies[slot]) { $0 }
        case .status: return code(DeltagarStatus.vocabulary, \.rawValue)
        case .ny, .stegforflyttning: return code(JaNej.vocabulary) { $0 ? 1 : 0 }
        case .avslutsorsak: return code(orsakVocabulary) { $0 }
        case .enkat: return code(enkatVocabulary) { $0 }
        case .question(let q):
            switch answer(cell, question: q, encoding: encoding) {
            case nil: return Int32(Answer.none)
            case .some(nil): return nil
            case .some(let value?): return Int32(value)
            }
        case .aktivitet: return code(aktivitetVocabulary) { $0 }
        case .part: return code(Part.vocabulary, \.rawValue)
        case .antal, .ignored, .tillfallen, .deltagande: return nil
        }
    }

    /// Splits the line at the start of `bytes` at `delimiter`, eight bytes at a time, into `ends` (each cell's
    /// end offset; a quoted cell keeps its quotes). Returns the number of cells and the line's length with
    /// its LF; `nil` when the line is not plain: a NUL, a CR other than just before the LF, a quote other
    /// than around a whole cell, a line break inside quotes, more cells than `ends` holds, or no LF in `bytes`.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, ends: UnsafeMutableBufferPointer<Int>) -> (cells: Int, length: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        /// The high bit of every byte of `v` that is zero, and of no other.
        @inline(__always) func zeros(_ v: UInt64) -> UInt64 { ~(((v & lows) &+ lows) | v | lows) }
        @inline(__always) func below(_ bits: UInt64) -> UInt64 { bits == 0 ? ~0 : (bits & (0 &- bits)) &- 1 }
        let delimiters = UInt64(delimiter) &* ones
        var cells = 0, cr = -1, i = 0
        @inline(__always) func addCell(endingAt end: Int) -> Bool {
            guard cells < ends.count else { return false }
            ends[cells] = end
            cells += 1
            return true
        }
        @inline(__always) func finish(lineFeedAt lf: Int) -> (cells: Int, length: Int)? {
            guard cr < 0 || cr == lf - 1 else { return nil }
            return addCell(endingAt: cr < 0 ? lf : cr) ? (cells, lf + 1) : nil
        }
        /// Past the quoted cell opening at `i`, which must start its cell and close right before a
        /// delimiter or line end, with only doubled quotes and no line break or NUL inside.
        @inline(__always) func skipQuoted(at i: Int) -> Int? {
            guard i == (cells == 0 ? 0 : ends[cells - 1] + 1) else { return nil }
            var j = i + 1
            while j < n {
                switch base[j] {
                case 0x22:
                    if j + 1 < n && base[j + 1] == 0x22 {
                        j += 2
                        continue
                    }
                    guard j + 1 < n, base[j + 1] == delimiter || base[j + 1] == 0x0D || base[j + 1] == 0x0A else { return nil }
                    return j + 1
                case 0x0A, 0x0D, 0: return nil
                default: j += 1
                }
            }
            return nil
        }
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let quote = zeros(w ^ 0x22 &* ones)
            // Most words hold no quote and no byte below 0x0E (NUL, LF, CR): only their delimiters matter.
            // (A byte below 0x0E sets some high bit here, though not always its own: enough to tell.)
            if quote | ((w &- 0x0E &* ones) & ~w & ~lows) == 0 {
                var found = zeros(w ^ delimiters)
                while found != 0 {
                    guard addCell(endingAt: i + found.trailingZeroBitCount >> 3) else { return nil }
                    found &= found &- 1
                }
                i += 8
                continue
            }
            let lf = zeros(w ^ 0x0A &* ones)
            // Only the bytes before the first LF belong to this line, and those before a quote to this pass.
            let line = below(lf)
            let plain = line & below(quote)
            if zeros(w) & plain != 0 { return nil }
            let crs = zeros(w ^ 0x0D &* ones) & plain
            if crs != 0 {
                guard cr < 0, crs & (crs &- 1) == 0 else { return nil }
                cr = i + crs.trailingZeroBitCount >> 3
            }
            var found = zeros(w ^ delimiters) & plain
            while found != 0 {
                guard addCell(endingAt: i + found.trailingZeroBitCount >> 3) else { return nil }
                found &= found &- 1
            }
            if quote & line != 0 {
                guard let after = skipQuoted(at: i + quote.trailingZeroBitCount >> 3) else { return nil }
                i = after
                continue
            }
            if lf != 0 { return finish(lineFeedAt: i + lf.trailingZeroBitCount >> 3) }
            i += 8
        }
        while i < n {
            switch base[i] {
            case 0x0A: return finish(lineFeedAt: i)
            case 0: return nil
            case 0x22:
                guard let after = skipQuoted(at: i) else { return nil }
                i = after
                continue
            case 0x0D:
                guard cr < 0 else { return nil }
                cr = i
            case delimiter:
                guard addCell(endingAt: i) else { return nil }
            default: break
            }
            i += 1
        }
        return nil
    }
}
