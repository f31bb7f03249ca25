/// How the `x_fel` column of an annotated workbook looks: wide enough to read a message (60 characters)
/// and wrapping a longer one over lines, instead of the 13 characters Excel gives a new column, where a
/// message runs off into nothing.
extension AnnotatedCopy {
    /// The width of the `x_fel` column, in Excel's characters.
    static let messageWidth = 60

    /// The styles part with one cell format added that wraps text at the top of its cell.
    ///
    /// - Returns: the new styles XML and the index of the added format; `nil` when the part has no
    ///   `cellXfs` list to add to (the messages are then written without a style).
    static func addingWrapStyle(_ xml: [UInt8]) -> (xml: [UInt8], index: Int)? {
        let text = String(decoding: xml, as: UTF8.self)
        guard let open = text.range(of: "<cellXfs"), let tagEnd = text[open.upperBound...].firstIndex(of: ">"),
            let close = text.range(of: "</cellXfs>", range: tagEnd..<text.endIndex)
        else { return nil }
        let tag = String(text[open.lowerBound...tagEnd])
        let index = text[tagEnd..<close.lowerBound].components(separatedBy: "<xf ").count - 1
        let counted = tag.replacingOccurrences(of: #"count="[0-9]*""#, with: "count=\"\(index + 1)\"", options: .regularExpression)
        let wrap =
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
            + "<alignment wrapText=\"1\" vertical=\"top\"/></xf>"
        let out =
            String(text[..<open.lowerBound]) + counted + String(text[text.index(after: tagEnd)..<close.lowerBound]) + wrap
            + String(text[close.lowerBound...])
        return (Array(out.utf8), index)
    }

    /// The fill of a cell in error: Excel's own light red ("Bad").
    static let markFill = "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFC7CE\"/><bgColor indexed=\"64\"/></patternFill></fill>"

    /// The styles part with one more cell format, filled light red, for the cells in error.
    ///
    /// - Returns: the new styles XML and the index of the added format; `nil` when the part has no `fills`
    ///   or `cellXfs` list (the cells are then left as they are: the `x_fel` column still names them).
    static func addingMarkStyle(_ xml: [UInt8]) -> (xml: [UInt8], index: Int)? {
        var text = String(decoding: xml, as: UTF8.self)
        guard let open = text.range(of: "<fills"), let tagEnd = text[open.upperBound...].firstIndex(of: ">"),
            let close = text.range(of: "</fills>", range: tagEnd..<text.endIndex)
        else { return nil }
        let fill = text[tagEnd..<close.lowerBound].components(separatedBy: "<fill>").count - 1
        let tag = String(text[open.lowerBound...tagEnd])
        let counted = tag.replacingOccurrences(of: #"count="[0-9]*""#, with: "count=\"\(fill + 1)\"", options: .regularExpression)
        text =
            String(text[..<open.lowerBound]) + counted + String(text[text.index(after: tagEnd)..<close.lowerBound]) + markFill
            + String(text[close.lowerBound...])
        guard let xfs = text.range(of: "<cellXfs"), let xfsEnd = text[xfs.upperBound...].firstIndex(of: ">"),
            let xfsClose = text.range(of: "</cellXfs>", range: xfsEnd..<text.endIndex)
        else { return nil }
        let index = text[xfsEnd..<xfsClose.lowerBound].components(separatedBy: "<xf ").count - 1
        let xfsTag = String(text[xfs.lowerBound...xfsEnd])
        let xfsCounted = xfsTag.replacingOccurrences(of: #"count="[0-9]*""#, with: "count=\"\(index + 1)\"", options: .regularExpression)
        let marked = "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"\(fill)\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>"
        text =
            String(text[..<xfs.lowerBound]) + xfsCounted + String(text[text.index(after: xfsEnd)..<xfsClose.lowerBound]) + marked
            + String(text[xfsClose.lowerBound...])
        return (Array(text.utf8), index)
    }

    /// The sheet XML with every cell in `cells` (per row, the columns, 1-based) given style `style`, so that
    /// the cell in error stands out where the user looks for it, beside the message in `x_fel`.
    ///
    /// - Complexity: O(n) in the size of the sheet.
    static func marking(_ xml: [UInt8], cells: [Int: Set<Int>], style: Int) -> [UInt8] {
        guard !cells.isEmpty else { return xml }
        let text = String(decoding: xml, as: UTF8.self)
        var out = "", rest = text[...]
        while let open = rest.range(of: "<c ") {
            out += rest[..<open.lowerBound]
            guard let end = rest[open.upperBound...].firstIndex(of: ">") else { break }
            var tag = String(rest[open.lowerBound...end])
            rest = rest[rest.index(after: end)...]
            if let reference = Self.attribute("r", in: tag), let (row, column) = Self.cellAddress(reference), cells[row]?.contains(column) == true {
                tag = tag.replacingOccurrences(of: #" s="[0-9]*""#, with: "", options: .regularExpression)
                tag = "<c s=\"\(style)\" " + tag.dropFirst(3)
            }
            out += tag
        }
        out += rest
        return Array(out.utf8)
    }

    /// "H5" as row 5, column 8.
    static func cellAddress(_ reference: String) -> (row: Int, column: Int)? {
        let letters = reference.prefix { $0.isASCII && $0.isLetter }, digits = reference.dropFirst(letters.count)
        guard !letters.isEmpty, letters.count <= 3, let row = Int(digits) else { return nil }
        let column = letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
        return (row, column)
    }

    /// The sheet XML with column `number` (1-based) set to ``messageWidth``: an existing `<col>` range
    /// that covers it is split around it, so that no two ranges overlap (Excel refuses overlapping ones).
    ///
    /// - Returns: the sheet with its `<cols>` list rewritten, or one added before `<sheetData>`.
    static func widening(_ xml: [UInt8], column number: Int) -> [UInt8] {
        let text = String(decoding: xml, as: UTF8.self)
        let ours = "<col min=\"\(number)\" max=\"\(number)\" width=\"\(messageWidth)\" customWidth=\"1\"/>"
        guard let open = text.range(of: "<cols>"), let close = text.range(of: "</cols>", range: open.upperBound..<text.endIndex) else {
            guard let data = text.range(of: "<sheetData") else { return xml }
            return Array((String(text[..<data.lowerBound]) + "<cols>\(ours)</cols>" + String(text[data.lowerBound...])).utf8)
        }
        var cols: [(min: Int, xml: String)] = [(number, ours)]
        for element in text[open.upperBound..<close.lowerBound].components(separatedBy: "<col ").dropFirst() {
            let tag = "<col " + element.prefix { $0 != ">" } + ">"
            guard let low = Self.number("min", in: tag), let high = Self.number("max", in: tag) else { continue }
            func range(_ a: Int, _ b: Int) -> String {
                tag.replacingOccurrences(of: #" min="[0-9]*""#, with: " min=\"\(a)\"", options: .regularExpression)
                    .replacingOccurrences(of: #" max="[0-9]*""#, with: " max=\"\(b)\"", options: .regularExpression)
            }
            guard low <= number && number <= high else {
                cols.append((low, tag))
                continue
            }
            if low < number { cols.append((low, range(low, number - 1))) }
            if number < high { cols.append((number + 1, range(number + 1, high))) }
        }
        let list = cols.sorted { $0.min < $1.min }.map(\.xml).joined()
        return Array((String(text[..<open.upperBound]) + list + String(text[close.lowerBound...])).utf8)
    }

    private static func number(_ name: String, in tag: String) -> Int? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        return Int(tag[range.upperBound...].prefix { $0 != "\"" })
    }
}
