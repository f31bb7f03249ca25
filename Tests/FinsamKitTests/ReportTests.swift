import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

@Suite struct ReportTests {
    static let deltagare = """
        forbund;insats;period;kon;ny;status;avslutsorsak;antal
        blekinge;kt-ronneby;2023H1;kvinna;ja;pagaende;;4
        blekinge;kt-ronneby;2023H1;man;nej;pagaende;;3
        blekinge;kt-ronneby;2023H1;kvinna;ja;avslutad;arbete;2
        blekinge;kt-ronneby;2023H1;man;nej;avslutad;flyttat;1
        blekinge;kt-ronneby;2023H1;annat;ja;avslutad;studier;1
        blekinge;kt-ronneby;2023H1;man;ja;avslutad;felregistrering;2
        blekinge;kt-ronneby;2023H2;kvinna;nej;pagaende;;3
        blekinge;kt-ronneby;2023H2;kvinna;nej;avslutad;sjukdom;1
        blekinge;kt-ronneby;2023H2;man;ja;pagaende;;5
        blekinge;kt-ronneby;2023H2;man;nej;avslutad;arbete;1
        """
    static let forms = """
        forbund;insats;period;enkat;kon;stod;redo
        blekinge;kt-ronneby;2023H1;deltagare-avslut;kvinna;4;3
        blekinge;kt-ronneby;2023H1;deltagare-avslut;man;2;vet ej
        blekinge;kt-ronneby;2023H1;deltagare-pagaende;man;3;
        blekinge;kt-ronneby;2023H1;deltagare-pagaende;kvinna;ej aktuellt;
        """

    func report(_ period: String) throws -> HalvarsRapport {
        let (dataset, found) = Dataset.load(
            [.bytes(Array(Self.deltagare.utf8), name: "d.csv"), .bytes(Array(Self.forms.utf8), name: "i.csv")],
            catalogues: .builtIn, register: Repository.blekinge)
        #expect(found.isEmpty)
        return try HalvarsRapport.make(
            dataset: dataset, period: Period(period)!, forbund: nil, goals: Repository.blekingeGoals, sources: ["d.csv", "i.csv"])
    }

    @Test func countsDeltagareByStatusAndKonLeavingFelregistreringarOut() throws {
        let r = try report("2023H1")
        #expect(r.deltagare.nya?.counts == [6, 0, 1])
        #expect(r.deltagare.pagaende.counts == [4, 3, 0])
        #expect(r.deltagare.avslutade.counts == [2, 1, 1])
        #expect(r.deltagare.totalt.counts == [6, 4, 1])
        #expect(r.felregistreringar == 2)
        #expect(r.forbundNamn == "Samordningsförbundet i Blekinge")
    }

    @Test func foldsAHelarWithoutCountingAnyoneTwice() throws {
        let r = try report("2023")
        // H1's pågående (4 + 3) are in H2's file again; avslutade of both halvår add up; nya from both.
        #expect(r.deltagare.pagaende.counts == [3, 5, 0])
        #expect(r.deltagare.avslutade.counts == [3, 2, 1])
        #expect(r.deltagare.nya?.counts == [6, 5, 1])
        #expect(r.deltagare.totalt.total == 14)
    }

    /// A helår is compared with the previous year only when the data holds both its halvår: half a year
    /// would otherwise pass for a whole one. A halvår is compared with the one before and a year earlier.
    @Test func comparesWithWholePeriodsOnly() throws {
        let lastYear = Self.deltagare.replacingOccurrences(of: ";2023H", with: ";2022H")
        let thisYear = Self.deltagare.split(separator: "\n").filter { $0.contains(";2023H1;") }.joined(separator: "\n")
        func report(_ period: String, _ csv: String) throws -> HalvarsRapport {
            let (dataset, found) = Dataset.load([.bytes(Array(csv.utf8), name: "d.csv")], catalogues: .builtIn, register: Repository.blekinge)
            #expect(found.isEmpty)
            return try HalvarsRapport.make(dataset: dataset, period: Period(period)!, forbund: nil, goals: Repository.blekingeGoals, sources: [])
        }
        let year = try report("2023", lastYear + "\n" + thisYear)
        #expect(year.kind == "Årsrapport")
        let previous = try #require(year.previous)
        #expect(previous.period == Period("2022"))
        // 2022: avslutade 2 + 1 + 1 in H1 (felregistreringar left out), 1 + 1 in H2; H2's pågående 3 + 5.
        #expect(previous.avslutade == 6 && previous.deltagare == 14)
        // Stegförflyttning: arbete 2, studier 1 and arbete 1 of 5 (flyttat is outside the denominator).
        #expect(previous.goals[0].share == Share(4, of: 5))
        #expect(year.yearEarlier == nil)
        let columns = try #require(PublishedReport(year, protection: nil).table("mal")?.columns)
        #expect(columns.suffix(2) == ["Bedömning", "Mot föregående år"])

        let withoutH1 = lastYear.split(separator: "\n").filter { !$0.contains(";2022H1;") }.joined(separator: "\n")
        #expect(try report("2023", withoutH1 + "\n" + thisYear).previous == nil)

        let half = try report("2023H1", lastYear + "\n" + thisYear)
        #expect(half.kind == "Halvårsrapport")
        #expect(half.previous?.period == Period("2022H2") && half.previous?.avslutade == 2)
        #expect(half.yearEarlier?.period == Period("2022H1") && half.yearEarlier?.avslutade == 4)
    }

    @Test func tabulatesAvslutsorsakerPerKon() throws {
        let r = try report("2023H1")
        let rows = Dictionary(uniqueKeysWithValues: r.avslutsorsaker.map { ($0.orsak.code, $0.antal.counts) })
        #expect(rows["arbete"] == [2, 0, 0])
        #expect(rows["flyttat"] == [0, 1, 0])
        #expect(rows["studier"] == [0, 0, 1])
        #expect(rows["felregistrering"] == nil)
        #expect(r.avslutsorsaker.count == 11)
    }

    @Test func tabulatesEachIndicatorQuestion() throws {
        let r = try report("2023H1")
        let stod = try #require(r.indikatorer.first { $0.question.id == "stod" })
        #expect(stod.positive == Share(2, of: 3))
        #expect(stod.meanTenths == 30)  // (4 + 2 + 3) / 3
        #expect(stod.distribution.map(\.count) == [1, 1, 1, 0])  // values 4, 3, 2, 1
        #expect(stod.ejAktuellt == 1)
        let redo = try #require(r.indikatorer.first { $0.question.id == "redo" })
        #expect(redo.positive == Share(1, of: 1))
        #expect(redo.vetEj == 1)
        #expect(redo.unanswered == 0)  // only avslut forms are asked about redo
        let behov = try #require(r.indikatorer.first { $0.question.id == "behov" })
        #expect(behov.unanswered == 4)
    }

    @Test func computesKostnadFromTheRegisterBudget() throws {
        let r = try report("2023H1")
        let ronneby = try #require(r.kostnader.first { $0.insats == "kt-ronneby" })
        // Half of 870 000 kr; 11 deltagare; stegförflyttningar: arbete 2 + studier 1.
        #expect(ronneby.budget == 435_000)
        #expect(ronneby.deltagare == 11)
        #expect(ronneby.stegforflyttningar == 3)
        #expect(ronneby.perDeltagare == 39_545)  // 39 545.45
        #expect(ronneby.perStegforflyttning == 145_000)
        #expect(r.kostnader.map(\.insats) == ["kt-karlskrona", "kt-karlshamn", "kt-ronneby", "kt-olofstrom", "kt-solvesborg", "unga-vidare"])
    }

    @Test func writesGoalsInEveryFormat() throws {
        let r = try report("2023H1")
        // Goal 1: arbete 2 + studier 1 of (2 + 1) — flyttat out → 3 of 3, n < 5.
        #expect(r.goals[0].overall.share == Share(3, of: 3))
        #expect(r.goals[0].overall.verdict == .forFaSvar)
        let published = try PublishedReport(r, protection: nil)
        let markdown = MarkdownReportWriter.write(published)
        #expect(
            markdown.contains(
                "| 80 % av deltagarna har gjort stegförflyttning mot arbetsmarknaden | minst 80 % | Alla deltagare, januari–juni 2023 | för få svar | 3 av 3 | – | för få svar | – | – |"
            ))
        #expect(markdown.contains("| Avslutade under perioden | 2 | 1 | 1 | 4 |"))
        #expect(markdown.contains("**OSKYDDAD"))
        let csv = CSVReportWriter.write(published)
        #expect(csv.hasPrefix("\u{FEFF}tabell;rad;kolumn;varde;visas\r\n"))
        #expect(csv.contains("mal;stegforflyttning;antal;3;3 av 3\r\n"))
        #expect(csv.contains("mal;stegforflyttning;bedomning;;för få svar\r\n"))
        #expect(csv.contains("deltagare;avslutade;totalt;4;4\r\n"))
        #expect(csv.contains("indikatorer;stod;andel-positiva;0,666667;67 %\r\n"))
        let json = try JSONSerialization.jsonObject(with: Data(JSONReportWriter.write(published).utf8)) as! [String: Any]
        let goal = (json["goals"] as! [[String: Any]])[1]
        // Goal 2 (stöd och inflytande, all of stod + inflytande): 4 → +, 2 → −, 3 → +; the ej aktuellt form is not answered.
        #expect(goal["numerator"] as? Int == 2)
        #expect(goal["denominator"] as? Int == 3)
        #expect(goal["verdict"] as? String == "for-fa-svar")
        #expect(abs((goal["value"] as! Double) - 2.0 / 3.0) < 1e-12)
        // Protected, the same goal's counts (2 and 3, both below 5) are hidden in every format.
        let protected = try PublishedReport(r, protection: SmallCellProtection())
        let hidden = try JSONSerialization.jsonObject(with: Data(JSONReportWriter.write(protected).utf8)) as! [String: Any]
        let hiddenGoal = (hidden["goals"] as! [[String: Any]])[1]
        #expect(hiddenGoal["numerator"] is NSNull)
        #expect(hiddenGoal["suppressed"] as? Bool == true)
        // Avslutade 2, 1, 1 of 4: every count hidden, and the small total of small parts shown as "..", since
        // "<5" of it would tell that each part is at most 3.
        let protectedCSV = CSVReportWriter.write(protected)
        for kon in ["kvinna", "man", "annat"] {
            #expect(protectedCSV.contains("deltagare;avslutade;\(kon);;<5\r\n") || protectedCSV.contains("deltagare;avslutade;\(kon);;..\r\n"))
        }
        #expect(protectedCSV.contains("deltagare;avslutade;totalt;;..\r\n"))
        #expect(MarkdownReportWriter.write(protected).contains("| Avslutade under perioden |"))
        let avslutade = try #require(protected.table("deltagare")?.rows.first { $0.key == "avslutade" })
        #expect(avslutade.cells.allSatisfy { $0.suppressed })
    }

    @Test func refusesAnAmbiguousOrEmptySelection() throws {
        let two = "forbund;insats;period;kon;status\na;x;2023H1;man;pagaende\nb;x;2023H1;man;pagaende\n"
        let (dataset, _) = load(two)
        func message(_ period: String, _ forbund: String?, from dataset: Dataset) -> String? {
            do {
                _ = try HalvarsRapport.make(dataset: dataset, period: Period(period)!, forbund: forbund, goals: nil, sources: [])
                return nil
            } catch { return error.description }
        }
        #expect(
            message("2023H1", nil, from: dataset)
                == "underlaget har flera förbund (a eller b): välj ett med --forbund, eller ge --register forbund.json om det är samma förbunds namn och id"
        )
        let a = try HalvarsRapport.make(dataset: dataset, period: Period("2023H1")!, forbund: "A", goals: nil, sources: [])
        #expect(a.deltagare.totalt.total == 1)
        #expect(message("2024H1", "a", from: dataset) == "underlaget har inga deltagare eller formulär för a 2024H1")
        #expect(
            message("2024H1", nil, from: load("forbund;insats;period;kon;status\na;x;2023H1;man;pagaende\n").0)
                == "underlaget har inga deltagare eller formulär för a 2024H1")
        #expect(
            message("2023H1", nil, from: Dataset.load([], catalogues: .builtIn, register: nil).0)
                == "underlaget har inga deltagare eller formulär för 2023H1")
    }

    @Test(arguments: [
        ("Arbete med stöd (lönebidrag, nystartsjobb m.m.)", "Arbete med stöd"),
        ("Avbrutet: på egen begäran / uteblivit, utan plan", "Avbrutet: på egen begäran…"),
        ("Vidare till annan insats eller rehabilitering", "Vidare till annan insats eller…"),
        ("Avliden", "Avliden"),
    ])
    func chartLabelsDropTheExplanationAndCutAtAWord(label: String, expected: String) {
        #expect(HTMLReportWriter.chartLabel(label) == expected)
    }
}
