#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds personal data in a cell (DOMAIN §4.3): a Swedish personnummer or samordningsnummer in any
/// spelling, or an e-mail address. finsam promises its users that no such value can enter it, so every cell
/// of every file is checked, free text and `x_` columns included.
///
/// A personnummer is 10 or 12 digits (`ÅÅMMDDNNNK`, `ÅÅÅÅMMDDNNNK`) whose date exists (day + 60 for a
/// samordningsnummer) and whose last digit is the Luhn check digit of the 10-digit form. Separators
/// (`-`, `+`, space) are accepted between the date's parts and before the last four digits, so
/// `19850101-1234`, `850101+1234`, `850101 1234` and `1985 01 01-1234` are all found, while an ordinary
/// ten-digit count, a date that does not exist or a wrong check digit is not.
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

    /// The first personal datum in `bytes` (UTF-8 or Windows-1252: only ASCII matters here).
    public static func firstMatch(in bytes: UnsafeBufferPointer<UInt8>) -> Match? {
        // Most cells are short codes: an e-mail needs an '@', a personnummer ten digits.
        guard bytes.count >= 5, let base = bytes.baseAddress else { return nil }
        if bytes.count < 10 {
            return memchr(base, Int32(UInt8(ascii: "@")), bytes.count) == nil ? nil : email(in: bytes)
        }
        var digits = 0, at = false
        for b in bytes {
            if b &- 0x30 < 10 { digits += 1 } else if b == UInt8(ascii: "@") { at = true }
        }
        if digits >= 10, let match = personnummer(in: bytes) { return match }
        return at ? email(in: bytes) : nil
    }

    public static func firstMatch(in text: String) -> Match? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { firstMatch(in: UnsafeBufferPointer($0)) }
    }

    /// A message for the person who wrote the cell, showing only enough of the value to find it again.
    public static func message(for match: Match, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let value = Array(bytes[match.range])
        let shown = String(decoding: value.prefix(2), as: UTF8.self)
        return "väntade inga personuppgifter, fann något som ser ut som \(match.kind.description) (\"\(shown)…\", \(value.count) tecken); "
            + "finsam tar bara emot antal — ta bort uppgiften ur filen"
    }

    /// `text` itself, or a placeholder when it holds personal data: for messages that echo a cell.
    public static func masked(_ text: String) -> String {
        firstMatch(in: text) == nil ? text : "[personuppgift]"
    }

    // MARK: Personnummer

    private struct Group {
        var start: Int
        var end: Int
        /// The separator byte before this group, 0 for the first group of a chain.
        var separator: UInt8
    }

    private static func isSeparator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: " ")
    }

    private static func personnummer(in bytes: UnsafeBufferPointer<UInt8>) -> Match? {
        var chain: [Group] = []
        var i = 0
        let n = bytes.count
        while i <= n {
            let isDigit = i < n && bytes[i] &- 0x30 < 10
            if isDigit {
                var j = i
                while j < n && bytes[j] &- 0x30 < 10 { j += 1 }
                let separator: UInt8 = chain.isEmpty ? 0 : bytes[i - 1]
                chain.append(Group(start: i, end: j, separator: separator))
                // A single separator followed by a digit continues the chain.
                if j + 1 < n && isSeparator(bytes[j]) && bytes[j + 1] &- 0x30 < 10 {
                    i = j + 1
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
        // Separators only where people put them: inside the date (ÅÅ|MM|DD) and before the last four.
        let dateCuts: Set<Int> = long ? [4, 6] : [2, 4]
        let serialCut = long ? 8 : 6
        for cut in cuts {
            let allowed = cut.at == serialCut || (cut.separator != UInt8(ascii: "+") && dateCuts.contains(cut.at))
            if !allowed { return nil }
        }
        let tail = Array(d.suffix(10))
        let year: Int
        if long {
            let century = Int(d[0]) * 10 + Int(d[1])
            guard (18...20).contains(century) else { return nil }
            year = century * 100 + Int(d[2]) * 10 + Int(d[3])
        } else {
            year = 2000 + Int(d[0]) * 10 + Int(d[1]) // only leap years matter, and 1900 ≡ 2000 would be wrong once a century
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
