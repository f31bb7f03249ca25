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
    /// Rows of `aktiviteter` files (DOMAIN §4.4).
    public private(set) var aktiviteter: [AktivitetRecord] = []
    /// Rows of `uppfoljning` files: avslutade deltagare followed up months later.
    public private(set) var uppfoljningar: [UppfoljningRecord] = []

    var questionCount: Int { catalogues.indikatorer.questions.count }

    public func answers(of form: Int) -> ArraySlice<Int8> {
        answers[form * questionCount..<(form + 1) * questionCount]
    }

    public func name(_ id: Int32) -> String { names.name(id) }

    /// One file to read: from a path or from bytes already in memory, optionally keeping only some units.
    public struct Source: Sendable {
        public enum Location: Sendable {
            case path(String)
            case bytes([UInt8])
        }

        public var name: String
        var location: Location
        /// When set, only rows of these units are kept (a stored file partly superseded by a later one).
        public var only: Set<NamedKey>?
        /// The name was made by finsam (a stored file's checksum path and its redacted original name), not given
        /// by a user: it is not checked for personal data, which a checksum's digits could only seem to hold.
        public var nameIsFinsams = false
        /// When set, forms of these units are kept only for these respondent groups (a stored survey file
        /// whose group for a unit a later file holds).
        public var onlyGroups: [NamedKey: Set<Respondent>]?

        public static func path(_ path: String) -> Source { Source(name: path, location: .path(path)) }

        public static func bytes(
            _ bytes: [UInt8], name: String, only: Set<NamedKey>? = nil, nameIsFinsams: Bool = false,
            onlyGroups: [NamedKey: Set<Respondent>]? = nil
        ) -> Source {
            Source(name: name, location: .bytes(bytes), only: only, nameIsFinsams: nameIsFinsams, onlyGroups: onlyGroups)
        }

        /// A stored file limited to the units (and groups) it is current for (``StoreIndex/currentUnits``).
        public static func stored(_ bytes: [UInt8], name: String, units: StoreIndex.Units) -> Source {
            let groups = units.compactMapValues { $0 }
            return .bytes(bytes, name: name, only: Set(units.keys), nameIsFinsams: true, onlyGroups: groups.isEmpty ? nil : groups)
        }
    }

    /// Reads and validates every file. Problems of all files are returned together; rows of invalid files
    /// are still kept out of the dataset, since a half-valid file must not half-count.
    ///
    ///     let (dataset, problems) = Dataset.load([.path("deltagare-2023H2.csv")], catalogues: .builtIn)
    ///     guard problems.isEmpty else { return }
    ///
    /// - Returns: the dataset of every valid file's rows, and the problems of all files (empty when all are
    ///   valid). Never throws: a file that cannot be read is a problem.
    public static func load(_ sources: [Source], catalogues: Catalogues, register: Register? = nil) -> (Dataset, [Problem]) {
        var decoder = RecordDecoder(catalogues: catalogues, register: register)
        var collector = Collector()
        var files: [FileSummary] = []
        var problems: [Problem] = []
        for source in sources {
            let reader: CSVReader
            switch source.location {
            case .path(let path):
                do { reader = try InputFile.reader(path: path, displayName: source.name) } catch {
                    problems.append(error)
                    continue
                }
            case .bytes(let bytes):
                do { reader = try InputFile.reader(bytes: bytes, fileName: source.name, checksName: !source.nameIsFinsams) } catch {
                    problems.append(error)
                    continue
                }
            }
            var fileCollector = Collector()
            let summary = decoder.decode(reader, into: &fileCollector)
            problems += summary.problems
            if let more = Problem.notShown(summary.problemsNotShown, in: summary.file) { problems.append(more) }
            if summary.isValid {
                // A stored file's units name förbund and insatser as the file did when it was submitted; with
                // a register given since, the rows name them by the register's ids. Both are compared as the
                // register's ids where it knows them (before, rows of "Konsultationsteam Karlskrona" sent
                // before the store had a register were dropped as kt-karlskrona's).
                var canonicalKeys: [NamedKey: NamedKey] = [:]
                func canonical(_ key: NamedKey) -> NamedKey {
                    guard let register else { return key }
                    if let known = canonicalKeys[key] { return known }
                    let found = register.canonical(key)
                    canonicalKeys[key] = found
                    return found
                }
                if let only = source.only {
                    let names = decoder.names
                    let wanted = Set(only.map(canonical))
                    fileCollector.keep { wanted.contains(canonical(NamedKey(forbund: names.name($0), insats: names.name($1), period: $2))) }
                }
                if let onlyGroups = source.onlyGroups {
                    let names = decoder.names, enkater = catalogues.indikatorer.enkater
                    let wanted = Dictionary(onlyGroups.map { (canonical($0.key), $0.value) }, uniquingKeysWith: { $0.union($1) })
                    fileCollector.keepForms { form in
                        let key = NamedKey(forbund: names.name(form.forbund), insats: names.name(form.insats), period: form.period)
                        return wanted[canonical(key)].map { $0.contains(enkater[Int(form.enkat)].group) } ?? true
                    }
                }
                collector.append(fileCollector)
            }
            files.append(summary)
        }
        var dataset = Dataset(names: decoder.names, catalogues: catalogues, register: register)
        dataset.deltagare = collector.deltagare
        dataset.forms = collector.forms
        dataset.answers = collector.answers
        dataset.files = files
        dataset.aktiviteter = collector.aktiviteter
        dataset.uppfoljningar = collector.uppfoljningar
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
        var aktiviteter: [AktivitetRecord] = []
        var uppfoljningar: [UppfoljningRecord] = []

        mutating func add(_ record: DeltagareRecord) { deltagare.append(record) }

        mutating func add(_ followUp: UppfoljningRecord) { uppfoljningar.append(followUp) }

        mutating func add(_ activity: AktivitetRecord) { aktiviteter.append(activity) }

        mutating func add(_ form: SurveyForm, answers: UnsafeBufferPointer<Int8>) {
            forms.append(form)
            self.answers.append(contentsOf: answers)
        }

        mutating func append(_ other: Collector) {
            deltagare += other.deltagare
            forms += other.forms
            answers += other.answers
            aktiviteter += other.aktiviteter
            uppfoljningar += other.uppfoljningar
        }

        /// Keeps only the rows of units for which `wanted(forbund, insats, period)` holds.
        mutating func keep(_ wanted: (Int32, Int32, Period) -> Bool) {
            deltagare.removeAll { !wanted($0.forbund, $0.insats, $0.period) }
            aktiviteter.removeAll { !wanted($0.forbund, $0.insats, $0.period) }
            uppfoljningar.removeAll { !wanted($0.forbund, $0.insats, $0.period) }
            keepForms { wanted($0.forbund, $0.insats, $0.period) }
        }

        /// Keeps only the forms (with their answers) for which `wanted` holds.
        mutating func keepForms(_ wanted: (SurveyForm) -> Bool) {
            let stride = forms.isEmpty ? 0 : answers.count / forms.count
            var keptForms: [SurveyForm] = [], keptAnswers: [Int8] = []
            for (i, form) in forms.enumerated() where wanted(form) {
                keptForms.append(form)
                keptAnswers += answers[i * stride..<(i + 1) * stride]
            }
            forms = keptForms
            answers = keptAnswers
        }
    }
}

/// A ``RecordKey`` by name, as the store's index keeps it.
public struct NamedKey: Sendable, Hashable, Codable, Comparable {
    public var forbund: String
    public var insats: String
    public var period: Period

    public init(forbund: String, insats: String, period: Period) {
        self.forbund = forbund
        self.insats = insats
        self.period = period
    }

    public static func < (a: NamedKey, b: NamedKey) -> Bool {
        (a.forbund, a.insats, a.period) < (b.forbund, b.insats, b.period)
    }
}
