/// The background dimensions a förbund follows beyond kön (DOMAIN §4.5), as data: `dimensioner.json`,
/// schema `Schemas/dimensioner.schema.json`. Each dimension is an optional column of `deltagare` files (and
/// of `indikatorsvar` and `uppfoljning` files, so that survey and follow-up goals may follow a background
/// group) with its codes, labels and folds (named unions of codes, such as `unga`); `aldersgrupp` is one of
/// them, so a förbund may define its own age bands.
///
/// A förbund's file replaces the built-in definition of the dimensions it lists and keeps the others
/// (``merged(with:)``).
public struct DimensionCatalogue: Sendable, Codable {
    public enum AppliesTo: String, Sendable, Codable {
        /// Every deltagare may have a value.
        case all
        /// Only avslutade: a value on a pågående row is an error.
        case avslutad
    }

    public struct Code: Sendable, Codable, Hashable {
        public var code: String
        public var label: String
        var aliases: [String]?

        enum CodingKeys: String, StrictCodingKey { case code, label, aliases }
    }

    public struct Fold: Sendable, Codable, Hashable {
        public var id: String
        public var label: String
        var codes: [String]

        enum CodingKeys: String, StrictCodingKey { case id, label, codes }
    }

    public struct Dimension: Sendable, Codable {
        public var id: String
        public var label: String
        var appliesTo: AppliesTo
        var codes: [Code]
        var folds: [Fold]?

        enum CodingKeys: String, StrictCodingKey { case id, label, appliesTo, codes, folds }

        /// Index of each code, by its code, label or alias (folded as every vocabulary is).
        var vocabulary: Vocabulary<Int> {
            Vocabulary(codes.enumerated().map { i, code in (code.code, [code.label] + (code.aliases ?? []), i) })
        }

        /// The code indexes a code, a fold or a span of range codes (``span(_:)``) stands for; `nil` when the
        /// dimension knows none of them.
        func indexes(_ text: String) -> [Int]? {
            let folded = TextFolding.fold(text)
            if let fold = (folds ?? []).first(where: { TextFolding.fold($0.id) == folded || TextFolding.fold($0.label) == folded }) {
                return fold.codes.compactMap { c in codes.firstIndex { $0.code == c } }
            }
            return vocabulary.lookup(text).map { [$0] } ?? span(text)
        }

        /// Bands written as a span of codes that are ranges (`16-29` for `16-19`, `20-24`, `25-29`): from the code
        /// that starts with the span's start to the one that ends with its end; `nil` when none fit.
        func span(_ text: String) -> [Int]? {
            let ends = text.trimmingSpaces.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2, let from = Int(ends[0]), let to = Int(ends[1]) else { return nil }
            func bounds(_ code: String) -> (Int, Int)? {
                let parts = code.split(separator: "-", omittingEmptySubsequences: false)
                guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
                return (a, b)
            }
            guard let first = codes.firstIndex(where: { bounds($0.code)?.0 == from }),
                let last = codes.firstIndex(where: { bounds($0.code)?.1 == to }), first <= last
            else { return nil }
            return Array(first...last)
        }

        /// The codes and folds a goal's scope may name, for messages.
        var scopeCodes: [String] { codes.map(\.code) + (folds ?? []).map(\.id) }
    }

    public var version: Int
    public var dimensions: [Dimension]

    enum CodingKeys: String, StrictCodingKey { case schema = "$schema", version, dimensions }

    public init(version: Int = 1, dimensions: [Dimension]) {
        self.version = version
        self.dimensions = dimensions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        dimensions = try c.decode([Dimension].self, forKey: .dimensions)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(dimensions, forKey: .dimensions)
    }

    /// The id of the age dimension, which files and reports have always had.
    static let aldersgruppID = "aldersgrupp"

    /// The age bands (``Aldersgrupp`` values index its codes).
    public var aldersgrupp: Dimension {
        dimensions.first { $0.id == Self.aldersgruppID }
            ?? Dimension(id: Self.aldersgruppID, label: "Åldersgrupp", appliesTo: .all, codes: [], folds: nil)
    }

    /// The dimensions other than åldersgrupp: a row's ``DimensionCodes`` slot `i` is `extra[i]`.
    public var extra: [Dimension] { dimensions.filter { $0.id != Self.aldersgruppID } }

    /// The slot in ``extra`` of the dimension `id` (any spelling), `nil` when unknown.
    public func slot(of id: String) -> Int? {
        let folded = TextFolding.fold(id)
        return extra.firstIndex { TextFolding.fold($0.id) == folded }
    }

    /// This catalogue with `other`'s dimensions replacing those of the same id; new ones are added at the end.
    func merged(with other: DimensionCatalogue) -> DimensionCatalogue {
        var result = self
        for dimension in other.dimensions {
            if let i = result.dimensions.firstIndex(where: { $0.id == dimension.id }) {
                result.dimensions[i] = dimension
            } else {
                result.dimensions.append(dimension)
            }
        }
        return result
    }

    /// At most this many dimensions besides åldersgrupp (one byte each of a row's ``DimensionCodes``).
    static let maximumExtra = DimensionCodes.capacity
    /// At most this many codes per dimension (a group key gives a dimension at most six bits).
    static let maximumCodes = 62

    /// What is wrong with the catalogue beyond its JSON shape: repeated ids or codes, folds naming unknown
    /// codes, too many dimensions or codes, a dimension named like a fixed column.
    public func problems(file: String) -> [Problem] {
        var problems: [Problem] = []
        func add(_ path: String, _ message: String) { problems.append(Problem(file: file, position: nil, message: "\(path): \(message)")) }
        var ids = Set<String>()
        var idWords = CatalogueAmbiguity()
        let fixed: Set<String> = ["forbund", "insats", "period", "kon", "ny", "status", "avslutsorsak", "stegforflyttning", "antal", "enkat"]
        for (d, dimension) in dimensions.enumerated() {
            if !ids.insert(dimension.id).inserted { add("dimensions[\(d)].id", "dimensionen \"\(dimension.id)\" finns redan") }
            idWords.add(entry: d, words: [.init(path: "dimensions[\(d)].id", text: dimension.id, isCode: true)], what: "dimension")
            var words = CatalogueAmbiguity()
            var firsts = Set<String>()
            for (i, code) in dimension.codes.enumerated() where firsts.insert(code.code).inserted {
                let at = "dimensions[\(d)].codes[\(i)]"
                words.add(
                    entry: i,
                    words: [.init(path: "\(at).code", text: code.code, isCode: true), .init(path: "\(at).label", text: code.label, isCode: false)]
                        + (code.aliases ?? []).enumerated().map { .init(path: "\(at).aliases[\($0.offset)]", text: $0.element, isCode: false) },
                    what: "kod")
            }
            for (f, fold) in (dimension.folds ?? []).enumerated() where !dimension.codes.contains(where: { $0.code == fold.id }) {
                let at = "dimensions[\(d)].folds[\(f)]"
                words.add(
                    entry: dimension.codes.count + f,
                    words: [.init(path: "\(at).id", text: fold.id, isCode: true), .init(path: "\(at).label", text: fold.label, isCode: false)],
                    what: "kod")
            }
            for message in words.messages { problems.append(Problem(file: file, position: nil, message: message)) }
            if fixed.contains(TextFolding.fold(dimension.id)) {
                add("dimensions[\(d)].id", "väntade ett eget namn, fann \"\(dimension.id)\" som redan är en kolumn i deltagarfilen")
            }
            if dimension.codes.count > Self.maximumCodes {
                add("dimensions[\(d)].codes", "väntade högst \(Self.maximumCodes) koder, fann \(dimension.codes.count)")
            }
            var seen = Set<String>()
            for (i, code) in dimension.codes.enumerated() where !seen.insert(code.code).inserted {
                add("dimensions[\(d)].codes[\(i)].code", "koden \"\(code.code)\" finns redan")
            }
            for (f, fold) in (dimension.folds ?? []).enumerated() {
                if seen.contains(fold.id) { add("dimensions[\(d)].folds[\(f)].id", "väntade ett namn som inte är en kod, fann \"\(fold.id)\"") }
                for (j, code) in fold.codes.enumerated() where !seen.contains(code) {
                    add("dimensions[\(d)].folds[\(f)].codes[\(j)]", "väntade \(Vocabulary<Int>.list(dimension.codes.map(\.code))), fann \"\(code)\"")
                }
            }
        }
        for message in idWords.messages { problems.append(Problem(file: file, position: nil, message: message)) }
        if extra.count > Self.maximumExtra {
            add("dimensions", "väntade högst \(Self.maximumExtra) dimensioner utöver aldersgrupp, fann \(extra.count)")
        }
        return problems
    }
}

/// A row's codes of the dimensions besides åldersgrupp: one byte per ``DimensionCatalogue/extra`` slot,
/// 0 for no value, else the code's index + 1. Two words (16 slots), so a förbund may add ten dimensions of
/// its own to the six built in while a record stays small and hashes fast.
public struct DimensionCodes: Sendable, Hashable {
    /// Slots 0–7 and 8–15, one byte each.
    var low: UInt64 = 0, high: UInt64 = 0

    /// How many slots the two words hold.
    static let capacity = 16

    public init() {}

    /// The raw byte of `slot`: 0 for no value, else the code's index + 1.
    @inline(__always)
    func byte(_ slot: Int) -> UInt64 {
        (slot < 8 ? low : high) >> UInt64((slot & 7) * 8) & 0xFF
    }

    /// The code index in slot `slot`, `nil` when the row has none.
    @inline(__always)
    public subscript(slot: Int) -> Int? {
        get {
            let v = Int(byte(slot))
            return v == 0 ? nil : v - 1
        }
        set {
            let shift = UInt64((slot & 7) * 8)
            let value = UInt64((newValue ?? -1) + 1) << shift
            if slot < 8 { low = low & ~(0xFF << shift) | value } else { high = high & ~(0xFF << shift) | value }
        }
    }

    /// A mask with every bit of `slots`' bytes set (``intersects(_:)`` tests a row against it).
    static func mask(_ slots: some Sequence<Int>) -> DimensionCodes {
        var mask = DimensionCodes()
        for slot in slots { mask[slot] = 0xFE }
        return mask
    }

    /// Whether the row has a value in any slot of `mask`.
    @inline(__always)
    func intersects(_ mask: DimensionCodes) -> Bool { low & mask.low | high & mask.high != 0 }

    public var isEmpty: Bool { low | high == 0 }
}
