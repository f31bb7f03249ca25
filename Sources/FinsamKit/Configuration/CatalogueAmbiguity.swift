/// Finds the words of a catalogue that mean two entries. A cell may hold an entry's code, label or alias,
/// compared folded (``TextFolding``: case, å/ä/ö, dashes and spaces); a word that two entries share — a code
/// equal to another's label, two codes differing only by case — would send a row to whichever comes first in
/// the list. The register refuses such names already; the aktivitet and dimension catalogues do the same
/// (issue #25 item 21).
struct CatalogueAmbiguity {
    /// A word of an entry: its path in the file (`aktiviteter[2].label`) and its text.
    struct Word {
        var path: String
        var text: String
        var isCode: Bool
    }

    private var owners: [String: (entry: Int, word: Word)] = [:]
    private(set) var messages: [String] = []

    /// Adds the words of entry `entry` (`what` names it in messages: "aktiviteten", "koden"); each word that
    /// another entry already has is a message, led by its path.
    mutating func add(entry: Int, words: [Word], what: String) {
        for word in words {
            let folded = TextFolding.fold(word.text)
            guard !folded.isEmpty else { continue }
            guard let owner = owners[folded] else {
                owners[folded] = (entry, word)
                continue
            }
            // Two equal codes are reported as a repeated code already.
            guard owner.entry != entry, !(owner.word.isCode && word.isCode && owner.word.text == word.text) else { continue }
            messages.append(
                "\(word.path): väntade ett ord som bara betyder en \(what), fann \"\(word.text)\", som också är \(owner.word.path) "
                    + "(\"\(owner.word.text)\"); stora och små bokstäver, å/ä/ö och bindestreck räknas lika — byt det ena ordet")
        }
    }
}
