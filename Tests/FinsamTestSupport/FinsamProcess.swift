import Foundation

/// Runs the built `finsam` binary as a user would, and captures what it prints.
public enum FinsamProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var stdoutBytes: [UInt8]
    }

    /// The `finsam` built beside the test bundle, else `.build/debug/finsam`.
    public static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("finsam")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return Repository.root.appendingPathComponent(".build/debug/finsam")
    }

    /// Runs `finsam arguments` in `directory` (the repository by default) with `$FINSAM_STORE` unset.
    @discardableResult
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: [UInt8]? = nil) throws
        -> Result
    {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? Repository.root
        var env = ProcessInfo.processInfo.environment
        env["FINSAM_STORE"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        // Output goes to files, not pipes: no reader thread is needed and a large output cannot block the child.
        let folder = try TemporaryFolder.make("finsam-process")
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        if let input {
            let inURL = folder.appendingPathComponent("stdin")
            try Data(input).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        try? FileManager.default.removeItem(at: folder)
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: [UInt8](outData))
    }
}
