/// The files `aggregate` writes carry a mark — the extended attribute `user.finsam.output` — so that a later
/// run over the same folder leaves them out instead of counting every count twice. The mark is beside the
/// bytes, never in them: the CSV stays byte-identical to the reference. Where the file system has no
/// extended attributes the file is written unmarked.
public enum OwnOutput {
    public static let attribute = "user.finsam.output"
    public static let value = Array("aggregate".utf8)

    /// Marks an open file (a new output, or standard output redirected to a regular file).
    public static func mark(_ fd: Int32, path: String) {
        guard (try? FileSystem.status(of: fd, path: path))?.kind == .regular else { return }
        try? FileSystem.setAttribute(attribute, value, on: fd, path: path)
    }

    /// Why an input file is left out, or `nil` to read it: it carries the mark, or it is the file being
    /// written (`output`, the identity of `--output` or of a redirected standard output).
    public static func reasonToSkip(_ path: String, output: FileSystem.Identity?) -> String? {
        guard let fd = try? FileSystem.openForReading(path, nonBlocking: true) else { return nil }
        defer { FileSystem.close(fd) }
        if let output, (try? FileSystem.status(of: fd, path: path))?.identity == output {
            return "det är filen som den här körningen skriver"
        }
        if let mark = try? FileSystem.attribute(attribute, of: fd, path: path), mark == value {
            return "skriven av finsam aggregate"
        }
        return nil
    }
}
