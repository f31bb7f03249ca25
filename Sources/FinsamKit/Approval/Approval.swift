import Foundation

/// A period fastställd by the styrelse, or reopened (DOMAIN §11), as the store's index keeps it for ever:
/// the decision or reason in the kansli's words, and for an approval the exact files (with their SHA-256
/// and the units each was current for), the goal file, register and catalogues it was computed with, and the
/// report it approved, byte for byte, in every format.
public struct Approval: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable {
        case faststalld, ateroppnad

        /// "fastställd", "återöppnad".
        public var label: String { self == .faststalld ? "fastställd" : "återöppnad" }
    }

    /// A stored file as the approved report read it.
    public struct File: Sendable, Codable, Hashable {
        public var sequence: Int
        public var sha256: String
        public var file: String
        public var originalName: String
        /// The units this submission was current for when the period was approved.
        public var keys: [NamedKey]
        /// Units where only some respondent groups' forms of this survey file counted (a later file held the
        /// others); absent when every form of its units counted.
        public var groups: [StoreIndex.GroupedKey]? = nil

        /// The units and groups the approved report read of this file.
        public var units: StoreIndex.Units {
            var units = StoreIndex.Units(uniqueKeysWithValues: Set(keys).map { ($0, nil) })
            for grouped in groups ?? [] where units[grouped.key] != nil { units[grouped.key] = .some(Set(grouped.groups)) }
            return units
        }
    }

    /// A file of the approval itself, kept in `approvals/<sha256>.<ext>`: `mal`, `register`, `regler`,
    /// `avslutsorsaker`, `indikatorer`, or the approved report `rapport.md`, `rapport.html`, `rapport.json`,
    /// `rapport.csv`.
    public struct Artefact: Sendable, Codable, Hashable {
        public var role: String
        public var sha256: String
        public var file: String
        /// The name the file had (for people; never used as a path).
        public var name: String?
    }

    /// 1, 2, 3 … over all approvals and reopenings of the store.
    public var sequence: Int
    public var kind: Kind
    public var period: Period
    /// UTC, ISO 8601.
    public var at: String
    /// The decision (`--beslut`) or the reason for reopening (`--reason`).
    public var text: String
    public var files: [File]?
    public var artefacts: [Artefact]?
    /// The SHA-256 that links this event to the one before it (``StoreIndex/chainLink(previous:event:)``);
    /// `nil` in stores written before the chain.
    public var chain: String? = nil

    public func artefact(_ role: String) -> Artefact? { artefacts?.first { $0.role == role } }

    /// "Fastställd av styrelsen 2024-02-20 § 12 (registrerad 2024-02-21 10:15)": the approved report's cover.
    public var coverText: String {
        "Fastställd: \(text) (registrerad i arkivet \(SwedishTime.parse(at).map(SwedishTime.text) ?? at))."
    }

    /// Whether data of `other` belongs to this approval's period or the other way round (a helår and its
    /// halvår lock each other).
    public func overlaps(_ other: Period) -> Bool { period.contains(other) || other.contains(period) }
}

extension StoreIndex {
    /// The approval that locks `period` now: the last event of a period overlapping it, if that is an approval.
    ///
    /// - Returns: the approval in force, or `nil` when the period is open.
    public func lock(for period: Period) -> Approval? {
        locks(overlapping: period).first
    }

    /// Every approval in force for a period overlapping `period` (an approved 2023H1 and 2023H2 for 2023), in
    /// the order they were made.
    ///
    /// - Returns: the approvals that lock part of `period`; empty when all of it is open.
    public func locks(overlapping period: Period) -> [Approval] {
        var locks: [Period: Approval] = [:]
        for event in approvals ?? [] where event.overlaps(period) {
            locks[event.period] = event.kind == .faststalld ? event : nil
        }
        return locks.values.sorted { $0.sequence < $1.sequence }
    }

    /// The events of periods overlapping `period`, in order.
    public func approvals(overlapping period: Period) -> [Approval] {
        (approvals ?? []).filter { $0.overlaps(period) }
    }

    /// What the cover of a new draft of `period` says: that the period was approved and later reopened, or
    /// `nil` when it never was.
    ///
    /// - Returns: the note, or `nil`.
    public func draftNote(for period: Period) -> String? {
        let events = approvals(overlapping: period)
        guard let last = events.last else { return nil }
        func when(_ e: Approval) -> String { SwedishTime.parse(e.at).map { SwedishTime.day(of: $0).description } ?? e.at }
        if last.kind == .faststalld {
            return "Utkast, inte den fastställda rapporten: perioden \(last.period) är fastställd (\(last.text), \(when(last)))."
        }
        let approved = events.last { $0.kind == .faststalld }
        return "Nytt utkast: perioden \(last.period) fastställdes \(approved.map { "\(when($0)) (\($0.text))" } ?? "") "
            + "och återöppnades \(when(last)): \(last.text)."
    }

    /// A problem per file that reports on a fastställd period (`submit`): what happened (the period is locked
    /// by the styrelse's decision, the file was not taken), and what to do, with the exact commands: reopen the
    /// period in this store, submit again, approve anew.
    ///
    /// - Parameter store: the store's folder as the command line named it, for the commands to type.
    /// - Returns: the problems, empty when no file touches a locked period.
    func lockProblems(_ files: [(name: String, keys: [NamedKey])], store: String) -> [Problem] {
        files.compactMap { file in
            let periods = Set(file.keys.map(\.period)).sorted()
            guard let (period, lock) = periods.lazy.compactMap({ p in self.lock(for: p).map { (p, $0) } }).first else { return nil }
            let shown = period == lock.period ? "\(period)" : "\(period) (i \(lock.period))"
            // As a shell reads it: a folder with a space or a quote in single quotes.
            let plain = store.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "0123456789/._-".unicodeScalars.contains($0) }
            let folder = plain ? store : "'" + store.replacingOccurrences(of: "'", with: "'\\''") + "'"
            return Problem(
                file: file.name, position: nil,
                message:
                    "filen har rader för \(shown), men perioden \(lock.period) är fastställd (\(lock.text)) och låst, så filen togs inte emot. "
                    + "Ska den ändra det fastställda underlaget: återöppna perioden först med "
                    + "finsam reopen --period \(lock.period) --reason \"varför underlaget ändras\" --store \(folder), "
                    + "lämna sedan in filen igen och fastställ perioden på nytt med finsam approve --period \(lock.period) --beslut \"…\" --store \(folder)"
            )
        }
    }
}
