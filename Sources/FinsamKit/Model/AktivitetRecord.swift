/// One row of an `aktiviteter` file (DOMAIN §4.4), decoded: what a strukturinriktad insats did. Names are ids
/// into the dataset's ``NameTable``; `aktivitet` is an index into the aktivitet catalogue.
public struct AktivitetRecord: Sendable, Hashable {
    public var forbund: Int32
    public var insats: Int32
    public var period: Period
    /// Index into ``AktivitetCatalogue/aktiviteter``.
    public var aktivitet: Int16
    /// How many times the activity took place (default 1).
    public var tillfallen: Int
    /// How many people took part, when told.
    public var deltagande: Int?
    public var part: Part?
    public var kon: Kon?
    /// The kommun it was held in and the organisation it was held with, when told (name ids; with a register,
    /// the register's kommun and organisation id): what a coverage goal asks for (issue #27 item 6).
    public var kommun: Int32? = nil
    public var organisation: Int32? = nil
}

/// The party a participant in an activity comes from (DOMAIN §4.4): the four parties of a samordningsförbund,
/// or another organisation. A fixed vocabulary like ``Kon``: it is the förbund law's own list.
public enum Part: Int, Sendable, CaseIterable, Codable, Comparable {
    case af, fk, kommun, region, annan

    public var code: String { ["af", "fk", "kommun", "region", "annan"][rawValue] }

    /// How reports name the party.
    public var label: String {
        ["Arbetsförmedlingen", "Försäkringskassan", "Kommun", "Region", "Annan"][rawValue]
    }

    static let vocabulary = Vocabulary<Part>([
        ("af", ["arbetsförmedlingen", "arbetsformedlingen"], .af),
        ("fk", ["försäkringskassan", "forsakringskassan"], .fk),
        ("kommun", ["kommunen"], .kommun),
        ("region", ["regionen", "landsting"], .region),
        ("annan", ["annat", "övrig", "övriga"], .annan),
    ])

    public static func < (a: Part, b: Part) -> Bool { a.rawValue < b.rawValue }
}
