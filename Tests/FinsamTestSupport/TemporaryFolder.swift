import Foundation

/// Fresh folders for a test's files, never shared between tests.
public enum TemporaryFolder {
    /// A new, empty folder under the system's temporary folder, named `prefix-` and a ``unique()`` name.
    public static func make(_ prefix: String = "finsam-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(unique())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A name no other test's file or folder has: a UUID with its digits written as the letters g–p. finsam
    /// refuses a file whose name looks like a personnummer, and a UUID's hex digits now and then hold ten or
    /// twelve decimal digits in a row (a test failed on one in a whole run).
    public static func unique() -> String {
        String(
            UUID().uuidString.unicodeScalars.map { c in
                ("0"..."9").contains(c) ? Character(UnicodeScalar(c.value - 0x30 + 0x67)!) : Character(c)
            })
    }
}
