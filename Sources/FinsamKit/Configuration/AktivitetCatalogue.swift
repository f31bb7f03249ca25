/// The kinds of activity a strukturinriktad insats reports (DOMAIN §4.4), as data: `aktiviteter.json`, schema
/// `Schemas/aktiviteter.schema.json`. A förbund adds its own codes by editing its copy (`--aktiviteter FILE`).
public struct AktivitetCatalogue: Sendable, Codable {
    public struct Aktivitet: Sendable, Codable, Hashable {
        public var code: String
        public var label: String
        var aliases: [String]?

        enum CodingKeys: String, StrictCodingKey { case code, label, aliases }
    }

    public var version: Int
    public var aktiviteter: [Aktivitet]

    enum CodingKeys: String, StrictCodingKey { case schema = "$schema", version, aktiviteter }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        aktiviteter = try c.decode([Aktivitet].self, forKey: .aktiviteter)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(aktiviteter, forKey: .aktiviteter)
    }

    /// Index of each aktivitet, by its code, label or aliases.
    var vocabulary: Vocabulary<Int> {
        Vocabulary(aktiviteter.enumerated().map { index, aktivitet in (aktivitet.code, [aktivitet.label] + (aktivitet.aliases ?? []), index) })
            .labelled(aktiviteter.map(\.label))
    }

    public func index(of code: String) -> Int? { aktiviteter.firstIndex { $0.code == code } }

    /// What is wrong with the catalogue beyond its JSON shape: codes that repeat, and codes, labels or aliases
    /// that two aktiviteter share (``CatalogueAmbiguity``).
    ///
    /// - Returns: one problem per repeated code or shared word, its message starting with the value's path.
    public func problems(file: String) -> [Problem] {
        var problems: [Problem] = []
        var seen = Set<String>()
        for (i, aktivitet) in aktiviteter.enumerated() where !seen.insert(aktivitet.code).inserted {
            problems.append(Problem(file: file, position: nil, message: "aktiviteter[\(i)].code: koden \"\(aktivitet.code)\" finns redan"))
        }
        var words = CatalogueAmbiguity()
        // An entry repeating a code is reported as such above, and not again for its other words.
        var firsts = Set<String>()
        for (i, aktivitet) in aktiviteter.enumerated() where firsts.insert(aktivitet.code).inserted {
            let at = "aktiviteter[\(i)]"
            words.add(
                entry: i,
                words: [
                    .init(path: "\(at).code", text: aktivitet.code, isCode: true), .init(path: "\(at).label", text: aktivitet.label, isCode: false),
                ]
                    + (aktivitet.aliases ?? []).enumerated().map { .init(path: "\(at).aliases[\($0.offset)]", text: $0.element, isCode: false) },
                what: "aktivitet")
        }
        problems += words.messages.map { Problem(file: file, position: nil, message: $0) }
        return problems
    }
}
