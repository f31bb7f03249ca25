import FinsamTestSupport
import Foundation
import Testing

/// `report --goals` reads the goal file strictly: a mistake stops the report, printed where it is.
@Suite struct GoalFileCommandTests {
    @Test func aGoalFileWithAnUnknownKeyStopsTheReportAtItsPlace() throws {
        let folder = try TemporaryFolder.make()
        let goals =
            "{\n  \"version\": 2,\n  \"goals\": [\n    {\"id\": \"ready\", \"title\": \"READY\", \"insats\": \"ready\", \"measure\": {\"type\": \"count\", \"of\": \"alla\"}}\n  ]\n}\n"
        try Data(goals.utf8).write(to: folder.appendingPathComponent("mal.json"))
        try Data("forbund,insats,period,kon,status\nf,READY,2023H1,man,pagaende\n".utf8).write(to: folder.appendingPathComponent("d.csv"))
        let result = try FinsamProcess.run(["report", "--period", "2023H1", "--goals", "mal.json", "d.csv"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "mal.json:4:39: fel: goals[0]: okänt fält \"insats\": väntade id, title, shortTitle, target, measure, scope, period, minN eller kostnad\n"
        )
    }

    /// The tester's case (trial 2026-12-06, item 6): Blekinge's goal file names its förbund by the register's id,
    /// which the files alone do not know. The message says the name is the goal file's `forbund` and that the
    /// register ties it to the förbund; `--forbund` says its own.
    @Test func aGoalFilesForbundTheDataDoesNotKnowIsNamedAsTheGoalFilesWithTheRegisterAsTheFix() throws {
        let goals = Repository.sample("mal-blekinge.json")
        let result = try FinsamProcess.run(["report", "--period", "2023H2", "--goals", goals, Repository.sample("deltagare-2023H2.csv")])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "finsam: \(goals): forbund: väntade ett förbund ur underlaget (Samordningsförbundet i Blekinge), fann målfilens forbund \"blekinge\"; "
                    + "ge förbundets register med --register (till exempel --register forbund.json), som säger vilket förbund \"blekinge\" är"),
            "\(result.stderr)")
        let given = try FinsamProcess.run(["report", "--period", "2023H2", "--forbund", "blekinge", Repository.sample("deltagare-2023H2.csv")])
        #expect(given.status == 2)
        #expect(
            given.stderr.hasPrefix("finsam: --forbund: väntade ett förbund ur underlaget (Samordningsförbundet i Blekinge), fann \"blekinge\"; välj"))
        // With the register the same command makes the report.
        let fixed = try FinsamProcess.run(
            [
                "report", "--period", "2023H2", "--goals", goals, "--register", Repository.sample("forbund-blekinge.json"),
                Repository.sample("deltagare-2023H2.csv"),
            ])
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    @Test func aScopeNamingAnInsatsTheDataDoesNotHaveStopsTheReport() throws {
        let folder = try TemporaryFolder.make()
        let goals =
            #"{"version": 2, "goals": [{"id": "ready", "title": "READY", "scope": {"insats": "ready2"}, "measure": {"type": "count", "of": "alla"}}]}"#
        try Data(goals.utf8).write(to: folder.appendingPathComponent("mal.json"))
        try Data("forbund,insats,period,kon,status\nf,READY,2023H1,man,pagaende\n".utf8).write(to: folder.appendingPathComponent("d.csv"))
        let result = try FinsamProcess.run(["report", "--period", "2023H1", "--goals", "mal.json", "d.csv"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "mal.json:1:80: fel: goals[0].scope.insats[0]: väntade en insats (READY), fann \"ready2\"\n")
        // Named as the data names it (any case), the goal is computed.
        try Data(goals.replacingOccurrences(of: "ready2", with: "ready").utf8).write(to: folder.appendingPathComponent("mal.json"))
        let fixed = try FinsamProcess.run(["report", "--period", "2023H1", "--goals", "mal.json", "--format", "json", "d.csv"], in: folder)
        #expect(fixed.status == 0)
    }

    @Test(arguments: [("gotland", "2021"), ("gavleborg", "2017"), ("skelleftea", "2015H2"), ("malmo", "2010H2")])
    func readmeCommandsRunForEverySeedForbund(forbund: String, period: String) throws {
        let folder = Repository.path("SampleData/\(forbund)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.sorted().map { folder + "/" + $0 }
        for format in ["md", "json"] {
            let result = try FinsamProcess.run(
                ["report", "--period", period, "--format", format, "--goals", Repository.sample("mal-\(forbund).json")]
                    + (forbund == "malmo" ? ["--dimensioner", Repository.sample("malmo/dimensioner.json")] : []) + files)
            #expect(result.status == 0, "\(result.stderr)")
        }
    }
}
