import FinsamTestSupport
import Foundation
import Testing

/// Comparison across förbund and periods (issue #27 item 13 and what a fresh-clone user found):
/// `report --benchmark`, `aggregate --goals --by forbund,period` for goals with a period of their own, and the
/// comparison columns of a report over a run of periods. Figures counted by hand from SampleData's files.
@Suite struct PlanComparisonCommandTests {
    static let blekinge = [
        "report", "--period", "2023H2", "--goals", "SampleData/mal-blekinge.json", "--register", "SampleData/forbund-blekinge.json",
    ]
    static var blekingeFiles: [String] {
        ["deltagare-2022H2", "deltagare-2023H1", "deltagare-2023H2", "indikatorsvar-2022H2", "indikatorsvar-2023H1", "indikatorsvar-2023H2"]
            .map { "SampleData/\($0).csv" }
    }

    /// The goal table of a Markdown report: from its heading to the next.
    static func goalTable(_ markdown: String) -> String {
        let parts = markdown.components(separatedBy: "## ")
        return parts.first { $0.hasPrefix("Utfall per mål\n") } ?? ""
    }

    @Test func aBenchmarkColumnShowsBlekingesGoalsOverTheOtherFourForbundLeavingItsOwnFiguresAlone() throws {
        // All of SampleData as the benchmark, Blekinge's own files included: they are left out.
        let benchmark = ["--benchmark", "SampleData", "--benchmark-register", "SampleData", "--benchmark-period", "2010..2023"]
        let with = try FinsamProcess.run(Self.blekinge + benchmark + Self.blekingeFiles)
        #expect(with.status == 0, "\(with.stderr)")
        let without = try FinsamProcess.run(Self.blekinge + Self.blekingeFiles)
        let table = Self.goalTable(with.stdout)
        #expect(table.contains("| Mot samma halvår året innan | Jämförelse: 4 förbund |\n"))
        // Stegförflyttning (arbete, arbete med stöd, studier, arbetssökande, annan rehabilitering of the avslutade
        // but flyttat and avliden), counted by hand in the four förbund's deltagare files: Gotland 85 of 129,
        // Gävleborg 46 of 81, Malmö 54 of 79, Skellefteå-Norsjö 24 of 34: 209 of 323, 64.7 %.
        #expect(table.contains("| +2 p | +12 p | 65 % (209 av 323) |\n"))
        // No other förbund's register lists lokala samverkansgrupper: Blekinge's coverage goal has no figure to
        // compare with, rather than a pooled 0 of registers that have none to cover. Nor has Blekinge's own,
        // without its aktiviteter files: "inga uppgifter", not "0 av 5 … ✗ ej uppfyllt".
        #expect(table.contains("samverkansmöte, helåret 2023 | – | – | – | inga uppgifter | – | – | inga uppgifter |\n"))
        #expect(
            table.contains(
                "från 4 andra förbund (Finsam i Malmö, FinsamGotland, Samordningsförbund Gävleborg och Samordningsförbundet Skellefteå-Norsjö)"))
        // The report's own figures are unchanged: each goal row is the same up to the new column, and every other
        // table is byte for byte the same.
        let ownRows = Self.goalTable(without.stdout).split(separator: "\n").filter { $0.hasPrefix("| 80 %") || $0.hasPrefix("| 90 %") }
        #expect(ownRows.count == 2)
        for row in ownRows { #expect(table.contains(row + " ")) }
        let rest = { (text: String) in text.components(separatedBy: "## Utfall per mål och kön").last }
        #expect(rest(with.stdout) == rest(without.stdout))

        // One förbund, in JSON and CSV: Skellefteå-Norsjö's 2015, 10 of 13 avslutade in H1 and 14 of 21 in H2.
        let one = [
            "--benchmark", "SampleData/skelleftea", "--benchmark-register", "SampleData/skelleftea/forbund.json", "--benchmark-period", "2015",
        ]
        let json = try FinsamProcess.run(Self.blekinge + one + ["--format", "json"] + Self.blekingeFiles)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let label = try #require(object["benchmark"] as? [String: Any])
        #expect(label["label"] as? String == "Jämförelse: Samordningsförbundet Skellefteå-Norsjö" && label["period"] as? String == "2015")
        let goals = try #require(object["goals"] as? [[String: Any]])
        let steg = try #require(goals.first?["benchmark"] as? [String: Any])
        #expect(steg["numerator"] as? Int == 24 && steg["denominator"] as? Int == 34 && steg["suppressed"] as? Bool == false)
        let csv = try FinsamProcess.run(Self.blekinge + one + ["--format", "csv"] + Self.blekingeFiles)
        #expect(csv.stdout.contains("mal;stegforflyttning;jamforelse;0,705882;71 % (24 av 34)\r\n"))
        // The report's own period, where no other förbund has data: no figure, said so.
        let none = try FinsamProcess.run(Self.blekinge + ["--benchmark", "SampleData", "--benchmark-register", "SampleData"] + Self.blekingeFiles)
        #expect(Self.goalTable(none.stdout).contains("| Jämförelse: inga förbund |"))
        #expect(Self.goalTable(none.stdout).contains("| +2 p | +12 p | inga uppgifter |"))
    }

    /// Trial 2026-12-06, item 9: the other förbund report aktiviteter, but never a styrelsemöte. Their pooled 0
    /// would read as "no board meetings": the column says "inga uppgifter", beside Blekinge's own 6.
    @Test func aBenchmarkOfAnAktivitetNoOtherForbundReportsHasNoFigure() throws {
        let benchmark = ["--benchmark", "SampleData", "--benchmark-register", "SampleData", "--benchmark-period", "2010..2023"]
        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.path("SampleData")).filter { $0.hasSuffix(".csv") }.sorted()
            .map { "SampleData/" + $0 }
        let result = try FinsamProcess.run(Self.blekinge + benchmark + files)
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require(Self.goalTable(result.stdout).split(separator: "\n").first { $0.hasPrefix("| Styrelsen genomför sex styrelsemöten") })
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(cells[3] == "6" && cells.last == "inga uppgifter", "\(row)")
        // The note under the table says why.
        #expect(Self.goalTable(result.stdout).contains("för tillfällen av en aktivitet: inget av dem har rapporterat den aktiviteten"))
    }

    @Test func aSmallBenchmarkCountIsHiddenInTheColumnLikeTheReportsOwn() throws {
        let folder = try TemporaryFolder.make()
        let other = folder.appendingPathComponent("grannar")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        // 3 of 10 avslutade with a stegförflyttning: a numerator of 3 people.
        try Data(
            """
            forbund;insats;period;kon;status;avslutsorsak;antal
            Grannförbundet;Steget;2023H2;kvinna;avslutad;arbete;3
            Grannförbundet;Steget;2023H2;man;avslutad;sjukdom;7

            """.utf8
        ).write(to: other.appendingPathComponent("deltagare-2023H2.csv"))
        let benchmark = ["--benchmark", other.path]
        let protected = try FinsamProcess.run(Self.blekinge + benchmark + Self.blekingeFiles)
        #expect(protected.status == 0, "\(protected.stderr)")
        let table = Self.goalTable(protected.stdout)
        #expect(table.contains("| Jämförelse: Grannförbundet |"))
        #expect(table.contains("| +2 p | +12 p | dolt: färre än 5 |\n"))
        #expect(!table.contains("3 av 10") && !table.contains("30 %"))
        // The survey goals: Grannförbundet sent no indikatorsvar.
        #expect(table.contains("| −9 p | −10 p | inga uppgifter |\n"))
        let json = try FinsamProcess.run(Self.blekinge + benchmark + ["--format", "json"] + Self.blekingeFiles)
        let goals = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["goals"] as? [[String: Any]])
        let steg = try #require(goals[0]["benchmark"] as? [String: Any])
        #expect(steg["suppressed"] as? Bool == true && steg["numerator"] is NSNull && steg["value"] is NSNull)
        #expect(goals[1]["benchmark"] is NSNull)
        // The kansli's own, unprotected copy shows it.
        let raw = try FinsamProcess.run(Self.blekinge + benchmark + ["--unsuppressed"] + Self.blekingeFiles)
        #expect(Self.goalTable(raw.stdout).contains("| 30 % (3 av 10) |\n"))
        // Without goals there is nothing to compare.
        let noGoals = try FinsamProcess.run(["report", "--period", "2023H2"] + benchmark + Self.blekingeFiles)
        #expect(noGoals.status == 2 && noGoals.stderr.contains("--benchmark: väntade --goals mal.json"))
        // Nor in the Uppföljning Finsam export, which has no goal table.
        let export = try FinsamProcess.run(
            ["report", "--period", "2023", "--format", "uppfoljning", "--register", "SampleData/forbund-blekinge.json"] + benchmark
                + Self.blekingeFiles)
        #expect(export.status == 2 && export.stderr.contains("--benchmark: väntade --format md, html, json eller csv"))
    }

    @Test func aGoalOverAYearIsJudgedOnceOverItsYearAndAHalvarWithoutItsKindOfFileHasNoFigure() throws {
        let folder = try TemporaryFolder.make()
        // Gävleborg's "två ägarsamråd under året", and the same goal without a period of its own.
        try Data(
            #"""
            {"version": 2, "forbund": "Samordningsförbund Gävleborg", "goals": [
              {"id": "agarsamrad-aret", "title": "Två ägarsamråd under året", "target": 2, "period": "2017",
               "measure": {"type": "count", "of": "tillfallen", "aktivitet": ["agarsamrad"]}},
              {"id": "agarsamrad", "title": "Ägarsamråd", "target": 2,
               "measure": {"type": "count", "of": "tillfallen", "aktivitet": ["agarsamrad"]}}]}
            """#.utf8
        ).write(to: folder.appendingPathComponent("mal.json"))
        let result = try FinsamProcess.run(
            [
                "aggregate", "--goals", folder.appendingPathComponent("mal.json").path, "--register", "SampleData/forbund-gavleborg.json",
                "--by", "forbund,period", "SampleData/gavleborg",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init).filter { $0.contains("agarsamrad") }
        // aktiviteter-2017H1.csv has one ägarsamråd (its other rows are its deltagande), aktiviteter-2017H2.csv one:
        // 2 in 2017, judged once; per halvår 1 each. 2016 has no aktiviteter file: inga uppgifter, not 0.
        #expect(
            lines == [
                "gavleborg,2016H1,agarsamrad,count,minst 2,,,,,,inga-uppgifter",
                "gavleborg,2016H2,agarsamrad,count,minst 2,,,,,,inga-uppgifter",
                "gavleborg,2017H1,agarsamrad,count,minst 2,1,,1,,,ej-uppfyllt",
                "gavleborg,2017H2,agarsamrad,count,minst 2,1,,1,,,ej-uppfyllt",
                "gavleborg,2017,agarsamrad-aret,count,minst 2,2,,2,,,uppfyllt",
            ])
        let json = try FinsamProcess.run(
            [
                "aggregate", "--goals", folder.appendingPathComponent("mal.json").path, "--register", "SampleData/forbund-gavleborg.json",
                "--by", "forbund,period", "--format", "json", "SampleData/gavleborg",
            ])
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["mal"] as? [[String: Any]])
        #expect(rows.first?["verdict"] as? String == "inga-uppgifter" && rows.first?["numerator"] is NSNull)
    }

    @Test func aReportOverARunOfPeriodsHasNoColumnsOfDashesAgainstThePreviousPeriodAndSaysWhy() throws {
        let range = [
            "report", "--period", "2022H2..2023H2", "--goals", "SampleData/mal-blekinge.json", "--register", "SampleData/forbund-blekinge.json",
        ]
        let md = try FinsamProcess.run(range + Self.blekingeFiles)
        #expect(md.status == 0, "\(md.stderr)")
        let table = Self.goalTable(md.stdout)
        #expect(table.contains("| Mål | Målvärde | Vilka och när | Utfall | Antal | 95 % KI | Bedömning |\n"))
        #expect(!table.contains("Mot föregående") && !table.contains("Förändring i procentenheter"))
        #expect(
            table.contains("jämförs därför inte med föregående period")
                && table.contains("Jämför med rapporten för lika lång tid före (januari 2021–juni 2022)."))
        // Stegförflyttning over the run: each deltagare once, 167 of 200 avslutade.
        #expect(table.contains("| 84 % | 167 av 200 | 78–88 % | ✓ uppfyllt (osäkert: intervallet rymmer målvärdet) |\n"))
        let json = try FinsamProcess.run(range + ["--format", "json"] + Self.blekingeFiles)
        let tables = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["tables"] as? [[String: Any]])
        let mal = try #require(tables.first { $0["id"] as? String == "mal" })
        #expect(mal["columns"] as? [String] == ["malvarde", "omfattning", "utfall", "antal", "ki", "bedomning"])
        // A whole number of years reads as years.
        let years = try FinsamProcess.run(["report", "--period", "2022..2023"] + Array(range.dropFirst(3)) + Self.blekingeFiles)
        #expect(Self.goalTable(years.stdout).contains("(januari 2020–december 2021)"))
    }
}
