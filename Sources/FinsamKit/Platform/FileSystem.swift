#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls the store and the outputs need beyond reading and writing — `open` (with or
/// without following a symbolic link), `stat`/`fstat`, `flock`, `readlink`, and extended attributes — each
/// failing with a ``SystemError`` that names the call and the path. The platform differences stay here.
public enum FileSystem {
    /// A file as the system knows it: two paths name the same file when their identities are equal, however
    /// differently they are spelt (`./a.csv`, `../x/a.csv`, a link, a hard link).
    public struct Identity: Hashable, Sendable {
        public var device: UInt64
        public var inode: UInt64
    }

    public enum Kind: Sendable { case regular, directory, symbolicLink, other }

    public struct Status: Sendable {
        public var identity: Identity
        public var kind: Kind
        /// The permission bits (`0o640`).
        public var permissions: mode_t
        public var size: Int
        /// The owner's and the group's ids.
        public var owner: uid_t
        public var group: gid_t
        /// How many names (hard links) the file has.
        public var links: Int
    }

    private static func status(_ info: stat) -> Status {
        let type = UInt32(info.st_mode) & 0o170000
        let kind: Kind =
            switch type {
            case 0o100000: .regular
            case 0o040000: .directory
            case 0o120000: .symbolicLink
            default: .other
            }
        return Status(
            identity: Identity(device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino)),
            kind: kind, permissions: mode_t(UInt32(info.st_mode) & 0o7777), size: Int(info.st_size), owner: info.st_uid, group: info.st_gid,
            links: Int(info.st_nlink))
    }

    /// `stat`, or `lstat` when `followingLinks` is false (a link is then reported as ``Kind/symbolicLink``).
    public static func status(_ path: String, followingLinks: Bool = true) throws(SystemError) -> Status {
        var info = stat()
        let result = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { throw SystemError(operation: followingLinks ? "stat" : "lstat", path: path, code: errno) }
        return status(info)
    }

    /// `fstat` of an open descriptor (`path` only names it in a message).
    public static func status(of fd: Int32, path: String) throws(SystemError) -> Status {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SystemError(operation: "fstat", path: path, code: errno) }
        return status(info)
    }

    /// `open` with `O_CLOEXEC`; with `followingLinks: false` also `O_NOFOLLOW`, so that a symbolic link in
    /// the last component fails (`ELOOP`) instead of leading elsewhere.
    public static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644, followingLinks: Bool = true) throws(SystemError) -> Int32 {
        while true {
            let all = flags | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW)
            #if canImport(Glibc)
            let fd = Glibc.open(path, all, mode)
            #elseif canImport(Darwin)
            let fd = Darwin.open(path, all, mode)
            #endif
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw SystemError(operation: "open", path: path, code: errno)
        }
    }

    /// `mkdir` of `path` and of every missing folder above it, each with `mode` (less the umask); a folder
    /// that exists is left as it is.
    ///
    /// - Throws: ``SystemError`` naming `mkdir` (`ENOTDIR` when a part of the path is a file).
    public static func makeFolders(_ path: String, mode: mode_t) throws(SystemError) {
        do throws(SystemError) {
            let existing = try status(path)
            guard existing.kind == .directory else { throw SystemError(operation: "mkdir", path: path, code: ENOTDIR) }
            return
        } catch {
            guard error.code == ENOENT else { throw error }
        }
        let parent = AtomicFile.directory(of: path)
        if parent != path && parent != "." && parent != "/" { try makeFolders(parent, mode: mode) }
        guard mkdir(path, mode) == 0 || errno == EEXIST else { throw SystemError(operation: "mkdir", path: path, code: errno) }
    }

    /// The path with every symbolic link and `.`/`..` resolved (`realpath`), or `nil` when it does not exist.
    public static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether this process may write to the file at `path` (`access(W_OK)`), as a shell's `>` asks before it
    /// writes: a file made read-only is not replaced behind its owner's back.
    public static func isWritable(_ path: String) -> Bool {
        access(path, W_OK) == 0
    }

    /// Everything under `folder`, its subfolders searched too (not through links to folders), by `opendir`
    /// and `readdir`, in no particular order: the paths under it whose every name is UTF-8 and that are not
    /// folders, and the paths of names that are not (with U+FFFD for their odd bytes; a folder's with a `/`
    /// after it), which Foundation's enumerator would hand out as those U+FFFD names, each perhaps another
    /// file's.
    ///
    /// - Complexity: O(entries), one `lstat` for an entry whose type `readdir` does not tell.
    public static func walk(_ folder: String) -> (paths: [String], notUTF8: [String]) {
        var paths: [String] = [], notUTF8: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let here = relative.isEmpty ? folder : folder + "/" + relative
            guard let directory = opendir(here) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let (name, valid) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (String, Bool) in
                    let bytes = raw.prefix { $0 != 0 }
                    let text = String(decoding: bytes, as: UTF8.self)
                    return (text, text.utf8.elementsEqual(bytes))
                }
                guard name != ".", name != ".." else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                let isFolder =
                    entry.pointee.d_type == UInt8(DT_DIR)
                    || (entry.pointee.d_type == UInt8(DT_UNKNOWN) && (try? status(folder + "/" + path, followingLinks: false))?.kind == .directory)
                if !valid {
                    notUTF8.append(isFolder ? path + "/" : path)
                } else if isFolder {
                    pending.append(path)
                } else {
                    paths.append(path)
                }
            }
        }
        return (paths, notUTF8)
    }

    /// `rename`: moves `path` to `destination` on the same file system, replacing nothing that is a folder.
    ///
    /// - Throws: ``SystemError`` naming `rename`.
    public static func move(_ path: String, to destination: String) throws(SystemError) {
        guard rename(path, destination) == 0 else { throw SystemError(operation: "rename", path: path, code: errno) }
    }

    /// `link` then `unlink`: moves `path` to `destination` only when nothing has that name yet, so that a
    /// move never replaces a file.
    ///
    /// - Throws: ``SystemError`` naming `link` (`EEXIST` when `destination` exists) or `unlink`.
    public static func moveWithoutReplacing(_ path: String, to destination: String) throws(SystemError) {
        guard link(path, destination) == 0 else { throw SystemError(operation: "link", path: destination, code: errno) }
        guard unlink(path) == 0 else { throw SystemError(operation: "unlink", path: path, code: errno) }
    }

    /// `unlink`; a failure is ignored (for finsam's own temporary files only).
    public static func remove(_ path: String) {
        unlink(path)
    }

    public enum LockMode: Sendable { case shared, exclusive }

    /// `flock` without waiting: true when the lock was taken, false when another process holds it.
    public static func tryLock(_ fd: Int32, _ mode: LockMode, path: String) throws(SystemError) -> Bool {
        while true {
            if flock(fd, (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0 { return true }
            switch errno {
            case EINTR: continue
            case EWOULDBLOCK: return false
            default: throw SystemError(operation: "flock", path: path, code: errno)
            }
        }
    }

    public static func unlock(_ fd: Int32) {
        flock(fd, LOCK_UN)
    }

    /// Replaces what an open file holds with `bytes` (`ftruncate`, `pwrite`).
    public static func replaceContents(of fd: Int32, with bytes: [UInt8], path: String) throws(SystemError) {
        guard ftruncate(fd, 0) == 0 else { throw SystemError(operation: "ftruncate", path: path, code: errno) }
        let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == bytes.count else { throw SystemError(operation: "pwrite", path: path, code: written < 0 ? errno : EIO) }
    }

    /// What an open file holds, up to `limit` bytes (`pread` from the start).
    public static func contents(of fd: Int32, limit: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        return Array(buffer.prefix(max(n, 0)))
    }

    /// The path a symbolic link points to, as written in the link.
    public static func linkTarget(_ path: String) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { throw SystemError(operation: "readlink", path: path, code: errno) }
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The file a path finally names after following symbolic links in its last component (at most 40), or
    /// the path itself when it is not a link. A link to a file that does not exist yet gives that file's path.
    public static func followingLinks(_ path: String) throws(SystemError) -> String {
        var current = path
        for _ in 0..<40 {
            guard let info = try? status(current, followingLinks: false), info.kind == .symbolicLink else { return current }
            let target = try linkTarget(current)
            current = target.hasPrefix("/") ? target : AtomicFile.directory(of: current) + "/" + target
        }
        throw SystemError(operation: "readlink", path: path, code: ELOOP)
    }

    // MARK: Extended attributes

    /// Sets an extended attribute on an open file (`fsetxattr`). Not every file system has them (`ENOTSUP`).
    public static func setAttribute(_ name: String, _ value: [UInt8], on fd: Int32, path: String) throws(SystemError) {
        let result: Int32 = value.withUnsafeBytes { raw in
            #if canImport(Glibc)
            guard let set = ExtendedAttributes.set else { errno = ENOTSUP; return -1 }
            return set(fd, name, raw.baseAddress, raw.count, 0)
            #elseif canImport(Darwin)
            return fsetxattr(fd, name, raw.baseAddress, raw.count, 0, 0)
            #endif
        }
        guard result == 0 else { throw SystemError(operation: "fsetxattr", path: path, code: errno) }
    }

    /// An extended attribute of an open file (`fgetxattr`), or `nil` when it has none of that name.
    public static func attribute(_ name: String, of fd: Int32, path: String) throws(SystemError) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n: Int = buffer.withUnsafeMutableBytes { raw in
            #if canImport(Glibc)
            guard let get = ExtendedAttributes.get else { errno = ENOTSUP; return -1 }
            return get(fd, name, raw.baseAddress, raw.count)
            #elseif canImport(Darwin)
            return fgetxattr(fd, name, raw.baseAddress, raw.count, 0, 0)
            #endif
        }
        if n >= 0 { return Array(buffer.prefix(n)) }
        #if canImport(Glibc)
        let absent = errno == ENODATA || errno == ENOTSUP
        #elseif canImport(Darwin)
        let absent = errno == ENOATTR || errno == ENOTSUP
        #endif
        if absent { return nil }
        throw SystemError(operation: "fgetxattr", path: path, code: errno)
    }

    #if canImport(Glibc)
    /// Glibc declares `fsetxattr` and `fgetxattr` in `<sys/xattr.h>`, which Swift's Glibc module does not
    /// import: they are looked up in the C library by name, with their C signatures.
    private enum ExtendedAttributes {
        typealias Set = @convention(c) (Int32, UnsafePointer<CChar>, UnsafeRawPointer?, Int, Int32) -> Int32
        typealias Get = @convention(c) (Int32, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int
        static let set: Set? = dlsym(dlopen(nil, RTLD_NOW), "fsetxattr").map { unsafeBitCast($0, to: Set.self) }
        static let get: Get? = dlsym(dlopen(nil, RTLD_NOW), "fgetxattr").map { unsafeBitCast($0, to: Get.self) }
    }
    #endif
}
