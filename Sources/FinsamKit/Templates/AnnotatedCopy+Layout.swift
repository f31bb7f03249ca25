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
