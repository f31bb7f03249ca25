#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing an open descriptor: `open` for reading, `read`, `pread`, `write`, `close`, each
/// retrying an interrupted call (`EINTR`) and failing with a ``SystemError``, so that no caller handles
/// `errno` or needs the C library itself.
extension FileSystem {
    /// `open(path, O_RDONLY | O_CLOEXEC)`; a folder is refused. `nonBlocking` (`O_NONBLOCK`): a named pipe
    /// with no writer opens at once instead of waiting (for looking at a file, not reading it).
    ///
    /// - Returns: the descriptor, to be closed with ``close(_:)``.
    /// - Throws: ``SystemError`` naming `open`, or `EISDIR` when `path` is a folder.
    public static func openForReading(_ path: String, nonBlocking: Bool = false) throws(SystemError) -> Int32 {
        let fd = try open(path, O_RDONLY | (nonBlocking ? O_NONBLOCK : 0))
        if (try? status(of: fd, path: path))?.kind == .directory {
            close(fd)
            throw SystemError(operation: "open", path: path, code: EISDIR)
        }
        return fd
    }

    /// `open(path, O_WRONLY | O_CLOEXEC)`, creating nothing and truncating nothing: for a file that is not a
    /// regular file (a device such as `/dev/null`, a named pipe, a terminal), which is written to as it is.
    /// A named pipe waits here for its reader, as a shell's `>` does.
    ///
    /// - Returns: the descriptor, to be closed with ``close(_:)``.
    /// - Throws: ``SystemError`` naming `open`.
    public static func openForWriting(_ path: String) throws(SystemError) -> Int32 {
        try open(path, O_WRONLY)
    }

    /// A whole file's bytes: `open`, then `read` to its end. A folder is refused (`EISDIR`); a named pipe is
    /// read until its writer closes it.
    ///
    /// - Throws: ``SystemError`` naming `open` or `read`, whose ``SystemError/text(_:)`` says it in Swedish
    ///   (not Foundation's English "The file doesn't exist.").
    /// - Complexity: O(size), a megabyte a call.
    ///
    /// With `regularFileOnly`, for a file of the store's own: a symbolic link is not followed (`ELOOP`), and
    /// a named pipe, a device or a folder is refused (``SystemError/notARegularFile``) without waiting for a
    /// writer.
    /// With `limit`, a file longer than that many bytes is refused (`EFBIG`) once that much is read: a link
    /// to `/dev/zero` or an endless pipe is never read into memory without end.
    public static func contents(atPath path: String, regularFileOnly: Bool = false, limit: Int = .max) throws(SystemError) -> [UInt8] {
        let fd: Int32
        if regularFileOnly {
            fd = try open(path, O_RDONLY | O_NONBLOCK, followingLinks: false)
            guard (try? status(of: fd, path: path))?.kind == .regular else {
                close(fd)
                throw SystemError(operation: "open", path: path, code: SystemError.notARegularFile)
            }
        } else {
            fd = try openForReading(path)
        }
        defer { close(fd) }
        let size = 1 << 20
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { chunk.deallocate() }
        var bytes: [UInt8] = []
        while true {
            let n = try read(fd, into: chunk.baseAddress!, count: size, path: path)
            if n == 0 { return bytes }
            bytes += UnsafeRawBufferPointer(rebasing: chunk[..<n])
            if bytes.count > limit { throw SystemError(operation: "read", path: path, code: SystemError.tooLarge) }
        }
    }

    /// What a file that ``contents(atPath:)`` could not read gets said of it: "kan inte läsa filen: …" in
    /// Swedish, with what to do.
    public static func unreadable(_ error: SystemError) -> String {
        "kan inte läsa filen: \(SystemError.text(error.code)); kontrollera sökvägen och att filen får läsas"
    }

    /// `read` into `count` bytes at `pointer`; `offset` given: `pread` at that offset, not moving the
    /// descriptor's position.
    ///
    /// - Returns: the bytes read; 0 at the end of the file.
    /// - Throws: ``SystemError`` naming `read` or `pread`.
    public static func read(_ fd: Int32, into pointer: UnsafeMutableRawPointer, count: Int, at offset: Int? = nil, path: String)
        throws(SystemError) -> Int
    {
        while true {
            let n = offset.map { pread(fd, pointer, count, off_t($0)) } ?? CLibrary.read(fd, pointer, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw SystemError(operation: offset == nil ? "read" : "pread", path: path, code: errno)
        }
    }

    /// Writes all of `bytes`, however many calls to `write` that takes.
    ///
    /// - Throws: ``SystemError`` naming `write` (`EPIPE` when the reader has gone).
    public static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let n = CLibrary.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SystemError(operation: "write", path: path, code: n < 0 ? errno : EIO) }
            offset += n
        }
    }

    /// `close`; a failure is ignored (the descriptor is gone either way, and nothing was written through it).
    public static func close(_ fd: Int32) {
        _ = CLibrary.close(fd)
    }

    /// Whether `fd` is a terminal (`isatty`): progress is shown only to a person watching.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
}

/// The C library's own `read`, `write` and `close`, which `FileSystem`'s methods of the same names hide.
private enum CLibrary {
    #if canImport(Glibc)
    static func read(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int { Glibc.read(fd, pointer, count) }
    static func write(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, pointer, count) }
    static func close(_ fd: Int32) -> Int32 { Glibc.close(fd) }
    #elseif canImport(Darwin)
    static func read(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int { Darwin.read(fd, pointer, count) }
    static func write(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, pointer, count) }
    static func close(_ fd: Int32) -> Int32 { Darwin.close(fd) }
    #endif
}
