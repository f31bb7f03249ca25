import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// Text from input files as the outputs show it: never a spreadsheet formula, never Markdown markup.
@Suite struct OutputSafetyTests {
    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+46 70", "'+46 70"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
        ("-5", "-5"), ("-0,5", "-0,5"), ("+3", "+3"), ("-0.5", "-0.5"), ("-", "'-"), ("-5,", "'-5,"), ("--5", "'--5"),
        ("kt-ronneby", "kt-ronneby"), ("Insats =1", "Insats =1"), ("", ""), ("'=x", "'=x"),
    ])
    func spreadsheetCellsStartingAFormulaArePrefixed(cell: String, expected: String) {
        #expect(CSVWriter.spreadsheetSafe(cell) == expected)
    }

    @Test func reportCSVCellsArePrefixedAndQuoted() {
        #expect(CSVWriter.quoted(excelCell: "=A1;B1") == "\"'=A1;B1\"")
        #expect(CSVWriter.quoted(excelCell: "-12") == "-12")
    }

    @Test func aggregateCSVPrefixesNamesButNotCounts() {
        let rows = "forbund;insats;period;kon;status;antal\nF;=cmd|' /C calc'!A0;2023H1;man;pagaende;3\nF;-7;2023H1;man;pagaende;4\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-csv-\(TemporaryFolder.unique()).csv")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data(rows.utf8)))
        defer { try? FileManager.default.removeItem(at: file) }
        var options = AggregateRun.Options()
        options.by = [.insats]
        let outcome = AggregateRun.run(files: [file.path], catalogues: .builtIn, options: options)
        #expect(outcome.problems.isEmpty)
        let csv = String(decoding: AggregateWriter(table: outcome.table, names: outcome.names, catalogues: .builtIn).deltagare(.csv), as: UTF8.self)
        #expect(csv == "insats,antal\n-7,4\n'=cmd|' /C calc'!A0,3\n")
    }

    @Test func markdownEscapesNamesOnly() {
        #expect(MarkdownReportWriter.escape("A|B <script>x</script>\r\nny rad") == "A\\|B &lt;script&gt;x&lt;/script&gt;  ny rad")
        #expect(MarkdownReportWriter.escape("Konsultationsteam Ronneby") == "Konsultationsteam Ronneby")
    }
}
