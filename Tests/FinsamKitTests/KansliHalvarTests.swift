import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// Deadlines, reporting states, plausibility and approval (DOMAIN §5.1, §11) in FinsamKit, with a clock the
/// tests fix (``Store/now``, the `now` of ``ReportingStatus``).
@Suite struct KansliHalvarTests {
    static func date(_ text: String) -> Date { SwedishTime.parse(text)! }

    static let registerText = """
        {"version": 2, "id": "testforbund", "namn": "Testförbundet", "rapportering": {"H1": "08-15", "H2": "02-15", "2024H1": "2024-09-02"},
         "insatser": [
           {"id": "alfa", "namn": "Alfa", "typ": "individ", "forstaHalvar": "2023H1", "sistaHalvar": "2023H2"},
           {"id": "beta", "namn": "Beta", "typ": "individ", "forstaHalvar": "2023H1"},
           {"id": "gamma", "namn": "Gamma", "typ": "struktur", "forstaHalvar": "2023H1"}]}
        """

    static func register(_ text: String = registerText) throws -> Register {
        let folder = try TemporaryFolder.make()
        let path = folder.appendingPathComponent("forbund.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try Register.load(from: path)
    }

    @Test func deadlinesFallOnTheFirstDayAfterTheHalvarAndAnExplicitDateWins() throws {
        let rapportering = try #require(try Self.register().rapportering)
        #expect(rapportering.deadline(for: Period("2023H1")!) == CalendarDay("2023-08-15"))
        #expect(rapportering.deadline(for: Period("2023H2")!) == CalendarDay("2024-02-15"))
        #expect(rapportering.deadline(for: Period("2024H1")!) == CalendarDay("2024-09-02"))
        #expect(rapportering.deadline(for: Period("2023")!) == nil)
        // A relative H1 day before July falls in the next year.
        #expect(Rapportering(["H1": "01-31"]).deadline(for: Period("2023H1")!) == CalendarDay("2024-01-31"))
    }

    @Test func aRegisterIsVersionOneOrTwoAndItsRapporteringIsCheckedAtItsPlace() throws {
        #expect(try Self.register().version == 2)
        let folder = try TemporaryFolder.make()
        let path = folder.appendingPathComponent("forbund.json").path
        try Data(
            """
            {"version": 1, "id": "t", "namn": "T",
             "rapportering": {"H1": "02-30", "H3": "08-15", "2023H2": "2023-12-01"},
             "insatser": []}
            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        let problems = try #require(throws: ValidationFailure.self) { try Register.load(from: path) }.problems.map(\.description)
        #expect(
            problems == [
                "\(path):2:18: fel: rapportering: fältet hör till version 2 av registret: skriv \"version\": 2 överst",
                "\(path):2:25: fel: rapportering.H1: väntade en dag som \"08-15\" (månad-dag), fann \"02-30\"",
                "\(path):2:40: fel: rapportering.H3: väntade \"H1\", \"H2\" eller ett halvår som \"2023H2\", fann \"H3\"",
                "\(path):2:59: fel: rapportering.2023H2: väntade ett datum efter halvårets slut (2023-12-31), fann \"2023-12-01\"",
            ])
        try Data(#"{"version": 3, "id": "t", "namn": "T", "insatser": []}"#.utf8).write(to: URL(fileURLWithPath: path))
        let version = try #require(throws: ValidationFailure.self) { try Register.load(from: path) }
        #expect(version.problems.map(\.message) == ["version: väntade 1 eller 2, fann 3"])
    }

    @Test func swedishTimeFollowsSummerTimeAndTheDayChangesAtLocalMidnight() {
        #expect(SwedishTime.text(Self.date("2024-02-15T22:59:59Z")) == "2024-02-15 23:59")
        #expect(SwedishTime.day(of: Self.date("2024-02-15T23:00:00Z")) == CalendarDay("2024-02-16"))
        #expect(SwedishTime.iso(Self.date("2024-06-30T22:30:00Z")) == "2024-07-01T00:30:00+02:00")
        #expect(SwedishTime.iso(Self.date("2024-02-14T15:32:05.250Z")) == "2024-02-14T16:32:05+01:00")
        #expect(CalendarDay("2024-02-15")!.days(to: CalendarDay("2024-03-01")!) == 15)  // 2024 is a leap year
        #expect(CalendarDay("2023-02-29") == nil)
    }

    /// A store whose clock is set before each submit.
    final class Clocked: @unchecked Sendable {
        let store: Store
        let register: Register

        init() throws {
            let folder = try TemporaryFolder.make()
            var store = Store(root: folder.appendingPathComponent("arkiv").path)
            register = try KansliHalvarTests.register()
            let clock = Box()
            store.now = { clock.date }
            self.store = store
            self.clock = clock
        }

        final class Box: @unchecked Sendable { var date = Date(timeIntervalSince1970: 0) }
        let clock: Box

        @discardableResult
        func submit(_ text: String, at time: String) throws -> Store.Receipt {
            clock.date = KansliHalvarTests.date(time)
            return try store.submit([Store.Upload(bytes: Array(text.utf8), name: "fil.csv")], catalogues: .builtIn, register: register)[0]
        }
    }

    static let deltagare = "forbund;insats;period;kon;ny;status;avslutsorsak;antal\n"
    static let svar = "forbund;insats;period;enkat;stod\n"

    @Test func eachStateAndRateOnAStoreWithFixedReceivedTimes() throws {
        let t = try Clocked()
        try t.submit(Self.deltagare + "testforbund;alfa;2023H2;kvinna;ja;pagaende;;4\n", at: "2024-02-15T22:59:59Z")  // 23:59:59 on the day
        try t.submit(Self.svar + "testforbund;alfa;2023H2;deltagare-pagaende;3\n", at: "2024-02-15T23:00:00Z")  // 00:00 the day after
        try t.submit(Self.deltagare + "testforbund;beta;2023H2;man;ja;pagaende;;2\n", at: "2024-02-25T12:00:00Z")
        let status = ReportingStatus(
            index: try t.store.index(), register: t.register, period: Period("2023H2")!, forbund: nil,
            now: Self.date("2024-02-28T12:00:00Z"))
        #expect(status.today == CalendarDay("2024-02-28"))
        // Missing first (beta's indikatorsvar, gamma's aktiviteter: a strukturinriktad insats owes them), then late.
        #expect(status.rows.map(\.insats) == ["beta", "gamma", "alfa"])
        let states = status.rows.map { row in row.entries.map { "\($0.kind.rawValue)=\($0.state.rawValue)/\($0.daysLate.map(String.init) ?? "-")" } }
        #expect(
            states == [
                ["deltagare=sen/10", "indikatorsvar=saknas/13", "aktiviteter=kravs-ej/-"],
                ["deltagare=kravs-ej/-", "indikatorsvar=kravs-ej/-", "aktiviteter=saknas/13"],
                ["deltagare=i-tid/-", "indikatorsvar=sen/1", "aktiviteter=kravs-ej/-"],
            ])
        #expect((status.expected, status.received, status.onTime) == (5, 3, 1))
        #expect(status.missing.map(\.row.insats) == ["beta", "gamma"])
        // Before the deadline a missing report has no days late; without rapportering a received one is in time.
        let early = ReportingStatus(
            index: try t.store.index(), register: t.register, period: Period("2023H2")!, forbund: nil,
            now: Self.date("2024-02-10T12:00:00Z"))
        #expect(early.rows[0].entries[1].state == .saknas)
        #expect(early.rows[0].entries[1].daysLate == nil)
        var plain = t.register
        plain.rapportering = nil
        let undated = ReportingStatus(index: try t.store.index(), register: plain, period: Period("2023H2")!, forbund: nil, now: Date())
        #expect(undated.onTime == 3)
        // A helår is its two halvår; the insatser active in 2023H1 owe reports too.
        let year = ReportingStatus(
            index: try t.store.index(), register: t.register, period: Period("2023")!, forbund: nil,
            now: Self.date("2024-02-28T12:00:00Z"))
        #expect(year.expected == 10)
        #expect(year.received == 3)
    }

    @Test func theExpectationIsDataAndAKindFinsamCannotReceiveIsNotCountedMissing() {
        #expect(ReportingExpectation.kinds[.struktur] == ["aktiviteter"])
        #expect(ReportingExpectation.expects(.individ, .deltagare))
        #expect(!ReportingExpectation.expects(.struktur, .deltagare))
        #expect(ReportingExpectation.expects(nil, .indikatorsvar))
    }

    @Test func approvalLocksRefusesASubmitLeavingTheStoreUnchangedAndReopenUnlocks() throws {
        let t = try Clocked()
        try t.submit(Self.deltagare + "testforbund;alfa;2023H2;kvinna;ja;pagaende;;4\n", at: "2024-02-14T10:00:00Z")
        t.clock.date = Self.date("2024-02-21T09:00:00Z")
        let approval = try t.store.approve(period: Period("2023H2")!, beslut: "styrelsen § 12") { sources, approval in
            #expect(sources.count == 1)
            return [Store.ApprovalArtefact(role: "rapport.md", fileExtension: "md", name: nil, bytes: Array(approval.coverText.utf8))]
        }
        #expect(approval.coverText == "Fastställd: styrelsen § 12 (registrerad i arkivet 2024-02-21 10:00).")
        #expect(approval.files?.map(\.keys) == [[NamedKey(forbund: "testforbund", insats: "alfa", period: Period("2023H2")!)]])
        let index = try t.store.index()
        #expect(index.version == 2)
        #expect(index.lock(for: Period("2023H2")!)?.sequence == 1)
        #expect(index.lock(for: Period("2023")!)?.sequence == 1)  // the year holds the locked halvår
        #expect(index.lock(for: Period("2023H1")!) == nil)
        #expect(try t.store.contents(of: approval.artefact("rapport.md")!) == Array(approval.coverText.utf8))

        let before = TemporaryStoreSnapshot.of(t.store.root)
        #expect(throws: Store.Failure.self) { try t.submit(Self.svar + "testforbund;alfa;2023H2;deltagare-pagaende;3\n", at: "2024-02-22T09:00:00Z") }
        #expect(TemporaryStoreSnapshot.of(t.store.root) == before)
        // Another halvår is open.
        try t.submit(Self.svar + "testforbund;alfa;2023H1;deltagare-pagaende;3\n", at: "2024-02-22T09:00:00Z")

        t.clock.date = Self.date("2024-03-01T09:00:00Z")
        let reopened = try t.store.reopen(period: Period("2023H2")!, reason: "rättelse")
        #expect(reopened.map(\.sequence) == [2])
        #expect(try t.store.index().lock(for: Period("2023H2")!) == nil)
        #expect(
            try t.store.index().draftNote(for: Period("2023H2")!)
                == "Nytt utkast: perioden 2023H2 fastställdes 2024-02-21 (styrelsen § 12) och återöppnades 2024-03-01: rättelse.")
        try t.submit(Self.svar + "testforbund;alfa;2023H2;deltagare-pagaende;3\n", at: "2024-03-02T09:00:00Z")
        #expect(throws: Store.Failure.self) { try t.store.reopen(period: Period("2023H2")!, reason: "igen") }
    }

    @Test func aRuleComparesTwoCountsPerInsatsAndPerForbund() throws {
        let folder = try TemporaryFolder.make()
        let path = folder.appendingPathComponent("regler.json").path
        try Data(
            """
            {"version": 1, "regler": [
              {"id": "r1", "title": "Avslut", "left": {"type": "count", "of": "formular", "enkat": "deltagare-avslut"}, "op": "<=",
               "right": {"type": "count", "of": "avslutade"}, "per": "insats", "severity": "fel"},
              {"id": "r2", "title": "Lika", "left": {"type": "count", "of": "nya"}, "op": "==", "right": {"type": "count", "of": "alla"},
               "per": "forbund", "severity": "varning"}]}
            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        let rules = try RuleFile.load(path, catalogues: .builtIn)
        let data = Self.deltagare + "testforbund;alfa;2023H2;kvinna;ja;avslutad;arbete;1\ntestforbund;beta;2023H2;man;nej;pagaende;;2\n"
        let forms =
            Self.svar + String(repeating: "testforbund;alfa;2023H2;deltagare-avslut;3\n", count: 2) + "testforbund;beta;2023H2;deltagare-avslut;3\n"
        let (dataset, problems) = Dataset.load(
            [.bytes(Array(data.utf8), name: "d.csv"), .bytes(Array(forms.utf8), name: "s.csv")], catalogues: .builtIn,
            register: try Self.register())
        #expect(problems.isEmpty)
        let warnings = rules.warnings(dataset: dataset, periods: [Period("2023H2")!], file: "regler.json")
        #expect(
            warnings.map(\.description) == [
                "regler.json: fel: regel r1 (Avslut): Alfa (alfa) 2023H2: 2 formulär (deltagare-avslut), väntade högst 1 avslutade",
                "regler.json: fel: regel r1 (Avslut): Beta (beta) 2023H2: 1 formulär (deltagare-avslut), väntade högst 0 avslutade",
                "regler.json: varning: regel r2 (Lika): Testförbundet 2023H2: 1 nya deltagare, väntade lika många som 3 deltagare",
            ])
        #expect(warnings.map(\.ruleID) == ["r1", "r1", "r2"])
    }
}

/// Every file of a folder with its bytes, to compare before and after.
enum TemporaryStoreSnapshot {
    static func of(_ root: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            result[path] = FileManager.default.contents(atPath: root + "/" + path) ?? Data()
        }
        return result
    }
}
