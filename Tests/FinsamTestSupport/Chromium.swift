import Foundation

/// Headless Chromium (Debian's `chromium`; `.ci/run` installs it), for the tests that print the HTML report
/// or measure its layout.
public enum Chromium {
    /// The browser's path, or `nil` when it is not installed.
    public static var path: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `chromium --headless … arguments` with its profile in `folder`.
    ///
    /// - Returns: the exit status and what it printed on standard output.
    /// - Throws: when the browser is not installed or cannot be started.
    public static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, stdout: String) {
        guard let path else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "chromium is not installed (apt-get install -y chromium)"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/profile"] + arguments
        let out = folder.appendingPathComponent("chromium-\(TemporaryFolder.unique()).out")
        try Data().write(to: out)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8))
    }
}
