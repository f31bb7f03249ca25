import FinsamTestSupport
import Foundation
import Testing

/// The README's walk-through for strukturinriktade insatser, run as written: template, validate, submit,
/// status, report and aggregate on `SampleData/gavleborg/`.
@Suite struct AktiviteterCommandTests {
    static let register = Repository.sample("forbund-gavleborg.json")

    static var files: [String] {
        let folder = Repository.path("SampleData/gavleborg")
        return (try! FileManager.default.contentsOfDirectory(atPath: folder)).filter { $0.hasSuffix(".csv") }.sorted().map { folder + "/" + $0 }
    }

    @Test func theInsatsLeadersWorkbookIsAnAktiviteterFile() throws {
        let folder = try TemporaryFolder.make()
        let made = try FinsamProcess.run(
            [
                "template", "aktiviteter", "--format", "xlsx", "--register", Self.register, "--insats", "kompetens", "--period", "2017H2",
                "--output", "mall.xlsx",
            ], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let validated = try FinsamProcess.run(["validate", "mall.xlsx"], in: folder)
        // An empty template has only prefilled rows: no activity yet.
        #expect(validated.stderr.contains("väntade minst en rad efter rubrikraden, fann ingen"))
        let ok = try FinsamProcess.run(["validate", "--register", Self.register, Repository.path("SampleData/gavleborg/aktiviteter-2017H2.csv")])
        #expect(ok.status == 0)
        // Six rows, and ten naming a kommun and organisation (#27 item 6): four Trisam-team utbildningar, six återkopplingar.
        #expect(ok.stdout.contains("aktiviteter-2017H2.csv: ok — aktiviteter, 16 rader, UTF-8, semikolon"))
    }

    @Test func submitStatusAndReportFromTheStore() throws {
        let store = try TemporaryFolder.make().appendingPathComponent("arkiv").path
        let submitted = try FinsamProcess.run(["submit", "--store", store, "--register", Self.register] + Self.files)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        // 2017H1: eleven rows and five Trisam-team utbildningar naming their kommun; 2017H2: 6 + 10.
        #expect(submitted.stdout.components(separatedBy: "  innehåll:  16 rader med aktiviteter\n").count == 3)
        let status = try FinsamProcess.run(["status", "--store", store, "--register", Self.register, "--period", "2017H2"])
        #expect(
            status.stdout.contains(
                "Kompetens i samverkan (kompetens)\n  deltagare      krävs ej (strukturinriktad insats)\n"
                    + "  indikatorsvar  krävs ej (strukturinriktad insats)\n  aktiviteter    mottagen "))
        #expect(status.stdout.contains("Trisam (trisam)\n  deltagare      mottagen "))
        // Gävleborg's register names no last day: nothing is "i tid", and no on-time rate is counted.
        #expect(!status.stdout.contains("i tid —") && !status.stdout.contains(" i tid ("))
        #expect(status.stdout.contains("; registret anger ingen sista dag för perioden\n"))
        #expect(status.stdout.contains("väntade rapporter mottagna (100 %); ingen sista dag, så ingen andel i tid.\n"))
        #expect(status.stdout.contains("  aktiviteter    krävs ej (individinriktad insats)\n"))
        let report = try FinsamProcess.run(
            ["report", "--store", store, "--register", Self.register, "--period", "2017", "--goals", Repository.sample("mal-gavleborg.json")])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(
            report.stdout.contains(
                "| Två ägarsamråd genomförs under året | minst 2 | Tillfällen: ägarsamråd, helåret 2017 | 2 | – | – | ✓ uppfyllt | – |"))
        #expect(report.stdout.contains("## Strukturinriktade insatser"))
        #expect(report.stdout.contains("## FINSAM-indikatorer: insatspersonal"))
    }

    @Test func aggregateWritesTheLongTable() throws {
        let result = try FinsamProcess.run(["aggregate", "--kind", "aktiviteter", Repository.path("SampleData/gavleborg")])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "forbund,insats,period,aktivitet,part,kon,tillfallen,deltagande")
        // Ägarsamråd 2017H1 without part and kön: the one row that says the meeting was held, no deltagande.
        #expect(lines.contains("Samordningsförbund Gävleborg,Samverkan och styrning,2017H1,agarsamrad,,,1,"))
        #expect(lines.contains("Samordningsförbund Gävleborg,Samverkan och styrning,2017H1,agarsamrad,kommun,kvinna,0,6"))
        // The 17 rows of before each a group of its own; the rows naming a kommun (not a key of the long table) add
        // to 2017H1's utbildning (3 + 5 = 8) and make 2017H2's utbildning (4) and information (6).
        #expect(lines.contains("Samordningsförbund Gävleborg,Kompetens i samverkan,2017H1,utbildning,,,8,41"))
        #expect(lines.count == 1 + 17 + 2)
        let fixture = try FinsamProcess.run(["aggregate", "--kind", "aktiviteter", Repository.fixture("aktiviteter-aggregate.csv")])
        #expect(fixture.stdoutBytes == [UInt8](try Data(contentsOf: URL(fileURLWithPath: Repository.fixture("aktiviteter-aggregate.duckdb.csv")))))
    }

    @Test func aFörbundsOwnAktivitetCatalogueReplacesTheBuiltInOne() throws {
        let folder = try TemporaryFolder.make()
        try Data(#"{"version": 1, "aktiviteter": [{"code": "fika", "label": "Fikamöte"}]}"#.utf8).write(to: folder.appendingPathComponent("akt.json"))
        try Data("forbund;insats;period;aktivitet\nG;N;2023H1;Fikamöte\n".utf8).write(to: folder.appendingPathComponent("a.csv"))
        #expect(try FinsamProcess.run(["validate", "--aktiviteter", "akt.json", "a.csv"], in: folder).status == 0)
        let builtIn = try FinsamProcess.run(["validate", "a.csv"], in: folder)
        #expect(builtIn.status == 1)
        #expect(builtIn.stderr.contains("a.csv:2:12: fel: cell D2: kolumn aktivitet: väntade Utbildning, "))
        try Data(#"{"version": 1, "aktiviteter": [{"code": "fika", "label": "F"}, {"code": "fika", "label": "G"}]}"#.utf8)
            .write(to: folder.appendingPathComponent("dubbel.json"))
        let twice = try FinsamProcess.run(["validate", "--aktiviteter", "dubbel.json", "a.csv"], in: folder)
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("aktiviteter[1].code: koden \"fika\" finns redan"))
    }
}
