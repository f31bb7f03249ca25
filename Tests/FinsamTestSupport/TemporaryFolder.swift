import Foundation

/// Fresh folders for a test's files, never shared between tests.
public enum TemporaryFolder {
    /// A new, empty folder under the system's temporary folder, named `prefix-UUID`.
    public static func make(_ prefix: String = "finsam-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
