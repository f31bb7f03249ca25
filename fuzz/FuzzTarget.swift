// libFuzzer entry points for finsam's parsers (built by fuzz/run.sh with -sanitize=fuzzer,address).
// One of FUZZ_CSV, FUZZ_DELTAGARE, FUZZ_INDIKATORSVAR, FUZZ_AKTIVITETER, FUZZ_GOALS, FUZZ_XLSX, FUZZ_SCANNER is defined
// per binary.
#if FUZZ_SCANNER
// The block scanner's entry point is in ScannerFuzzTarget.swift.
#elseif FUZZ_GOALS
import Foundation

/// The goal file reader: any bytes give goals or problems, every problem with a place inside the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    do {
        let goals = try GoalFile.decode(bytes, name: "fuzz.json", catalogues: .builtIn)
        for problem in goals.problems(file: "fuzz.json", insatser: ["A"]) + goals.problems(file: "fuzz.json", reportPeriod: Period(year: 2023, half: 2)) {
            if let position = problem.position { precondition(position.line >= 1 && position.column >= 1) }
        }
    } catch {
        precondition(!error.problems.isEmpty)
        for problem in error.problems {
            if let position = problem.position { precondition(position.line >= 1 && position.column >= 1) }
        }
    }
    return 0
}
#else
#if FUZZ_DELTAGARE
/// With an `x_` column (read by the careful lane of the known-cell path) or without (the common lane).
private let prefixes = [
    Array("forbund;insats;period;kon;aldersgrupp;ny;status;avslutsorsak;stegforflyttning;antal;x_not\n".utf8),
    Array("forbund;insats;period;kon;aldersgrupp;ny;status;avslutsorsak;stegforflyttning;antal;malgrupp\n".utf8),
]
#elseif FUZZ_INDIKATORSVAR
private let prefixes = [Array("forbund;insats;period;enkat;kon;aldersgrupp;behov;samordnad;inflytande;stod;bemotande;forstaelse;verktyg;planering;redo\n".utf8)]
#elseif FUZZ_AKTIVITETER
import Foundation

private let prefixes = [Array("forbund;insats;period;aktivitet;tillfallen;deltagande;part;kon;x_not\n".utf8)]
/// A register in which `i` is individinriktad and `s` strukturinriktad: rows naming either go through the typ checks.
private let register = try! JSONFile.decode(Register.self, from: Data(#"""
    {"version": 1, "id": "f", "namn": "F", "insatser": [
      {"id": "i", "namn": "Individ", "typ": "individ", "forstaHalvar": "2020H1"},
      {"id": "s", "namn": "Struktur", "typ": "struktur", "forstaHalvar": "2020H1"}]}
    """#.utf8), name: "forbund.json")
#else
private let prefixes: [[UInt8]] = [[]]
#endif

#if !FUZZ_CSV
/// Built once: a decoder is copied per input (its tables are copy-on-write), not rebuilt from the catalogues.
private let prototype = RecordDecoder(catalogues: .builtIn)
private let emptyTable = AggregateTable(by: nil, catalogues: .builtIn)
#endif

#if !FUZZ_CSV
private func tableCSV(_ table: AggregateTable, _ names: NameTable, _ kind: FileKind) -> [UInt8] {
    let writer = AggregateWriter(table: table, names: names, catalogues: .builtIn)
    switch kind {
    case .deltagare: return writer.deltagare(.csv)
    case .indikatorsvar: return writer.indikatorsvar(.csv)
    case .aktiviteter: return writer.aktiviteter(.csv)
    case .uppfoljning: return []  // follow-ups are checked, not grouped
    }
}
#endif

#if FUZZ_XLSX
/// A workbook (an input that starts like a zip) goes the whole way: zip, inflate, parts, sheet, validator and
/// an annotated copy. Any other input is taken as a sheet's XML (mutated zips rarely get past their CRC-32,
/// so the XML reader is fuzzed directly too) and as raw DEFLATE data.
private func fuzzWorkbook(_ bytes: [UInt8]) {
    let reader: CSVReader
    if ZipArchive.looksLikeZip(bytes) {
        guard let opened = try? InputFile.reader(bytes: bytes, fileName: "fuzz.xlsx") else { return }
        reader = opened
    } else {
        _ = try? Inflate.decompress(bytes, limit: 1 << 20)
        _ = try? XlsxWorkbook.readSharedStrings(bytes)
        _ = try? XlsxWorkbook.readStyles(bytes)
        // The personal data scan of every kind of part (issue #25), under the same nesting cap.
        var found = XlsxWorkbook.PlaceList()
        var shown = Set<Int>()
        try? XlsxWorkbook.checkEverything(bytes, part: "fuzz.xml", place: "delen", into: &found)
        try? XlsxWorkbook.checkWorkbookPart(bytes, part: "xl/workbook.xml", into: &found)
        try? XlsxWorkbook.checkComments(bytes, part: "xl/comments1.xml", sheet: "Blad1", into: &found)
        try? XlsxWorkbook.checkSheet(
            bytes, part: "xl/worksheets/sheet1.xml", name: "Blad1", cellsChecked: false, flaggedStrings: [0: .epost], shown: &shown, into: &found)
        _ = EncryptedWorkbook.isEncrypted { offset, count in offset < bytes.count ? Array(bytes[offset..<min(bytes.count, offset + count)]) : nil }
        bytes.withUnsafeBufferPointer { buffer in
            if let match = PersonalDataDetector.firstMatch(in: buffer) {
                precondition(match.range.lowerBound >= 0 && match.range.upperBound <= buffer.count && !match.range.isEmpty)
            }
        }
        guard let table = try? XlsxWorkbook.sheetTable(bytes, name: "Blad1", strings: ["forbund", "kvinna", "2023H1"], styles: [.plain, .time, .date]),
              table.rows.count < 10_000 else { return }
        reader = CSVReader(table: table, fileName: "fuzz.xlsx")
    }
    var decoder = prototype
    var table = emptyTable
    let summary = decoder.decode(reader, into: &table)
    precondition(summary.isValid == (summary.problems.isEmpty && summary.problemsNotShown == 0))
    for problem in summary.problems {
        if let position = problem.position { precondition(position.line >= 1 && position.column >= 1) }
    }
    if ZipArchive.looksLikeZip(bytes) { _ = try? AnnotatedCopy.bytes(of: bytes, problems: summary.problems, fileName: "fuzz.xlsx") }
}
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    #if FUZZ_XLSX
    fuzzWorkbook(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
    #else
    // An input that brings its own header (as the SampleData seeds do) has it fuzzed too; others get a valid one.
    let input = UnsafeBufferPointer(start: data, count: size)
    let bytes = (input.starts(with: "forbund".utf8) ? [] : prefixes[size % prefixes.count]) + Array(input)
    // Small chunks and a small record limit, so that chunk boundaries and the limit are exercised too.
    let chunk = size % 3 == 0 ? 4096 : 1 + size % 61
    let reader = CSVReader(bytes: bytes, fileName: "fuzz.csv", chunkBytes: chunk, maximumRecordBytes: 4096)
    #if FUZZ_CSV
    while reader.next() {
        for i in reader.fields.indices {
            _ = reader.string(i)
            reader.withBytes(of: i) { cell in
                // A match names bytes of the cell itself, whatever normalising read into it.
                if let match = PersonalDataDetector.firstMatch(in: cell) {
                    precondition(match.range.lowerBound >= 0 && match.range.upperBound <= cell.count && !match.range.isEmpty)
                }
            }
        }
    }
    #else
    var decoder = prototype
    // As `aggregate`'s workers: no keys collected, so the known-cell path hands the table codes (every other
    // input) or records.
    decoder.collectsKeys = size % 4 < 2
    var table = emptyTable
    let summary = decoder.decode(reader, into: &table)
    // Invariants: a valid file has rows and no problems; every problem has a place inside the file.
    precondition(summary.isValid == (summary.problems.isEmpty && summary.problemsNotShown == 0))
    for problem in summary.problems {
        if let position = problem.position { precondition(position.line >= 1 && position.column >= 1) }
    }
    // The known-cell path changes nothing: the full decoder alone finds the same rows and problems.
    var full = prototype
    full.usesKnownCells = false
    var fullTable = emptyTable
    let fullSummary = full.decode(CSVReader(bytes: bytes, fileName: "fuzz.csv", chunkBytes: chunk, maximumRecordBytes: 4096), into: &fullTable)
    precondition(summary.problems == fullSummary.problems && summary.rows == fullSummary.rows
                 && summary.invalidRows == fullSummary.invalidRows && summary.perKon == fullSummary.perKon)
    table.flush()
    fullTable.flush()
    for kind in FileKind.allCases {
        precondition(tableCSV(table, decoder.names, kind) == tableCSV(fullTable, full.names, kind))
    }
    #if FUZZ_AKTIVITETER
    // With a register: the typ checks. A file valid with the register is valid without it, and its sums agree.
    var registered = RecordDecoder(catalogues: .builtIn, register: register)
    var registeredTable = emptyTable
    let withRegister = registered.decode(CSVReader(bytes: bytes, fileName: "fuzz.csv", chunkBytes: chunk, maximumRecordBytes: 4096), into: &registeredTable)
    for problem in withRegister.problems {
        if let position = problem.position { precondition(position.line >= 1 && position.column >= 1) }
    }
    if withRegister.isValid {
        precondition(summary.isValid && withRegister.rows == summary.rows)
        precondition(registeredTable.activityGroups.values.reduce(0) { $0 + $1.tillfallen } == table.activityGroups.values.reduce(0) { $0 + $1.tillfallen })
    }
    #endif
    #endif
    return 0
    #endif
}
#endif
