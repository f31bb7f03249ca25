import FinsamTestSupport
import Foundation
import Testing

/// Follow-up after avslut (issue #27 item 12) as README's walk-through runs it: Skellefteå-Norsjö's files with
/// a follow-up made six months after avslut, in the report and in the store.
@Suite struct FollowUpAfterAvslutCommandTests {
    static let skelleftea = ["deltagare-2015H1.csv", "deltagare-2015H2.csv", "indikatorsvar-2015H1.csv", "indikatorsvar-2015H2.csv"].map {
        Repository.sample("skelleftea/" + $0)
    }

    @Test func theReportFollowsTheShareInArbeteOrStudierSixMonthsAfterAvslut() throws {
        let result = try FinsamProcess.run(
            [
                "report", "--period", "2015H2", "--goals", Repository.path("Examples/uppfoljning/mal-uppfoljning.json"), "--register",
                Repository.sample("skelleftea/forbund.json"),
            ] + Self.skelleftea + [Repository.path("Examples/uppfoljning/uppfoljning-2015H2.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        // READY 3 + 4 + 5 + 2 of 20, Aktiv uppföljning 2 + 1 of 10: 17 of 30 = 56.7 %; kvinnor 9 of 14, män 8 of 16.
        #expect(
            result.stdout.contains(
                "| Andel i arbete eller studier 6 månader efter avslut | minst 50 % | Uppföljda 6 månader efter avslut, juli–december 2015 "
                    + "| 57 % | 17 av 30 | 39–73 % | ✓ uppfyllt (osäkert: intervallet rymmer målvärdet) |"))
        #expect(result.stdout.contains("| Arbete/studier efter 6 mån · Kvinnor | 64 % | 9 av 14 | 39–84 % |"))
        // Aktiv uppföljning's 3 in arbete are people below 5: hidden, and READY's figure with it; each count of
        // "x av y" is shown as protection shows it.
        #expect(result.stdout.contains("| Arbete/studier efter 6 mån · Aktiv uppföljning | .. | <5 av 10 | .. | dolt: färre än 5 |"))
        #expect(result.stdout.contains("| Arbete/studier efter 6 mån · READY | .. | .. av 20 | .. | dolt för att skydda ett litet antal |"))
        // The follow-up is no deltagare of the halvår: the deltagare table counts the 46 of the deltagare files
        // (kvinnor 29; män hidden, and annat, 4, shown as `..`).
        #expect(result.stdout.contains("| Totalt | 29 | .. | .. | 46 |"))
    }

    @Test func theStoreKeepsTheFollowUpBesideTheHalvarsFilesAndStatusOwesNone() throws {
        let store = try TemporaryFolder.make("finsam-follow-up").appendingPathComponent("arkiv").path
        let submit = try FinsamProcess.run(
            ["submit", "--store", store, "--register", Repository.sample("skelleftea/forbund.json")] + Self.skelleftea + [
                Repository.sample("skelleftea/aktiviteter-2015H2.csv"), Repository.path("Examples/uppfoljning/uppfoljning-2015H2.csv"),
            ])
        #expect(submit.status == 0, "\(submit.stderr)")
        #expect(submit.stdout.contains("innehåll:  30 uppföljda: 14 kvinnor, 16 män, 0 annat"))
        let status = try FinsamProcess.run(["status", "--store", store, "--period", "2015H2"])
        #expect(status.status == 0)
        #expect(!status.stdout.contains("\n  uppfoljning"))  // a row per kind owed; the insats aktiv-uppfoljning is no kind
        // READY's and Aktiv uppföljning's deltagare and indikatorsvar, Knut'n 2.0's aktiviteter.
        #expect(status.stdout.contains("5 av 5 väntade rapporter mottagna"))
    }
}
