import FinsamKit

/// Loading what `--avslutsorsaker`, `--indikatorer`, `--register` and `--goals` name, shared by the verbs.
enum CatalogueOptions {
    static let names: Set<String> = ["avslutsorsaker", "indikatorer", "register"]

    static func catalogues(_ arguments: Arguments) throws(CLIError) -> Catalogues {
        do {
            return try Catalogues.load(avslutsorsaker: arguments["avslutsorsaker"], indikatorer: arguments["indikatorer"])
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
        let goals: GoalFile
        do { goals = try JSONFile.load(GoalFile.self, from: path) } catch { throw .invalid([error]) }
        let problems = goals.problems(file: path, catalogues: catalogues)
        guard problems.isEmpty else { throw .invalid(problems) }
        return goals
    }
}
