import Foundation
import FinsamTestSupport
import Testing

/// SampleData's reports, byte for byte, against the files in `Tests/finsamTests/Golden/`. A change to what
/// a report says shows up here as a diff to read and accept, not as a surprise in a styrelse's papers.
///
/// After a deliberate change, regenerate the files and read the diff before committing:
///
///     FINSAM_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests
///     git diff Tests/finsamTests/Golden
@Suite struct GoldenReportTests {
    /// A report of SampleData: its golden file's name and the arguments after `report` (the README's first
    /// command, `SampleData/*.csv` spelled out). Paths are relative to
    /// the repository, so the files do not depend on where it is checked out.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var arguments: [String]
        var description: String { name }
    }

    static let blekinge = [
        "--period", "2023H2", "--goals", "SampleData/mal-blekinge.json", "--register", "SampleData/forbund-blekinge.json",
        "SampleData/aktiviteter-2023H1.csv", "SampleData/aktiviteter-2023H2.csv",
        "SampleData/deltagare-2022H2.csv", "SampleData/deltagare-2023H1.csv", "SampleData/deltagare-2023H2.csv",
        "SampleData/indikatorsvar-2022H2.csv", "SampleData/indikatorsvar-2023H1.csv", "SampleData/indikatorsvar-2023H2.csv",
        "SampleData/indikatorsvar-samverkansgrupp-2023H1.csv", "SampleData/indikatorsvar-samverkansgrupp-2023H2.csv",
    ]

    static let cases: [Case] = ["md", "csv", "json", "html"].map { format in
        Case(name: "blekinge-2023H2.\(format)", arguments: blekinge + ["--format", format])
    }

    static var folder: URL { Repository.root.appendingPathComponent("Tests/finsamTests/Golden") }

    @Test(arguments: cases) func reportMatchesItsGoldenFile(_ golden: Case) throws {
        let result = try FinsamProcess.run(["report"] + golden.arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let file = Self.folder.appendingPathComponent(golden.name)
        if ProcessInfo.processInfo.environment["FINSAM_UPDATE_GOLDEN"] == "1" {
            try Data(result.stdoutBytes).write(to: file)
            return
        }
        let expected = try #require(
            FileManager.default.contents(atPath: file.path),
            "no golden file \(golden.name): run FINSAM_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests")
        let actual = Data(result.stdoutBytes)
        guard actual != expected else { return }
        // The first line that differs, to read in the test log; the whole diff with git after regenerating.
        let (a, e) = (
            String(decoding: actual, as: UTF8.self).components(separatedBy: "\n"),
            String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
        )
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        Issue.record(
            "\(golden.name) differs at line \(line + 1):\n  got:      \(line < a.count ? a[line] : "(end)")\n  expected: \(line < e.count ? e[line] : "(end)")\nIf the change is meant: FINSAM_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests, then read git diff."
        )
    }
}
