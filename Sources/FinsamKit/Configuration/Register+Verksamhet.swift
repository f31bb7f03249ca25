/// What a förbund's plan follows beyond counts of people and meetings (issue #27 item 6): the member kommuner
/// and the organisations its activities are held with (so that a goal can ask for coverage, "Trisam-team i
/// samtliga kommuner", "återkoppla till respektive Mysamgrupp"), and the kansli's milestones ("en
/// beredningsgrupp etablerad", "register och rutiner framtagna"), done or not, with the day and a short text.
/// All in the register: the kansli keeps it already, and a goal names these by their ids, as it names insatser.
extension Register {
    /// An organisation activities are held with or for: a Mysamgrupp, a lokal samverkansgrupp, a Trisam-team.
    public struct Organisation: Sendable, Codable, Hashable {
        /// Slug, as an `aktiviteter` file's `organisation` cell may write it (or the name).
        public var id: String
        public var namn: String
        /// What kind of organisation it is (`mysamgrupp`, `samverkansgrupp`): a coverage goal may ask for every
        /// organisation of one kind.
        public var typ: String?
        /// The kommun it belongs to, one of the register's `kommuner`.
        public var kommun: String?

        enum CodingKeys: String, StrictCodingKey { case id, namn, typ, kommun }
    }

    /// One of the kansli's milestones: done (with the day) or not yet.
    public struct Milstolpe: Sendable, Codable, Hashable {
        /// Slug a goal names it by (`"milstolpe": "beredningsgrupp"`).
        public var id: String
        /// What is to be done, in the plan's words: "Beredningsgrupp av tjänstemän etablerad".
        public var text: String
        /// The day it was done, `YYYY-MM-DD`; absent while not done.
        public var klar: String?
        /// A short note from the kansli: what was done, or why not yet.
        public var kommentar: String?

        enum CodingKeys: String, StrictCodingKey { case id, text, klar, kommentar }

        /// The day it was done, when it is.
        public var klarDag: CalendarDay? { klar.flatMap(CalendarDay.init) }
    }

    /// The member kommun a file's or a goal's text means, in the register's spelling; `nil` when none.
    public func kommun(named text: String) -> String? {
        let folded = TextFolding.fold(text)
        return (kommuner ?? []).first { TextFolding.fold($0) == folded }
    }

    /// The organisation a file's `organisation` cell means, by id or by name.
    public func organisation(named text: String) -> Organisation? {
        let folded = TextFolding.fold(text)
        return (organisationer ?? []).first { TextFolding.fold($0.id) == folded || TextFolding.fold($0.namn) == folded }
    }

    /// The milestone with id `id`.
    public func milstolpe(_ id: String) -> Milstolpe? {
        let folded = TextFolding.fold(id)
        return (milstolpar ?? []).first { TextFolding.fold($0.id) == folded }
    }

    /// The units a coverage goal asks to be covered, in the register's order: its kommuner, or its
    /// organisations (of the goal's `organisationstyp`) as (id, name).
    ///
    /// - Returns: (the id a row names it by, the name a reader sees) per unit.
    public func coverageUnits(_ coverage: GoalMeasure.Coverage) -> [(id: String, namn: String)] {
        switch coverage.of {
        case .kommun: return (kommuner ?? []).map { ($0, $0) }
        case .organisation:
            return (organisationer ?? []).filter { o in
                coverage.organisationstyp.map { TextFolding.fold($0) == TextFolding.fold(o.typ ?? "") } ?? true
            }.map { ($0.id, $0.namn) }
        }
    }

    /// The checks of `kommuner`, `organisationer` and `milstolpar`: ids and names once each, a kommun that is
    /// the register's, dates that are dates, and version 2.
    ///
    /// - Returns: (path, message) per problem, for ``problems(file:)``.
    func verksamhetProblems() -> [(path: String, message: String)] {
        var problems: [(String, String)] = []
        for (key, used) in [("kommuner", kommuner != nil), ("organisationer", organisationer != nil), ("milstolpar", milstolpar != nil)]
        where used && version < 2 {
            problems.append((key, "fältet hör till version 2 av registret: skriv \"version\": 2 överst"))
        }
        func unique(_ texts: [String], _ path: (Int) -> String, _ what: String) {
            var seen: [String: Int] = [:]
            for (i, text) in texts.enumerated() {
                let folded = TextFolding.fold(text)
                if folded.isEmpty {
                    problems.append((path(i), "väntade \(what), fann en tom text"))
                } else if let first = seen[folded] {
                    problems.append((path(i), "\"\(text)\" finns redan (\(path(first))); ta bort dubbletten eller skriv ett annat"))
                } else {
                    seen[folded] = i
                }
            }
        }
        unique(kommuner ?? [], { "kommuner[\($0)]" }, "en kommun")
        let organisationer = organisationer ?? []
        unique(organisationer.map(\.id), { "organisationer[\($0)].id" }, "ett id")
        unique(organisationer.map(\.namn), { "organisationer[\($0)].namn" }, "ett namn")
        for (i, organisation) in organisationer.enumerated() {
            if let kommun = organisation.kommun, self.kommun(named: kommun) == nil {
                problems.append(
                    ("organisationer[\(i)].kommun", "väntade en av registrets kommuner (\(Vocabulary<Int>.list(kommuner ?? []))), fann \"\(kommun)\"")
                )
            }
        }
        let milstolpar = milstolpar ?? []
        unique(milstolpar.map(\.id), { "milstolpar[\($0)].id" }, "ett id")
        for (i, milstolpe) in milstolpar.enumerated() {
            if milstolpe.text.trimmingSpaces.isEmpty { problems.append(("milstolpar[\(i)].text", "väntade vad som ska göras, fann en tom text")) }
            if let klar = milstolpe.klar, CalendarDay(klar) == nil {
                problems.append(("milstolpar[\(i)].klar", "väntade dagen den blev klar som \"2017-04-12\", fann \"\(klar)\""))
            }
        }
        return problems
    }
}
