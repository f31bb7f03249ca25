/// Per file: what each column's distinct cells decoded to, and room for one line's cell bounds.
///
/// Kept behind pointers that a class owns, not in arrays: the path writes a line's cell ends and values
/// and looks into a memo for every cell of millions of rows, and an array would check on each write
/// that it is not shared.
struct KnownCells {
    private final class Storage {
        let memos: UnsafeMutablePointer<CellMemo>
        let ends: UnsafeMutablePointer<Int>
        let values: UnsafeMutablePointer<Int32>
        let targets: UnsafeMutablePointer<Int>
        let scales: UnsafeMutablePointer<UInt16>
        let lanes: UnsafeMutablePointer<Lane>
        /// At most one step per column (``KnownCells/Step``).
        let steps: UnsafeMutablePointer<Step>
        let pairMemos: UnsafeMutablePointer<CellMemo>
        let groups: UnsafeMutablePointer<Group>
        let columns: Int
        /// The sink's key bits of the fields no column of the file gives (``KnownCells/baseKey``), and
        /// whether the groups carry a sink's key bits (``KnownCells/keyed``).
        var baseKey: UInt64 = 0
        var keyed = false

        init(columns: Int) {
            self.columns = columns
            pairMemos = .allocate(capacity: columns)
            // One memo each (not copies of one: a copy would first copy the table it shares).
            for column in 0..<columns { (pairMemos + column).initialize(to: CellMemo()) }
            // Written before read, entry by entry; pages never written are never touched.
            groups = .allocate(capacity: max(columns, 1) * CellMemo.maximumEntries)
            lanes = .allocate(capacity: max(columns, 1))
            lanes.initialize(repeating: .coded, count: max(columns, 1))
            steps = .allocate(capacity: max(columns, 1))
            steps.initialize(repeating: Step(kind: .coded, column: 0, count: 1), count: max(columns, 1))
            scales = .allocate(capacity: max(columns, 1))
            scales.initialize(repeating: 0, count: max(columns, 1))
            targets = .allocate(capacity: max(columns, 1))
            targets.initialize(repeating: KnownCells.fresh, count: max(columns, 1))
            memos = .allocate(capacity: columns)
            for column in 0..<columns { (memos + column).initialize(to: CellMemo()) }
            ends = .allocate(capacity: max(columns, 1))
            ends.initialize(repeating: 0, count: max(columns, 1))
            values = .allocate(capacity: ColumnLayout.Role.fixedCount)
            values.initialize(repeating: KnownCells.empty, count: ColumnLayout.Role.fixedCount)
        }

        deinit {
            memos.deinitialize(count: columns)
            memos.deallocate()
            pairMemos.deinitialize(count: columns)
            pairMemos.deallocate()
            groups.deallocate()
            ends.deallocate()
            values.deallocate()
            targets.deallocate()
            scales.deallocate()
            lanes.deallocate()
            steps.deallocate()
        }
    }

    /// How ``RecordDecoder/decodeCommonLines`` reads a column's cell.
    enum Lane: UInt8 {
        /// Looked up in the column's memo.
        case coded
        /// The first of two coded columns side by side: only noted, looked up with the second.
        case pairFirst
        /// The second of a pair: the two cells looked up as one in the column's pair memo.
        case pairSecond
        /// A question's answer: empty or one digit on its scale at once, else the memo.
        case answer
        /// Antal: one digit.
        case antal
    }

    /// One step of the common lane (``RecordDecoder/decodeCommonLines``): the cells of `count` columns
    /// from `column` on, read as one. A line is its steps in order, each ending at a delimiter but the last,
    /// which ends at the line's end; only a step's last delimiter is looked at between steps, so a line of
    /// nine cells in five steps costs five turns of the lane's loop, not nine.
    struct Step {
        enum Kind: UInt8 {
            /// One coded cell, looked up as a group of one in its column's pair memo (a cell not seen there
            /// before in its column's memo).
            case coded
            /// Two coded cells side by side, looked up as one in the second column's pair memo.
            case pair
            /// A run of `count` answers (``Lane/answer``), read in a loop of their own.
            case answers
            /// Antal: one digit.
            case antal
        }

        var kind: Kind
        var column: Int
        var count: Int
    }

    private let storage: Storage
    /// Per column; `ignored` and `antal` columns are read afresh on every row.
    let memos: UnsafeMutablePointer<CellMemo>
    /// End (exclusive) of each cell of the current line, as offsets into it: one per column.
    let ends: UnsafeMutableBufferPointer<Int>
    /// Decoded value per ``ColumnLayout/Role/index``; ``empty`` for an empty cell or a column the file lacks.
    let values: UnsafeMutableBufferPointer<Int32>
    /// Per column, where its coded cells' values go: a ``ColumnLayout/Role/index`` into `values`,
    /// ``questionBase`` + q for question q's answer, ``dimensionBase`` + slot for a background dimension;
    /// ``fresh`` for a column read afresh on every row. One integer per column, so that a row is read
    /// without a switch over the column's role.
    let targets: UnsafeMutablePointer<Int>
    /// Per column, for a question: bit v set when the single digit v is on its scale (``RecordDecoder``'s
    /// `scaleDigits`); 0 for any other column.
    let scales: UnsafeMutablePointer<UInt16>
    /// Per column, how the common lane reads it (``RecordDecoder/decodeCommonLines``).
    let lanes: UnsafeMutablePointer<Lane>
    /// Whether the file's lines may take the common lane: deltagare or indikatorsvar, with no column read
    /// afresh but antal (an `x_` column's text is checked for personal data on every row, by the careful lane).
    let hasCommonLane: Bool

    static let empty: Int32 = -1
    static let fresh = -1
    static let questionBase = 1 << 16
    static let dimensionBase = 1 << 17

    init(layout: ColumnLayout, scaleDigits: [UInt16] = []) {
        storage = Storage(columns: layout.roles.count)
        scales = storage.scales
        for (column, q) in layout.questionColumns where q < scaleDigits.count { scales[column] = scaleDigits[q] }
        memos = storage.memos
        ends = UnsafeMutableBufferPointer(start: storage.ends, count: layout.roles.count)
        values = UnsafeMutableBufferPointer(start: storage.values, count: ColumnLayout.Role.fixedCount)
        targets = storage.targets
        lanes = storage.lanes
        var common = layout.kind == .deltagare || layout.kind == .indikatorsvar
        for (column, role) in layout.roles.enumerated() {
            switch role {
            case .antal:
                targets[column] = Self.fresh
                lanes[column] = .antal
            case .ignored, .tillfallen, .deltagande:
                targets[column] = Self.fresh
                common = false
            case .question(let q):
                targets[column] = Self.questionBase + q
                lanes[column] = .answer
            case .dimension(let slot): targets[column] = Self.dimensionBase + slot
            default: targets[column] = role.index
            }
        }
        hasCommonLane = common && !layout.roles.isEmpty
        var column = 0
        while column + 1 < layout.roles.count {
            guard lanes[column] == .coded, lanes[column + 1] == .coded else {
                column += 1
                continue
            }
            lanes[column] = .pairFirst
            lanes[column + 1] = .pairSecond
            column += 2
        }
        let steps = Self.steps(lanes: lanes, columns: layout.roles.count, into: storage.steps)
        pointers = Pointers(
            lanes: lanes, steps: storage.steps, stepCount: steps, memos: memos, pairMemos: storage.pairMemos,
            groups: storage.groups, targets: targets, scales: scales)
    }

    /// What the common lane knows of a pair of coded cells side by side, or of one coded cell alone (the
    /// first code then -1), once it has seen it: their codes, and what they put in a sink's packed key and
    /// in the line's rules (``RecordDecoder/LineRule``). A line's key and rules are the OR of its groups',
    /// so a known group gives its share of both in two loads.
    struct Group {
        /// The first cell's code in the high half, the second's in the low half.
        var codes: UInt64
        /// The sink's key bits of both cells (``RecordSink/keyBits(of:index:dimension:kind:)``); 0 until
        /// the cells are ``keyed``.
        var key: UInt64
        /// ``RecordDecoder/LineRule`` bits of both cells.
        var rules: UInt64
    }

    /// The key bits of the fields that no column of the file gives (all "not given"): a line's key starts
    /// from these.
    var baseKey: UInt64 { storage.baseKey }

    /// Whether the groups carry a sink's key bits: set by ``keyGroups(baseKey:)`` before the first group is
    /// remembered. The cells of a file are learnt for one sink's layout of keys (a worker's tables all
    /// share one).
    var keyed: Bool { storage.keyed }

    /// Makes the groups carry key bits from now on, with `baseKey` for the fields the file lacks. Groups
    /// remembered before (without key bits) are forgotten: the common lane learns them again.
    func keyGroups(baseKey: UInt64) {
        storage.baseKey = baseKey
        storage.keyed = true
        for column in 0..<storage.columns where storage.pairMemos[column].count > 0 { storage.pairMemos[column] = CellMemo() }
    }

    /// Writes the common lane's steps for `lanes` to `steps`: a pair, a run of answers side by side, or one
    /// cell each.
    /// - Returns: the number of steps (at most `columns`).
    static func steps(lanes: UnsafeMutablePointer<Lane>, columns: Int, into steps: UnsafeMutablePointer<Step>) -> Int {
        var count = 0, column = 0
        while column < columns {
            var step = Step(kind: .coded, column: column, count: 1)
            switch lanes[column] {
            case .coded, .pairSecond: break
            case .pairFirst: (step.kind, step.count) = (.pair, 2)
            case .antal: step.kind = .antal
            case .answer:
                step.kind = .answers
                while column + step.count < columns && lanes[column + step.count] == .answer { step.count += 1 }
            }
            steps[count] = step
            count += 1
            column += step.count
        }
        return count
    }

    /// What the common lane reads and writes, as plain pointers (no reference to retain per call).
    struct Pointers {
        let lanes: UnsafeMutablePointer<Lane>
        /// A line's steps, in order, and their number.
        let steps: UnsafeMutablePointer<Step>
        let stepCount: Int
        let memos: UnsafeMutablePointer<CellMemo>
        /// Per column, for the last column of a ``Step/Kind/pair`` or ``Step/Kind/coded`` step: the groups of
        /// cells seen (the pair's bytes, delimiter and all, or the one cell's), each with its index into
        /// `groups` (the column's ``CellMemo/maximumEntries`` entries from column × that).
        let pairMemos: UnsafeMutablePointer<CellMemo>
        /// What each group remembered stands for.
        let groups: UnsafeMutablePointer<Group>
        let targets: UnsafeMutablePointer<Int>
        let scales: UnsafeMutablePointer<UInt16>

        /// Remembers the group of cells `p[0..<length]` (for a pair, the delimiter between them included)
        /// ending in `column`, unless its memo is full or will not keep it.
        func rememberGroup(_ p: UnsafePointer<UInt8>, _ length: Int, column: Int, _ group: Group) {
            let memo = pairMemos + column
            let index = memo.pointee.count
            memo.pointee.remember(p, length, value: Int32(index))
            guard memo.pointee.count > index else { return }
            groups[column * CellMemo.maximumEntries + index] = group
        }

        /// The group that `pairMemos[column]`'s value `index` stands for.
        @inline(__always) func group(_ index: Int32, column: Int) -> Group { groups[column &* CellMemo.maximumEntries &+ Int(index)] }
    }

    /// The common lane's pointers.
    let pointers: Pointers
}

/// The known-cell path: most rows of a large file consist of cells the file has already had, so the rows
/// are split by one ``BlockScanner`` pass (64 bytes at a time) and each cell recognised in its column's
/// ``CellMemo``. A cell not seen before is decoded by the same functions the full decoder uses
/// (vocabularies, ``resolveName(_:_:encoding:)``, ``Period``) and remembered.
///
/// Only rows that the full decoder would accept without a problem are taken: any NUL, CR inside the
/// line, quote other than around a whole cell on one line, cell count other than the header's, cell that
/// does not decode, or broken rule between cells leaves the line to
/// ``decodeBody(_:layout:into:summary:)``'s full path, which then reports it with positions. A cell with bytes ≥ 0x80 is only decoded here once the file's encoding is
/// known (the full path decides it) and only when that encoding reads it without a problem.
extension RecordDecoder {
    /// Decodes the lines at the start of `bytes` for as long as each is a valid row of known cells, passing
    /// each on as the full path would; stops before the first line that is not (or after `maximumLines`).
    ///
    /// The lines' structure comes from one ``BlockScanner`` over all of them, 64 bytes at a time; a line the
    /// path leaves (a problem, a cell it cannot vouch for, no line end in `bytes`) is the full path's, and
    /// the next call starts a new scan after it, at a record boundary.
    ///
    /// - Returns: the bytes taken (the last line's LF included) and the number of lines.
    /// - Complexity: O(`bytes` taken), with a memo lookup per coded cell.
    mutating func decodeKnownLines<Sink: RecordSink>(
        _ bytes: UnsafeBufferPointer<UInt8>, layout: ColumnLayout, delimiter: UInt8,
        encoding: SourceEncoding?, maximumLines: Int = .max,
        known: inout KnownCells, answers: inout [Int8], into sink: inout Sink,
        summary: inout FileSummary
    ) -> (bytes: Int, lines: Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        var scanner = BlockScanner(base: base, count: bytes.count, delimiter: delimiter)
        // Where `scanner` started: the careful lane's scan starts again after the common lane's lines.
        var scanned = 0
        let cells = layout.roles.count
        var taken = 0, lines = 0
        // Only plain values inside the loop: a struct holding a reference, copied into a call there, would
        // cost an atomic retain and release per row.
        let memos = known.memos, ends = known.ends, values = known.values, targets = known.targets, scales = known.scales
        let pointers = known.pointers
        let plan = LinePlan(layout: layout, avslutadOnly: avslutadOnly)
        // The common lane is tried before each careful line; after a try that takes no line, the careful lane
        // reads on alone for a while, twice as long after each such try in a row (up to
        // ``commonLaneBackoff`` lines): a file's first lines bring new cells one after the other, and
        // later ones seldom.
        // A sink of codes takes the common lane's lines as packed keys, which leave the units they cover
        // unnoted: a decoder that notes them (``collectsKeys``) reads such a sink's lines the careful way.
        let common = known.hasCommonLane && maximumLines == .max && !(Sink.takesCodes && collectsKeys)
        // A sink of packed keys: the groups the common lane learns carry its key bits.
        if common && Sink.takesCodes && !known.keyed { known.keyGroups(baseKey: Self.baseKey(layout: layout, sink: &sink)) }
        var skip = 0, backoff = 0
        layout.roles.withUnsafeBufferPointer { roles in
            answers.withUnsafeMutableBufferPointer { answers in
                if plan.kind == .indikatorsvar { answers.update(repeating: Answer.none) }
                while lines < maximumLines {
                    if common && skip == 0 {
                        let (length, commonLines) = decodeCommonLines(
                            base, count: bytes.count, from: taken, delimiter: delimiter, plan: plan, known: pointers,
                            baseKey: known.baseKey, values: values, answers: answers, into: &sink, summary: &summary)
                        taken += length
                        lines += commonLines
                        if commonLines > 0 {
                            backoff = 0
                        } else {
                            backoff = min(max(1, backoff * 2), Self.commonLaneBackoff)
                            skip = backoff
                        }
                        scanner = BlockScanner(base: base + taken, count: bytes.count - taken, delimiter: delimiter)
                        scanned = taken
                    } else if skip > 0 {
                        skip -= 1
                    }
                    guard let length = Self.splitLine(&scanner, at: taken - scanned, cells: cells, delimiter: delimiter, ends: ends) else { break }
                    if plan.kind == .indikatorsvar { answers.update(repeating: Answer.none) }
                    values.update(repeating: KnownCells.empty)
                    guard
                        let line = readKnownCells(
                            base + taken, readable: bytes.count - taken, cells: cells, roles: roles, plan: plan, encoding: encoding,
                            memos: memos, ends: ends, targets: targets, scales: scales, values: values, answers: answers),
                        acceptKnownLine(line, plan: plan, values: values, answers: UnsafeBufferPointer(answers), into: &sink, summary: &summary)
                    else { break }
                    taken += length
                    lines += 1
                }
            }
        }
        return (taken, lines)
    }

    /// Decodes the line at the start of `bytes` if it is a valid row of known cells (one line of
    /// ``decodeKnownLines``); returns the bytes it takes (its line break included), or `nil` to leave it.
    mutating func decodeKnownLine<Sink: RecordSink>(
        _ bytes: UnsafeBufferPointer<UInt8>, layout: ColumnLayout, delimiter: UInt8,
        encoding: SourceEncoding?,
        known: inout KnownCells, answers: inout [Int8], into sink: inout Sink,
        summary: inout FileSummary
    ) -> Int? {
        let (length, lines) = decodeKnownLines(
            bytes, layout: layout, delimiter: delimiter, encoding: encoding, maximumLines: 1, known: &known, answers: &answers,
            into: &sink, summary: &summary)
        return lines == 1 ? length : nil
    }

    /// The most careful lines read before the common lane is tried again, after tries that took no line.
    static let commonLaneBackoff = 64

    /// What the known-cell path needs of a file's layout, as plain values.
    struct LinePlan {
        let kind: FileKind
        /// The first column without a header (``ColumnLayout/unnamedColumns``), or `Int.max`.
        let firstUnnamed: Int
        /// The slots of ``DimensionCodes`` that a pågående deltagare must leave empty: the file's columns of
        /// dimensions that apply to avslutade only.
        let avslutadOnlyDimensions: DimensionCodes

        init(layout: ColumnLayout, avslutadOnly: [Bool]) {
            kind = layout.kind
            firstUnnamed = layout.unnamedColumns.first ?? .max
            avslutadOnlyDimensions = .mask(layout.dimensionColumns.map(\.slot).filter { avslutadOnly[$0] })
        }
    }

    /// What a known line holds besides its coded cells (those are in ``KnownCells/values`` and the answers).
    struct KnownLine {
        var antal = 1
        /// An aktiviteter row's numbers: tillfällen (1 when empty) and deltagande (-1 when empty).
        var tillfallen = 1, deltagande = -1
        /// Bit q set for each question q answered (an answer other than ``Answer/none``), so that a form's
        /// questions are checked against its enkät's with one mask (questions from 64 on share bits: a
        /// catalogue that has them leaves its forms to the full path).
        var answered: UInt64 = 0
        var dimensions = DimensionCodes()
    }

    /// Reads the `cells` cells that ``splitLine(_:at:cells:delimiter:ends:)`` found at `base` into `values`,
    /// `answers` and the returned line; `nil` when a cell is one the full path would report.
    @inline(__always)
    private mutating func readKnownCells(
        _ base: UnsafePointer<UInt8>, readable: Int, cells: Int, roles: UnsafeBufferPointer<ColumnLayout.Role>, plan: LinePlan,
        encoding: SourceEncoding?, memos: UnsafeMutablePointer<CellMemo>, ends: UnsafeMutableBufferPointer<Int>,
        targets: UnsafeMutablePointer<Int>, scales: UnsafeMutablePointer<UInt16>, values: UnsafeMutableBufferPointer<Int32>,
        answers: UnsafeMutableBufferPointer<Int8>
    ) -> KnownLine? {
        var line = KnownLine()
        var start = 0
        for column in 0..<cells {
            let end = ends[column]
            let cell = UnsafeBufferPointer(start: base + start, count: end &- start)
            let target = targets[column]
            defer { start = end &+ 1 }
            guard target != KnownCells.fresh else {
                guard readFreshCell(cell, column: column, role: roles[column], plan: plan, encoding: encoding, into: &line) else { return nil }
                continue
            }
            // Most answers are empty or one digit on the question's scale: read at once, as ``answer(_:question:encoding:)`` does.
            let scale = scales[column]
            if scale != 0 && cell.count <= 1 {
                let q = target &- KnownCells.questionBase
                if cell.isEmpty {
                    answers[q] = Answer.none
                    continue
                }
                let digit = cell[0] &- 0x30
                if digit < 10 && scale &>> UInt16(digit) & 1 == 1 {
                    answers[q] = Int8(digit)
                    line.answered |= 1 &<< UInt64(truncatingIfNeeded: q)
                    continue
                }
            }
            guard
                let value = codedValue(
                    cell, at: base + start, readable: readable &- start, column: column, roles: roles, kind: plan.kind,
                    encoding: encoding, memo: memos + column)
            else { return nil }
            if target < KnownCells.questionBase {
                values[target] = value
            } else if target < KnownCells.dimensionBase {
                let q = target &- KnownCells.questionBase
                answers[q] = Int8(value)
                if value != KnownCells.empty { line.answered |= 1 &<< UInt64(truncatingIfNeeded: q) }
            } else if value >= 0 {
                line.dimensions[target &- KnownCells.dimensionBase] = Int(value)
            }
        }
        return line
    }

    /// Whether the cell in `column` is the first cell of a sum row, which the full path reports.
    @inline(__always)
    private static func isTotalCell(_ cell: UnsafeBufferPointer<UInt8>, column: Int) -> Bool {
        column == 0 && cell.count <= 16 && isTotalLabel(String(decoding: cell, as: UTF8.self))
    }

    /// Reads a cell that is read afresh on every row, not remembered: an ignored column's (only checked)
    /// and antal's, tillfällen's or deltagande's (counts, as in the full path).
    /// - Returns: `false` when the full path would report the cell.
    @inline(__always)
    private func readFreshCell(
        _ cell: UnsafeBufferPointer<UInt8>, column: Int, role: ColumnLayout.Role, plan: LinePlan,
        encoding: SourceEncoding?, into line: inout KnownLine
    ) -> Bool {
        // Most counts are one digit: read it at once.
        if case .antal = role, cell.count == 1, cell[0] &- 0x30 < 10 {
            line.antal = Int(cell[0] &- 0x30)
            return true
        }
        guard BlockScanner.isWellFormed(cell) else { return false }
        switch role {
        case .ignored:
            // A sum row goes to the full path, which says what it is (checked where a first cell is new).
            if Self.isTotalCell(cell, column: column) { return false }
            return cellReads(cell, encoding: encoding)
                && (column < plan.firstUnnamed || TextFolding.trimmed(cell).isEmpty)
                && Self.withContent(of: cell, { PersonalDataDetector.firstMatch(in: $0) == nil })
        case .antal:
            // 1 when empty, as in the full path.
            guard let value = Self.withContent(of: cell, { TextFolding.trimmed($0).isEmpty ? 1 : Self.count(TextFolding.trimmed($0)) })
            else { return false }
            line.antal = value
        case .tillfallen, .deltagande:
            // Read afresh like antal: -1 for an empty cell.
            guard let value = Self.withContent(of: cell, { TextFolding.trimmed($0).isEmpty ? -1 : Self.count(TextFolding.trimmed($0)) })
            else { return false }
            if role == .tillfallen { line.tillfallen = value < 0 ? 1 : value } else { line.deltagande = value }
        default:
            return false
        }
        return true
    }

    /// The memo value of a coded cell: remembered from an earlier row, or decoded now and remembered.
    /// - Returns: `nil` when the full path would report the cell.
    @inline(__always)
    private mutating func codedValue(
        _ cell: UnsafeBufferPointer<UInt8>, at start: UnsafePointer<UInt8>, readable: Int, column: Int,
        roles: UnsafeBufferPointer<ColumnLayout.Role>, kind: FileKind, encoding: SourceEncoding?, memo: UnsafeMutablePointer<CellMemo>
    ) -> Int32? {
        if let remembered = memo.pointee.value(start, cell.count, readable: readable) { return remembered }
        let role = roles[column]
        if Self.isTotalCell(cell, column: column) { return nil }
        // Only a well-formed cell is remembered: a hit vouches for the bytes (and the scan after them).
        guard BlockScanner.isWellFormed(cell), cellReads(cell, encoding: encoding),
            let decoded = Self.withContent(of: cell, { decodeCell($0, role, kind: kind, encoding: encoding) })
        else { return nil }
        memo.pointee.remember(start, cell.count, value: decoded)
        return decoded
    }

    /// Checks the rules between a known line's cells and passes its record on as the full path would.
    /// - Returns: `false` (nothing passed on) when a rule is broken: the full path reports it.
    @inline(__always)
    mutating func acceptKnownLine<Sink: RecordSink>(
        _ line: KnownLine, plan: LinePlan, values v: UnsafeMutableBufferPointer<Int32>, answers: UnsafeBufferPointer<Int8>, into sink: inout Sink,
        summary: inout FileSummary
    ) -> Bool {
        @inline(__always) func value(_ role: ColumnLayout.Role) -> Int32 { v[role.index] }
        let forbund = value(.forbund), insats = value(.insats), periodCode = value(.period)
        guard forbund >= 0, insats >= 0, periodCode >= 0 else { return false }
        // Made only for a record: a sink that takes codes needs neither.
        @inline(__always) func period() -> Period { Period(year: Int(periodCode) / 3, half: periodCode % 3 == 0 ? nil : Int(periodCode) % 3) }
        @inline(__always) func alder() -> Aldersgrupp? { Aldersgrupp(checking: Int(value(.aldersgrupp))) }
        let kon = Kon(rawValue: Int(value(.kon)))
        switch plan.kind {
        case .deltagare:
            guard let kon, let status = DeltagarStatus(rawValue: Int(value(.status))) else { return false }
            let orsak = value(.avslutsorsak), steg = value(.stegforflyttning)
            switch status {
            case .avslutad: guard orsak >= 0 else { return false }
            case .pagaende:
                guard orsak < 0, steg < 0 else { return false }
                // A dimension of avslutade only, on a pågående row: the full path says so.
                guard !line.dimensions.intersects(plan.avslutadOnlyDimensions) else { return false }
            }
            // A sink that takes codes gets them as they are, and the summary counts them (``tally(_:in:)``).
            if Sink.takesCodes && !collectsKeys {
                sink.add(codes: UnsafeBufferPointer(v), antal: line.antal, dimensions: line.dimensions)
                summary.rows += 1
                if orsak < 0 || countedOrsak[Int(orsak)] {
                    summary.perKon[kon] += line.antal
                    if status == .avslutad { summary.avslutade += line.antal }
                }
                return true
            }
            let ny = value(.ny)
            let record = DeltagareRecord(
                forbund: forbund, insats: insats, period: period(), kon: kon, aldersgrupp: alder(),
                ny: ny < 0 ? nil : ny == 1, status: status, avslutsorsak: Int16(orsak),
                stegforflyttning: steg < 0 ? nil : steg == 1, antal: line.antal, dimensions: line.dimensions)
            accept(record, into: &sink, summary: &summary)
        case .indikatorsvar:
            let enkat = value(.enkat)
            guard enkat >= 0, line.answered != 0 else { return false }
            // (A catalogue of more than 64 questions leaves every form to the full path.)
            guard answers.count <= 64 else { return false }
            // Every question answered is one the enkät asks.
            guard line.answered & ~enkatQuestions[Int(enkat)] == 0 else { return false }
            if Sink.takesCodes && !collectsKeys {
                sink.add(formCodes: UnsafeBufferPointer(v), answers: answers, answered: line.answered)
                summary.rows += 1
                if let kon { summary.perKon[kon] += 1 }
                return true
            }
            let form = SurveyForm(
                forbund: forbund, insats: insats, period: period(), enkat: Int16(enkat), kon: kon, aldersgrupp: alder(), dimensions: line.dimensions)
            accept(form, answers: answers, into: &sink, summary: &summary)
        case .uppfoljning:
            return false  // read by the full path only
        case .aktiviteter:
            let aktivitet = value(.aktivitet), part = Part(rawValue: Int(value(.part)))
            // Part and kön describe the deltagande: without it the full path says so.
            guard aktivitet >= 0, line.deltagande >= 0 || (part == nil && kon == nil) else { return false }
            let activity = AktivitetRecord(
                forbund: forbund, insats: insats, period: period(), aktivitet: Int16(aktivitet), tillfallen: line.tillfallen,
                deltagande: line.deltagande < 0 ? nil : line.deltagande, part: part, kon: kon)
            accept(activity, into: &sink, summary: &summary)
        }
        return true
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
        // Kommun and organisation are few rows' names, checked against the register: the full path reads them.
        case .antal, .ignored, .tillfallen, .deltagande, .manader, .kommun, .organisation: return nil
        }
    }

    /// The cells of the line at `start`, from the scanner's next structure: `cells` cells ending at a
    /// delimiter each but the last, which ends at an LF or a CR right before one. Their end offsets (from
    /// `start`) go to `ends`.
    ///
    /// - Returns: the line's length with its LF; `nil` when it has another number of cells, a CR elsewhere,
    ///   or no LF before the scanner's end.
    @inline(__always)
    static func splitLine(
        _ scanner: inout BlockScanner, at start: Int, cells: Int, delimiter: UInt8, ends: UnsafeMutableBufferPointer<Int>
    ) -> Int? {
        guard cells > 0, cells <= ends.count else { return nil }
        var k = 0
        while let at = scanner.next() {
            let b = scanner.base[at]
            ends[k] = at - start
            k += 1
            if b == delimiter {
                guard k < cells else { return nil }
                continue
            }
            guard k == cells else { return nil }
            if b == 0x0A { return at + 1 - start }
            guard let lf = scanner.next(), lf == at + 1, scanner.base[lf] == 0x0A else { return nil }
            return lf + 1 - start
        }
        return nil
    }

    /// Splits the line at the start of `bytes` (as ``decodeKnownLines`` does) into `ends` (each cell's end
    /// offset; a quoted cell keeps its quotes). Returns the number of cells and the line's length with its
    /// LF; `nil` when the line is not plain: a NUL, a CR other than just before the LF, a quote other than
    /// around a whole cell, a line break inside quotes, more cells than `ends` holds, or no LF in `bytes`.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, ends: UnsafeMutableBufferPointer<Int>) -> (cells: Int, length: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        var scanner = BlockScanner(base: base, count: bytes.count, delimiter: delimiter)
        var k = 0
        while let at = scanner.next() {
            guard k < ends.count else { return nil }
            ends[k] = at
            k += 1
            if base[at] == delimiter { continue }
            let length: Int
            if base[at] == 0x0A {
                length = at + 1
            } else {
                guard let lf = scanner.next(), lf == at + 1, base[lf] == 0x0A else { return nil }
                length = lf + 1
            }
            var start = 0
            for end in ends.prefix(k) {
                guard BlockScanner.isWellFormed(UnsafeBufferPointer(start: base + start, count: end - start)) else { return nil }
                start = end + 1
            }
            return (k, length)
        }
        return nil
    }
}
