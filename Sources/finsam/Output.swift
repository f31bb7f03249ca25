import FinsamKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where commands write: stdout, stderr, or a file given with `--output` (replaced atomically, so a
/// report is never left half-written).
enum Output {
    static func standardOutput(_ text: String) {
        writeAll(1, Array(text.utf8))
    }

    static func standardError(_ text: String) {
        writeAll(2, Array(text.utf8))
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Writes `bytes` to `path` (or stdout when `nil`).
    static func emit(_ bytes: [UInt8], to path: String?) throws(CLIError) {
        guard let path else {
            writeAll(1, bytes)
            return
        }
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw .failure("\(path): kunde inte skriva filen: \(error)")
        }
    }

    static func problems(_ problems: [Problem], json: Bool) {
        if json {
            standardError(ProblemList.json(problems))
        } else {
            standardError(problems.map { $0.description + "\n" }.joined())
        }
    }
}
