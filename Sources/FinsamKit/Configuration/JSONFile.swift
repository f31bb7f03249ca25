import Foundation

/// Reads the JSON files a förbund edits by hand (catalogues, register, goals) strictly: positions kept
/// (``JSONValue``), unknown keys refused (``StrictDecoder``), every message led by the file, line and column
/// and the place inside the document (`mal.json:7:9: fel: goals[1].measure: …`).
public enum JSONFile {
    /// Reads and decodes the file at `path`.
    ///
    /// - Returns: the decoded value.
    /// - Throws: a ``Problem``: the file cannot be read, is not JSON, or does not have the type's shape.
    public static func load<T: Decodable>(_ type: T.Type, from path: String) throws(Problem) -> T {
        do {
            return try document(type, from: path).value
        } catch {
            throw error.problems[0]
        }
    }

    /// Like ``load(_:from:)``, and also returns the parsed document, so that checks beyond the JSON shape
    /// (codes, ranges) can point at the value they are about.
    ///
    /// - Returns: the decoded value and the document it came from.
    /// - Throws: the problems: every unknown key and the first other mistake, or why the file cannot be read.
    public static func document<T: Decodable>(_ type: T.Type, from path: String) throws(ValidationFailure) -> (value: T, document: JSONValue) {
        let data: Data
        do {
            data = Data(try FileSystem.contents(atPath: path, limit: maximumBytes))
        } catch {
            throw ValidationFailure([
                Problem(file: displayName(path), position: nil, message: FileSystem.unreadable(error), isIOFailure: true)
            ])
        }
        return try document(type, from: data, name: displayName(path))
    }

    /// The largest configuration file read (a register, goals, a catalogue, rules): far above any real one
    /// (kilobytes), and a bound on what a link to `/dev/zero` or a pipe without end can make finsam hold.
    public static let maximumBytes = 32 << 20

    /// The name messages give the file at `path`: the path, with any personal datum in it redacted
    /// (issue #25 item 9: a configuration file's name is printed with every problem in it).
    public static func displayName(_ path: String) -> String {
        PersonalDataDetector.redactedName(path) ?? path
    }

    /// Decodes bytes already in memory, reported as the file `name`.
    ///
    /// - Returns: the decoded value.
    /// - Throws: a ``Problem`` at the place of the first mistake.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, name: String) throws(Problem) -> T {
        do {
            return try document(type, from: data, name: name).value
        } catch {
            throw error.problems[0]
        }
    }

    /// - Returns: the decoded value and the document it came from.
    /// - Throws: every unknown key and the first other mistake, each at its place.
    public static func document<T: Decodable>(_ type: T.Type, from data: Data, name: String) throws(ValidationFailure) -> (
        value: T, document: JSONValue
    ) {
        let root: JSONValue
        do { root = try JSONValue.parse(Array(data), file: name) } catch { throw ValidationFailure([error]) }
        if T.self is any CheckedConfiguration.Type {
            // Before decoding: no message about a key or a value may repeat personal data.
            let problems = ConfigurationText.problems(in: root, file: name)
            guard problems.isEmpty else { throw ValidationFailure(problems) }
        }
        return (try StrictDecoder.decodeAll(type, from: root, file: name), root)
    }

    /// Gives problems found after decoding ("insatser[2].budget: …") the line and column of the value their
    /// path names, when they have none.
    ///
    /// - Returns: the problems, positioned where the document allows.
    static func locating(_ problems: [Problem], in document: JSONValue) -> [Problem] {
        problems.map { problem in
            guard problem.position == nil, let colon = problem.message.range(of: ": ") else { return problem }
            let path = String(problem.message[..<colon.lowerBound])
            guard !path.isEmpty, path.allSatisfy({ $0.isLetter || $0.isNumber || "$_.[]-".contains($0) }) else { return problem }
            var located = problem
            located.position = document.value(at: path).position
            return located
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
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "väntade \(valid), fann \"\(text)\""))
        }
        self = value
    }
}
