import Foundation
import FinsamTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What an outside tester found in finsam's handling of files (this stop's attack round), each as the
/// tester did it: in a shell, with links, pipes, closed descriptors and other users' files.
@Suite struct FileHandlingAttackTests {
    static let register = Repository.sample("forbund-blekinge.json")

    /// Runs `script` in bash in `folder` with `$F` the finsam binary.
    ///
    /// - Returns: its exit status and what it printed on stdout and stderr.
    func shell(_ script: String, in folder: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "F='\(FinsamProcess.binary.path)'\n" + script]
        process.currentDirectoryURL = folder
        let out = folder.appendingPathComponent(".out-\(TemporaryFolder.unique())"),
            err = folder.appendingPathComponent(".err-\(TemporaryFolder.unique())")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    /// A folder with a store `arkiv` holding the sample's deltagare of 2023H1, and Blekinge's register unless
    /// told not to.
    func folderWithStore(register: Bool = true) throws -> URL {
        let folder = try TemporaryFolder.make()
        let submit = try FinsamProcess.run(
            ["submit", "--store", "arkiv"] + (register ? ["--register", Self.register] : []) + [Repository.sample("deltagare-2023H1.csv")], in: folder
        )
        #expect(submit.status == 0, "\(submit.stderr)")
        return folder
    }

    func inode(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// `--output /dev/stdout` with standard output appended to a file: the file is appended to, not replaced
    /// (before, the log's earlier lines were gone and its inode new).
    @Test func standardOutputUnderAnotherNameIsWrittenThroughItsDescriptor() throws {
        let folder = try TemporaryFolder.make()
        let log = folder.appendingPathComponent("log.txt").path
        try Data("OLD LOG\n".utf8).write(to: URL(fileURLWithPath: log))
        let before = inode(log)
        let run = try shell("\"$F\" template deltagare --output /dev/stdout >> log.txt", in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "skrev /dev/stdout\n")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.hasPrefix("OLD LOG\n\u{FEFF}forbund;insats;period;kon;"))
        #expect(inode(log) == before)
        // On a pipe: before, "/proc/self/fd/pipe:[…]" could not be written.
        let piped = try shell("\"$F\" aggregate --output /dev/stdout \(Repository.sample("deltagare-2023H1.csv")) | head -1", in: folder)
        #expect(piped.stdout == "forbund,insats,period,kon,status,avslutsorsak,antal\n")
    }

    /// A closed standard output loses the output: said, exit 3 (before, exit 0 and nothing anywhere). A
    /// reader that stops early is no failure: no `SIGPIPE` death (exit 141) and no message.
    @Test func aClosedStandardOutputFailsAndAReaderThatLeavesEndsQuietly() throws {
        let folder = try TemporaryFolder.make()
        let closed = try shell("\"$F\" template deltagare >&-", in: folder)
        #expect(closed.status == 3)
        #expect(
            closed.stderr.hasPrefix(
                "finsam: standard ut: kunde inte skriva (den är stängd eller inte öppen för skrivning), så det som skulle skrivas dit gick förlorat"))
        let left = try shell(
            "\"$F\" aggregate --by forbund,insats,period,kon,aldersgrupp,ny,status,avslutsorsak --format json \(Repository.root.path)/SampleData | head -c 10 >/dev/null; exit ${PIPESTATUS[0]}",
            in: folder)
        #expect(left.status == 0, "\(left.stderr)")
        #expect(!left.stderr.contains("finsam:"))
    }

    /// A word that is not UTF-8 is refused: Swift's arguments put U+FFFD for its bytes, and `\xff.csv` was
    /// written as `�.csv`, over a file of that name.
    @Test func aFileNameThatIsNotUTF8IsRefusedNotChanged() throws {
        let folder = try TemporaryFolder.make()
        let other = folder.appendingPathComponent("\u{FFFD}.csv")
        try Data("precious\n".utf8).write(to: other)
        let run = try shell("\"$F\" template deltagare --output $'\\xff.csv'", in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("är inte UTF-8; väntade namn i UTF-8, fann andra byte"))
        #expect(try String(contentsOf: other, encoding: .utf8) == "precious\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") } == ["\u{FFFD}.csv"])
    }

    /// A report written into a store that this command does not use would replace a stored submission, which
    /// nothing can restore: refused as an output in the store is.
    @Test func anOutputInAnyStoreIsRefused() throws {
        let folder = try TemporaryFolder.make()
        let sample = Repository.sample("deltagare-2023H1.csv")
        #expect(try FinsamProcess.run(["submit", "--store", "annat", "--register", Self.register, sample], in: folder).status == 0)
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/annat/files").first { $0.hasSuffix(".csv") })
        let before = FileManager.default.contents(atPath: folder.path + "/annat/files/" + stored)
        for output in ["annat/files/\(stored)", "annat/index.json", "annat/rapport.md"] {
            let run = try FinsamProcess.run(["report", "--period", "2023H1", sample, "--output", output], in: folder)
            #expect(run.status == 2, "\(output)")
            #expect(run.stderr.contains("väntade en fil utanför arkivet, fann en sökväg i arkivet ("), "\(output)")
        }
        #expect(FileManager.default.contents(atPath: folder.path + "/annat/files/" + stored) == before)
        #expect(try FinsamProcess.run(["verify", "--store", "annat"], in: folder).status == 0)
    }

    /// A file its user made read-only is not replaced (as a shell's `>` would not); root replacing another
    /// user's file leaves it theirs. Run as root with `setpriv` (the CI machine); skipped elsewhere.
    @Test func aReadOnlyFileIsKeptAndAnotherUsersFileStaysTheirs() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let folder = try TemporaryFolder.make()
        let nobody: uid_t = 65534
        chmod(folder.path, 0o777)
        // A temporary folder under a folder that user nobody may not enter (a private $TMPDIR): nothing to try.
        guard try shell("/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups test -w .", in: folder).status == 0 else { return }
        let readOnly = folder.appendingPathComponent("ro.csv").path
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: readOnly))
        chown(readOnly, nobody, gid_t(nobody))
        chmod(readOnly, 0o444)
        let run = try shell(
            "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups \"$F\" template deltagare --output ro.csv", in: folder)
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("väntade en fil som får skrivas över, fann en skrivskyddad fil"))
        #expect(try String(contentsOfFile: readOnly, encoding: .utf8) == "keep\n")
        // Root writes over nobody's file: still nobody's, still readable by nobody.
        let theirs = folder.appendingPathComponent("theirs.csv").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: theirs))
        chown(theirs, nobody, gid_t(nobody))
        chmod(theirs, 0o640)
        #expect(try FinsamProcess.run(["template", "deltagare", "--output", "theirs.csv"], in: folder).status == 0)
        var info = stat()
        #expect(stat(theirs, &info) == 0)
        #expect(info.st_uid == nobody)
        let read = try shell("/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups cat theirs.csv | head -c 20 | od -c | head -1", in: folder)
        #expect(read.stdout.contains("f   o   r   b"), "\(read.stdout)")
    }

    /// `verify` says "skicka in originalfilen igen" for a stored file that is gone: doing so restores it
    /// (before, submit answered "samma innehåll — inget ändrat" and the file stayed missing).
    @Test func submittingAMissingStoredFileAgainRestoresIt() throws {
        let folder = try TemporaryFolder.make()
        let sample = Repository.sample("deltagare-2023H1.csv")
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "--register", Self.register, sample], in: folder).status == 0)
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/arkiv/files").first { $0.hasSuffix(".csv") })
        try FileManager.default.removeItem(atPath: folder.path + "/arkiv/files/" + stored)
        #expect(try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder).status != 0)
        let dry = try FinsamProcess.run(["submit", "--store", "arkiv", "--dry-run", sample], in: folder)
        #expect(
            dry.stdout.contains(
                "samma innehåll — den sparade kopian saknas eller är ändrad och skulle återställas från filen (provkörning, inget sparat)"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/arkiv/files/" + stored))
        let again = try FinsamProcess.run(["submit", "--store", "arkiv", sample], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("redan mottagen som inlämning 1 ("))
        #expect(
            again.stdout.contains(
                "samma innehåll — den sparade kopian saknades eller var ändrad och är återställd från filen (en ändrad kopia ligger i hittade/)\n"))
        #expect(FileManager.default.contents(atPath: folder.path + "/arkiv/files/" + stored) == FileManager.default.contents(atPath: sample))
        let verify = try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder)
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    /// `verify --repair` does not follow a link named `hittade` out of the store with stored files.
    @Test func repairDoesNotMoveStoredFilesThroughALinkNamedHittade() throws {
        let folder = try TemporaryFolder.make()
        let sample = Repository.sample("deltagare-2023H1.csv")
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "--register", Self.register, sample], in: folder).status == 0)
        try FileManager.default.createDirectory(atPath: folder.path + "/utanfor", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/arkiv/hittade", withDestinationPath: folder.path + "/utanfor")
        // A stored file that nothing names, which repair would move to hittade/.
        let stray = Repository.sample("aktiviteter-2023H1.csv")
        let sha = try sha256(stray)
        try FileManager.default.copyItem(atPath: stray, toPath: folder.path + "/arkiv/files/\(sha).csv")
        let repair = try FinsamProcess.run(["verify", "--repair", "--store", "arkiv"], in: folder)
        #expect(repair.status != 0)
        #expect(repair.stderr.contains("hittade/ är en symbolisk länk eller en fil, inte en mapp i arkivet"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/utanfor").isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/arkiv/files/\(sha).csv"))
    }

    /// A named pipe as the store's lock, or among a folder's CSV files, is refused or left unread, not
    /// waited for (before, `verify` and `aggregate FOLDER` hung).
    @Test func aNamedPipeInTheStoreOrAFolderIsNotWaitedFor() throws {
        let folder = try folderWithStore()
        try FileManager.default.removeItem(atPath: folder.path + "/arkiv/lock")
        #expect(mkfifo(folder.path + "/arkiv/lock", 0o600) == 0)
        let verify = try shell("timeout 20 \"$F\" verify --store arkiv", in: folder)
        #expect(verify.status != 124 && verify.status != 0)
        #expect(verify.stderr.contains("väntade arkivets låsfil, en vanlig fil, fann en mapp, ett rör eller en enhet; ta bort den"))
        try FileManager.default.createDirectory(atPath: folder.path + "/mapp", withIntermediateDirectories: false)
        #expect(mkfifo(folder.path + "/mapp/z.csv", 0o600) == 0)
        try FileManager.default.copyItem(atPath: Repository.sample("deltagare-2023H1.csv"), toPath: folder.path + "/mapp/d.csv")
        let aggregate = try shell("timeout 20 \"$F\" aggregate mapp", in: folder)
        #expect(aggregate.status == 3, "\(aggregate.stderr)")
        #expect(aggregate.stderr.contains("mapp/z.csv: fel: väntade en vanlig fil i mappen, fann ett rör eller en enhet; den lästes inte"))
    }

    /// A file that cannot be read is said in Swedish (before: Foundation's "The file doesn't exist.").
    @Test func anUnreadableFileIsSaidInSwedish() throws {
        let folder = try TemporaryFolder.make()
        let run = try FinsamProcess.run(["submit", "--store", "arkiv", "saknas.csv"], in: folder)
        #expect(run.status == 3)
        #expect(run.stderr.contains("saknas.csv: fel: kan inte läsa filen: filen eller mappen finns inte; kontrollera sökvägen"))
        let output = try FinsamProcess.run(["template", "deltagare", "--output", ""], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("finsam: --output: väntade ett filnamn (eller - för standard ut), fann ett tomt"))
    }

    /// An index edited to a submission number at the readers' limit: submit refuses to go past it (before,
    /// it wrote 1 000 000 001, and `history`, `status` and `report` could no longer read the store), and
    /// verify says what is wrong once, without telling the user to run verify.
    @Test func submitNeverWritesAnIndexItsReadersRefuse() throws {
        let folder = try folderWithStore()
        let index = folder.appendingPathComponent("arkiv/index.json")
        let text = try String(contentsOf: index, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"sequence\" : 1,", with: "\"sequence\" : 1000000000,").utf8).write(to: index)
        #expect(try String(contentsOf: index, encoding: .utf8) != text)
        let submit = try FinsamProcess.run(["submit", "--store", "arkiv", Repository.sample("aktiviteter-2023H1.csv")], in: folder)
        #expect(submit.status != 0)
        #expect(submit.stderr.contains("väntade inlämningsnummer upp till 1000000000, fann att nästa skulle bli 1000000001"))
        #expect(try FinsamProcess.run(["history", "--store", "arkiv"], in: folder).status == 0)
        try Data("{\"version\": 1, \"submissions\": [".utf8).write(to: index)
        let verify = try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder)
        #expect(
            verify.stderr.hasPrefix(
                "arkiv/index.json: fel: vid 1:32: väntade ett JSON-värde, fann filens slut — arkivets index är skadat — återställ"))
        #expect(!verify.stderr.contains("kör finsam verify —"))
    }

    // MARK: The second round, against the fixes above

    /// `--store ''` (a script's unset variable) made the root folder a store; a store inside another's
    /// folders broke that one; an output into a store whose index is lost was written.
    @Test func anEmptyStoreNameAStoreInAStoreAndAStoreWithoutItsIndexAreRefused() throws {
        let folder = try TemporaryFolder.make()
        let empty = try FinsamProcess.run(["submit", "--store", "", Repository.sample("deltagare-2023H1.csv")], in: folder)
        #expect(empty.status == 2)
        #expect(empty.stderr.hasPrefix("finsam: --store: väntade arkivets mapp, fann ett tomt namn"))
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", Repository.sample("deltagare-2023H1.csv")], in: folder).status == 0)
        let inner = try FinsamProcess.run(["submit", "--store", "arkiv/files/inre", Repository.sample("deltagare-2023H2.csv")], in: folder)
        #expect(inner.status == 2)
        #expect(inner.stderr.contains("väntade en mapp utanför andra arkiv, fann att den ligger i arkivet "))
        try FileManager.default.removeItem(atPath: folder.path + "/arkiv/index.json")
        let output = try FinsamProcess.run(["aggregate", Repository.sample("deltagare-2023H1.csv"), "--output", "arkiv/index.json"], in: folder)
        #expect(output.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/arkiv/index.json"))
    }

    /// A lock hard-linked to a file outside the store was emptied by every submit.
    @Test func aLockWithAnotherNameIsRefusedNotEmptied() throws {
        let folder = try folderWithStore(register: false)
        try Data("VIKTIGT\n".utf8).write(to: folder.appendingPathComponent("viktig.txt"))
        try FileManager.default.removeItem(atPath: folder.path + "/arkiv/lock")
        try FileManager.default.linkItem(atPath: folder.path + "/viktig.txt", toPath: folder.path + "/arkiv/lock")
        let submit = try FinsamProcess.run(["submit", "--store", "arkiv", Repository.sample("deltagare-2023H2.csv")], in: folder)
        #expect(submit.status != 0)
        #expect(submit.stderr.contains("väntade arkivets låsfil, en vanlig fil, fann en fil med fler namn (en hård länk)"))
        #expect(try String(contentsOfFile: folder.path + "/viktig.txt", encoding: .utf8) == "VIKTIGT\n")
    }

    /// `/dev/fd/N` for any N, not only standard output: the file appended to keeps what it had.
    @Test func anyOwnDescriptorIsWrittenThrough() throws {
        let folder = try TemporaryFolder.make()
        try Data("PRE\n".utf8).write(to: folder.appendingPathComponent("ap.txt"))
        let run = try shell("\"$F\" aggregate \(Repository.sample("deltagare-2023H1.csv")) --output /dev/fd/4 4>>ap.txt", in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: folder.path + "/ap.txt", encoding: .utf8).hasPrefix("PRE\nforbund,insats,"))
    }

    /// A named pipe planted as the index or as a stored file, and a stored file that is a link out of the
    /// store: refused as damage, not waited for or read from outside.
    @Test func theStoresOwnFilesAreReadOnlyAsRegularFilesInIt() throws {
        let folder = try TemporaryFolder.make()
        let sample = Repository.sample("deltagare-2023H1.csv")
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", sample], in: folder).status == 0)
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/arkiv/files").first { $0.hasSuffix(".csv") })
        let storedPath = folder.path + "/arkiv/files/" + stored
        try FileManager.default.moveItem(atPath: storedPath, toPath: folder.path + "/utanfor.csv")
        try FileManager.default.createSymbolicLink(atPath: storedPath, withDestinationPath: folder.path + "/utanfor.csv")
        let verify = try shell("timeout 20 \"$F\" verify --store arkiv", in: folder)
        #expect(verify.status == 1, "\(verify.stderr)")
        #expect(verify.stderr.contains("saknas, eller är en länk, ett rör eller en mapp i stället för en fil"))
        try FileManager.default.removeItem(atPath: storedPath)
        #expect(mkfifo(storedPath, 0o600) == 0)
        let report = try shell("timeout 20 \"$F\" report --store arkiv --period 2023H1", in: folder)
        #expect(report.status != 124 && report.status != 0, "\(report.stderr)")
        #expect(report.stderr.contains("kan inte läsa den sparade filen: det är inte en vanlig fil utan en mapp, ett rör eller en enhet"))
        try FileManager.default.removeItem(atPath: folder.path + "/arkiv/index.json")
        #expect(mkfifo(folder.path + "/arkiv/index.json", 0o600) == 0)
        let status = try shell("timeout 20 \"$F\" status --store arkiv --period 2023H1", in: folder)
        #expect(status.status != 124 && status.status != 0, "\(status.stderr)")
        #expect(status.stderr.contains("kan inte läsa arkivets index: det är inte en vanlig fil utan en mapp, ett rör eller en enhet"))
    }

    /// An emptied stored copy (a crash) is restored by submitting the original again; the emptied copy
    /// is kept in hittade/.
    @Test func submittingAChangedStoredFileAgainRestoresItAndKeepsTheChangedCopy() throws {
        let folder = try TemporaryFolder.make()
        let sample = Repository.sample("deltagare-2023H1.csv")
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", sample], in: folder).status == 0)
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/arkiv/files").first { $0.hasSuffix(".csv") })
        try Data().write(to: URL(fileURLWithPath: folder.path + "/arkiv/files/" + stored))
        let again = try FinsamProcess.run(["submit", "--store", "arkiv", sample], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("den sparade kopian saknades eller var ändrad och är återställd från filen"))
        #expect(FileManager.default.contents(atPath: folder.path + "/arkiv/files/" + stored) == FileManager.default.contents(atPath: sample))
        let found = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/arkiv/hittade")
        #expect(found.contains { $0.hasPrefix(stored + ".skadad-") && !$0.hasSuffix(".txt") })
        let note = try #require(found.first { $0.hasSuffix(".txt") })
        #expect(try String(contentsOfFile: folder.path + "/arkiv/hittade/" + note, encoding: .utf8).hasPrefix("Flyttad hit av finsam submit "))
        #expect(try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder).status == 0)
    }

    /// An approval whose record was written but not the index (a run killed in between): nothing is
    /// submitted until `verify --repair` has put it back, so no file enters a period approved before it.
    @Test func aStoreWithAnApprovalOnlyInItsRecordsTakesNoSubmission() throws {
        let folder = try folderWithStore()
        let index = folder.appendingPathComponent("arkiv/index.json")
        let before = try Data(contentsOf: index)
        let approve = try FinsamProcess.run(
            [
                "approve", "--store", "arkiv", "--period", "2023H1", "--beslut", "styrelsen 2023-08-20 § 5", "--goals",
                Repository.sample("mal-blekinge.json"),
            ], in: folder)
        #expect(approve.status == 0, "\(approve.stderr)")
        try before.write(to: index)
        let submit = try FinsamProcess.run(["submit", "--store", "arkiv", Repository.sample("indikatorsvar-2023H1.csv")], in: folder)
        #expect(submit.status != 0)
        #expect(
            submit.stderr.contains(
                "fann händelse 1 (fastställd januari–juni 2023) bara i approvals/, från en körning som avbröts; kör finsam verify --repair"))
        #expect(try FinsamProcess.run(["verify", "--repair", "--store", "arkiv"], in: folder).status == 0)
        let after = try FinsamProcess.run(["submit", "--store", "arkiv", Repository.sample("indikatorsvar-2023H1.csv")], in: folder)
        #expect(after.status != 0)
        #expect(after.stderr.contains("fastställd"))
    }

    /// Names in a folder that are not UTF-8: said, not read as another file of the U+FFFD name.
    @Test func aFolderWithANameThatIsNotUTF8SaysSo() throws {
        let folder = try TemporaryFolder.make()
        let run = try shell(
            "mkdir d && cp \(Repository.sample("deltagare-2023H1.csv")) d/$'a\\xff.csv' && cp \(Repository.sample("deltagare-2023H2.csv")) d/$'a\\xef\\xbf\\xbd.csv' "
                + "&& \"$F\" aggregate d",
            in: folder)
        #expect(run.stderr.contains("d/a\u{FFFD}.csv: fel: namnet är inte UTF-8"), "\(run.stderr)")
        // Nothing is counted until the name is put right (as for a file that cannot be opened).
        #expect(run.status == 3)
        #expect(run.stdout.isEmpty)
    }

    /// Smaller things the second round found: a long output name (its temporary name was too long), an
    /// output under a file, an output in a folder of the store not made yet, an index that is not JSON.
    @Test func outputNamesAndTheIndexSayWhatIsWrong() throws {
        let folder = try TemporaryFolder.make()
        let long = String(repeating: "r", count: 236) + ".csv"
        let written = try FinsamProcess.run(["template", "deltagare", "--output", long], in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/" + long))
        try Data("x\n".utf8).write(to: folder.appendingPathComponent("fil.txt"))
        let underFile = try FinsamProcess.run(["template", "deltagare", "--output", "fil.txt/mall.csv"], in: folder)
        #expect(underFile.status == 2)
        #expect(underFile.stderr.hasPrefix("finsam: --output fil.txt/mall.csv: väntade ett filnamn i en mapp, fann att fil.txt är en fil"))
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", Repository.sample("deltagare-2023H1.csv")], in: folder).status == 0)
        let unmade = try FinsamProcess.run(["template", "deltagare", "--output", "arkiv/ny/mall.csv"], in: folder)
        #expect(unmade.status == 2)
        #expect(unmade.stderr.contains("väntade en fil utanför arkivet"))
        try Data("forbund;insats\n".utf8).write(to: folder.appendingPathComponent("arkiv/index.json"))
        let verify = try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder)
        #expect(verify.stderr.contains("väntade ett JSON-värde (false, ett tal, en text, {…} eller […]), fann \"forbund;insats\"; är filen JSON?"))
    }

    // MARK: The third round

    /// The store's register as a named pipe hung five commands; a configuration file that is a link to
    /// `/dev/zero` was read until memory ran out (exit 134).
    @Test func theRegisterIsReadAsARegularFileAndNoConfigurationFileWithoutEnd() throws {
        let folder = try folderWithStore()
        try FileManager.default.removeItem(atPath: folder.path + "/arkiv/forbund.json")
        #expect(mkfifo(folder.path + "/arkiv/forbund.json", 0o600) == 0)
        for command in ["status --store arkiv --period 2023H1", "history --store arkiv", "report --store arkiv --period 2023H1"] {
            let run = try shell("timeout 20 \"$F\" \(command)", in: folder)
            #expect(run.status == 3, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("arkiv/forbund.json: väntade arkivets register som en vanlig fil, fann en länk, ett rör eller en mapp"))
        }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/noll.json", withDestinationPath: "/dev/zero")
        let zero = try FinsamProcess.run(["validate", "--register", "noll.json", Repository.sample("deltagare-2023H1.csv")], in: folder)
        #expect(zero.status == 3)
        #expect(zero.stderr.contains("noll.json: fel: kan inte läsa filen: filen blir större än tillåtet"))
    }

    /// A submit of two files cut off after the first record: the next submit does not take the number the
    /// first record names for its partner (before, `verify --repair` then restored half the cut-off submit).
    @Test func aNumberNamedByACutOffSubmitIsNotTakenAgain() throws {
        let folder = try folderWithStore()
        let index = folder.appendingPathComponent("arkiv/index.json")
        let before = try Data(contentsOf: index)
        let two = try FinsamProcess.run(
            ["submit", "--store", "arkiv", Repository.sample("aktiviteter-2023H1.csv"), Repository.sample("indikatorsvar-2023H1.csv")], in: folder)
        #expect(two.status == 0, "\(two.stderr)")
        // As if killed after the first record: the index from before, the second record gone.
        try before.write(to: index)
        try FileManager.default.removeItem(atPath: folder.path + "/arkiv/files/inlamning-3.json")
        let next = try FinsamProcess.run(["submit", "--store", "arkiv", Repository.sample("deltagare-2023H2.csv")], in: folder)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("inlämning 4"), "\(next.stdout)")
    }

    /// A stored copy lost in an approved period is restored by submitting the original again (before, the
    /// period's lock refused it, and `verify`'s advice led nowhere).
    @Test func aLostStoredCopyInAnApprovedPeriodIsRestoredBySubmittingItAgain() throws {
        let folder = try TemporaryFolder.make()
        let sample = Repository.sample("deltagare-2023H1.csv")
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "--register", Self.register, sample], in: folder).status == 0)
        let approve = try FinsamProcess.run(
            [
                "approve", "--store", "arkiv", "--period", "2023H1", "--beslut", "styrelsen 2023-08-20 § 5", "--goals",
                Repository.sample("mal-blekinge.json"),
            ], in: folder)
        #expect(approve.status == 0, "\(approve.stderr)")
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/arkiv/files").first { $0.hasSuffix(".csv") })
        try FileManager.default.removeItem(atPath: folder.path + "/arkiv/files/" + stored)
        let again = try FinsamProcess.run(["submit", "--store", "arkiv", sample], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("är återställd från filen"))
        // A changed file for the approved period is still refused.
        let lines = try String(contentsOfFile: sample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try Data((lines.dropLast(2).joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("andra.csv"))
        let other = try FinsamProcess.run(["submit", "--store", "arkiv", "andra.csv"], in: folder)
        #expect(other.status != 0)
        #expect(try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder).status == 0)
    }

    /// `--output -` with standard output appended to a file of the store: refused as `--output` into the
    /// store is (before, exit 0 and a damaged record).
    @Test func standardOutputIntoTheStoreIsRefused() throws {
        let folder = try folderWithStore(register: false)
        let record = folder.path + "/arkiv/files/inlamning-1.json"
        let before = FileManager.default.contents(atPath: record)
        let run = try shell("\"$F\" report --store arkiv --period 2023H1 --output - >> arkiv/files/inlamning-1.json", in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("standard ut till ") && run.stderr.contains("väntade en fil utanför arkivet"))
        #expect(FileManager.default.contents(atPath: record) == before)
    }

    /// A deltagare file sent before the store had a register names an insats by its name; the register given
    /// later names it by id. The report counts those rows (before, 48 of 160 deltagare were left out as
    /// another unit's), and the same file sent again with the register replaces it, not adds to it.
    @Test func aFileSentBeforeTheRegisterCountsInTheReport() throws {
        let folder = try TemporaryFolder.make()
        let deltagare = Repository.sample("deltagare-2023H1.csv")
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", deltagare], in: folder).status == 0)
        #expect(
            try FinsamProcess.run(
                ["submit", "--store", "arkiv", "--register", Self.register, Repository.sample("indikatorsvar-2023H1.csv")], in: folder
            )
            .status == 0)
        let fromFiles = try FinsamProcess.run(["report", "--period", "2023H1", "--unsuppressed", "--register", Self.register, deltagare], in: folder)
        #expect(fromFiles.stdout.contains("| Totalt | 93 | 65 | 2 | 160 |"))
        let stored = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H1", "--unsuppressed"], in: folder)
        #expect(stored.status == 0, "\(stored.stderr)")
        #expect(stored.stdout.contains("| Totalt | 93 | 65 | 2 | 160 |"))
        #expect(!stored.stderr.contains("men 0 deltagare i underlaget"), "\(stored.stderr)")
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "--replace", deltagare], in: folder).status == 0)
        let again = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H1", "--unsuppressed"], in: folder)
        #expect(again.stdout.contains("| Totalt | 93 | 65 | 2 | 160 |"))
    }

    /// A submit whose file is stored says so with exit 0 when another stored file cannot be read for the
    /// plausibility check afterwards (before: the receipt, then exit 3, which a script takes for "not stored").
    @Test func aStoredFileIsNoFailureBecauseAnotherCannotBeRead() throws {
        let folder = try folderWithStore()
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/arkiv/files").first { $0.hasSuffix(".csv") })
        try FileManager.default.removeItem(atPath: folder.path + "/arkiv/files/" + stored)
        let run = try FinsamProcess.run(["submit", "--store", "arkiv", Repository.sample("deltagare-2023H2.csv")], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("inlämning 2"), "\(run.stdout)")
        #expect(
            run.stderr.hasPrefix("varning: filerna ovan är sparade, men rimlighetskontrollen gjordes inte: en tidigare sparad fil kan inte läsas: "))
        #expect(run.stderr.components(separatedBy: "finsam verify").count == 2)
    }

    /// A TAB or a line break in a submitted file's name is shown as `?`: one name stays one field of one line
    /// of `history` (before, the tab-separated line broke in two).
    @Test func aControlCharacterInAFileNameKeepsHistoryOneLineASubmission() throws {
        let folder = try TemporaryFolder.make()
        let name = "ak\ttab\nnl.csv"
        try FileManager.default.copyItem(atPath: Repository.sample("aktiviteter-2023H1.csv"), toPath: folder.path + "/" + name)
        let submit = try FinsamProcess.run(["submit", "--store", "arkiv", name], in: folder)
        #expect(submit.status == 0, "\(submit.stderr)")
        #expect(submit.stdout.hasPrefix("kvitto: ak?tab?nl.csv\n"))
        let history = try FinsamProcess.run(["history", "--store", "arkiv"], in: folder)
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.split(separator: "\t").count == lines.first?.split(separator: "\t").count)
    }

    func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
