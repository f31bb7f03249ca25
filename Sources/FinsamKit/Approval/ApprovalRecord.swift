import Foundation

/// What one approval or reopening leaves in `approvals/`, `handelse-<sequence>.json`: the event as the index
/// names it, written and synced before the index does. An index restored from an older copy loses no decision:
/// `verify` names every event the index lacks, and `verify --repair` puts it back (issue #25), as it does for
/// submissions (``SubmissionRecord``).
public struct ApprovalRecord: Sendable, Codable {
    public static let format = "finsam-handelse"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var event: Approval

    public init(_ event: Approval) {
        format = Self.format
        version = Self.currentVersion
        var bare = event
        bare.chain = nil
        self.event = bare
    }

    /// `handelse-3.json`: the record's name in `approvals/`.
    public static func fileName(sequence: Int) -> String { "handelse-\(sequence).json" }

    /// The sequence a record's file name gives, or `nil` for any other name.
    public static func sequence(ofFileName name: String) -> Int? {
        guard name.hasPrefix("handelse-"), name.hasSuffix(".json") else { return nil }
        let digits = name.dropFirst("handelse-".count).dropLast(".json".count)
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0",
            let sequence = Int(digits), (1...StoreIndex.maximumSequence).contains(sequence)
        else { return nil }
        return sequence
    }
}

extension Store {
    func eventRecordPath(sequence: Int) -> String { approvalsPath + "/" + ApprovalRecord.fileName(sequence: sequence) }

    /// The event records in `approvals/`, by sequence, and those that cannot be read as one.
    ///
    /// - Returns: the readable records, and the unreadable ones with what is wrong.
    func eventRecords() -> (records: [Int: Approval], unreadable: [(path: String, problem: String)]) {
        var records: [Int: Approval] = [:]
        var unreadable: [(path: String, problem: String)] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: approvalsPath)) ?? []).sorted() {
            guard let sequence = ApprovalRecord.sequence(ofFileName: name) else { continue }
            let path = approvalsPath + "/" + name
            guard (try? FileSystem.status(path, followingLinks: false))?.kind == .regular, let data = FileManager.default.contents(atPath: path)
            else {
                unreadable.append((path, "väntade en vanlig fil, fann en länk, en mapp eller en oläslig fil"))
                continue
            }
            do {
                let record = try JSONFile.decode(ApprovalRecord.self, from: data, name: path)
                guard record.format == ApprovalRecord.format, record.version == ApprovalRecord.currentVersion, record.event.sequence == sequence
                else {
                    unreadable.append((path, "väntade händelse \(sequence), fann något annat"))
                    continue
                }
                records[sequence] = record.event
            } catch {
                unreadable.append((path, error.message))
            }
        }
        return (records, unreadable)
    }

    /// The number of the next approval or reopening: after every event the index names and every one a record
    /// names, so that an index restored from an older copy never gives two decisions one number.
    func nextEventSequence(_ index: StoreIndex) -> Int {
        let recorded = ((try? FileManager.default.contentsOfDirectory(atPath: approvalsPath)) ?? []).compactMap(ApprovalRecord.sequence(ofFileName:))
        return max(index.approvals?.last?.sequence ?? 0, recorded.max() ?? 0) + 1
    }

    /// Writes the record of `event`, synced, before the index names it.
    func writeEventRecord(_ event: Approval) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(ApprovalRecord(event)) else {
            throw .io("\(eventRecordPath(sequence: event.sequence)): kunde inte skriva posten för händelse \(event.sequence)")
        }
        try storeWrite([UInt8](data) + [0x0A], to: eventRecordPath(sequence: event.sequence))
    }
}
