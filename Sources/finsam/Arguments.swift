/// The words after the verb, parsed against the verb's declaration: `--name value` (or `--name=value`) options,
/// `--flag` switches and positional paths; after `--` every word is a path, even one that starts with `-`.
///
/// Hand-rolled because finsam depends on Foundation only; it does what the verbs need and says plainly in one
/// line what was wrong with a command line (exit 2).
///
///     let arguments = try Arguments(["--period", "2023H2", "--", "-data.csv"], verb: ReportCommand.verb)
///     arguments["period"]   // "2023H2"
///     arguments.positionals // ["-data.csv"]
struct Arguments {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// - Throws: `CLIError.usage` for an unknown flag, an option without its value, a value outside an option's
    ///   choices or a required option left out.
    init(_ words: [String], verb: Verb) throws(CLIError) {
        var i = 0
        while i < words.count {
            let word = words[i]
            i += 1
            if word == "--" {
                positionals += words[i...]
                break
            }
            guard word.hasPrefix("-"), word != "-" else {
                positionals.append(word)
                continue
            }
            var name = String(word.drop { $0 == "-" })
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard word.hasPrefix("--"), let option = verb.option(named: name) else { throw .usage(Self.unknown(word, name: name, verb: verb)) }
            if option.isFlag {
                guard inlineValue == nil else { throw .usage("--\(name) tar inget värde, fann \"\(word)\"") }
                flags.insert(name)
                continue
            }
            guard let value = inlineValue ?? (i < words.count ? words[i] : nil) else {
                throw .usage("--\(name) behöver ett värde (\(option.spelling))")
            }
            if inlineValue == nil { i += 1 }
            if !option.choices.isEmpty && !option.choices.contains(value) {
                throw .usage("--\(name): väntade \(Self.list(option.choices)), fann \"\(value)\"")
            }
            values[name] = value
        }
        for option in verb.options where option.isRequired && values[option.name] == nil {
            throw .usage("--\(option.name) saknas (\(option.spelling))")
        }
    }

    subscript(option: String) -> String? { values[option] }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func required(_ option: String) throws(CLIError) -> String {
        guard let value = values[option] else { throw .usage("--\(option) saknas") }
        return value
    }

    /// A value from a closed set, e.g. `--format md|json|csv`.
    func choice<T: RawRepresentable<String> & CaseIterable>(_ option: String, default value: T) throws(CLIError) -> T {
        guard let text = values[option] else { return value }
        guard let chosen = T(rawValue: text) else {
            throw .usage("--\(option): väntade \(Self.list(T.allCases.map(\.rawValue))), fann \"\(text)\"")
        }
        return chosen
    }

    /// Whether `words` ask for `--format json` before any `--`: problems are then written as a JSON list, also
    /// when the rest of the command line could not be parsed.
    static func asksForJSON(_ words: [String]) -> Bool {
        let options = words.prefix { $0 != "--" }
        return options.contains("--format=json") || zip(options, options.dropFirst()).contains { $0 == "--format" && $1 == "json" }
    }

    /// "md, html, json eller csv".
    static func list(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " eller " + words[words.count - 1]
    }

    /// "okänd flagga --perod; menade du --period?", or the flags the verb does take.
    private static func unknown(_ word: String, name: String, verb: Verb) -> String {
        let spelt = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
        if let near = verb.options.map(\.name).min(by: { distance($0, name) < distance($1, name) }), distance(near, name) <= 2 {
            return "okänd flagga \(spelt); menade du --\(near)?"
        }
        let known = verb.options.map { "--\($0.name)" }.joined(separator: ", ")
        return "okänd flagga \(spelt) (giltiga här: \(known.isEmpty ? "inga" : known))"
    }

    /// The Levenshtein distance: how many letters to add, remove or change to get from `a` to `b`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
