import Foundation
@testable import FinsamKit

/// Every whole number a published report shows, read from its tables as a reader reads them: cell by cell,
/// from the text, knowing nothing of how protection decided.
///
/// A count cell is a plain integer ("53", "1 234"), a label and an integer ("Till stor del 11", "4: 20"), or a
/// pair or two pairs ("53 av 60", "17 mot 13", "5 av 8 mot 3 av 9"): one slot per integer. Percentages,
/// intervals, means, kronor, changes in procentenheter and verdicts hold no slot (a "%", "kr", "p", a
/// decimal comma or a dash keeps them out). Which cells are counts is decided on the *unprotected* report,
/// where every count is a number; the protected report of the same data is then read at the same places,
/// where a slot is a number, `<5` or `..` (a whole `..` cell hides all its slots).
///
/// A slot's key names its place: `table · row · column` (the column's key, which the JSON report publishes),
/// with `#2` for a second slot; ``prefix`` tells apart the reports of one year read together.
struct PublishedCounts {
    enum Mark: Equatable, CustomStringConvertible {
        case value(Int)
        /// `<threshold`: 1 to threshold − 1.
        case small
        /// `..`. `mayBeZero`: in a cell of several counts (a hidden "x av y", whose slots may be 0 although
        /// the engine hides no 0 of its own) or a survey answer count (a group of fewer than 5 forms shows none
        /// of its counts, DOMAIN §8, zeros too); else it is a count the engine chose to hide.
        case dots(mayBeZero: Bool)
        /// A count place showing something else (a reason in words): nothing known but that it is ≥ 0.
        case unreadable(String)

        var description: String {
            switch self {
            case .value(let v): "\(v)"
            case .small: "<5"
            case .dots: ".."
            case .unreadable(let text): "\"\(text)\""
            }
        }
    }

    /// The slots in order of appearance, and by key.
    private(set) var keys: [String] = []
    private(set) var marks: [String: Mark] = [:]
    /// The places that show survey answers: the indicator rows, and the rows of a goal on survey answers.
    private(set) var surveyPlaces: Set<String> = []
    /// The reports (their prefix) that hide a 0 of a count of people, which protection does only to keep a
    /// count of an approved report from being worked out: in them a reader takes no `..` for at least 1.
    private(set) var reportsHidingZeros: [String] = []

    /// No counts yet: reports are appended to it.
    init() {}

    /// The counts of an unprotected report: every slot a number.
    init(unprotected published: PublishedReport, prefix: String = "") {
        for (key, text) in Self.places(published, prefix: prefix) {
            guard let tokens = Self.tokens(text, threshold: 5), tokens.allSatisfy({ if case .value = $0 { true } else { false } }) else {
                continue
            }
            for (slot, token) in tokens.enumerated() { add(Self.key(key, slot), token) }
        }
    }

    /// The protected report's marks at every count place of `truth` (the unprotected report of the same
    /// data); places the protected report does not show (a row left out) are not entered.
    init(protected published: PublishedReport, truth: PublishedCounts, prefix: String = "") {
        let slots = Dictionary(grouping: truth.keys, by: { $0.split(separator: "#").first.map(String.init) ?? $0 })
        // Goals on survey answers, and goals that count forms (a group's size): figures of groups of forms.
        let surveyGoals = Set(
            published.report.goals.compactMap { goal -> String? in
                switch goal.goal.measure {
                case .surveyShare: goal.goal.id
                case .count(let count) where count.of == .formular: goal.goal.id
                default: nil
                }
            })
        for (key, text) in Self.places(published, prefix: prefix) {
            guard let wanted = slots[key] else { continue }
            let threshold = published.protection?.threshold ?? 5
            let isSurvey = Self.isSurveyAnswer(key) || Self.isGoalPlace(key, of: surveyGoals)
            if isSurvey { surveyPlaces.formUnion(wanted) }
            if text == ".." {
                for (slot, _) in wanted.enumerated() { add(Self.key(key, slot), .dots(mayBeZero: wanted.count > 1 || isSurvey)) }
            } else if let tokens = Self.tokens(text, threshold: threshold), tokens.count == wanted.count {
                for (slot, token) in tokens.enumerated() {
                    add(Self.key(key, slot), token == .dots(mayBeZero: false) && isSurvey ? .dots(mayBeZero: true) : token)
                }
            } else {
                for slot in wanted.indices { add(Self.key(key, slot), .unreadable(text)) }
            }
        }
        // A report that hides a 0 tells no reader that its `..` are at least 1 (which it is, the reader cannot
        // tell): each of its `..` may be 0. The other reports keep the rule.
        if keys.contains(where: { marks[$0] == .dots(mayBeZero: false) && truth.value($0) == 0 }) {
            reportsHidingZeros.append(prefix)
            for key in keys where marks[key] == .dots(mayBeZero: false) { marks[key] = .dots(mayBeZero: true) }
        }
    }

    /// Whether the place at `key` shows survey answers (the indicator rows), which follow the survey rule.
    static func isSurveyAnswer(_ key: String) -> Bool { key.contains("indikatorer · ") }

    /// Whether the place at `key` is a figure of one of `goals`: a row of the goal tables (`mal · stod`,
    /// `mal-insats · stod/Alfa`) or a column of the trend (`trend · 2023H2 · stod`).
    static func isGoalPlace(_ key: String, of goals: Set<String>) -> Bool {
        let parts = key.components(separatedBy: " · ")
        guard parts.count >= 3, let table = parts.dropLast(2).last else { return false }
        if table == "trend" { return goals.contains(parts[parts.count - 1].split(separator: "#").first.map(String.init) ?? "") }
        guard ["mal", "mal-kon", "mal-insats"].contains(table) else { return false }
        return goals.contains(parts[parts.count - 2].split(separator: "/").first.map(String.init) ?? "")
    }

    mutating func append(_ other: PublishedCounts) {
        for key in other.keys { add(key, other.marks[key]!) }
        surveyPlaces.formUnion(other.surveyPlaces)
        reportsHidingZeros += other.reportsHidingZeros
    }

    private mutating func add(_ key: String, _ mark: Mark) {
        if marks.updateValue(mark, forKey: key) == nil { keys.append(key) }
    }

    func value(_ key: String) -> Int? { if case .value(let v)? = marks[key] { v } else { nil } }

    private static func key(_ place: String, _ slot: Int) -> String { slot == 0 ? place : "\(place)#\(slot + 1)" }

    /// Every cell with its place key and text.
    private static func places(_ published: PublishedReport, prefix: String) -> [(String, String)] {
        published.tables.flatMap { table in
            table.rows.flatMap { row in
                row.cells.indices.map { c in
                    let column = c < table.columnKeys.count ? table.columnKeys[c] : "\(c)"
                    return ("\(prefix)\(table.id) · \(row.key) · \(column)", row.cells[c].text)
                }
            }
        }
    }

    /// The slots of a count cell's text, or `nil` when it is no count cell.
    static func tokens(_ text: String, threshold: Int) -> [Mark]? {
        let text = text.replacingOccurrences(of: "\u{00A0}", with: "")
        func one(_ token: Substring) -> Mark? {
            if token == "<\(threshold)" { return .small }
            if token == ".." { return .dots(mayBeZero: false) }
            guard !token.isEmpty, token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber), let v = Int(token) else { return nil }
            return .value(v)
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        // "a av b", "a mot b", "a av b mot c av d".
        if words.count == 3 || words.count == 7, (1..<words.count).filter({ $0 % 2 == 1 }).allSatisfy({ ["av", "mot"].contains(words[$0]) }) {
            let marks = stride(from: 0, to: words.count, by: 2).map { one(words[$0]) }
            return marks.allSatisfy { $0 != nil } ? marks.map { $0! } : nil
        }
        if let whole = one(Substring(text)) { return [whole] }
        // A label and a count: "Till stor del 11", "4: 20" (the label has no digit, or is a digit and a colon).
        guard words.count > 1, let last = one(words[words.count - 1]) else { return nil }
        let label = words.dropLast().joined(separator: " ")
        let isScaleValue = label.hasSuffix(":") && label.dropLast().allSatisfy(\.isNumber)
        guard isScaleValue || (!label.contains(where: \.isNumber) && label.contains(where: \.isLetter)) else { return nil }
        return [last]
    }
}
