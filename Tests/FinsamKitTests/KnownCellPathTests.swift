import Foundation
import FinsamTestSupport
import Testing
@testable import FinsamKit

/// The known-cell path must be invisible: every file decodes to the same rows, counts and problems with it
/// as without it. These tests compare the two paths on random files full of near-misses, and pin down
/// which lines the path takes.
@Suite struct KnownCellPathTests {
    /// Keeps every row it is given, with names resolved, in order.
    struct RecordingSink: RecordSink {
        var deltagare: [DeltagareRecord] = []
        var forms: [(SurveyForm, [Int8])] = []
        mutating func add(_ record: DeltagareRecord) { deltagare.append(record) }
        mutating func add(_ form: SurveyForm, answers: UnsafeBufferPointer<Int8>) { forms.append((form, Array(answers))) }
    }

    /// Everything a decoded file amounts to, as text, names spelled out.
    func decoded(_ bytes: [UInt8], knownCells: Bool, register: Register?, chunkBytes: Int) -> [String] {
        var decoder = RecordDecoder(catalogues: .builtIn, register: register)
        decoder.usesKnownCells = knownCells
        var sink = RecordingSink()
        let summary = decoder.decode(CSVReader(bytes: bytes, fileName: "t.csv", chunkBytes: chunkBytes), into: &sink)
        let n = decoder.name
        return sink.deltagare.map { r in
            "\(n(r.forbund))|\(n(r.insats))|\(r.period)|\(r.kon)|\(String(describing: r.aldersgrupp))|\(String(describing: r.ny))|\(r.status)|\(r.avslutsorsak)|\(String(describing: r.stegforflyttning))|\(r.antal)|\(r.dimensions.low)/\(r.dimensions.high)"
        }
            + sink.forms.map { f, answers in
                "\(n(f.forbund))|\(n(f.insats))|\(f.period)|\(f.enkat)|\(String(describing: f.kon))|\(String(describing: f.aldersgrupp))|\(answers)"
            } + summary.problems.map { "\($0.position?.description ?? "-") \($0.message)" } + [
                "rows \(summary.rows) invalid \(summary.invalidRows) not shown \(summary.problemsNotShown) per kön \(Kon.allCases.map { summary.perKon[$0] })",
                "keys \(summary.keys.map { "\(n($0.forbund))/\(n($0.insats))/\($0.period)" }.sorted())",
                "encoding \(String(describing: summary.encoding))",
            ]
    }

    /// Cells per column, valid spellings first and often: rows must repeat for the path to matter.
    static let deltagareCells: [(String, [String])] = [
        (
            "forbund",
            [
                "blekinge", "blekinge", "Samordningsförbundet i Blekinge", " blekinge ", "", "Gotland", "19121212-1212", "a;b",
                "Samordningsfo\u{308}rbundet i Blekinge", "blek\u{200B}inge", "\u{A0}blekinge",
            ]
        ),
        (
            "insats",
            [
                "steget-vidare", "steget-vidare", "Steget vidare", "unga-vuxna", "Projekt \"Framåt\"", "", "okänd insats", "samverkansforum",
                "Steget\u{A0}vidare", "Steget vidare\u{202E}", "Fra\u{30A}mat", "121212\u{2013}1212", "\u{A0}",
            ]
        ),
        ("period", ["2023H1", "2023H1", "2023H2", "2023", " 2023-H1", "2023H3", "H1", ""]),
        ("kon", ["kvinna", "man", "kvinna", "annat", "Kvinna", "män", "", "x"]),
        ("aldersgrupp", ["16-19", "60-64", "30-39", "", "99", "16–19"]),
        ("ny", ["ja", "nej", "", "j", "kanske"]),
        ("status", ["pagaende", "avslutad", "avslutad", "Pågående", "", "avslutat", "klar"]),
        ("avslutsorsak", ["", "arbete", "studier", "felregistrering", "sjukdom", "Arbete", "okänd"]),
        ("stegforflyttning", ["", "ja", "nej", "j", "x"]),
        ("antal", ["1", "1", "2", "", " 3", "0", "-1", "1000001", "12345678", "1.5"]),
        ("x_kommentar", ["", "", "bra", "é", "ring 19121212-1212", "a@b.se", "19121212 \u{2014} 1212", "121212\u{A0}1212"]),
    ]

    static let formCells: [(String, [String])] =
        [
            ("forbund", ["blekinge", "Samordningsförbundet i Blekinge", "", "x"]),
            ("insats", ["steget-vidare", "unga-vuxna", "samverkansforum", "Steget vidare", "", "?"]),
            ("period", ["2023H2", "2023H2", "2022H2", "2023h2", "x"]),
            ("enkat", ["deltagare-avslut", "deltagare-pagaende", "deltagare-avslut", "", "okänd"]),
            ("kon", ["kvinna", "man", "", "annat", "x"]),
            ("aldersgrupp", ["20-24", "", "x"]),
        ]
        + ["behov", "samordnad", "inflytande", "stod", "bemotande", "forstaelse", "verktyg", "planering", "redo"].map {
            ($0, ["3", "4", "1", "", "", "0", "vet ej", "ej aktuellt", "Vet ej", "5", "x"])
        }

    /// A random file of `rows` rows over a random subset of `cells`'s columns (required ones kept), in
    /// `dialect`, some cells quoted for no reason, some rows blank, some bytes replaced.
    func randomFile(
        _ cells: [(String, [String])], rows: Int, dialect: RoundTripPropertyTests.Dialect,
        _ generator: inout SeededGenerator
    ) -> [UInt8] {
        let optional: Set = ["aldersgrupp", "ny", "stegforflyttning", "antal", "x_kommentar", "avslutsorsak", "kon", "redo"]
        // Windows-1252 files get the cells it can write (no zero-width or combining characters).
        let columns = cells.filter { !optional.contains($0.0) || Bool.random(using: &generator) }.map { column, values in
            (column, dialect.encoding == .utf8 ? values : values.filter { SourceEncoding.windows1252Bytes(of: $0) != nil })
        }
        let delimiter = String(dialect.delimiter)
        var text = columns.map(\.0).joined(separator: delimiter) + dialect.lineEnd
        for _ in 0..<rows {
            if Int.random(in: 0..<40, using: &generator) == 0 { text += dialect.lineEnd }
            text +=
                columns.map { _, values in
                    let value = values[min(Int.random(in: 0..<values.count, using: &generator), Int.random(in: 0..<values.count, using: &generator))]
                    return Int.random(in: 0..<30, using: &generator) == 0 ? "\"\(value)\"" : CSVWriter.quoted(value, delimiter: dialect.delimiter)
                }.joined(separator: delimiter) + dialect.lineEnd
        }
        var bytes =
            (dialect.bom ? [0xEF, 0xBB, 0xBF] : []) + (dialect.encoding == .utf8 ? Array(text.utf8) : SourceEncoding.windows1252Bytes(of: text)!)
        let replacements: [UInt8] = [0x00, 0x0D, 0x0A, 0x22, 0xC3, 0xA5, 0x81, 0xE9, 0xFF, 0x3B, 0x2C, 0x20]
        for _ in 0..<Int.random(in: 0...2, using: &generator) {
            bytes[Int.random(in: 40..<bytes.count, using: &generator)] = replacements.randomElement(using: &generator)!
        }
        return bytes
    }

    @Test(arguments: RoundTripPropertyTests.dialects)
    func decodesEveryRandomFileAsTheFullDecoderDoes(dialect: RoundTripPropertyTests.Dialect) {
        let register = Repository.blekinge
        var generator = SeededGenerator(seed: 6)
        var rowsTaken = 0
        for round in 0..<120 {
            let cells = round % 2 == 0 ? Self.deltagareCells : Self.formCells
            let bytes = randomFile(cells, rows: Int.random(in: 1...60, using: &generator), dialect: dialect, &generator)
            for chunk in [4096, 97] {
                for register in [nil, register] {
                    let full = decoded(bytes, knownCells: false, register: register, chunkBytes: chunk)
                    let known = decoded(bytes, knownCells: true, register: register, chunkBytes: chunk)
                    #expect(known == full, "round \(round), chunk \(chunk), register \(register != nil)")
                    rowsTaken += full.count
                }
            }
        }
        #expect(rowsTaken > 10_000)
    }

    /// What `aggregate` makes of a file: the decoder as its workers set it up (no keys collected, so the
    /// known-cell path hands the table codes, ``RecordSink/takesCodes``), the long tables and the summary.
    func aggregated(_ bytes: [UInt8], knownCells: Bool, chunkBytes: Int, by fields: Set<AggregateField>?, dimensions: [Int]) -> [String] {
        var decoder = RecordDecoder(catalogues: .builtIn)
        decoder.usesKnownCells = knownCells
        decoder.collectsKeys = false
        var table = AggregateTable(by: fields, dimensions: dimensions, catalogues: .builtIn)
        let summary = decoder.decode(CSVReader(bytes: bytes, fileName: "t.csv", chunkBytes: chunkBytes), into: &table)
        table.flush()
        let writer = AggregateWriter(table: table, names: decoder.names, catalogues: .builtIn)
        return [String(decoding: writer.deltagare(.csv), as: UTF8.self), String(decoding: writer.indikatorsvar(.csv), as: UTF8.self)]
            + summary.problems.map { "\($0.position?.description ?? "-") \($0.message)" } + [
                "rows \(summary.rows) invalid \(summary.invalidRows) avslutade \(summary.avslutade) per kön \(Kon.allCases.map { summary.perKon[$0] })"
            ]
    }

    /// The common lane and the codes it hands `aggregate`'s table (keys packed from codes, not records) give
    /// the tables and summaries of the full decoder, in every dialect, grouped by default and by every field.
    @Test(arguments: RoundTripPropertyTests.dialects)
    func aggregatesEveryRandomFileAsTheFullDecoderDoes(dialect: RoundTripPropertyTests.Dialect) {
        var generator = SeededGenerator(seed: 28)
        let every = Set(AggregateField.allCases)
        let dimensions = ["malgrupp", "forsorjning_efter"].compactMap { Catalogues.builtIn.dimensioner.slot(of: $0) }
        // Deltagare files with background dimensions too, one of them for avslutade only.
        let withDimensions =
            Self.deltagareCells + [
                ("malgrupp", ["a-kassa", "nyanland", "a-kassa", "", "okänd"]), ("forsorjning_efter", ["", "fk", "kommun", "", "x"]),
            ]
        var rowsTaken = 0
        for round in 0..<80 {
            let cells = round % 2 == 1 ? Self.formCells : round % 4 == 0 ? Self.deltagareCells : withDimensions
            // Many rows, so that cells repeat and whole runs of lines take the common lane.
            let bytes = randomFile(cells, rows: Int.random(in: 1...400, using: &generator), dialect: dialect, &generator)
            let groupings: [(Int, Set<AggregateField>?, [Int])] = [(4096, nil, []), (97, every, []), (1 << 16, every, dimensions)]
            for (chunk, fields, dimensions) in groupings {
                let full = aggregated(bytes, knownCells: false, chunkBytes: chunk, by: fields, dimensions: dimensions)
                let known = aggregated(bytes, knownCells: true, chunkBytes: chunk, by: fields, dimensions: dimensions)
                #expect(known == full, "round \(round), chunk \(chunk), by \(String(describing: fields))")
                rowsTaken += full[0].count + full[1].count
            }
        }
        #expect(rowsTaken > 100_000)
    }

    @Test func sampleDataDecodesTheSameOnBothPaths() throws {
        // Gotland's files have the background dimensions (DOMAIN §4.5).
        let gotland = ["deltagare-2021H1.csv", "deltagare-2021H2.csv"].map { Repository.sample("gotland/" + $0) }
        for path in Repository.sampleCSVs + gotland + ["excel-utf8-bom.csv", "excel-windows1252.csv", "plain-utf8.csv"].map(Repository.fixture) {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            for register in [nil, Repository.blekinge] {
                #expect(
                    decoded(bytes, knownCells: true, register: register, chunkBytes: 1 << 20)
                        == decoded(bytes, knownCells: false, register: register, chunkBytes: 1 << 20), "\(path)")
            }
        }
    }

    /// One line through the path: its length when taken, `nil` when left to the full decoder.
    func take(
        _ line: String, header: String = "forbund,insats,period,kon,status,avslutsorsak,antal",
        encoding: SourceEncoding? = .utf8
    ) -> Int? {
        let reader = CSVReader(bytes: Array((header + "\n").utf8), fileName: "t.csv")
        var decoder = RecordDecoder(catalogues: .builtIn)
        var summary = FileSummary(file: "t.csv", delimiter: UInt8(ascii: ","))
        guard let layout = decoder.readHeader(reader, summary: &summary) else { return nil }
        var known = KnownCells(layout: layout)
        var answers: [Int8] = []
        var sink = RecordingSink()
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer {
            decoder.decodeKnownLine(
                $0, layout: layout, delimiter: UInt8(ascii: ","), encoding: encoding, known: &known,
                answers: &answers, into: &sink, summary: &summary)
        }
    }

    @Test func takesAValidPlainLineWithItsLineBreak() {
        #expect(take("F,A,2023H1,kvinna,avslutad,arbete,2\nnext") == 36)
        #expect(take("F,A,2023H1,kvinna,avslutad,arbete,2\r\n") == 37)
        #expect(take("F,Ö,2023H1, man ,pagaende,,\n") == 29)
        // Quoted cells, with delimiters and doubled quotes inside, decode to what they hold.
        #expect(take("F,\"Projekt \"\"Framåt\"\", del 1\",2023H1,\"kvinna\",avslutad,arbete,\"2\"\r\n") == 68)
    }

    @Test func leavesEveryLineTheFullDecoderMustLookAt() {
        #expect(take("F,A\"B,2023H1,kvinna,avslutad,arbete,2\n") == nil)  // a quote inside a cell
        #expect(take("F, \"A\",2023H1,kvinna,avslutad,arbete,2\n") == nil)  // a quote after a space
        #expect(take("F,\"A\" ,2023H1,kvinna,avslutad,arbete,2\n") == nil)  // something after the closing quote
        #expect(take("F,\"A\nB\",2023H1,kvinna,avslutad,arbete,2\n") == nil)  // a line break inside quotes
        #expect(take("F,\"A,2023H1,kvinna,avslutad,arbete,2\n") == nil)  // never closed
        #expect(take("F,A,2023H1,kvinna,avslutad,arbete,2") == nil)  // no line break yet
        #expect(take("F,A,2023H1,kvinna\r,avslutad,arbete,2\n") == nil)  // CR inside
        #expect(take("F,A,2023H1,kvinna,avslutad,arbete,2\r\r\n") == nil)
        #expect(take("F,A\0,2023H1,kvinna,avslutad,arbete,2\n") == nil)  // NUL
        #expect(take("F,A,2023H1,kvinna,avslutad,arbete\n") == nil)  // a cell short
        #expect(take("F,A,2023H1,kvinna,avslutad,arbete,2,\n") == nil)  // a cell more
        #expect(take("F,A,2023H1,kvinna,pagaende,arbete,1\n") == nil)  // pågående with an orsak
        #expect(take("F,A,2023H1,kvinna,avslutad,,1\n") == nil)  // avslutad without one
        #expect(take("F,A,2023H1,,avslutad,arbete,1\n") == nil)  // kön missing
        #expect(take("F,A,2023H3,kvinna,avslutad,arbete,1\n") == nil)  // no such period
        #expect(take("F,A,2023H1,kvinna,avslutad,arbete,x\n") == nil)
        #expect(take("19121212-1212,A,2023H1,kvinna,avslutad,arbete,1\n") == nil)  // personal data
        #expect(take("F,Ö,2023H1,kvinna,avslutad,arbete,1\n", encoding: nil) == nil)  // encoding still undecided
        #expect(take("\n") == nil)  // blank line
    }

    @Test func splitsAtDelimitersOutsideQuotes() {
        let line = Array("ab,,cdefghijklmnop,q,rstuvwxyz0123456789\r\nrest".utf8)
        var ends = [Int](repeating: 0, count: 5)
        let result = line.withUnsafeBufferPointer { bytes in
            ends.withUnsafeMutableBufferPointer { RecordDecoder.split(bytes, delimiter: UInt8(ascii: ","), ends: $0) }
        }
        #expect(result?.cells == 5 && result?.length == 42)
        #expect(ends == [2, 3, 18, 20, 40])
        var two = [0, 0]
        let tooMany = line.withUnsafeBufferPointer { bytes in
            two.withUnsafeMutableBufferPointer { RecordDecoder.split(bytes, delimiter: UInt8(ascii: ","), ends: $0) }
        }
        #expect(tooMany == nil)
    }

    @Test func memoRecognisesExactlyTheBytesItWasGiven() {
        var memo = CellMemo()
        let keys = (0..<300).map { Array(("cell number \($0) " + String(repeating: "x", count: $0 % 40)).utf8) }
        for (i, key) in keys.enumerated() { key.withUnsafeBufferPointer { memo.remember($0.baseAddress!, $0.count, value: Int32(i)) } }
        for (i, key) in keys.enumerated() {
            // Read with the bytes after the cell in view too, as in a buffer.
            let padded = key + Array("trailing bytes".utf8)
            #expect(padded.withUnsafeBufferPointer { memo.value($0.baseAddress!, key.count, readable: $0.count) } == Int32(i))
        }
        let near = Array("cell number 1 xx".utf8), prefix = Array("cell number 29".utf8)
        #expect(near.withUnsafeBufferPointer { memo.value($0.baseAddress!, $0.count, readable: $0.count) } == nil)
        #expect(prefix.withUnsafeBufferPointer { memo.value($0.baseAddress!, $0.count, readable: $0.count) } == nil)
        #expect(memo.count == 300)
    }

    /// Cells of one length that share their first and last eight bytes and differ only between: the old memo
    /// hash (length and ends) put them all in one bucket, so each lookup walked all of them.
    @Test func memoSpreadsCellsThatShareTheirEnds() {
        var memo = CellMemo()
        let keys = (0..<4000).map { Array("Insats: \(String(repeating: "0", count: 6 - String($0).count))\($0) samordnad insats (norr)".utf8) }
        #expect(Set(keys.map(\.count)).count == 1)
        #expect(Set(keys.map { $0.prefix(8) + $0.suffix(8) }).count == 1)
        for (i, key) in keys.enumerated() { key.withUnsafeBufferPointer { memo.remember($0.baseAddress!, $0.count, value: Int32(i)) } }
        #expect(memo.count == 4000)
        // Every cell has its own hash, and a lookup takes a probe or two, not thousands.
        let hashes = Set(
            keys.map { key in
                key.withUnsafeBufferPointer { p in
                    CellMemo.hash(
                        p.baseAddress!, p.count, UnsafeRawPointer(p.baseAddress!).loadUnaligned(as: UInt64.self),
                        UnsafeRawPointer(p.baseAddress! + p.count - 8).loadUnaligned(as: UInt64.self))
                }
            })
        #expect(hashes.count == 4000)
        let (total, longest) = memo.displacement()
        #expect(total < 4 * 4000, "total displacement \(total)")
        #expect(longest < 64, "longest displacement \(longest)")
        for (i, key) in keys.enumerated() {
            #expect(key.withUnsafeBufferPointer { memo.value($0.baseAddress!, $0.count, readable: $0.count) } == Int32(i))
        }
    }

    /// The common lane's steps for a header: each as kind, first column and number of cells.
    func steps(_ header: String) throws -> [String] {
        let reader = CSVReader(bytes: Array((header + "\n").utf8), fileName: "t.csv")
        var decoder = RecordDecoder(catalogues: .builtIn)
        var summary = FileSummary(file: "t.csv", delimiter: UInt8(ascii: ","))
        let layout = try #require(decoder.readHeader(reader, summary: &summary))
        let known = KnownCells(layout: layout)
        return (0..<known.pointers.stepCount).map { i in
            let step = known.pointers.steps[i]
            return "\(step.kind) \(step.column) \(step.count)"
        }
    }

    @Test func theCommonLaneReadsPairsOfCodedCellsAndRunsOfAnswersAsOneStepEach() throws {
        #expect(
            try steps("forbund,insats,period,kon,aldersgrupp,ny,status,avslutsorsak,antal") == [
                "pair 0 2", "pair 2 2", "pair 4 2", "pair 6 2", "antal 8 1",
            ])
        #expect(
            try steps("forbund,insats,period,kon,status,avslutsorsak,antal,malgrupp") == [
                "pair 0 2", "pair 2 2", "pair 4 2", "antal 6 1", "coded 7 1",
            ])
        #expect(
            try steps("forbund,insats,period,enkat,kon,behov,samordnad,inflytande,aldersgrupp,redo") == [
                "pair 0 2", "pair 2 2", "coded 4 1", "answers 5 3", "coded 8 1", "answers 9 1",
            ])
    }

    /// Lines the common lane must leave after a run of lines it took: a cell short in a pair, in a run of
    /// answers and at antal, a cell more after the last step, a line ending in a CR alone. Each decodes as
    /// without the known-cell path: a problem at its line, or a row (a CR ends a line; an empty cell more is
    /// an empty column).
    @Test func aLineThatBreaksOffInsideAStepIsLeftToTheFullDecoder() {
        let deltagare = "forbund,insats,period,kon,status,avslutsorsak,antal\n"
        let good = "F,A,2023H1,kvinna,avslutad,arbete,1\n"
        let broken = [
            ("F,A,2023H1,avslutad,arbete,1\n", true), ("F,A,2023H1,kvinna,avslutad,arbete\n", true),
            ("F,A,2023H1,kvinna,avslutad,arbete,1,\n", false), ("F,A,2023H1,kvinna,avslutad,arbete,1\r", false),
            ("F,A,2023H1,kvinna,avslutad\n", true), ("F\n", true),
        ]
        let forms = "forbund,insats,period,enkat,kon,behov,samordnad,inflytande\n"
        let goodForm = "F,A,2023H2,deltagare-avslut,kvinna,3,,4\n"
        let brokenForms = [
            ("F,A,2023H2,deltagare-avslut,kvinna,3,\n", true), ("F,A,2023H2,deltagare-avslut,kvinna,3,,4,\n", false),
            ("F,A,2023H2,deltagare-avslut,kvinna,3\n", true),
        ]
        for (header, good, broken) in [(deltagare, good, broken), (forms, goodForm, brokenForms)] {
            for (line, reported) in broken {
                let text = header + String(repeating: good, count: 150) + line + String(repeating: good, count: 150)
                let bytes = Array(text.utf8)
                for chunk in [4096, 1 << 16] {
                    let full = decoded(bytes, knownCells: false, register: nil, chunkBytes: chunk)
                    let known = decoded(bytes, knownCells: true, register: nil, chunkBytes: chunk)
                    #expect(known == full, "\(line.debugDescription), chunk \(chunk)")
                    #expect(full.contains { $0.hasPrefix("152:1 ") } == reported, "\(line.debugDescription): \(full.suffix(4))")
                    #expect(full.contains { $0.hasPrefix(reported ? "rows 300 " : "rows 301 ") })
                }
            }
        }
    }

    /// The common lane checks a form's answers against its enkät with one mask of the questions answered,
    /// and `aggregate`'s table counts only those: a question the enkät does not ask, a form without any
    /// answer and answers off the scale (vet ej, ej aktuellt) after many lines the lane took give the rows,
    /// problems and tables of the full decoder.
    @Test func aFormsAnswersAreCheckedAndCountedByTheMaskOfTheQuestionsAnswered() {
        let header = "forbund,insats,period,enkat,kon,behov,forstaelse,redo\n"
        let good = ["F,A,2023H2,deltagare-avslut,kvinna,3,2,\n", "F,A,2023H2,deltagare-pagaende,man,1,,\n", "F,A,2023H2,deltagare-avslut,,,4,1\n"]
        let lines = [
            ("F,A,2023H2,deltagare-pagaende,kvinna,3,2,\n", true), ("F,A,2023H2,deltagare-avslut,kvinna,,,\n", true),
            ("F,A,2023H2,deltagare-avslut,kvinna,vet ej,ej aktuellt,\n", false), ("F,A,2023H2,deltagare-pagaende,kvinna,,,4\n", true),
        ]
        for (line, reported) in lines {
            let text = header + String(repeating: good.joined(), count: 50) + line + String(repeating: good.joined(), count: 50)
            let bytes = Array(text.utf8)
            let full = decoded(bytes, knownCells: false, register: nil, chunkBytes: 4096)
            #expect(decoded(bytes, knownCells: true, register: nil, chunkBytes: 4096) == full, "\(line.debugDescription)")
            #expect(full.contains { $0.hasPrefix("152:") } == reported, "\(line.debugDescription): \(full.suffix(4))")
            let table = aggregated(bytes, knownCells: false, chunkBytes: 4096, by: nil, dimensions: [])
            #expect(aggregated(bytes, knownCells: true, chunkBytes: 4096, by: nil, dimensions: []) == table, "\(line.debugDescription)")
            #expect(table[1].contains("forstaelse"))
        }
    }

    /// A line's key in `aggregate` is the OR of what each code puts in it (``GroupKey/bits(of:index:dimension:fields:)``),
    /// which the common lane works out once per group of cells: it must be the key the table packs from the
    /// codes, for every field, an empty cell and a dimension the row lacks included.
    @Test func theBitsOfEachCodeMakeTheKeyTheTablePacksFromTheCodes() {
        let dimensions = ["malgrupp", "forsorjning_efter"].compactMap { Catalogues.builtIn.dimensioner.slot(of: $0) }
        let table = AggregateTable(by: Set(AggregateField.allCases), dimensions: dimensions, catalogues: .builtIn)
        var generator = SeededGenerator(seed: 33)
        for _ in 0..<200 {
            var codes = [Int32](repeating: KnownCells.empty, count: ColumnLayout.Role.fixedCount)
            for index in [0, 1] { codes[index] = Int32.random(in: 0..<4000, using: &generator) }
            codes[2] = Int32.random(in: 2010 * 3..<2030 * 3, using: &generator)
            for index in [3, 4, 5, 6, 7] where Bool.random(using: &generator) { codes[index] = Int32.random(in: 0..<2, using: &generator) }
            var rowDimensions = DimensionCodes()
            var bits: UInt64 = 0
            for index in codes.indices { bits |= table.keyBits(of: codes[index], index: index, dimension: nil, kind: .deltagare) }
            for slot in dimensions {
                let code: Int32 = Bool.random(using: &generator) ? Int32.random(in: 0..<3, using: &generator) : KnownCells.empty
                if code >= 0 { rowDimensions[slot] = Int(code) }
                bits |= table.keyBits(of: code, index: ColumnLayout.Role.ignored.index, dimension: slot, kind: .deltagare)
            }
            let packed = codes.withUnsafeBufferPointer { codes in
                table.deltagareCodes.withUnsafeBufferPointer { table.deltagareKey.pack(codes: codes, dimensions: rowDimensions, fields: $0) }
            }
            #expect(bits == packed, "\(codes) \(rowDimensions)")
        }
    }

    /// Groups of cells the common lane learnt for a sink of records carry no key bits: a table then given
    /// the same cells (a worker's next part) must not take them as they are, but learn them again with its
    /// key bits, and count what the full decoder counts.
    @Test func groupsLearntForRecordsAreLearntAgainWithTheKeyBitsOfATable() throws {
        let header = "forbund,insats,period,kon,status,avslutsorsak,antal\n"
        let lines = String(repeating: "F,A,2023H1,kvinna,avslutad,arbete,1\nF,B,2023H2,man,pagaende,,2\n", count: 10)
        var decoder = RecordDecoder(catalogues: .builtIn)
        decoder.collectsKeys = false
        var summary = FileSummary(file: "t.csv", delimiter: UInt8(ascii: ","))
        let layout = try #require(decoder.readHeader(CSVReader(bytes: Array(header.utf8), fileName: "t.csv"), summary: &summary))
        var known = KnownCells(layout: layout)
        var answers: [Int8] = []
        var records = RecordingSink()
        var table = AggregateTable(by: nil, catalogues: .builtIn)
        let taken = Array(lines.utf8).withUnsafeBufferPointer { bytes in
            [
                decoder.decodeKnownLines(
                    bytes, layout: layout, delimiter: UInt8(ascii: ","), encoding: .utf8, known: &known, answers: &answers,
                    into: &records, summary: &summary
                ).lines,
                decoder.decodeKnownLines(
                    bytes, layout: layout, delimiter: UInt8(ascii: ","), encoding: .utf8, known: &known, answers: &answers,
                    into: &table, summary: &summary
                ).lines,
            ]
        }
        #expect(taken == [20, 20])
        #expect(records.deltagare.count == 20)
        table.flush()
        let counted = String(decoding: AggregateWriter(table: table, names: decoder.names, catalogues: .builtIn).deltagare(.csv), as: UTF8.self)
        let full = aggregated(Array((header + lines).utf8), knownCells: false, chunkBytes: 4096, by: nil, dimensions: [])
        #expect(counted == full[0])
        #expect(counted.contains(",10\n") && counted.contains(",20\n"))
    }

    /// The common lane hands a table packed keys and leaves the units (förbund, insats, period) unnoted: a
    /// decoder that notes them (the store's) reads a table's lines the careful way, and every unit is noted.
    @Test func aTableWhoseDecoderNotesTheUnitsHasEveryUnitNoted() {
        let text =
            "forbund,insats,period,kon,status,avslutsorsak,antal\n"
            + String(repeating: "F,A,2023H1,kvinna,avslutad,arbete,1\nF,B,2023H2,man,pagaende,,2\n", count: 200) + "F,C,2022H2,man,pagaende,,1\n"
        var decoder = RecordDecoder(catalogues: .builtIn)
        var table = AggregateTable(by: nil, catalogues: .builtIn)
        let summary = decoder.decode(CSVReader(bytes: Array(text.utf8), fileName: "t.csv"), into: &table)
        let n = decoder.name
        #expect(summary.keys.map { "\(n($0.forbund))/\(n($0.insats))/\($0.period)" }.sorted() == ["F/A/2023H1", "F/B/2023H2", "F/C/2022H2"])
        #expect(summary.rows == 401)
    }
}
