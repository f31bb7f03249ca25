import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// The workbook route: zip and inflate, the sheet reader, the template, and what a spreadsheet makes of a file.
@Suite struct XlsxTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Repository.fixture(name))))
    }

    /// Problems of a workbook's bytes as full gcc-style lines.
    static func problems(_ bytes: [UInt8], name: String = "mall.xlsx", register: Register? = nil) -> [String] {
        Dataset.load([.bytes(bytes, name: name)], catalogues: .builtIn, register: register).1.map(\.description)
    }

    @Test func inflateDecodesStoredAndFixedBlocksAndRefusesBrokenOnes() throws {
        // zlib's raw deflate of "hej hej hej hej!" (a fixed-Huffman block with a back reference).
        #expect(try Inflate.decompress([203, 72, 205, 82, 200, 64, 96, 69, 0], limit: 100) == Array("hej hej hej hej!".utf8))
        #expect(try Inflate.decompress([0x01, 3, 0, 0xFC, 0xFF] + Array("abc".utf8), limit: 100) == Array("abc".utf8))
        #expect(throws: Inflate.Failure.tooLarge(limit: 10)) { try Inflate.decompress([203, 72, 205, 82, 200, 64, 96, 69, 0], limit: 10) }
        #expect(throws: Inflate.Failure.corrupt("ogiltig blocktyp")) { try Inflate.decompress([0x07], limit: 100) }
        #expect(throws: Inflate.Failure.corrupt("data tar slut mitt i ett block")) { try Inflate.decompress([203, 72], limit: 100) }
    }

    @Test func aWorkbookSavedByLibreOfficeReadsBack() throws {
        // Made once with: soffice --headless --infilter="CSV:59,34,76,1" --convert-to xlsx libreoffice-deltagare.csv
        let (dataset, problems) = Dataset.load(
            [.bytes(try Self.fixture("libreoffice-deltagare.xlsx"), name: "lo.xlsx")],
            catalogues: .builtIn, register: Repository.blekinge)
        #expect(problems.isEmpty)
        let file = try #require(dataset.files.first)
        #expect(file.kind == .deltagare && file.rows == 5 && file.sheet == "libreoffice-deltagare")
        #expect(file.perKon[.kvinna] == 5 && file.perKon[.man] == 3 && file.perKon[.annat] == 1 && file.avslutade == 4)
        #expect(Set(dataset.deltagare.map { dataset.name($0.insats) }) == ["kt-karlshamn"])
        #expect(dataset.deltagare.map(\.antal) == [3, 2, 2, 1, 1])
        let orsaker = dataset.deltagare.map { $0.avslutsorsak < 0 ? "" : dataset.catalogues.avslutsorsaker.avslutsorsaker[Int($0.avslutsorsak)].code }
        #expect(orsaker == ["", "", "arbete-med-stod", "studier", "flyttat"])
    }

    @Test func aPeriodThatLibreOfficeMadeATimeOfDayIsExplained() throws {
        #expect(
            Self.problems(try Self.fixture("libreoffice-klockslag.xlsx"), name: "k.xlsx") == [
                "k.xlsx:2:3: fel: cell 'libreoffice-klockslag'!C2: kolumn period: väntade en period som 2023H1, 2023H2 eller 2023, fann \"2023:01:00\", ett klockslag (2023 timmar och 1 minut): kalkylprogrammet har läst perioden som en tid; skriv 2023H1, som kalkylprogram lämnar som text",
                "k.xlsx:3:3: fel: cell 'libreoffice-klockslag'!C3: kolumn period: väntade en period som 2023H1, 2023H2 eller 2023, fann \"2023:02:00\", ett klockslag (2023 timmar och 2 minuter): kalkylprogrammet har läst perioden som en tid; skriv 2023H2, som kalkylprogram lämnar som text",
            ])
    }

    @Test func theTemplateHasDropDownsOfLabelsRulesAndPrompts() throws {
        let bytes = XlsxTemplate.bytes(
            .deltagare, catalogues: .builtIn,
            prefill: .init(
                forbund: "Samordningsförbundet i Blekinge",
                insats: "Konsultationsteam Karlshamn", period: Period("2023H2")))
        var workbook = try XlsxWorkbook(bytes: bytes)
        #expect(workbook.sheets.map(\.name) == ["Deltagare", "Instruktioner", "Koder"])
        let data = try workbook.table(0)
        #expect(data.rows[0] == ["Förbund", "Insats", "Period", "Kön", "Åldersgrupp", "Ny", "Status", "Avslutsorsak", "Stegförflyttning", "Antal"])
        #expect(data.rows[1].prefix(3) == ["Samordningsförbundet i Blekinge", "Konsultationsteam Karlshamn", "2023H2"])
        #expect(data.rows.count == XlsxTemplate.prefilledRows + 1)
        let koder = try workbook.table(2)
        #expect(koder.rows[0] == ["Förbund", "Period", "Kön", "Åldersgrupp", "Ny", "Status", "Avslutsorsak", "Stegförflyttning"])
        #expect(koder.rows.dropFirst().map { $0[5] }.filter { !$0.isEmpty } == ["pågående", "avslutad"])
        #expect(koder.rows.dropFirst().map { $0[6] }.prefix(3) == ["Arbete", "Arbete med stöd", "Studier"])
        let sheet = String(decoding: try workbook.allParts().first { $0.name == "xl/worksheets/sheet1.xml" }!.bytes, as: UTF8.self)
        #expect(sheet.contains("sqref=\"D2:D5001\"><formula1>Koder!$C$2:$C$4</formula1>"))
        #expect(sheet.contains("sqref=\"G2:G5001\"><formula1>Koder!$F$2:$F$3</formula1>"))
        #expect(
            sheet.contains("<dataValidation type=\"whole\" operator=\"between\"")
                && sheet.contains("<formula1>0</formula1><formula2>1000000</formula2>"))
        #expect(
            sheet.contains(
                "promptTitle=\"Period\" prompt=\"Halvår som 2023H1 eller 2023H2, eller helår som 2023. Skriv H: 2023:1 blir ett klockslag i Excel.\" sqref=\"C1\""
            ))
        // Column A is wide enough for the prefilled förbund name (31 characters), not cut at 22.
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"34\" customWidth=\"1\""))
        let instructions = try workbook.table(1)
        #expect(instructions.rows[0] == ["Så fyller du i mallen"])
        // Every label offered reads back as what it stands for.
        let labels =
            "Förbund;Insats;Period;Kön;Status;Avslutsorsak\n"
            + Catalogues.builtIn.avslutsorsaker.vocabulary.labels.map {
                "b;i;2023H2;annat;avslutad;\($0)\n"
            }.joined()
        #expect(FinsamKitTests.problems(labels).isEmpty)
    }

    @Test func theIndikatorsvarTemplateOffersEachScalesLabels() throws {
        var workbook = try XlsxWorkbook(bytes: XlsxTemplate.bytes(.indikatorsvar, catalogues: .builtIn))
        let header = try workbook.table(0).rows[0]
        #expect(
            header == [
                "Förbund", "Insats", "Period", "Enkät", "Kön", "Åldersgrupp", "behov", "samordnad", "inflytande", "stod", "bemotande",
                "forstaelse", "verktyg", "planering", "redo", "medskapare", "helhetssyn", "trygghet", "jamstalldhet", "styrning", "forutsattningar",
            ])
        let koder = try workbook.table(2)
        #expect(koder.rows[0] == ["Enkät", "Kön", "Åldersgrupp", "del4", "janej", "betyg4"])
        #expect(
            koder.rows.dropFirst().map { $0[3] }.filter { !$0.isEmpty } == [
                "Till mycket stor del", "Till stor del", "Till liten del", "Inte alls", "vet ej", "ej aktuellt",
            ])
        #expect(
            koder.rows.dropFirst().map { $0[0] }.filter { !$0.isEmpty } == [
                "Deltagare, pågående insats", "Deltagare, vid avslut", "Insatspersonal", "Chefer i samverkan", "Styrelse", "Remittenter",
                "Samverkansgrupp",
            ])
        // What the lists offer is what the validator reads.
        let form =
            "Förbund;Insats;Period;Enkät;Kön;behov;samordnad;bemotande\nb;i;2023H2;Deltagare, vid avslut;kvinna;Till stor del;Nej;Mycket dåligt\n"
        let (dataset, found) = load(form)
        #expect(found.isEmpty)
        #expect(Array(dataset.answers(of: 0)) == [3, 0, -1, -1, 1, -1, -1, -1, -1] + [Int8](repeating: -1, count: 6))
    }

    @Test func aTemplateFilledInAsExcelWouldReadsBack() throws {
        let template = XlsxTemplate.bytes(
            .deltagare, catalogues: .builtIn,
            prefill: .init(
                forbund: "Samordningsförbundet i Blekinge",
                insats: "Konsultationsteam Karlshamn", period: Period("2023H2")))
        var workbook = try XlsxWorkbook(bytes: template)
        // Excel saves text as shared strings, numbers as <v>, and keeps the formatted rows below as they were.
        let strings = [
            "Samordningsförbundet i Blekinge", "Konsultationsteam Karlshamn", "2023H2", "Kvinna", "25-29", "ja", "pågående",
            "man", "avslutad", "Arbete med stöd", "annat", "Flyttat från området",
        ]
        func row(_ r: Int, _ cells: [Any]) -> String {
            "<row r=\"\(r)\" spans=\"1:10\">"
                + cells.enumerated().compactMap { i, cell -> String? in
                    let ref = CellAddress.name(column: i + 1, row: r)
                    if let n = cell as? Int { return "<c r=\"\(ref)\"><v>\(n)</v></c>" }
                    guard let text = cell as? String, !text.isEmpty else { return nil }
                    return "<c r=\"\(ref)\" s=\"2\" t=\"s\"><v>\(strings.firstIndex(of: text)!)</v></c>"
                }.joined() + "</row>"
        }
        let filled = [
            row(2, [strings[0], strings[1], "2023H2", "Kvinna", "25-29", "ja", "pågående", "", "", 3]),
            row(3, [strings[0], strings[1], "2023H2", "man", "", "", "avslutad", "Arbete med stöd", "", 2]),
            row(4, [strings[0], strings[1], "2023H2", "annat", "", "", "avslutad", "Flyttat från området", "", 1]),
        ]
        var parts = try workbook.allParts()
        for i in parts.indices {
            var text = String(decoding: parts[i].bytes, as: UTF8.self)
            switch parts[i].name {
            case "xl/worksheets/sheet1.xml":
                for r in 2...4 {
                    let start = text.range(of: "<row r=\"\(r)\">")!, end = text.range(of: "</row>", range: start.upperBound..<text.endIndex)!
                    text.replaceSubrange(start.lowerBound..<end.upperBound, with: filled[r - 2])
                }
            case "xl/_rels/workbook.xml.rels":
                text = text.replacingOccurrences(
                    of: "</Relationships>",
                    with:
                        "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
                )
            case "[Content_Types].xml":
                text = text.replacingOccurrences(
                    of: "</Types>",
                    with:
                        "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>"
                )
            default: continue
            }
            parts[i].bytes = Array(text.utf8)
        }
        var zip = ZipWriter()
        for part in parts { zip.add(part.name, part.bytes) }
        zip.add(
            "xl/sharedStrings.xml",
            Array(
                ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
                    + strings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>").utf8))
        let (dataset, problems) = Dataset.load([.bytes(zip.bytes(), name: "ifylld.xlsx")], catalogues: .builtIn, register: Repository.blekinge)
        #expect(problems.isEmpty)
        let file = try #require(dataset.files.first)
        #expect(file.rows == 3 && file.perKon[.kvinna] == 3 && file.perKon[.man] == 2 && file.perKon[.annat] == 1 && file.avslutade == 3)
        #expect(dataset.deltagare.map { dataset.name($0.insats) } == ["kt-karlshamn", "kt-karlshamn", "kt-karlshamn"])
        #expect(dataset.deltagare.map(\.period) == [Period("2023H2")!, Period("2023H2")!, Period("2023H2")!])
    }

    @Test func aWorkbookMistakeIsNamedByItsSheetAndCell() throws {
        var zip = ZipWriter()
        let template = XlsxTemplate.bytes(.deltagare, catalogues: .builtIn)
        var workbook = try XlsxWorkbook(bytes: template)
        for var part in try workbook.allParts() {
            if part.name == "xl/worksheets/sheet1.xml" {
                let text = String(decoding: part.bytes, as: UTF8.self).replacingOccurrences(
                    of: "</sheetData>",
                    with:
                        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>b</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>i</t></is></c>"
                        + "<c r=\"C2\" t=\"inlineStr\"><is><t>2023H1</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>kvinnor</t></is></c>"
                        + "<c r=\"G2\" t=\"inlineStr\"><is><t>klar</t></is></c><c r=\"J2\"><v>2.5</v></c></row></sheetData>")
                part.bytes = Array(text.utf8)
            }
            zip.add(part.name, part.bytes)
        }
        #expect(
            Self.problems(zip.bytes()) == [
                "mall.xlsx:2:7: fel: cell Deltagare!G2: kolumn Status: väntade pågående eller avslutad, fann \"klar\"; välj ett värde i listan (bladet Koder)",
                "mall.xlsx:2:10: fel: cell Deltagare!J2: kolumn Antal: väntade ett antal (heltal 0–1000000), fann \"2,5\"",
            ])
    }

    @Test func brokenZipsAndZipBombsAreRefusedWithTheirReason() throws {
        let template = XlsxTemplate.bytes(.indikatorsvar, catalogues: .builtIn)
        #expect(
            Self.problems(Array(template.prefix(2000))) == [
                "mall.xlsx: fel: väntade en Excel-arbetsbok (.xlsx) eller en CSV-fil, fann en zip-fil som inte går att läsa: zip-filens slutpost saknas (filen är avkortad eller ingen zip-fil); spara filen igen i Excel som \"Excel-arbetsbok (.xlsx)\""
            ])
        // One byte of the stored sheet changed: its CRC-32 no longer matches.
        var damaged = template
        let at = String(decoding: template, as: UTF8.self).utf8.count > 0 ? try #require(Self.index(of: "Förbund", in: template)) : 0
        damaged[at] = UInt8(ascii: "X")
        #expect(
            Self.problems(damaged) == [
                "mall.xlsx: fel: väntade en Excel-arbetsbok (.xlsx) eller en CSV-fil, fann en zip-fil som inte går att läsa: delen xl/worksheets/sheet1.xml stämmer inte med sin kontrollsumma (skadad fil); spara filen igen i Excel som \"Excel-arbetsbok (.xlsx)\""
            ])
        #expect(
            Self.problems(try Self.fixture("zip-bomb.xlsx")) == [
                "mall.xlsx: fel: väntade en Excel-arbetsbok (.xlsx) eller en CSV-fil, fann en zip-fil som inte går att läsa: delen xl/worksheets/sheet1.xml blir större än 64 MiB uppackad (eller alla delar tillsammans större än 256 MiB): en arbetsbok med antal är mycket mindre, så filen tas inte emot; spara filen igen i Excel som \"Excel-arbetsbok (.xlsx)\""
            ])
    }

    @Test func aSheetSpanningMillionsOfEmptyCellsIsRefused() {
        let xml = Array(
            "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"NTP1048576\"><v>1</v></c></row></sheetData></worksheet>"
                .utf8)
        #expect(
            throws: XlsxWorkbook.Failure.invalid(
                "bladet Blad1 sträcker sig till cell NTP1048576, mer än 4000000 celler: ta bort det som står långt ut i bladet")
        ) {
            try XlsxWorkbook.sheetTable(xml, name: "Blad1", strings: [], styles: [])
        }
        let small = try? XlsxWorkbook.sheetTable(
            Array(
                "<worksheet><sheetData><row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><r><t>a&amp;</t></r><r><t>b</t></r></is></c><c r=\"C2\" s=\"1\"><v>45123.5</v></c><c r=\"D2\"><v>2.0</v></c></row></sheetData></worksheet>"
                    .utf8),
            name: "B", strings: [], styles: [.plain, .dateTime])
        #expect(small?.rows == [["", "", "", ""], ["", "a&b", "2023-07-16 12:00:00", "2"]])
    }

    /// Inputs the fuzzer (fuzz/run.sh xlsx) found, read as the fuzz target reads them: whatever they hold,
    /// reading ends with problems, never a crash.
    @Test(arguments: ["fuzz-sheet-1.xml"])
    func fuzzFindingsReadWithoutCrashing(_ name: String) throws {
        let bytes = try Self.fixture(name)
        let table = try XlsxWorkbook.sheetTable(bytes, name: "Blad1", strings: ["forbund", "kvinna", "2023H1"], styles: [.plain, .time, .date])
        var decoder = RecordDecoder(catalogues: .builtIn)
        var sink = DiscardingSink()
        let summary = decoder.decode(CSVReader(table: table, fileName: "f.xlsx"), into: &sink)
        #expect(!summary.isValid)
    }

    @Test func otherSpreadsheetFormatsAreNamed() throws {
        #expect(
            Self.problems(try Self.fixture("libreoffice.ods"), name: "a.ods") == [
                "a.ods: fel: väntade en Excel-arbetsbok (.xlsx) eller en CSV-fil, fann ett OpenDocument-kalkylark (.ods): spara det i LibreOffice som \"Excel 2007-365 (.xlsx)\""
            ])
        #expect(
            Self.problems(try Self.fixture("libreoffice.xls"), name: "a.xls") == [
                "a.xls:1:1: fel: väntade en CSV-fil eller en Excel-arbetsbok (.xlsx), fann en äldre Excel-fil (.xls): spara den i Excel som \"Excel-arbetsbok (.xlsx)\""
            ])
    }

    static func index(of text: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(text.utf8)
        return bytes.indices.first { i in i + needle.count <= bytes.count && Array(bytes[i..<(i + needle.count)]) == needle }
    }

    @Test func annotatedCopiesKeepTheFormatAndAddXFel() throws {
        // Windows-1252, CRLF, semicolons: the copy keeps all three and each row's bytes.
        let original = SourceEncoding.windows1252Bytes(
            of: "forbund;insats;period;kön;status\r\nb;i;2023H1;kvinna;pagaende\r\nb;i;2023H1;kvinan;pagaende\r\n")!
        let (_, found) = Dataset.load([.bytes(original, name: "a.csv")], catalogues: .builtIn)
        let copy = try AnnotatedCopy.bytes(of: original, problems: found, fileName: "a.csv")
        #expect(
            copy == SourceEncoding.windows1252Bytes(
                of: "forbund;insats;period;kön;status;\"x_fel\"\r\nb;i;2023H1;kvinna;pagaende;\r\n"
                    + "b;i;2023H1;kvinan;pagaende;\"D3: kolumn kön: väntade kvinna, man eller annat, fann \"\"kvinan\"\"\"\r\n")!)
        // The copy is valid where the original was: x_fel is ignored.
        #expect(Dataset.load([.bytes(copy, name: "a.csv")], catalogues: .builtIn).1.map(\.message) == found.map(\.message))

        let workbook = try Self.fixture("libreoffice-klockslag.xlsx")
        let (_, problems) = Dataset.load([.bytes(workbook, name: "k.xlsx")], catalogues: .builtIn)
        var annotated = try XlsxWorkbook(bytes: try AnnotatedCopy.bytes(of: workbook, problems: problems, fileName: "k.xlsx"))
        let rows = try annotated.dataSheet().rows
        #expect(rows[0].last == "x_fel" && rows[0].count == 7)
        #expect(
            rows[1].last?.hasPrefix("C2: kolumn period: väntade en period som 2023H1, 2023H2 eller 2023, fann \"2023:01:00\", ett klockslag") == true)
    }

    @Test func theXFelColumnIsWideAndItsMessagesWrap() throws {
        let workbook = try Self.fixture("libreoffice-klockslag.xlsx")
        let (_, problems) = Dataset.load([.bytes(workbook, name: "k.xlsx")], catalogues: .builtIn)
        var copy = try XlsxWorkbook(bytes: try AnnotatedCopy.bytes(of: workbook, problems: problems, fileName: "k.xlsx"))
        let parts = try copy.allParts()
        let sheet = String(decoding: parts.first { $0.name == "xl/worksheets/sheet1.xml" }!.bytes, as: UTF8.self)
        let styles = String(decoding: parts.first { $0.name == "xl/styles.xml" }!.bytes, as: UTF8.self)
        // LibreOffice's two cell formats, then the one that wraps (the x_fel cells, column G, use it), then the
        // light red one of the cells in error.
        #expect(sheet.contains("<col min=\"7\" max=\"7\" width=\"60\" customWidth=\"1\"/></cols>"))
        #expect(styles.contains("<cellXfs count=\"4\">") && styles.contains("<alignment wrapText=\"1\" vertical=\"top\"/></xf><xf "))
        #expect(styles.contains("applyFill=\"1\"/></cellXfs>") && styles.contains(AnnotatedCopy.markFill + "</fills>"))
        #expect(sheet.contains("<c r=\"G2\" s=\"2\" t=\"inlineStr\">"))
        // Each cell in error is marked where the user looks for it.
        let inError = problems.compactMap(\.position).filter { $0.cellRow > 1 && $0.cellColumn > 0 }
        #expect(!inError.isEmpty)
        for position in inError {
            #expect(sheet.contains("<c s=\"3\" r=\"\(CellAddress.column(Int(position.cellColumn)))\(position.cellRow)\""), "\(position)")
        }
        // A range that covers the new column is split around it, so that no two ranges overlap.
        let wide = String(
            decoding: AnnotatedCopy.widening(Array(#"<cols><col min="1" max="1024" width="9" style="0"/></cols><sheetData/>"#.utf8), column: 7),
            as: UTF8.self)
        #expect(
            wide == #"<cols><col min="1" max="6" width="9" style="0"/><col min="7" max="7" width="60" customWidth="1"/>"#
                + #"<col min="8" max="1024" width="9" style="0"/></cols><sheetData/>"#)
    }

    /// Issue #25 item 14: only the data sheet (and the styles, for the wrapping x_fel column) is unpacked and
    /// changed; every other part is copied packed,
    /// byte for byte, so the copy is about as large as the original, not its unpacked size.
    @Test func anAnnotatedWorkbookKeepsItsOtherPartsPacked() throws {
        let workbook = try Self.fixture("libreoffice-klockslag.xlsx")
        let (_, problems) = Dataset.load([.bytes(workbook, name: "k.xlsx")], catalogues: .builtIn)
        let copy = try AnnotatedCopy.bytes(of: workbook, problems: problems, fileName: "k.xlsx")
        let before = try ZipArchive(workbook), after = try ZipArchive(copy)
        #expect(after.entries.map(\.name) == before.entries.map(\.name))
        var unchanged = 0
        for entry in before.entries where !["xl/worksheets/sheet1.xml", "xl/styles.xml"].contains(entry.name) {
            let old = try #require(try before.packed(entry.name)), new = try #require(try after.packed(entry.name))
            #expect(new.method == old.method && new.data.elementsEqual(old.data) && new.crc == old.crc)
            unchanged += 1
        }
        #expect(unchanged == before.entries.count - 2)
        var unpacked = 0
        for entry in before.entries { unpacked += entry.size }
        // The sheet and the styles (with the wrapping and the marking format) are written anew, stored.
        #expect(copy.count < workbook.count + unpacked / 2 + before.entries.first { $0.name == "xl/styles.xml" }!.size)
        var reread = try XlsxWorkbook(bytes: copy)
        #expect(try reread.allParts().count == before.entries.count)
    }
}

/// What spreadsheets write, tolerated; what they get wrong, explained with the user's own words.
@Suite struct SpreadsheetHabitTests {
    static let header = "forbund;insats;period;kon;status;antal\n"

    @Test func integralDecimalsAreWholeNumbers() {
        let (dataset, found) = load(Self.header + "b;i;2023H1;kvinna;pagaende;2,0\nb;i;2023H1;man;pagaende;3,00\nb;i;2023H1;man;pagaende;3.0\n")
        #expect(found.isEmpty)
        #expect(dataset.deltagare.map(\.antal) == [2, 3, 3])
        #expect(
            problems(Self.header + "b;i;2023H1;kvinna;pagaende;2,5\nb;i;2023H1;kvinna;pagaende;,0\n") == [
                "2:28 kolumn antal: väntade ett antal (heltal 0–1000000), fann \"2,5\"",
                "3:28 kolumn antal: väntade ett antal (heltal 0–1000000), fann \",0\"",
            ])
        let answers = "forbund;insats;period;enkat;behov\nb;i;2023H1;deltagare-avslut;3,0\n"
        #expect(load(answers).0.answers == [3, -1, -1, -1, -1, -1, -1, -1, -1] + [Int8](repeating: -1, count: 6))
    }

    @Test func separatorOnlyRowsAreBlankAndTrailingOnesIgnored() {
        #expect(problems(Self.header + "b;i;2023H1;kvinna;pagaende;1\n;;;;;\n;;;;;\n").isEmpty)
        #expect(problems(Self.header + ";;;;;\nb;i;2023H1;kvinna;pagaende;1\n") == ["2:1 väntade en rad med värden, fann en tom rad (ta bort den)"])
        // Förbund, insats and period alone (a template's prefilled rows) are blank too, but not inside the data.
        #expect(problems(Self.header + "b;i;2023H1;kvinna;pagaende;1\nb;i;2023H1;;;\n").isEmpty)
        #expect(
            problems(Self.header + "b;i;2023H1;;;\nb;i;2023H1;kvinna;pagaende;1\n") == [
                "2:1 väntade en rad med värden, fann bara förbund, insats och period (fyll i resten av raden eller ta bort den)"
            ])
    }

    @Test func emptyHeaderlessTrailingColumnsAreIgnored() {
        #expect(problems("forbund;insats;period;kon;status;antal;;\nb;i;2023H1;kvinna;pagaende;1;;\nb;i;2023H1;kvinna;pagaende;1;;;;\n").isEmpty)
        #expect(
            problems("forbund;insats;period;kon;status;antal;;\nb;i;2023H1;kvinna;pagaende;1;;Lisa har slutat\n") == [
                "2:31 väntade en tom cell i en kolumn utan rubrik, fann \"Lisa har slutat\": ge kolumnen en rubrik som börjar med x_ (för egna anteckningar) eller töm cellen"
            ])
    }

    @Test func aHeaderBelowRowOneIsToldToMoveUp() {
        #expect(
            problems("Deltagare hösten 2023\n" + Self.header + "b;i;2023H1;kvinna;pagaende;1\n") == [
                "1:1 rubrikraden måste vara rad 1: ta bort raden ovanför (rad 1 har \"Deltagare hösten 2023\"; rubrikraden med \"forbund\", \"insats\", \"period\" … är rad 2)"
            ])
        // Without a header further down the words are echoed as written, not slugified.
        #expect(
            problems("Deltagare hösten 2023;Kön\nb;i\n") == [
                "1:1 väntade en rubrikrad för deltagare (med kolumnen status), indikatorsvar (med kolumnen enkat), aktiviteter (med kolumnen aktivitet) eller uppfoljning (med kolumnen manader), "
                    + "fann \"Deltagare hösten 2023\" eller \"Kön\""
            ])
    }

    @Test func aSumRowGetsItsOwnMessage() {
        #expect(
            problems(Self.header + "b;i;2023H1;kvinna;pagaende;1\nSumma;;;;;1\nTotalt:;;;;;1\n") == [
                "3:1 väntade en rad per grupp av deltagare eller ett formulär, fann en summarad (\"Summa\"): finsam lägger själv ihop raderna, så summan skulle räknas två gånger — ta bort raden",
                "4:1 väntade en rad per grupp av deltagare eller ett formulär, fann en summarad (\"Totalt:\"): finsam lägger själv ihop raderna, så summan skulle räknas två gånger — ta bort raden",
            ])
    }

    @Test func aPeriodMadeATimeOfDayIsExplained() {
        #expect(
            problems(Self.header + "b;i;2023:02:00;kvinna;pagaende;1\nb;i;2023:30;kvinna;pagaende;1\n") == [
                "2:5 kolumn period: väntade en period som 2023H1, 2023H2 eller 2023, fann \"2023:02:00\", ett klockslag (2023 timmar och 2 minuter): kalkylprogrammet har läst perioden som en tid; skriv 2023H2, som kalkylprogram lämnar som text",
                "3:5 kolumn period: väntade en period som 2023H1, 2023H2 eller 2023, fann \"2023:30\", ett klockslag (2023 timmar och 30 minuter): kalkylprogrammet har läst perioden som en tid; skriv 2023H1 eller 2023H2, som kalkylprogram lämnar som text",
            ])
    }

    @Test func tabSeparatedFilesAndMojibakeAreRecognised() {
        #expect(
            problems("forbund\tinsats\tperiod\tkon\tstatus\nb\ti\t2023H1\tkvinna\tpagaende\n") == [
                "1:1 väntade semikolon eller komma mellan kolumnerna, fann tabbtecken (\"forbund\", \"insats\", \"period\" …): filen är tabbavgränsad, som \"Text (tabbavgränsad)\" eller text som klistrats in; spara den som \"CSV UTF-8\" eller \"CSV (semikolonavgränsad)\""
            ])
        #expect(
            problems(Self.header + "GÃ¤vleborg;i;2023H1;kvinna;pagaende;1\n") == [
                "2:2 väntade text med å, ä och ö, fann \"GÃ¤vleborg\": å, ä och ö har blivit Ã¥, Ã¤ och Ã¶ — filen har lästs som Windows-1252 fast den var UTF-8 och sparats igen; öppna originalfilen (eller rätta tecknen) och spara den som \"CSV UTF-8\""
            ])
        #expect(
            problems("ï»¿" + Self.header) == [
                "1:1 väntade text med å, ä och ö, fann \"ï»¿forbund\": ï»¿ är filens UTF-8-markering (BOM) — filen har lästs som Windows-1252 fast den var UTF-8 och sparats igen; öppna originalfilen (eller rätta tecknen) och spara den som \"CSV UTF-8\""
            ])
    }

    @Test func aCellIsNamedAsASpreadsheetShowsItAlsoAfterALineBreakInAQuotedCell() {
        let (_, found) = load("x_not;forbund;insats;period;kon;status\n\"två\nrader\";b;i;2023H1;kvinnor x;pagaende\n")
        #expect(found.map(\.description) == ["test.csv:3:19: fel: cell E2: kolumn kon: väntade kvinna, man eller annat, fann \"kvinnor x\""])
    }

    /// Issue #25 item 11: a TAB or a line break inside a name passed validate and submit, then broke `status`.
    @Test func aNameWithATabOrALineBreakIsRefusedAtItsCell() {
        let (dataset, found) = load(
            "forbund;insats;period;kon;status\nb;\"kt\tronneby\";2023H1;kvinna;pagaende\nb\u{7};i;2023H1;man;pagaende\nb;\"två\nrader\";2023H1;man;pagaende\n"
        )
        #expect(
            found.map(\.description) == [
                "test.csv:2:3: fel: cell B2: kolumn insats: väntade ett namn utan styrtecken, fann ett tabbtecken som tecken 3; skriv namnet på en rad utan det",
                "test.csv:3:1: fel: cell A3: kolumn forbund: väntade ett namn utan styrtecken, fann styrtecknet U+0007 som tecken 2; skriv namnet på en rad utan det",
                "test.csv:4:3: fel: cell B4: kolumn insats: väntade ett namn utan styrtecken, fann en radbrytning som tecken 4; skriv namnet på en rad utan det",
            ])
        #expect(dataset.deltagare.isEmpty)
    }

    @Test func bothDecodingPathsAgreeOnSpreadsheetHabits() {
        let text =
            "x_not;forbund;insats;period;kon;status;antal;;\n"
            + [
                "a;b;i;2023H1;kvinna;pagaende;2,0;;", "Summa;b;i;2023H1;kvinna;pagaende;1;;", ";;;;;;;;", "a;b;i;2023H1;man;pagaende;1;;x",
                "a;b;i;2023:01:00;man;pagaende;1;;", "a;b;i;2023H1;man;pagaende;1;;", "a;b;i;2023H1;;;;;",
            ].map { $0 + "\n" }.joined()
        var results: [[String]] = []
        for known in [true, false] {
            var decoder = RecordDecoder(catalogues: .builtIn)
            decoder.usesKnownCells = known
            var sink = DiscardingSink()
            let summary = decoder.decode(CSVReader(bytes: Array(text.utf8), fileName: "t.csv"), into: &sink)
            results.append(summary.problems.map(\.description) + ["rows \(summary.rows) invalid \(summary.invalidRows)"])
        }
        #expect(results[0] == results[1])
        #expect(results[0].last == "rows 2 invalid 4")
    }

    @Test func equalMistakesAreCollapsedWithTheirRows() {
        let rows = (0..<7).map { _ in "b;i;2023H1;kvinnor x;pagaende;1\n" }.joined() + "b;i;2023H1;kvinna;klar;1\n"
        let (_, found) = load(Self.header + rows)
        #expect(
            ProblemGroups.collapse(found).map(\.description) == [
                "test.csv:2:12: fel: cell D2: kolumn kon: väntade kvinna, man eller annat, fann \"kvinnor x\" (samma fel på 7 rader: 2–8)",
                "test.csv:9:19: fel: cell E9: kolumn status: väntade pågående eller avslutad, fann \"klar\"",
            ])
        #expect(ProblemGroups.ranges([2, 3, 4, 7, 9, 10]) == "2–4, 7, 9–10")
    }
}

/// Issue #25 items 17, 20 and 27: what a workbook's structure says about its figures.
@Suite struct WorkbookStructureTests {
    /// The deltagare template with `rows` (XML) as its data and `workbookXML` edits applied.
    static func workbook(rows: String, sheet3: String? = nil, hideData: Bool = false) throws -> [UInt8] {
        var workbook = try XlsxWorkbook(bytes: XlsxTemplate.bytes(.deltagare, catalogues: .builtIn))
        var zip = ZipWriter()
        for var part in try workbook.allParts() {
            var text = String(decoding: part.bytes, as: UTF8.self)
            if part.name == "xl/worksheets/sheet1.xml" { text = text.replacingOccurrences(of: "</sheetData>", with: rows + "</sheetData>") }
            if part.name == "xl/worksheets/sheet3.xml", let sheet3 { text = sheet3 }
            if part.name == "xl/workbook.xml", hideData {
                text = text.replacingOccurrences(of: "<sheet name=\"Deltagare\"", with: "<sheet state=\"hidden\" name=\"Deltagare\"")
            }
            part.bytes = Array(text.utf8)
            zip.add(part.name, part.bytes)
        }
        return zip.bytes()
    }

    static func row(_ r: Int, _ cells: [String], antal: String) -> String {
        "<row r=\"\(r)\">"
            + cells.enumerated().map {
                "<c r=\"\(CellAddress.name(column: $0.offset + 1, row: r))\" t=\"inlineStr\"><is><t>\($0.element)</t></is></c>"
            }
            .joined() + antal + "</row>"
    }

    static func problems(_ bytes: [UInt8]) -> [String] {
        Dataset.load([.bytes(bytes, name: "m.xlsx")], catalogues: .builtIn).1.map(\.description)
    }

    /// Item 17: openpyxl writes `<f>` with an empty `<v/>`; read as empty, antal would count as 1.
    @Test func aFormulaWithoutASavedValueIsAnErrorAtItsCell() throws {
        let cells = ["b", "i", "2023H1", "kvinna", "", "", "pagaende"]
        let bytes = try Self.workbook(
            rows: Self.row(2, cells, antal: "<c r=\"J2\"><f>SUM(K2:K20)</f><v></v></c>") + Self.row(3, cells, antal: "<c r=\"J3\"><f>1+1</f></c>")
                + Self.row(4, cells, antal: "<c r=\"J4\"><f>1+1</f><v>2</v></c>"))
        #expect(
            Self.problems(bytes) == [
                "m.xlsx:2:10: fel: cell Deltagare!J2: väntade ett sparat värde i formelcellen, fann en formel utan värde (och 1 formelceller till): "
                    + "filen har sparats av ett program som inte räknar ut formler (som openpyxl); öppna den i Excel eller LibreOffice och spara den igen"
            ])
        let saved = try Self.workbook(rows: Self.row(2, cells, antal: "<c r=\"J2\"><f>1+1</f><v>2</v></c>"))
        let (dataset, none) = Dataset.load([.bytes(saved, name: "m.xlsx")], catalogues: .builtIn)
        #expect(none.isEmpty)
        #expect(dataset.deltagare.map(\.antal) == [2])
    }

    /// Item 20: a hidden sheet is never the data, however much it looks like it; the receipt names the one read.
    @Test func aHiddenSheetIsNeverTheData() throws {
        let header = ["Förbund", "Insats", "Period", "Kön", "Åldersgrupp", "Ny", "Status"]
        let other =
            "<worksheet><sheetData>" + Self.row(1, header, antal: "") + Self.row(2, ["b", "i", "2023H1", "man", "", "", "pagaende"], antal: "")
            + "</sheetData></worksheet>"
        let data = Self.row(2, ["b", "i", "2023H1", "kvinna", "", "", "pagaende"], antal: "<c r=\"J2\"><v>3</v></c>")
        let (visible, none) = Dataset.load([.bytes(try Self.workbook(rows: data, sheet3: other), name: "m.xlsx")], catalogues: .builtIn)
        #expect(none.isEmpty)
        #expect(visible.files.first?.sheet == "Deltagare")
        #expect(visible.deltagare.map(\.antal) == [3])
        let (hidden, problems) = Dataset.load(
            [.bytes(try Self.workbook(rows: data, sheet3: other, hideData: true), name: "m.xlsx")], catalogues: .builtIn)
        #expect(problems.isEmpty)
        #expect(hidden.files.first?.sheet == "Koder")
        #expect(hidden.deltagare.map(\.antal) == [1])
    }

    /// Trial 2026-12-06, item 15: a template workbook has its codes as drop-down lists on the sheet Koder, so a
    /// wrong code there says to pick from the list (a CSV file, which has none, does not); felregistrering is
    /// offered apart, with what it is for; a personnummer names its column.
    @Test func aWrongCodeInATemplateSaysToPickFromTheListAndPersonalDataNamesItsColumn() throws {
        let wrong = Self.row(2, ["b", "i", "2023H2", "kvinna", "", "", "avslutad", "Jobb"], antal: "")
        let personal = Self.row(3, ["19121212-1212", "i", "2023H2", "man", "", "", "pagaende"], antal: "")
        let problems = Self.problems(try Self.workbook(rows: wrong + personal))
        #expect(problems.count == 2, "\(problems)")
        let orsak = try #require(problems.first)
        #expect(orsak.hasPrefix("m.xlsx:2:8: fel: cell Deltagare!H2: kolumn Avslutsorsak: väntade \"Arbete\", "), "\(orsak)")
        #expect(
            orsak.hasSuffix(
                "\"Avliden\" eller \"Annat / okänt\" (eller \"Felregistrering\" för att stryka en deltagare som registrerats av misstag), "
                    + "fann \"Jobb\"; välj ett värde i listan (bladet Koder)"), "\(orsak)")
        #expect(
            problems.last?.hasPrefix(
                "m.xlsx:3:1: fel: cell Deltagare!A3: kolumn Förbund: väntade inga personuppgifter, fann något som ser ut som ett personnummer")
                == true, "\(problems)")
        let csv =
            "forbund;insats;period;kon;status;avslutsorsak;x_notering\nb;i;2023H2;kvinna;avslutad;Jobb;\nb;i;2023H2;man;pagaende;;19121212-1212\n"
        let fromCSV = Dataset.load([.bytes(Array(csv.utf8), name: "d.csv")], catalogues: .builtIn).1.map(\.description)
        #expect(fromCSV.first?.hasSuffix("fann \"Jobb\"") == true, "\(fromCSV)")
        #expect(fromCSV.last?.contains("cell G3: kolumn x_notering: väntade inga personuppgifter") == true, "\(fromCSV)")
    }

    /// Item 27: an encrypted workbook is a compound file like an `.xls`, but says so.
    @Test func aPasswordProtectedWorkbookIsCalledEncryptedNotOld() throws {
        var bytes = EncryptedWorkbook.compoundFileMagic + [UInt8](repeating: 0, count: 1024 - 8)
        bytes[30] = 9  // 512-byte sectors; directory at sector 0, byte 512
        for (i, name) in ["EncryptionInfo", "EncryptedPackage"].enumerated() {
            for (j, b) in name.utf8.enumerated() { bytes[512 + i * 128 + 2 * j] = b }
        }
        let expected = "l.xlsx: fel: " + EncryptedWorkbook.message
        #expect(Self.problems(bytes).map { $0.replacingOccurrences(of: "m.xlsx", with: "l.xlsx") } == [expected])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-enc-\(TemporaryFolder.unique())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("l.xlsx").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var decoder = RecordDecoder(catalogues: .builtIn)
        #expect(decoder.check([path]).flatMap(\.problems).map(\.description) == [folder.path + "/" + expected])
        #expect(EncryptedWorkbook.message.contains("lösenordsskyddad"))
    }
}
