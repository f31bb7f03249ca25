/// The store's index (`index.json`, schema `Schemas/store-index.schema.json`): every submission ever
/// accepted, in order. The CSV files themselves are kept byte for byte beside it, named by their SHA-256,
/// so that no name inside a file can shape a path.
public struct StoreIndex: Sendable, Codable {
    public static let format = "finsam-store"
    public static let currentVersion = 1

    public struct Submission: Sendable, Codable, Hashable {
        /// 1, 2, 3 … in the order received; a later submission supersedes an earlier one for the same units.
        public var sequence: Int
        public var sha256: String
        /// The stored file, relative to the store (`files/<sha256>.csv`).
        public var file: String
        public var bytes: Int
        /// The name the file had when submitted (for people; never used as a path).
        public var originalName: String
        public var kind: FileKind
        /// UTC, ISO 8601.
        public var receivedAt: String
        public var rows: Int
        public var encoding: String
        /// Deltagare (or forms) per kön.
        public var perKon: [String: Int]
        /// Avslutade deltagare (felregistreringar left out); `nil` in submissions stored before it was kept.
        public var avslutade: Int?
        /// The förbund × insats × period units the file reports on.
        public var keys: [NamedKey]
        /// `indikatorsvar`: per unit, the respondent groups of its forms (DOMAIN §7); `nil` for other kinds and
        /// in submissions stored before it was kept (read as deltagare, ``StoreIndex/currentUnits``).
        public var groups: [GroupedKey]? = nil
        /// The SHA-256 that links this submission to the one before it (``StoreIndex/chainLink(previous:event:)``),
        /// so that `verify` notices an index edited by hand; `nil` in stores written before the chain.
        public var chain: String? = nil
        /// A workbook's data sheet, as the receipt names it (issue #25 item 20); `nil` for CSV files and in
        /// submissions stored before it was kept.
        public var sheet: String? = nil

        /// `originalName` as messages, receipts and `history` print it: redacted if it holds personal data (a
        /// store written before finsam refused such names may have one), and with a control character (a TAB
        /// or a line break a file name may hold) shown as `?`, so that one name stays one field of one line.
        public var displayName: String {
            String(
                String.UnicodeScalarView(
                    (PersonalDataDetector.redactedName(originalName) ?? originalName).unicodeScalars.map {
                        $0.properties.generalCategory == .control ? "?" : $0
                    }))
        }
    }

    public var format: String
    public var version: Int
    public var submissions: [Submission]
    /// Approvals and reopenings of periods, in order (``Approval``); absent in stores that never had one,
    /// which stay at version 1. An index with approvals is version 2.
    public var approvals: [Approval]?

    /// The index versions finsam reads.
    public static let readableVersions = [1, 2]

    /// The largest submission number finsam accepts in an index: far more than any förbund will reach, and far
    /// enough from `Int.max` that the next number (`sequence + 1`) can always be computed.
    public static let maximumSequence = 1_000_000_000

    /// What is wrong with an index that decoded but cannot be from finsam (a number out of range, which a
    /// hand edit or a damaged disk makes), or `nil`.
    public var damage: String? {
        for (i, submission) in submissions.enumerated() where !(1...Self.maximumSequence).contains(submission.sequence) {
            return "submissions[\(i)].sequence: väntade ett inlämningsnummer 1–\(Self.maximumSequence), fann \(submission.sequence)"
        }
        return nil
    }

    public init() {
        format = Self.format
        version = Self.currentVersion
        submissions = []
    }

    /// The submission that is current for each unit, kind and respondent group: the latest one that covers it.
    public var current: [Slot: Submission] {
        var result: [Slot: Submission] = [:]
        for submission in submissions {
            for key in submission.keys {
                for group in submission.slotGroups(key) {
                    let slot = Slot(key: key, kind: submission.kind, group: group)
                    if (result[slot]?.sequence ?? 0) < submission.sequence { result[slot] = submission }
                }
            }
        }
        return result
    }

    /// The stored file's name for bytes with checksum `sha256`: `files/<sha256>.csv`, or `.xlsx` for a
    /// workbook, so that the kansli can open a stored file in the program it came from.
    public static func fileName(sha256: String, bytes: [UInt8]) -> String {
        "files/\(sha256).\(ZipArchive.looksLikeZip(bytes) ? "xlsx" : "csv")"
    }

    /// Whether `file` is a name finsam gives (``fileName(sha256:bytes:)``) to the file of `sha256`.
    public static func isStoredName(_ file: String, sha256: String) -> Bool {
        file == "files/\(sha256).csv" || file == "files/\(sha256).xlsx"
    }

    /// A unit, file kind and — for `indikatorsvar` — respondent group: what one insats reports once per period.
    public struct Slot: Sendable, Hashable {
        public var key: NamedKey
        public var kind: FileKind
        /// The respondent group of an `indikatorsvar` slot; `nil` for the other kinds.
        public var group: Respondent?

        public init(key: NamedKey, kind: FileKind, group: Respondent? = nil) {
            self.key = key
            self.kind = kind
            self.group = group
        }
    }
}
