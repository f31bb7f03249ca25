/// Empty input files that open in Swedish Excel with the right columns (DOMAIN §10 `template`): UTF-8 with
/// BOM (so Excel reads å/ä/ö), `;` (Excel's delimiter in a Swedish locale) and CRLF.
public enum Template {
    public static func columns(_ kind: FileKind, catalogue: IndicatorCatalogue) -> [String] {
        switch kind {
        case .deltagare:
            ["forbund", "insats", "period", "kon", "aldersgrupp", "ny", "status", "avslutsorsak", "stegforflyttning", "antal"]
        case .indikatorsvar:
            ["forbund", "insats", "period", "enkat", "kon", "aldersgrupp"] + catalogue.questions.map(\.id)
        case .aktiviteter:
            ["forbund", "insats", "period", "aktivitet", "tillfallen", "deltagande", "part", "kon"]
        }
    }

    public static func bytes(_ kind: FileKind, catalogue: IndicatorCatalogue) -> [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array((columns(kind, catalogue: catalogue).joined(separator: ";") + "\r\n").utf8)
    }
}
