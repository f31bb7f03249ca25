/// Who answers an enkät (DOMAIN §7): NNS's instrument has surveys for deltagare, insatspersonal, chefer i
/// samverkan, styrelse and remittenter, and a förbund may ask its samverkansgrupp. The report has one indicator
/// section per group present.
public enum Respondent: String, Sendable, CodedEnum, Comparable {
    case deltagare, personal, chefer, styrelse, remittenter, samverkansgrupp

    /// The section heading in reports.
    public var label: String {
        switch self {
        case .deltagare: "Deltagare"
        case .personal: "Insatspersonal"
        case .chefer: "Chefer i samverkan"
        case .styrelse: "Styrelse"
        case .remittenter: "Remittenter"
        case .samverkansgrupp: "Samverkansgrupp"
        }
    }

    public static func < (a: Respondent, b: Respondent) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
