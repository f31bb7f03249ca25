import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// Strukturinriktade insatser (issue 19): the `aktiviteter` kind, goals on activities, staff surveys and the
/// report's Strukturinriktade insatser section, against figures worked out by hand from `SampleData/gavleborg/`.
@Suite struct AktiviteterTests {
    static var register: Register { try! Register.load(from: Repository.sample("forbund-gavleborg.json")) }
    static var goals: GoalFile { try! GoalFile.load(Repository.sample("mal-gavleborg.json"), catalogues: .builtIn) }

    static var gavleborgFiles: [String] {
        let folder = Repository.path("SampleData/gavleborg")
        return (try! FileManager.default.contentsOfDirectory(atPath: folder)).filter { $0.hasSuffix(".csv") }.sorted().map { folder + "/" + $0 }
    }

    static func dataset(register: Register? = AktiviteterTests.register) -> Dataset {
        let (dataset, problems) = Dataset.load(gavleborgFiles.map { .path($0) }, catalogues: .builtIn, register: register)
        #expect(problems.isEmpty, "\(problems)")
        return dataset
    }

    static func report(_ period: String) throws -> HalvarsRapport {
        try HalvarsRapport.make(dataset: dataset(), period: Period(period)!, forbund: nil, goals: goals, sources: ["gavleborg"])
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = try TemporaryFolder.make("finsam-akt").appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func check(_ path: String, register: Register? = nil) -> FileSummary {
        var decoder = RecordDecoder(catalogues: .builtIn, register: register)
        return decoder.check([path])[0]
    }

    // MARK: The kind and its cells

    @Test func theKindIsToldByTheHeader() throws {
        let aktiviteter = try file("a.csv", "Förbund;Insats;Period;Aktivitet\nG;Nätverk;2023H1;Dialogmöte\n")
        #expect(check(aktiviteter).kind == .aktiviteter)
        #expect(check(aktiviteter).rows == 1)
        let onlyTillfallen = try file("t.csv", "forbund,insats,period,tillfällen\nG,N,2023H1,2\n")
        let summary = check(onlyTillfallen)
        #expect(summary.kind == nil)
        #expect(
            summary.problems.map(\.description) == [
                "\(onlyTillfallen):1:1: fel: rubrikraden saknar kolumnen aktivitet som en aktiviteter-fil måste ha"
            ])
        #expect(check(Repository.sample("deltagare-2023H1.csv")).kind == .deltagare)
        #expect(check(Repository.sample("indikatorsvar-2023H1.csv")).kind == .indikatorsvar)
        let neither = try file("n.csv", "forbund,insats,period\nG,N,2023H1\n")
        let problems = check(neither).problems
        #expect(
            problems.contains {
                $0.message.hasPrefix(
                    "väntade en rubrikrad för deltagare (med kolumnen status), indikatorsvar (med kolumnen enkat), aktiviteter (med kolumnen aktivitet) eller uppfoljning (med kolumnen manader)"
                )
            }, "\(problems.map(\.description))")
    }

    @Test func everyWrongCellIsReportedAtItsPlace() throws {
        let path = try file(
            "a.csv",
            """
            forbund;insats;period;aktivitet;tillfallen;deltagande;part;kon;x_anteckning;lokal
            G;N;2023H1;fika;två;-3;staten;hen;;
            G;N;2023H1;utbildning;;;fk;;;

            """)
        let summary = check(path)
        #expect(
            summary.problems.map(\.description) == [
                "\(path):1:77: fel: cell J1: okänd kolumn för aktiviteter: väntade forbund, insats, period, aktivitet, tillfallen, deltagande, part, kon, kommun eller organisation eller en kolumn som börjar med x_, fann \"lokal\"",
                "\(path):2:12: fel: cell D2: kolumn aktivitet: väntade Utbildning, Konferens, Nätverksmöte, Dialogmöte, Ägarsamråd, Samverkansmöte, Kartläggning, Information, Styrelsemöte eller Annat, fann \"fika\"",
                "\(path):2:17: fel: cell E2: kolumn tillfallen: väntade ett antal tillfällen (heltal 0–1000000) eller tom cell (1), fann \"två\"",
                "\(path):2:21: fel: cell F2: kolumn deltagande: väntade hur många som deltog (heltal 0–1000000) eller tom cell, fann \"-3\"",
                "\(path):2:24: fel: cell G2: kolumn part: väntade af, fk, kommun, region, annan eller tom cell, fann \"staten\"",
                "\(path):3:25: fel: cell G3: kolumn part: part och kön beskriver de deltagande, men raden saknar deltagande; fyll i hur många som deltog eller töm cellen",
            ])
        #expect(summary.rows == 0)
    }

    /// Keeps the activities a decoder passes on.
    struct Activities: RecordSink {
        var rows: [AktivitetRecord] = []
        mutating func add(_ record: DeltagareRecord) {}
        mutating func add(_ form: SurveyForm, answers: UnsafeBufferPointer<Int8>) {}
        mutating func add(_ activity: AktivitetRecord) { rows.append(activity) }
    }

    @Test func theKnownCellPathTakesWhatTheFullPathTakes() throws {
        // Repeated rows take the known-cell path (the second time round every cell is known).
        let rows = "G;N;2023H1;utbildning;;12;kommun;kvinna\nG;N;2023H1;utbildning;2;;;\nG;N;2023H1;Ägarsamråd;0;3;af;\nG;N;2023H1;utbildning;;;fk;\n"
        let path = try file("a.csv", "forbund;insats;period;aktivitet;tillfallen;deltagande;part;kon\n" + rows + rows)
        var found: [[String]] = [], kept: [[AktivitetRecord]] = []
        for usesKnownCells in [true, false] {
            var decoder = RecordDecoder(catalogues: .builtIn)
            decoder.usesKnownCells = usesKnownCells
            var sink = Activities()
            let summary = decoder.decode(try InputFile.reader(path: path), into: &sink)
            found.append(summary.problems.map(\.description))
            kept.append(sink.rows)
        }
        #expect(found[0] == found[1])
        #expect(found[0].map { $0.split(separator: ":")[1] } == ["5", "9"])  // part without deltagande, both times
        #expect(kept[0] == kept[1])
        #expect(kept[0].map(\.tillfallen) == [1, 2, 0, 1, 2, 0])
        #expect(kept[0].map(\.deltagande) == [12, nil, 3, 12, nil, 3])
        #expect(kept[0].map(\.part) == [.kommun, nil, .af, .kommun, nil, .af])
    }

    @Test func personalDataInAnActivityFileRefusesTheFile() throws {
        let path = try file("a.csv", "forbund;insats;period;aktivitet;x_kontakt\nG;N;2023H1;utbildning;121212-1212\nG;N;2023H1;utbildning;\n")
        let (dataset, problems) = Dataset.load([.path(path)], catalogues: .builtIn)
        #expect(problems.count == 1)
        #expect(problems[0].position?.line == 2)
        #expect(problems[0].message.contains("personnummer"))
        #expect(dataset.aktiviteter.isEmpty)  // nothing of the file is kept, not even its valid row
    }

    @Test func aWrongTypIsAnErrorAtItsCellOnceARegisterIsGiven() throws {
        let aktiviteter = try file(
            "a.csv", "forbund;insats;period;aktivitet;tillfallen\ngavleborg;Trisam;2017H1;utbildning;2\ngavleborg;styrning;2017H1;agarsamrad;1\n")
        #expect(check(aktiviteter).isValid)  // without a register nothing says what Trisam is
        #expect(
            check(aktiviteter, register: Self.register).problems.map(\.description) == [
                "\(aktiviteter):2:11: fel: cell B2: väntade en strukturinriktad insats, fann den individinriktade \"trisam\" som lämnar deltagare, "
                    + "inte aktiviteter (lämna dess deltagare i en deltagare-fil: finsam template deltagare)"
            ])
        // A deltagare row of a strukturinriktad insats, on the known-cell path (a repeated row) and on the full one.
        let row = "gavleborg;Kompetens i samverkan;2017H1;kvinna;pagaende;\n"
        let deltagare = try file("d.csv", "forbund;insats;period;kon;status;avslutsorsak\n" + row + row)
        for usesKnownCells in [true, false] {
            var decoder = RecordDecoder(catalogues: .builtIn, register: Self.register)
            decoder.usesKnownCells = usesKnownCells
            let summary = decoder.check([deltagare])[0]
            #expect(summary.rows == 0)
            #expect(summary.problems.map(\.position?.line) == [2, 3])
            #expect(
                summary.problems.allSatisfy {
                    $0.message == "väntade en individinriktad insats, fann den strukturinriktade \"kompetens\" som inte har deltagare "
                        + "(lämna dess aktiviteter i en aktiviteter-fil: finsam template aktiviteter)"
                })
        }
    }

    @Test func theRegisterSaysWhichKindsAnInsatsReports() {
        let insatser = Dictionary(uniqueKeysWithValues: Self.register.insatser.map { ($0.id, $0.expectedKinds) })
        #expect(insatser["trisam"] == [.deltagare, .indikatorsvar])
        #expect(insatser["styrning"] == [.aktiviteter])
    }

    // MARK: Goals on activities

    @Test func activityGoalsCountTillfallenAndDeltagandeOverTheGoalsPeriod() throws {
        let report = try Self.report("2017")
        func goal(_ id: String) -> GoalResult { report.goals.first { $0.goal.id == id }! }
        // Ägarsamråd 2017: one in H1 (its breakdown rows have 0 tillfällen), one in H2.
        #expect(goal("tva-agarsamrad").overall.share.numerator == 2)
        #expect(goal("tva-agarsamrad").overall.verdict == .uppfyllt)
        #expect(goal("tva-agarsamrad").perKon.isEmpty)  // occasions have no kön
        // Konferenser: 2 in H1, 1 in H2 — the plan's four are not reached.
        #expect(goal("fyra-arbetskonferenser").overall.share.numerator == 3)
        #expect(goal("fyra-arbetskonferenser").overall.verdict == .ejUppfyllt)
        #expect(goal("fyra-arbetskonferenser").scopeText == "Tillfällen: konferens")
        // Deltagande in konferenser: 48 + 17 + 30 + 11 = 106; kvinnor 48 + 30, män 17 + 11.
        let deltagande = goal("deltagande-arbetskonferenser")
        #expect(deltagande.overall.share.numerator == 106)
        #expect(deltagande.perKon.map(\.figure.share.numerator) == [78, 28, 0, 0])  // kvinnor, män, annat, uppgift saknas
        #expect(deltagande.perInsats.map { report.insatsNamn[$0.insats]! } == ["Kompetens i samverkan"])
        // The goals' own period is the year; a halvår report evaluates them over it all the same, and a goal
        // without a period over the report's halvår.
        var halvar = Self.goals
        halvar.goals = halvar.goals.map {
            var g = $0; g.period = nil; return g
        }
        let h2 = try HalvarsRapport.make(dataset: Self.dataset(), period: Period("2017H2")!, forbund: nil, goals: halvar, sources: [])
        #expect(h2.goals.first { $0.goal.id == "tva-agarsamrad" }!.overall.share.numerator == 1)
        #expect(h2.goals.first { $0.goal.id == "deltagande-arbetskonferenser" }!.overall.share.numerator == 41)
        // Over a range of two halvår.
        let range = try JSONFile.decode(
            GoalFile.self,
            from: Data(
                #"{"version": 2, "goals": [{"id": "a", "title": "Ägarsamråd", "target": 2, "period": "2017H1..2017H2", "measure": {"type": "count", "of": "tillfallen", "aktivitet": "agarsamrad"}}]}"#
                    .utf8),
            name: "mal.json")
        let ranged = try HalvarsRapport.make(dataset: Self.dataset(), period: Period("2017H2")!, forbund: nil, goals: range, sources: [])
        #expect(ranged.goals[0].overall.share.numerator == 2)
        #expect(ranged.goals[0].overall.verdict == .uppfyllt)
    }

    @Test func anUnknownAktivitetIsAnErrorAtItsPlaceInTheGoalFile() throws {
        let path = try file(
            "mal.json",
            """
            {"version": 2, "goals": [
              {"id": "a", "title": "t", "measure": {"type": "count", "of": "tillfallen", "aktivitet": ["agarsamrad", "fika"]}},
              {"id": "b", "title": "t", "measure": {"type": "count", "of": "deltagande"}},
              {"id": "c", "title": "t", "measure": {"type": "count", "of": "alla", "aktivitet": "utbildning"}}
            ]}
            """)
        #expect(throws: ValidationFailure.self) { try GoalFile.load(path, catalogues: .builtIn) }
        do {
            _ = try GoalFile.load(path, catalogues: .builtIn)
        } catch {
            #expect(
                error.problems.map(\.description) == [
                    "\(path):2:106: fel: goals[0].measure.aktivitet[1]: väntade en aktivitet (utbildning, konferens, natverksmote, dialogmote, agarsamrad, "
                        + "samverkansmote, kartlaggning, information, styrelsemote eller annat), fann \"fika\"",
                    "\(path):3:40: fel: goals[1].measure: saknar fältet \"aktivitet\": vilka aktiviteter ska räknas (utbildning, konferens, natverksmote, "
                        + "dialogmote, agarsamrad, samverkansmote, kartlaggning, information, styrelsemote eller annat)?",
                    "\(path):4:72: fel: goals[2].measure.aktivitet: aktivitet hör till \"of\": \"tillfallen\" eller \"deltagande\", fann \"of\": \"alla\"",
                ])
        }
    }

    // MARK: Staff surveys

    @Test func theReportHasAnIndicatorSectionPerRespondentGroup() throws {
        let report = try Self.report("2017H2")
        #expect(report.respondentGroups == [.deltagare, .personal, .chefer])
        let personal = report.indikatorer(of: .personal)
        #expect(personal.map(\.question.id) == ["medskapare", "helhetssyn", "trygghet", "jamstalldhet"])
        // medskapare: 9 × 4, 18 × 3, 9 × 2 of 36 forms: 27 positive, mean 108 / 36 = 3.0.
        let medskapare = personal[0]
        #expect(medskapare.positive == Share(27, of: 36))
        #expect(medskapare.meanTenths == 30)
        #expect(medskapare.distribution.map(\.count) == [9, 18, 9, 0])
        // jämställdhet: every sixth form "vet ej", every sixth empty: 24 on the scale, 18 of them 3 or 4.
        let jamstalldhet = personal[3]
        #expect(jamstalldhet.positive == Share(18, of: 24))
        #expect(jamstalldhet.vetEj == 6)
        #expect(jamstalldhet.unanswered == 6)
        // helhetssyn is asked of personal and chefer: each group counts only its own forms.
        #expect(report.indikatorer(of: .chefer).first { $0.question.id == "helhetssyn" }?.positive == Share(4, of: 6))
        #expect(
            report.indikatorer(of: .deltagare).map(\.question.id) == [
                "behov", "samordnad", "inflytande", "stod", "bemotande", "forstaelse", "verktyg", "planering", "redo",
            ])
        let published = try PublishedReport(report, protection: SmallCellProtection())
        let table = try #require(published.table("indikatorer-personal"))
        #expect(table.title == "FINSAM-indikatorer: insatspersonal")
        #expect(table.rows[0].cells.prefix(5).map(\.text) == ["36", "75 %", "59–86 %", "3,0", "Till mycket stor del 9"])
        // Six chefer forms: a group of at least 5, so its answers are published as they are (DOMAIN §8), 4 of 6.
        #expect(published.table("indikatorer-chefer")!.rows[0].cells[1].text == "67 %")  // Andel positiva
    }

    @Test func aChangeGoalOnAStaffQuestionHasANewcombeInterval() throws {
        let result = try Self.report("2017").goals.first { $0.goal.id == "trygghet-i-samverkan" }!
        // 2017: 27 of 36 tryggt (75 %); baseline 2016: 12 of 30 (40 %): +35 procentenheter.
        #expect(result.overall.current == Share(27, of: 36))
        #expect(result.overall.baseline == Share(12, of: 30))
        #expect(abs(result.overall.value! - 0.35) < 1e-12)
        // Newcombe's hybrid score interval from the Wilson intervals 0.5893–0.8625 and 0.2459–0.5768:
        // 0.35 − √((0.75 − 0.5893)² + (0.5768 − 0.40)²) = 0.1111; 0.35 + √((0.8625 − 0.75)² + (0.40 − 0.2459)²) = 0.5408.
        #expect(abs(result.overall.interval!.low - 0.11108) < 1e-4)
        #expect(abs(result.overall.interval!.high - 0.54079) < 1e-4)
        #expect(result.overall.verdict == .uppfyllt)
        #expect(result.perKon.first { $0.kon == .kvinna }?.figure.current == Share(14, of: 18))
    }

    // MARK: The report's section

    @Test func strukturSectionShowsActivitiesDeltagandeAndBudget() throws {
        let report = try Self.report("2017")
        #expect(report.struktur.map(\.namn) == ["Kompetens i samverkan", "Samverkan och styrning"])
        let kompetens = report.struktur[0], styrning = report.struktur[1]
        #expect(kompetens.aktiviteter.map(\.aktivitet.code) == ["utbildning", "konferens", "dialogmote"])
        // Utbildning: 3 without a kommun in 2017H1, and one per Trisam-team's kommun: 5 in H1, 4 in H2 (#27 item 6).
        #expect(kompetens.aktiviteter.map(\.tillfallen) == [12, 3, 2])
        #expect(kompetens.aktiviteter.map(\.deltagande) == [41, 106, 34])
        #expect(kompetens.aktiviteter[2].perPart == [9, 0, 25, 0, 0])
        #expect(kompetens.budget == 420_000)
        // Ägarsamråd: H1 6 + 3 + 2 + 2 + 1 + 1 by part and kön, H2 12 without either.
        let agarsamrad = styrning.aktiviteter[0]
        #expect(agarsamrad.deltagande == 27)
        #expect(agarsamrad.perKon.counts == [9, 6, 0])
        #expect(agarsamrad.utanKon == 12)
        #expect(agarsamrad.perPart == [1, 1, 9, 4, 0])
        #expect(try Self.report("2017H2").struktur.map(\.budget) == [210_000, 90_000])

        let published = try PublishedReport(report, protection: SmallCellProtection())
        let table = try #require(published.table("struktur"))
        let row = table.rows.first { $0.label == "Samverkan och styrning · Ägarsamråd" }!
        #expect(row.cells.map(\.text) == ["2", "Ägarsamråd: minst 2 (helåret 2017: ✓ uppfyllt)", "27", "9", "6", "0", "12", ""])
        #expect(
            table.rows.first { $0.label == "Kompetens i samverkan · totalt" }!.cells.map(\.text)
                == ["17", "", "181", "78", "28", "0", "75", SwedishFormat.kronor(420_000)])
        // Deltagande per part is protected like any count: 1, 1 and 4 are small; nothing else is hidden.
        let parts = try #require(published.table("struktur-part")).rows.first { $0.label == "Samverkan och styrning · Ägarsamråd" }!
        #expect(parts.cells.map(\.text) == ["<5", "<5", "9", "<5", "0", "12", "27"])
        #expect(MarkdownReportWriter.write(published).contains("## Strukturinriktade insatser"))
        #expect(HTMLReportWriter.write(published).contains("<section id=\"struktur\" aria-labelledby=\"struktur-rubrik\">"))
        #expect(CSVReportWriter.write(published).contains("struktur;Samverkan och styrning/agarsamrad;deltagande;27;27\r\n"))
        let json = try JSONSerialization.jsonObject(with: Data(JSONReportWriter.write(published).utf8))
        #expect(try JSONSchemaValidator(path: Repository.path("Schemas/report.schema.json")).errors(for: json) == [])
    }

    @Test func uppfoljningGetsTheYearsDeltagandePerStrukturinriktadInsats() {
        // kompetens: 48 + 17 + 41 in H1, 30 + 11 + 25 + 9 in H2; styrning: 15 in H1, 12 in H2.
        #expect(Self.dataset().strukturDeltagande(year: 2017) == ["kompetens": 181, "styrning": 27])
        #expect(Self.dataset().strukturDeltagande(year: 2017, forbund: "Samordningsförbund Gävleborg") == ["kompetens": 181, "styrning": 27])
        #expect(Self.dataset().strukturDeltagande(year: 2016).isEmpty)
        #expect(Self.dataset(register: nil).strukturDeltagande(year: 2017) == ["Kompetens i samverkan": 181, "Samverkan och styrning": 27])
    }

    // MARK: aggregate

    @Test func aggregateIsByteIdenticalToTheDuckDBReference() throws {
        var options = AggregateRun.Options()
        options.kind = .aktiviteter
        let outcome = AggregateRun.run(files: [Repository.fixture("aktiviteter-aggregate.csv")], catalogues: .builtIn, options: options)
        #expect(outcome.problems.isEmpty)
        #expect(outcome.rows == 400)
        let writer = AggregateWriter(table: outcome.table, names: outcome.names, catalogues: .builtIn)
        // Made by bench/aktiviteter-reference.py (DuckDB); its docstring has the command.
        let expected = try Data(contentsOf: URL(fileURLWithPath: Repository.fixture("aktiviteter-aggregate.duckdb.csv")))
        #expect(writer.aktiviteter(.csv) == [UInt8](expected))
        let json = try JSONSerialization.jsonObject(with: Data(AggregateWriter.json([writer.aktiviteter(.json)]))) as! [String: [[String: Any]]]
        #expect(json["aktiviteter"]?.count == 379)
    }
}
