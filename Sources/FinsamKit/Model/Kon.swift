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

    static let vocabulary = Vocabulary<Kon>([
        ("kvinna", ["k", "kvinnor"], .kvinna),
        ("man", ["m", "män"], .man),
        ("annat", ["annan", "ickebinär", "icke-binär", "hen"], .annat),
    ])

    public static func < (a: Kon, b: Kon) -> Bool { a.rawValue < b.rawValue }
}

/// Åldersgrupp (optional everywhere): the index of a band of the dimension catalogue's `aldersgrupp`
/// (DOMAIN §4.5), so that a förbund may define its own bands (Malmö's 16–30). Its code, label and folds
/// are the catalogue's.
public struct Aldersgrupp: RawRepresentable, Sendable, Hashable, Codable, Comparable {
    public var rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public init?(checking rawValue: Int) {
        guard rawValue >= 0 else { return nil }
        self.rawValue = rawValue
    }

    public static func < (a: Aldersgrupp, b: Aldersgrupp) -> Bool { a.rawValue < b.rawValue }
}

/// Status at the end of the period.
public enum DeltagarStatus: Int, Sendable, CaseIterable, Codable {
    case pagaende, avslutad

    public var code: String { self == .pagaende ? "pagaende" : "avslutad" }

    static let vocabulary = Vocabulary<DeltagarStatus>([
        ("pagaende", ["pågående", "pågår", "aktiv"], .pagaende),
        ("avslutad", ["avslutat", "avslutade", "avslut"], .avslutad),
    ]).labelled(["pågående", "avslutad"])
}

/// `ja`/`nej` cells (`ny`, `stegforflyttning`).
public enum JaNej {
    static let vocabulary = Vocabulary<Bool>([
        ("ja", ["j", "1", "yes", "sant"], true),
        ("nej", ["n", "0", "no", "falskt"], false),
    ])
}
