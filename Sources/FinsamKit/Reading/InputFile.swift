import Foundation

/// Opens an input file for the validator whatever it is: a CSV file is streamed by ``CSVReader``; an Excel
/// workbook (told by its first bytes, `PK\3\4`, not by its name) is unpacked and its data sheet read as rows
/// of cells (``XlsxWorkbook``). Both then go through the same checks, with positions that name the cell.
///
///     let reader = try InputFile.reader(path: "SampleData/deltagare-2023H2.csv")
///     var decoder = RecordDecoder(catalogues: .builtIn)
///     var sink = DiscardingSink()
///     let summary = decoder.decode(reader, into: &sink)
public enum InputFile {
    /// Whether `path` is a regular file (`stat`, following links). Not Foundation's file attributes, which
    /// also look up the owner's and the group's names: the user and group databases read for every file.
    private static func isRegularFile(_ path: String) -> Bool {
        (try? FileSystem.status(path))?.kind == .regular
    }

    /// Whether the file at `path` starts like a zip file (an `.xlsx` workbook). Only a regular file is looked
    /// into: reading the first bytes of a pipe would take them from the CSV reader.
    static func isWorkbook(path: String) -> Bool {
        guard isRegularFile(path), let handle = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? handle.close() }
        return ZipArchive.looksLikeZip([UInt8]((try? handle.read(upToCount: 4)) ?? Data()))
    }

    /// Whether the regular file at `path` is a password-protected workbook (``EncryptedWorkbook``).
    static func isEncryptedWorkbook(path: String) -> Bool {
        guard isRegularFile(path), let handle = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? handle.close() }
        return EncryptedWorkbook.isEncrypted { offset, count in
            guard (try? handle.seek(toOffset: UInt64(offset))) != nil, let data = try? handle.read(upToCount: count), !data.isEmpty else {
                return nil
            }
            return [UInt8](data)
        }
    }

    /// A reader for the file at `path`, called `displayName` (the path) in problems.
    ///
    ///     let reader = try InputFile.reader(path: "deltagare.xlsx")
    ///
    /// - Returns: a reader positioned before the file's first row (its header).
    /// - Throws: a ``Problem`` when the file cannot be opened (I/O, exit 3) or is a workbook that cannot be
    ///   read (broken, too large when unpacked: exit 1).
    public static func reader(path: String, displayName: String? = nil) throws(Problem) -> CSVReader {
        let name = displayName ?? path
        if isEncryptedWorkbook(path: path) { throw Problem(file: name, position: nil, message: EncryptedWorkbook.message) }
        guard isWorkbook(path: path) else { return try CSVReader(path: path, displayName: name) }
        // The size first: a file of gigabytes starting with PK\3\4 must not be read (twice) to be refused
        // (issue #25 item 15).
        let size = (try? FileSystem.status(path))?.size ?? 0
        try checkWorkbookSize(size, fileName: name)
        let bytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            // One past the limit: a file that grew since the size was taken is refused all the same.
            let data = try handle.read(upToCount: ZipArchive.maximumTotalBytes + 1) ?? Data()
            bytes = [UInt8](data)
        } catch {
            throw Problem(file: name, position: nil, message: "kan inte läsa filen: \(error.localizedDescription)", isIOFailure: true)
        }
        return try workbookReader(bytes, fileName: name)
    }

    /// A reader for bytes already in memory (`submit`, the store), CSV or workbook alike.
    ///
    /// - Throws: a ``Problem`` for a workbook that cannot be read; CSV problems are the reader's own.
    /// `checksName: false` only for names finsam made itself (the store's files), as for ``CSVReader``.
    public static func reader(bytes: [UInt8], fileName: String, checksName: Bool = true) throws(Problem) -> CSVReader {
        let isEncrypted = EncryptedWorkbook.isEncrypted { offset, count in
            offset < bytes.count ? Array(bytes[offset..<min(bytes.count, offset + count)]) : nil
        }
        if isEncrypted { throw Problem(file: fileName, position: nil, message: EncryptedWorkbook.message) }
        guard ZipArchive.looksLikeZip(bytes) else { return CSVReader(bytes: bytes, fileName: fileName, checksName: checksName) }
        return try workbookReader(bytes, fileName: fileName, checksName: checksName)
    }

    /// The workbook's data sheet (``XlsxWorkbook/dataSheet()``) as a reader of its rows.
    ///
    /// - Throws: a ``Problem`` (exit 1) naming what is wrong with the workbook.
    static func workbookReader(_ bytes: [UInt8], fileName: String, checksName: Bool = true) throws(Problem) -> CSVReader {
        try checkWorkbookSize(bytes.count, fileName: fileName)
        let table: SheetTable
        let places: [XlsxWorkbook.PersonalDataPlace]
        do {
            var workbook = try XlsxWorkbook(bytes: bytes)
            let data = try workbook.sheetWithData()
            var found = data.table
            found.listSheet = workbook.sheets.first { !$0.hidden && TextFolding.fold($0.name) == "koder" }?.name
            table = found
            places = try workbook.personalDataOutsideCells(of: data.index)
        } catch {
            let why: String
            switch error {
            case .otherFormat(let found):
                throw Problem(file: fileName, position: nil, message: "väntade en Excel-arbetsbok (.xlsx) eller en CSV-fil, fann \(found)")
            case .invalid(let text): why = text
            }
            throw Problem(
                file: fileName, position: nil,
                message:
                    "väntade en Excel-arbetsbok (.xlsx) eller en CSV-fil, fann en zip-fil som inte går att läsa: \(why); spara filen igen i Excel som \"Excel-arbetsbok (.xlsx)\""
            )
        }
        guard places.isEmpty else { throw Problem(file: fileName, position: nil, message: personalDataMessage(places)) }
        if let first = table.formulasWithoutValue.first {
            // Issue #25 item 17: an empty antal counts as 1, so a formula read as empty would change the figures.
            let more = table.formulasWithoutValue.count - 1
            var problem = Problem(
                file: fileName, position: SourcePosition(line: first.row, column: first.column, cellRow: first.row, cellColumn: first.column),
                message:
                    "väntade ett sparat värde i formelcellen, fann en formel utan värde\(more > 0 ? " (och \(more) formelceller till)" : ""): "
                    + "filen har sparats av ett program som inte räknar ut formler (som openpyxl); öppna den i Excel eller LibreOffice och spara den igen"
            )
            problem.sheet = table.name
            throw problem
        }
        return CSVReader(table: table, fileName: fileName, checksName: checksName)
    }

    /// Refuses a workbook of more than ``ZipArchive/maximumTotalBytes``, before it is read.
    static func checkWorkbookSize(_ size: Int, fileName: String) throws(Problem) {
        guard size <= ZipArchive.maximumTotalBytes else {
            throw Problem(
                file: fileName, position: nil,
                message: "väntade en Excel-arbetsbok på högst \(ZipArchive.maximumTotalBytes >> 20) MiB, fann \(size >> 20) MiB: dela upp filen")
        }
    }

    /// Most places ``personalDataMessage(_:)`` names before it counts the rest.
    static let maximumPlacesNamed = 10

    /// The message refusing a workbook with personal data outside its data sheet's cells: each place in words,
    /// never the value.
    static func personalDataMessage(_ places: [XlsxWorkbook.PersonalDataPlace]) -> String {
        var named = places.prefix(maximumPlacesNamed).map { "\($0.kind.description) i \($0.place)" }
        if places.count > maximumPlacesNamed { named.append("\(places.count - maximumPlacesNamed) ställen till") }
        let list = named.count == 1 ? named[0] : named.dropLast().joined(separator: ", ") + " och " + named.last!
        return "väntade inga personuppgifter någonstans i arbetsboken, fann något som ser ut som \(list); "
            + "finsam sparar hela arbetsboken — ta bort uppgifterna (Excel: Arkiv > Information > Sök efter problem > "
            + "Inspektera dokument tar bort kommentarer, dokumentegenskaper och dolda blad) och spara filen igen"
    }
}
