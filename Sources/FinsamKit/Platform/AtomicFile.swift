#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replacing a file so that a reader (or a crash) sees the old bytes or the new, never a mix: write to a
/// temporary file beside it, fsync, rename over, fsync the folder. A device, a pipe or a terminal that a user
/// names as an output (`/dev/null`, a named pipe, `/dev/stdout`) has no bytes to replace: it is written to
/// as it is (``writeInPlace(to:prepare:contents:)``), as renaming over it would put a regular file in its
/// place (and, as root, take `/dev/null` from everyone).
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var operation: String
        public var path: String
        public var code: Int32
        public var description: String { "\(path): \(SystemError.text(code)) (\(operation))" }
    }

    /// Prefix of temporary files, so that `verify` can recognise one left by a crash.
    public static let temporaryPrefix = ".finsam-tmp-"

    /// `createMode` is the new file's mode (less the umask); `permissions`, when given, is set exactly (to
    /// keep the mode of the file being replaced), and `owner` too where the process may (root replacing
    /// another user's file leaves it theirs; anyone else's attempt is let be). `prepare` sees the new file's descriptor before it is
    /// synced and renamed into place (to set an extended attribute).
    public static func write(
        _ bytes: [UInt8], to path: String, createMode: mode_t = 0o644, permissions: mode_t? = nil,
        prepare: ((Int32) -> Void)? = nil
    ) throws(Failure) {
        try write(to: path, createMode: createMode, permissions: permissions, owner: nil, prepare: prepare) { write in write(bytes) }
    }

    /// Replaces `path` with the bytes that `contents` hands its `write`, piece by piece, so that a large
    /// output need not be held whole: the pieces go to the temporary file as they come, and the file
    /// replaces `path` only when all of them were written. After a failed write, later pieces are dropped
    /// and the failure is thrown.
    ///
    /// - Throws: ``Failure`` naming the system call that failed; `path` is then left as it was.
    public static func write(
        to path: String, createMode: mode_t = 0o644, permissions: mode_t? = nil, owner: (uid_t, gid_t)? = nil,
        prepare: ((Int32) -> Void)? = nil, contents: (_ write: ([UInt8]) -> Void) -> Void
    ) throws(Failure) {
        try write(
            to: path, createMode: createMode, permissions: permissions, owner: owner, prepare: prepare, suffix: randomSuffix, contents: contents)
    }

    /// ``write(to:createMode:permissions:prepare:contents:)`` with the temporary names' last part from
    /// `suffix` (a test plants a file under the first name it will try).
    static func write(
        to path: String, createMode: mode_t, permissions: mode_t?, owner: (uid_t, gid_t)? = nil, prepare: ((Int32) -> Void)?,
        suffix: () -> String, contents: (_ write: ([UInt8]) -> Void) -> Void
    ) throws(Failure) {
        let folder = directory(of: path)
        let (fd, temporary) = try createTemporary(beside: path, in: folder, mode: createMode, suffix: suffix)
        if let permissions, fchmod(fd, permissions) != 0 {
            let code = errno
            close(fd)
            unlink(temporary)
            throw Failure(operation: "fchmod", path: temporary, code: code)
        }
        if let (user, group) = owner, user != getuid() || group != getgid() { _ = fchown(fd, user, group) }
        prepare?(fd)
        var failure = pour(contents, into: fd, path: temporary)
        if failure == nil && fsync(fd) != 0 { failure = Failure(operation: "fsync", path: temporary, code: errno) }
        close(fd)
        if let failure {
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(operation: "rename", path: path, code: code)
        }
        try syncDirectory(folder)
    }

    /// Whether `path` names something that is neither a regular file nor a folder, following links: a
    /// device, a named pipe, a socket or a terminal, which ``writeInPlace(to:prepare:contents:)`` writes.
    public static func isSpecialFile(_ path: String) -> Bool {
        (try? FileSystem.status(path))?.kind == .other
    }

    /// Writes the pieces to `path` opened as it is, for a file that is not a regular file
    /// (``isSpecialFile(_:)``): nothing to create, truncate, sync or rename. A named pipe waits for its reader.
    /// After a failed write, later pieces are dropped and the failure is thrown.
    ///
    /// - Throws: ``Failure`` naming `open` or `write`.
    public static func writeInPlace(
        to path: String, prepare: ((Int32) -> Void)?, contents: (_ write: ([UInt8]) -> Void) -> Void
    ) throws(Failure) {
        let fd: Int32
        do { fd = try FileSystem.openForWriting(path) } catch { throw Failure(operation: "open", path: path, code: error.code) }
        defer { FileSystem.close(fd) }
        prepare?(fd)
        if let failure = pour(contents, into: fd, path: path) { throw failure }
    }

    /// Writes the pieces that `contents` hands its `write` to `fd`, each whole; after a failed write the
    /// later pieces are dropped.
    ///
    /// - Returns: the failed write, naming `path`, or `nil` when every piece was written.
    private static func pour(_ contents: (_ write: ([UInt8]) -> Void) -> Void, into fd: Int32, path: String) -> Failure? {
        var failure: Failure?
        contents { bytes in
            guard failure == nil else { return }
            bytes.withUnsafeBytes { raw in
                do throws(SystemError) { try FileSystem.write(fd, raw, path: path) } catch {
                    failure = Failure(operation: "write", path: path, code: error.code)
                }
            }
        }
        return failure
    }

    /// How many fresh names ``createTemporary(beside:in:mode:)`` tries before it gives up.
    static let temporaryAttempts = 16

    /// Creates a new temporary file beside `path`, `.finsam-tmp-NAME-PID-SUFFIX`, with
    /// `O_CREAT | O_EXCL | O_NOFOLLOW`: a file or a symbolic link planted under that name is never opened,
    /// so finsam cannot be made to write through it; a name that is taken is retried under a fresh one.
    ///
    /// - Returns: the open descriptor and the temporary file's path.
    /// - Throws: ``Failure`` naming `open` when no fresh name could be created.
    static func createTemporary(beside path: String, in folder: String, mode: mode_t, suffix: () -> String) throws(Failure) -> (Int32, String) {
        // At most 100 bytes of the name: with the prefix, pid and suffix it stays under the 255 bytes a name
        // may have, however long the output's own name (up to that limit) is.
        let full = path.split(separator: "/").last.map(String.init) ?? path
        let name = String(decoding: full.utf8.prefix(100), as: UTF8.self).filter { $0 != "\u{FFFD}" }
        var code: Int32 = EEXIST
        for _ in 0..<temporaryAttempts {
            let temporary = folder + "/" + temporaryPrefix + name + "-\(getpid())-" + suffix()
            do {
                return (try FileSystem.open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode: mode, followingLinks: false), temporary)
            } catch {
                code = error.code
                guard code == EEXIST || code == ELOOP else { throw Failure(operation: "open", path: temporary, code: code) }
            }
        }
        throw Failure(operation: "open", path: folder + "/" + temporaryPrefix + name, code: code)
    }

    /// 64 random bits in base 36: a name no one can plant ahead of time.
    static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 36)
    }

    public static func syncDirectory(_ folder: String) throws(Failure) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(operation: "open", path: folder, code: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure(operation: "fsync", path: folder, code: errno) }
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
