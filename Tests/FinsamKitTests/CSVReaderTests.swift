import FinsamTestSupport
import Testing
@testable import FinsamKit

@Suite struct CSVReaderTests {
    @Test func detectsSemicolonAndCommaFromTheHeader() {
        #expect(records(Array("a;b,c\n1;2\n".utf8)).cells == [["a", "b,c"], ["1", "2"]])
        #expect(records(Array("a,b,c;d\n1,2,3\n".utf8)).cells == [["a", "b", "c;d"], ["1", "2", "3"]])
        // A delimiter inside a quoted header cell does not count.
        #expect(records(Array("\"a,b,c\";d\n".utf8)).reader.delimiter == UInt8(ascii: ";"))
    }

    @Test func readsQuotedCellsWithDelimitersDoubledQuotesAndLineBreaks() {
        let text = "insats;kommentar;n\r\n\"Samverkan; unga\";\"Projekt \"\"Framåt\"\"\";1\r\n\"två\r\nrader\";\"\";2\r\n"
        let (cells, positions, _) = records(Array(text.utf8))
        #expect(cells == [["insats", "kommentar", "n"], ["Samverkan; unga", "Projekt \"Framåt\"", "1"], ["två\r\nrader", "", "2"]])
        // The cell after a two-line quoted cell is on the second physical line of that record.
        #expect(positions[2] == [SourcePosition(line: 3, column: 1), SourcePosition(line: 4, column: 8), SourcePosition(line: 4, column: 11)])
    }

    @Test func columnsCountCharactersNotBytes() {
        // "Sölvesborg" has one two-byte character in UTF-8 and one byte in Windows-1252: both put "x" at column 12.
        let utf8 = Array("Sölvesborg;x\n".utf8)
        let cp1252 = SourceEncoding.windows1252Bytes(of: "Sölvesborg;x\n")!
        #expect(records(utf8).positions[0][1] == SourcePosition(line: 1, column: 12))
        #expect(records(cp1252).positions[0][1] == SourcePosition(line: 1, column: 12))
    }

    @Test func decodesEveryExcelDialectToTheSameCells() {
        let table = "förbund;insats;kön\r\nSamordningsförbundet i Blekinge;Konsultationsteam Sölvesborg;kvinna\r\n"
        let expected = [["förbund", "insats", "kön"], ["Samordningsförbundet i Blekinge", "Konsultationsteam Sölvesborg", "kvinna"]]
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let dialects: [(String, [UInt8], SourceEncoding)] = [
            ("UTF-8 with BOM, CRLF", bom + Array(table.utf8), .utf8),
            ("UTF-8, LF", Array(table.replacingOccurrences(of: "\r\n", with: "\n").utf8), .utf8),
            ("Windows-1252, CRLF", SourceEncoding.windows1252Bytes(of: table)!, .windows1252),
            (
                "Windows-1252, CR only (old Mac Excel)", SourceEncoding.windows1252Bytes(of: table.replacingOccurrences(of: "\r\n", with: "\r"))!,
                .windows1252
            ),
        ]
        for (name, bytes, encoding) in dialects {
            let (cells, positions, reader) = records(bytes)
            #expect(cells == expected, "\(name)")
            #expect(reader.encoding == encoding, "\(name)")
            #expect(positions[1][2] == SourcePosition(line: 2, column: 62), "\(name)")
        }
    }

    @Test func readsTheCommittedExcelFixturesAlike() throws {
        var results: [[[String]]] = []
        for name in ["excel-utf8-bom.csv", "excel-windows1252.csv", "plain-utf8.csv"] {
            let reader = try CSVReader(path: Repository.fixture(name))
            var cells: [[String]] = []
            while reader.next() { cells.append(reader.fields.indices.map { reader.string($0) }) }
            #expect(reader.problems.isEmpty, "\(name)")
            results.append(cells)
        }
        #expect(results[0] == results[1])
        #expect(results[1] == results[2])
        #expect(results[0][1][1] == "Konsultationsteam Sölvesborg")
    }

    @Test(arguments: [1, 2, 3, 5, 7, 16, 64])
    func givesTheSameRecordsWhateverTheChunkSize(chunk: Int) {
        let text = "a;b;c\r\n\"x\r\ny\";\"q\"\"q\";ö\r\n1;;3\r\n\"\";\"\"\"\";é\n"
        let bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        let whole = records(bytes)
        let chunked = records(bytes, chunkBytes: chunk)
        #expect(chunked.cells == whole.cells)
        #expect(chunked.positions == whole.positions)
        #expect(whole.cells == [["a", "b", "c"], ["x\r\ny", "q\"q", "ö"], ["1", "", "3"], ["", "\"", "é"]])
    }

    @Test func ignoresTheBOMWhenCountingColumns() {
        let (_, positions, _) = records([0xEF, 0xBB, 0xBF] + Array("ab;cd\n".utf8))
        #expect(positions[0] == [SourcePosition(line: 1, column: 1), SourcePosition(line: 1, column: 4)])
    }

    @Test func namesTheFirstByteThatIsNeitherEncoding() {
        // 0x81 is undefined in Windows-1252 and cannot start UTF-8.
        let (_, _, reader) = records(Array("a;b\n1;x".utf8) + [0x81] + Array("y\n".utf8))
        #expect(reader.problems.map(\.description) == ["t.csv:2:4: fel: väntade UTF-8 eller Windows-1252, fann byte 0x81 som ingen av dem har"])
        #expect(reader.stoppedEarly)
    }

    @Test func refusesAFileThatMixesUTF8AndWindows1252() {
        let bytes = Array("a;b\nö;".utf8) + [0xF6] + Array("\n".utf8)
        let (_, _, reader) = records(bytes)
        // The first 64 KiB hold a byte that is not UTF-8, so the file is read as Windows-1252 and its UTF-8 "ö" is the odd one out.
        #expect(
            reader.problems.map(\.description) == [
                "t.csv:2:1: fel: väntade Windows-1252 som i resten av filen, fann UTF-8 (blandar filen UTF-8 och Windows-1252?)"
            ])
        // Past the first 64 KiB, a UTF-8 file's stray Windows-1252 byte is named where it is.
        let long = Array("a;b\nö;x\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 70_000) + Array("\n;".utf8) + [0xF6] + Array("\n".utf8)
        #expect(
            records(long).reader.problems.map(\.description) == [
                "t.csv:4:2: fel: väntade UTF-8 som i resten av filen, fann byte 0xF6 (blandar filen UTF-8 och Windows-1252?)"
            ])
        let reverse = SourceEncoding.windows1252Bytes(of: "a;b\nö;")! + Array("ö\n".utf8)
        // "Ä€" in Windows-1252 (C4 80) is also valid UTF-8 (Ā), but it is not å/ä/ö: no false alarm.
        #expect(records(SourceEncoding.windows1252Bytes(of: "a;b\nÄ€;ö\n")!).reader.problems.isEmpty)
        #expect(records(SourceEncoding.windows1252Bytes(of: "a;b\nÄ€;ö\n")!).cells[1] == ["Ä€", "ö"])
        #expect(
            records(reverse).reader.problems.map(\.description) == [
                "t.csv:2:3: fel: väntade Windows-1252 som i resten av filen, fann UTF-8 (blandar filen UTF-8 och Windows-1252?)"
            ])
    }

    @Test func refusesUTF16AndNULBytes() {
        #expect(records([0xFF, 0xFE, 0x61, 0x00]).reader.problems.first?.message.hasPrefix("väntade UTF-8 eller Windows-1252, fann UTF-16") == true)
        let (_, _, reader) = records(Array("a;b\n1;2".utf8) + [0] + Array("\n".utf8))
        #expect(reader.problems.map(\.description) == ["t.csv:2:4: fel: väntade text, fann en NUL-byte (är det verkligen en CSV-fil?)"])
    }

    @Test func reportsQuoteMistakesAtTheirPositionAndGoesOn() {
        let (cells, _, reader) = records(Array("a;b\n\"x\"y;2\nab\"c;3\n\"open;4\n".utf8))
        #expect(
            reader.problems.map(\.description) == [
                "t.csv:2:4: fel: väntade semikolon eller radslut efter cellens avslutande citattecken, fann \"y\"",
                "t.csv:3:3: fel: väntade citattecken bara runt en hel cell, fann ett mitt i cellen (skriv cellen inom citattecken och dubbla citattecknen inuti)",
                "t.csv:4:1: fel: cell A4: väntade ett avslutande citattecken för cellen, fann filens slut",
            ])
        #expect(cells.count == 4)
    }

    @Test func stopsAtARecordLongerThanTheLimit() {
        let bytes = Array("a;b\n\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 100)
        let reader = CSVReader(bytes: bytes, fileName: "t.csv", chunkBytes: 16, maximumRecordBytes: 64)
        while reader.next() {}
        #expect(reader.stoppedEarly)
        #expect(reader.problems.first?.position == SourcePosition(line: 2, column: 1))
    }
}
