/// Kön as reported (DOMAIN §3). A fixed vocabulary, not a catalogue: Försäkringskassan's follow-up uses
/// exactly these three, and reports always show all three columns.
public enum Kon: Int, Sendable, CaseIterable, Codable, Comparable {
    case kvinna, man, annat

    public var code: String {
        switch self {
        case .kvinna: "kvinna"
        case .man: "man"
        case .annat: "annat"
        }
    }

    /// Column heading in reports.
    public var plural: String {
        switch self {
        case .kvinna: "Kvinnor"
        case .man: "Män"
        case .annat: "Annat"
        }
    }

    public static let vocabulary = Vocabulary<Kon>([
        ("kvinna", ["k", "kvinnor"], .kvinna),
        ("man", ["m", "män"], .man),
        ("annat", ["annan", "ickebinär", "icke-binär", "hen"], .annat),
    ])

    public static func < (a: Kon, b: Kon) -> Bool { a.rawValue < b.rawValue }
}

/// Åldersgrupp (optional everywhere). Reports fold them to unga 16–29 and 30–64.
public enum Aldersgrupp: Int, Sendable, CaseIterable, Codable, Comparable {
    case a16_19, a20_24, a25_29, a30_39, a40_49, a50_59, a60_64

    public var code: String { ["16-19", "20-24", "25-29", "30-39", "40-49", "50-59", "60-64"][rawValue] }

    /// The folded group: `true` for unga 16–29.
    public var isUng: Bool { self <= .a25_29 }

    public static let vocabulary = Vocabulary<Aldersgrupp>(allCases.map { ($0.code, [], $0) })

    public static func < (a: Aldersgrupp, b: Aldersgrupp) -> Bool { a.rawValue < b.rawValue }
}

/// Status at the end of the period.
public enum DeltagarStatus: Int, Sendable, CaseIterable, Codable {
    case pagaende, avslutad

    public var code: String { self == .pagaende ? "pagaende" : "avslutad" }

    public static let vocabulary = Vocabulary<DeltagarStatus>([
        ("pagaende", ["pågående", "pågår", "aktiv"], .pagaende),
        ("avslutad", ["avslutat", "avslutade", "avslut"], .avslutad),
    ]).labelled(["pågående", "avslutad"])
}

/// `ja`/`nej` cells (`ny`, `stegforflyttning`).
public enum JaNej {
    public static let vocabulary = Vocabulary<Bool>([
        ("ja", ["j", "1", "yes", "sant"], true),
        ("nej", ["n", "0", "no", "falskt"], false),
    ])
}
