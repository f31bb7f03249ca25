/// A minimal XML scanner for the parts of an `.xlsx` workbook: start tags with attributes, end tags and
/// text, with the five named entities and character references decoded. No DTDs, no validation.
///
/// Foundation's `XMLParser` lives in FoundationXML on Linux and needs libxml2 at run time; the workbook
/// parts are machine-written and simple, so a scanner of a page is the smaller dependency.
struct XMLScanner {
    enum Event {
        /// A start tag (local name, without a namespace prefix), its attributes, and whether it closes itself.
        case start(String, [String: String], selfClosing: Bool)
        case end(String)
        case text(String)
    }

    /// Deepest nesting of elements read: a worksheet needs five levels, a drawing a dozen; millions of nested
    /// elements (issue #25 item 13) are refused rather than followed.
    static let maximumDepth = 256

    /// Calls `body` with each event of `bytes` in order. Malformed markup ends the scan quietly: what was
    /// read so far stands, and the workbook reader reports what it then misses.
    ///
    /// `stop` is asked after each start tag: the reader of a part can end the scan once it has refused it.
    ///
    /// - Returns: `false` when the scan stopped at elements nested deeper than ``maximumDepth``.
    /// - Complexity: O(n) in the bytes.
    @discardableResult
    static func scan(_ bytes: [UInt8], stoppingWhen stop: () -> Bool = { false }, _ body: (Event) -> Void) -> Bool {
        let n = bytes.count
        var i = 0
        var textStart = 0
        var depth = 0
        func flushText(_ end: Int) {
            if end > textStart { body(.text(decode(bytes[textStart..<end]))) }
        }
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            flushText(i)
            if starts(bytes, i, "<?") {
                guard let close = find(bytes, "?>", from: i) else { return true }
                i = close + 2
            } else if starts(bytes, i, "<!--") {
                guard let close = find(bytes, "-->", from: i) else { return true }
                i = close + 3
            } else if starts(bytes, i, "<![CDATA[") {
                guard let close = find(bytes, "]]>", from: i) else { return true }
                body(.text(String(decoding: bytes[(i + 9)..<close], as: UTF8.self)))
                i = close + 3
            } else if starts(bytes, i, "<!") {
                guard let close = find(bytes, ">", from: i) else { return true }
                i = close + 1
            } else if i + 1 < n && bytes[i + 1] == UInt8(ascii: "/") {
                guard let close = find(bytes, ">", from: i) else { return true }
                depth -= 1
                body(.end(localName(String(String(decoding: bytes[(i + 2)..<close], as: UTF8.self).trimmingSpaces))))
                i = close + 1
            } else {
                // A start tag: the name, then name="value" pairs (either quote), then > or />.
                var p = i + 1
                while p < n, !isSpace(bytes[p]), bytes[p] != UInt8(ascii: ">"), bytes[p] != UInt8(ascii: "/") { p += 1 }
                let name = localName(String(decoding: bytes[(i + 1)..<p], as: UTF8.self))
                var attributes: [String: String] = [:]
                var selfClosing = false
                while true {
                    while p < n, isSpace(bytes[p]) { p += 1 }
                    guard p < n else { return true }
                    if bytes[p] == UInt8(ascii: ">") { p += 1; break }
                    if bytes[p] == UInt8(ascii: "/") {
                        selfClosing = true
                        p += 1
                        continue
                    }
                    let nameStart = p
                    while p < n, bytes[p] != UInt8(ascii: "="), !isSpace(bytes[p]), bytes[p] != UInt8(ascii: ">") { p += 1 }
                    let attribute = String(decoding: bytes[nameStart..<p], as: UTF8.self)
                    while p < n, isSpace(bytes[p]) { p += 1 }
                    guard p < n, bytes[p] == UInt8(ascii: "=") else { continue }
                    p += 1
                    while p < n, isSpace(bytes[p]) { p += 1 }
                    guard p < n, bytes[p] == UInt8(ascii: "\"") || bytes[p] == UInt8(ascii: "'") else { return true }
                    let quote = bytes[p]
                    p += 1
                    let valueStart = p
                    while p < n, bytes[p] != quote { p += 1 }
                    guard p < n else { return true }
                    attributes[localName(attribute)] = decode(bytes[valueStart..<p])
                    if attribute.hasPrefix("r:") { attributes["r:" + localName(attribute)] = attributes[localName(attribute)] }
                    p += 1
                }
                if !selfClosing {
                    depth += 1
                    guard depth <= maximumDepth else { return false }
                }
                body(.start(name, attributes, selfClosing: selfClosing))
                if selfClosing { body(.end(name)) }
                if stop() { return true }
                i = p
            }
            textStart = i
        }
        flushText(n)
        return true
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private static func starts(_ bytes: [UInt8], _ i: Int, _ prefix: String) -> Bool {
        var k = i
        for b in prefix.utf8 {
            guard k < bytes.count, bytes[k] == b else { return false }
            k += 1
        }
        return true
    }

    private static func find(_ bytes: [UInt8], _ needle: String, from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if starts(bytes, i, needle) { return i }
            i += 1
        }
        return nil
    }

    /// Text with `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;`, `&#N;` and `&#xN;` decoded.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            guard b == UInt8(ascii: "&"), let semicolon = bytes[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                out.append(b)
                i += 1
                continue
            }
            let entity = String(decoding: bytes[(i + 1)..<semicolon], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch entity {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                }
            }
            guard let scalar else {
                out.append(b)
                i += 1
                continue
            }
            UTF8.encode(scalar) { out.append($0) }
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with `&`, `<`, `>` and `"` escaped, and characters XML 1.0 forbids left out.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
