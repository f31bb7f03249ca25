/// Finds personal data in a cell (DOMAIN §4.3): a Swedish personnummer or samordningsnummer in any
/// spelling, or an e-mail address. finsam promises its users that no such value can enter it, so every cell
/// of every file is checked, free text and `x_` columns included.
///
/// A personnummer is 10 or 12 digits (`ÅÅMMDDNNNK`, `ÅÅÅÅMMDDNNNK`) whose date exists (day + 60 for a
/// samordningsnummer) and whose last digit is the Luhn check digit of the 10-digit form. Separators are
/// accepted between the date's parts and before the last four digits (and a space between their two pairs),
/// so `19850101-1234`, `850101+1234`, `850101 1234`, `1985 01 01-1234`, `850101 - 1234`, `85/01/01--1234`
/// and `85 01 01 - 12 34` are all found, while an ordinary ten-digit count, a date that does not exist or a
/// wrong check digit is not.
///
/// A cell is matched in its normal form (``PersonalDataDetector/normalised(_:)``): every Unicode decimal
/// digit (full-width, Arabic-Indic, Devanagari …) is its ASCII digit, every dash (U+2010–U+2015, U+2212,
/// U+FE63, U+FF0D, U+2043, U+1806 …) is `-`, every space (U+00A0, U+2000–U+200A, U+3000 …) a space,
/// invisible characters (U+200B, U+00AD, U+FEFF, combining marks …) are left out, and the rest is NFKC
/// (a full-width `＠` is `@`). Windows-1252 cells (en dash 0x96, NBSP 0xA0) are read as such. A separator is
/// then at most five of space, TAB, `-`, `/`, `.`, `_` and `+`, with at most two dashes or one `+`.
/// A cell of ASCII only — nearly every cell — is matched as it is, with no copy.
public enum PersonalDataDetector {
    public enum Kind: Sendable, Equatable {
        case personnummer, samordningsnummer, epost

        public var description: String {
            switch self {
            case .personnummer: "ett personnummer"
            case .samordningsnummer: "ett samordningsnummer"
            case .epost: "en e-postadress"
            }
        }
    }

    public struct Match: Sendable, Equatable {
        public var kind: Kind
        /// Byte offsets of the match inside the cell.
        public var range: Range<Int>
    }

    /// The first personal datum in `bytes` (UTF-8, or Windows-1252 when it is not valid UTF-8).
    ///
    /// - Returns: the kind and the byte range of the datum in `bytes`, or `nil` when there is none.
    /// - Complexity: O(n) in the cell, one pass and no allocation for a cell of ASCII only; a cell with other
    ///   characters is normalised first only when it could hold ten digits or an `@`.
    public static func firstMatch(in bytes: UnsafeBufferPointer<UInt8>) -> Match? {
        // Most cells are short codes: an e-mail needs an '@', a personnummer ten digits.
        guard bytes.count >= 5 else { return nil }
        var digits = 0, at = false, other = false, mayBeDigits = 0
        for b in bytes {
            if b &- 0x30 < 10 {
                digits += 1
            } else if b == UInt8(ascii: "@") {
                at = true
            } else if b >= 0x80 {
                other = true
                // A lead byte that may start a digit or a full-width `＠` (0xEF); å, ä, ö and é (0xC3) cannot.
                if b >= 0xC2 && b != 0xC3 { mayBeDigits += 1 }
                if b == 0xEF { at = true }
            }
        }
        guard other else {
            if digits >= 10, let match = personnummer(in: bytes) { return match }
            return at ? email(in: bytes) : nil
        }
        guard digits + mayBeDigits >= 10 || at else { return nil }
        let form = normalised(bytes)
        let match = form.text.withUnsafeBufferPointer { text in
            (digits + mayBeDigits >= 10 ? personnummer(in: text) : nil) ?? email(in: text)
        }
        return match.map { Match(kind: $0.kind, range: form.origin(of: $0.range)) }
    }

    public static func firstMatch(in text: String) -> Match? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { firstMatch(in: UnsafeBufferPointer($0)) }
    }

    /// A message for the person who wrote the cell, showing only enough of the value to find it again.
    public static func message(for match: Match, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let value = Array(bytes[match.range])
        return "väntade inga personuppgifter, fann något som ser ut som \(match.kind.description) (\(redacted(value))); "
            + "finsam tar bara emot antal — ta bort uppgiften ur filen"
    }

    /// `"85…", 11 tecken`: the first two characters (a match always starts with two ASCII digits or letters)
    /// and the length in characters, enough to find the value again and never enough to read it.
    static func redacted(_ value: [UInt8]) -> String {
        // Characters, not bytes: a multibyte dash or a full-width digit counts once (in Windows-1252 every
        // byte is a character).
        let text = String(decoding: value, as: UTF8.self)
        let isUTF8 = text.utf8.elementsEqual(value)
        let shown = isUTF8 ? String(text.prefix(2)) : String(decoding: value.prefix(2), as: UTF8.self)
        return "\"\(shown)…\", \(isUTF8 ? text.count : value.count) tecken"
    }

    /// A file name (or path) with each personal datum in it replaced by its ``redacted(_:)`` form, or `nil`
    /// when it holds none: what messages call a file whose name must not be repeated.
    public static func redactedName(_ name: String) -> String? {
        var bytes = Array(name.utf8)
        var out: [UInt8] = []
        var found = false
        while let match = bytes.withUnsafeBufferPointer({ firstMatch(in: $0) }) {
            found = true
            out += bytes[..<match.range.lowerBound]
            out += Array("[personuppgift \(redacted(Array(bytes[match.range])))]".utf8)
            bytes = Array(bytes[match.range.upperBound...])
        }
        guard found else { return nil }
        return String(decoding: out + bytes, as: UTF8.self)
    }

    /// `text` itself, or a placeholder when it holds personal data: for messages that echo a cell.
    static func masked(_ text: String) -> String {
        firstMatch(in: text) == nil ? text : "[personuppgift]"
    }

    // MARK: Personnummer

    private struct Group {
        var start: Int
        var end: Int
        /// The separator before this group: `+` when it holds one, `-` when it holds a dash, a space when it is
        /// only spaces; 0 for the first group of a chain.
        var separator: UInt8
    }

    /// What one separator character is.
    private enum SeparatorUnit {
        /// A space or a TAB.
        case space
        /// A hyphen, `/`, `.` or `_`: what people type between a date's parts.
        case dash
        case plus
    }

    /// The separator character at `bytes[i]` of a normalised cell (every other dash or space is ASCII there).
    @inline(__always)
    private static func separatorUnit(_ b: UInt8) -> SeparatorUnit? {
        switch b {
        case UInt8(ascii: " "), UInt8(ascii: "\t"): .space
        case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "_"): .dash
        case UInt8(ascii: "+"): .plus
        default: nil
        }
    }

    /// The separator starting at `bytes[i]`: spaces, at most two dashes or one `+`, spaces; at most five
    /// characters. Returns where it ends and its kind for ``Group/separator`` (`+`, `-` when it has a dash,
    /// a space when it is only spaces), or `nil` when there is none.
    private static func separator(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (end: Int, kind: UInt8)? {
        var i = start, dashes = 0, pluses = 0
        var kind = UInt8(ascii: " ")
        while i < bytes.count, i - start < 5, let unit = separatorUnit(bytes[i]) {
            switch unit {
            case .space: break
            case .dash: dashes += 1; kind = UInt8(ascii: "-")
            case .plus: pluses += 1; kind = UInt8(ascii: "+")
            }
            guard dashes <= 2, pluses <= 1, dashes == 0 || pluses == 0 else { return nil }
            i += 1
        }
        return i > start ? (i, kind) : nil
    }

    private static func personnummer(in bytes: UnsafeBufferPointer<UInt8>) -> Match? {
        var chain: [Group] = []
        var i = 0
        let n = bytes.count
        var separatorKind: UInt8 = 0
        while i <= n {
            let isDigit = i < n && bytes[i] &- 0x30 < 10
            if isDigit {
                var j = i
                while j < n && bytes[j] &- 0x30 < 10 { j += 1 }
                chain.append(Group(start: i, end: j, separator: chain.isEmpty ? 0 : separatorKind))
                // A separator followed by a digit continues the chain.
                if j < n, let (end, kind) = separator(bytes, at: j), end < n, bytes[end] &- 0x30 < 10 {
                    separatorKind = kind
                    i = end
                    continue
                }
                if let match = match(chain: chain, in: bytes) { return match }
                chain.removeAll(keepingCapacity: true)
                i = j
            }
            i += 1
        }
        return nil
    }

    /// Tries every run of consecutive groups in a chain with 10 or 12 digits.
    private static func match(chain: [Group], in bytes: UnsafeBufferPointer<UInt8>) -> Match? {
        for first in chain.indices {
            var digits: [UInt8] = []
            var cuts: [(at: Int, separator: UInt8)] = []
            for last in first..<chain.count {
                let group = chain[last]
                if last > first { cuts.append((digits.count, group.separator)) }
                digits += bytes[group.start..<group.end].map { $0 - 0x30 }
                if digits.count > 12 { break }
                guard digits.count == 10 || digits.count == 12 else { continue }
                if let kind = check(digits, cuts: cuts) {
                    return Match(kind: kind, range: chain[first].start..<group.end)
                }
            }
        }
        return nil
    }

    private static func check(_ d: [UInt8], cuts: [(at: Int, separator: UInt8)]) -> Kind? {
        let long = d.count == 12
        // Separators only where people put them: inside the date (ÅÅ|MM|DD), before the last four, and a
        // space between their pairs (`85 01 01 - 12 34`; a dash there would make `2023-01-15-12-34` one).
        let serialCut = long ? 8 : 6
        for cut in cuts {
            let inDate = cut.at == serialCut - 2 || cut.at == serialCut - 4
            let allowed =
                cut.at == serialCut || (cut.separator != UInt8(ascii: "+") && inDate)
                || (cut.separator == UInt8(ascii: " ") && cut.at == serialCut + 2)
            if !allowed { return nil }
        }
        let tail = Array(d.suffix(10))
        let year: Int
        if long {
            let century = Int(d[0]) * 10 + Int(d[1])
            guard (18...20).contains(century) else { return nil }
            year = century * 100 + Int(d[2]) * 10 + Int(d[3])
        } else {
            year = 2000 + Int(d[0]) * 10 + Int(d[1])  // only leap years matter, and 1900 ≡ 2000 would be wrong once a century
        }
        let month = Int(tail[2]) * 10 + Int(tail[3])
        var day = Int(tail[4]) * 10 + Int(tail[5])
        var kind = Kind.personnummer
        if day > 60 {
            day -= 60
            kind = .samordningsnummer
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return luhnIsValid(tail) ? kind : nil
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The Luhn (mod 10) check used by Skatteverket: weights 2,1,2,1,… over the first nine digits.
    static func luhnIsValid(_ tenDigits: [UInt8]) -> Bool {
        var sum = 0
        for (i, digit) in tenDigits.prefix(9).enumerated() {
            let product = Int(digit) * (i % 2 == 0 ? 2 : 1)
            sum += product > 9 ? product - 9 : product
        }
        return (10 - sum % 10) % 10 == Int(tenDigits[9])
    }

    // MARK: E-mail

    private static func isLocal(_ b: UInt8) -> Bool {
        isAlphanumeric(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "%")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- 0x30 < 10 || b >= 0x80
    }

    private static func email(in bytes: UnsafeBufferPointer<UInt8>) -> Match? {
        for at in bytes.indices where bytes[at] == UInt8(ascii: "@") {
            var start = at
            while start > 0 && isLocal(bytes[start - 1]) { start -= 1 }
            guard start < at else { continue }
            var end = at + 1
            var labels: [Range<Int>] = []
            var labelStart = end
            while end < bytes.count && (isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: ".")) {
                if bytes[end] == UInt8(ascii: ".") {
                    labels.append(labelStart..<end)
                    labelStart = end + 1
                }
                end += 1
            }
            labels.append(labelStart..<end)
            // A trailing full stop ends the sentence, not the address.
            if labels.count > 1, labels.last!.isEmpty { labels.removeLast() }
            guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { continue }
            let tld = labels.last!
            guard tld.count >= 2, bytes[tld].allSatisfy({ (($0 | 0x20) &- UInt8(ascii: "a")) < 26 }) else { continue }
            return Match(kind: .epost, range: start..<tld.upperBound)
        }
        return nil
    }
}
