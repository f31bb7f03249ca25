import FinsamKit

/// Loading what `--avslutsorsaker`, `--indikatorer`, `--register` and `--goals` name, shared by the verbs.
enum CatalogueOptions {
    static let register = Verb.Option.option("register", "FIL", help: "förbundets register (forbund.json): insatsernas id, namn, typ och budget")
    static let avslutsorsaker = Verb.Option.option(
        "avslutsorsaker", "FIL", help: "förbundets egen katalog över avslutsorsaker i stället för den inbyggda")
    static let indikatorer = Verb.Option.option("indikatorer", "FIL", help: "förbundets egen katalog över indikatorfrågor i stället för den inbyggda")
    static let goals = Verb.Option.option("goals", "FIL", help: "förbundets mål (mal.json)")

    /// The options of the verbs that read files: the register and both catalogues.
    static let options = [register, avslutsorsaker, indikatorer]

    /// The files these options (and `--goals`) name: inputs that `--output` must not overwrite.
    static func files(_ arguments: Arguments) -> [String] {
        ["avslutsorsaker", "indikatorer", "register", "goals"].compactMap { arguments[$0] }
    }

    static func catalogues(_ arguments: Arguments) throws(CLIError) -> Catalogues {
        do {
            return try Catalogues.load(avslutsorsaker: arguments["avslutsorsaker"], indikatorer: arguments["indikatorer"])
        } catch {
            throw .invalid(error.problems)
        }
    }

    static func register(_ arguments: Arguments) throws(CLIError) -> Register? {
        guard let path = arguments["register"] else { return nil }
        let register: Register
        do { register = try JSONFile.load(Register.self, from: path) } catch { throw .invalid([error]) }
        let problems = register.problems(file: path)
        guard problems.isEmpty else { throw .invalid(problems) }
        return register
    }

    static func goals(_ arguments: Arguments, catalogues: Catalogues) throws(CLIError) -> GoalFile? {
        guard let path = arguments["goals"] else { return nil }
        let goals: GoalFile
        do { goals = try JSONFile.load(GoalFile.self, from: path) } catch { throw .invalid([error]) }
        let problems = goals.problems(file: path, catalogues: catalogues)
        guard problems.isEmpty else { throw .invalid(problems) }
        return goals
    }
}
