import FinsamTestSupport
import Foundation
import Testing

/// The command line of issue #27's goal language and comparisons: a report over a run of periods,
/// `aggregate --by ny`, `template indikatorsvar --enkat`, `aggregate --goals`.
@Suite struct PlanFollowUpCommandTests {
    static let deltagare = """
        forbund;insats;period;kon;aldersgrupp;ny;status;avslutsorsak;antal
        f;A;2022H2;man;30-39;ja;pagaende;;4
        f;B;2022H2;kvinna;25-29;ja;pagaende;;5
        f;A;2023H1;kvinna;20-24;ja;avslutad;arbete;3
        f;A;2023H1;kvinna;40-49;nej;avslutad;sjukdom;2
        f;A;2023H1;man;16-19;ja;avslutad;studier;1
        f;A;2023H1;man;30-39;nej;avslutad;avbrott;4
        f;B;2023H1;kvinna;25-29;ja;pagaende;;5
        f;B;2023H1;man;50-59;ja;avslutad;arbetssokande;2
        f;B;2023H1;annat;;ja;pagaende;;1
        f;A;2023H2;kvinna;20-24;nej;avslutad;arbete;2
        f;B;2023H2;kvinna;25-29;nej;pagaende;;5
        f;B;2023H2;man;60-64;ja;pagaende;;3

        """

    static func folder() throws -> URL {
        let folder = try TemporaryFolder.make()
        try Data(deltagare.utf8).write(to: folder.appendingPathComponent("d.csv"))
        return folder
    }

    @Test func aReportOverARunOfPeriodsNamesTheRunAndCountsEachDeltagareOnce() throws {
        let folder = try Self.folder()
        let md = try FinsamProcess.run(["report", "--period", "2022H2..2023H2", "--unsuppressed", "d.csv"], in: folder)
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.hasPrefix("# Rapport juli 2022–december 2023 — f\n"))
        let json = try FinsamProcess.run(["report", "--period", "2022H2..2023H2", "--format", "json", "--unsuppressed", "d.csv"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["period"] as? String == "2022H2..2023H2")
        // A run backwards, and the Uppföljning export (a year's) over a run, are usage errors.
        let backwards = try FinsamProcess.run(["report", "--period", "2023H2..2022H2", "d.csv"], in: folder)
        #expect(backwards.status == 2 && backwards.stderr.contains("flera i följd som 2022H2..2023H2 (den första först), fann \"2023H2..2022H2\""))
        let export = try FinsamProcess.run(["report", "--period", "2022..2023", "--format", "uppfoljning", "d.csv"], in: folder)
        #expect(export.status == 2)
    }

    @Test func aggregateGroupsByNy() throws {
        let folder = try Self.folder()
        try Data((Self.deltagare + "f;B;2023H2;man;60-64;;pagaende;;1\n").utf8).write(to: folder.appendingPathComponent("d.csv"))
        let result = try FinsamProcess.run(["aggregate", "--by", "ny,status", "d.csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        // ja: avslutade 3 + 1 + 2 = 6, pågående 4 + 5 + 5 + 1 + 3 = 18; nej: avslutade 2 + 4 + 2 = 8, pågående 5;
        // the row without ny last, as NULL.
        #expect(result.stdout == "ny,status,antal\nja,avslutad,6\nja,pagaende,18\nnej,avslutad,8\nnej,pagaende,5\n,pagaende,1\n")
    }

    @Test func theIndikatorsvarTemplateForOneEnkatHasOnlyItsQuestions() throws {
        let personal = try FinsamProcess.run(["template", "indikatorsvar", "--enkat", "personal"])
        #expect(personal.status == 0, "\(personal.stderr)")
        // The staff survey asks medskapare, helhetssyn, trygghet and jämställdhet (DOMAIN §7), nothing of the deltagare's.
        #expect(personal.stdout == "\u{FEFF}forbund;insats;period;enkat;kon;aldersgrupp;medskapare;helhetssyn;trygghet;jamstalldhet\r\n")
        // A respondent group means its enkäter: the two deltagar-enkäter ask the nine deltagar questions.
        let deltagare = try FinsamProcess.run(["template", "indikatorsvar", "--enkat", "deltagare"])
        #expect(deltagare.stdout.split(separator: ";").count == 6 + 9)
        let chefer = try FinsamProcess.run(["template", "indikatorsvar", "--enkat", "Chefer,styrelse"])
        #expect(chefer.stdout.hasSuffix(";aldersgrupp;helhetssyn;jamstalldhet;styrning\r\n"))
        let unknown = try FinsamProcess.run(["template", "indikatorsvar", "--enkat", "personalen"])
        #expect(unknown.status == 2 && unknown.stderr.contains("fann \"personalen\""))
        #expect(try FinsamProcess.run(["template", "deltagare", "--enkat", "personal"]).status == 2)
    }

    @Test func aggregateGoalsOverSampleDatasFiveForbundGivesOneRowPerForbundAndGoal() throws {
        let sample = Repository.path("SampleData")
        let result = try FinsamProcess.run(["aggregate", "--goals", sample, "--register", sample, "--by", "forbund", sample])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "forbund,period,id,kind,target,numerator,denominator,value,ci_low,ci_high,verdict")
        // 6 + 5 + 11 + 7 + 4 goals in the five goal files; Blekinge's names and ids grouped as one by its register,
        // Malmö's 25–30 bands read with its own dimensioner.json.
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 33)
        #expect(Set(rows.map { $0[0] + "/" + $0[2] }).count == 33)
        #expect(Set(rows.map { $0[0] }).count == 5)
        // READY's elever in 2015H2 (the goal's own period): the READY rows' antal add up to 22, within 20–25.
        #expect(lines.contains("skelleftea,2015H2,ready-elever,count,20–25,22,,22,,,uppfyllt"))
        // Aktiv uppföljning's "minst 20 personer" is the year's (issue #27 item 15): 2015H1's avslutade 13 and 2015H2's
        // 24 (H1's pågående are in H2's file again): 37.
        #expect(lines.contains("skelleftea,2015,aktiv-uppfoljning,count,minst 20,37,,37,,,uppfyllt"))
        // Coverage (#27 item 6), with each förbund's register: Gävleborg's Trisam-teams in 8 of its 10 kommuner,
        // Blekinge's lokala samverkansgrupper with at least four samverkansmöten in 4 of 5; Gotland's dialogmöten 3 + 4.
        #expect(lines.contains("gavleborg,2017,trisam-team-samtliga-kommuner,count,samtliga,8,,8,,,ej-uppfyllt"))
        #expect(
            lines.contains(
                #"blekinge,2023,lokala-samverkansgrupper,count,"samtliga, minst 4 tillfällen var",4,,4,,,ej-uppfyllt"#))
        #expect(lines.contains("gotland,2021,atta-dialogmoten,count,minst 8,7,,7,,,ej-uppfyllt"))
    }

    /// Trial 2026-12-06, item 10: the counts and the goals of one run name each förbund alike — by the register's
    /// id where a register names it, as README says `--register` groups them; else as the files name it (Malmö
    /// has no register) — so that the two tables join on `forbund`.
    @Test func theCountsAndTheGoalsOfOneRunNameEachForbundAlike() throws {
        let sample = Repository.path("SampleData")
        let counts = try FinsamProcess.run(["aggregate", "--kind", "deltagare", "--by", "forbund,aldersgrupp", "--register", sample, sample])
        let goals = try FinsamProcess.run(["aggregate", "--goals", sample, "--register", sample, "--by", "forbund,period", sample])
        #expect(counts.status == 0 && goals.status == 0, "\(counts.stderr)\(goals.stderr)")
        func forbund(_ csv: String) -> Set<String> {
            Set(csv.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) })
        }
        #expect(forbund(counts.stdout) == ["Finsam i Malmö", "blekinge", "gavleborg", "gotland", "skelleftea"])
        #expect(forbund(goals.stdout) == forbund(counts.stdout))
    }

    @Test func aggregateGoalsPerPeriodWithAGoalFileForOneForbund() throws {
        let folder = try Self.folder()
        let goals =
            #"{"version": 2, "forbund": "f", "goals": [{"id": "fler", "title": "Fler deltagare", "target": 0, "measure": {"type": "change", "baseline": "2022H2", "of": {"type": "count", "of": "alla"}}}, {"id": "steg", "title": "Steg", "target": 0.5, "measure": {"type": "exitShare"}}]}"#
        try Data(goals.utf8).write(to: folder.appendingPathComponent("mal.json"))
        let result = try FinsamProcess.run(["aggregate", "--goals", "mal.json", "--by", "forbund,period", "d.csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).prefix(8).joined(separator: ",")
        }
        // Alla per halvår: 2022H2 4 + 5 = 9; 2023H1 3+2+1+4+5+2+1 = 18; 2023H2 2 + 5 + 3 = 10. Against 2022H2's 9: 0, +9, +1.
        // Stegförflyttning: 2023H1 arbete 3, studier 1, arbetssökande 2 of 12 avslutade; 2023H2 arbete 2 of 2.
        #expect(
            rows == [
                "f,2022H2,fler,countChange,ska öka,9,,0", "f,2022H2,steg,share,minst 50 %,0,0,",
                "f,2023H1,fler,countChange,ska öka,18,,9", "f,2023H1,steg,share,minst 50 %,6,12,0.5",
                "f,2023H2,fler,countChange,ska öka,10,,1", "f,2023H2,steg,share,minst 50 %,2,2,1.0",
            ])
        let unknown = try FinsamProcess.run(["aggregate", "--goals", "mal.json", "--by", "forbund,avslutsorsak", "d.csv"], in: folder)
        #expect(unknown.status == 2 && unknown.stderr.contains("väntade forbund, period, insats eller kon, fann \"avslutsorsak\""))
    }

    @Test func oneRunOverForbundWithDifferentAgeBandsCountsThemInTheCommonBands() throws {
        let folder = try TemporaryFolder.make()
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        for sub in [a, b] { try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true) }
        try Data(
            "forbund;insats;period;kon;aldersgrupp;status;antal\na;X;2023H1;man;25-29;pagaende;2\na;X;2023H1;man;30-39;pagaende;3\na;X;2023H1;kvinna;16-19;pagaende;1\n"
                .utf8
        ).write(to: a.appendingPathComponent("d.csv"))
        // b uses Malmö's bands (16–19, 20–24, 25–30, 31–39 …) from its own folder's dimensioner.json.
        try FileManager.default.copyItem(
            atPath: Repository.sample("malmo/dimensioner.json"), toPath: b.appendingPathComponent("dimensioner.json").path)
        try Data(
            "forbund;insats;period;kon;aldersgrupp;status;antal\nb;Y;2023H1;man;25-30;pagaende;4\nb;Y;2023H1;kvinna;31-39;pagaende;1\nb;Y;2023H1;man;60-64;pagaende;2\n"
                .utf8
        )
        .write(to: b.appendingPathComponent("d.csv"))
        let result = try FinsamProcess.run(["aggregate", "--by", "forbund,aldersgrupp", "."], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        // The bounds both catalogues have: 16, 20, 25, 40, 50, 60. a: 25–29 (2) + 30–39 (3) = 5; b: 25–30 (4) + 31–39 (1) = 5.
        #expect(result.stdout == "forbund,aldersgrupp,antal\na,16-19,1\na,25-39,5\nb,25-39,5\nb,60-64,2\n")
    }

    @Test func severalRegistersUnifyEachForbundsNamesAndIds() throws {
        let sample = Repository.path("SampleData")
        // SampleData/ holds all five förbund: Malmö's bands no longer stop the run. With the registers of its
        // folder, Blekinge's names and ids are one förbund (173 + 328 = 501, as with its register alone).
        let plain = try FinsamProcess.run(["aggregate", "--kind", "deltagare", "--by", "forbund", sample])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("\nSamordningsförbundet i Blekinge,173\n") && plain.stdout.contains("\nblekinge,328\n"))
        let registers = try FinsamProcess.run(["aggregate", "--kind", "deltagare", "--by", "forbund", "--register", sample, sample])
        #expect(registers.status == 0, "\(registers.stderr)")
        #expect(registers.stdout.contains("\nblekinge,501\n") && !registers.stdout.contains("Samordningsförbundet i Blekinge"))
        let two = try FinsamProcess.run(
            [
                "aggregate", "--kind", "deltagare", "--by", "forbund", "--register",
                sample + "/forbund-blekinge.json," + sample + "/gotland/forbund.json",
            ]
                + Repository.sampleCSVs.filter { $0.hasSuffix(".csv") && $0.contains("deltagare") } + [sample + "/gotland"])
        #expect(two.stdout.hasPrefix("forbund,antal\nblekinge,501\ngotland,"))
    }

    @Test func statusShowsTheKanslisOwnDeadlinesBesideTheFiles() throws {
        let folder = try Self.folder()
        let register = """
            {"version": 2, "id": "f", "namn": "F", "insatser": [{"id": "A", "namn": "A", "typ": "individ", "forstaHalvar": "2022H2"},
             {"id": "B", "namn": "B", "typ": "individ", "forstaHalvar": "2022H2"}],
             "kansliet": [{"typ": "arsredovisning", "avser": "2023", "senast": "2024-02-28"},
                          {"typ": "verksamhetsplan", "avser": "2024", "senast": "2023-11-30", "klar": "2023-12-04"}]}
            """
        try Data(register.utf8).write(to: folder.appendingPathComponent("forbund.json"))
        let now = ["FINSAM_NOW": "2024-03-05T09:00:00Z"]
        let submit = try FinsamProcess.run(["submit", "--store", "arkiv", "--register", "forbund.json", "d.csv"], in: folder, environment: now)
        #expect(submit.status == 0, "\(submit.stderr)")
        let status = try FinsamProcess.run(
            ["status", "--store", "arkiv", "--register", "forbund.json", "--period", "2023H2"], in: folder, environment: now)
        #expect(status.status == 0, "\(status.stderr)")
        // The årsredovisning 2023 is 6 days past 2024-02-28 (29 February between); the plan came 4 days late.
        #expect(
            status.stdout.hasSuffix(
                "\nKansliets egna uppgifter\n  Årsredovisning helåret 2023, sista dag 2024-02-28: SAKNAS, 6 dagar efter sista dagen\n"
                    + "  Verksamhetsplan helåret 2024, sista dag 2023-11-30: KLAR SENT, 4 dagar efter sista dagen (2023-12-04)\n"))
        let json = try FinsamProcess.run(
            ["status", "--store", "arkiv", "--register", "forbund.json", "--period", "2023H2", "--format", "json"], in: folder, environment: now)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let kansliet = try #require(object["kansliet"] as? [[String: Any]])
        #expect(kansliet.map { $0["state"] as? String } == ["saknas", "sen"])
        #expect(kansliet.first?["daysLate"] as? Int == 6 && kansliet.last?["klar"] as? String == "2023-12-04")
    }
}
