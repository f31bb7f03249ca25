import FinsamTestSupport
import Foundation
import Testing

/// Issue #19 from the command line: Gävleborg's 2017H2 deltagare survey and its staff survey (personal and
/// chefer), two files of `SampleData/gavleborg/` for the same insats and halvår, are both current, and the
/// report from the store has the deltagare indicator table and the staff ones.
@Suite struct StaffSurveyStoreCommandTests {
    static let register = Repository.sample("forbund-gavleborg.json")

    /// The sample's 2017H2 deltagare survey and staff survey, and a corrected deltagare survey (all but the last form).
    static func files(in folder: URL) throws {
        for name in ["indikatorsvar-2017H2.csv", "indikatorsvar-personal-2017H2.csv"] {
            try FileManager.default.copyItem(
                atPath: Repository.path("SampleData/gavleborg/" + name), toPath: folder.appendingPathComponent(name).path)
        }
        let lines = try String(contentsOfFile: Repository.path("SampleData/gavleborg/indikatorsvar-2017H2.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        try Data(lines.dropLast().map { $0 + "\n" }.joined().utf8).write(to: folder.appendingPathComponent("rattad.csv"))
    }

    @Test func aStaffSurveyAndADeltagareSurveyAreBothCurrent() throws {
        let folder = try TemporaryFolder.make()
        try Self.files(in: folder)
        let submitted = try FinsamProcess.run(
            ["submit", "--store", "arkiv", "--register", Self.register, "indikatorsvar-2017H2.csv", "indikatorsvar-personal-2017H2.csv"], in: folder)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        var history = try FinsamProcess.run(["history", "--store", "arkiv", "--insats", "trisam"], in: folder)
        #expect(history.stdout.contains("\tindikatorsvar\t32\tgäller\t"))
        #expect(history.stdout.contains("\tindikatorsvar (personal, chefer)\t42\tgäller\t"))
        let report = try FinsamProcess.run(["report", "--store", "arkiv", "--register", Self.register, "--period", "2017H2"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("## FINSAM-indikatorer\n"))
        #expect(report.stdout.contains("| Insatsen utgår från mina behov | 32 | 72 % |"))
        #expect(report.stdout.contains("## FINSAM-indikatorer: insatspersonal\n"))
        #expect(report.stdout.contains("## FINSAM-indikatorer: chefer i samverkan\n"))
        // The staff survey alone would not be the indikatorsvar Trisam owes; the deltagare survey is.
        let status = try FinsamProcess.run(["status", "--store", "arkiv", "--register", Self.register, "--period", "2017H2"], in: folder)
        #expect(status.stdout.contains("Trisam (trisam)\n  deltagare      SAKNAS\n  indikatorsvar  mottagen "))
        #expect(status.stdout.contains(", inlämning 1 (32 formulär för 2 insatser)\n"))

        // A corrected deltagare survey replaces the first one only.
        let corrected = try FinsamProcess.run(["submit", "--store", "arkiv", "--register", Self.register, "rattad.csv"], in: folder)
        #expect(corrected.status == 0, "\(corrected.stderr)")
        history = try FinsamProcess.run(["history", "--store", "arkiv", "--insats", "trisam"], in: folder)
        #expect(history.stdout.contains("\tindikatorsvar\t32\tersatt\t"))
        #expect(history.stdout.contains("\tindikatorsvar (personal, chefer)\t42\tgäller\t"))
        #expect(history.stdout.contains("\tindikatorsvar\t31\tgäller\t"))
        let again = try FinsamProcess.run(["report", "--store", "arkiv", "--register", Self.register, "--period", "2017H2"], in: folder)
        #expect(again.stdout.contains("## FINSAM-indikatorer: insatspersonal\n"))
        #expect(!again.stdout.contains("| Insatsen utgår från mina behov | 32 |"))
        let verified = try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder)
        #expect(verified.status == 0, "\(verified.stderr)")
    }
}
