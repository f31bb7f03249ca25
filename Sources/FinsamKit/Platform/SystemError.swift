#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a failed system call means, in the Swedish of finsam's other messages: `strerror` speaks English
/// ("No such file or directory"), which would break a Swedish sentence in the middle. Codes a user meets
/// are translated; any other is named by its number, never in English.
///
/// A value is one failed call (see ``FileSystem``): which operation, on which path, and `errno`.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var code: Int32

    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String { "\(path): \(Self.text(code)) (\(operation))" }

    public static func text(_ code: Int32) -> String {
        switch code {
        case ENOENT: "filen eller mappen finns inte"
        case ENOTDIR: "en del av sökvägen är inte en mapp"
        case EACCES, EPERM: "behörighet saknas"
        case EISDIR: "det är en mapp"
        case ENOSPC: "disken är full"
        case EDQUOT: "diskkvoten är slut"
        case EFBIG: "filen blir större än tillåtet"
        case EROFS: "filsystemet är skrivskyddat"
        case EMFILE, ENFILE: "för många öppna filer"
        case EIO: "läsfel eller skrivfel på disken"
        case ELOOP: "sökvägen är en symbolisk länk, eller länkar som pekar på varandra i en ring"
        case EBADF: "den är stängd eller inte öppen för skrivning"
        case ENAMETOOLONG: "namnet är för långt"
        case EEXIST: "det finns redan en fil med det namnet"
        case ESPIPE: "det är ett rör, som inte kan läsas i delar; spara innehållet i en fil först"
        case notARegularFile: "det är inte en vanlig fil utan en mapp, ett rör eller en enhet"
        default: "systemfel nummer \(code)"
        }
    }

    /// Not an `errno`: the file is a folder, a named pipe or a device where a regular file was expected
    /// (``FileSystem/contents(atPath:regularFileOnly:)``).
    public static let notARegularFile: Int32 = -1

    /// `EFBIG`: the file is larger than it may be.
    public static let tooLarge = EFBIG

    /// `EACCES`: the permissions do not allow it.
    public static let permissionDenied = EACCES

    /// `EPIPE`: the reader of a pipe has gone.
    public static let brokenPipe = EPIPE

    /// `EISDIR`: the path is a folder (see ``FileSystem/openForReading(_:)``).
    public static let isDirectory = EISDIR
}
