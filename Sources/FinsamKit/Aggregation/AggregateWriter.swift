/// Lays out an aggregate as long ("tidy") tables, sorted by every key column in byte order — the layout
/// of `shared/perf/reference.py`, so that the two can be compared line by line and loaded by any tool.
///
/// Cells follow SQL's distinction, as the reference writes them: a value that was not given (a form without
/// kön) is NULL — an empty CSV cell, `null` in JSON — while the avslutsorsak of a pågående deltagare is the
/// empty string, written `""`. Rows are ordered by integer ranks that follow the byte order of each column's
/// text, so sorting makes no strings and writing makes one buffer.
public struct AggregateWriter {
    public let table: AggregateTable
    public let names: NameTable
    public let catalogues: Catalogues
    /// Cores to write a table of many groups with (``inPieces(_:jobs:sink:write:)``).
    public var jobs = 1

    public enum Format: String, Sendable, CaseIterable { case csv, json }

    public init(table: AggregateTable, names: NameTable, catalogues: Catalogues) {
        self.table = table
        self.names = names
        self.catalogues = catalogues
    }

    /// Rank of each name id in byte order; the all-ones "not grouped" id ranks last.
    private var nameRanks: [UInt64] {
        let order = (0..<Int32(names.count)).sorted { names.name($0).utf8.lexicographicallyPrecedes(names.name($1).utf8) }
        var ranks = [UInt64](repeating: 0, count: names.count)
        for (rank, id) in order.enumerated() { ranks[Int(id)] = UInt64(rank) }
        return ranks
    }

    /// Ranks of codes by the byte order of their text.
    private static func ranks(_ codes: [String]) -> [UInt64] {
        let order = codes.indices.sorted { Array(codes[$0].utf8).lexicographicallyPrecedes(Array(codes[$1].utf8)) }
        var ranks = [UInt64](repeating: 0, count: codes.count)
        for (rank, index) in order.enumerated() { ranks[index] = UInt64(rank) }
        return ranks
    }

    private static let konRanks = ranks(Kon.allCases.map(\.code))
    private static let statusRanks = ranks(DeltagarStatus.allCases.map(\.code))

    /// A head field's rank for sorting, and its width in `layout` (the ranks of a field fit its bits).
    private func headRank(_ head: GroupKey.Head, _ field: AggregateField, _ layout: GroupKey, names ranks: [UInt64]) -> (UInt64, UInt64) {
        switch field {
        case .forbund: (head.forbund.map { ranks[Int($0)] } ?? layout.forbund.none, layout.forbund.width)
        case .insats: (head.insats.map { ranks[Int($0)] } ?? layout.insats.none, layout.insats.width)
        case .period: (head.period.map { UInt64(($0.year - 1990) * 3 + ($0.half ?? 0)) } ?? layout.period.none, layout.period.width)
        case .kon: (head.kon.map { Self.konRanks[$0.rawValue] } ?? layout.kon.none, layout.kon.width)
        case .aldersgrupp: (head.aldersgrupp.map { UInt64($0.rawValue) } ?? layout.aldersgrupp.none, layout.aldersgrupp.width)
        case .ny, .status, .avslutsorsak, .enkat: (0, 0)
        }
    }

    /// The deltagare table's column of `field` (``RankedColumn``), ranked as DuckDB sorts its text.
    private func rankedColumn(_ field: AggregateField, _ layout: GroupKey, _ format: Format, nameRanks: [UInt64]) -> RankedColumn {
        let null = Output.encode(nil, format)
        /// A column of `codes` (the value is the index), ranked by their bytes, NULL last.
        func coded(_ f: GroupKey.Field, _ codes: [String], ranks: [UInt64]? = nil) -> RankedColumn {
            RankedColumn(
                field: f, count: codes.count, valueRanks: ranks ?? Self.ranks(codes), cell: { Output.encode(codes[$0], format) },
                nullRank: f.none, nullCell: null)
        }
        switch field {
        case .forbund, .insats:
            let f = field == .forbund ? layout.forbund : layout.insats
            // NULL after every name: the rank past the last.
            return RankedColumn(
                field: f, count: names.count, valueRanks: nameRanks, cell: { Output.encode(names.name(Int32($0)), format) },
                nullRank: UInt64(names.count), nullCell: null)
        case .period:
            // Half-years from 1990: their order is the order of their text (2023, 2023H1, 2023H2, 2024).
            let count = Int(layout.period.none)
            return RankedColumn(
                field: layout.period, count: count, valueRanks: (0..<UInt64(count)).map { $0 },
                cell: { Output.encode(Period(year: 1990 + $0 / 3, half: $0 % 3 == 0 ? nil : $0 % 3).description, format) },
                nullRank: layout.period.none, nullCell: null)
        case .kon: return coded(layout.kon, Kon.allCases.map(\.code))
        case .aldersgrupp:
            // The bands in their own order (as the full table sorts them).
            let codes = catalogues.dimensioner.aldersgrupp.codes.map(\.code)
            return coded(layout.aldersgrupp, codes, ranks: codes.indices.map { UInt64($0) })
        case .ny:
            // "ja" before "nej" (1 is ja), no value last.
            return coded(layout.ny, ["nej", "ja"], ranks: [1, 0])
        case .status:
            // Always given; a key without one reads as the first status, as the rows were packed.
            let codes = DeltagarStatus.allCases.map(\.code)
            return RankedColumn(
                field: layout.status, count: codes.count, valueRanks: Self.statusRanks, cell: { Output.encode(codes[$0], format) },
                nullRank: Self.statusRanks[0], nullCell: Output.encode(codes[0], format))
        case .avslutsorsak:
            // The empty string (a pågående deltagare's) sorts first.
            let codes = catalogues.avslutsorsaker.avslutsorsaker.map(\.code)
            return RankedColumn(
                field: layout.avslutsorsak, count: codes.count, valueRanks: Self.ranks(codes).map { $0 + 1 },
                cell: { Output.encode(codes[$0], format) }, nullRank: 0, nullCell: Output.encode("", format))
        case .enkat: return coded(layout.enkat, catalogues.indikatorer.enkater.map(\.id))
        }
    }

    /// Writes the deltagare table: `forbund,insats,period,kon,status,avslutsorsak,antal` by default.
    ///
    /// - Returns: the table's bytes, CSV (`,`, LF, UTF-8) or a JSON array named `deltagare`.
    public func deltagare(_ format: Format) -> [UInt8] {
        var bytes: [UInt8] = []
        deltagare(format) { bytes += $0 }
        return bytes
    }

    /// Writes the deltagare table to `sink` in pieces of about ``Output/chunk`` bytes, so that a table of
    /// many groups is never held whole in memory; the pieces joined are the bytes of ``deltagare(_:)``.
    public func deltagare(_ format: Format, to sink: ([UInt8]) -> Void) {
        let fields = AggregateField.deltagareOrder.filter(table.deltagareFields.contains)
        let layout = table.deltagareKey
        let dimensions = table.dimensionSlots.map { catalogues.dimensioner.extra[$0] }
        let header = fields.map(\.rawValue) + dimensions.map(\.id) + ["antal"]
        let alderCodes = catalogues.dimensioner.aldersgrupp.codes.map(\.code)
        let nameRanks = self.nameRanks
        var columns = fields.map { rankedColumn($0, layout, format, nameRanks: nameRanks) }
        // NULL (no value) sorts last, as DuckDB sorts it.
        for (dimension, (_, field)) in zip(dimensions, layout.dimensions) {
            let codes = dimension.codes.map(\.code)
            columns.append(
                RankedColumn(
                    field: field, count: codes.count, valueRanks: Self.ranks(codes), cell: { Output.encode(codes[$0], format) },
                    nullRank: field.none, nullCell: Output.encode(nil, format)))
        }
        Self.placeInSortKey(&columns)
        // CSV: every cell but a row's first with its comma before it, so that a row is one copy per cell.
        let cells = RankedCells(columns, commas: format == .csv)
        var rows: [(sort: UInt64, value: Int)] = []
        rows.reserveCapacity(table.deltagareGroups.count)
        table.deltagareGroups.forEach { key, antal in rows.append((cells.sortKey(key), antal)) }
        Self.radixSort(&rows)
        // The leading name and period cells, which sorted rows mostly share with the row before: kept in
        // the row's bytes while they stay the same, not copied again (``prefixColumns``).
        let prefixColumns = fields.prefix { $0 == .forbund || $0 == .insats || $0 == .period }.count
        let prefixMask = columns.prefix(prefixColumns).reduce(UInt64(0)) { $0 | $1.field.none &<< $1.shift }
        let names = self.names
        let count = columns.count
        /// Writes `rows[range]` with `out`, handing each chunk to `sink`.
        func write(_ range: Range<Int>, _ out: inout Output, _ sink: ([UInt8]) -> Void) {
            var lastPrefix: UInt64? = nil
            var prefixBytes = 0
            cells.withCells { cell in
                rows.withUnsafeBufferPointer { rows in
                    guard format == .json else {
                        // CSV: the cells straight into the table's bytes; the leading cells from the row before's copy.
                        let prefixCells = ByteBuffer(capacity: 256)
                        for row in rows[range] {
                            let prefix = row.sort & prefixMask
                            if prefix != lastPrefix {
                                prefixCells.truncate(to: 0)
                                for c in 0..<prefixColumns { prefixCells.append(overreading: cell(c, row.sort)) }
                                // Room to read the copy in whole words.
                                prefixCells.reserve(RankedCells.padding)
                                lastPrefix = prefix
                            }
                            out.csvRow(count: row.value) { bytes in
                                bytes.append(overreading: UnsafeRawPointer(prefixCells.base), count: prefixCells.count)
                                for c in prefixColumns..<count { bytes.append(overreading: cell(c, row.sort)) }
                            }
                            out.drain(into: sink)
                        }
                        return
                    }
                    for row in rows[range] {
                        let prefix = row.sort & prefixMask
                        if prefix == lastPrefix {
                            out.pendingRow.truncate(to: prefixBytes)
                            out.cells = prefixColumns
                        } else {
                            out.beginRow()
                            for c in 0..<prefixColumns { out.append(cell(c, row.sort)) }
                            (lastPrefix, prefixBytes) = (prefix, out.pendingRow.count)
                        }
                        for c in prefixColumns..<count { out.append(cell(c, row.sort)) }
                        out.endRow(CollectionOfOne(row.value))
                        out.drain(into: sink)
                    }
                }
            }
        }
        func output(opening: Bool, rowsBefore: Int) -> Output {
            Output(format: format, header: header, name: "deltagare", names: names, alderCodes: alderCodes, opening: opening, rowsBefore: rowsBefore)
        }
        Self.inPieces(rows.count, jobs: jobs, sink: sink) { range, drain in
            var out = output(opening: range.lowerBound == 0, rowsBefore: range.lowerBound)
            out.reserve(rows: range.count)
            write(range, &out, drain)
            // The closing only after the table's last row.
            return range.upperBound == rows.count ? out.finish() : out.bytes.array
        }
    }

    /// Writes the indikatorsvar table: `forbund,insats,period,enkat,kon,fraga,formular,besvarade,positiva,summa`.
    ///
    /// - Returns: the table's bytes, CSV (`,`, LF, UTF-8) or a JSON array named `indikatorsvar`.
    public func indikatorsvar(_ format: Format) -> [UInt8] {
        var bytes: [UInt8] = []
        indikatorsvar(format) { bytes += $0 }
        return bytes
    }

    /// Writes the indikatorsvar table to `sink` in pieces (see ``deltagare(_:to:)``).
    public func indikatorsvar(_ format: Format, to sink: ([UInt8]) -> Void) {
        let fields = AggregateField.indikatorsvarOrder.filter(table.formFields.contains)
        let enkater = catalogues.indikatorer.enkater
        let questions = catalogues.indikatorer.questions
        let questionOrder = questions.indices.sorted { questions[$0].id.utf8.lexicographicallyPrecedes(questions[$1].id.utf8) }
        let nameRanks = self.nameRanks
        let layout = table.formKey
        // The key columns as ranks (``RankedColumn``), as the deltagare table's.
        var columns = fields.map { rankedColumn($0, layout, format, nameRanks: nameRanks) }
        Self.placeInSortKey(&columns)
        let cells = RankedCells(columns, commas: format == .csv)
        var rows: [(sort: UInt64, value: Int)] = []
        rows.reserveCapacity(table.formGroups.count)
        table.formGroups.forEach { key, base in rows.append((cells.sortKey(key), base)) }
        Self.radixSort(&rows)
        // The enkät of a row from its rank in the sort key (`nil`: none).
        let enkatColumn = fields.firstIndex(of: .enkat)
        var enkatOfRank = [Int?](repeating: nil, count: Int(layout.enkat.none) + 1)
        if let c = enkatColumn { for e in enkater.indices { enkatOfRank[Int(columns[c].ranks[e])] = e } }
        var out = Output(
            format: format, header: fields.map(\.rawValue) + ["fraga", "formular", "besvarade", "positiva", "summa"],
            name: "indikatorsvar", names: names, alderCodes: catalogues.dimensioner.aldersgrupp.codes.map(\.code))
        let questionCells = questions.map { out.encode($0.id) }
        // CSV: each question's cell with its comma before it (after the key cells, if any), one after the
        // other, with room to be read in whole words after the last.
        var questionBytes: [UInt8] = [], questionSpans: [(start: Int, count: Int)] = []
        for cell in questionCells {
            let comma: [UInt8] = fields.isEmpty ? [] : [UInt8(ascii: ",")]
            questionSpans.append((questionBytes.count, comma.count + cell.count))
            questionBytes += comma + cell
        }
        questionBytes += repeatElement(0, count: RankedCells.padding)
        let (enkatShift, enkatMask) = enkatColumn.map { (columns[$0].shift, columns[$0].field.none) } ?? (0, 0)
        // ``asks(_:enkat:answered:)`` for every question and enkät, once, not for every row.
        let askedIn = questions.indices.map { q in enkater.indices.map { asks(q, enkat: $0, answered: 0) } }
        let askedWithoutEnkat = questions.indices.map { asks($0, enkat: nil, answered: 0) }
        let counters = table.counters
        let keyCells = ByteBuffer(capacity: 256)
        let keyCount = columns.count
        cells.withCells { cell in
            questionBytes.withUnsafeBytes { questionBytes in
                for row in rows {
                    let enkat = enkatColumn == nil ? nil : enkatOfRank[Int(truncatingIfNeeded: row.sort &>> enkatShift & enkatMask)]
                    let base = row.value
                    if format == .csv {
                        keyCells.truncate(to: 0)
                        for c in 0..<keyCount { keyCells.append(overreading: cell(c, row.sort)) }
                        keyCells.reserve(RankedCells.padding)
                    } else {
                        out.beginRow()
                        for c in 0..<keyCount { out.append(cell(c, row.sort)) }
                    }
                    // The key cells stay; each question's row replaces what comes after them (no copy of the row).
                    let (prefixBytes, prefixCells) = (out.pendingRow.count, out.cells)
                    for q in questionOrder {
                        let asked = enkat.map { askedIn[q][$0] } ?? (askedWithoutEnkat[q] || counters[base + 1 + 3 * q] > 0)
                        guard asked else { continue }
                        let at = base + 1 + 3 * q
                        if format == .csv {
                            out.csvRow(counters[base], counters[at], counters[at + 1], counters[at + 2]) { bytes in
                                bytes.append(overreading: UnsafeRawPointer(keyCells.base), count: keyCells.count)
                                let span = questionSpans[q]
                                bytes.append(overreading: questionBytes.baseAddress! + span.start, count: span.count)
                            }
                            continue
                        }
                        out.pendingRow.truncate(to: prefixBytes)
                        out.cells = prefixCells
                        out.append(questionCells[q])
                        out.endRow(counters[base], counters[at], counters[at + 1], counters[at + 2])
                    }
                    out.drain(into: sink)
                }
            }
        }
        sink(out.finish())
    }

    /// Builds one table's bytes in CSV (`,`, LF, UTF-8) or as a JSON array of objects, a row at a time:
    /// key cells go to `pendingRow`, `endRow` adds the counts.
    struct Output {
        let format: Format
        let header: [[UInt8]]
        let names: NameTable
        let bytes = ByteBuffer(capacity: 1 << 16)
        let pendingRow = ByteBuffer()
        var cells = 0
        private var rows = 0
        /// Each name's cell, encoded once: names repeat on every row. So are the other fields' cells.
        private var encodedNames: [[UInt8]?]
        /// By period code (year × 3 + half): an array, not a dictionary, as it is read for every row.
        private var encodedPeriods: [[UInt8]?] = []
        private let konCells: [[UInt8]], alderCells: [[UInt8]]

        /// A table's rows from `rowsBefore` on: with its opening (CSV header, JSON array's name) only when
        /// `opening`, the table's first piece.
        init(format: Format, header: [String], name: String, names: NameTable, alderCodes: [String], opening: Bool = true, rowsBefore: Int = 0) {
            self.format = format
            rows = rowsBefore
            self.names = names
            self.header = header.map { Array(AggregateWriter.jsonString($0).utf8) }
            encodedNames = Array(repeating: nil, count: names.count)
            konCells = Kon.allCases.map { Self.encode($0.code, format) }
            alderCells = alderCodes.map { Self.encode($0, format) }
            guard opening else { return }
            switch format {
            case .csv: bytes.append(Array((header.joined(separator: ",") + "\n").utf8))
            case .json: bytes.append(Array("\(AggregateWriter.jsonString(name)): [".utf8))
            }
        }

        /// Bytes gathered before they are handed on: large enough that writing them costs one system call
        /// per megabyte, small enough that the table is never held whole.
        static let chunk = 1 << 20

        /// Room for about `rows` rows, or one chunk, reserved once.
        mutating func reserve(rows: Int) { bytes.reserve(min(rows * 128, Self.chunk + 4096)) }

        /// Hands the bytes gathered to `sink` once they make a chunk, and starts the next in the same room.
        mutating func drain(into sink: ([UInt8]) -> Void) {
            guard bytes.count >= Self.chunk else { return }
            sink(bytes.array)
            bytes.truncate(to: 0)
        }

        mutating func beginRow() {
            pendingRow.truncate(to: 0)
            cells = 0
        }

        func encode(_ value: String?) -> [UInt8] { Self.encode(value, format) }

        static func encode(_ value: String?, _ format: Format) -> [UInt8] {
            switch format {
            // An empty string is quoted so that it is not read back as NULL (as DuckDB writes it).
            // Called once per distinct value (names are cached), so the formula check costs nothing per row.
            case .csv: value.map { Array(($0.isEmpty ? "\"\"" : CSVWriter.quoted(CSVWriter.spreadsheetSafe($0), delimiter: ",")).utf8) } ?? []
            case .json: Array((value.map(AggregateWriter.jsonString) ?? "null").utf8)
            }
        }

        /// Adds a cell already encoded for this format.
        mutating func append(_ encoded: [UInt8]) { encoded.withUnsafeBufferPointer { append($0) } }

        /// Adds a cell already encoded for this format, given as its first byte and its length.
        mutating func append(_ cell: (UnsafeRawPointer, Int)) {
            append(UnsafeBufferPointer(start: cell.0.assumingMemoryBound(to: UInt8.self), count: cell.1))
        }

        /// Adds a cell already encoded for this format.
        @inline(__always)
        mutating func append(_ encoded: UnsafeBufferPointer<UInt8>) {
            switch format {
            case .csv:
                if cells > 0 { pendingRow.append(UInt8(ascii: ",")) }
            case .json:
                pendingRow.append(Array((cells > 0 ? ", " : "{").utf8) + header[cells] + Array(": ".utf8))
            }
            pendingRow.append(encoded)
            cells += 1
        }

        mutating func cell(_ value: String?) { append(encode(value)) }

        mutating func cell(_ field: AggregateField, _ head: GroupKey.Head) {
            let id: Int32?
            switch field {
            case .forbund: id = head.forbund
            case .insats: id = head.insats
            case .period:
                guard let period = head.period else { return cell(nil) }
                let code = period.year * 3 + (period.half ?? 0)
                if code >= encodedPeriods.count { encodedPeriods += repeatElement(nil, count: code + 1 - encodedPeriods.count) }
                if encodedPeriods[code] == nil { encodedPeriods[code] = encode(period.description) }
                return append(encodedPeriods[code]!)
            case .kon: return head.kon.map { append(konCells[$0.rawValue]) } ?? cell(nil)
            case .aldersgrupp: return head.aldersgrupp.map { append(alderCells[$0.rawValue]) } ?? cell(nil)
            case .ny, .status, .avslutsorsak, .enkat: return cell(nil)
            }
            guard let id else { return cell(nil) }
            if encodedNames[Int(id)] == nil { encodedNames[Int(id)] = encode(names.name(id)) }
            append(encodedNames[Int(id)]!)
        }

        /// A CSV row whose key cells `body` writes into the table's bytes, commas and all, then its count:
        /// without a pending row to copy.
        @inline(__always)
        mutating func csvRow(count: Int, _ body: (ByteBuffer) -> Void) {
            body(bytes)
            bytes.append(UInt8(ascii: ","))
            appendDecimal(count)
            bytes.append(UInt8(ascii: "\n"))
            rows += 1
        }

        /// A CSV row of the indikatorsvar table (see ``csvRow(count:_:)``): its four counts.
        @inline(__always)
        mutating func csvRow(_ forms: Int, _ answered: Int, _ positive: Int, _ sum: Int, _ body: (ByteBuffer) -> Void) {
            body(bytes)
            bytes.append(UInt8(ascii: ","))
            appendDecimal(forms)
            bytes.append(UInt8(ascii: ","))
            appendDecimal(answered)
            bytes.append(UInt8(ascii: ","))
            appendDecimal(positive)
            bytes.append(UInt8(ascii: ","))
            appendDecimal(sum)
            bytes.append(UInt8(ascii: "\n"))
            rows += 1
        }

        mutating func endRow(_ counts: some Collection<Int>) {
            beginCounts()
            for count in counts { addCount(count) }
            bytes.append(format == .json ? UInt8(ascii: "}") : UInt8(ascii: "\n"))
            rows += 1
        }

        /// A row of the indikatorsvar table: its four counts given one by one, not as an array per row.
        mutating func endRow(_ forms: Int, _ answered: Int, _ positive: Int, _ sum: Int) {
            beginCounts()
            addCount(forms)
            addCount(answered)
            addCount(positive)
            addCount(sum)
            bytes.append(format == .json ? UInt8(ascii: "}") : UInt8(ascii: "\n"))
            rows += 1
        }

        /// Writes the pending row's key cells, after the row before's separator in JSON.
        @inline(__always)
        private mutating func beginCounts() {
            if format == .json { bytes.append(Array((rows == 0 ? "\n    " : ",\n    ").utf8)) }
            bytes.append(pendingRow.contents)
        }

        /// Writes one count cell of the row.
        @inline(__always)
        private mutating func addCount(_ count: Int) {
            switch format {
            case .csv: bytes.append(UInt8(ascii: ","))
            case .json: bytes.append(Array(", ".utf8) + header[cells] + Array(": ".utf8))
            }
            appendDecimal(count)
            cells += 1
        }

        /// `count`'s digits, without making a `String` per number.
        private mutating func appendDecimal(_ count: Int) { bytes.appendDecimal(count) }

        func finish() -> [UInt8] {
            format == .json ? bytes.array + Array((rows == 0 ? "]" : "\n  ]").utf8) : bytes.array
        }
    }

    /// The tables as one JSON object: `{"deltagare": [{…}], "indikatorsvar": [{…}]}`.
    public static func json(_ tables: [[UInt8]]) -> [UInt8] {
        var out = Array("{\n  ".utf8)
        for (i, table) in tables.enumerated() {
            if i > 0 { out += Array(",\n  ".utf8) }
            out += table
        }
        return out + Array("\n}\n".utf8)
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
