extension Register.Typ {
    /// The kinds of file an insats of this type reports each halvår (DOMAIN §4.4, §5.1): an individinriktad
    /// insats deltagare and indikatorsvar, a strukturinriktad one its aktiviteter.
    public var expectedKinds: [FileKind] {
        switch self {
        case .individ: [.deltagare, .indikatorsvar]
        case .struktur: [.aktiviteter]
        }
    }
}

extension Register.Insats {
    /// The kinds of file this insats reports each halvår: see ``Register/Typ/expectedKinds``.
    public var expectedKinds: [FileKind] { typ.expectedKinds }
}
