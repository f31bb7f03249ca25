import FinsamKit

/// Runs one command line and says how it ended: what `main.swift` calls, and what tests call too.
enum FinsamCommandLine {
    /// What `finsam --version` prints; raised with each release that changes the command line or the outputs.
    static let version = "finsam 0.9.0"

    /// Does what `words` ask and returns the exit code (DOMAIN §10): 0 ok, 1 invalid input, 2 usage, 3 I/O.
    static func main(_ words: [String]) -> Int32 {
        // `--format json` asks for problems as a JSON list, also when the rest of the line does not parse.
        let json = Arguments.asksForJSON(words)
        do throws(CLIError) {
            switch try Invocation(words) {
            case .usage: Output.standardOutput(Usage.global(Verbs.all))
            case .help(let verb): Output.standardOutput(Usage.help(verb))
            case .version: Output.standardOutput(version + "\n")
            case .run(let verb, let arguments): try verb.run(arguments)
            }
            // What went to standard output and was lost (a closed descriptor, a full disk) is a failure.
            if let lost = Output.lostStandardOutput() { throw lost as CLIError }
            return 0
        } catch {
            report(error, words: words, json: json)
            return error.exitCode
        }
    }

    /// Writes what went wrong to stderr: a usage mistake in one line and where to read more.
    static func report(_ error: CLIError, words: [String], json: Bool) {
        switch error {
        case .usage(let message):
            if words.isEmpty {
                Output.standardError(Usage.global(Verbs.all))
            } else if json {
                Output.problems([Problem(file: "finsam", position: nil, message: message)], json: true)
            } else {
                Output.standardError("finsam: \(message)\nse \(helpCommand(words))\n")
            }
        case .invalid(let problems):
            Output.problems(problems, json: json)
        case .unmet(let message), .failure(let message):
            if json {
                Output.problems([Problem(file: "finsam", position: nil, message: message)], json: true)
            } else {
                Output.standardError("finsam: \(message)\n")
            }
        case .quiet:
            break
        }
    }

    /// `finsam report --help` when the words name a verb, else `finsam --help`.
    static func helpCommand(_ words: [String]) -> String {
        let named = words.first == "help" ? words.dropFirst().first : words.first
        return named.flatMap(Verbs.named).map { "finsam \($0.name) --help" } ?? "finsam --help"
    }
}
