import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// Hostile and broken input: each gets a clear error at its place, reading stops where it must, nothing crashes.
@Suite struct LimitsTests {
    @Test func refusesMoreCellsThanAnyFileNeeds() {
        let (_, _, reader) = records(Array(String(repeating: ";", count: 2_000_000).utf8) + Array("\n".utf8))
        #expect(reader.problems.map(\.description) == ["t.csv:1:10001: fel: cell NTQ1: väntade högst 10000 celler på en rad, fann fler"])
        #expect(reader.stoppedEarly)
    }

    @Test func namesAnExcelWorkbookAndOtherBinaryFiles() {
        let xlsx: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]
        #expect(
            records(xlsx).reader.problems.map(\.description) == [
                "t.csv:1:1: fel: väntade en CSV-fil, fann en zip-fil (en Excel-arbetsbok .xlsx?): spara som \"CSV UTF-8\" eller \"CSV (semikolonavgränsad)\""
            ])
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
        let problems = records(png).reader.problems.map(\.description)
        #expect(problems == ["t.csv:3:1: fel: väntade text, fann en NUL-byte (är det verkligen en CSV-fil?)"])
    }

    @Test func namesATruncatedUTF8SequenceAtTheEnd() {
        let (_, _, reader) = records(Array("a;b\nö;x".utf8) + [0xC3])
        #expect(
            reader.problems.map(\.description) == [
                "t.csv:2:4: fel: väntade UTF-8 som i resten av filen, fann byte 0xC3 (blandar filen UTF-8 och Windows-1252?)"
            ])
    }

    @Test func survivesAFileThatShrinksOrGrowsWhileItIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-changing-\(TemporaryFolder.unique()).csv")
        let line = "blekinge;kt-ronneby;2023H1;man;pagaende\n"
        try Data(("forbund;insats;period;kon;status\n" + String(repeating: line, count: 1000)).utf8).write(to: url)
        let reader = try CSVReader(path: url.path, chunkBytes: 256)
        var rows = 0
        while reader.next() {
            rows += 1
            if rows == 10 { try FileHandle(forWritingTo: url).truncate(atOffset: 500) }
        }
        #expect(rows < 1001)
        // What was read is whole records (a cut one is reported, not half-counted).
        for problem in reader.problems { #expect(problem.position != nil) }

        try Data(("forbund;insats;period;kon;status\n" + line).utf8).write(to: url)
        let growing = try CSVReader(path: url.path, chunkBytes: 64)
        var grown = 0
        while growing.next() {
            grown += 1
            if grown == 1 {
                let handle = try FileHandle(forWritingTo: url)
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(String(repeating: line, count: 50).utf8))
                try handle.close()
            }
        }
        #expect(grown >= 2 && grown <= 52)
        #expect(growing.problems.isEmpty)
    }

    @Test func anEnormousLineStopsReadingWithItsPlace() {
        let bytes = Array("forbund;insats\n\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 3000)
        let reader = CSVReader(bytes: bytes, fileName: "t.csv", chunkBytes: 256, maximumRecordBytes: 1024)
        var rows = 0
        while reader.next() { rows += 1 }
        #expect(rows == 1)
        #expect(
            reader.problems.map(\.description) == [
                "t.csv:2:1: fel: väntade en rad på högst 0 MiB, fann en längre (saknas ett avslutande citattecken?)"
            ])
    }

    /// An index whose last number is near `Int.max` (a hand edit, a damaged disk) is a damaged index: the next
    /// submit refuses it and changes nothing, instead of trapping on `sequence + 1`.
    @Test(arguments: [Int.max, Int.max - 1, 1 << 62, 0, -3])
    func anIndexSequenceOutOfRangeIsADamagedIndex(sequence: Int) throws {
        let t = try TemporaryStore()
        _ = try t.submit(StoreTests.ronnebyH1, name: "a.csv")
        let path = t.store.root + "/index.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: #""sequence" : 1"#, with: "\"sequence\" : \(sequence)")
        #expect(edited != text)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
        let before = t.snapshot()
        #expect {
            try t.submit(StoreTests.ronnebyH1Corrected, name: "b.csv")
        } throws: { error in
            guard case .damaged(let message)? = error as? Store.Failure else { return false }
            return message
                == "\(path): submissions[0].sequence: väntade ett inlämningsnummer 1–1000000000, fann \(sequence) — arkivets index är skadat; kör finsam verify"
        }
        #expect(t.snapshot() == before)
        #expect(try StoreVerifier(store: t.store).findings().first?.message.contains("fann \(sequence)") == true)
    }

    /// Shares and their comparison with a target in double width: counts summed from any input cannot trap.
    @Test func sharesOfHugeCountsNeitherTrapNorLie() {
        let huge = Share(Int.max / 2, of: Int.max / 2 + 7)
        #expect(huge.percent == 100)
        #expect(huge.meets(0.8))
        #expect(!Share(Int.max / 4, of: Int.max / 2).meets(0.5001))
        #expect(Share(Int.max / 4, of: 2 * (Int.max / 4)).meets(0.5))
        #expect(!Share(Int.max / 4, of: Int.max / 2).meets(0.5))
        #expect(Share(1, of: 8).percent == 13)
        #expect(roundedRatio(Int.max, times: 100, over: 1) == nil)
        #expect(roundedRatio(Int.max, times: 1, over: 2) == 1 << 62)
    }

    /// Issue #25 item 10: count targets past what `Int` holds in basis points, `1e400` and `{"max": 1e19}`
    /// trapped when the goal was evaluated; they are refused where they stand.
    @Test(arguments: [
        ("930000000000000", "mal.json:1:62: fel: goals[0].target: väntade ett heltal 0–1 000 000 000 000 för ett antal, fann 930000000000000"),
        ("1e400", "mal.json:1:62: fel: goals[0].target: väntade ett tal mellan −1e308 och 1e308, fann 1e400"),
        (#"{"max": 1e19}"#, "mal.json:1:62: fel: goals[0].target: väntade ett heltal 0–1 000 000 000 000 för ett antal, fann 1e+19"),
    ])
    func aHugeCountTargetIsRefusedAtItsPlaceNotATrap(target: String, expected: String) {
        let json =
            #"{"version": 2, "goals": [{"id": "a", "title": "A", "target": "# + target
            + #", "measure": {"type": "count", "of": "avslutade"}}]}"#
        var found: [String] = []
        do { _ = try GoalFile.decode(Data(json.utf8), name: "mal.json", catalogues: .builtIn) } catch { found = error.problems.map(\.description) }
        #expect(found == [expected])
    }

    @Test func aTargetPastTheLimitsStillNeverTraps() {
        #expect(GoalTarget.atLeast(1e300).isMet(numerator: 5, denominator: 1) == false)
        #expect(GoalTarget.atMost(1e19).isMet(numerator: Int.max, denominator: Int.max) == true)
        #expect(GoalTarget.atLeast(1e300).text(for: .count) == "minst " + SwedishFormat.integer(1_000_000_000_000_000))
    }
}

/// Issue #25 item 16: JSON with very many keys is read in linear time, and its problems are listed up to
/// a thousand, then counted.
@Suite struct JSONLimitsTests {
    @Test func sixtyThousandUnknownKeysAreListedUpToAThousandThenCounted() {
        let keys = (0..<60_000).map { "\"k\($0)\": 1" }.joined(separator: ", ")
        let json = Array((#"{"version": 2, "goals": [], "# + keys + "}").utf8)
        var found: [Problem] = []
        do { _ = try JSONFile.document(GoalFile.self, from: Data(json), name: "mal.json") } catch { found = error.problems }
        #expect(found.count == 1_001)
        #expect(found.map(\.description).contains("mal.json: fel: och 59000 problem till i samma fil"))
        #expect(found.contains { $0.message.hasPrefix("okänt fält \"k0\"") })
    }

    @Test func aRepeatedKeyAmongSixtyThousandIsFound() {
        let keys = (0..<60_000).map { "\"k\($0)\": 1" }.joined(separator: ", ")
        let json = Array(("{" + keys + ", \"k59999\": 2}").utf8)
        #expect(throws: Problem.self) { try JSONValue.parse(json, file: "x.json") }
        do { _ = try JSONValue.parse(json, file: "x.json") } catch { #expect(error.message == "fältet \"k59999\" finns redan i objektet") }
    }

    @Test func aBudgetOfSixtyThousandYearsDecodesInLinearTime() throws {
        let years = (0..<60_000).map { "\"y\($0)\": 1" }.joined(separator: ", ")
        let json =
            #"{"version": 2, "id": "b", "namn": "B", "insatser": [{"id": "a", "namn": "A", "typ": "individ", "forstaHalvar": "2023H1", "budget": {"#
            + years + "}}]}"
        let register = try JSONFile.decode(Register.self, from: Data(json.utf8), name: "forbund.json")
        #expect(register.insatser[0].budget?.count == 60_000)
    }
}

/// Issue #25 items 13 and 15: a workbook is refused by its size before it is read, and by what its parts
/// declare before they fill memory.
@Suite struct WorkbookLimitsTests {
    @Test func aHugeFileStartingLikeAZipIsRefusedByItsSizeBeforeItIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-huge-\(TemporaryFolder.unique()).xlsx")
        try Data([0x50, 0x4B, 0x03, 0x04]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 1 << 30)  // sparse: a gigabyte on paper, nothing on disk
        try handle.close()
        var decoder = RecordDecoder(catalogues: .builtIn)
        #expect(
            decoder.check([url.path]).flatMap(\.problems).map(\.description) == [
                url.path + ": fel: väntade en Excel-arbetsbok på högst 256 MiB, fann 1024 MiB: dela upp filen"
            ])
    }

    /// The template with `edit` applied to the part named `part` (added when the template has none).
    static func template(_ part: String, _ edit: (String) -> String, sharedStrings: Bool = false) throws -> [UInt8] {
        var workbook = try XlsxWorkbook(bytes: XlsxTemplate.bytes(.deltagare, catalogues: .builtIn))
        var zip = ZipWriter()
        var parts = try workbook.allParts()
        if !parts.contains(where: { $0.name == part }) { parts.append((part, [])) }
        for var p in parts {
            var text = String(decoding: p.bytes, as: UTF8.self)
            if p.name == part { text = edit(text) }
            if sharedStrings, p.name == "xl/_rels/workbook.xml.rels" {
                text = text.replacingOccurrences(
                    of: "</Relationships>",
                    with:
                        "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
                )
            }
            p.bytes = Array(text.utf8)
            zip.add(p.name, p.bytes)
        }
        return zip.bytes()
    }

    static func problems(_ bytes: [UInt8]) -> [String] {
        Dataset.load([.bytes(bytes, name: "m.xlsx")], catalogues: .builtIn).1.map(\.description)
    }

    static let unreadable = "m.xlsx: fel: väntade en Excel-arbetsbok (.xlsx) eller en CSV-fil, fann en zip-fil som inte går att läsa: "

    @Test func millionsOfEmptySharedStringsAreRefused() throws {
        let bytes = try Self.template(
            "xl/sharedStrings.xml", { _ in "<sst>" + String(repeating: "<si/>", count: XlsxWorkbook.maximumSharedStrings + 1) + "</sst>" },
            sharedStrings: true)
        #expect(
            Self.problems(bytes) == [
                Self.unreadable
                    + "arbetsboken har fler än 1000000 delade texter, långt fler än ett blad med antal använder: spara bladet i en ny arbetsbok; spara filen igen i Excel som \"Excel-arbetsbok (.xlsx)\""
            ])
    }

    @Test func tensOfThousandsOfStylesPastExcelsOwnLimitAreRefused() throws {
        let bytes = try Self.template(
            "xl/styles.xml",
            { $0.replacingOccurrences(of: "</cellXfs>", with: String(repeating: "<xf numFmtId=\"0\"/>", count: 64_001) + "</cellXfs>") })
        #expect(
            Self.problems(bytes) == [
                Self.unreadable
                    + "arbetsboken har fler än 64000 cellformat, fler än Excel tillåter: spara bladet i en ny arbetsbok; spara filen igen i Excel som \"Excel-arbetsbok (.xlsx)\""
            ])
    }

    @Test(arguments: ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml", "docProps/app.xml"])
    func deeplyNestedElementsAreRefusedInAnyPart(part: String) throws {
        let nested = String(repeating: "<x>", count: 300) + String(repeating: "</x>", count: 300)
        let bytes = try Self.template(
            part,
            { $0.isEmpty ? "<Properties>" + nested + "</Properties>" : $0.replacingOccurrences(of: "</sheetData>", with: "</sheetData>" + nested) })
        let found = Self.problems(bytes)
        #expect(found.count == 1)
        #expect(found.first?.contains("har element nästlade i mer än 256 nivåer, vilket ingen arbetsbok behöver") == true)
    }
}
