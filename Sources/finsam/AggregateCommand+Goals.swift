import FinsamKit
import Foundation

/// `aggregate --goals mal.json --by forbund,period` (DOMAIN §8): every goal per förbund and group.
extension AggregateCommand {
    /// The goal files `--goals` names: one, several comma-separated, or the `mal*.json` of a folder.
    static func goalPaths(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.flatMap { part -> [String] in
            guard (try? FileSystem.status(part))?.kind == .directory else { return [part] }
            let found = FileManager.default.enumerator(atPath: part)?.compactMap { $0 as? String } ?? []
            return found.filter { ($0 as NSString).lastPathComponent.hasPrefix("mal") && $0.hasSuffix(".json") }.sorted()
                .map { (part as NSString).appendingPathComponent($0) }
        }
    }

    /// The grouping `--by` asks of goals: förbund always (a goal file is a förbund's own), and period, and
    /// one of insats or kon.
    static func goalGrouping(_ text: String?) throws(CLIError) -> GoalComparison {
        var comparison = GoalComparison(byPeriod: false, split: .none)
        for name in (text ?? "forbund").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            switch name {
            case "forbund": break
            case "period": comparison.byPeriod = true
            case "insats", "kon":
                guard comparison.split == .none else { throw .usage("--by med --goals: väntade insats eller kon, inte båda") }
                comparison.split = GoalComparison.Split(rawValue: name)!
            default:
                throw .usage("--by med --goals: väntade forbund, period, insats eller kon, fann \"\(name)\"")
            }
        }
        return comparison
    }

    /// Reads every unit's records, evaluates the goal files that apply to each förbund, and writes the rows.
    ///
    /// - Throws: invalid files or goal files (exit 1), a usage error (exit 2).
    static func runGoals(_ arguments: Arguments, units: [AggregateUnit], format: AggregateWriter.Format) throws(CLIError) {
        let comparison = try goalGrouping(arguments["by"])
        let paths = goalPaths(arguments["goals"] ?? "")
        guard !paths.isEmpty else { throw .usage("--goals: väntade en målfil (mal.json) eller en mapp med mal*.json, fann ingen") }
        var rows: [GoalComparison.Row] = [], problems: [Problem] = []
        for unit in units {
            let (dataset, invalid) = Dataset.load(unit.files.map(Dataset.Source.path), catalogues: unit.catalogues, register: unit.register)
            problems += invalid
            guard invalid.isEmpty else { continue }
            var files: [GoalFile] = []
            for path in paths {
                // A goal file is read with the catalogue of the förbund it is for (its bands and folds).
                let goals: GoalFile
                do { goals = try GoalFile.load(path, catalogues: unit.catalogues) } catch {
                    if isForAnother(path, than: dataset) { continue }  // another förbund's goals, in its own words
                    problems += error.problems
                    continue
                }
                let known =
                    unit.register.map { $0.insatser.flatMap { [$0.id, $0.namn] } }
                    ?? Set(dataset.deltagare.map(\.insats) + dataset.forms.map(\.insats) + dataset.aktiviteter.map(\.insats)).map(dataset.name)
                if GoalComparison.forbund(in: dataset).contains(where: { GoalComparison.applies(goals, to: $0, in: dataset) }) {
                    problems += goals.problems(file: path, insatser: known) + goals.problems(file: path, register: unit.register)
                }
                files.append(goals)
            }
            rows += comparison.rows(dataset, goals: files)
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        // By förbund, each förbund's rows in the order they were made (stable: the units may interleave).
        rows = rows.enumerated().sorted { a, b in a.element.forbund != b.element.forbund ? a.element.forbund < b.element.forbund : a.offset < b.offset
        }
        .map(\.element)
        try Output.emit(format == .csv ? comparison.csv(rows) : comparison.json(rows), to: arguments["output"], mark: true)
    }

    /// Whether the goal file at `path` names a förbund (`"forbund"`) that `dataset` does not hold: then its
    /// codes are that förbund's (its bands, its folds), and a unit of other förbund need not know them.
    static func isForAnother(_ path: String, than dataset: Dataset) -> Bool {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let named = object["forbund"] as? String
        else { return false }
        let probe = GoalFile(version: 2, forbund: named, goals: [])
        return !GoalComparison.forbund(in: dataset).contains { GoalComparison.applies(probe, to: $0, in: dataset) }
    }
}
