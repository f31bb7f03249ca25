extension XlsxWorkbook {
    /// Where in a workbook, outside the data sheet's cells, a personal datum was found: in words a person can
    /// look up in Excel (`kommentaren i cell Blad1!D5`, `dokumentegenskaperna`, `bladnamnet (blad 2)`),
    /// never with the value itself.
    public struct PersonalDataPlace: Sendable, Equatable {
        public var kind: PersonalDataDetector.Kind
        public var place: String
    }

    /// Every personal datum in the workbook outside the cells of sheet `dataSheet` (which the record decoder
    /// checks cell by cell, naming each): other and hidden sheets, shared strings no cell shows, formulas,
    /// comments and their authors, threaded comments and their persons, headers and footers, hyperlinks and
    /// their tooltips, data validation prompts, defined names, sheet names, document properties, customXml,
    /// drawings — every XML part of the zip, its texts and attribute values — and the zip's own entry names
    /// and comment.
    ///
    /// Why: finsam keeps a workbook byte for byte in its store, so whatever the workbook holds is kept too; a
    /// personnummer in a comment or in the document's author is as much kept as one in a cell (issue #25).
    ///
    /// - Returns: the places, in the zip's order, each once; empty when there are none.
    /// - Throws: ``Failure`` when a part cannot be unpacked.
    /// - Complexity: O(n) in the unpacked size of the XML parts, each unpacked, scanned and dropped in turn.
    public mutating func personalDataOutsideCells(of dataSheet: Int) throws(Failure) -> [PersonalDataPlace] {
        var found = PlaceList()
        for entry in archive.entries {
            found.check(entry.name, place: "namnet på en del i zip-filen")
            found.check(entry.comment, place: "en kommentar i zip-filen")
        }
        found.check(archive.comment, place: "zip-filens kommentar")
        for (index, name) in sheetNamesAsWritten.enumerated() {
            found.check(name, place: "bladnamnet (blad \(index + 1))")
        }
        // Shared strings: each checked once; a cell showing one is named below, the rest at the end.
        var flaggedStrings: [Int: PersonalDataDetector.Kind] = [:]
        if let sharedStringsPart, let data = try part(sharedStringsPart) {
            for (i, text) in try Self.readSharedStrings(data, phonetics: true).enumerated() {
                if let match = PersonalDataDetector.firstMatch(in: text) { flaggedStrings[i] = match.kind }
            }
        }
        var shownStrings = Set<Int>()
        var sheetOfPart: [String: (index: Int, name: String)] = [:]
        for (index, sheet) in sheets.enumerated() { sheetOfPart[sheet.part] = (index, sheet.name) }
        var commentSheet: [String: String] = [:]
        for sheet in sheets {
            for relationship in try relationships(of: sheet.part).values
            where relationship.type.hasSuffix("/comments") || relationship.type.hasSuffix("/threadedComment") {
                commentSheet[Self.resolve(relationship.target, in: Self.folder(of: sheet.part))] = sheet.name
            }
        }
        for entry in archive.entries where Self.isXML(entry.name) {
            guard let data = try part(entry.name) else { continue }
            let part = PersonalDataDetector.redactedName(entry.name) ?? entry.name
            if let sheet = sheetOfPart[entry.name] {
                try Self.checkSheet(
                    data, part: part, name: sheet.name, cellsChecked: sheet.index == dataSheet, flaggedStrings: flaggedStrings,
                    shown: &shownStrings, into: &found)
            } else if entry.name == workbookPart {
                try Self.checkWorkbookPart(data, part: part, into: &found)
            } else if entry.name == sharedStringsPart {
                continue  // checked string by string above
            } else if Self.isComments(entry.name) {
                try Self.checkComments(data, part: part, sheet: commentSheet[entry.name], into: &found)
            } else if entry.name.hasPrefix("docProps/") {
                try Self.checkEverything(data, part: part, place: "dokumentegenskaperna (\(part))", into: &found)
            } else if entry.name.hasPrefix("customXml/") {
                try Self.checkEverything(data, part: part, place: "customXml-delen \(part)", into: &found)
            } else if entry.name.contains("persons/") {
                try Self.checkEverything(data, part: part, place: "kommentarernas författare (\(part))", into: &found)
            } else {
                try Self.checkEverything(data, part: part, place: "delen \(part)", into: &found)
            }
        }
        for (index, kind) in flaggedStrings.sorted(by: { $0.key < $1.key }) where !shownStrings.contains(index) {
            found.add(kind, "en delad text som ingen cell visar (nr \(index + 1) i xl/sharedStrings.xml)")
        }
        return found.places
    }

    /// The places found so far, each once.
    struct PlaceList {
        private(set) var places: [PersonalDataPlace] = []
        private var seen = Set<String>()

        mutating func add(_ kind: PersonalDataDetector.Kind, _ place: String) {
            if seen.insert(place).inserted { places.append(PersonalDataPlace(kind: kind, place: place)) }
        }

        mutating func check(_ text: String, place: @autoclosure () -> String) {
            if let match = PersonalDataDetector.firstMatch(in: text) { add(match.kind, place()) }
        }
    }

    /// Parts read as XML: `.xml`, `.rels` and the legacy drawings (`.vml`) that hold comment boxes.
    static func isXML(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".xml") || lower.hasSuffix(".rels") || lower.hasSuffix(".vml")
    }

    private static func isComments(_ name: String) -> Bool {
        let file = name.split(separator: "/").last.map { $0.lowercased() } ?? ""
        return file.hasPrefix("comments") || name.lowercased().contains("threadedcomments/")
    }

    /// Every text and every attribute value of a part, named as `place`.
    static func checkEverything(_ data: [UInt8], part: String, place: String, into found: inout PlaceList) throws(Failure) {
        try scan(data, part: part) { event in
            switch event {
            case .start(_, let attributes, _):
                for value in attributes.values { found.check(value, place: place) }
            case .text(let text):
                found.check(text, place: place)
            case .end:
                break
            }
        }
    }

    /// `xl/workbook.xml`: sheet names are checked from ``sheetNamesAsWritten``; defined names and their
    /// formulas are named as such, everything else as the workbook part.
    static func checkWorkbookPart(_ data: [UInt8], part: String, into found: inout PlaceList) throws(Failure) {
        var inDefinedName = false
        try scan(data, part: part) { event in
            switch event {
            case .start("sheet", _, _):
                break
            case .start("definedName", let attributes, _):
                inDefinedName = true
                for value in attributes.values { found.check(value, place: "ett definierat namn (Formler > Namnhanteraren)") }
            case .end("definedName"):
                inDefinedName = false
            case .start(_, let attributes, _):
                for value in attributes.values { found.check(value, place: "arbetsboken (xl/workbook.xml)") }
            case .text(let text):
                found.check(text, place: inDefinedName ? "ett definierat namn (Formler > Namnhanteraren)" : "arbetsboken (xl/workbook.xml)")
            case .end:
                break
            }
        }
    }

    /// A comments part (`xl/comments1.xml`, `xl/threadedComments/…`): each comment's whole text, named by its
    /// cell, and its author.
    static func checkComments(_ data: [UInt8], part: String, sheet: String?, into found: inout PlaceList) throws(Failure) {
        var text = "", ref = "", inComment = false, inAuthor = false
        func cell(_ ref: String) -> String {
            guard let sheet, let address = CellAddress.parse(ref), let column = address.column, let row = address.row else {
                return ref.isEmpty ? "" : " \(PersonalDataDetector.masked(ref))"
            }
            return " " + CellAddress.qualified(sheet: sheet, column: column, row: row)
        }
        try scan(data, part: part) { event in
            switch event {
            case .start("comment", let a, _), .start("threadedComment", let a, _):
                inComment = true
                text = ""
                ref = a["ref"] ?? ""
                for (key, value) in a where key != "ref" { found.check(value, place: "en kommentars uppgifter i cell\(cell(ref))") }
            case .end("comment"), .end("threadedComment"):
                inComment = false
                found.check(text, place: "kommentaren i cell\(cell(ref))")
            case .start("author", _, _):
                inAuthor = true
            case .end("author"):
                inAuthor = false
            case .start(_, let a, _):
                for value in a.values { found.check(value, place: inComment ? "kommentaren i cell\(cell(ref))" : "kommentarerna") }
            case .text(let t):
                if inAuthor {
                    found.check(t, place: "en kommentars författare")
                } else if inComment {
                    text += t
                } else {
                    found.check(t, place: "kommentarerna")
                }
            case .end:
                break
            }
        }
    }

    /// A sheet part: its cells unless `cellsChecked` (the data sheet, whose cells the decoder checks), and
    /// for every sheet its formulas, headers and footers, hyperlinks, prompts and other texts.
    static func checkSheet(
        _ data: [UInt8], part: String, name: String, cellsChecked: Bool, flaggedStrings: [Int: PersonalDataDetector.Kind],
        shown: inout Set<Int>, into found: inout PlaceList
    ) throws(Failure) {
        var column = 0, row = 0, type = "n"
        var value = "", inValue = false, inInline = false, inFormula = false, formula = ""
        var element: [String] = []
        func here() -> String { CellAddress.qualified(sheet: name, column: max(column, 1), row: max(row, 1)) }
        try scan(data, part: part) { event in
            switch event {
            case .start(let tag, let a, _):
                element.append(tag)  // the scanner ends a self-closing tag too
                switch tag {
                case "row":
                    row = a["r"].flatMap { Int($0) }.map { min($0, 1 << 24) } ?? row + 1
                    column = 0
                case "c":
                    column = min(a["r"].flatMap { CellAddress.parse($0)?.column } ?? column + 1, 1 << 24)
                    if let r = a["r"], let parsed = CellAddress.parse(r)?.row { row = parsed }
                    type = a["t"] ?? "n"
                    value = ""
                case "v": inValue = true
                case "is": inInline = true
                case "f":
                    inFormula = true
                    formula = ""
                case "hyperlink":
                    let cell = a["ref"].flatMap { CellAddress.parse($0) }
                    let place =
                        cell.flatMap { c in c.column.flatMap { col in c.row.map { CellAddress.qualified(sheet: name, column: col, row: $0) } } }
                        .map { "länken i cell \($0)" } ?? "en länk i bladet \(name)"
                    for (key, text) in a where key != "ref" { found.check(text, place: place) }
                case "dataValidation":
                    for text in a.values { found.check(text, place: "en datavalidering (inmatningsmeddelande) i bladet \(name)") }
                default:
                    for text in a.values { found.check(text, place: "bladet \(name) (\(tag))") }
                }
            case .end(let tag):
                if element.last == tag { element.removeLast() }
                switch tag {
                case "v": inValue = false
                case "is": inInline = false
                case "f":
                    inFormula = false
                    found.check(formula, place: "formeln i cell \(here())")
                case "c":
                    if type == "s", let index = Int(value.trimmingSpaces) {
                        shown.insert(index)
                        if !cellsChecked, let kind = flaggedStrings[index] { found.add(kind, "cell \(here())") }
                    } else if !cellsChecked {
                        found.check(value, place: "cell \(here())")
                    }
                default: break
                }
            case .text(let text):
                if inFormula {
                    formula += text
                } else if inValue || inInline {
                    value += text
                } else {
                    let container = element.last ?? ""
                    let place =
                        ["oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"].contains(container)
                        ? "sidhuvudet eller sidfoten i bladet \(name)"
                        : container == "formula1" || container == "formula2" || container == "formula"
                            ? "en formel i bladet \(name) (\(container))" : "bladet \(name) (\(container))"
                    found.check(text, place: place)
                }
            }
        }
    }
}
