/// One row of an `uppfoljning` file, decoded: `antal` former deltagare followed up `manader` months after
/// their avslut, in the halvår `period` (when the follow-up was made), with their försörjning then.
///
/// The follow-up counts a deltagare again, apart from the halvår's deltagare: it answers "where are they
/// six months later?" ("effekt över tid"), which the avslutsorsak cannot. Counts only, like every file
/// (DOMAIN §4.3): no date of avslut, no identity, only the months between avslut and follow-up.
public struct UppfoljningRecord: Sendable, Hashable {
    public var forbund: Int32
    public var insats: Int32
    /// The halvår in which the follow-up was made.
    public var period: Period
    public var kon: Kon
    public var aldersgrupp: Aldersgrupp?
    /// Whole months between avslut and follow-up (6, 12, …).
    public var manader: Int
    public var antal: Int
    /// The background dimensions; the slot of `forsorjning_efter` holds the försörjning at follow-up.
    public var dimensions = DimensionCodes()

    /// The longest follow-up finsam takes: five years after avslut.
    static let maximumManader = 60
}
