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
