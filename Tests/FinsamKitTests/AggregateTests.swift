import Foundation
import FinsamTestSupport
import Testing
@testable import FinsamKit

@Suite struct AggregateTests {
    func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = try TemporaryFolder.make("finsam-agg")
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func run(_ paths: [String], by: Set<AggregateField>? = nil, jobs: Int = 2, splitBytes: Int = 8 << 20) -> AggregateRun.Outcome {
        var options = AggregateRun.Options()
        options.by = by
        options.jobs = jobs
        options.splitBytes = splitBytes
        return AggregateRun.run(files: paths, catalogues: .builtIn, options: options)
    }

    func csv(_ outcome: AggregateRun.Outcome, _ kind: FileKind) -> String {
        let writer = AggregateWriter(table: outcome.table, names: outcome.names, catalogues: .builtIn)
        return String(decoding: kind == .deltagare ? writer.deltagare(.csv) : writer.indikatorsvar(.csv), as: UTF8.self)
    }

    static let deltagare = """
        forbund,insats,period,kon,status,avslutsorsak,antal
        F,"Projekt ""Framåt"" 1",2023H1,kvinna,avslutad,arbete,2
        F,"Projekt ""Framåt"" 1",2023H1,kvinna,avslutad,arbete,3
        F,Ö-insats,2023H1,man,pagaende,,1
        F,A-insats,2023H2,annat,avslutad,studier,1
        F,A-insats,2023H2,annat,pagaende,,4
        F,A-insats,2023,kvinna,pagaende,,1

        """

    @Test func sumsRowsWithTheSameKeyAndSortsByteWise() throws {
        let path = try temporaryFile("d.csv", Array(Self.deltagare.utf8))
        let outcome = run([path])
        #expect(outcome.problems.isEmpty)
        #expect(outcome.rows == 6)
        #expect(
            csv(outcome, .deltagare) == """
                forbund,insats,period,kon,status,avslutsorsak,antal
                F,A-insats,2023,kvinna,pagaende,"",1
                F,A-insats,2023H2,annat,avslutad,studier,1
                F,A-insats,2023H2,annat,pagaende,"",4
                F,"Projekt ""Framåt"" 1",2023H1,kvinna,avslutad,arbete,5
                F,Ö-insats,2023H1,man,pagaende,"",1

                """)
    }

    /// 24 000 groups (one insats each) make a table of about 1.7 MB: it comes to the output in two pieces,
    /// the first a whole megabyte, that join to the same bytes as the table in one piece; and the file read
    /// in about twelve parts, each merged as it is read, gives the same table as read whole.
    @Test func writesALargeTableInPiecesThatJoinToTheWhole() throws {
        var text = "forbund,insats,period,kon,status,avslutsorsak,antal\n"
        for i in 0..<24_000 { text += "F,insats-nummer-\(String(100_000 + i).dropFirst())-med-ett-ganska-langt-namn,2023H1,kvinna,pagaende,,2\n" }
        let path = try temporaryFile("d.csv", Array(text.utf8))
        let whole = run([path], splitBytes: 1 << 30), parts = run([path], splitBytes: 100_000)
        #expect(whole.rows == 24_000 && parts.rows == 24_000)
        let writer = AggregateWriter(table: parts.table, names: parts.names, catalogues: .builtIn)
        var pieces: [[UInt8]] = []
        writer.deltagare(.csv) { pieces.append($0) }
        #expect(pieces.count == 2)
        #expect(pieces[0].count >= 1 << 20 && pieces[0].count < (1 << 20) + 200)
        let joined = String(decoding: pieces.joined(), as: UTF8.self)
        #expect(joined == csv(whole, .deltagare))
        let lines = joined.split(separator: "\n")
        #expect(lines.count == 24_001)
        #expect(lines[8] == "F,insats-nummer-00007-med-ett-ganska-langt-namn,2023H1,kvinna,pagaende,\"\",2")
    }

    @Test func groupsByTheChosenFieldsOnly() throws {
        let path = try temporaryFile("d.csv", Array(Self.deltagare.utf8))
        #expect(csv(run([path], by: [.kon]), .deltagare) == "kon,antal\nannat,5\nkvinna,6\nman,1\n")
        #expect(
            csv(run([path], by: [.status, .period]), .deltagare)
                == "period,status,antal\n2023,pagaende,1\n2023H1,avslutad,5\n2023H1,pagaende,1\n2023H2,avslutad,1\n2023H2,pagaende,4\n")
    }

    @Test func countsFormsAnswersPositivesAndSumsPerQuestion() throws {
        let text = """
            forbund;insats;period;enkat;kon;stod;redo;samordnad
            F;A;2023H1;deltagare-avslut;kvinna;4;2;Ja
            F;A;2023H1;deltagare-avslut;kvinna;vet ej;3;0
            F;A;2023H1;deltagare-avslut;;1;;1

            """
        let path = try temporaryFile("i.csv", Array(text.utf8))
        let table = csv(run([path], by: [.enkat, .kon]), .indikatorsvar).split(separator: "\n").map(String.init)
        // Sorted: enkat, kon (NULL last), fraga.
        #expect(table[0] == "enkat,kon,fraga,formular,besvarade,positiva,summa")
        #expect(table.contains("deltagare-avslut,kvinna,stod,2,1,1,4"))
        #expect(table.contains("deltagare-avslut,kvinna,redo,2,2,1,5"))
        #expect(table.contains("deltagare-avslut,kvinna,samordnad,2,2,1,1"))
        #expect(table.contains("deltagare-avslut,,stod,1,1,0,1"))
        #expect(table.contains("deltagare-avslut,kvinna,behov,2,0,0,0"))
        #expect(table[1].hasPrefix("deltagare-avslut,kvinna,behov,"))
        #expect(table.last!.hasPrefix("deltagare-avslut,,verktyg,"))
    }

    /// Forms are counted in batches, each batch's groups found before its counters are read: groups new in
    /// a batch, and a group met again in the same batch, must still get every form once.
    @Test func countsFormsOfManyBatchesWithGroupsNewAndRepeatedInABatch() throws {
        var text = "forbund,insats,period,enkat,kon,redo\n"
        for i in 0..<100 { text += "F,A\(i % 5),2023H1,deltagare-avslut,kvinna,\(i / 5 % 4 + 1)\n" }
        let path = try temporaryFile("forms.csv", Array(text.utf8))
        let table = csv(run([path], by: [.insats]), .indikatorsvar).split(separator: "\n").map(String.init)
        // Each insats: 20 forms, redo 1, 2, 3 and 4 five times each (positive from 3).
        for g in 0..<5 { #expect(table.contains("A\(g),redo,20,20,10,50"), "A\(g)") }
    }

    /// A group's answers are counted in small lanes, emptied into its counters every 128 forms: 1 000 forms of
    /// one group and 300 of another, read on the common lane, give the counts worked out here.
    @Test func countsAGroupOfManyFormsAcrossItsLanesBeingEmptied() throws {
        var text = "forbund,insats,period,enkat,kon,redo,samordnad\n"
        var expected = [String: (forms: Int, redo: [Int], samordnad: [Int])]()
        for i in 0..<1300 {
            let insats = i % 13 < 10 ? "A" : "B"
            // redo: 1–4 and vet ej in turn (positive from 3); samordnad: ja, nej or empty.
            let redo = i % 5 == 4 ? "vet ej" : "\(i % 5 + 1)"
            let samordnad = ["ja", "nej", ""][i % 3]
            text += "F,\(insats),2023H1,deltagare-avslut,kvinna,\(redo),\(samordnad)\n"
            var sums = expected[insats] ?? (0, [0, 0, 0], [0, 0, 0])
            sums.forms += 1
            if i % 5 != 4 { sums.redo = [sums.redo[0] + 1, sums.redo[1] + (i % 5 + 1 >= 3 ? 1 : 0), sums.redo[2] + i % 5 + 1] }
            if i % 3 != 2 {
                sums.samordnad = [sums.samordnad[0] + 1, sums.samordnad[1] + (i % 3 == 0 ? 1 : 0), sums.samordnad[2] + (i % 3 == 0 ? 1 : 0)]
            }
            expected[insats] = sums
        }
        let path = try temporaryFile("many.csv", Array(text.utf8))
        let table = csv(run([path], by: [.insats], jobs: 1), .indikatorsvar).split(separator: "\n").map(String.init)
        #expect(expected["A"]!.forms == 1000)
        for (insats, sums) in expected {
            let redo = sums.redo.map(String.init).joined(separator: ",")
            let samordnad = sums.samordnad.map(String.init).joined(separator: ",")
            #expect(table.contains("\(insats),redo,\(sums.forms),\(redo)"), "\(insats) redo")
            #expect(table.contains("\(insats),samordnad,\(sums.forms),\(samordnad)"), "\(insats) samordnad")
        }
        #expect(table.contains("A,redo,1000,800,400,2000"))
    }

    /// One worker gains nothing from parts, and each part costs a merge: with `--jobs 1` a large file is
    /// one task; with two workers it is cut, four parts per worker.
    @Test func oneWorkerReadsALargeFileInOnePiece() throws {
        var text = "forbund,insats,period,kon,status,avslutsorsak,antal\n"
        for i in 0..<2000 { text += "F,A,2023H1,man,pagaende,,\(i % 3)\n" }
        let path = try temporaryFile("one.csv", Array(text.utf8))
        for (jobs, parts) in [(1, 1), (2, 8)] {
            var options = AggregateRun.Options()
            options.jobs = jobs
            options.splitBytes = 1000
            var outcome = AggregateRun.Outcome(table: AggregateTable(by: nil, catalogues: .builtIn), names: NameTable(), files: [path])
            let (tasks, _) = AggregateRun.plan([path], catalogues: .builtIn, options: options, unsplit: [], into: &outcome)
            #expect(tasks.count == parts, "jobs \(jobs)")
        }
    }

    /// A large file cut into parts must give the same table as one piece, also when a quoted cell holds a
    /// line break right where a cut falls (the cut is then not a record boundary and the file is re-read).
    @Test(arguments: [false, true])
    func cuttingAFileIntoPartsChangesNothing(lineBreakInQuotes: Bool) throws {
        // A name may not hold a line break (issue #25): the quoted one is in an x_ column, kept and ignored.
        var text = "forbund,insats,period,kon,status,avslutsorsak,antal,x_anm\n"
        for i in 0..<3000 {
            let note = lineBreakInQuotes && i % 7 == 0 ? "\"rad\n\(i % 5)\"" : "rad \(i % 5)"
            text +=
                "F,Insats \(i % 5),2023H\(i % 2 + 1),\(["kvinna", "man"][i % 2]),avslutad,\(["arbete", "studier", "avbrott"][i % 3]),\(i % 4),\(note)\n"
        }
        let path = try temporaryFile("big.csv", Array(text.utf8))
        let whole = run([path], jobs: 1)
        for jobs in [2, 3, 7] {
            let parts = run([path], jobs: jobs, splitBytes: 1000)
            #expect(parts.problems.isEmpty)
            #expect(parts.rows == 3000)
            #expect(csv(parts, .deltagare) == csv(whole, .deltagare), "jobs \(jobs)")
        }
    }

    @Test func reportsInvalidRowsWithTheirLineAlsoInLaterParts() throws {
        var text = "forbund,insats,period,kon,status,avslutsorsak,antal\n"
        for i in 0..<2000 { text += "F,A,2023H1,\(i == 1500 ? "kvinan" : "man"),pagaende,,1\n" }
        let path = try temporaryFile("bad.csv", Array(text.utf8))
        for jobs in [1, 2, 4] {
            let outcome = run([path], jobs: jobs, splitBytes: 1000)
            #expect(outcome.problems.map { "\($0.position!)" } == ["1502:12"], "jobs \(jobs)")
            #expect(outcome.invalidRows == 1)
            #expect(outcome.rows == 1999)
        }
    }

    @Test func readsFoldersRecursivelyInEveryDialect() throws {
        let folder = try TemporaryFolder.make("finsam-aggdir")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("2023/h1"), withIntermediateDirectories: true)
        let table =
            "förbund;insats;period;kön;status;avslutsorsak;antal\r\nSamordningsförbundet Gävleborg;Hälsa och arbete;2023H1;kvinna;avslutad;arbete;2\r\n"
        try Data([0xEF, 0xBB, 0xBF] + Array(table.utf8)).write(to: folder.appendingPathComponent("2023/h1/a.csv"))
        try Data(SourceEncoding.windows1252Bytes(of: table)!).write(to: folder.appendingPathComponent("2023/b.CSV"))
        try Data(Array(table.replacingOccurrences(of: ";", with: ",").replacingOccurrences(of: "\r\n", with: "\n").utf8))
            .write(to: folder.appendingPathComponent("c.csv"))
        try Data("not csv".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let (files, missing) = AggregateRun.files(in: [folder.path])
        #expect(missing.isEmpty)
        #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["b.CSV", "a.csv", "c.csv"])
        let outcome = run(files)
        #expect(outcome.problems.isEmpty)
        #expect(
            csv(outcome, .deltagare)
                == "forbund,insats,period,kon,status,avslutsorsak,antal\nSamordningsförbundet Gävleborg,Hälsa och arbete,2023H1,kvinna,avslutad,arbete,6\n"
        )
    }

    @Test func refusesPersonalDataInAnyCell() throws {
        let path = try temporaryFile(
            "p.csv", Array("forbund,insats,period,kon,status,x_not\nF,A,2023H1,man,pagaende,ring 811218-9876\nF,A,2023H1,man,pagaende,\n".utf8))
        let outcome = run([path])
        #expect(outcome.problems.map(\.position) == [SourcePosition(line: 2, column: 25)])
        #expect(outcome.rows == 1)
    }

    @Test func writesJSONWithNullsAndEmptyStrings() throws {
        let path = try temporaryFile("d.csv", Array("forbund,insats,period,kon,status,avslutsorsak\nF,\"A \"\"x\"\"\",2023H1,man,pagaende,\n".utf8))
        let outcome = run([path])
        let writer = AggregateWriter(table: outcome.table, names: outcome.names, catalogues: .builtIn)
        let json = String(decoding: AggregateWriter.json([writer.deltagare(.json)]), as: UTF8.self)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: [[String: Any]]]
        let row = try #require(object["deltagare"]?.first)
        #expect(row["insats"] as? String == "A \"x\"")
        #expect(row["avslutsorsak"] as? String == "")
        #expect(row["antal"] as? Int == 1)
    }

    /// Quoted insats names with the delimiter and doubled quotes inside, their quotes on every offset around
    /// the block scanner's 64-byte boundaries, in both dialects (`,` LF UTF-8, and `;` CRLF Windows-1252 as
    /// Swedish Excel writes it): the run counts them exactly as the full decoder alone does, with no problem.
    @Test func countsQuotedCellsAcrossBlockBoundariesAsTheFullDecoderDoes() throws {
        for (delimiter, lineEnd, windows1252) in [(",", "\n", false), (";", "\r\n", true)] {
            var text = ["forbund", "insats", "period", "kon", "status", "avslutsorsak", "antal"].joined(separator: delimiter) + lineEnd
            var rows = 0
            for padding in 0..<140 {
                let name = "\"Samverkan\(delimiter) unga \"\"Framåt\"\" " + String(repeating: "x", count: padding % 70) + "\""
                let insats = padding % 3 == 0 ? name : "Steget vidare \(padding % 5)"
                let status = padding % 2 == 0 ? ["avslutad", "arbete"] : ["pagaende", ""]
                text += (["F", insats, "2023H\(1 + padding % 2)", "kvinna"] + status + ["\(1 + padding % 4)"]).joined(separator: delimiter) + lineEnd
                rows += 1
            }
            let bytes = windows1252 ? text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } : Array(text.utf8)
            let path = try temporaryFile("citat.csv", bytes)
            let outcome = run([path], jobs: 1)
            #expect(outcome.problems.isEmpty, "\(outcome.problems)")
            #expect(outcome.rows == rows)

            var decoder = RecordDecoder(catalogues: .builtIn)
            decoder.usesKnownCells = false
            var table = AggregateTable(by: nil, catalogues: .builtIn)
            let summary = decoder.decode(try CSVReader(path: path), into: &table)
            table.flush()
            #expect(summary.rows == rows && summary.problems.isEmpty)
            let full = AggregateWriter(table: table, names: decoder.names, catalogues: .builtIn)
            #expect(csv(outcome, .deltagare) == String(decoding: full.deltagare(.csv), as: UTF8.self))
            #expect(csv(outcome, .deltagare).contains("\"Samverkan\(delimiter) unga \"\"Framåt\"\" xxxxx"))
        }
    }
}

extension AggregateTests {
    /// A table of many groups, written on several cores in pieces (``AggregateWriter/inPieces(_:jobs:sink:write:)``),
    /// is byte for byte the table written on one, in CSV and in JSON: random rows over names with quotes and
    /// å, ä, ö, every kön, åldersgrupp, ny, status, avslutsorsak and målgrupp, and NULLs where a cell may be empty, so that the pieces
    /// start anywhere in runs of shared names and periods.
    @Test func aTableWrittenOnSeveralCoresIsByteForByteTheTableWrittenOnOne() throws {
        let catalogues = Catalogues.builtIn
        let slot = try #require(catalogues.dimensioner.slot(of: "malgrupp"))
        let malgrupper = catalogues.dimensioner.extra[slot].codes.map(\.code) + [""]
        let alder = catalogues.dimensioner.aldersgrupp.codes.map(\.code) + [""]
        let orsaker = catalogues.avslutsorsaker.avslutsorsaker.map(\.code)
        var random = SeededGenerator(seed: 28)
        var text = "forbund,insats,period,kon,aldersgrupp,ny,status,avslutsorsak,antal,malgrupp\n"
        for _ in 0..<40_000 {
            let forbund = ["F", "Förbundet Å", "\"G, \"\"Väst\"\"\""].randomElement(using: &random)!
            let insats = "Insats \(Int.random(in: 0..<60, using: &random))"
            let period = ["2023H1", "2023H2", "2024"].randomElement(using: &random)!
            let kon = ["kvinna", "man", "annat"].randomElement(using: &random)!
            let pagaende = Bool.random(using: &random)
            let orsak = pagaende ? "" : orsaker.randomElement(using: &random)!
            let (aldersgrupp, ny) = (alder.randomElement(using: &random)!, ["ja", "nej", ""].randomElement(using: &random)!)
            let (antal, malgrupp) = (Int.random(in: 1...3, using: &random), malgrupper.randomElement(using: &random)!)
            text += "\(forbund),\(insats),\(period),\(kon),\(aldersgrupp),\(ny),\(pagaende ? "pagaende" : "avslutad"),\(orsak),\(antal),\(malgrupp)\n"
        }
        let path = try temporaryFile("d.csv", Array(text.utf8))
        var options = AggregateRun.Options()
        options.by = Set(AggregateField.deltagareOrder)
        options.dimensions = [slot]
        let outcome = AggregateRun.run(files: [path], catalogues: catalogues, options: options)
        #expect(outcome.problems.isEmpty)
        #expect(outcome.table.deltagareGroups.count > 3 * AggregateWriter.pieceRows)
        var writer = AggregateWriter(table: outcome.table, names: outcome.names, catalogues: catalogues)
        for format in AggregateWriter.Format.allCases {
            let one = writer.deltagare(format)
            for jobs in [2, 3] {
                writer.jobs = jobs
                #expect(writer.deltagare(format) == one, "\(format), \(jobs) kärnor")
            }
            writer.jobs = 1
            #expect(one.count > 1 << 20)
        }
    }
}

extension AggregateTests {
    /// Counts are written digit by digit into the table's bytes (``ByteBuffer/appendDecimal(_:)``): one to
    /// three digits at once (each length and its edges below), longer ones from the last digit back, and a
    /// minus sign first, as `String` writes them.
    @Test func aCountIsWrittenAsItsDecimalDigitsWhateverItsSize() {
        let values = [0, 7, 9, 10, 42, 99, 100, 101, 999, 1000, 12_345, 9_999_999, -1, -10, -123, Int.max, Int.min]
        let buffer = ByteBuffer(capacity: 8)
        for value in values {
            buffer.appendDecimal(value)
            buffer.append(UInt8(ascii: ";"))
        }
        #expect(String(decoding: buffer.array, as: UTF8.self) == values.map { "\($0);" }.joined())
    }
}

extension AggregateTests {
    /// The parts of one file planned for two workers, read with `options`.
    func parts(of text: String, _ name: String) throws -> (tasks: [AggregateRun.Task], options: AggregateRun.Options) {
        let path = try temporaryFile(name, Array(text.utf8))
        var options = AggregateRun.Options()
        options.jobs = 2
        options.splitBytes = 1000
        var outcome = AggregateRun.Outcome(table: AggregateTable(by: nil, catalogues: .builtIn), names: NameTable(), files: [path])
        let (tasks, _) = AggregateRun.plan([path], catalogues: .builtIn, options: options, unsplit: [], into: &outcome)
        return (tasks, options)
    }

    /// A worker reads its next part of a file with the cells it learnt from the last (the same memos, not new
    /// ones) and adds it to the same table; a file whose encoding its first 64 KiB do not decide (plain
    /// ASCII) gets fresh cells per part, as a later part could decide another encoding.
    @Test func aWorkerReadsTheNextPartOfAFileWithTheCellsItLearntFromTheLast() throws {
        var text = "forbund,insats,period,kon,status,avslutsorsak,antal\n"
        for i in 0..<2000 { text += "Förbundet Å,Insats \(i % 5),2023H1,\(["kvinna", "man"][i % 2]),avslutad,arbete,1\n" }
        let (tasks, options) = try parts(of: text, "utf8.csv")
        #expect(tasks.count == 8 && tasks[0].encoding == .utf8)
        let worker = AggregateRun.Worker(catalogues: .builtIn, options: options)
        var rows = 0
        for (k, task) in tasks.enumerated() {
            let learnt = worker.learnt?.cells.memos
            let cells = worker.cells(for: task)
            #expect(k == 0 ? cells.memos != learnt : cells.memos == learnt, "part \(k)")
            rows += AggregateRun.runTask(task, options: options, progress: nil, worker: worker).summary.rows
        }
        #expect(rows == 2000)
        #expect(worker.table.deltagareGroups.count == 10)

        let ascii = text.replacingOccurrences(of: "Förbundet Å", with: "Forbundet A")
        let (plain, _) = try parts(of: ascii, "ascii.csv")
        #expect(plain.count == 8 && plain[0].encoding == nil)
        let other = AggregateRun.Worker(catalogues: .builtIn, options: options)
        _ = AggregateRun.runTask(plain[0], options: options, progress: nil, worker: other)
        #expect(other.learnt == nil)
        #expect(other.cells(for: plain[1]).memos != worker.cells(for: tasks[1]).memos)
    }
}
