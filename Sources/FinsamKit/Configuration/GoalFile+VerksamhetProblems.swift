/// The goal file's checks of coverage and milestone goals (issue #27 item 6): their own keys when the file is
/// read, and what they name in the register once it is known.
extension GoalCheck {
    /// Problems of a coverage measure: `organisationstyp` only with organisations, aktivitet codes in the
    /// catalogue, a `minimum` of at least one tillfälle, and no scope on ny (activities have none).
    mutating func coverage(_ m: GoalMeasure.Coverage, at path: String, scopeNy: Bool) {
        if m.organisationstyp != nil && m.of != .organisation {
            add("\(path).organisationstyp", "organisationstyp hör till \"of\": \"organisation\", fann \"of\": \"\(m.of.rawValue)\"", key: true)
        }
        if m.aktivitet?.isEmpty == true { add("\(path).aktivitet", "väntade minst en aktivitet, fann en tom lista") }
        codes(m.aktivitet, at: "\(path).aktivitet", valid: catalogues.aktiviteter.aktiviteter.map(\.code), what: "en aktivitet")
        if let minimum = m.minimum, !(1...GoalCheck.maximumMinimum).contains(minimum) {
            add("\(path).minimum", "väntade ett antal tillfällen 1–\(GoalCheck.maximumMinimum) som krävs per enhet, fann \(minimum)")
        }
        if scopeNy { add(path, "aktiviteter har ingen uppgift om ny: ta bort ny ur scope") }
    }

    /// The most tillfällen a coverage may require of one kommun or organisation: far beyond any plan's.
    static let maximumMinimum = 1_000_000
}

extension GoalFile {
    /// Checks coverage and milestone goals against the register they are computed with: a milestone must
    /// be one of its `milstolpar`, a coverage needs its `kommuner` (or `organisationer`, of the named typ).
    /// Made once the data is read, like ``problems(file:insatser:)``. Without a register there is nothing to
    /// check them against: the report shows such a goal without a verdict and says that it needs the register.
    ///
    /// - Returns: a problem per goal that names what the register does not have.
    public func problems(file: String, register: Register?) -> [Problem] {
        var problems: [Problem] = []
        func problem(_ path: String, _ message: String) {
            problems.append(Problem(file: file, position: document?.value(at: path).position, message: "\(path): \(message)"))
        }
        for (i, goal) in goals.enumerated() {
            let path = "goals[\(i)].measure"
            switch goal.measure {
            case .milestone(let m):
                guard let register else { continue }
                if register.milstolpe(m.milstolpe) == nil {
                    let known = (register.milstolpar ?? []).map(\.id)
                    problem(
                        "\(path).milstolpe",
                        "väntade en milstolpe i registret (\(known.isEmpty ? "registret har inga milstolpar: lägg till \"milstolpar\"" : Vocabulary<Int>.list(known))), fann \"\(m.milstolpe)\""
                    )
                }
            case .coverage(let m):
                let what = m.of == .kommun ? "kommuner" : "organisationer"
                guard let register else { continue }
                if register.coverageUnits(m).isEmpty {
                    if let typ = m.organisationstyp, !(register.organisationer ?? []).isEmpty {
                        let typer = Set((register.organisationer ?? []).compactMap(\.typ)).sorted()
                        problem(
                            "\(path).organisationstyp",
                            "väntade en typ som registrets organisationer har (\(Vocabulary<Int>.list(typer))), fann \"\(typ)\"")
                    } else {
                        problem(
                            "\(path).of", "täckningen räknas mot registrets \(what), men registret listar inga: lägg till \"\(what)\" i forbund.json")
                    }
                }
            default:
                continue
            }
        }
        return problems
    }
}
