extension Register.Typ {
    /// The kinds of file an insats of this type reports each halvår (DOMAIN §4.4, §5.1): an individinriktad
    /// insats deltagare and indikatorsvar, a strukturinriktad one its aktiviteter. The table itself is
    /// ``ReportingExpectation/kinds``, the one home of that rule.
    var expectedKinds: [FileKind] {
        FileKind.allCases.filter { ReportingExpectation.expects(self, $0) }
    }
}

extension Register.Insats {
    /// The kinds of file this insats reports each halvår: see ``Register/Typ/expectedKinds``.
    var expectedKinds: [FileKind] { typ.expectedKinds }
}
