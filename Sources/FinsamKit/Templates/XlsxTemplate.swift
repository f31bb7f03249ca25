/// An Excel workbook to fill in (`template … --format xlsx`), modelled on Excel's own Dataverifiering and
/// DHIS2's data-entry grid: the insats leader picks values from drop-down lists instead of learning codes.
///
/// Sheets, in order: the data sheet (`Deltagare` or `Indikatorsvar`: the header in row 1, frozen, förbund,
/// insats and period filled in on the first rows when given), `Instruktioner`, and `Koder` (the lists the
/// drop-downs take their values from, built from the catalogues, so a förbund's own catalogue gives its own
/// lists). Every coded column has a list of the Swedish labels a user types, counts a whole-number rule,
/// every header an input message; the period column is formatted as text, so that `2023:1` cannot become a
/// time of day. Written with Foundation only: stored zip entries of a few XML parts.
public enum XlsxTemplate {
    /// What to fill in beforehand; each is optional.
    public struct Prefill: Sendable {
        public var forbund: String?
        public var insats: String?
        public var period: Period?
        /// Insatser offered in the insats column's drop-down (the register's names).
        public var insatser: [String] = []
        /// The register's kommuner and organisations (names): an aktiviteter template gets a Kommun and an
        /// Organisation column with them as drop-downs (issue #27 item 6); none without.
        public var kommuner: [String] = []
        public var organisationer: [String] = []

        public init(
            forbund: String? = nil, insats: String? = nil, period: Period? = nil, insatser: [String] = [], kommuner: [String] = [],
            organisationer: [String] = []
        ) {
            self.forbund = forbund
            self.insats = insats
            self.period = period
            self.insatser = insatser
            self.kommuner = kommuner
            self.organisationer = organisationer
        }

        var isEmpty: Bool { forbund == nil && insats == nil && period == nil }
    }

    /// Rows given drop-downs and rules; rows given the prefilled förbund, insats and period.
    public static let ruledRows = 5000
    public static let prefilledRows = 500

    /// One column of the data sheet.
    struct Column {
        var header: String
        var width: Int
        /// The drop-down's values, with the list's title on the Koder sheet.
        var list: (title: String, values: [String])?
        var whole: ClosedRange<Int>?
        var text = false
        var prompt: String
    }

    /// The data sheet's columns for `kind`: headers a user reads (`Kön`), which finsam matches to its
    /// column names as it matches any spelling (`kon`).
    static func columns(_ kind: FileKind, catalogues: Catalogues, prefill: Prefill) -> [Column] {
        let ja = JaNej.vocabulary.labels
        // The prefilled förbund and insats fit their column, however long their names (Excel's width unit is
        // about one character of the default font).
        let fits = { (texts: [String], least: Int) in max(least, (texts.map(\.count).max() ?? 0) + 3) }
        var names = [
            Column(
                header: "Förbund", width: fits(prefill.forbund.map { [$0] } ?? [], 22), list: prefill.forbund.map { ("Förbund", [$0]) }, text: true,
                prompt: "Förbundets namn eller id, samma på varje rad."),
            Column(
                header: "Insats", width: fits(prefill.insatser + (prefill.insats.map { [$0] } ?? []), 26),
                list: prefill.insatser.isEmpty ? nil : ("Insats", prefill.insatser), text: true,
                prompt: "Insatsens namn eller id, som i förbundets register."),
            Column(
                header: "Period", width: 10, list: prefill.period.map { ("Period", [$0.description]) }, text: true,
                prompt: "Halvår som 2023H1 eller 2023H2, eller helår som 2023. Skriv H: 2023:1 blir ett klockslag i Excel."),
        ]
        let kon = Column(header: "Kön", width: 10, list: ("Kön", Kon.vocabulary.labels), prompt: "kvinna, man eller annat.")
        let bands = catalogues.dimensioner.aldersgrupp.codes.map(\.code)
        let alder = Column(
            header: "Åldersgrupp", width: 12, list: ("Åldersgrupp", bands),
            text: true, prompt: "Frivillig: åldern när deltagaren började, \(bands.first ?? "") … \(bands.last ?? "").")
        // The förbund's own dimension columns (DOMAIN §4.5), on deltagare rows and on survey forms alike.
        let dimensions = catalogues.templateDimensions.compactMap { id in
            catalogues.dimensioner.slot(of: id).map { catalogues.dimensioner.extra[$0] }
        }.map { d in
            Column(
                header: d.id, width: max(14, d.id.count + 2), list: (String(d.id.prefix(31)), d.codes.map(\.label)), text: true,
                prompt: "Frivillig: \(d.label.lowercased())" + (d.appliesTo == .avslutad ? ", bara för avslutade." : "."))
        }
        switch kind {
        case .deltagare:
            names += [
                kon, alder,
                Column(header: "Ny", width: 6, list: ("Ny", ja), prompt: "Frivillig: ja om deltagaren började under perioden."),
                Column(
                    header: "Status", width: 11, list: ("Status", DeltagarStatus.vocabulary.labels),
                    prompt: "pågående: deltar vid periodens slut. avslutad: slutade under perioden."),
                Column(
                    header: "Avslutsorsak", width: 34, list: ("Avslutsorsak", catalogues.avslutsorsaker.vocabulary.labels),
                    prompt: "Bara för avslutade: varför deltagaren slutade. Tom för pågående."),
                Column(
                    header: "Stegförflyttning", width: 16, list: ("Stegförflyttning", ja),
                    prompt: "Frivillig, bara för avslutade: ja eller nej om det skiljer sig från vad avslutsorsaken ger."),
                Column(
                    header: "Antal", width: 8, whole: 0...RecordDecoder.maximumCount,
                    prompt: "Hur många deltagare raden gäller (heltal, tomt = 1). Inga summarader: finsam summerar."),
            ]
            names += dimensions
        case .indikatorsvar:
            let indikatorer = catalogues.indikatorer
            names += [
                Column(
                    header: "Enkät", width: 26, list: ("Enkät", indikatorer.enkatVocabulary.labels),
                    prompt: "Vilket formulär: pågående insats eller vid avslut."),
                kon, alder,
            ]
            names += dimensions
            for question in indikatorer.questions {
                let scale = indikatorer.scale(of: question)
                let labels = (scale?.values.map(\.label) ?? []) + ["vet ej", "ej aktuellt"]
                names.append(
                    Column(
                        header: question.id, width: max(12, question.id.count + 2), list: (scale?.id ?? question.id, labels),
                        prompt: String(question.label.prefix(200)) + " Tomt = inte besvarad."))
            }
        case .aktiviteter:
            names += [
                Column(
                    header: "Aktivitet", width: 18, list: ("Aktivitet", catalogues.aktiviteter.vocabulary.labels),
                    prompt: "Vad insatsen gjorde: utbildning, konferens, dialogmöte, ägarsamråd …"),
                Column(
                    header: "Tillfällen", width: 10, whole: 0...RecordDecoder.maximumCount,
                    prompt: "Hur många gånger aktiviteten hölls (heltal, tomt = 1)."),
                Column(
                    header: "Deltagande", width: 11, whole: 0...RecordDecoder.maximumCount,
                    prompt: "Frivillig: hur många som deltog. Dela gärna upp på part och kön, en rad per grupp."),
                Column(
                    header: "Part", width: 12, list: ("Part", Part.vocabulary.codes),
                    prompt: "Frivillig: varifrån de deltagande kom: af, fk, kommun, region eller annan."),
                Column(header: "Kön", width: 10, list: ("Kön", Kon.vocabulary.labels), prompt: "Frivillig: kvinna, man eller annat."),
            ]
            if !prefill.kommuner.isEmpty {
                names.append(
                    Column(
                        header: "Kommun", width: 14, list: ("Kommun", prefill.kommuner),
                        prompt: "Frivillig: kommunen där aktiviteten hölls, en av förbundets kommuner."))
            }
            if !prefill.organisationer.isEmpty {
                names.append(
                    Column(
                        header: "Organisation", width: 22, list: ("Organisation", prefill.organisationer),
                        prompt: "Frivillig: organisationen den hölls med, som i förbundets register."))
            }
        case .uppfoljning:
            let dimensioner = catalogues.dimensioner
            let status = dimensioner.slot(of: ColumnLayout.uppfoljningStatus).map { dimensioner.extra[$0] }
            names += [
                kon, alder,
                Column(
                    header: "Månader", width: 9, whole: 1...UppfoljningRecord.maximumManader,
                    prompt: "Hur många hela månader efter avslut uppföljningen gjordes (till exempel 6 eller 12)."),
            ]
            if let status {
                names.append(
                    Column(
                        header: status.id, width: max(18, status.id.count + 2), list: (String(status.id.prefix(31)), status.codes.map(\.label)),
                        text: true, prompt: "Försörjningen vid uppföljningen: arbete, studier, a-kassa …"))
            }
            names.append(
                Column(
                    header: "Antal", width: 8, whole: 0...RecordDecoder.maximumCount,
                    prompt: "Hur många uppföljda raden gäller (heltal, tomt = 1). Inga summarader: finsam summerar."))
            names += dimensions.filter { $0.header != ColumnLayout.uppfoljningStatus }
        }
        return names
    }

    /// The workbook's bytes.
    ///
    ///     let bytes = XlsxTemplate.bytes(.deltagare, catalogues: .builtIn, prefill: .init(period: Period("2023H2")))
    ///
    /// - Returns: a zip of stored entries that Excel and LibreOffice open.
    /// - Complexity: O(rows × prefilled columns); a few hundred kilobytes at most.
    public static func bytes(_ kind: FileKind, catalogues: Catalogues, prefill: Prefill = Prefill()) -> [UInt8] {
        let columns = columns(kind, catalogues: catalogues, prefill: prefill)
        // One Koder column per distinct list; columns with the same list share it.
        var lists: [(title: String, values: [String])] = []
        var listColumn: [Int?] = []
        for column in columns {
            guard let list = column.list else { listColumn.append(nil); continue }
            if let found = lists.firstIndex(where: { $0.title == list.title && $0.values == list.values }) {
                listColumn.append(found)
            } else {
                listColumn.append(lists.count)
                lists.append(list)
            }
        }
        let dataName = kind.sheetName
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", utf8(contentTypes))
        zip.add("_rels/.rels", utf8(packageRelationships))
        zip.add("xl/workbook.xml", utf8(workbook(dataName)))
        zip.add("xl/_rels/workbook.xml.rels", utf8(workbookRelationships))
        zip.add("xl/styles.xml", utf8(styles))
        zip.add("xl/worksheets/sheet1.xml", utf8(dataSheet(columns, lists: listColumn, prefill: prefill)))
        zip.add("xl/worksheets/sheet2.xml", utf8(instructions(kind, columns)))
        zip.add("xl/worksheets/sheet3.xml", utf8(codeSheet(lists)))
        return zip.bytes()
    }

    private static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let main = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
    private static let relationshipNamespace = #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    private static let contentTypes =
        header + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            </Types>
            """

    private static let packageRelationships =
        header + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """

    private static func workbook(_ dataName: String) -> String {
        header + "<workbook \(main) \(relationshipNamespace)><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
            + "<sheet name=\"\(dataName)\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Instruktioner\" sheetId=\"2\" r:id=\"rId2\"/>"
            + "<sheet name=\"Koder\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>"
    }

    private static let workbookRelationships =
        header + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/>\
            <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """

    /// Style 0 plain, 1 bold (headers), 2 text (`@`: what is typed stays as typed), 3 bold heading.
    private static let styles =
        header + "<styleSheet \(main)>" + """
            <fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>\
            <font><b/><sz val="14"/><name val="Calibri"/></font></fonts>\
            <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
            <fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyNumberFormat="1"/>\
            <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """

    /// An inline-string cell.
    private static func cell(_ column: Int, _ row: Int, _ text: String, style: Int = 0) -> String {
        "<c r=\"\(CellAddress.name(column: column, row: row))\" t=\"inlineStr\"\(style > 0 ? " s=\"\(style)\"" : "")><is><t xml:space=\"preserve\">\(XMLScanner.escape(text))</t></is></c>"
    }

    private static func cols(_ widths: [(width: Int, style: Int)]) -> String {
        "<cols>"
            + widths.enumerated().map { i, w in
                "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w.width)\" customWidth=\"1\"\(w.style > 0 ? " style=\"\(w.style)\"" : "")/>"
            }.joined() + "</cols>"
    }

    private static func dataSheet(_ columns: [Column], lists: [Int?], prefill: Prefill) -> String {
        var xml = header + "<worksheet \(main) \(relationshipNamespace)>"
        xml +=
            "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        xml += cols(columns.map { ($0.width, $0.text ? 2 : 0) })
        xml += "<sheetData><row r=\"1\">" + columns.enumerated().map { cell($0 + 1, 1, $1.header, style: 1) }.joined() + "</row>"
        let prefilled = [prefill.forbund, prefill.insats, prefill.period?.description]
        if !prefill.isEmpty {
            for row in 2...(prefilledRows + 1) {
                xml += "<row r=\"\(row)\">"
                for (i, value) in prefilled.enumerated() { if let value { xml += cell(i + 1, row, value, style: 2) } }
                xml += "</row>"
            }
        }
        xml += "</sheetData>"
        var rules: [String] = []
        let last = ruledRows + 1
        for (i, column) in columns.enumerated() {
            let letter = CellAddress.column(i + 1)
            let title = XMLScanner.escape(String(column.header.prefix(32)))
            let prompt = XMLScanner.escape(String(column.prompt.prefix(255)))
            rules.append(
                "<dataValidation allowBlank=\"1\" showInputMessage=\"1\" promptTitle=\"\(title)\" prompt=\"\(prompt)\" sqref=\"\(letter)1\"/>")
            if let list = lists[i], let values = column.list?.values {
                let koder = CellAddress.column(list + 1)
                let shown = String(values.prefix(6).joined(separator: ", ").prefix(180)) + (values.count > 6 ? " …" : "")
                rules.append(
                    "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"\(title)\" "
                        + "error=\"\(XMLScanner.escape("Välj ett värde i listan: \(shown)"))\" promptTitle=\"\(title)\" prompt=\"\(prompt)\" "
                        + "sqref=\"\(letter)2:\(letter)\(last)\"><formula1>Koder!$\(koder)$2:$\(koder)$\(values.count + 1)</formula1></dataValidation>"
                )
            } else if let whole = column.whole {
                rules.append(
                    "<dataValidation type=\"whole\" operator=\"between\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" "
                        + "errorTitle=\"\(title)\" error=\"\(XMLScanner.escape("Skriv ett heltal \(whole.lowerBound)–\(whole.upperBound), till exempel 3 (inga decimaler, ingen text)."))\" "
                        + "promptTitle=\"\(title)\" prompt=\"\(prompt)\" sqref=\"\(letter)2:\(letter)\(last)\"><formula1>\(whole.lowerBound)</formula1>"
                        + "<formula2>\(whole.upperBound)</formula2></dataValidation>")
            } else {
                rules.append(
                    "<dataValidation allowBlank=\"1\" showInputMessage=\"1\" promptTitle=\"\(title)\" prompt=\"\(prompt)\" sqref=\"\(letter)2:\(letter)\(last)\"/>"
                )
            }
        }
        xml += "<dataValidations count=\"\(rules.count)\">" + rules.joined() + "</dataValidations>"
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
        return xml
    }

    private static func instructions(_ kind: FileKind, _ columns: [Column]) -> String {
        let rowWhat =
            switch kind {
            case .deltagare: "en rad per deltagare, eller en rad per grupp deltagare med samma uppgifter och hur många de är i Antal"
            case .indikatorsvar: "en rad per besvarat formulär"
            case .aktiviteter: "en rad per aktivitet och period, eller en rad per part och kön med hur många som deltog"
            case .uppfoljning: "en rad per uppföljd deltagare, eller en rad per grupp med samma uppgifter och hur många de är i Antal"
            }
        let lines: [(String, Int)] =
            [
                ("Så fyller du i mallen", 3),
                ("1. Fyll i bladet \(kind.sheetName): \(rowWhat).", 0),
                (
                    "2. Klicka i en cell och välj i listan (pilen till höger). Listornas värden står på bladet Koder; versaler och gemener spelar ingen roll.",
                    0
                ),
                ("3. Låt rubrikraden stå kvar på rad 1 och skriv inget ovanför den. Lägg inga summarader (Summa, Totalt): finsam summerar själv.", 0),
                ("4. Skriv perioden som 2023H1 eller 2023H2 (helår: 2023). Skriv inte 2023:1: det blir ett klockslag.", 0),
                ("5. Inga personuppgifter: inga personnummer, namn eller e-postadresser. Egna anteckningar i kolumner vars rubrik börjar med x_.", 0),
                (
                    "6. Spara som Excel-arbetsbok (.xlsx) och kontrollera filen: finsam validate FIL.xlsx. Fel anges med cell, till exempel Deltagare!D5.",
                    0
                ),
                ("", 0),
                ("Kolumnerna", 3),
            ] + columns.map { ("\($0.header): \($0.prompt)", 0) }
        var xml = header + "<worksheet \(main)>" + cols([(120, 0)]) + "<sheetData>"
        for (i, line) in lines.enumerated() where !line.0.isEmpty {
            xml += "<row r=\"\(i + 1)\">" + cell(1, i + 1, line.0, style: line.1) + "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    private static func codeSheet(_ lists: [(title: String, values: [String])]) -> String {
        var xml = header + "<worksheet \(main)>" + cols(lists.map { (max(14, min(48, ($0.values.map(\.count).max() ?? 0) + 2)), 2) }) + "<sheetData>"
        let height = (lists.map(\.values.count).max() ?? 0) + 1
        for row in 1...max(height, 1) {
            xml += "<row r=\"\(row)\">"
            for (i, list) in lists.enumerated() {
                if row == 1 {
                    xml += cell(i + 1, 1, list.title, style: 1)
                } else if row - 2 < list.values.count {
                    xml += cell(i + 1, row, list.values[row - 2], style: 2)
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }
}

extension FileKind {
    /// The name of a template's data sheet.
    var sheetName: String {
        switch self {
        case .deltagare: "Deltagare"
        case .indikatorsvar: "Indikatorsvar"
        case .aktiviteter: "Aktiviteter"
        case .uppfoljning: "Uppföljning"
        }
    }
}
