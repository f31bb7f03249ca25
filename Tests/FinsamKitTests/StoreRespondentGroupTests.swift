import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// Issue #19: an indikatorsvar file is current per unit and respondent group, so a staff survey sent on its own
/// does not replace the insats's deltagare survey of the same halvår.
@Suite struct StoreRespondentGroupTests {
    static let deltagare =
        "forbund;insats;period;enkat;kon;behov\nb;x;2023H1;deltagare-pagaende;kvinna;3\nb;x;2023H1;deltagare-pagaende;man;2\nb;x;2023H1;deltagare-avslut;man;4\n"
    static let deltagareAgain = "forbund;insats;period;enkat;kon;behov\nb;x;2023H1;deltagare-pagaende;kvinna;3\nb;x;2023H1;deltagare-avslut;man;1\n"
    static let personal = "forbund;insats;period;enkat;kon;medskapare\nb;x;2023H1;personal;kvinna;3\nb;x;2023H1;personal;man;4\n"
    static let merged =
        "forbund;insats;period;enkat;kon;behov;medskapare\nb;x;2023H1;deltagare-pagaende;kvinna;3;\nb;x;2023H1;deltagare-avslut;man;4;\nb;x;2023H1;personal;man;;4\n"

    /// Forms per respondent group in a report from the store.
    static func formsPerGroup(_ store: Store) throws -> [Respondent: Int] {
        let (dataset, problems) = Dataset.load(try store.sources(for: nil), catalogues: .builtIn)
        #expect(problems.isEmpty)
        let enkater = Catalogues.builtIn.indikatorer.enkater
        return Dictionary(grouping: dataset.forms) { enkater[Int($0.enkat)].group }.mapValues(\.count)
    }

    @Test func aStaffSurveyLeavesTheDeltagareSurveyCurrent() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.deltagare, name: "deltagare.csv")
        let staff = try t.submit(Self.personal, name: "personal.csv")
        #expect(staff.superseded.isEmpty)
        #expect(staff.submission.groups?.map(\.groups) == [[.personal]])
        #expect(Set(try t.store.index().current.values.map(\.sequence)) == [1, 2])
        #expect(try Self.formsPerGroup(t.store) == [.deltagare: 3, .personal: 2])
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: t.store.root + "/index.json")))
        #expect(try JSONSchemaValidator(path: Repository.path("Schemas/store-index.schema.json")).errors(for: index) == [])
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
    }

    @Test func aNewDeltagareSurveySupersedesOnlyTheOldDeltagareSurvey() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.deltagare, name: "deltagare.csv")
        _ = try t.submit(Self.personal, name: "personal.csv")
        let again = try t.submit(Self.deltagareAgain, name: "deltagare-igen.csv")
        #expect(again.superseded.map(\.previous) == [1])
        #expect(Set(try t.store.index().current.values.map(\.sequence)) == [2, 3])
        #expect(try Self.formsPerGroup(t.store) == [.deltagare: 2, .personal: 2])
    }

    @Test func theShrinkCheckComparesDeltagareWithDeltagare() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.personal, name: "personal.csv")
        // 3 deltagare forms after 2 personal ones: no replacement, so nothing to compare.
        _ = try t.submit(Self.deltagare, name: "deltagare.csv")
        // One deltagare form instead of three: refused, though the unit also has two personal forms.
        let one = "forbund;insats;period;enkat;kon;behov\nb;x;2023H1;deltagare-pagaende;kvinna;3\n"
        #expect {
            try t.submit(one, name: "en.csv")
        } throws: { error in
            "\(error)".contains("x 2023H1: 1 formulär i stället för 3 i inlämning 2 (deltagare.csv)")
        }
    }

    @Test func aMergedFileIsPartlySupersededByAStaffSurvey() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.merged, name: "blandad.csv")
        _ = try t.submit(Self.personal, name: "personal.csv")
        // The merged file counts for its deltagare forms only; the personal forms are the later file's.
        #expect(try Self.formsPerGroup(t.store) == [.deltagare: 2, .personal: 2])
        let files = Store.currentFiles(try t.store.index())
        #expect(files.map(\.sequence) == [1, 2])
        #expect(files[0].groups?.map(\.groups) == [[.deltagare]])
        #expect(files[1].groups == nil)
    }

    @Test func anIndexWithoutGroupsStillReads() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.merged, name: "blandad.csv")
        // The index as finsam wrote it before groups were kept.
        let path = t.store.root + "/index.json"
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var submissions = try #require(json["submissions"] as? [[String: Any]])
        submissions[0]["groups"] = nil
        submissions[0]["chain"] = nil
        json["submissions"] = submissions
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        try FileManager.default.removeItem(atPath: t.store.root + "/files/inlamning-1.json")
        #expect(try t.store.index().submissions[0].groups == nil)
        // An old file holds the deltagare slot, and its staff forms count while no later file holds theirs.
        #expect(try Self.formsPerGroup(t.store) == [.deltagare: 2, .personal: 1])
        _ = try t.submit(Self.personal, name: "personal.csv")
        #expect(try Self.formsPerGroup(t.store) == [.deltagare: 2, .personal: 2])
        #expect(try StoreVerifier(store: t.store).findings().isEmpty)
    }

    @Test func onlyTheDeltagareSurveyIsWhatAnIndividinriktadInsatsOwes() throws {
        let t = try TemporaryStore()
        _ = try t.submit(Self.personal, name: "personal.csv")
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        var status = ReportingStatus(index: try t.store.index(), register: nil, period: Period("2023H1")!, forbund: nil, now: now)
        #expect(status.rows.isEmpty)
        _ = try t.submit(Self.deltagare, name: "deltagare.csv")
        status = ReportingStatus(index: try t.store.index(), register: nil, period: Period("2023H1")!, forbund: nil, now: now)
        #expect(status.rows.first?.entries.first { $0.kind == .indikatorsvar }?.submission?.sequence == 2)
    }
}
