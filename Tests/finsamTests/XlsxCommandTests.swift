import FinsamTestSupport
import Foundation
import Testing

/// The insats leader's spreadsheet route through the command line: template, validate (with --annotate),
/// submit (dry run, guarded replacement), aggregate.
@Suite struct XlsxCommandTests {
    static func fixture(_ name: String) -> String {
        Repository.fixture(name)
    }

    @Test func writesAWorkbookTemplateThatValidatesAsEmpty() throws {
        let folder = try TemporaryFolder.make()
        let made = try FinsamProcess.run(
            [
                "template", "deltagare", "--format", "xlsx", "--register", Repository.sample("forbund-blekinge.json"),
                "--insats", "kt-karlshamn", "--period", "2023H2", "--output", "mall.xlsx",
            ], in: folder)
        #expect(made.status == 0)
        let bytes = try Data(contentsOf: folder.appendingPathComponent("mall.xlsx"))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let check = try FinsamProcess.run(["validate", "mall.xlsx"], in: folder)
        #expect(check.status == 1)
        // An unfilled template: what it lacks and what to do, its prefilled rows named as not rows of data.
        #expect(
            check.stderr
                == "mall.xlsx: fel: väntade minst en rad efter rubrikraden, fann ingen (rader med bara förbund, insats och period räknas som tomma): "
                + "fyll i under rubrikraden en rad per deltagare (eller per grupp av deltagare, med antal) och spara filen igen\n")
        let unknown = try FinsamProcess.run(
            [
                "template", "deltagare", "--format", "xlsx", "--register", Repository.sample("forbund-blekinge.json"),
                "--insats", "okänd", "--output", "x.xlsx",
            ], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("finsam: --insats: väntade en insats i registret (kt-karlskrona, kt-karlshamn, "))
    }

    @Test func prefillingNeedsTheWorkbookFormat() throws {
        let result = try FinsamProcess.run(["template", "deltagare", "--period", "2023H2"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("finsam: --period fyller i en Excel-mall: lägg till --format xlsx (en CSV-mall har bara rubrikraden)\n"))
    }

    @Test func validatesAWorkbookAndWritesAnAnnotatedCopy() throws {
        let folder = try TemporaryFolder.make()
        let ok = try FinsamProcess.run(["validate", Self.fixture("libreoffice-deltagare.xlsx")])
        #expect(ok.status == 0)
        #expect(ok.stdout.hasSuffix("libreoffice-deltagare.xlsx: ok — deltagare, 5 rader, Excel-arbetsbok, bladet libreoffice-deltagare\n"))
        let bad = try FinsamProcess.run([
            "validate", "--annotate", folder.appendingPathComponent("fel.xlsx").path, Self.fixture("libreoffice-klockslag.xlsx"),
        ])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("libreoffice-klockslag.xlsx:2:3: fel: cell 'libreoffice-klockslag'!C2: kolumn period: "))
        #expect(bad.stderr.contains(": kopia med 2 fel i kolumnen x_fel: "))
        let again = try FinsamProcess.run(["validate", "fel.xlsx"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.split(separator: "\n").count == 2)  // x_fel is ignored; the two periods remain
    }

    @Test func brokenWorkbooksAndZipBombsExitOne() throws {
        let folder = try TemporaryFolder.make()
        let bomb = try FinsamProcess.run(["validate", Self.fixture("zip-bomb.xlsx")])
        #expect(bomb.status == 1)
        #expect(
            bomb.stderr.contains(
                "zip-bomb.xlsx: fel: väntade en Excel-arbetsbok (.xlsx) eller en CSV-fil, fann en zip-fil som inte går att läsa: delen xl/worksheets/sheet1.xml blir större än 64 MiB uppackad"
            ))
        let whole = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("libreoffice-deltagare.xlsx")))
        try whole.prefix(whole.count / 2).write(to: folder.appendingPathComponent("halv.xlsx"))
        let half = try FinsamProcess.run(["submit", "--store", "arkiv", "halv.xlsx"], in: folder)
        #expect(half.status == 1)
        #expect(
            half.stderr
                == "halv.xlsx: fel: väntade en Excel-arbetsbok (.xlsx) eller en CSV-fil, fann en zip-fil som inte går att läsa: zip-filens slutpost saknas (filen är avkortad eller ingen zip-fil); spara filen igen i Excel som \"Excel-arbetsbok (.xlsx)\"\n"
                + "finsam: inget sparades, arkivet är som förut\n"
        )
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("arkiv").path))
    }

    @Test func submitDryRunShowsTheReceiptInWordsAndWritesNothing() throws {
        let folder = try TemporaryFolder.make()
        let register = Repository.sample("forbund-blekinge.json")
        let dry = try FinsamProcess.run(
            ["submit", "--store", "arkiv", "--dry-run", "--register", register, Self.fixture("libreoffice-deltagare.xlsx")], in: folder)
        #expect(dry.status == 0)
        #expect(dry.stdout.hasPrefix("kvitto (provkörning): "))
        #expect(dry.stdout.contains("  innehåll:  9 deltagare: 5 kvinnor, 3 män, 1 annat; 4 avslutade\n"))
        #expect(dry.stdout.contains("  filtyp:    deltagare, 5 rader, Excel-arbetsbok, bladet libreoffice-deltagare\n"))
        #expect(dry.stdout.contains("  sparas som inlämning 1 om den lämnas in — provkörning (--dry-run), inget sparat\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("arkiv").path))
        let real = try FinsamProcess.run(
            ["submit", "--store", "arkiv", "--register", register, Self.fixture("libreoffice-deltagare.xlsx")], in: folder)
        #expect(real.status == 0)
        let stored = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("arkiv/files").path).sorted()
        #expect(stored.count == 2 && stored[0].hasSuffix(".xlsx") && stored[1] == "inlamning-1.json")
        #expect(try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder).status == 0)
        let report = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2", "--format", "json"], in: folder)
        #expect(report.status == 0)
    }

    @Test func aSubmissionWithLessThanHalfTheDeltagareNeedsReplace() throws {
        let folder = try TemporaryFolder.make()
        let register = Repository.sample("forbund-blekinge.json")
        let first = try FinsamProcess.run(
            ["submit", "--store", "arkiv", "--register", register, Self.fixture("libreoffice-deltagare.xlsx")], in: folder)
        #expect(first.status == 0)
        try Data("forbund;insats;period;kon;status;antal\nblekinge;kt-karlshamn;2023H2;kvinna;pagaende;4\n".utf8).write(
            to: folder.appendingPathComponent("liten.csv"))
        let refused = try FinsamProcess.run(["submit", "--store", "arkiv", "liten.csv"], in: folder)
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "liten.csv: fel: väntade en fil som ersätter tidigare inlämningar med minst hälften så många, fann färre än hälften — "
                + "kt-karlshamn 2023H2: 4 deltagare i stället för 9 i inlämning 1 (\(Self.fixture("libreoffice-deltagare.xlsx"))); kontrollera att det är rätt fil "
                + "och att inga rader fattas, och skicka den med --replace om den ska ersätta den tidigare\n"
                + "finsam: inget sparades, arkivet är som förut\n")
        let replaced = try FinsamProcess.run(["submit", "--store", "arkiv", "--replace", "liten.csv"], in: folder)
        #expect(replaced.status == 0)
        #expect(replaced.stdout.contains("  ersätter:  inlämning 1 för Konsultationsteam Karlshamn 2023H2\n"))
    }

    @Test func aggregateReadsWorkbooksInAFolder() throws {
        let folder = try TemporaryFolder.make()
        try FileManager.default.copyItem(atPath: Self.fixture("libreoffice-deltagare.xlsx"), toPath: folder.appendingPathComponent("a.xlsx").path)
        let result = try FinsamProcess.run(["aggregate", "--by", "kon", "."], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout == "kon,antal\nannat,1\nkvinna,5\nman,3\n")
    }
}
