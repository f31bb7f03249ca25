import FinsamTestSupport
import Testing
@testable import FinsamKit

/// Random tables written in each dialect read back as the same table, with every cell where it was written.
@Suite struct RoundTripPropertyTests {
    struct Dialect: Sendable, CustomStringConvertible {
        var name: String
        var delimiter: Character
        var lineEnd: String
        var encoding: SourceEncoding
        var bom: Bool
        var description: String { name }
    }

    static let dialects = [
        Dialect(name: "Excel CSV UTF-8", delimiter: ";", lineEnd: "\r\n", encoding: .utf8, bom: true),
        Dialect(name: "Excel semikolonavgränsad", delimiter: ";", lineEnd: "\r\n", encoding: .windows1252, bom: false),
        Dialect(name: "plain", delimiter: ",", lineEnd: "\n", encoding: .utf8, bom: false),
        Dialect(name: "old Mac", delimiter: ";", lineEnd: "\r", encoding: .windows1252, bom: false),
    ]

    static let alphabet: [String] = ["a", "B", "7", " ", "å", "Ä", "ö", "é", ";", ",", "\"", "\r\n", "\n", "\r", "–", "€", "x"]

    func randomCell(_ generator: inout SeededGenerator) -> String {
        let length = Int.random(in: 0...6, using: &generator)
        return (0..<length).map { _ in Self.alphabet.randomElement(using: &generator)! }.joined()
    }

    /// Writes the table and returns its bytes with where each cell starts (line, column in characters).
    func write(_ table: [[String]], _ dialect: Dialect) -> ([UInt8], [[SourcePosition]]) {
        var text = "", positions: [[SourcePosition]] = []
        var line = 1, column = 1
        func advance(_ s: String) {
            var previousCR = false
            for scalar in s.unicodeScalars {
                if scalar == "\n" && previousCR {
                    previousCR = false
                    continue
                }
                previousCR = scalar == "\r"
                if scalar == "\n" || scalar == "\r" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            text += s
        }
        for row in table {
            var rowPositions: [SourcePosition] = []
            for (i, cell) in row.enumerated() {
                if i > 0 { advance(String(dialect.delimiter)) }
                rowPositions.append(SourcePosition(line: line, column: column))
                advance(CSVWriter.quoted(cell, delimiter: dialect.delimiter))
            }
            positions.append(rowPositions)
            advance(dialect.lineEnd)
        }
        let body = dialect.encoding == .utf8 ? Array(text.utf8) : SourceEncoding.windows1252Bytes(of: text)!
        return ((dialect.bom ? [0xEF, 0xBB, 0xBF] : []) + body, positions)
    }

    @Test(arguments: dialects)
    func randomTablesReadBackTheSame(dialect: Dialect) {
        for seed in 0..<150 {
            var generator = SeededGenerator(seed: UInt64(seed))
            // Two columns at least: a one-column file has no delimiter to detect (real files have four or more).
            let columns = Int.random(in: 2...5, using: &generator)
            // The header names plain columns (as real headers do), so that the delimiter is detected from it.
            var table = [(0..<columns).map { "kolumn\($0)" }]
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                table.append((0..<columns).map { _ in randomCell(&generator) })
            }
            let (bytes, positions) = write(table, dialect)
            for chunk in [3, 17, 1 << 20] {
                let read = records(bytes, chunkBytes: chunk)
                #expect(read.reader.problems.isEmpty, "seed \(seed)")
                #expect(read.cells == table, "seed \(seed) chunk \(chunk)")
                #expect(read.positions == positions, "seed \(seed) chunk \(chunk)")
            }
        }
    }
}
