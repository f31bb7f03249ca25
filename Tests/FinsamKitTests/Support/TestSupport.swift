import FinsamTestSupport
import Foundation
@testable import FinsamKit

/// The sample förbund's register and goals, read with FinsamKit.
extension Repository {
    static var blekinge: Register { try! JSONFile.load(Register.self, from: path("SampleData/forbund-blekinge.json")) }
    static var blekingeGoals: GoalFile { try! JSONFile.load(GoalFile.self, from: path("SampleData/mal-blekinge.json")) }
}

/// Decodes CSV text (UTF-8) as a file named `name`.
func load(_ text: String, name: String = "test.csv", register: Register? = nil) -> (Dataset, [Problem]) {
    Dataset.load([.bytes(Array(text.utf8), name: name)], catalogues: .builtIn, register: register)
}

/// The problems of CSV text as "LINE:COL message" lines.
func problems(_ text: String, register: Register? = nil) -> [String] {
    load(text, register: register).1.map { "\($0.position?.description ?? "-") \($0.message)" }
}

/// All records of `bytes`, as arrays of cell strings with their positions.
func records(_ bytes: [UInt8], chunkBytes: Int = CSVReader.defaultChunkBytes) -> (cells: [[String]], positions: [[SourcePosition]], reader: CSVReader)
{
    let reader = CSVReader(bytes: bytes, fileName: "t.csv", chunkBytes: chunkBytes)
    var cells: [[String]] = [], positions: [[SourcePosition]] = []
    while reader.next() {
        cells.append(reader.fields.indices.map { reader.string($0) })
        positions.append(reader.fields.map(\.position))
    }
    return (cells, positions, reader)
}
