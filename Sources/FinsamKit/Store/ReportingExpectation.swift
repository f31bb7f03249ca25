/// Which kinds of file an insats owes each halvår (DOMAIN §11), as data: an individinriktad insats sends
/// deltagare and indikatorsvar, a strukturinriktad one aktiviteter (§4.4). A kind named here that finsam
/// cannot receive (not a ``FileKind``) is not expected, so that no report is counted missing that no one
/// could send.
public enum ReportingExpectation {
    /// Per `typ` of the register, the kinds owed, by their file kind names.
    public static let kinds: [Register.Typ: [String]] = [
        .individ: ["deltagare", "indikatorsvar"],
        .struktur: ["aktiviteter"],
    ]

    /// Kinds no insats owes every halvår: a follow-up after avslut is made when its months have passed.
    static let unowed: Set<FileKind> = [.uppfoljning]

    /// The kinds `status` shows a column for: every kind finsam receives that an insats owes.
    public static var shown: [FileKind] { FileKind.allCases.filter { !unowed.contains($0) } }

    /// Whether an insats of `typ` owes a file of `kind` (without a register: every kind).
    ///
    /// - Returns: `true` when a missing file of this kind counts as missing.
    public static func expects(_ typ: Register.Typ?, _ kind: FileKind) -> Bool {
        guard !unowed.contains(kind) else { return false }
        guard let typ else { return true }
        return kinds[typ]?.contains(kind.rawValue) ?? false
    }
}
