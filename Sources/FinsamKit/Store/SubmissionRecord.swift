import Foundation

/// What one submission leaves beside its stored file, `files/inlamning-<sequence>.json`: the submission as the
/// index names it (what, when, its number, the file's SHA-256). It is written and synced before the index names
/// the submission, so that the index can be rebuilt from the store alone: an index restored from an older copy,
/// or left behind by a crash, never costs a file — `verify` names every record the index lacks, and
/// `verify --repair` puts it back (issue #25).
public struct SubmissionRecord: Sendable, Codable {
    public static let format = "finsam-inlamning"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var submission: StoreIndex.Submission
    /// The sequences of every file stored by the same `submit` (this one among them): all or none of them is
    /// put back into the index, as `submit` stores all or none.
    public var together: [Int]

    public init(_ submission: StoreIndex.Submission, together: [Int]) {
        format = Self.format
        version = Self.currentVersion
        var bare = submission
        bare.chain = nil
        self.submission = bare
        self.together = together
    }

    /// `inlamning-12.json`: the record's name in `files/`.
    public static func fileName(sequence: Int) -> String { "inlamning-\(sequence).json" }

    /// The sequence a record's file name gives, or `nil` for any other name.
    public static func sequence(ofFileName name: String) -> Int? {
        guard name.hasPrefix("inlamning-"), name.hasSuffix(".json") else { return nil }
        let digits = name.dropFirst("inlamning-".count).dropLast(".json".count)
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), digits.first != "0",
            let sequence = Int(digits), (1...StoreIndex.maximumSequence).contains(sequence)
        else { return nil }
        return sequence
    }
}

extension Store {
    func recordPath(sequence: Int) -> String { filesPath + "/" + SubmissionRecord.fileName(sequence: sequence) }

    /// The records in `files/`, by sequence, and the names of those that cannot be read as one.
    ///
    /// - Returns: the readable records, and the unreadable ones with what is wrong.
    func records() -> (records: [Int: SubmissionRecord], unreadable: [(path: String, problem: String)]) {
        var records: [Int: SubmissionRecord] = [:]
        var unreadable: [(path: String, problem: String)] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: filesPath)) ?? []).sorted() {
            guard let sequence = SubmissionRecord.sequence(ofFileName: name) else { continue }
            let path = filesPath + "/" + name
            guard (try? FileSystem.status(path, followingLinks: false))?.kind == .regular, let data = FileManager.default.contents(atPath: path)
            else {
                unreadable.append((path, "väntade en vanlig fil, fann en länk, en mapp eller en oläslig fil"))
                continue
            }
            do {
                let record = try JSONFile.decode(SubmissionRecord.self, from: data, name: path)
                guard record.format == SubmissionRecord.format, record.version == SubmissionRecord.currentVersion,
                    record.submission.sequence == sequence, record.together.contains(sequence),
                    StoreIndex.isStoredName(record.submission.file, sha256: record.submission.sha256)
                else {
                    unreadable.append((path, "väntade en post för inlämning \(sequence) som pekar på files/<sha256>, fann något annat"))
                    continue
                }
                records[sequence] = record
            } catch {
                unreadable.append((path, error.message))
            }
        }
        return (records, unreadable)
    }

    /// The highest sequence any record in `files/` has or names among the files of its submit (0 when
    /// none): a new submission is numbered after it even when the index has lost the submissions those
    /// records are of, and never takes the number of a file of a submit that was cut off before its record
    /// was written (its partners' records name it, and `verify --repair` would take the newcomer for it).
    func highestRecordedSequence() -> Int {
        let named =
            ((try? FileManager.default.contentsOfDirectory(atPath: filesPath)) ?? []).compactMap(SubmissionRecord.sequence(ofFileName:))
            .max() ?? 0
        return max(named, records().records.values.compactMap { $0.together.max() }.max() ?? 0)
    }

    /// Writes the record of `submission`, synced, before the index names it; `together` are the sequences of
    /// every file of the same submit.
    func writeRecord(_ submission: StoreIndex.Submission, together: [Int]) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(SubmissionRecord(submission, together: together)) else {
            throw .io("\(recordPath(sequence: submission.sequence)): kunde inte skriva posten för inlämning \(submission.sequence)")
        }
        try storeWrite([UInt8](data) + [0x0A], to: recordPath(sequence: submission.sequence))
    }
}
