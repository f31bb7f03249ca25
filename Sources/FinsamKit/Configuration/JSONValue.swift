import Foundation

/// A JSON document as read, every value with the place it starts: the configuration files are written by
/// hand, and a mistake in them must be reported as `mal.json:12:7`, which Foundation's `JSONSerialization`
/// cannot do (it keeps no positions and loses the order of keys).
public struct JSONValue: Sendable {
    public enum Kind: Sendable {
        /// Members in file order, each with the place of its key.
        case object([Member])
        case array([JSONValue])
        case string(String)
        /// The number as written, so that `2` and `2.0` and `1e3` can be told apart.
        case number(String)
        case bool(Bool)
        case null
    }

    public struct Member: Sendable {
        public var key: String
        var keyPosition: SourcePosition
        public var value: JSONValue
    }

    public var kind: Kind
    public var position: SourcePosition

    /// The member named `key` of an object, `nil` for anything else.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = kind { return members.first { $0.key == key }?.value }
        return nil
    }

    /// What the value is, in words for a message: `"abc"`, `1.5`, `en lista`, `ett objekt`.
    var described: String {
        switch kind {
        case .object: "ett objekt"
        case .array: "en lista"
        case .string(let text): "\"\(text)\""
        case .number(let literal): literal
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        }
    }

    /// The value at a path such as `goals[1].measure.enkat[0]`, or the deepest value on the way to it when
    /// the path leads out of the document.
    public func value(at path: String) -> JSONValue {
        var current = self
        for component in JSONValue.components(of: path) {
            switch component {
            case .key(let key):
                guard let next = current[key] else { return current }
                current = next
            case .index(let index):
                guard case .array(let items) = current.kind, items.indices.contains(index) else { return current }
                current = items[index]
            }
        }
        return current
    }

    /// The place of the key that ends `path` (`goals[0].scope`), or of its value when the path ends in an index.
    func keyPosition(at path: String) -> SourcePosition {
        var components = JSONValue.components(of: path)
        guard case .key(let key) = components.popLast() else { return value(at: path).position }
        let parent = value(at: JSONValue.text(of: components))
        if case .object(let members) = parent.kind, let member = members.first(where: { $0.key == key }) {
            return member.keyPosition
        }
        return parent.position
    }

    enum PathComponent: Equatable {
        case key(String)
        case index(Int)
    }

    static func components(of path: String) -> [PathComponent] {
        var result: [PathComponent] = []
        var name = ""
        var index: String?
        for c in path {
            if var digits = index {
                if c == "]" {
                    result.append(.index(Int(digits) ?? 0))
                    index = nil
                } else {
                    digits.append(c)
                    index = digits
                }
            } else if c == "." || c == "[" {
                if !name.isEmpty { result.append(.key(name)) }
                name = ""
                if c == "[" { index = "" }
            } else {
                name.append(c)
            }
        }
        if !name.isEmpty { result.append(.key(name)) }
        return result
    }

    static func text(of components: [PathComponent]) -> String {
        components.reduce(into: "") { text, component in
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
    }
}

extension JSONValue {
    /// Parses UTF-8 JSON (RFC 8259; a byte-order mark is skipped).
    ///
    ///     let value = try JSONValue.parse(Array(#"{"version": 2}"#.utf8), file: "mal.json")
    ///     value["version"]?.position  // 1:13
    ///
    /// - Returns: the document's root value.
    /// - Throws: a ``Problem`` at the line and column where the text stops being JSON.
    public static func parse(_ bytes: [UInt8], file: String) throws(Problem) -> JSONValue {
        var parser = JSONParser(bytes: bytes, file: file)
        return try parser.document()
    }
}

/// A recursive-descent reader over bytes that counts lines and columns (in characters) as it goes.
struct JSONParser {
    let bytes: [UInt8]
    let file: String
    var index = 0
    var line = 1
    var column = 1
    var depth = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    var position: SourcePosition { SourcePosition(line: line, column: column) }

    func fail(_ message: String, at position: SourcePosition? = nil) -> Problem {
        Problem(file: file, position: position ?? self.position, message: message)
    }

    var found: String {
        guard index < bytes.count else { return "filens slut" }
        let b = bytes[index]
        return b >= 0x20 && b < 0x7F ? "\"\(Character(Unicode.Scalar(b)))\"" : "ett tecken som inte hör hemma här"
    }

    mutating func advance() {
        let b = bytes[index]
        index += 1
        if b == 0x0A {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1  // a UTF-8 continuation byte does not start a character
        }
    }

    mutating func skipSpace() {
        while index < bytes.count, case let b = bytes[index], b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { advance() }
    }

    mutating func document() throws(Problem) -> JSONValue {
        skipSpace()
        let root = try value()
        skipSpace()
        guard index == bytes.count else { throw fail("väntade filens slut efter JSON-värdet, fann \(found)") }
        return root
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(Problem) {
        guard index < bytes.count, bytes[index] == byte else { throw fail("väntade \(what), fann \(found)") }
        advance()
    }

    mutating func value() throws(Problem) -> JSONValue {
        let start = position
        guard index < bytes.count else { throw fail("väntade ett JSON-värde, fann filens slut") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            depth += 1
            defer { depth -= 1 }
            guard depth < 200 else { throw fail("för djupt nästlad JSON") }
            advance()
            var members: [JSONValue.Member] = []
            // A set beside the list: a repeated key is found in O(1), not by a scan of the keys so far
            // (60 000 keys took 13.6 s, issue #25 item 16).
            var keys = Set<String>()
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                advance()
                return JSONValue(kind: .object(members), position: start)
            }
            while true {
                skipSpace()
                let keyPosition = position
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("väntade ett fältnamn inom \"\", fann \(found)") }
                let key = try string()
                if !keys.insert(key).inserted { throw fail("fältet \"\(key)\" finns redan i objektet", at: keyPosition) }
                skipSpace()
                try expect(UInt8(ascii: ":"), "\":\"")
                skipSpace()
                members.append(JSONValue.Member(key: key, keyPosition: keyPosition, value: try value()))
                skipSpace()
                guard index < bytes.count else { throw fail("väntade \",\" eller \"}\", fann filens slut") }
                if bytes[index] == UInt8(ascii: ",") {
                    try afterComma(closing: UInt8(ascii: "}"), previous: members.last?.value)
                    continue
                }
                try expect(UInt8(ascii: "}"), "\",\" eller \"}\"")
                return JSONValue(kind: .object(members), position: start)
            }
        case UInt8(ascii: "["):
            depth += 1
            defer { depth -= 1 }
            guard depth < 200 else { throw fail("för djupt nästlad JSON") }
            advance()
            var items: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                advance()
                return JSONValue(kind: .array(items), position: start)
            }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard index < bytes.count else { throw fail("väntade \",\" eller \"]\", fann filens slut") }
                if bytes[index] == UInt8(ascii: ",") {
                    try afterComma(closing: UInt8(ascii: "]"), previous: nil)
                    continue
                }
                try expect(UInt8(ascii: "]"), "\",\" eller \"]\"")
                return JSONValue(kind: .array(items), position: start)
            }
        case UInt8(ascii: "\""):
            return JSONValue(kind: .string(try string()), position: start)
        case UInt8(ascii: "t"):
            try literal("true")
            return JSONValue(kind: .bool(true), position: start)
        case UInt8(ascii: "f"):
            try literal("false")
            return JSONValue(kind: .bool(false), position: start)
        case UInt8(ascii: "n"):
            try literal("null")
            return JSONValue(kind: .null, position: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(kind: .number(try number()), position: start)
        default:
            throw fail("väntade ett JSON-värde, fann \(found)")
        }
    }

    /// Steps over the comma between two members or items, and names the two mistakes a hand-written file
    /// makes there in words: a comma before the closing bracket (allowed in JavaScript, not in JSON), and a
    /// decimal comma (`"target": 0,8`, as a Swedish keyboard writes it) that JSON reads as two fields.
    ///
    /// - Parameters:
    ///   - closing: `}` or `]`, the bracket a trailing comma stands before.
    ///   - previous: in an object, the value just read, a number when the comma may be a decimal comma.
    /// - Throws: the problem, at the comma.
    mutating func afterComma(closing: UInt8, previous: JSONValue?) throws(Problem) {
        let comma = position
        let commaIndex = index
        advance()
        skipSpace()
        guard index < bytes.count else { return }
        if bytes[index] == closing {
            let what = closing == UInt8(ascii: "}") ? "sista fältet" : "sista värdet"
            let bracket = Character(Unicode.Scalar(closing))
            throw fail("väntade inget kommatecken efter \(what), fann \",\" före \"\(bracket)\": ta bort kommatecknet", at: comma)
        }
        if case .number(let whole)? = previous?.kind, commaIndex > 0,
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[commaIndex - 1]), index == commaIndex + 1
        {
            var end = index
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            let fraction = String(decoding: bytes[index..<end], as: UTF8.self)
            if !fraction.isEmpty {
                throw fail(
                    "väntade ett tal, fann \"\(whole),\(fraction)\" med decimalkomma: skriv decimaltal med punkt: \(whole).\(fraction)",
                    at: previous?.position ?? comma)
            }
        }
    }

    mutating func literal(_ word: String) throws(Problem) {
        let start = position, startIndex = index
        for b in word.utf8 {
            guard index < bytes.count, bytes[index] == b else {
                let text = String(decoding: bytes[startIndex...].prefix(20).prefix { $0 >= 0x20 }, as: UTF8.self)
                throw fail("väntade ett JSON-värde (\(word), ett tal, en text, {…} eller […]), fann \"\(text)\"; är filen JSON?", at: start)
            }
            advance()
        }
    }

    mutating func number() throws(Problem) -> String {
        let start = index
        let startPosition = position
        func digits(_ p: inout JSONParser) -> Int {
            var n = 0
            while p.index < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.index]) { p.advance(); n += 1 }
            return n
        }
        if bytes[index] == UInt8(ascii: "-") { advance() }
        let whole = index
        guard digits(&self) > 0 else { throw fail("väntade en siffra, fann \(found)") }
        if bytes[whole] == UInt8(ascii: "0") && index - whole > 1 { throw fail("ett tal börjar inte med 0", at: startPosition) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            advance()
            guard digits(&self) > 0 else { throw fail("väntade en siffra efter decimalpunkten, fann \(found)") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            advance()
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { advance() }
            guard digits(&self) > 0 else { throw fail("väntade en siffra i exponenten, fann \(found)") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func string() throws(Problem) -> String {
        advance()  // the opening quote
        // The run of plain bytes up to the closing quote, an escape or a control character, taken at once (no
        // line break inside, so only the column moves: one per character, not per byte). Most texts are
        // nothing else: their bytes are the text, checked in place.
        let start = index
        var end = index
        while end < bytes.count, case let b = bytes[end], b != UInt8(ascii: "\""), b != UInt8(ascii: "\\"), b >= 0x20 { end += 1 }
        for b in bytes[start..<end] where b & 0xC0 != 0x80 { column += 1 }
        index = end
        /// The text of `utf8` once the closing quote is passed. The standard library's check, not Foundation's
        /// `String(bytes:encoding:)`, which cost about twenty times as much per byte (the built-in catalogues
        /// are parsed at every start).
        func text(_ utf8: some Collection<UInt8>) throws(Problem) -> String {
            guard let text = String(validating: utf8, as: UTF8.self) else { throw fail("texten är inte giltig UTF-8") }
            return text
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            advance()
            return try text(bytes[start..<end])
        }
        var out = Array(bytes[start..<end])
        while true {
            guard index < bytes.count else { throw fail("texten saknar avslutande \"") }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                advance()
                return try text(out)
            }
            if b < 0x20 { throw fail("ett radbyte eller styrtecken inuti en text ska skrivas med \\") }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                advance()
                continue
            }
            let escape = position
            advance()
            guard index < bytes.count else { throw fail("texten saknar avslutande \"") }
            let e = bytes[index]
            advance()
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4(escape)
                if (0xD800..<0xDC00).contains(code) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw fail("ett ensamt surrogat i \\u-koden", at: escape)
                    }
                    advance(); advance()
                    let low = try hex4(escape)
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("ett ensamt surrogat i \\u-koden", at: escape) }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw fail("ogiltig \\u-kod", at: escape) }
                out += Array(String(Character(scalar)).utf8)
            default:
                throw fail("okänd flyktsekvens i texten", at: escape)
            }
        }
    }

    mutating func hex4(_ escape: SourcePosition) throws(Problem) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue else {
                throw fail("väntade fyra hexadecimala siffror efter \\u", at: escape)
            }
            code = code * 16 + UInt32(digit)
            advance()
        }
        return code
    }
}
