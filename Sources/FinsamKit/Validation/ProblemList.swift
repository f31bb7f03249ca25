/// Problems as a JSON list (`--format json`), for scripts and editors that prefer structure.
public enum ProblemList {
    struct Entry: Encodable {
        var file: String
        var line: Int?
        var column: Int?
        /// `H5`, or `Deltagare!H5` in a workbook.
        var cell: String?
        var message: String
    }

    public static func json(_ problems: [Problem]) -> String {
        JSONReportWriter.encode(
            problems.map {
                Entry(file: $0.file, line: $0.position?.line, column: $0.position?.column, cell: $0.cell, message: $0.message)
            })
    }
}
