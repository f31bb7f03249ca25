import FinsamTestSupport
import Foundation
import Testing

@testable import FinsamKit

/// Register version 2 (DOMAIN §5.1): budget and utfall per år or halvår, the report's Volym och ekonomi, and
/// the Uppföljning Finsam export, against figures worked out by hand.
@Suite struct EconomyTests {
    static let register = """
        {"version": 2, "id": "f", "namn": "Förbundet F",
         "insatser": [
           {"id": "a", "namn": "Insats A", "typ": "individ", "forstaHalvar": "2022H1", "malgrupp": "Unga", "inriktning": "Arbete",
            "budget": {"2023H1": 100000, "2023H2": 120000}, "utfall": {"2023": 210000}, "planeratAntal": {"2023": 10}},
           {"id": "b", "namn": "Insats B", "typ": "individ", "forstaHalvar": "2022H1", "budget": {"2023": 90000}},
           {"id": "s", "namn": "Struktur S", "typ": "struktur", "forstaHalvar": "2023H1", "inriktning": "Samverkan; nätverk", "budget": {"2023": 50000}},
           {"id": "gammal", "namn": "Avslutad 2021", "typ": "individ", "forstaHalvar": "2020H1", "sistaHalvar": "2021H2"}
         ],
         "tilldeladeMedel": {"2023": 900000},
         "administration": {"budget": {"2023": 80000}, "utfall": {"2023H1": 30000, "2023H2": 45000}},
         "egetKapital": {"2022-12-31": 500000, "2023-06-30": 720000, "2023-12-31": 650000, "2024-06-30": 1},
         "egetKapitalGranser": {"min": 600000, "max": 700000}}
        """

    /// H1: 2 kvinnor pågående, 2 män avslutade (arbete) in A; 6 kvinnor pågående in B. H2: the same 2 kvinnor
    /// still pågående and 1 more avslutad (studier), 1 annat pågående in A; B's 6 still pågående.
    static let h1 =
        "forbund;insats;period;kon;status;avslutsorsak;antal\nf;a;2023H1;kvinna;pagaende;;2\nf;a;2023H1;man;avslutad;arbete;2\nf;b;2023H1;kvinna;pagaende;;6\n"
    static let h2 =
        "forbund;insats;period;kon;status;avslutsorsak;antal\nf;a;2023H2;kvinna;pagaende;;2\nf;a;2023H2;kvinna;avslutad;studier;1\nf;a;2023H2;annat;pagaende;;1\nf;b;2023H2;kvinna;pagaende;;6\n"

    func register(_ text: String = register) throws -> Register {
        let register = try JSONFile.decode(Register.self, from: Data(text.utf8), name: "forbund.json")
        #expect(register.problems(file: "forbund.json").isEmpty)
        return register
    }

    func dataset(aktiviteter: String? = nil) throws -> Dataset {
        let (dataset, problems) = Dataset.load(
            [.bytes(Array(Self.h1.utf8), name: "h1.csv"), .bytes(Array(Self.h2.utf8), name: "h2.csv")]
                + (aktiviteter.map { [.bytes(Array($0.utf8), name: "aktiviteter.csv")] } ?? []),
            catalogues: .builtIn, register: try register())
        #expect(problems.isEmpty)
        return dataset
    }

    func lines(_ table: PublishedTable?) -> [String] {
        (table?.rows ?? []).map { "\($0.key): " + $0.cells.map(\.text).joined(separator: " | ") }
    }

    @Test func aHalvarUsesItsOwnBudgetElseHalfTheYearsAndAYearItsOwnElseItsHalvar() {
        let amounts = ["2023": 1000, "2023H2": 700, "2024H1": 300, "2024H2": 401]
        #expect(Register.amount(amounts, for: Period("2023H1")!) == Register.Amount(amount: 500, halfOfYear: true))
        #expect(Register.amount(amounts, for: Period("2023H2")!) == Register.Amount(amount: 700, halfOfYear: false))
        #expect(Register.amount(amounts, for: Period("2023")!) == Register.Amount(amount: 1000, halfOfYear: false))
        #expect(Register.amount(amounts, for: Period("2024")!) == Register.Amount(amount: 701, halfOfYear: false))
        #expect(Register.amount(amounts, for: Period("2024H2")!) == Register.Amount(amount: 401, halfOfYear: false))
        #expect(Register.amount(amounts, for: Period("2025H1")!) == nil)
        #expect(Register.amount(["2023": 1001], for: Period("2023H2")!) == Register.Amount(amount: 500, halfOfYear: true))
    }

    @Test func versionOneKeepsWorkingAndRefusesVersionTwoFields() throws {
        // A version 1 file, as Gävleborg's register was before it listed its kommuner and milstolpar (#27 item 6).
        let v1File =
            #"{"version": 1, "id": "g", "namn": "G", "insatser": [{"id": "t", "namn": "T", "typ": "individ", "forstaHalvar": "2016H1", "budget": {"2017": 2400000}}]}"#
        let gavleborg = try JSONFile.decode(Register.self, from: Data(v1File.utf8), name: "f.json")
        #expect(gavleborg.version == 1 && gavleborg.problems(file: "f.json").isEmpty)
        let v1 = Self.register.replacingOccurrences(of: #""version": 2"#, with: #""version": 1"#)
        let problems = try JSONFile.decode(Register.self, from: Data(v1.utf8), name: "forbund.json").problems(file: "forbund.json").map(\.message)
        #expect(problems.contains("insatser[0].budget: väntade ett år som \"2023\", fann \"2023H1\" (budget per halvår kräver \"version\": 2)"))
        #expect(problems.contains("insatser[0].utfall: fältet hör till version 2 av registret: skriv \"version\": 2 överst"))
        let bad = Self.register.replacingOccurrences(of: #""min": 600000"#, with: #""min": 800000"#)
            .replacingOccurrences(of: #""2022-12-31""#, with: #""2022-13-31""#)
        #expect(
            try JSONFile.decode(Register.self, from: Data(bad.utf8), name: "forbund.json").problems(file: "forbund.json").map(\.message) == [
                "egetKapital: väntade ett datum som \"2023-12-31\", fann \"2022-13-31\"",
                "egetKapitalGranser: väntade min högst lika med max, fann min 800000 och max 700000",
            ])
    }

    @Test func volymOchEkonomiOfAHalvar() throws {
        let report = try HalvarsRapport.make(dataset: try dataset(), period: Period("2023H1")!, forbund: nil, goals: nil, sources: [])
        let published = try PublishedReport(report, protection: nil)
        // A: 4 deltagare of 10 planned; B has neither plan nor utfall but a budget. S is strukturinriktad.
        #expect(lines(published.table("volym")) == ["a: 10 | 4 | 40 %", "b: – | 6 | –"])
        // A's H1: own budget 100 000, utfall half the year's 210 000 (no H1 figure); per planned deltagare the
        // year's 220 000 / 10; per actual 105 000 / 4. B: half of 90 000, per deltagare 45 000 / 6 = 7 500.
        #expect(
            lines(published.table("ekonomi")) == [
                "a: 100\u{A0}000 kr | 105\u{A0}000 kr | 105 % | 22\u{A0}000 kr | 26\u{A0}250 kr",
                "b: 45\u{A0}000 kr | – | – | – | 7\u{A0}500 kr",
            ])
        #expect(
            published.table("ekonomi")?.note?.contains("för Insats A och Insats B är halvårets belopp halva årets") == true,
            "\(published.table("ekonomi")?.note ?? "")")
        #expect(
            lines(published.table("ekonomi-forbund")) == [
                "tilldelade-medel: 900\u{A0}000 kr | för hela 2023",
                "administration-budget: 40\u{A0}000 kr | halva årets belopp",
                "administration-utfall: 30\u{A0}000 kr | 75 % av budget",
                // Utrymme 2023: 900 000 − (100 000 + 120 000 + 90 000 + 50 000) − 80 000 (issue #27 item 4).
                "utrymme: 460\u{A0}000 kr | tilldelade medel − beslutade insatser − administration",
                "eget-kapital: 720\u{A0}000 kr | över den högsta nivån 700\u{A0}000 kr",
            ])
        #expect(published.table("ekonomi-forbund")?.rows.last?.label == "Eget kapital 2023-06-30")
        // Kr per deltagare is hidden with the count it divides by.
        let protected = try PublishedReport(report, protection: SmallCellProtection())
        #expect(lines(protected.table("volym")).first == "a: 10 | <5 | ..")
        #expect(protected.table("ekonomi")?.rows.first?.cells.last?.text == "..")
    }

    @Test func theUppfoljningExportHasEveryColumn() throws {
        let export = UppfoljningExport.make(dataset: try dataset(), register: try register(), year: 2023)
        // A over the year, each once: H1's pågående are in H2 again, so 2 män (H1) + 3 kvinnor, 1 annat (H2).
        // Budget 100 000 + 120 000, utfall the year's, administration utfall 30 000 + 45 000, eget kapital at
        // 2023-12-31; the insats that ended 2021 is left out; S's totalt waits for aktiviteter.
        let expected =
            "\u{FEFF}niva;id;namn;inriktning;malgrupp;budget;utfall;budgeterat_antal;kvinnor;man;annat;totalt;tilldelade_medel;"
            + "administration_budget;administration_utfall;eget_kapital\r\n"
            + "forbund;f;Förbundet F;;;;;;;;;;900000;80000;75000;650000\r\n"
            + "insats;a;Insats A;Arbete;Unga;220000;210000;10;3;2;1;6;;;;\r\n"
            + "insats;b;Insats B;;;90000;;;6;0;0;6;;;;\r\n"
            + "insats;s;Struktur S;\"Samverkan; nätverk\";;50000;;;;;;;;;;\r\n"
        #expect(String(decoding: export.csv(), as: UTF8.self) == expected)
        #expect(UppfoljningExport.header.count == 16)
        // A strukturinriktad insats's totalt is the year's deltagande from its aktiviteter: 25 + 15 in its two halvår
        // (the konferens without deltagande adds none).
        let aktiviteter =
            "forbund;insats;period;aktivitet;tillfallen;deltagande\nf;s;2023H1;utbildning;2;25\nf;s;2023H2;natverksmote;3;15\n"
            + "f;s;2023H2;konferens;1;\n"
        let withAktiviteter = UppfoljningExport.make(dataset: try dataset(aktiviteter: aktiviteter), register: try register(), year: 2023)
        #expect(withAktiviteter.rows.last?.totalt == 40)
        let json = try JSONSerialization.jsonObject(with: Data(export.json().utf8)) as! [String: Any]
        #expect(json["oskyddad"] as? Bool == true)
        #expect(json["ar"] as? Int == 2023)
        let rows = json["rader"] as! [[String: Any]]
        #expect(rows.count == 4)
        #expect(Set(rows[1].keys) == Set(UppfoljningExport.header))
        #expect(rows[1]["kvinnor"] as? Int == 3 && rows[1]["totalt"] as? Int == 6 && rows[0]["eget_kapital"] as? Int == 650000)
    }
}
