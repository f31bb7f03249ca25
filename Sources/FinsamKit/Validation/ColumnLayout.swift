/// What each column of a file means, read from its header row (DOMAIN §4): names matched with
/// ``TextFolding`` (`Kön` = `kon`), `x_` columns kept but ignored, anything else an error.
public struct ColumnLayout: Sendable {
    enum Role: Hashable {
        case forbund, insats, period, kon, aldersgrupp, ny, status, avslutsorsak, stegforflyttning, antal, enkat
        case question(Int)
        /// A background dimension of §4.5 besides åldersgrupp: its ``DimensionCatalogue/extra`` slot.
        case dimension(Int)
        case ignored
        case aktivitet, tillfallen, deltagande, part
        /// Months between avslut and follow-up (`uppfoljning` files).
        case manader
        /// An aktiviteter row's kommun and organisation (optional, issue #27 item 6).
        case kommun, organisation

        static let fixedCount = 19

        /// 0–10 and 12–18 for the fixed roles, 11 for `ignored` (questions are looked up apart).
        var index: Int {
            switch self {
            case .forbund: 0
            case .insats: 1
            case .period: 2
            case .kon: 3
            case .aldersgrupp: 4
            case .ny: 5
            case .status: 6
            case .avslutsorsak: 7
            case .stegforflyttning: 8
            case .antal: 9
            case .enkat: 10
            case .ignored, .question, .dimension: 11
            case .aktivitet: 12
            case .tillfallen: 13
            case .deltagande: 14
            case .part: 15
            case .manader: 16
            case .kommun: 17
            case .organisation: 18
            }
        }
    }

    public let kind: FileKind
    let roles: [Role]
    /// The header cells as typed, for messages.
    let headers: [String]
    /// Column of each fixed role, by ``Role/index``; -1 when absent. An array, not a dictionary: it is asked
    /// for every cell of every row.
    private let fixedColumns: [Int]
    /// (column, question index) of every question column.
    let questionColumns: [(column: Int, question: Int)]
    /// (column, slot) of every background dimension column (deltagare and indikatorsvar).
    let dimensionColumns: [(column: Int, slot: Int)]
    /// Columns of free text other than names (`x_` and ignored columns): where personal data could hide in a
    /// valid row. Names are checked as they are interned.
    let freeTextColumns: [Int]
    /// Columns at the header's end with an empty header cell: what a spreadsheet exports for formatted
    /// columns. Ignored while their cells are empty.
    let unnamedColumns: [Int]

    @inline(__always)
    func column(_ role: Role) -> Int? {
        if case .question(let q) = role { return questionColumns.first { $0.question == q }?.column }
        if case .dimension(let d) = role { return dimensionColumns.first { $0.slot == d }?.column }
        let column = fixedColumns[role.index]
        return column < 0 ? nil : column
    }

    init(kind: FileKind, roles: [Role], headers: [String]) {
        self.kind = kind
        self.roles = roles
        self.headers = headers
        var fixed = Array(repeating: -1, count: Role.fixedCount)
        var questions: [(column: Int, question: Int)] = []
        var dimensions: [(column: Int, slot: Int)] = []
        for (column, role) in roles.enumerated() {
            switch role {
            case .question(let q): questions.append((column, q))
            case .dimension(let d): dimensions.append((column, d))
            case .ignored: break
            default: fixed[role.index] = column
            }
        }
        fixedColumns = fixed
        questionColumns = questions
        dimensionColumns = dimensions
        freeTextColumns = roles.indices.filter { roles[$0] == .ignored }
        let named = headers.lastIndex { !$0.trimmingSpaces.isEmpty }.map { $0 + 1 } ?? 0
        unnamedColumns = Array(named..<headers.count)
    }

    /// Whether the record `reader` is on has a cell naming a kind's column (status, avslutsorsak, enkat or a
    /// question): whether it can be a header at all.
    static func namesKind(_ reader: CSVReader, catalogue: IndicatorCatalogue) -> Bool {
        let questions = Set(catalogue.questions.map { TextFolding.fold($0.id) })
        return reader.fields.indices.contains { i in
            let name = TextFolding.fold(reader.string(i))
            return name == "enkat" || name == "status" || name == "avslutsorsak" || name == "aktivitet" || name == "manader"
                || questions.contains(name)
        }
    }

    private static let common: [String: Role] = [
        "forbund": .forbund, "samordningsforbund": .forbund, "insats": .insats, "period": .period, "kon": .kon,
        "aldersgrupp": .aldersgrupp, "alder": .aldersgrupp,
    ]
    private static let deltagare: [String: Role] = common.merging([
        "ny": .ny, "status": .status, "avslutsorsak": .avslutsorsak, "stegforflyttning": .stegforflyttning, "antal": .antal,
    ]) { a, _ in a }
    private static let aktiviteter: [String: Role] = [
        "forbund": .forbund, "samordningsforbund": .forbund, "insats": .insats, "period": .period, "kon": .kon,
        "aktivitet": .aktivitet, "tillfallen": .tillfallen, "deltagande": .deltagande, "part": .part,
        "kommun": .kommun, "organisation": .organisation,
    ]
    private static let uppfoljning: [String: Role] = common.merging(["manader": .manader, "antal": .antal]) { a, _ in a }
    /// The dimension an `uppfoljning` file tells the försörjning at follow-up in (issue #27 item 12).
    static let uppfoljningStatus = "forsorjning_efter"
    private static let required: [FileKind: [(String, Role)]] = [
        .uppfoljning: [("forbund", .forbund), ("insats", .insats), ("period", .period), ("kon", .kon), ("manader", .manader)],
        .aktiviteter: [("forbund", .forbund), ("insats", .insats), ("period", .period), ("aktivitet", .aktivitet)],
        .deltagare: [("forbund", .forbund), ("insats", .insats), ("period", .period), ("kon", .kon), ("status", .status)],
        .indikatorsvar: [("forbund", .forbund), ("insats", .insats), ("period", .period), ("enkat", .enkat)],
    ]

    /// Reads the header record `reader` is on. Returns `nil` (with problems) when the file's kind cannot be
    /// told or a required column is missing.
    static func read(
        _ reader: CSVReader, catalogue: IndicatorCatalogue, dimensions: DimensionCatalogue = BuiltInDimensions.catalogue,
        problems: inout [Problem]
    ) -> ColumnLayout? {
        let names = reader.fields.indices.map { TextFolding.fold(reader.string($0)) }
        let questionIDs = Dictionary(catalogue.questions.enumerated().map { (TextFolding.fold($1.id), $0) }) { a, _ in a }
        let kind: FileKind
        if names.contains("enkat") || names.contains(where: { questionIDs[$0] != nil }) {
            kind = .indikatorsvar
        } else if names.contains("manader") {
            kind = .uppfoljning
        } else if names.contains("status") || names.contains("avslutsorsak") {
            kind = .deltagare
        } else if names.contains("aktivitet") || names.contains("tillfallen") {
            kind = .aktiviteter
        } else {
            problems.append(
                Problem(
                    file: reader.fileName, position: SourcePosition(line: 1, column: 1),
                    message:
                        "väntade en rubrikrad för deltagare (med kolumnen status), indikatorsvar (med kolumnen enkat), aktiviteter (med kolumnen aktivitet) eller uppfoljning (med kolumnen manader), fann \(Vocabulary<Int>.list(reader.fields.indices.map { "\"\(PersonalDataDetector.masked(String(reader.string($0).trimmingSpaces)))\"" }))"
                ))
            return nil
        }
        var roles: [Role] = []
        var columnOfRole: [Role: Int] = [:]
        let lastNamed = names.lastIndex { !$0.isEmpty } ?? -1
        for (i, name) in names.enumerated() {
            let position = reader.fields[i].position
            let role: Role?
            if i > lastNamed {
                role = .ignored  // an unnamed column at the end (``unnamedColumns``)
            } else if name.hasPrefix("x-") {
                role = .ignored
            } else if kind == .deltagare {
                role = deltagare[name] ?? dimensions.slot(of: name).map(Role.dimension)
            } else if kind == .aktiviteter {
                role = aktiviteter[name]
            } else if kind == .uppfoljning {
                role = uppfoljning[name] ?? dimensions.slot(of: name).map(Role.dimension)
            } else {
                role =
                    name == "enkat" ? .enkat : common[name] ?? questionIDs[name].map(Role.question) ?? dimensions.slot(of: name).map(Role.dimension)
            }
            guard let role else {
                let known =
                    switch kind {
                    case .deltagare:
                        ["forbund", "insats", "period", "kon", "aldersgrupp", "ny", "status", "avslutsorsak", "stegforflyttning", "antal"]
                            + dimensions.extra.map(\.id)
                    case .indikatorsvar:
                        ["forbund", "insats", "period", "enkat", "kon", "aldersgrupp"] + catalogue.questions.map(\.id) + dimensions.extra.map(\.id)
                    case .aktiviteter:
                        ["forbund", "insats", "period", "aktivitet", "tillfallen", "deltagande", "part", "kon", "kommun", "organisation"]
                    case .uppfoljning: ["forbund", "insats", "period", "kon", "aldersgrupp", "manader", "antal"] + dimensions.extra.map(\.id)
                    }
                problems.append(
                    Problem(
                        file: reader.fileName, position: position,
                        message:
                            "okänd kolumn för \(kind.rawValue): väntade \(Vocabulary<Int>.list(known)) eller en kolumn som börjar med x_, fann \"\(PersonalDataDetector.masked(reader.string(i)))\""
                    ))
                roles.append(.ignored)
                continue
            }
            if role != .ignored, columnOfRole[role] != nil {
                problems.append(
                    Problem(
                        file: reader.fileName, position: position,
                        message:
                            "väntade kolumnen \"\(name)\" en gång, fann den igen"))
                roles.append(.ignored)
                continue
            }
            if role != .ignored { columnOfRole[role] = i }
            roles.append(role)
        }
        var complete = true
        var missing = required[kind]!.filter { columnOfRole[$1] == nil }.map(\.0)
        // A follow-up without the försörjning then says nothing.
        if kind == .uppfoljning, let slot = dimensions.slot(of: uppfoljningStatus), columnOfRole[.dimension(slot)] == nil {
            missing.append(uppfoljningStatus)
        }
        for name in missing {
            problems.append(
                Problem(
                    file: reader.fileName, position: SourcePosition(line: 1, column: 1),
                    message:
                        "rubrikraden saknar kolumnen \(name) som en \(kind.rawValue)-fil måste ha"))
            complete = false
        }
        return complete ? ColumnLayout(kind: kind, roles: roles, headers: reader.fields.indices.map { reader.string($0) }) : nil
    }
}
