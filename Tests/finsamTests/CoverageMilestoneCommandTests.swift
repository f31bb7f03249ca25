import FinsamTestSupport
import Foundation
import Testing

/// Coverage and milestone goals in every report format (#27 item 6), on Gävleborg's sample: of the register's ten
/// kommuner, the Trisam-teams' utbildning rows name eight in 2017 (Hofors and Ockelbo are missing); the
/// beredningsgrupp was done 2017-04-21.
@Suite struct CoverageMilestoneCommandTests {
    static func report(_ format: String, register: Bool = true) throws -> FinsamProcess.Result {
        let folder = Repository.path("SampleData/gavleborg")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.sorted().map { folder + "/" + $0 }
        return try FinsamProcess.run(
            ["report", "--period", "2017", "--format", format, "--goals", Repository.sample("mal-gavleborg.json")]
                + (register ? ["--register", Repository.sample("forbund-gavleborg.json")] : []) + files)
    }

    static let covered = "8 av 10 kommuner; saknas: Hofors och Ockelbo"

    @Test func everyFormatSaysWhichKommunerAreMissingAndWhetherTheMilestoneIsDone() throws {
        let md = try Self.report("md")
        #expect(md.status == 0 && md.stderr == "", "\(md.stderr)")
        #expect(
            md.stdout.contains(
                "| samtliga | Kommuner med utbildning, i Kompetens i samverkan, helåret 2017 | \(Self.covered) | – | – | ✗ ej uppfyllt |"))
        #expect(
            md.stdout.contains(
                "| klar | Milstolpe: En beredningsgrupp av tjänstemän med bred representation etablerad, helåret 2017 | klar 2017-04-21 (utsedd av styrelsen) |"
            ))
        let csv = try Self.report("csv")
        #expect(csv.stdout.contains("mal;trisam-team-samtliga-kommuner;utfall;8;\"\(Self.covered)\"\r\n"))
        #expect(csv.stdout.contains("mal;beredningsgrupp;bedomning;;✓ uppfyllt\r\n"))
        #expect(try Self.report("html").stdout.contains(Self.covered))
        let json = try Self.report("json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let goals = try #require(document["goals"] as? [[String: Any]])
        let trisam = try #require(goals.first { $0["id"] as? String == "trisam-team-samtliga-kommuner" })
        #expect(trisam["measure"] as? String == "coverage" && trisam["numerator"] as? Int == 8 && trisam["verdict"] as? String == "ej-uppfyllt")
        #expect(trisam["missing"] as? [String] == ["Hofors", "Ockelbo"])
        let beredning = try #require(goals.first { $0["id"] as? String == "beredningsgrupp" })
        #expect(
            beredning["measure"] as? String == "milestone" && beredning["value"] as? Double == 1
                && beredning["status"] as? String == "klar 2017-04-21 (utsedd av styrelsen)")
    }

    @Test func withoutTheRegisterTheGoalsSayTheyNeedIt() throws {
        let md = try Self.report("md", register: false)
        #expect(md.status == 0)
        #expect(md.stdout.contains("| uppgift saknas: kräver förbundets register (--register) | – | – | följs upp |"))
    }

    @Test func aKommunOutsideTheRegisterStopsTheFileAtItsCell() throws {
        let folder = try TemporaryFolder.make()
        try Data("forbund;insats;period;aktivitet;kommun\ngavleborg;kompetens;2017H1;utbildning;Uppsala\n".utf8)
            .write(to: folder.appendingPathComponent("a.csv"))
        let result = try FinsamProcess.run(["validate", "--register", Repository.sample("forbund-gavleborg.json"), "a.csv"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("a.csv:2:39: fel: cell E2: kolumn kommun: väntade en av registrets kommuner (Bollnäs, Gävle, "))
    }
}
