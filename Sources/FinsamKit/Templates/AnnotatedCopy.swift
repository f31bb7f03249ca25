import Foundation

/// A copy of an input file with its problems beside the rows they are on, in a last column `x_fel`: the
/// insats leader opens it in Excel, fixes each row, deletes nothing, and sends it again (`x_` columns are
/// ignored, so the column may stay). Same format as the original: a CSV file keeps its encoding, delimiter,
/// byte-order mark and line ends, each row's bytes untouched before the new cell; a workbook keeps every
/// part and gets one cell more on each row of its data sheet.
public enum AnnotatedCopy {
    /// The header of the added column.
    public static let header = "x_fel"

    /// The annotated copy of `original` (the bytes finsam validated), given the problems found in it.
    ///
    /// - Returns: the copy's bytes.
    /// - Throws: a ``Problem`` when a workbook cannot be read again.
    /// - Complexity: O(n) in the file and the problems.
    public static func bytes(of original: [UInt8], problems: [Problem], fileName: String) throws(Problem) -> [UInt8] {
        if ZipArchive.looksLikeZip(original) { return try workbook(original, problems: problems, fileName: fileName) }
        return csv(original, problems: problems, fileName: fileName)
    }

    /// Each row's messages ("D5: kolumn kon: …"), by spreadsheet row; problems of no row go to row 1.
    static func messages(_ problems: [Problem], rowOfLine: (Int) -> Int) -> [Int: [String]] {
        var byRow: [Int: [String]] = [:]
        for problem in problems {
            let row = problem.position.map { $0.cellRow > 0 ? Int($0.cellRow) : rowOfLine($0.line) } ?? 1
            byRow[row, default: []].append((problem.position?.cell.map { "\($0): " } ?? "") + problem.message)
        }
        return byRow
    }

    static func cellText(_ row: Int, _ byRow: [Int: [String]]) -> String {
        let messages = byRow[row] ?? []
        if row == 1 { return messages.isEmpty ? header : header + " — " + messages.joined(separator: " · ") }
        return messages.joined(separator: " · ")
    }

    static func csv(_ original: [UInt8], problems: [Problem], fileName: String) -> [UInt8] {
        let reader = CSVReader(bytes: original, fileName: fileName)
        var records: [(range: Range<Int>, row: Int, cells: Int, line: Int)] = []
        let prefix = reader.offset
        var start = prefix
        while reader.next() {
            records.append((start..<reader.offset, reader.recordsRead, reader.fields.count, reader.fields.first?.position.line ?? 0))
            start = reader.offset
        }
        let byRow = messages(problems) { line in records.last { $0.line <= line }?.row ?? 1 }
        let width = records.first?.cells ?? 0
        let delimiter = reader.delimiter
        var out = Array(original[0..<prefix])
        for record in records {
            var bytes = original[record.range]
            var ending: ArraySlice<UInt8> = []
            while let last = bytes.last, last == 0x0A || last == 0x0D {
                ending.insert(last, at: ending.startIndex)
                bytes.removeLast()
            }
            if ending.isEmpty && record.range.upperBound < original.count { ending = [0x0D, 0x0A] }
            out += bytes
            out += [UInt8](repeating: delimiter, count: max(0, width - record.cells) + 1)
            let text = cellText(record.row, byRow)
            if !text.isEmpty {
                let quoted = "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
                out += reader.encoding == .windows1252 ? SourceEncoding.windows1252Bytes(of: quoted) ?? Array(quoted.utf8) : Array(quoted.utf8)
            }
            out += ending
        }
        out += original[start...]
        return out
    }

    static func workbook(_ original: [UInt8], problems: [Problem], fileName: String) throws(Problem) -> [UInt8] {
        do {
            var workbook = try XlsxWorkbook(bytes: original)
            let (index, table) = try workbook.sheetWithData()
            let part = workbook.sheets[index].part
            let number = (table.rows.first?.count ?? 0) + 1
            let column = CellAddress.column(number)
            let byRow = messages(problems) { $0 }
            // The messages wrap in a wide column (AnnotatedCopy+Layout).
            let wrapped = try workbook.part("xl/styles.xml").flatMap { addingWrapStyle($0) }
            // The cells in error filled light red, where the file has a fills list to add to.
            let marked = wrapped.flatMap { addingMarkStyle($0.xml) }
            let styles = wrapped.map { (xml: marked?.xml ?? $0.xml, index: $0.index) }
            var inError: [Int: Set<Int>] = [:]
            for problem in problems {
                guard let position = problem.position, position.cellRow > 1, position.cellColumn > 0 else { continue }
                inError[Int(position.cellRow), default: []].insert(Int(position.cellColumn))
            }
            var zip = ZipWriter()
            // Only the data sheet and the styles are unpacked and changed; every other part is copied as it is
            // packed.
            for entry in workbook.archive.entries where !entry.name.hasSuffix("/") {
                if entry.name == part {
                    var sheet = annotatedSheet(try workbook.part(part) ?? [], column: column, byRow: byRow, style: styles?.index)
                    if let marked { sheet = marking(sheet, cells: inError, style: marked.index) }
                    zip.add(part, widening(sheet, column: number))
                } else if entry.name == "xl/styles.xml", let styles {
                    zip.add(entry.name, styles.xml)
                } else if let packed = try workbook.packedPart(entry.name) {
                    zip.addPacked(entry.name, method: packed.method, crc: packed.crc, size: packed.size, data: packed.data)
                }
            }
            return zip.bytes()
        } catch {
            let why: String =
                switch error {
                case .invalid(let text), .otherFormat(let text): text
                }
            throw Problem(file: fileName, position: nil, message: "kan inte skriva en kopia med felen: \(why)")
        }
    }

    /// The sheet's XML with a cell in `column` appended to each row that has messages (and the header), and
    /// rows added where a message is on a row the sheet has no element for.
    static func annotatedSheet(_ xml: [UInt8], column: String, byRow: [Int: [String]], style: Int? = nil) -> [UInt8] {
        var pending = Set(byRow.keys).union([1]).sorted()[...]
        let styled = style.map { " s=\"\($0)\"" } ?? ""
        func cell(_ row: Int) -> [UInt8] {
            let text = cellText(row, byRow)
            return text.isEmpty
                ? []
                : Array(
                    "<c r=\"\(column)\(row)\"\(styled) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLScanner.escape(text))</t></is></c>".utf8)
        }
        func rowsBefore(_ limit: Int) -> [UInt8] {
            var out: [UInt8] = []
            while let next = pending.first, next < limit {
                pending.removeFirst()
                out += Array("<row r=\"\(next)\">".utf8) + cell(next) + Array("</row>".utf8)
            }
            return out
        }
        var out: [UInt8] = []
        var i = 0, rowNumber = 0
        while i < xml.count {
            guard let open = find(xml, "<row", from: i), let tagEnd = find(xml, ">", from: open),
                open + 4 < xml.count, xml[open + 4] == 0x20 || xml[open + 4] == UInt8(ascii: ">") || xml[open + 4] == UInt8(ascii: "/")
            else { break }
            let tag = String(decoding: xml[open...tagEnd], as: UTF8.self)
            rowNumber = min(attribute("r", in: tag).flatMap { Int($0) } ?? rowNumber + 1, 1 << 24)
            out += xml[i..<open]
            out += rowsBefore(rowNumber)
            let own = pending.first == rowNumber
            if own { pending.removeFirst() }
            if xml[tagEnd - 1] == UInt8(ascii: "/") {
                out += own ? Array(tag.dropLast(2).utf8) + Array(">".utf8) + cell(rowNumber) + Array("</row>".utf8) : Array(xml[open...tagEnd])
                i = tagEnd + 1
            } else {
                guard let close = find(xml, "</row>", from: tagEnd) else { break }
                out += xml[open..<close]
                if own { out += cell(rowNumber) }
                out += Array("</row>".utf8)
                i = close + 6
            }
        }
        if let end = find(xml, "</sheetData>", from: i) {
            out += xml[i..<end] + rowsBefore(Int.max)
            i = end
        }
        out += xml[i...]
        return out
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[range.upperBound...].prefix { $0 != "\"" })
    }

    private static func find(_ bytes: [UInt8], _ needle: String, from start: Int) -> Int? {
        let n = Array(needle.utf8)
        guard n.count <= bytes.count else { return nil }
        var i = start
        while i + n.count <= bytes.count {
            if bytes[i] == n[0] && bytes[i..<(i + n.count)].elementsEqual(n) { return i }
            i += 1
        }
        return nil
    }
}
