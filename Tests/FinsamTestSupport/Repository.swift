import Foundation

/// Paths in this repository, found from this file's place so tests run from any working directory.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A file of the sample dataset: `sample("mal-blekinge.json")`.
    public static func sample(_ name: String) -> String { path("SampleData/" + name) }

    /// A file of FinsamKitTests' fixtures.
    public static func fixture(_ name: String) -> String { path("Tests/FinsamKitTests/Fixtures/" + name) }

    /// Every CSV file of the sample dataset, sorted by name.
    public static var sampleCSVs: [String] {
        let folder = path("SampleData")
        return (try! FileManager.default.contentsOfDirectory(atPath: folder)).filter { $0.hasSuffix(".csv") }.sorted()
            .map { folder + "/" + $0 }
    }
}
