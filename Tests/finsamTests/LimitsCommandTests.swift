import Foundation
import FinsamTestSupport
import Testing

/// Limits seen from the command line: exit codes, messages, and a store that is never touched.
@Suite(.serialized) struct LimitsCommandTests {
    static let valid = "forbund;insats;period;kon;status;antal\nblekinge;kt-ronneby;2023H1;kvinna;pagaende;2\n"

    /// Runs `executable` in `folder`, returning its exit status and what it wrote to stderr.
    func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let err = folder.appendingPathComponent("err.txt")
        try Data().write(to: err)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: err, encoding: .utf8))
    }

    /// Every file below `folder` with its bytes.
    func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            result[path] = FileManager.default.contents(atPath: folder.path + "/" + path) ?? Data()
        }
        return result
    }

    @Test func aLineOverSixteenMiBIsAnErrorNotAnOutOfMemory() throws {
        let folder = try TemporaryFolder.make()
        var bytes = Data("forbund;insats;period;kon;status\n\"".utf8)
        bytes.append(Data(repeating: UInt8(ascii: "x"), count: 17 << 20))
        try bytes.write(to: folder.appendingPathComponent("stor.csv"))
        let result = try FinsamProcess.run(["validate", "stor.csv"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "stor.csv:2:1: fel: väntade en rad på högst 16 MiB, fann en längre (saknas ett avslutande citattecken?)\n")
    }

    @Test func anUnreadablePathExitsThree() throws {
        let folder = try TemporaryFolder.make()
        try Data(Self.valid.utf8).write(to: folder.appendingPathComponent("a.csv"))
        let notADirectory = try FinsamProcess.run(["validate", "a.csv/b.csv"], in: folder)
        #expect(notADirectory.status == 3)
        #expect(notADirectory.stderr == "a.csv/b.csv: fel: kan inte öppna filen: en del av sökvägen är inte en mapp\n")
        let folderGiven = try FinsamProcess.run(["validate", "."], in: folder)
        #expect(folderGiven.status == 3)
        #expect(
            folderGiven.stderr
                == ".: fel: väntade en fil, fann en mapp: ge filerna i den (finsam validate ./*.csv ./*.xlsx), "
                + "eller läs hela mappen med finsam aggregate .\n")
    }

    /// A full disk, simulated with a file size limit (the write fails with EFBIG, as it would with ENOSPC).
    @Test func aFullDiskOnSubmitLeavesTheStoreAsItWas() throws {
        let folder = try TemporaryFolder.make()
        try Data(Self.valid.utf8).write(to: folder.appendingPathComponent("a.csv"))
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "a.csv"], in: folder).status == 0)
        var big = Self.valid
        for i in 0..<400 { big += "blekinge;kt-ronneby;2023H1;man;pagaende;\(i)\n" }
        try Data(big.utf8).write(to: folder.appendingPathComponent("b.csv"))
        let before = snapshot(folder.appendingPathComponent("arkiv"))
        let script = "ulimit -f 8; trap '' XFSZ; exec \"\(FinsamProcess.binary.path)\" submit --store arkiv b.csv"
        let (status, message) = try run("/bin/bash", ["-c", script], in: folder)
        #expect(status == 3)
        #expect(message.hasPrefix("finsam: kunde inte spara i arkivet (inget ändrades): arkiv/"))
        #expect(message.hasSuffix(": filen blir större än tillåtet (write)\n"))
        #expect(snapshot(folder.appendingPathComponent("arkiv")) == before)
        #expect(try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder).status == 0)
    }

    /// A store the user may not write to (run as `nobody`; root writes anywhere).
    @Test func aReadOnlyStoreIsAnIOFailureAndStaysUntouched() throws {
        let folder = try TemporaryFolder.make()
        try Data(Self.valid.utf8).write(to: folder.appendingPathComponent("a.csv"))
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "a.csv"], in: folder).status == 0)
        try Data(Self.valid.replacingOccurrences(of: ";2\n", with: ";3\n").utf8).write(to: folder.appendingPathComponent("b.csv"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent("b.csv").path)
        let before = snapshot(folder.appendingPathComponent("arkiv"))
        let (status, message) = try run(
            "/usr/bin/setpriv",
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", FinsamProcess.binary.path,
                "submit", "--store", "arkiv", "b.csv",
            ], in: folder)
        #expect(status == 3)
        // The store's folders are 0750: another user cannot even look into it.
        #expect(message == "finsam: arkiv: kan inte skapa eller öppna arkivet: behörighet saknas\n")
        #expect(snapshot(folder.appendingPathComponent("arkiv")) == before)
    }
}
