import FinsamKit

/// Loading what `--avslutsorsaker`, `--indikatorer`, `--register` and `--goals` name, shared by the verbs.
/// Every one is read strictly (``JSONFile``): a mistake is printed at its line and column and nothing is
/// computed.
enum CatalogueOptions {
    static let register = Verb.Option.option("register", "FIL", help: "förbundets register (forbund.json): insatsernas id, namn, typ och budget")
    static let avslutsorsaker = Verb.Option.option(
        "avslutsorsaker", "FIL", help: "förbundets egen katalog över avslutsorsaker i stället för den inbyggda")
    static let indikatorer = Verb.Option.option("indikatorer", "FIL", help: "förbundets egen katalog över indikatorfrågor i stället för den inbyggda")
    static let dimensioner = Verb.Option.option(
        "dimensioner", "FIL", help: "förbundets egna bakgrundsdimensioner (dimensioner.json): ersätter de inbyggda som filen listar")
    static let goals = Verb.Option.option("goals", "FIL", help: "förbundets mål (mal.json)")
    static let aktiviteter = Verb.Option.option("aktiviteter", "FIL", help: "förbundets egen katalog över aktiviteter i stället för den inbyggda")

    /// The options of the verbs that read files: the register and the catalogues.
    static let options = [register, avslutsorsaker, indikatorer, aktiviteter, dimensioner]

    static func catalogues(_ arguments: Arguments) throws(CLIError) -> Catalogues {
        do {
            return try Catalogues.load(
                avslutsorsaker: arguments["avslutsorsaker"], indikatorer: arguments["indikatorer"],
                aktiviteter: arguments["aktiviteter"], dimensioner: arguments["dimensioner"])
        } catch {
            throw .invalid(error.problems)
        }
    }

    static func register(_ arguments: Arguments) throws(CLIError) -> Register? {
        guard let path = arguments["register"] else { return nil }
        do { return try Register.load(from: path) } catch { throw .invalid(error.problems) }
    }

    static func goals(_ arguments: Arguments, catalogues: Catalogues) throws(CLIError) -> GoalFile? {
        guard let path = arguments["goals"] else { return nil }
        do { return try GoalFile.load(path, catalogues: catalogues) } catch { throw .invalid(error.problems) }
    }

    /// The goals checked against what they are computed over: the insatser their scopes name against the
    /// register (ids and names) or, without one, the insatser in the data; change baselines against the
    /// report's period; milestones and coverage against the register's milstolpar, kommuner and organisationer.
    /// The report's period may be a run of periods (`2022H2..2023H2`): a baseline must come before its first halvår.
    static func check(_ goals: GoalFile?, path: String?, dataset: Dataset, span: PeriodSpan) throws(CLIError) {
        guard let goals, let path else { return }
        let known: [String]
        if let register = dataset.register {
            known = register.insatser.flatMap { [$0.id, $0.namn] }
        } else {
            known = Set(dataset.deltagare.map(\.insats) + dataset.forms.map(\.insats) + dataset.aktiviteter.map(\.insats)).map(dataset.name).sorted()
        }
        let problems =
            goals.problems(file: path, insatser: known) + goals.problems(file: path, reportSpan: span)
            + goals.problems(file: path, register: dataset.register)
        guard problems.isEmpty else { throw .invalid(problems) }
    }
}
