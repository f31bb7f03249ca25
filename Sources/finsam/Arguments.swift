/// The words after the verb: `--name value` options, `--flag` switches and positional paths.
///
/// Hand-rolled because finsam depends on Foundation only; it does what the verbs need and says plainly
/// what was wrong with a command line (exit 2).
struct Arguments {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    private(set) var positionals: [String] = []

    init(_ words: [String], flags allowedFlags: Set<String>, options allowedOptions: Set<String>) throws(CLIError) {
        var i = 0
        while i < words.count {
            let word = words[i]
            i += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                positionals.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if allowedFlags.contains(name) {
                flags.insert(name)
            } else if allowedOptions.contains(name) {
                guard let value = inlineValue ?? (i < words.count ? words[i] : nil) else {
                    throw .usage("--\(name) behöver ett värde")
                }
                if inlineValue == nil { i += 1 }
                values[name] = value
            } else {
                let known = (allowedOptions.union(allowedFlags)).sorted().map { "--\($0)" }.joined(separator: ", ")
                throw .usage("okänd flagga \(word) (giltiga här: \(known.isEmpty ? "inga" : known))")
            }
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
            throw .usage("--\(option): väntade \(T.allCases.map(\.rawValue).joined(separator: ", ")), fann \"\(text)\"")
        }
        return chosen
    }
}
