/// A template for one enkät (`template indikatorsvar --enkat personal`): the catalogue cut down to the
/// enkäter named and the questions they ask, so that a staff survey's template has no deltagare columns.
extension IndicatorCatalogue {
    /// The catalogue with only the enkäter named (id, label or alias, any case; or a respondent group such as
    /// `deltagare`, meaning all its enkäter) and the questions that belong to one of them, in catalogue order.
    ///
    ///     let personal = try catalogue.restricted(to: ["personal"]).get()
    ///     personal.questions.map(\.id)  // ["medskapare", "helhetssyn", "trygghet", "jamstalldhet"]
    ///
    /// - Returns: the cut catalogue, or the names that are no enkät (and no respondent group).
    public func restricted(to names: [String]) -> Result<IndicatorCatalogue, UnknownEnkat> {
        var wanted = Set<Int>(), unknown: [String] = []
        for name in names {
            if let index = enkatVocabulary.lookup(name) {
                wanted.insert(index)
            } else if let group = Respondent.allCases.first(where: { TextFolding.fold($0.rawValue) == TextFolding.fold(name) }),
                enkater.contains(where: { $0.group == group })
            {
                wanted.formUnion(enkater.indices.filter { enkater[$0].group == group })
            } else {
                unknown.append(name)
            }
        }
        guard unknown.isEmpty else { return .failure(UnknownEnkat(names: unknown, valid: enkater.map(\.id))) }
        var cut = self
        cut.enkater = enkater.indices.filter(wanted.contains).map { enkater[$0] }
        let ids = Set(cut.enkater.map(\.id))
        cut.questions = questions.filter { $0.enkater.contains(where: ids.contains) }
        return .success(cut)
    }

    /// Names that are no enkät of the catalogue, with the ones that are.
    public struct UnknownEnkat: Error, Sendable, CustomStringConvertible {
        public var names: [String]
        public var valid: [String]

        public var description: String {
            "väntade en enkät (\(Vocabulary<Int>.list(valid))) eller en svarandegrupp, fann \(names.map { "\"\($0)\"" }.joined(separator: ", "))"
        }
    }
}
