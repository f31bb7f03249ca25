/// The accepted spellings of a closed set of values: each value's code, its Swedish label and any aliases,
/// compared with ``TextFolding``.
///
/// Lookup on bytes tries the exact canonical spellings first (a few `memcmp`s, no allocation), because
/// generated and exported files almost always use them; only other spellings pay for folding.
public struct Vocabulary<Value: Sendable>: Sendable {
    private var exact: [([UInt8], Value)] = []
    private var folded: [String: Value] = [:]
    /// The codes, in order, for "expected …" messages.
    private(set) var codes: [String] = []
    /// What a user types and a template's drop-down lists, in order: the codes unless ``labelled(_:)``
    /// gave Swedish labels (`pågående`, `Arbete med stöd`). Every label is one of the accepted spellings.
    private(set) var labels: [String] = []

    public init(_ entries: [(code: String, spellings: [String], value: Value)]) {
        for entry in entries {
            codes.append(entry.code)
            labels.append(entry.code)
            exact.append((Array(entry.code.utf8), entry.value))
            for spelling in [entry.code] + entry.spellings {
                folded[TextFolding.fold(spelling)] = entry.value
            }
        }
    }

    /// Looks up a cell's bytes (already trimmed), decoding them with `encoding` if no exact match.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, encoding: SourceEncoding?) -> Value? {
        for (candidate, value) in exact where candidate.count == bytes.count {
            if candidate.withUnsafeBufferPointer({ memoryEqual($0.baseAddress!, bytes.baseAddress, bytes.count) }) { return value }
        }
        var utf8: [UInt8] = []
        (encoding ?? .utf8).appendUTF8(of: bytes, to: &utf8)
        return folded[TextFolding.fold(String(decoding: utf8, as: UTF8.self))]
    }

    /// Looks up a value as typed in a configuration file (any spelling, case and å/ä/ö folded).
    func lookup(_ text: some StringProtocol) -> Value? { folded[TextFolding.fold(text)] }

    /// The same vocabulary, its values shown as `labels` (one per code, in order), which are accepted too.
    func labelled(_ labels: [String]) -> Vocabulary {
        var copy = self
        for (label, entry) in zip(labels, exact) where copy.folded[TextFolding.fold(label)] == nil {
            copy.folded[TextFolding.fold(label)] = entry.1
        }
        copy.labels = labels.count == codes.count ? labels : codes
        return copy
    }

    /// "kvinna, man eller annat": the labels a user types, quoted when one has a space or a comma.
    public var expected: String {
        let quoted = labels.contains { $0.contains(" ") || $0.contains(",") }
        return Self.list(quoted ? labels.map { "\"\($0)\"" } : labels)
    }

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
