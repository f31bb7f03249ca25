import FinsamKit
import Foundation

/// Where commands write: stdout, stderr, or a file given with `--output` (replaced atomically, so a
/// report is never left half-written).
enum Output {
    static let option = Verb.Option.option("output", "FIL", help: "skriver till FIL (ersätts atomärt) i stället för standard ut; - är standard ut")

    static func standardOutput(_ text: String) {
        writeAll(1, Array(text.utf8))
    }

    static func standardError(_ text: String) {
        writeAll(2, Array(text.utf8))
    }

    /// Writes all of `bytes`; when the reader has gone (a closed pipe), the rest is dropped. Any other
    /// failure on standard output (a closed descriptor, a full disk) is kept for ``lostStandardOutput()``,
    /// and the rest dropped too.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        let failure = bytes.withUnsafeBytes { raw -> SystemError? in
            do throws(SystemError) { try FileSystem.write(fd, raw, path: fd == 1 ? "standard ut" : "standard fel") } catch { return error }
            return nil
        }
        if let failure, fd == 1, failure.code != SystemError.brokenPipe { standardOutputFailure.keep(failure) }
    }

    /// The first failed write to standard output other than a reader that went away.
    private static let standardOutputFailure = FirstFailure()

    /// Holds the first failure it is given; any thread may give one.
    private final class FirstFailure: @unchecked Sendable {
        private let lock = NSLock()
        private var failure: SystemError?
        func keep(_ error: SystemError) {
            lock.lock()
            defer { lock.unlock() }
            if failure == nil { failure = error }
        }
        var first: SystemError? {
            lock.lock()
            defer { lock.unlock() }
            return failure
        }
    }

    /// What was written to standard output and lost, as the command's failure (exit 3), or `nil`.
    static func lostStandardOutput() -> CLIError? {
        standardOutputFailure.first.map {
            .failure(
                "standard ut: kunde inte skriva (\(SystemError.text($0.code))), så det som skulle skrivas dit gick förlorat; det kommandot "
                    + "gjorde i övrigt (en inlämning, ett fastställande) står kvar — led standard ut till en fil (> fil), eller använd --output FIL där kommandot har det"
            )
        }
    }

    /// The open descriptor of finsam's own that `path` names, or `nil`: `/dev/fd/N`, `/proc/self/fd/N` (and
    /// `/dev/stdout`, `/dev/stdin`, links that lead there), or the very file standard output or error is
    /// redirected to. Such a path is written through the descriptor: replacing the file behind it would
    /// undo a shell's `>>`, or write a file named "… (deleted)".
    static func ownDescriptor(named path: String) -> Int32? {
        let prefixes = ["/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", "/proc/\(ProcessInfo.processInfo.processIdentifier)/fd/"]
        var current = path
        for _ in 0..<40 {
            for prefix in prefixes where current.hasPrefix(prefix) {
                if let fd = Int32(current.dropFirst(prefix.count)), fd >= 0 { return fd }
            }
            guard (try? FileSystem.status(current, followingLinks: false))?.kind == .symbolicLink, let target = try? FileSystem.linkTarget(current)
            else { break }
            current = target.hasPrefix("/") ? target : AtomicFile.directory(of: current) + "/" + target
        }
        guard let named = try? FileSystem.status(path) else { return nil }
        return [Int32(1), 2].first { (try? FileSystem.status(of: $0, path: path))?.identity == named.identity }
    }

    /// Writes `bytes` to `path`, or to stdout when `nil` or `-`. A symbolic link is written through: its
    /// target is replaced (atomically), not the link. A file that exists keeps its permissions; a new one is
    /// made `0640` (less the umask), never readable by everyone. `mark` marks the written file as
    /// `aggregate`'s own (``OwnOutput``), stdout too when it is redirected to a file.
    static func emit(_ bytes: [UInt8], to path: String?, mark: Bool = false, announce: Bool = true) throws(CLIError) {
        try emit(to: path, mark: mark, announce: announce) { write in write(bytes) }
    }

    /// Writes the pieces that `contents` hands its `write` to `path` (or stdout) as they come, as
    /// ``emit(_:to:mark:)`` writes one piece: a large output is never held whole, and the file is still
    /// replaced atomically, only when every piece was written.
    /// A file written is said on stderr ("skrev rapport.html"), so that `--output` never answers with
    /// silence; `announce: false` for a command that says it in its own words.
    static func emit(to path: String?, mark: Bool = false, announce: Bool = true, contents: (_ write: ([UInt8]) -> Void) -> Void)
        throws(CLIError)
    {
        if path?.isEmpty == true { throw .usage("--output: väntade ett filnamn (eller - för standard ut), fann ett tomt") }
        guard let path, path != "-" else {
            if mark { OwnOutput.mark(1, path: "-") }
            contents { writeAll(1, $0) }
            return
        }
        // Standard output or error under another name (`/dev/stdout`, `/dev/fd/1`, or the file `>>` appends
        // to): written through the descriptor, so that nothing the shell opened is replaced.
        if let fd = ownDescriptor(named: path) {
            if mark { OwnOutput.mark(fd, path: path) }
            var failure: SystemError?
            contents { bytes in
                guard failure == nil else { return }
                failure = bytes.withUnsafeBytes { raw -> SystemError? in
                    do throws(SystemError) { try FileSystem.write(fd, raw, path: path) } catch { return error }
                    return nil
                }
            }
            // A reader that went away ends the output, as on standard output; anything else is a failure.
            if let failure, failure.code != SystemError.brokenPipe {
                throw .failure("\(path): kunde inte skriva (\(SystemError.text(failure.code))); välj en fil med --output FIL")
            }
            if announce { standardError("skrev \(path)\n") }
            return
        }
        // A device, a pipe or a terminal (`/dev/null`, `/dev/stdout`) is written as it is, through its links
        // (the last of `/dev/stdout`'s names no path to follow): there is nothing to replace.
        if AtomicFile.isSpecialFile(path) {
            do {
                try AtomicFile.writeInPlace(to: path, prepare: mark ? { OwnOutput.mark($0, path: path) } : nil, contents: contents)
            } catch {
                throw .failure("\(path): kunde inte skriva: \(error)")
            }
            if announce { standardError("skrev \(path)\n") }
            return
        }
        let target: String
        do { target = try FileSystem.followingLinks(path) } catch {
            throw .failure("\(path): kunde inte följa den symboliska länken: \(SystemError.text(error.code))")
        }
        let existing = try? FileSystem.status(target)
        if existing?.kind == .directory {
            let inside = path.hasSuffix("/") ? path : path + "/"
            throw .usage("--output \(path): väntade ett filnamn, fann en mapp; ange en fil i mappen, till exempel \(inside)rapport")
        }
        // A missing folder is named as such, not by the temporary file that could not be made in it.
        let folder = AtomicFile.directory(of: target)
        let folderKind = (try? FileSystem.status(folder))?.kind
        if existing == nil, folderKind != nil, folderKind != .directory {
            throw .usage("--output \(path): väntade ett filnamn i en mapp, fann att \(folder) är en fil; välj ett filnamn i en mapp")
        }
        guard existing != nil || folderKind == .directory else {
            throw .failure("\(path): kunde inte skriva filen: mappen \(folder) finns inte; skapa den eller välj en annan mapp")
        }
        if existing != nil && !FileSystem.isWritable(target) {
            throw .failure(
                "\(path): väntade en fil som får skrivas över, fann en skrivskyddad fil; välj ett annat namn, eller gör filen skrivbar (chmod u+w \(path)) om den ska ersättas"
            )
        }
        do {
            try AtomicFile.write(
                to: target, createMode: 0o640, permissions: existing?.permissions, owner: existing.map { ($0.owner, $0.group) },
                prepare: mark ? { OwnOutput.mark($0, path: target) } : nil, contents: contents)
        } catch {
            // The temporary file beside it could not be made: the folder is what may not be written.
            if error.operation == "open", error.code == SystemError.permissionDenied {
                throw .failure("\(path): kunde inte skriva filen: mappen \(folder) får inte skrivas i; välj en annan mapp")
            }
            throw .failure("\(path): kunde inte skriva filen: \(error)")
        }
        if announce { standardError("skrev \(path)\n") }
    }

    /// The file `--output` names (or a redirected stdout writes), if it exists.
    static func identity(of path: String?) -> FileSystem.Identity? {
        guard let path, path != "-" else {
            guard let status = try? FileSystem.status(of: 1, path: "-"), status.kind == .regular else { return nil }
            return status.identity
        }
        return (try? FileSystem.status(path))?.identity
    }

    static func problems(_ problems: [Problem], json: Bool) {
        if json {
            standardError(ProblemList.json(problems))
        } else {
            standardError(ProblemGroups.collapse(problems).map { $0.description + "\n" }.joined())
        }
    }
}
