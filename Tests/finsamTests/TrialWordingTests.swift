import Foundation
import FinsamTestSupport
import Testing

/// The wording an outside tester stumbled on (trial 2026-12-06, item 16): units that agree with their number,
/// no "0 av 0" for a goal without data, and a README whose commands a newcomer can run on a shared machine.
@Suite struct TrialWordingTests {
    /// Gävleborg's "Samordnat stöd mot baslinjen" for Trisam falls one point: "−1 procentenhet", not "procentenheter".
    @Test func aChangeOfOnePointIsOneProcentenhet() throws {
        let result = try FinsamProcess.run(
            [
                "report", "--register", Repository.sample("forbund-gavleborg.json"), "--period", "2017", "--goals",
                Repository.sample("mal-gavleborg.json"),
            ]
                + (try FileManager.default.contentsOfDirectory(atPath: Repository.path("SampleData/gavleborg"))).filter { $0.hasSuffix(".csv") }
                .sorted().map { Repository.sample("gavleborg/" + $0) })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("| Samordnat stöd mot baslinjen · Trisam | −1 procentenhet | 32 av 45 mot 34 av 47 |"), "\(result.stdout)")
        #expect(!result.stdout.contains(" 1 procentenheter"))
    }

    /// A goal for which no file of its kind was sent has no counts in JSON: `null`, not 0 of 0, beside its
    /// verdict `inga-uppgifter`.
    @Test func aGoalWithoutDataHasNoCountsInJSON() throws {
        let result = try FinsamProcess.run(
            [
                "report", "--register", Repository.sample("forbund-blekinge.json"), "--period", "2023H2", "--goals",
                Repository.sample("mal-blekinge.json"), "--format", "json",
            ] + ["deltagare-2023H1.csv", "deltagare-2023H2.csv", "indikatorsvar-2023H2.csv"].map(Repository.sample))
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let goals = try #require(document["goals"] as? [[String: Any]])
        let empty = goals.filter { $0["verdict"] as? String == "inga-uppgifter" }
        #expect(empty.map { $0["id"] as? String } == ["samverkanskompetens", "sex-styrelsemoten", "lokala-samverkansgrupper"])
        for goal in empty {
            #expect(goal["numerator"] is NSNull && goal["denominator"] is NSNull && goal["value"] is NSNull, "\(goal)")
            #expect(goal["current"] == nil && goal["baseline"] == nil, "\(goal)")
        }
    }

    /// README's commands run as written, anywhere: no store at a fixed `/tmp` path that another user's run
    /// already holds, and no example the insats leader must find among the test fixtures.
    @Test func theReadmeCommandsUseNoFixedTemporaryPathAndNoTestFixture() throws {
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```sh\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let commands = blocks.flatMap { $0.components(separatedBy: "\n") }.filter { $0.contains("finsam ") }
        #expect(commands.count > 20)
        for line in commands {
            #expect(!line.contains("/tmp/"), "\(line)")
            #expect(!line.contains("Tests/"), "\(line)")
        }
    }
}
