/// The decoded contents of a set of input files: deltagare rows and survey forms, with the names they refer
/// to. This is what the halvårsrapport is computed from, whether the files came from the command line or
/// from the store.
public struct Dataset: Sendable {
    public private(set) var names: NameTable
    public let catalogues: Catalogues
    public let register: Register?
    public private(set) var deltagare: [DeltagareRecord] = []
    public private(set) var forms: [SurveyForm] = []
    /// Answers of all forms, `questionCount` codes per form (see ``Answer``).
    public private(set) var answers: [Int8] = []
    public private(set) var files: [FileSummary] = []

    public var questionCount: Int { catalogues.indikatorer.questions.count }

    public func answers(of form: Int) -> ArraySlice<Int8> {
        answers[form * questionCount..<(form + 1) * questionCount]
    }

    public func name(_ id: Int32) -> String { names.name(id) }

    /// Where a file's bytes come from: a path, or bytes already in memory (the store, tests).
    public enum Source {
        case path(String)
        case bytes([UInt8], name: String)
    }

    /// Reads and validates every file. Problems of all files are returned together; rows of invalid files
    /// are still kept out of the dataset, since a half-valid file must not half-count.
    public static func load(_ sources: [Source], catalogues: Catalogues, register: Register? = nil) -> (Dataset, [Problem]) {
        var decoder = RecordDecoder(catalogues: catalogues, register: register)
        var collector = Collector()
        var files: [FileSummary] = []
        var problems: [Problem] = []
        for source in sources {
            let reader: CSVReader
            switch source {
            case .path(let path):
                do { reader = try CSVReader(path: path) } catch {
                    problems.append(error)
                    continue
                }
            case .bytes(let bytes, let name):
                reader = CSVReader(bytes: bytes, fileName: name)
            }
            var fileCollector = Collector()
            let summary = decoder.decode(reader, into: &fileCollector)
            problems += summary.problems
            if summary.problemsNotShown > 0 {
                problems.append(Problem(file: summary.file, position: nil, message: "och \(summary.problemsNotShown) problem till i samma fil"))
            }
            if summary.isValid { collector.append(fileCollector) }
            files.append(summary)
        }
        var dataset = Dataset(names: decoder.names, catalogues: catalogues, register: register)
        dataset.deltagare = collector.deltagare
        dataset.forms = collector.forms
        dataset.answers = collector.answers
        dataset.files = files
        return (dataset, problems)
    }

    private init(names: NameTable, catalogues: Catalogues, register: Register?) {
        self.names = names
        self.catalogues = catalogues
        self.register = register
    }

    private struct Collector: RecordSink {
        var deltagare: [DeltagareRecord] = []
        var forms: [SurveyForm] = []
        var answers: [Int8] = []

        mutating func add(_ record: DeltagareRecord) { deltagare.append(record) }

        mutating func add(_ form: SurveyForm, answers: UnsafeBufferPointer<Int8>) {
            forms.append(form)
            self.answers.append(contentsOf: answers)
        }

        mutating func append(_ other: Collector) {
            deltagare += other.deltagare
            forms += other.forms
            answers += other.answers
        }
    }
}
