/// Coding keys that list every key a JSON object may have. A type whose `CodingKeys` conform is decoded
/// strictly by ``StrictDecoder``: a key it does not list is an error naming the ones it does, so that a
/// misspelt `excludeFromDenominater` is never silently ignored.
public protocol StrictCodingKey: CodingKey, CaseIterable {
    /// The keys an object may have, in the order messages list them.
    static var keyNames: [String] { get }
}

extension StrictCodingKey {
    static var keyNames: [String] { allCases.map(\.stringValue) }
}

/// The unknown keys found so far: decoding goes on past them, so that a file's every misspelt key is
/// reported at once. Used by one decode on one thread.
private final class UnknownKeys {
    var errors: [StrictDecodingError] = []
}

/// A decoding mistake with the place in the file it belongs to.
struct StrictDecodingError: Error {
    var path: String
    var position: SourcePosition
    var message: String
}

/// Decodes `Decodable` values from a ``JSONValue`` so that every mistake has a line and a column: a wrong
/// type, a missing key, and (for types with ``StrictCodingKey`` keys) a key the type does not know.
///
///     let root = try JSONValue.parse(bytes, file: "mal.json")
///     let goals = try StrictDecoder.decode(GoalFile.self, from: root, file: "mal.json")
public enum StrictDecoder {
    /// - Returns: the decoded value.
    /// - Throws: a ``Problem`` at the place of the first mistake, its message led by the path
    ///   (`goals[0].measure: …`).
    public static func decode<T: Decodable>(_ type: T.Type, from root: JSONValue, file: String) throws(Problem) -> T {
        do {
            return try decodeAll(type, from: root, file: file)
        } catch {
            throw error.problems[0]
        }
    }

    /// Like ``decode(_:from:file:)``, but goes on past unknown keys, so that all of them are reported at once
    /// (with the first mistake that stops decoding, if any).
    ///
    /// - Returns: the decoded value.
    /// - Throws: every unknown key and the first other mistake, in file order.
    static func decodeAll<T: Decodable>(_ type: T.Type, from root: JSONValue, file: String) throws(ValidationFailure) -> T {
        let unknown = UnknownKeys()
        func problem(_ error: StrictDecodingError) -> Problem {
            Problem(file: file, position: error.position, message: error.path.isEmpty ? error.message : "\(error.path): \(error.message)")
        }
        var problems: [Problem] = []
        var value: T?
        do {
            value = try T(from: ValueDecoder(value: root, codingPath: [], unknown: unknown))
        } catch let error as StrictDecodingError {
            problems.append(problem(error))
        } catch let error as DecodingError {
            // Thrown by a type's own `init(from:)` (a code outside its list, a period that does not parse).
            let path = Self.path(Self.codingPath(of: error))
            problems.append(Problem(file: file, position: root.value(at: path).position, message: JSONFile.describe(error)))
        } catch {
            problems.append(Problem(file: file, position: nil, message: "\(error)"))
        }
        let first = problems
        for found in unknown.errors.map(problem) where !first.contains(found) { problems.append(found) }
        guard problems.isEmpty, let value else { throw ValidationFailure(capped(problems, file: file)) }
        return value
    }

    /// Most problems listed for one file: a hostile file can have a problem per key, and a list of 60 000
    /// helps no one (issue #25 item 16).
    static let maximumProblems = 1_000

    /// `problems`, the first ``maximumProblems`` of them and then a line counting the rest.
    static func capped(_ problems: [Problem], file: String) -> [Problem] {
        guard problems.count > maximumProblems else { return problems }
        return Array(problems.prefix(maximumProblems)) + [Problem.notShown(problems.count - maximumProblems, in: file)].compactMap { $0 }
    }

    static func codingPath(of error: DecodingError) -> [any CodingKey] {
        switch error {
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath
        @unknown default:
            []
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { partial, key in
            if let index = key.intValue { return partial + "[\(index)]" }
            return partial.isEmpty ? key.stringValue : partial + "." + key.stringValue
        }
    }
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

private func typeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "en text"
    case is Bool.Type: "true eller false"
    case is Double.Type, is Float.Type: "ett tal"
    case is any FixedWidthInteger.Type: "ett heltal"
    default: "ett värde"
    }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let unknown: UnknownKeys
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var path: String { StrictDecoder.path(codingPath) }

    func mismatch(_ expected: String) -> StrictDecodingError {
        StrictDecodingError(path: path, position: value.position, message: "väntade \(expected), fann \(value.described)")
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value.kind else { throw mismatch("ett objekt") }
        if let strict = Key.self as? any StrictCodingKey.Type {
            let valid = strict.keyNames
            for member in members where !valid.contains(member.key) {
                unknown.errors.append(
                    StrictDecodingError(
                        path: path, position: member.keyPosition,
                        message:
                            "okänt fält \"\(member.key)\": väntade \(Vocabulary<Int>.list(valid))"))
            }
        }
        return KeyedDecodingContainer(Keyed<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value.kind else { throw mismatch("en lista") }
        return Unkeyed(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

    func decodeNil() -> Bool { if case .null = value.kind { true } else { false } }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let b) = value.kind else { throw mismatch("true eller false") }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value.kind else { throw mismatch("en text") }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard case .number(let literal) = value.kind, let d = Double(literal) else { throw mismatch("ett tal") }
        // `1e400` reads as infinity, which no figure can be compared with (issue #25 item 10).
        guard d.isFinite else { throw mismatch("ett tal mellan −1e308 och 1e308") }
        return d
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case .number(let literal) = value.kind else { throw mismatch("ett heltal") }
        if let n = T(literal) { return n }
        if let d = Double(literal), d == d.rounded(), let n = T(exactly: d) { return n }
        throw mismatch("ett heltal")
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is Bool.Type: return try decode(Bool.self) as! T
        case is String.Type: return try decode(String.self) as! T
        case is Double.Type: return try decode(Double.self) as! T
        case is Float.Type: return Float(try decode(Double.self)) as! T
        case is Int.Type: return try decodeInteger(Int.self) as! T
        case is Int64.Type: return try decodeInteger(Int64.self) as! T
        case is Int32.Type: return try decodeInteger(Int32.self) as! T
        case is Int16.Type: return try decodeInteger(Int16.self) as! T
        case is Int8.Type: return try decodeInteger(Int8.self) as! T
        case is UInt.Type: return try decodeInteger(UInt.self) as! T
        default: return try T(from: self)
        }
    }

    func child(_ value: JSONValue, _ key: any CodingKey) -> ValueDecoder {
        ValueDecoder(value: value, codingPath: codingPath + [key], unknown: unknown)
    }
}

private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    let members: [JSONValue.Member]
    /// Each key's member: a dictionary decoded from an object of many keys looks each one up (linear, not
    /// quadratic, in the keys).
    let index: [String: Int]

    init(decoder: ValueDecoder, members: [JSONValue.Member]) {
        self.decoder = decoder
        self.members = members
        index = Dictionary(members.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { index[key.stringValue] != nil }

    func member(_ key: Key) throws -> ValueDecoder {
        guard let member = index[key.stringValue].map({ members[$0] }) else {
            throw StrictDecodingError(path: decoder.path, position: decoder.value.position, message: "saknar fältet \"\(key.stringValue)\"")
        }
        return decoder.child(member.value, key)
    }

    /// A key written as `null` is refused rather than read as absent: the schemas allow no `null`, and a
    /// reader should see that the key is left out, not guess what `null` means.
    func decodeNil(forKey key: Key) throws -> Bool {
        let value = try member(key)
        if value.decodeNil() {
            throw StrictDecodingError(
                path: value.path, position: value.value.position, message: "väntade ett värde, fann null: utelämna fältet i stället")
        }
        return false
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decode(type) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try member(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try member(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try member(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(key).decodeInteger(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try member(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try member(key) }
}

private struct Unkeyed: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let items: [JSONValue]
    var currentIndex = 0

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw StrictDecodingError(path: decoder.path, position: decoder.value.position, message: "listan har för få värden")
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], IndexKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex].kind else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct Single: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.decodeNil() }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.decode(type) }
    func decode(_ type: String.Type) throws -> String { try decoder.decode(type) }
    func decode(_ type: Double.Type) throws -> Double { try decoder.decode(type) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInteger(type) }
}
