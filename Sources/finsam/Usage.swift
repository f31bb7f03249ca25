/// The help texts, rendered from the verb table: `finsam --help` (every verb on a line) and `finsam VERB --help`
/// (the verb's synopsis, every option with what it does, then the verb's own prose).
enum Usage {
    /// Help lines are wrapped to this many columns.
    static let width = 100

    /// `finsam --help`, `finsam help`.
    static func global(_ verbs: [Verb]) -> String {
        let rows = verbs.map { (synopsis($0, expanded: false), $0.summary) }
        return """
            finsam — uppföljning av samordningsförbundens insatser (Finsam)

            användning: finsam VERB [flaggor] [FIL|MAPP ...]
                        finsam VERB --help     (eller finsam help VERB) vad VERB gör och vilka flaggor det tar
                        finsam --version

            verb:
            \(table(rows))
            Gemensamt: --avslutsorsaker, --indikatorer, --aktiviteter och --dimensioner FIL byter katalogerna;
            --store MAPP (annars $FINSAM_STORE, annars ./finsam-data) anger arkivet; $FINSAM_LOCK_TIMEOUT (60)
            hur många sekunder finsam väntar på arkivets lås. --output - skriver till standard ut. -- avslutar
            flaggorna: orden efter det är filer, även de som börjar med -.
            Slutkoder: 0 ok, 1 ogiltig indata eller ej uppfyllt mål (--fail-on-unmet), 2 fel i kommandoraden,
            3 internt fel eller in-/utmatningsfel.

            """
    }

    /// `finsam VERB --help`, `finsam help VERB`.
    static func help(_ verb: Verb) -> String {
        var text = "finsam \(verb.name) — \(verb.summary)\n\n"
        let lead = "användning: "
        text += lead + wrap(synopsisWords(verb, expanded: true), indent: lead.count + "finsam \(verb.name) ".count, first: lead.count) + "\n\n"
        let rows = verb.options.map { ($0.spelling, $0.help + ($0.isRequired ? " (krävs)" : "")) } + [("-h, --help", "visar den här hjälpen")]
        text += "flaggor:\n" + table(rows)
        if !verb.discussion.isEmpty {
            // Indented lines (examples) are kept as they are; the others are wrapped.
            let lines = verb.discussion.split(separator: "\n", omittingEmptySubsequences: false)
            text += "\n" + lines.map { $0.hasPrefix(" ") ? String($0) : wrap(String($0), indent: 0) }.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// `report --period P [flaggor] [FIL...]` for the global usage, every option spelt out for the verb's help.
    static func synopsis(_ verb: Verb, expanded: Bool) -> String {
        synopsisWords(verb, expanded: expanded).joined(separator: " ")
    }

    /// The synopsis as the pieces a line may be broken between: `[--store MAPP]` stays on one line.
    static func synopsisWords(_ verb: Verb, expanded: Bool) -> [String] {
        var words = expanded ? ["finsam", verb.name] : [verb.name]
        words += verb.options.filter(\.isRequired).map(\.spelling)
        let optional = verb.options.filter { !$0.isRequired }
        if expanded {
            words += optional.map { "[\($0.spelling)]" }
        } else if !optional.isEmpty {
            words.append("[flaggor]")
        }
        if !verb.operands.isEmpty { words.append(verb.operands) }
        return words
    }

    /// Two columns: what to type, what it does; the second wrapped and aligned, or on a line of its own below a
    /// long first column.
    static func table(_ rows: [(String, String)]) -> String {
        let column = min(rows.map(\.0.count).max() ?? 0, 38) + 4
        var text = ""
        for (left, right) in rows {
            let head = "  " + left
            if head.count + 2 > column {
                text += head + "\n" + String(repeating: " ", count: column) + wrap(right, indent: column) + "\n"
            } else {
                text += head.padding(toLength: column, withPad: " ", startingAt: 0) + wrap(right, indent: column) + "\n"
            }
        }
        return text
    }

    /// `text` broken at spaces so that no line passes `width`; lines after the first start with `indent`
    /// spaces, and the first line is taken to start at column `first` (default `indent`).
    static func wrap(_ text: String, indent: Int, first: Int? = nil) -> String {
        wrap(text.split(separator: " ").map(String.init), indent: indent, first: first)
    }

    /// `words` joined by spaces, broken as ``wrap(_:indent:first:)`` breaks a text.
    static func wrap(_ words: [String], indent: Int, first: Int? = nil) -> String {
        var lines: [String] = []
        var line = ""
        var start = first ?? indent
        for word in words {
            if !line.isEmpty && start + line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
                start = indent
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }
}
