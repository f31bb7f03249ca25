/// The accepted spellings of a closed set of values: each value's code, its Swedish label and any aliases,
/// compared with ``TextFolding``.
///
/// Lookup on bytes tries the exact canonical spellings first (a few `memcmp`s, no allocation), because
/// generated and exported files almost always use them; only other spellings pay for folding.
public struct Vocabulary<Value: Sendable>: Sendable {
    private var exact: [([UInt8], Value)] = []
    private var folded: [String: Value] = [:]
    /// The codes, in order, for "expected …" messages.
    public private(set) var codes: [String] = []

    public init(_ entries: [(code: String, spellings: [String], value: Value)]) {
        for entry in entries {
            codes.append(entry.code)
            exact.append((Array(entry.code.utf8), entry.value))
            for spelling in [entry.code] + entry.spellings {
                folded[TextFolding.fold(spelling)] = entry.value
            }
        }
    }

    /// Looks up a cell's bytes (already trimmed), decoding them with `encoding` if no exact match.
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>, encoding: SourceEncoding?) -> Value? {
        for (candidate, value) in exact where candidate.count == bytes.count {
            if candidate.withUnsafeBufferPointer({ memoryEqual($0.baseAddress!, bytes.baseAddress, bytes.count) }) { return value }
        }
        var utf8: [UInt8] = []
        (encoding ?? .utf8).appendUTF8(of: bytes, to: &utf8)
        return folded[TextFolding.fold(String(decoding: utf8, as: UTF8.self))]
    }

    /// Looks up a value as typed in a configuration file (any spelling, case and å/ä/ö folded).
    public func lookup(_ text: some StringProtocol) -> Value? { folded[TextFolding.fold(text)] }

    /// "kvinna, man eller annat".
    public var expected: String { Self.list(codes) }

    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " eller " + items.last!
    }
}

extension StringProtocol {
    var trimmingSpaces: SubSequence {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
