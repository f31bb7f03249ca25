import Foundation

/// The index's events — submissions, and approvals and reopenings — each linked to the one before it by a
/// SHA-256 (issue #25): a decision text, a file's checksum or an approved report's hash changed by hand in
/// `index.json` breaks the chain at that event, and `verify` names it. Submissions and approval events form
/// two chains, each starting from nothing.
///
/// A store written before the chain has none; it still verifies (with a note), and gets one at its next write.
extension StoreIndex {
    /// The link of `event` after `previous`: SHA-256 of the previous link and the event's JSON (sorted keys,
    /// without its own link).
    ///
    /// - Returns: 64 lowercase hex digits.
    static func chainLink(previous: String?, event: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(event)).map { [UInt8]($0) } ?? []
        return SHA256.hex(of: Array((previous ?? "").utf8) + [0x0A] + json)
    }

    /// Links every event that has no link yet and comes after the last one that has: a new event, or every
    /// event of a store written before the chain. An event without a link *before* a linked one is left so,
    /// for `verify` to report.
    mutating func seal() {
        submissions = Self.sealed(submissions, chain: \.chain) { event in
            var bare = event
            bare.chain = nil
            return bare
        }
        if let events = approvals {
            approvals = Self.sealed(events, chain: \.chain) { event in
                var bare = event
                bare.chain = nil
                return bare
            }
        }
    }

    /// Removes the links from `sequence` on (events are re-inserted there), so that ``seal()`` links them anew.
    mutating func unsealSubmissions(from sequence: Int) {
        for i in submissions.indices where submissions[i].sequence >= sequence { submissions[i].chain = nil }
    }

    /// Removes the links of approval events from `sequence` on, so that ``seal()`` links them anew.
    mutating func unsealApprovals(from sequence: Int) {
        guard var events = approvals else { return }
        for i in events.indices where events[i].sequence >= sequence { events[i].chain = nil }
        approvals = events
    }

    private static func sealed<Event: Encodable>(
        _ events: [Event], chain: WritableKeyPath<Event, String?>, bare: (Event) -> Event
    ) -> [Event] {
        var result = events
        let start = (result.lastIndex { $0[keyPath: chain] != nil }).map { $0 + 1 } ?? 0
        for i in start..<result.count {
            result[i][keyPath: chain] = chainLink(previous: i > 0 ? result[i - 1][keyPath: chain] : nil, event: bare(result[i]))
        }
        return result
    }

    /// Where a chain does not hold.
    public enum ChainState: Sendable, Equatable {
        /// Every event is linked to the one before it.
        case intact
        /// No event has a link: a store written before the chain.
        case absent
        /// The first event (its sequence number) whose link is missing or does not match.
        case broken(submission: Int?, approval: Int?)
    }

    /// Whether both chains hold.
    ///
    /// - Complexity: O(*n*) in the events, each encoded once.
    public var chainState: ChainState {
        let submissionBreak = Self.firstBreak(submissions, chain: \.chain, sequence: \.sequence) { event in
            var bare = event
            bare.chain = nil
            return bare
        }
        let approvalBreak = Self.firstBreak(approvals ?? [], chain: \.chain, sequence: \.sequence) { event in
            var bare = event
            bare.chain = nil
            return bare
        }
        let all = submissions.map(\.chain) + (approvals ?? []).map(\.chain)
        if all.allSatisfy({ $0 == nil }) { return all.isEmpty ? .intact : .absent }
        if submissionBreak == nil && approvalBreak == nil { return .intact }
        return .broken(submission: submissionBreak, approval: approvalBreak)
    }

    private static func firstBreak<Event: Encodable>(
        _ events: [Event], chain: KeyPath<Event, String?>, sequence: KeyPath<Event, Int>, bare: (Event) -> Event
    ) -> Int? {
        var previous: String?
        for event in events {
            let link = event[keyPath: chain]
            if link == nil || link != chainLink(previous: previous, event: bare(event)) { return event[keyPath: sequence] }
            previous = link
        }
        return nil
    }
}
