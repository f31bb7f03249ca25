import Foundation

/// Reads the JSON files a förbund edits by hand (catalogues, register, goals) and turns decoding errors
/// into messages that name the file and the place inside it (`goals[1].measure.combine`).
public enum JSONFile {
    public static func load<T: Decodable>(_ type: T.Type, from path: String) throws(Problem) -> T {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Problem(file: path, position: nil, message: "kan inte läsa filen: \(error.localizedDescription)")
        }
        return try decode(type, from: data, name: path)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, name: String) throws(Problem) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw Problem(file: name, position: nil, message: describe(error))
        } catch {
            throw Problem(file: name, position: nil, message: "väntade JSON, fann något annat (\(error.localizedDescription))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.reduce("") { partial, key in
                if let index = key.intValue { return partial + "[\(index)]" }
                return partial.isEmpty ? key.stringValue : partial + "." + key.stringValue
            }
            return text.isEmpty ? "filen" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath)): saknar fältet \"\(key.stringValue)\""
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): väntade \(typeName(type)), fann något annat"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "väntade giltig JSON: \(context.debugDescription)" }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "en text"
        case is Int.Type, is Int64.Type: "ett heltal"
        case is Double.Type: "ett tal"
        case is Bool.Type: "true eller false"
        default: "\(type)"
        }
    }
}

/// Decodes a closed set of string codes with a message that lists the valid ones.
public protocol CodedEnum: RawRepresentable<String>, CaseIterable, Codable {}

extension CodedEnum {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            let valid = Vocabulary<Int>.list(Self.allCases.map(\.rawValue))
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "väntade \(valid), fann \"\(text)\""))
        }
        self = value
    }
}

/// One step of a path into a JSON document: a member of an object or an element of an array.
public enum JSONPathStep: Sendable, Equatable {
    case key(String)
    case index(Int)
}

/// Finds where a value stands in a JSON document's text, so that a check made after decoding (a negative
/// budget, a name used twice) can say `FILE:LINE:COL` as the CSV checks do. Reads only as far as the value.
public enum JSONLocator {
    /// The line and column (in characters, 1-based) of the value at `path`, or `nil` when there is none.
    public static func position(of path: [JSONPathStep], in bytes: [UInt8]) -> SourcePosition? {
        var scanner = Scanner(bytes: bytes)
        guard let offset = scanner.find(path[...]) else { return nil }
        var line = 1, lineStart = 0
        for i in 0..<offset where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        let column = bytes[lineStart..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return SourcePosition(line: line, column: column)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        }

        func at(_ c: Unicode.Scalar) -> Bool { i < bytes.count && bytes[i] == UInt8(ascii: c) }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        mutating func find(_ path: ArraySlice<JSONPathStep>) -> Int? {
            skipSpace()
            guard let step = path.first else { return i < bytes.count ? i : nil }
            switch step {
            case .key(let wanted):
                guard at("{") else { return nil }
                i += 1
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard at(":") else { return nil }
                    i += 1
                    if key == wanted { return find(path.dropFirst()) }
                    guard skipValue() else { return nil }
                    skipSpace()
                    guard at(",") else { return nil }
                    i += 1
                }
            case .index(let wanted):
                guard at("[") else { return nil }
                i += 1
                var index = 0
                while true {
                    skipSpace()
                    if at("]") { return nil }
                    if index == wanted { return find(path.dropFirst()) }
                    guard skipValue() else { return nil }
                    skipSpace()
                    guard at(",") else { return nil }
                    i += 1
                    index += 1
                }
            }
        }

        /// The string starting at `i`, unescaped as JSON does; `i` moves past it.
        mutating func string() -> String? {
            guard at("\"") else { return nil }
            let start = i
            i += 1
            while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard i < bytes.count else { return nil }
            i += 1
            return try? JSONDecoder().decode(String.self, from: Data(bytes[start..<i]))
        }

        /// Moves past the value starting at `i` (strings, objects and arrays by their brackets, the rest to the
        /// next delimiter).
        mutating func skipValue() -> Bool {
            skipSpace()
            guard i < bytes.count else { return false }
            if at("\"") { return string() != nil }
            var depth = 0
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return true }
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        return true
                    }
                case UInt8(ascii: ","):
                    if depth == 0 { return true }
                default:
                    break
                }
                i += 1
            }
            return depth == 0
        }
    }
}
