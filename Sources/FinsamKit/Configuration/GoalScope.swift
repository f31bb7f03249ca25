/// Which deltagare or forms a goal is about (DOMAIN §5 `scope`, and `where` of a `deltagarShare`): every
/// key restricts the population, a list means "any of". Codes are checked against the vocabularies when the
/// goal file is loaded, so a goal is never computed over another population than the one its author wrote.
public struct GoalScope: Sendable, Hashable, Codable {
    /// Insats ids or names (checked against the register, or the data when there is none).
    public var insats: [String]?
    /// `kvinna`, `man`, `annat` (or any spelling the files accept).
    public var kon: [String]?
    /// Åldersgrupper or folds: `16-19` … `60-64`, `unga` (16–29), `30-64`.
    public var aldersgrupp: [String]?
    /// `ja` (enrolled within the period) or `nej`.
    public var ny: [String]?

    public init(insats: [String]? = nil, kon: [String]? = nil, aldersgrupp: [String]? = nil, ny: [String]? = nil) {
        self.insats = insats
        self.kon = kon
        self.aldersgrupp = aldersgrupp
        self.ny = ny
    }

    enum CodingKeys: String, StrictCodingKey { case insats, kon, aldersgrupp, ny }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func list(_ key: CodingKeys) throws -> [String]? {
            guard c.contains(key) else { return nil }
            if let one = try? c.decode(String.self, forKey: key) { return [one] }
            return try c.decode([String].self, forKey: key)
        }
        insats = try list(.insats)
        kon = try list(.kon)
        aldersgrupp = try list(.aldersgrupp)
        ny = try list(.ny)
    }

    /// Whether the scope restricts nothing.
    public var isEmpty: Bool { insats == nil && kon == nil && aldersgrupp == nil && ny == nil }

    /// The folds of åldersgrupper a scope may name besides the seven bands.
    public static let aldersFolds: [(code: String, label: String, groups: [Aldersgrupp])] = [
        ("unga", "unga 16–29 år", [.a16_19, .a20_24, .a25_29]),
        ("16-29", "16–29 år", [.a16_19, .a20_24, .a25_29]),
        ("30-64", "30–64 år", [.a30_39, .a40_49, .a50_59, .a60_64]),
    ]

    /// The codes `aldersgrupp` accepts, as messages list them.
    public static var aldersCodes: [String] { Aldersgrupp.allCases.map(\.code) + aldersFolds.map(\.code) }

    /// The åldersgrupper a code or fold stands for, `nil` for an unknown code.
    public static func aldersgrupper(_ code: String) -> [Aldersgrupp]? {
        let folded = TextFolding.fold(code)
        if let fold = aldersFolds.first(where: { TextFolding.fold($0.code) == folded }) { return fold.groups }
        return Aldersgrupp.vocabulary.lookup(code).map { [$0] }
    }
}
