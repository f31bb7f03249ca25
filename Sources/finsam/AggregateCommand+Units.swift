import FinsamKit
import Foundation

/// One run over several förbund (issue #27 item 14): the inputs split into units that share a dimension
/// catalogue and a register. A folder of input with its own `dimensioner.json` (Malmö's 16–30 bands) is read
/// with it; `--register` may name several registers (comma-separated) or a folder of them (`forbund*.json`),
/// and each file is read with the register that names its förbund, so that a förbund's names and ids group as
/// one.
struct AggregateUnit {
    var files: [String]
    var catalogues: Catalogues
    var register: Register?
    /// The `dimensioner.json` the unit's files are read with, `nil` for the run's catalogue.
    var dimensioner: String?
}

extension AggregateCommand {
    /// The registers `--register` names: one file, several comma-separated, or the `forbund*.json` files
    /// of a folder (recursively).
    ///
    /// - Returns: the registers with their paths; whether one file was named (then it applies to every file,
    ///   and files of another förbund are invalid, as before).
    static func registers(_ arguments: Arguments) throws(CLIError) -> (registers: [(path: String, register: Register)], single: Bool) {
        try registers(arguments["register"], option: "--register")
    }

    /// The registers `text` names (the value of `option`), as ``registers(_:)`` reads `--register`.
    static func registers(_ text: String?, option: String) throws(CLIError) -> (registers: [(path: String, register: Register)], single: Bool) {
        guard let text else { return ([], false) }
        var paths: [String] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            if (try? FileSystem.status(part))?.kind == .directory {
                let found = FileManager.default.enumerator(atPath: part)?.compactMap { $0 as? String } ?? []
                paths += found.filter { ($0 as NSString).lastPathComponent.hasPrefix("forbund") && $0.hasSuffix(".json") }.sorted()
                    .map { (part as NSString).appendingPathComponent($0) }
            } else {
                paths.append(part)
            }
        }
        guard !paths.isEmpty else { throw .usage("\(option): väntade ett register (forbund.json) eller en mapp med forbund*.json, fann inget") }
        var registers: [(String, Register)] = []
        var problems: [Problem] = []
        for path in paths {
            do { registers.append((path, try Register.load(from: path))) } catch { problems += error.problems }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        let single = paths.count == 1 && !text.contains(",") && (try? FileSystem.status(text))?.kind != .directory
        return (registers, single)
    }

    /// The files split into units. Without `--dimensioner`, a file is read with the `dimensioner.json` of its
    /// folder or the nearest folder above it inside the operand it was found under; with several registers,
    /// with the one that names the förbund of its rows (a file whose förbund no register names is read
    /// without one).
    ///
    /// - Returns: the units, in the order their first file comes.
    /// - Throws: a catalogue that cannot be read (exit 1).
    static func units(
        _ files: [String], operands: [String], arguments: Arguments, catalogues: Catalogues,
        registers: [(path: String, register: Register)], single: Bool
    ) throws(CLIError) -> [AggregateUnit] {
        var loaded: [String: Catalogues] = [:]
        var units: [AggregateUnit] = []
        for file in files {
            var dimensioner: String?
            if arguments["dimensioner"] == nil {
                let root = operands.filter { file.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }.max { $0.count < $1.count }
                var folder = (file as NSString).deletingLastPathComponent
                while true {
                    let candidate = (folder as NSString).appendingPathComponent("dimensioner.json")
                    if FileManager.default.fileExists(atPath: candidate) {
                        dimensioner = candidate
                        break
                    }
                    guard let root, folder.count > root.count, folder.hasPrefix(root) else { break }
                    folder = (folder as NSString).deletingLastPathComponent
                }
            }
            var unitCatalogues = catalogues
            if let dimensioner {
                if loaded[dimensioner] == nil {
                    do {
                        loaded[dimensioner] = try Catalogues.load(
                            avslutsorsaker: arguments["avslutsorsaker"], indikatorer: arguments["indikatorer"],
                            aktiviteter: arguments["aktiviteter"], dimensioner: dimensioner)
                    } catch { throw .invalid(error.problems) }
                }
                unitCatalogues = loaded[dimensioner]!
            }
            var register: Register?
            if single {
                register = registers.first?.register
            } else if !registers.isEmpty {
                // The förbund the file's rows name, read once without a register.
                let (peek, _) = Dataset.load([.path(file)], catalogues: unitCatalogues)
                let names = Set(GoalComparison.forbund(in: peek).map(peek.name))
                register = registers.first { entry in !names.isEmpty && names.allSatisfy(entry.register.names) }?.register
            }
            if let i = units.firstIndex(where: { $0.dimensioner == dimensioner && $0.register?.id == register?.id }) {
                units[i].files.append(file)
            } else {
                units.append(AggregateUnit(files: [file], catalogues: unitCatalogues, register: register, dimensioner: dimensioner))
            }
        }
        return units
    }
}
