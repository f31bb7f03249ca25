import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// Issue #25 item 6: a workbook is kept byte for byte, so personal data anywhere in it — not only in the data
/// sheet's cells — refuses it, named by where it is and never repeated.
@Suite struct WorkbookPersonalDataTests {
    /// The deltagare template, one valid row filled in, with `change` applied to its parts and `extra` added.
    static func workbook(change: [String: (String) -> String] = [:], extra: [String: String] = [:]) throws -> [UInt8] {
        var workbook = try XlsxWorkbook(bytes: XlsxTemplate.bytes(.deltagare, catalogues: .builtIn))
        var zip = ZipWriter()
        for part in try workbook.allParts() {
            var text = String(decoding: part.bytes, as: UTF8.self)
            if part.name == "xl/worksheets/sheet1.xml" {
                text = text.replacingOccurrences(
                    of: "</sheetData>",
                    with:
                        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>blekinge</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>kt-karlshamn</t></is></c>"
                        + "<c r=\"C2\" t=\"inlineStr\"><is><t>2023H1</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>kvinna</t></is></c>"
                        + "<c r=\"G2\" t=\"inlineStr\"><is><t>pagaende</t></is></c></row></sheetData>")
            }
            if let change = change[part.name] { text = change(text) }
            zip.add(part.name, Array(text.utf8))
        }
        for (name, text) in extra.sorted(by: { $0.key < $1.key }) { zip.add(name, Array(text.utf8)) }
        return zip.bytes()
    }

    static let sheetRelationships = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/>\
        </Relationships>
        """

    static func refusal(_ places: String) -> [String] {
        [
            "mall.xlsx: fel: väntade inga personuppgifter någonstans i arbetsboken, fann något som ser ut som \(places); "
                + "finsam sparar hela arbetsboken — ta bort uppgifterna (Excel: Arkiv > Information > Sök efter problem > "
                + "Inspektera dokument tar bort kommentarer, dokumentegenskaper och dolda blad) och spara filen igen"
        ]
    }

    static func problems(_ bytes: [UInt8]) -> [String] {
        Dataset.load([.bytes(bytes, name: "mall.xlsx")], catalogues: .builtIn, register: Repository.blekinge).1.map(\.description)
    }

    @Test func theUntouchedWorkbookIsAccepted() throws {
        let found = Self.problems(try Self.workbook())
        #expect(found == [], "\(found)")
    }

    /// One workbook per place, each refused with the place in words and without the value.
    @Test(arguments: [
        (
            "xl/comments1.xml",
            "<comments><authors><author>Lisa</author></authors><commentList><comment ref=\"D5\" authorId=\"0\"><text><r><t>ring 811218-</t></r><r><t>9876</t></r></text></comment></commentList></comments>",
            "ett personnummer i kommentaren i cell Deltagare!D5"
        ),
        (
            "xl/comments1.xml",
            "<comments><authors><author>anna@karlskrona.se</author></authors><commentList><comment ref=\"D5\" authorId=\"0\"><text><t>ok</t></text></comment></commentList></comments>",
            "en e-postadress i en kommentars författare"
        ),
        (
            "xl/threadedComments/threadedComment1.xml",
            "<ThreadedComments><threadedComment ref=\"B3\" id=\"{1}\"><text>Gäller 811218-9876</text></threadedComment></ThreadedComments>",
            "ett personnummer i kommentaren i cell Deltagare!B3"
        ),
        (
            "xl/persons/person.xml", "<personList><person displayName=\"anna@karlskrona.se\" id=\"{2}\"/></personList>",
            "en e-postadress i kommentarernas författare (xl/persons/person.xml)"
        ),
        (
            "docProps/core.xml",
            "<cp:coreProperties xmlns:cp=\"x\" xmlns:dc=\"y\"><dc:creator>811218-9876</dc:creator></cp:coreProperties>",
            "ett personnummer i dokumentegenskaperna (docProps/core.xml)"
        ),
        (
            "docProps/custom.xml", "<Properties><property name=\"Handläggare\"><vt:lpwstr>anna@karlskrona.se</vt:lpwstr></property></Properties>",
            "en e-postadress i dokumentegenskaperna (docProps/custom.xml)"
        ),
        ("customXml/item1.xml", "<data><person>811218-9876</person></data>", "ett personnummer i customXml-delen customXml/item1.xml"),
        (
            "xl/sharedStrings.xml", "<sst><si><t>811218-9876</t></si></sst>",
            "ett personnummer i en delad text som ingen cell visar (nr 1 i xl/sharedStrings.xml)"
        ),
        ("xl/drawings/drawing1.xml", "<xdr:wsDr><a:t>anna@karlskrona.se</a:t></xdr:wsDr>", "en e-postadress i delen xl/drawings/drawing1.xml"),
    ])
    func personalDataInAnExtraPartRefusesTheWorkbook(part: String, xml: String, expected: String) throws {
        var extra = [part: xml, "xl/worksheets/_rels/sheet1.xml.rels": Self.sheetRelationships]
        var change: [String: (String) -> String] = [:]
        if part == "xl/sharedStrings.xml" {
            change["xl/_rels/workbook.xml.rels"] = {
                $0.replacingOccurrences(
                    of: "</Relationships>",
                    with:
                        "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
                )
            }
            extra.removeValue(forKey: "xl/worksheets/_rels/sheet1.xml.rels")
        }
        let found = Self.problems(try Self.workbook(change: change, extra: extra))
        #expect(found == Self.refusal(expected))
        for line in found { #expect(!line.contains("9876") && !line.contains("anna@")) }
    }

    /// Places inside parts every workbook has: other sheets, formulas, headers, links, names, sheet names.
    @Test(arguments: [
        (
            "xl/worksheets/sheet3.xml", "</sheetData>",
            "<row r=\"40\"><c r=\"A40\" t=\"inlineStr\"><is><t>811218-9876</t></is></c></row></sheetData>",
            "ett personnummer i cell Koder!A40"
        ),
        (
            "xl/worksheets/sheet3.xml", "</sheetData>", "<row r=\"40\"><c r=\"B40\"><f>LEN(\"811218-9876\")</f><v>11</v></c></row></sheetData>",
            "ett personnummer i formeln i cell Koder!B40"
        ),
        (
            "xl/worksheets/sheet1.xml", "</worksheet>", "<headerFooter><oddHeader>&amp;L811218-9876</oddHeader></headerFooter></worksheet>",
            "ett personnummer i sidhuvudet eller sidfoten i bladet Deltagare"
        ),
        (
            "xl/worksheets/sheet1.xml", "</worksheet>",
            "<hyperlinks><hyperlink ref=\"A1\" tooltip=\"Fråga anna@karlskrona.se\"/></hyperlinks></worksheet>",
            "en e-postadress i länken i cell Deltagare!A1"
        ),
        (
            "xl/workbook.xml", "</workbook>",
            "<definedNames><definedName name=\"kontakt\">\"anna@karlskrona.se\"</definedName></definedNames></workbook>",
            "en e-postadress i ett definierat namn (Formler > Namnhanteraren)"
        ),
        ("xl/workbook.xml", "name=\"Instruktioner\"", "name=\"Lisa 811218-9876\"", "ett personnummer i bladnamnet (blad 2)"),
    ])
    func personalDataInAnyPartOfAWorkbookRefusesIt(part: String, replacing: String, with: String, expected: String) throws {
        let bytes = try Self.workbook(change: [part: { $0.replacingOccurrences(of: replacing, with: with) }])
        let found = Self.problems(bytes)
        #expect(found == Self.refusal(expected))
        for line in found { #expect(!line.contains("9876") && !line.contains("anna@")) }
    }

    /// A data sheet whose name holds a personnummer: refused for it, and no message prints the name.
    @Test func aSheetNameWithAPersonnummerIsNeverPrinted() throws {
        let bytes = try Self.workbook(change: [
            "xl/workbook.xml": { $0.replacingOccurrences(of: "name=\"Deltagare\"", with: "name=\"Lisa 811218-9876\"") },
            "xl/worksheets/sheet1.xml": { $0.replacingOccurrences(of: "<is><t>kvinna</t></is>", with: "<is><t>kvinnor</t></is>") },
        ])
        var workbook = try XlsxWorkbook(bytes: bytes)
        #expect(workbook.sheets.first?.name == "Lisa [personuppgift \"81…\", 11 tecken]")
        let found = Self.problems(bytes)
        #expect(found == Self.refusal("ett personnummer i bladnamnet (blad 1)"))
        let table = try workbook.dataSheet()
        #expect(table.name == "Lisa [personuppgift \"81…\", 11 tecken]")
    }
}
