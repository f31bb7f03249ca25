/// The kinds of input file (DOMAIN §4): the three every halvår brings, and `uppfoljning`, the follow-up of
/// avslutade deltagare some months after avslut ("effekt över tid").
public enum FileKind: String, Sendable, Codable, CaseIterable {
    case deltagare, indikatorsvar, aktiviteter, uppfoljning
}

/// One row of a `deltagare` file, decoded: `antal` deltagare sharing these values. Names are ids into the
/// dataset's ``NameTable``; `avslutsorsak` is an index into the avslutsorsak catalogue, -1 for none.
public struct DeltagareRecord: Sendable, Hashable {
    public var forbund: Int32
    public var insats: Int32
    public var period: Period
    public var kon: Kon
    public var aldersgrupp: Aldersgrupp?
    public var ny: Bool?
    public var status: DeltagarStatus
    public var avslutsorsak: Int16
    /// The row's own `stegforflyttning` cell, which overrides any default.
    var stegforflyttning: Bool?
    public var antal: Int
    /// The row's background dimensions besides åldersgrupp (DOMAIN §4.5).
    public var dimensions = DimensionCodes()
}

/// One answered survey form of an `indikatorsvar` file. Its answers live beside it, one ``Answer`` code
/// per catalogue question.
public struct SurveyForm: Sendable, Hashable {
    public var forbund: Int32
    public var insats: Int32
    public var period: Period
    /// Index into the catalogue's enkäter.
    public var enkat: Int16
    public var kon: Kon?
    public var aldersgrupp: Aldersgrupp?
    /// The form's background dimensions besides åldersgrupp (DOMAIN §4.5): a survey goal of a background
    /// group (Skellefteå's "utifrån diskrimineringsgrunder") is scoped on them.
    public var dimensions = DimensionCodes()
}

/// An answer as stored: the value on the question's scale, or one of the codes below.
public enum Answer {
    public static let none: Int8 = -1
    static let vetEj: Int8 = -2
    static let ejAktuellt: Int8 = -3

    /// The two answers that are given but off every scale; part of each question's vocabulary.
    static let offScale: [(code: String, spellings: [String], value: Int8)] = [
        ("vet ej", ["vetej", "vet inte"], vetEj),
        ("ej aktuellt", ["inte aktuellt", "ej relevant"], ejAktuellt),
    ]
}
