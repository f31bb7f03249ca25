import Foundation
import Testing

@testable import FinsamKit

/// The förbund's economy through the year and the kansli's own deadlines (issue #27 items 4 and 5), against
/// figures worked out by hand from the register below.
@Suite struct EkonomiUppfoljningTests {
    static let register = """
        {"version": 2, "id": "f", "namn": "Förbundet F",
         "insatser": [
           {"id": "a", "namn": "Insats A", "typ": "individ", "forstaHalvar": "2022H1", "budget": {"2023H1": 100000, "2023H2": 120000}},
           {"id": "b", "namn": "Insats B", "typ": "individ", "forstaHalvar": "2022H1", "budget": {"2023": 90000}},
           {"id": "s", "namn": "Struktur S", "typ": "struktur", "forstaHalvar": "2023H1", "budget": {"2023": 50000}}
         ],
         "tilldeladeMedel": {"2023": 900000},
         "administration": {"budget": {"2023": 80000}},
         "ekonomiUppfoljning": {"2023-03-31": {"utfall": 100000, "prognos": 430000}, "2023-09-30": {"utfall": 300000, "prognos": 450000}},
         "kansliet": [
           {"typ": "delarsrapport", "avser": "2023H1", "senast": "2023-08-31", "klar": "2023-09-04"},
           {"typ": "arsredovisning", "avser": "2023", "senast": "2024-02-28"},
           {"typ": "verksamhetsplan", "avser": "2024", "senast": "2023-11-30", "klar": "2023-11-20"}
         ]}
        """

    func register() throws -> Register {
        let register = try JSONFile.decode(Register.self, from: Data(Self.register.utf8), name: "forbund.json")
        #expect(register.problems(file: "forbund.json").isEmpty)
        return register
    }

    @Test func theYearsFollowUpGivesForbrukningBudgetramBalansAndUtrymme() throws {
        let register = try register()
        // Beslutade insatser 2023: A 100 000 + 120 000, B 90 000, S 50 000 = 360 000; with administration 80 000 the
        // budgetram is 440 000; utrymme = 900 000 − 360 000 − 80 000 = 460 000.
        #expect(register.beslutadeInsatser(2023) == 360_000 && register.budgetram(2023) == 440_000 && register.utrymme(2023) == 460_000)
        // H1 ends 2023-06-30: the follow-up of 2023-03-31, 100 000 of 440 000 = 22.7 % förbrukat; prognos 430 000 is
        // inom budgetram (≤ 440 000) and i balans (≤ 900 000).
        let h1 = try #require(HalvarsRapport.forbundEkonomi(register, period: Period("2023H1")!))
        #expect(h1.uppfoljning?.datum.description == "2023-03-31" && h1.forbrukning == Share(100_000, of: 440_000))
        #expect(h1.prognostiseratResultat == 470_000)
        #expect(h1.inomBudgetram == true && h1.iBalans == true)
        // H2: 2023-09-30, 300 000 of 440 000 = 68 %; prognos 450 000 is over the budgetram, still i balans.
        let h2 = try #require(HalvarsRapport.forbundEkonomi(register, period: Period("2023H2")!))
        #expect(h2.forbrukning?.percent == 68 && h2.inomBudgetram == false && h2.iBalans == true)
        // As the report prints it: kronor, no count of people.
        let (dataset, problems) = Dataset.load(
            [.bytes(Array("forbund;insats;period;kon;status;avslutsorsak;antal\nf;a;2023H2;kvinna;pagaende;;6\n".utf8), name: "d.csv")],
            catalogues: .builtIn, register: register)
        #expect(problems.isEmpty)
        let report = try HalvarsRapport.make(dataset: dataset, period: Period("2023H2")!, forbund: nil, goals: nil, sources: [])
        let rows = try PublishedReport(report, protection: SmallCellProtection()).table("ekonomi-forbund")?.rows ?? []
        let text = rows.map { "\($0.label): " + $0.cells.map(\.text).joined(separator: " | ").replacingOccurrences(of: "\u{A0}", with: " ") }
        #expect(text.contains("Utrymme att fördela 2023: 460 000 kr | tilldelade medel − beslutade insatser − administration"))
        #expect(text.contains("Utfall per 2023-09-30: 300 000 kr | 68 % av budgetramen 440 000 kr förbrukat"))
        // Prognostiserat resultat: tilldelade medel 900 000 − 450 000 = 450 000.
        #expect(
            text.contains("Prognos för 2023, per 2023-09-30: 450 000 kr | ✗ över budgetramen, ✓ budget i balans, prognostiserat resultat 450 000 kr"))
    }

    @Test func theKanslisOwnDeadlinesAreDoneOnTimeLateMissingOrToCome() throws {
        let register = try register()
        let uppgifter = try #require(register.kansliet)
        let today = try #require(CalendarDay("2024-03-05"))
        // Delårsrapport: done 4 days after 2023-08-31; årsredovisning: 6 days past 2024-02-28 (a leap year's 29th
        // between); verksamhetsplan: done 10 days early.
        #expect(uppgifter[0].state(today: today) == (.sen, 4))
        #expect(uppgifter[1].state(today: today) == (.saknas, 6))
        #expect(uppgifter[2].state(today: today) == (.iTid, nil))
        #expect(uppgifter[1].state(today: CalendarDay("2024-02-01")!) == (nil, nil))
        // 2023H2 concerns the delårsrapport due in it (2023-08-31), the årsredovisning of 2023 and the plan due
        // 2023-11-30; 2023H1 the delårsrapport and the årsredovisning it is part of.
        #expect(uppgifter.map { $0.concerns(Period("2023H2")!) } == [true, true, true])
        #expect(uppgifter.map { $0.concerns(Period("2023H1")!) } == [true, true, false])
        let wrong = Self.register.replacingOccurrences(of: #""senast": "2024-02-28""#, with: #""senast": "2024-02-30""#)
        let bad = try JSONFile.decode(Register.self, from: Data(wrong.utf8), name: "forbund.json")
        #expect(bad.problems(file: "forbund.json").map(\.message) == [#"kansliet[1].senast: väntade ett datum som "2024-02-15", fann "2024-02-30""#])
    }
}
