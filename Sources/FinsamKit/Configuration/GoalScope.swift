/// Which deltagare or forms a goal is about (DOMAIN §5 `scope`, and `where` of a `deltagarShare`): every
/// key restricts the population, a list means "any of". Codes are checked against the vocabularies when the
/// goal file is loaded, so a goal is never computed over another population than the one its author wrote.
public struct GoalScope: Sendable, Hashable, Codable {
    /// Insats ids or names (checked against the register, or the data when there is none).
    public var insats: [String]?
    /// `kvinna`, `man`, `annat` (or any spelling the files accept).
    public var kon: [String]?
    /// Åldersgrupper or folds of the catalogue's `aldersgrupp`: `16-19` … `60-64`, `unga` (16–29), `30-64`.
    public var aldersgrupp: [String]?
    /// `ja` (enrolled within the period) or `nej`.
    public var ny: [String]?

    /// Background dimensions of §4.5 besides åldersgrupp, by id: codes or folds (`malgrupp: ["nyanland"]`).
    /// Checked against the dimension catalogue when the goal file is loaded.
    public var dimensions: [String: [String]] = [:]

    public init(
        insats: [String]? = nil, kon: [String]? = nil, aldersgrupp: [String]? = nil, ny: [String]? = nil,
        dimensions: [String: [String]] = [:]
    ) {
        self.insats = insats
        self.kon = kon
        self.aldersgrupp = aldersgrupp
        self.ny = ny
        self.dimensions = dimensions
    }

    enum CodingKeys: String, StrictCodingKey {
        case insats, kon, aldersgrupp, ny

        /// The fixed keys and the dimensions of the catalogue the goal file is read with: a scope is decoded
        /// strictly, every unknown key reported with the others of the file.
        static var keyNames: [String] { allCases.map(\.rawValue) + GoalScope.decodingDimensions.extra.map(\.id) }
    }

    /// The dimension catalogue a goal file is being decoded with (``GoalFile/decode(_:name:catalogues:)``
    /// sets it): which keys a scope may have besides the fixed ones.
    @TaskLocal static var decodingDimensions = BuiltInDimensions.catalogue

    /// Any key: the fixed ones, and the dimensions' ids (which the catalogue decides, so they are checked
    /// after decoding, at their place in the file: see `GoalFile+Problems.swift`).
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: CodingKeys.self)  // the strict check of the keys
        let c = try decoder.container(keyedBy: AnyKey.self)
        func list(_ key: AnyKey) throws -> [String]? {
            guard c.contains(key) else { return nil }
            if let one = try? c.decode(String.self, forKey: key) { return [one] }
            return try c.decode([String].self, forKey: key)
        }
        insats = try list(AnyKey(stringValue: "insats"))
        kon = try list(AnyKey(stringValue: "kon"))
        aldersgrupp = try list(AnyKey(stringValue: "aldersgrupp"))
        ny = try list(AnyKey(stringValue: "ny"))
        for key in c.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
            dimensions[key.stringValue] = try list(key)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        for (key, value) in [("insats", insats), ("kon", kon), ("aldersgrupp", aldersgrupp), ("ny", ny)] {
            if let value { try c.encode(value, forKey: AnyKey(stringValue: key)) }
        }
        for (key, value) in dimensions.sorted(by: { $0.key < $1.key }) { try c.encode(value, forKey: AnyKey(stringValue: key)) }
    }

    /// Whether the scope restricts nothing.
    public var isEmpty: Bool { insats == nil && kon == nil && aldersgrupp == nil && ny == nil && dimensions.isEmpty }

    /// The keys a scope may have with `catalogue`, as messages list them.
    public static func keys(_ catalogue: DimensionCatalogue) -> [String] {
        CodingKeys.allCases.map(\.rawValue) + catalogue.extra.map(\.id)
    }
}
