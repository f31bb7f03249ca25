import Foundation

extension PersonalDataDetector {
    /// A cell in the form the matcher reads (``PersonalDataDetector``): ASCII digits, dashes and spaces, and
    /// for each of its bytes where it came from in the cell, so that a match names the cell's own bytes.
    struct NormalForm {
        var text: [UInt8] = []
        /// `origins[k]`: the byte range in the cell of the character that gave `text[k]`.
        var origins: [Range<Int32>] = []

        /// The range in the cell of the normalised range `range`.
        func origin(of range: Range<Int>) -> Range<Int> {
            Int(origins[range.lowerBound].lowerBound)..<Int(origins[range.upperBound - 1].upperBound)
        }

        mutating func append(_ byte: UInt8, from origin: Range<Int32>) {
            text.append(byte)
            origins.append(origin)
        }
    }

    /// `bytes` normalised for matching: decoded as UTF-8 (as Windows-1252 when they are not valid UTF-8),
    /// each character then mapped by ``normalise(_:from:into:)``.
    ///
    /// Why: a personnummer typed with full-width digits (an East Asian keyboard), Arabic-Indic digits or a
    /// small hyphen-minus is as much a personnummer to whoever reads it, and a check on ASCII alone would
    /// let it in (issue #25).
    ///
    /// - Complexity: O(n) in the cell; only cells that may hold ten digits or an `@` come here.
    static func normalised(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalForm {
        var form = NormalForm()
        form.text.reserveCapacity(bytes.count)
        form.origins.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset: Int32 = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let length = Int32(encoded.count)
                normalise(Unicode.UTF8.decode(encoded), from: offset..<(offset + length), into: &form)
                offset += length
            case .emptyInput:
                return form
            case .error:
                // Not UTF-8: every byte is a Windows-1252 character.
                form = NormalForm()
                for (i, b) in bytes.enumerated() {
                    normalise(SourceEncoding.windows1252Scalar(b), from: Int32(i)..<Int32(i + 1), into: &form)
                }
                return form
            }
        }
    }

    /// Appends the normal form of `scalar`: ASCII as it is; a decimal digit of any script as its ASCII digit;
    /// a dash, minus or hyphen as `-`; a space as a space; an invisible character (format characters such as
    /// U+200B and U+00AD, combining marks) as nothing; anything else as its NFKC form when that is ASCII
    /// (`＠` → `@`, `．` → `.`), else as its own UTF-8 bytes.
    static func normalise(_ scalar: Unicode.Scalar, from origin: Range<Int32>, into form: inout NormalForm) {
        if scalar.isASCII {
            form.append(UInt8(scalar.value), from: origin)
            return
        }
        let properties = scalar.properties
        if properties.numericType == .decimal, let value = properties.numericValue, value >= 0, value < 10 {
            form.append(UInt8(ascii: "0") + UInt8(value), from: origin)
            return
        }
        switch properties.generalCategory {
        case .dashPunctuation:
            form.append(UInt8(ascii: "-"), from: origin)
            return
        case .spaceSeparator, .lineSeparator, .paragraphSeparator:
            form.append(UInt8(ascii: " "), from: origin)
            return
        case .format, .nonspacingMark, .enclosingMark:
            return
        default:
            break
        }
        switch scalar.value {
        case 0x2212, 0x2043, 0x02D7, 0x2796, 0x2010...0x2015:  // minus sign, hyphen bullet, modifier minus, heavy minus
            form.append(UInt8(ascii: "-"), from: origin)
            return
        case 0x2044, 0x2215:  // fraction and division slash
            form.append(UInt8(ascii: "/"), from: origin)
            return
        case 0x00B7, 0x2022, 0x2027, 0x2219, 0x22C5, 0x30FB:  // middle dots and bullets
            form.append(UInt8(ascii: "."), from: origin)
            return
        default:
            break
        }
        // Latin letters (å, ä, ö, é …) are their own normal form: no need to ask Foundation.
        if scalar.value >= 0x250 {
            let compatible = String(Character(scalar)).precomposedStringWithCompatibilityMapping
            if !compatible.isEmpty, compatible.utf8.allSatisfy({ $0 < 0x80 }) {
                for b in compatible.utf8 { form.append(b, from: origin) }
                return
            }
        }
        UTF8.encode(scalar) { form.append($0, from: origin) }
    }
}
