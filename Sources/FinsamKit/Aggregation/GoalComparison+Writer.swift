import Foundation

/// `aggregate --goals` written out: a long CSV table (`,`, LF, UTF-8, as `aggregate`'s other tables) or a JSON
/// object `{"mal": [...]}` with the same keys as the JSON report's goals (`id`, `kind`, `numerator`,
/// `denominator`, `value`, `ci`, `verdict`). A period with no file of the kind a goal counts has no figure:
/// its counts are empty (`null`) and its verdict `inga-uppgifter`.
extension GoalComparison {
    /// The CSV header for `split`: `forbund,period[,insats|,kon],id,kind,target,numerator,denominator,value,ci_low,ci_high,verdict`.
    public func header() -> [String] {
        ["forbund", "period"] + (split == .none ? [] : [split.rawValue])
            + ["id", "kind", "target", "numerator", "denominator", "value", "ci_low", "ci_high", "verdict"]
    }

    /// - Returns: the rows as CSV, names made safe for a spreadsheet (a cell starting with `=` is text).
    public func csv(_ rows: [Row]) -> [UInt8] {
        func cell(_ text: String) -> String { CSVWriter.quoted(CSVWriter.spreadsheetSafe(text), delimiter: ",") }
        var out = header().joined(separator: ",") + "\n"
        for row in rows {
            var cells = [cell(row.forbund), row.period] + (split == .none ? [] : [cell(row.part ?? "")])
            cells += [cell(row.goal.id), Self.kind(row), cell(row.goal.targetText)]
            if row.noData {
                cells += ["", "", "", "", "", Self.noData]
            } else {
                cells += [String(row.numerator), row.denominator.map(String.init) ?? "", Self.number(row), row.interval.map { "\($0.low)" } ?? ""]
                cells += [row.interval.map { "\($0.high)" } ?? "", row.figure.verdict.rawValue]
            }
            out += cells.joined(separator: ",") + "\n"
        }
        return Array(out.utf8)
    }

    /// - Returns: the rows as a JSON object `{"mal": [...]}`, `value` and `ci` unrounded, absent values `null`.
    public func json(_ rows: [Row]) -> [UInt8] {
        let objects: [[String: Any]] = rows.map { row in
            var object: [String: Any] = [
                "forbund": row.forbund, "period": row.period, "id": row.goal.id, "title": row.goal.title, "kind": Self.kind(row),
                "target": row.goal.targetText, "numerator": row.numerator, "denominator": row.denominator ?? NSNull(),
                "value": row.value ?? NSNull(), "ci": row.interval.map { [$0.low, $0.high] } ?? NSNull(),
                "verdict": row.figure.verdict.rawValue,
            ]
            if split != .none { object[split.rawValue] = row.part ?? NSNull() }
            if row.noData {
                for key in ["numerator", "denominator", "value", "ci"] { object[key] = NSNull() }
                object["verdict"] = Self.noData
                return object
            }
            if let baseline = row.figure.baseline {
                object["baseline"] = [
                    "numerator": baseline.numerator, "denominator": row.figure.ofCount ? NSNull() as Any : baseline.denominator as Any,
                ]
            }
            return object
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["mal": objects], options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return Array(data) + [0x0A]
    }

    /// The verdict of a row whose period has no file of the kind its goal counts: no figure, not 0.
    static let noData = "inga-uppgifter"

    /// `share`, `count`, `change` (of shares) or `countChange`.
    static func kind(_ row: Row) -> String { row.figure.ofCount ? "countChange" : row.figure.kind.rawValue }

    /// A count or a difference in counts as a whole number; a share or a change of shares unrounded.
    static func number(_ row: Row) -> String {
        guard let value = row.value else { return "" }
        return row.figure.kind == .count || row.figure.ofCount ? String(Int(value)) : "\(value)"
    }
}
