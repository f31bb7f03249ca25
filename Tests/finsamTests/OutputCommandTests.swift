import Foundation
import FinsamTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `--output` and what the outputs hold, as a user meets them: no input overwritten, `-` for stdout, links
/// and permissions respected, spreadsheet formulas and Markdown markup in names shown as text, and
/// `aggregate` never counting its own earlier output.
@Suite struct OutputCommandTests {
    static let deltagare =
        "forbund;insats;period;kon;status;avslutsorsak;antal\nblekinge;kt-ronneby;2023H1;kvinna;avslutad;arbete;7\nblekinge;kt-ronneby;2023H1;man;pagaende;;6\n"

    func folderWithInput() throws -> URL {
        let folder = try TemporaryFolder.make()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data(Self.deltagare.utf8).write(to: folder.appendingPathComponent("d.csv"))
        return folder
    }

    func permissions(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func anOutputThatIsAnInputIsRefusedAndTheInputKept() throws {
        let folder = try folderWithInput()
        try FileManager.default.linkItem(atPath: folder.appendingPathComponent("d.csv").path, toPath: folder.appendingPathComponent("hard.csv").path)
        // The same file spelt another way, and through a hard link.
        for output in ["sub/../d.csv", "./d.csv", "hard.csv"] {
            let report = try FinsamProcess.run(["report", "--period", "2023H1", "--output", output, "d.csv"], in: folder)
            #expect(report.status == 2, "\(output)")
            #expect(
                report.stderr.hasPrefix("finsam: --output \(output): väntade en ny fil för resultatet, fann indatafilen d.csv; välj ett annat namn"))
            let aggregate = try FinsamProcess.run(["aggregate", "--output", output, "d.csv"], in: folder)
            #expect(aggregate.status == 2, "\(output)")
        }
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("d.csv").path) == Data(Self.deltagare.utf8))
        // Nor a file the options read.
        let goals = Repository.sample("mal-blekinge.json")
        let copy = folder.appendingPathComponent("mal.json").path
        try FileManager.default.copyItem(atPath: goals, toPath: copy)
        #expect(
            try FinsamProcess.run(["report", "--period", "2023H1", "--goals", "mal.json", "--output", "mal.json", "d.csv"], in: folder).status == 2)
        #expect(FileManager.default.contents(atPath: copy) == FileManager.default.contents(atPath: goals))
        // A template never replaces a filled-in file.
        let template = try FinsamProcess.run(["template", "deltagare", "--output", "d.csv"], in: folder)
        #expect(template.status == 2)
        #expect(
            template.stderr.hasPrefix("finsam: --output d.csv: väntade en ny fil eller en tom mall, fann en ifylld fil med 2 rader under rubrikraden")
        )
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("d.csv").path) == Data(Self.deltagare.utf8))
        // …but may replace an empty template.
        #expect(try FinsamProcess.run(["template", "deltagare", "--output", "mall.csv"], in: folder).status == 0)
        #expect(try FinsamProcess.run(["template", "deltagare", "--output", "mall.csv"], in: folder).status == 0)
    }

    @Test func aReportIsNeverWrittenIntoTheStore() throws {
        let folder = try folderWithInput()
        let store = folder.appendingPathComponent("store").path
        #expect(try FinsamProcess.run(["submit", "--store", store, "d.csv"], in: folder).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: store + "/files")
        let stored = "store/files/" + files[0]
        let before = FileManager.default.contents(atPath: folder.path + "/" + stored)
        let report = try FinsamProcess.run(["report", "--store", store, "--period", "2023H1", "--output", stored], in: folder)
        #expect(report.status == 2)
        #expect(report.stderr.contains("väntade en fil utanför arkivet"))
        #expect(FileManager.default.contents(atPath: folder.path + "/" + stored) == before)
    }

    @Test func aDashIsStandardOutput() throws {
        let folder = try folderWithInput()
        let template = try FinsamProcess.run(["template", "deltagare", "--output", "-"], in: folder)
        #expect(template.status == 0)
        #expect(
            template.stdoutBytes == [0xEF, 0xBB, 0xBF]
                + Array("forbund;insats;period;kon;aldersgrupp;ny;status;avslutsorsak;stegforflyttning;antal\r\n".utf8))
        let report = try FinsamProcess.run(["report", "--period", "2023H1", "--output", "-", "d.csv"], in: folder)
        #expect(report.stdout.hasPrefix("# Halvårsrapport januari–juni 2023"))
        let aggregate = try FinsamProcess.run(["aggregate", "--output", "-", "d.csv"], in: folder)
        #expect(
            aggregate.stdout
                == "forbund,insats,period,kon,status,avslutsorsak,antal\nblekinge,kt-ronneby,2023H1,kvinna,avslutad,arbete,7\nblekinge,kt-ronneby,2023H1,man,pagaende,\"\",6\n"
        )
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
    }

    @Test func anExistingFileKeepsItsPermissionsAndANewOneIsNotReadableByEveryone() throws {
        let folder = try folderWithInput()
        let secret = folder.appendingPathComponent("hemlig.md").path
        try Data("gammal".utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
        #expect(try FinsamProcess.run(["report", "--period", "2023H1", "--unsuppressed", "--output", "hemlig.md", "d.csv"], in: folder).status == 0)
        #expect(try permissions(secret) == 0o600)
        #expect(try String(contentsOfFile: secret, encoding: .utf8).hasPrefix("# Halvårsrapport januari–juni 2023"))
        let mask = umask(0o022)
        umask(mask)
        for (verb, name) in [(["report", "--period", "2023H1"], "ny.md"), (["aggregate"], "ny.csv"), (["template", "deltagare"], "mall.csv")] {
            let arguments = verb + ["--output", name] + (verb[0] == "template" ? [] : ["d.csv"])
            #expect(try FinsamProcess.run(arguments, in: folder).status == 0)
            #expect(try permissions(folder.appendingPathComponent(name).path) == 0o640 & ~Int(mask), "\(name)")
        }
    }

    @Test func aSymbolicLinkIsWrittenThroughAndStaysALink() throws {
        let folder = try folderWithInput()
        let target = folder.appendingPathComponent("sub/rapport.md").path
        try Data("gammal".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: 0o604], ofItemAtPath: target)
        let link = folder.appendingPathComponent("senaste.md").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "sub/rapport.md")
        #expect(try FinsamProcess.run(["report", "--period", "2023H1", "--output", "senaste.md", "d.csv"], in: folder).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "sub/rapport.md")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("# Halvårsrapport januari–juni 2023"))
        #expect(try permissions(target) == 0o604)
        // A link to a file not yet made makes that file.
        let dangling = folder.appendingPathComponent("ny-lank.csv").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "sub/ny.csv")
        #expect(try FinsamProcess.run(["aggregate", "--output", "ny-lank.csv", "d.csv"], in: folder).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dangling) == "sub/ny.csv")
        #expect(try String(contentsOfFile: folder.appendingPathComponent("sub/ny.csv").path, encoding: .utf8).hasPrefix("forbund,insats,"))
    }

    /// What kind of file `path` is itself (`lstat`): `S_IFCHR`, `S_IFIFO`, `S_IFREG` …
    func fileType(_ path: String) -> UInt32 {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return UInt32(info.st_mode) & UInt32(S_IFMT)
    }

    /// A device, a named pipe and `/dev/stdout` on a pipe are written to, not replaced: `--output /dev/null`
    /// once put a regular file where `/dev/null` was (run as root, for every program on the machine).
    @Test func aDeviceOrANamedPipeIsWrittenToAndStaysWhatItWas() throws {
        let folder = try folderWithInput()
        #expect(fileType("/dev/null") == UInt32(S_IFCHR))
        for arguments in [["aggregate"], ["report", "--period", "2023H1"], ["template", "deltagare"]] {
            let run = try FinsamProcess.run(arguments + ["--output", "/dev/null"] + (arguments[0] == "template" ? [] : ["d.csv"]), in: folder)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("skrev /dev/null\n"), "\(arguments)")
            #expect(fileType("/dev/null") == UInt32(S_IFCHR), "\(arguments)")
        }
        #expect(FileHandle(forReadingAtPath: "/dev/null")?.readDataToEndOfFile() == Data())
        // A named pipe: what its reader gets is the table, and the pipe stays a pipe.
        let pipe = folder.appendingPathComponent("ror").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let received = Received()
        // (Foundation's `contents(atPath:)` gives a named pipe up without opening it.)
        let reader = Thread { received.set(FileHandle(forReadingAtPath: pipe)?.readDataToEndOfFile()) }
        reader.start()
        let aggregate = try FinsamProcess.run(["aggregate", "--output", "ror", "d.csv"], in: folder)
        #expect(aggregate.status == 0, "\(aggregate.stderr)")
        let expected =
            "forbund,insats,period,kon,status,avslutsorsak,antal\nblekinge,kt-ronneby,2023H1,kvinna,avslutad,arbete,7\n"
            + "blekinge,kt-ronneby,2023H1,man,pagaende,\"\",6\n"
        #expect(received.wait().map { String(decoding: $0, as: UTF8.self) } == expected)
        #expect(fileType(pipe) == UInt32(S_IFIFO))
        // `/dev/stdout` when standard output is a pipe: its last link names no file to replace.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "'\(FinsamProcess.binary.path)' aggregate --output /dev/stdout d.csv | cat"]
        shell.currentDirectoryURL = folder
        let out = Pipe()
        shell.standardOutput = out
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        #expect(String(decoding: printed, as: UTF8.self) == expected)
    }

    /// What the named pipe's reader thread read, handed to the test.
    final class Received: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data: Data?
        func set(_ data: Data?) {
            self.data = data
            done.signal()
        }
        /// Waits up to a minute for the reader.
        func wait() -> Data? { done.wait(timeout: .now() + 60) == .success ? data : nil }
    }

    @Test func cellsThatASpreadsheetWouldRunAsFormulasAreShownAsText() throws {
        let folder = try TemporaryFolder.make()
        try Data(
            """
            forbund;insats;period;kon;status;avslutsorsak;antal
            blekinge;"=HYPERLINK(""http://x"";""a"")";2023H1;kvinna;avslutad;arbete;7
            blekinge;+1+2;2023H1;man;avslutad;arbete;6
            blekinge;@SUM(A1);2023H1;man;avslutad;arbete;5
            blekinge;-5;2023H1;man;avslutad;arbete;8
            blekinge;-0,5;2023H1;man;avslutad;arbete;9

            """.utf8
        ).write(to: folder.appendingPathComponent("d.csv"))
        let aggregate = try FinsamProcess.run(["aggregate", "--by", "insats", "d.csv"], in: folder)
        #expect(aggregate.status == 0)
        #expect(aggregate.stdout == "insats,antal\n'+1+2,6\n\"-0,5\",9\n-5,8\n\"'=HYPERLINK(\"\"http://x\"\";\"\"a\"\")\",7\n'@SUM(A1),5\n")
        let report = try FinsamProcess.run(["report", "--period", "2023H1", "--format", "csv", "d.csv"], in: folder)
        #expect(report.status == 0)
        let lines = report.stdout.components(separatedBy: "\r\n")
        #expect(lines.contains("stegforflyttning;\"'=HYPERLINK(\"\"http://x\"\";\"\"a\"\")\";kvinna;7;7"))
        #expect(lines.contains("stegforflyttning;'@SUM(A1);man-avslutade;5;5"))
        #expect(lines.contains("stegforflyttning;'+1+2;man-avslutade;6;6"))
        #expect(lines.contains("stegforflyttning;-5;man-avslutade;8;8"))
        // No cell of the report begins with a formula character unless it is a number.
        for line in lines.dropFirst() where !line.isEmpty {
            for cell in line.split(separator: ";", omittingEmptySubsequences: false) {
                let text = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                #expect(!(text.first.map { "=+@\t\r".contains($0) } ?? false), "\(line)")
            }
        }
    }

    @Test func markdownShowsNamesAsText() throws {
        let folder = try TemporaryFolder.make()
        try Data(
            """
            forbund;insats;period;kon;status;avslutsorsak;antal
            "<img src=x onerror=alert(1)>|F";"Insats <b>A</b> | fejkad rad |";2023H1;kvinna;avslutad;arbete;7

            """.utf8
        ).write(to: folder.appendingPathComponent("d.csv"))
        let report = try FinsamProcess.run(["report", "--period", "2023H1", "d.csv"], in: folder)
        #expect(report.status == 0)
        #expect(report.stdout.hasPrefix("# Halvårsrapport januari–juni 2023 — &lt;img src=x onerror=alert(1)&gt;\\|F\n\n"))
        #expect(report.stdout.contains("| Insats &lt;b&gt;A&lt;/b&gt; \\| fejkad rad \\| | "))
        #expect(!report.stdout.contains("<img") && !report.stdout.contains("<b>"))
        // A line break in a name is refused at its cell (issue #25), so it cannot break a table either.
    }

    @Test func aggregateRunAgainIntoItsInputFolderCountsTheSame() throws {
        let folder = try TemporaryFolder.make()
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data(Self.deltagare.utf8).write(to: data.appendingPathComponent("d.csv"))
        let expected =
            "forbund,insats,period,kon,status,avslutsorsak,antal\nblekinge,kt-ronneby,2023H1,kvinna,avslutad,arbete,7\nblekinge,kt-ronneby,2023H1,man,pagaende,\"\",6\n"
        let first = try FinsamProcess.run(["aggregate", "--output", "data/summa.csv", "data"], in: folder)
        #expect(first.status == 0)
        #expect(try String(contentsOfFile: data.appendingPathComponent("summa.csv").path, encoding: .utf8) == expected)
        // Again into the same file: it is this run's output, and marked as an earlier one.
        let second = try FinsamProcess.run(["aggregate", "--output", "data/summa.csv", "data"], in: folder)
        #expect(second.status == 0)
        #expect(second.stderr.contains("aggregate: hoppade över data/summa.csv: "))
        #expect(try String(contentsOfFile: data.appendingPathComponent("summa.csv").path, encoding: .utf8) == expected)
        // Into another file: the first output is recognised by its mark.
        let third = try FinsamProcess.run(["aggregate", "--output", "data/summa2.csv", "data"], in: folder)
        #expect(third.stderr.contains("aggregate: hoppade över data/summa.csv: skriven av finsam aggregate\n"))
        #expect(try String(contentsOfFile: data.appendingPathComponent("summa2.csv").path, encoding: .utf8) == expected)
        // Standard output redirected into the folder is marked too, and skipped by the next run.
        let redirected = data.appendingPathComponent("omdirigerad.csv")
        try Data().write(to: redirected)
        let process = Process()
        process.executableURL = FinsamProcess.binary
        process.arguments = ["aggregate", data.appendingPathComponent("d.csv").path]
        process.standardOutput = try FileHandle(forWritingTo: redirected)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(try String(contentsOf: redirected, encoding: .utf8) == expected)
        let fourth = try FinsamProcess.run(["aggregate", "data"], in: folder)
        #expect(fourth.stdout == expected)
        #expect(fourth.stderr.contains("aggregate: hoppade över data/omdirigerad.csv: skriven av finsam aggregate\n"))
        #expect(fourth.stderr.contains("aggregate: 1 filer, 2 rader"))
    }
}
