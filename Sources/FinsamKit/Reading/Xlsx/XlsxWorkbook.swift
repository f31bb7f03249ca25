/// An Excel workbook (`.xlsx`, Office Open XML) read for its cell texts: the sheets, shared and inline
/// strings, numbers (an integral `2.0` reads `2`), booleans, and dates and times as the number formats say.
///
/// A number formatted as a date or a time is given as the spreadsheet shows it (`2023-07-01`, `2023:02:00`),
/// not as its serial number, so that a period a spreadsheet turned into a time of day can be explained in the
/// user's own terms. Formulas are read as their last computed value, which Excel and LibreOffice both save.
public struct XlsxWorkbook: Sendable {
    public struct Sheet: Sendable {
        public var name: String
        /// The part holding the sheet (`xl/worksheets/sheet1.xml`).
        public var part: String
        /// Hidden (`state="hidden"` or `"veryHidden"`): never the data sheet, whatever it holds.
        public var hidden = false
    }

    /// Most cells a sheet may span, empty ones between included (rows × columns up to its last cell): far
    /// beyond a halvår's rows, and small enough that a sheet of a few cells at `XFD1048576` cannot make
    /// billions of empty ones.
    static let maximumCells = 4_000_000
    /// Most shared strings a workbook may have: a data sheet of a halvår's rows uses a few thousand, and one
    /// of ``maximumCells`` cells could not show more than it has cells of text. Millions of empty strings
    /// (issue #25 item 13: 13 million) are refused before they fill memory.
    static let maximumSharedStrings = 1_000_000
    /// Most cell styles (`cellXfs`) and number formats: Excel itself allows 64 000.
    static let maximumStyles = 64_000

    public enum Failure: Error, Sendable, Equatable {
        /// A damaged workbook or zip: the text says what is wrong.
        case invalid(String)
        /// Another kind of file in a zip: the text says what was found and what to do.
        case otherFormat(String)
    }

    /// The sheets in the workbook's order; a name holding personal data is given redacted
    /// (``PersonalDataDetector/redactedName(_:)``), so that no message repeats it.
    private(set) var sheets: [Sheet] = []
    /// The sheet names as the workbook has them, for ``personalDataOutsideCells(of:)`` only.
    private(set) var sheetNamesAsWritten: [String] = []
    var archive: ZipArchive
    /// The workbook part (`xl/workbook.xml`) and the shared strings part, when there is one.
    private(set) var workbookPart = ""
    private(set) var sharedStringsPart: String?
    private var sharedStrings: [String] = []
    /// Per cell style (`s` attribute): whether its number format is a date, a time, or plain.
    private var styleKinds: [NumberKind] = []

    enum NumberKind: Sendable { case plain, date, time, dateTime }

    /// Opens the workbook in `bytes` and reads its sheet list, shared strings and styles.
    ///
    /// - Throws: ``Failure/invalid(_:)`` for a broken zip, a zip bomb, or a zip that is no workbook.
    /// - Complexity: O(n) in the size of those parts.
    public init(bytes: [UInt8]) throws(Failure) {
        do { archive = try ZipArchive(bytes) } catch { throw .invalid(Self.text(error)) }
        workbookPart = try relationshipTarget(of: "", type: "officeDocument") ?? "xl/workbook.xml"
        if archive.contains("content.xml") && archive.contains("mimetype") {
            throw .otherFormat("ett OpenDocument-kalkylark (.ods): spara det i LibreOffice som \"Excel 2007-365 (.xlsx)\"")
        }
        guard let workbook = try part(workbookPart) else {
            throw .otherFormat("en zip-fil utan arbetsbok (\(workbookPart) saknas): spara kalkylarket som \"Excel-arbetsbok (.xlsx)\"")
        }
        let relationships = try relationships(of: workbookPart)
        let folder = Self.folder(of: workbookPart)
        try Self.scan(workbook, part: workbookPart) { event in
            guard case .start("sheet", let attributes, _) = event, let name = attributes["name"],
                let id = attributes["r:id"] ?? attributes["id"], let target = relationships[id]?.target
            else { return }
            sheetNamesAsWritten.append(name)
            sheets.append(
                Sheet(
                    name: PersonalDataDetector.redactedName(name) ?? name, part: Self.resolve(target, in: folder),
                    hidden: attributes["state"] == "hidden" || attributes["state"] == "veryHidden"))
        }
        guard !sheets.isEmpty else { throw .invalid("arbetsboken har inga blad") }
        for (_, relationship) in relationships where relationship.type.hasSuffix("/sharedStrings") {
            let name = Self.resolve(relationship.target, in: folder)
            sharedStringsPart = name
            if let data = try part(name, limit: Self.maximumSharedStringsBytes) { sharedStrings = try Self.readSharedStrings(data) }
        }
        for (_, relationship) in relationships where relationship.type.hasSuffix("/styles") {
            let name = Self.resolve(relationship.target, in: folder)
            if let data = try part(name, limit: Self.maximumStylesBytes) { styleKinds = try Self.readStyles(data) }
        }
    }

    /// Most bytes the shared strings and the styles may have unpacked: judged from the size the zip declares
    /// before anything is unpacked, so that millions of empty strings or styles cost no time at all.
    static let maximumSharedStringsBytes = 32 << 20
    static let maximumStylesBytes = 8 << 20

    /// Part `name`, refused before it is unpacked when it declares more than `limit` bytes.
    private mutating func part(_ name: String, limit: Int) throws(Failure) -> [UInt8]? {
        if let size = archive.declaredSize(of: name), size > limit {
            throw .invalid(
                "delen \(name) är \(size >> 20) MiB uppackad, mer än de \(limit >> 20) MiB ett blad med antal kan använda: spara bladet i en ny arbetsbok"
            )
        }
        do { return try archive.contents(of: name, limit: limit) } catch { throw .invalid(Self.text(error)) }
    }

    /// Entry `name` as the zip holds it, packed (``ZipArchive/packed(_:)``).
    func packedPart(_ name: String) throws(Failure) -> (method: Int, crc: UInt32, size: Int, data: ArraySlice<UInt8>)? {
        do { return try archive.packed(name) } catch { throw .invalid(Self.text(error)) }
    }

    mutating func part(_ name: String) throws(Failure) -> [UInt8]? {
        do { return try archive.contents(of: name) } catch { throw .invalid(Self.text(error)) }
    }

    private static func text(_ error: ZipArchive.Failure) -> String {
        switch error {
        case .notZip(let why), .tooLarge(let why): why
        }
    }

    // MARK: Relationships

    struct Relationship { var type: String; var target: String }

    /// The relationships of `part` (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`; `_rels/.rels` for the package).
    mutating func relationships(of part: String) throws(Failure) -> [String: Relationship] {
        let folder = Self.folder(of: part)
        let file = part.split(separator: "/").last.map(String.init) ?? ""
        guard let data = try self.part(folder + "_rels/" + file + ".rels") else { return [:] }
        var result: [String: Relationship] = [:]
        try Self.scan(data, part: folder + "_rels/" + file + ".rels") { event in
            guard case .start("Relationship", let a, _) = event, let id = a["Id"], let target = a["Target"] else { return }
            result[id] = Relationship(type: a["Type"] ?? "", target: target)
        }
        return result
    }

    private mutating func relationshipTarget(of part: String, type: String) throws(Failure) -> String? {
        try relationships(of: part).values.first { $0.type.hasSuffix("/" + type) }.map { Self.resolve($0.target, in: "") }
    }

    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// A relationship target made a path inside the zip: absolute (`/xl/…`) or relative to `folder`, `..` resolved.
    static func resolve(_ target: String, in folder: String) -> String {
        let full = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
        var parts: [Substring] = []
        for piece in full.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    // MARK: Strings and styles

    /// Each `<si>`'s text: its `<t>`, or its rich-text runs' `<t>`s joined; phonetic runs (`<rPh>`) left out
    /// unless `phonetics` (they are kept in the file, so the personal data check reads them too).
    ///
    /// - Throws: ``Failure/invalid(_:)`` past ``maximumSharedStrings`` strings or ``XMLScanner/maximumDepth``.
    static func readSharedStrings(_ data: [UInt8], phonetics: Bool = false) throws(Failure) -> [String] {
        var strings: [String] = []
        var current = "", inText = false, inPhonetic = false, tooMany = false
        try scan(data, part: "xl/sharedStrings.xml", stoppingWhen: { tooMany }) { event in
            guard !tooMany else { return }
            switch event {
            case .start("si", _, _): current = ""
            case .end("si"):
                strings.append(current)
                tooMany = strings.count > maximumSharedStrings
            case .start("rPh", _, _): inPhonetic = true
            case .end("rPh"): inPhonetic = false
            case .start("t", _, _): inText = true
            case .end("t"): inText = false
            case .text(let text) where inText && (phonetics || !inPhonetic): current += text
            default: break
            }
        }
        if tooMany {
            throw .invalid(
                "arbetsboken har fler än \(maximumSharedStrings) delade texter, långt fler än ett blad med antal använder: spara bladet i en ny arbetsbok"
            )
        }
        return strings
    }

    /// Scans the XML of `part` (a part name, or `bladet NAME` for a sheet), refusing it when it nests deeper
    /// than ``XMLScanner/maximumDepth``.
    static func scan(
        _ data: [UInt8], part: String, stoppingWhen stop: () -> Bool = { false }, _ body: (XMLScanner.Event) -> Void
    ) throws(Failure) {
        guard XMLScanner.scan(data, stoppingWhen: stop, body) else {
            throw .invalid(
                "\(part.hasPrefix("bladet ") ? part : "delen " + (PersonalDataDetector.redactedName(part) ?? part)) har element nästlade i mer än \(XMLScanner.maximumDepth) nivåer, vilket ingen arbetsbok behöver"
            )
        }
    }

    /// The number kind of each `cellXfs` style, from its built-in or custom number format.
    ///
    /// - Throws: ``Failure/invalid(_:)`` past ``maximumStyles`` styles or formats, or ``XMLScanner/maximumDepth``.
    static func readStyles(_ data: [UInt8]) throws(Failure) -> [NumberKind] {
        var formats: [Int: String] = [:]
        var kinds: [NumberKind] = []
        var inCellXfs = false
        try scan(data, part: "xl/styles.xml", stoppingWhen: { kinds.count > maximumStyles || formats.count > maximumStyles }) { event in
            guard kinds.count <= maximumStyles, formats.count <= maximumStyles else { return }
            switch event {
            case .start("numFmt", let a, _):
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { formats[id] = code }
            case .start("cellXfs", _, _): inCellXfs = true
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let a, _) where inCellXfs:
                let id = a["numFmtId"].flatMap { Int($0) } ?? 0
                kinds.append(formats[id].map(kind(ofFormat:)) ?? builtInKind(id))
            default: break
            }
        }
        guard kinds.count <= maximumStyles, formats.count <= maximumStyles else {
            throw .invalid("arbetsboken har fler än \(maximumStyles) cellformat, fler än Excel tillåter: spara bladet i en ny arbetsbok")
        }
        return kinds
    }

    private static func builtInKind(_ id: Int) -> NumberKind {
        switch id {
        case 14...17: .date
        case 18...21, 45...47: .time
        case 22: .dateTime
        default: .plain
        }
    }

    /// A custom format's kind: with y or d a date (and with h or s too, a date and time), with h or s a time.
    static func kind(ofFormat code: String) -> NumberKind {
        var inQuotes = false, inBracket = false, date = false, time = false
        var bracket = "", escaped = false
        for c in code.lowercased().split(separator: "general", omittingEmptySubsequences: false).joined() {
            if escaped { escaped = false; continue }
            if inQuotes { if c == "\"" { inQuotes = false }; continue }
            if inBracket {
                if c == "]" {
                    inBracket = false
                    if ["h", "hh", "m", "mm", "s", "ss"].contains(bracket) { time = true }
                } else {
                    bracket.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case "\\", "_", "*": escaped = true
            case "[": inBracket = true; bracket = ""
            case "y", "d": date = true
            case "h", "s": time = true
            default: break
            }
        }
        return date && time ? .dateTime : date ? .date : time ? .time : .plain
    }

    // MARK: Sheets

    /// The sheet a file's data is on: the first visible sheet whose first ten rows have a cell naming a kind's
    /// column (status, avslutsorsak, enkat — a header), else the first visible sheet. Hidden sheets are never
    /// read as data: a person checking the file in Excel does not see them (issue #25 item 20); their
    /// contents are still checked for personal data (``personalDataOutsideCells(of:)``). A template's
    /// visible code sheet has a header too, so a second visible sheet with one is no reason to refuse.
    ///
    /// - Throws: ``Failure/invalid(_:)`` when a sheet's part is missing or damaged.
    mutating func dataSheet() throws(Failure) -> SheetTable {
        try sheetWithData().table
    }

    /// ``dataSheet()`` and the index of its sheet in ``sheets``.
    mutating func sheetWithData() throws(Failure) -> (index: Int, table: SheetTable) {
        let visible = sheets.indices.filter { !sheets[$0].hidden }
        var first: (index: Int, table: SheetTable)?
        for index in visible.isEmpty ? [0] : visible {
            let table = try self.table(index)
            if first == nil { first = (index, table) }
            let header = table.rows.prefix(10).contains { row in
                row.contains { ["status", "avslutsorsak", "enkat"].contains(TextFolding.fold($0.trimmingSpaces)) }
            }
            if header { return (index, table) }
        }
        return first!
    }

    /// Every entry of the workbook's zip, in order, with its bytes: for writing a changed copy.
    mutating func allParts() throws(Failure) -> [(name: String, bytes: [UInt8])] {
        var parts: [(name: String, bytes: [UInt8])] = []
        for entry in archive.entries where !entry.name.hasSuffix("/") {
            parts.append((entry.name, try part(entry.name) ?? []))
        }
        return parts
    }

    /// The cells of sheet `index` as rows of texts.
    ///
    /// - Throws: ``Failure/invalid(_:)`` when its part is missing, damaged, or has more rows or columns than a spreadsheet can.
    /// - Complexity: O(n) in the sheet's XML, plus the rows up to its last one.
    public mutating func table(_ index: Int) throws(Failure) -> SheetTable {
        let sheet = sheets[index]
        guard let data = try part(sheet.part) else { throw .invalid("bladet \(sheet.name) saknas i arbetsboken (\(sheet.part))") }
        return try Self.sheetTable(data, name: sheet.name, strings: sharedStrings, styles: styleKinds)
    }

    /// A sheet part's XML as rows of cell texts, given the workbook's shared strings and number kinds per style.
    ///
    /// - Throws: ``Failure/invalid(_:)`` for a cell outside a spreadsheet's rows and columns.
    /// - Complexity: O(n) in the XML, plus the rows up to the last one.
    static func sheetTable(_ data: [UInt8], name: String, strings: [String], styles: [NumberKind]) throws(Failure) -> SheetTable {
        let sheet = (name: name, part: "")
        var rows: [[String]] = []
        var width = 1
        var failure: Failure?
        var rowNumber = 0, column = 0
        var cellType = "", cellStyle = 0
        var value = "", inValue = false, inInline = false, inPhonetic = false
        var hasFormula = false
        var formulasWithoutValue: [(row: Int, column: Int)] = []
        try Self.scan(data, part: "bladet \(name)") { event in
            guard failure == nil else { return }
            switch event {
            case .start("row", let a, _):
                // Clamped: a row number past any spreadsheet's is refused below, and must not overflow first.
                rowNumber = min(a["r"].flatMap { Int($0) } ?? rowNumber + 1, 1 << 24)
                column = 0
            case .start("c", let a, _):
                column = min(a["r"].flatMap { CellAddress.parse($0)?.column } ?? column + 1, 1 << 24)
                if let r = a["r"], let row = CellAddress.parse(r)?.row { rowNumber = row }
                cellType = a["t"] ?? "n"
                cellStyle = a["s"].flatMap { Int($0) } ?? 0
                value = ""
                hasFormula = false
            case .start("f", _, _): hasFormula = true
            case .start("v", _, _): inValue = true
            case .end("v"): inValue = false
            case .start("is", _, _): inInline = true
            case .end("is"): inInline = false
            case .start("rPh", _, _): inPhonetic = true
            case .end("rPh"): inPhonetic = false
            case .text(let text) where inValue || (inInline && !inPhonetic): value += text
            case .end("c"):
                guard rowNumber >= 1, rowNumber <= 1_048_576, column >= 1, column <= CSVReader.maximumFields else {
                    failure = .invalid("bladet \(sheet.name) har en cell utanför rad 1–1048576 eller kolumn 1–\(CSVReader.maximumFields)")
                    return
                }
                // A formula's text result may be empty (`t="str"`); any other formula has a saved value.
                if hasFormula, value.isEmpty, cellType != "str" {
                    formulasWithoutValue.append((rowNumber, column))
                    return
                }
                let text: String
                switch cellType {
                case "s": text = Int(value).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
                case "b": text = value == "1" ? "SANT" : "FALSKT"
                case "n": text = Self.number(value, kind: styles.indices.contains(cellStyle) ? styles[cellStyle] : .plain)
                default: text = value  // inlineStr, str (a formula's text), e (#N/A), d (ISO date)
                }
                guard !text.isEmpty else { return }
                while rows.count < rowNumber { rows.append([]) }
                width = max(width, column)
                guard rows.count <= maximumCells / width else {
                    failure = .invalid(
                        "bladet \(sheet.name) sträcker sig till cell \(CellAddress.name(column: width, row: rows.count)), mer än \(maximumCells) celler: ta bort det som står långt ut i bladet"
                    )
                    return
                }
                while rows[rowNumber - 1].count < column { rows[rowNumber - 1].append("") }
                rows[rowNumber - 1][column - 1] = text
            default: break
            }
        }
        if let failure { throw failure }
        // A sheet has no fixed width: every row is as wide as the widest, so that cells left empty at a row's
        // end read as empty cells, not as a row too short for its header.
        for i in rows.indices where rows[i].count < width {
            rows[i] += repeatElement("", count: width - rows[i].count)
        }
        var table = SheetTable(name: sheet.name, rows: rows)
        table.formulasWithoutValue = formulasWithoutValue
        return table
    }

    /// A number cell's text: integral values without decimals (`2.0` → `2`), other values with a decimal
    /// comma as a Swedish spreadsheet shows them, dates and times as `2023-07-01` and `2023:02:00`.
    static func number(_ raw: String, kind: NumberKind) -> String {
        guard let value = Double(raw.trimmingSpaces), value.isFinite else { return raw }
        // Dates and times only where a calendar has them (years 1900–9999): no conversion can overflow.
        let kind = (0..<2_958_466).contains(value) ? kind : .plain
        switch kind {
        case .plain:
            if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
            return raw.split(separator: ".", omittingEmptySubsequences: false).joined(separator: ",")
        case .time:
            return clock(value)
        case .date, .dateTime:
            let days = Int(value.rounded(.down))
            let date = civilDate(daysSince1899_12_30: days)
            let day = "\(date.year)-\(two(date.month))-\(two(date.day))"
            return kind == .date || value == value.rounded(.down) ? day : day + " " + clock(value - Double(days))
        }
    }

    /// Hours (all of them, not modulo 24), minutes and seconds: `2023:02:00`.
    private static func clock(_ days: Double) -> String {
        let seconds = Int((days * 86_400).rounded())
        return "\(seconds / 3600):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Excel's serial day (1900 system, day 0 = 1899-12-30) as a calendar date.
    static func civilDate(daysSince1899_12_30 serial: Int) -> (year: Int, month: Int, day: Int) {
        // Days from 1970-01-01, then Howard Hinnant's civil_from_days.
        let z = serial - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
