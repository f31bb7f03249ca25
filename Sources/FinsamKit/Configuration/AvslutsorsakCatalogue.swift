/// The exit reasons a förbund accepts (DOMAIN §6), as data: `avslutsorsaker.json`, schema
/// `Schemas/avslutsorsaker.schema.json`. A förbund adds its own codes by editing the file, not by waiting
/// for a release.
public struct AvslutsorsakCatalogue: Sendable, Codable {
    public struct SUSGroup: Sendable, Codable, Hashable {
        public var code: String
        public var label: String

        enum CodingKeys: String, StrictCodingKey { case code, label }
    }

    public struct Orsak: Sendable, Codable, Hashable {
        public var code: String
        public var label: String
        /// Whether ending this way is a stegförflyttning unless a goal or a row says otherwise.
        var stegforflyttning: Bool
        /// Whether it belongs in an `exitShare` denominator unless a goal lists it in `excludeFromDenominator`.
        var inDenominator: Bool
        /// `false` for `felregistrering`: validated, then left out of every count and denominator.
        var counted: Bool
        var susGroup: String?
        var aliases: [String]?

        enum CodingKeys: String, StrictCodingKey { case code, label, stegforflyttning, inDenominator, counted, susGroup, aliases }

        /// The label without its explanation in parentheses (`Arbete med stöd`): what messages list and a
        /// template's drop-down offers.
        var shortLabel: String {
            String(String(label.prefix { $0 != "(" }).trimmingSpaces)
        }
    }

    public var version: Int
    var susGroups: [SUSGroup]
    public var avslutsorsaker: [Orsak]

    enum CodingKeys: String, StrictCodingKey { case schema = "$schema", version, susGroups, avslutsorsaker }

    /// Whether a deltagare row counts at all: pågående, or avslutad for a reason the catalogue counts (not a
    /// felregistrering). The one home of that rule for tables, goals, costs and the store's size checks.
    ///
    /// - Returns: `true` unless `record`'s avslutsorsak is one with `counted: false`.
    /// - Complexity: O(1).
    func counts(_ record: DeltagareRecord) -> Bool {
        record.avslutsorsak < 0 || avslutsorsaker[Int(record.avslutsorsak)].counted
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        susGroups = try c.decode([SUSGroup].self, forKey: .susGroups)
        avslutsorsaker = try c.decode([Orsak].self, forKey: .avslutsorsaker)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(susGroups, forKey: .susGroups)
        try c.encode(avslutsorsaker, forKey: .avslutsorsaker)
    }

    /// Index of each orsak, by any of its spellings.
    var vocabulary: Vocabulary<Int> {
        Vocabulary(
            avslutsorsaker.enumerated().map { index, orsak in
                (orsak.code, [orsak.label, String(orsak.label.prefix { $0 != "(" })] + (orsak.aliases ?? []), index)
            }
        ).labelled(avslutsorsaker.map(\.shortLabel))
    }

    public func index(of code: String) -> Int? { avslutsorsaker.firstIndex { $0.code == code } }

    /// What is wrong with the catalogue beyond its JSON shape (duplicate codes, unknown SUS groups).
    public func problems(file: String) -> [Problem] {
        var problems: [Problem] = []
        var seen = Set<String>()
        let groups = Set(susGroups.map(\.code))
        for (i, orsak) in avslutsorsaker.enumerated() {
            if !seen.insert(orsak.code).inserted {
                problems.append(Problem(file: file, position: nil, message: "avslutsorsaker[\(i)].code: koden \"\(orsak.code)\" finns redan"))
            }
            if let group = orsak.susGroup, !groups.contains(group) {
                problems.append(
                    Problem(
                        file: file, position: nil,
                        message:
                            "avslutsorsaker[\(i)].susGroup: väntade \(Vocabulary<Int>.list(susGroups.map(\.code))), fann \"\(group)\""))
            }
            if orsak.counted && orsak.susGroup == nil {
                problems.append(
                    Problem(file: file, position: nil, message: "avslutsorsaker[\(i)].susGroup: en orsak som räknas behöver en SUS-grupp"))
            }
        }
        return problems
    }
}
