/// Empty input files that open in Swedish Excel with the right columns (DOMAIN §10 `template`): UTF-8 with
/// BOM (so Excel reads å/ä/ö), `;` (Excel's delimiter in a Swedish locale) and CRLF.
public enum Template {
    /// The header of `kind`; a deltagare file gets a column for each of `dimensions` (a förbund's
    /// ``Catalogues/templateDimensions``) after `antal`, an indikatorsvar file after `aldersgrupp` (a survey
    /// goal may follow a background group, DOMAIN §4.2); an aktiviteter file has the optional kommun and
    /// organisation columns last.
    public static func columns(_ kind: FileKind, catalogue: IndicatorCatalogue, dimensions: [String] = []) -> [String] {
        switch kind {
        case .deltagare:
            ["forbund", "insats", "period", "kon", "aldersgrupp", "ny", "status", "avslutsorsak", "stegforflyttning", "antal"] + dimensions
        case .indikatorsvar:
            ["forbund", "insats", "period", "enkat", "kon", "aldersgrupp"] + dimensions + catalogue.questions.map(\.id)
        case .aktiviteter:
            // Kommun and organisation are optional (a coverage goal counts them); left empty they say nothing.
            ["forbund", "insats", "period", "aktivitet", "tillfallen", "deltagande", "part", "kon", "kommun", "organisation"]
        case .uppfoljning:
            // The försörjning at follow-up is the forsorjning_efter dimension's (its codes are the catalogue's).
            ["forbund", "insats", "period", "kon", "aldersgrupp", "manader", ColumnLayout.uppfoljningStatus, "antal"]
                + dimensions.filter { $0 != ColumnLayout.uppfoljningStatus }
        }
    }

    public static func bytes(_ kind: FileKind, catalogue: IndicatorCatalogue, dimensions: [String] = []) -> [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array((columns(kind, catalogue: catalogue, dimensions: dimensions).joined(separator: ";") + "\r\n").utf8)
    }
}
