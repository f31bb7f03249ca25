#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's byte routines for the hot paths (`memchr`, `memcmp`, `memmove`): vectorised by the
/// platform, and the one place that imports it for them.
enum Memory {
    /// Whether `byte` occurs in the `count` bytes at `base` (`memchr`).
    ///
    /// - Complexity: O(`count`), a machine word or a vector at a time.
    @inline(__always)
    static func contains(_ byte: UInt8, in base: UnsafeRawPointer, count: Int) -> Bool {
        memchr(base, Int32(byte), count) != nil
    }

    /// Whether the `count` bytes at `a` and at `b` are the same (`memcmp`).
    ///
    /// - Complexity: O(`count`).
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        memcmp(a, b, count) == 0
    }

    /// Copies `count` bytes from `source` to `destination`; the two may overlap (`memmove`).
    ///
    /// - Complexity: O(`count`).
    @inline(__always)
    static func move(to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int) {
        memmove(destination, source, count)
    }
}

/// Ending the process and pausing it, for the command line.
public enum ProcessControl {
    /// Ends the process with `code` (0 ok, 1 invalid input, 2 usage, 3 I/O).
    public static func exit(_ code: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(code)
        #elseif canImport(Darwin)
        Darwin.exit(code)
        #endif
    }

    /// Lets a write to a pipe whose reader has gone fail with `EPIPE` instead of ending the process with
    /// `SIGPIPE` (exit 141, no word said): `finsam aggregate … | head` then stops writing, and an output
    /// that was not all written is said, not hidden behind a signal.
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Whether the environment variable `name` is unset or UTF-8: `ProcessInfo` puts U+FFFD for other bytes,
    /// so a folder named by them would be another folder.
    public static func environmentIsUTF8(_ name: String) -> Bool {
        guard let value = getenv(name) else { return true }
        var length = 0
        while value[length] != 0 { length += 1 }
        let bytes = UnsafeRawBufferPointer(start: value, count: length).bindMemory(to: UInt8.self)
        return String(validating: bytes, as: UTF8.self) != nil
    }

    /// Sleeps `milliseconds` (`usleep`).
    public static func sleep(milliseconds: Int) {
        usleep(UInt32(milliseconds * 1000))
    }
}
