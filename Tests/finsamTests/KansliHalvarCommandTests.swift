import Foundation
import FinsamTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The kansli's halvår (DOMAIN §11) through the command line: deadlines and reporting states with a clock
/// the test fixes (`FINSAM_NOW`), the built-in plausibility warnings with their figures, a `fel` rule that
/// stops a report, and approval that locks a period.
@Suite(.serialized) struct KansliHalvarCommandTests {
    static let register = """
        {"version": 2, "id": "testforbund", "namn": "Testförbundet", "rapportering": {"H1": "08-15", "H2": "02-15"},
         "insatser": [
           {"id": "alfa", "namn": "Alfa", "typ": "individ", "forstaHalvar": "2023H1", "sistaHalvar": "2023H2"},
           {"id": "beta", "namn": "Beta", "typ": "individ", "forstaHalvar": "2023H1"},
           {"id": "gamma", "namn": "Gamma", "typ": "struktur", "forstaHalvar": "2023H1"}]}
        """
    static let deltagareHeader = "forbund;insats;period;kon;ny;status;avslutsorsak;antal\n"
    static let svarHeader = "forbund;insats;period;enkat;stod\n"

    /// A folder with the register and the named files.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = try TemporaryFolder.make()
        try Data(register.utf8).write(to: folder.appendingPathComponent("forbund.json"))
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    static func submit(_ file: String, at time: String, in folder: URL, register: Bool = false) throws -> FinsamProcess.Result {
        try FinsamProcess.run(
            ["submit", "--store", "arkiv"] + (register ? ["--register", "forbund.json"] : []) + [file], in: folder,
            environment: ["FINSAM_NOW": time])
    }

    /// Every file of the store with its bytes.
    static func snapshot(_ store: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: store.path)
        while let path = enumerator?.nextObject() as? String {
            result[path] = FileManager.default.contents(atPath: store.path + "/" + path) ?? Data()
        }
        return result
    }

    // MARK: status

    static let statusFiles = [
        "d-alfa.csv": deltagareHeader + "testforbund;alfa;2023H2;kvinna;ja;pagaende;;4\ntestforbund;alfa;2023H2;man;ja;avslutad;arbete;1\n",
        "s-alfa.csv": svarHeader + "testforbund;alfa;2023H2;deltagare-pagaende;3\n",
        "d-beta.csv": deltagareHeader + "testforbund;beta;2023H2;kvinna;ja;pagaende;;2\n",
        "a-gamma.csv": "forbund;insats;period;aktivitet;tillfallen\ntestforbund;gamma;2023H2;konferens;2\n",
    ]

    /// alfa's deltagare in time, its indikatorsvar three days late (received 10:00 Swedish time on 18 February);
    /// beta's deltagare at 23:59:59 Swedish time on the last day (in time), its indikatorsvar missing; gamma is
    /// strukturinriktad: it owes neither, only its aktiviteter, sent in time.
    static func statusStore() throws -> URL {
        let folder = try folder(statusFiles)
        #expect(try submit("d-alfa.csv", at: "2024-02-14T10:00:00Z", in: folder, register: true).status == 0)
        #expect(try submit("s-alfa.csv", at: "2024-02-18T09:00:00Z", in: folder).status == 0)
        #expect(try submit("d-beta.csv", at: "2024-02-15T22:59:59Z", in: folder).status == 0)
        #expect(try submit("a-gamma.csv", at: "2024-02-10T12:00:00Z", in: folder).status == 0)
        return folder
    }

    @Test func statusGivesEachStateTheSwedishReceivedTimeAndTheRatesMissingAndLateFirst() throws {
        let folder = try Self.statusStore()
        let now = ["FINSAM_NOW": "2024-02-20T09:00:00Z"]
        let text = try FinsamProcess.run(["status", "--store", "arkiv", "--period", "2023H2"], in: folder, environment: now)
        #expect(text.status == 0)
        #expect(
            text.stdout == """
                Inlämningar för 2023H2 i arkiv — i dag 2024-02-20, sista dag 2024-02-15

                Beta (beta)
                  deltagare      i tid — mottagen 2024-02-15 23:59, inlämning 3 (1 rad)
                  indikatorsvar  SAKNAS, 5 dagar efter sista dagen
                  aktiviteter    krävs ej (individinriktad insats)
                Alfa (alfa)
                  deltagare      i tid — mottagen 2024-02-14 11:00, inlämning 1 (2 rader)
                  indikatorsvar  SEN, 3 dagar efter sista dagen — mottagen 2024-02-18 10:00, inlämning 2 (1 formulär)
                  aktiviteter    krävs ej (individinriktad insats)
                Gamma (gamma)
                  deltagare      krävs ej (strukturinriktad insats)
                  indikatorsvar  krävs ej (strukturinriktad insats)
                  aktiviteter    i tid — mottagen 2024-02-10 13:00, inlämning 4 (1 rad)

                Rapporteringsgrad: 4 av 5 väntade rapporter mottagna (80 %), 3 i tid (60 %).
                Saknas: 1 rapport — indikatorsvar från 1 insats (Beta).

                """)

        let json = try FinsamProcess.run(["status", "--store", "arkiv", "--period", "2023H2", "--format", "json"], in: folder, environment: now)
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["expected"] as? Int == 5)
        #expect(document["received"] as? Int == 4)
        #expect(document["onTime"] as? Int == 3)
        #expect(document["receivedRate"] as? Double == 0.8)
        #expect(document["onTimeRate"] as? Double == 0.6)
        let insatser = try #require(document["insatser"] as? [[String: Any]])
        #expect(insatser.map { $0["id"] as? String } == ["beta", "alfa", "gamma"])
        #expect(insatser.map { $0["namn"] as? String } == ["Beta", "Alfa", "Gamma"])
        func kind(_ i: Int, _ kind: String) -> [String: Any] { insatser[i][kind] as? [String: Any] ?? [:] }
        #expect(kind(0, "deltagare")["state"] as? String == "i-tid")
        #expect(kind(0, "deltagare")["received"] as? String == "2024-02-15T23:59:59+01:00")
        #expect(kind(0, "indikatorsvar")["state"] as? String == "saknas")
        #expect(kind(0, "indikatorsvar")["daysLate"] as? Int == 5)
        #expect(kind(0, "indikatorsvar")["received"] is NSNull)
        #expect(kind(1, "indikatorsvar")["state"] as? String == "sen")
        #expect(kind(1, "indikatorsvar")["daysLate"] as? Int == 3)
        #expect(kind(1, "indikatorsvar")["received"] as? String == "2024-02-18T10:00:00+01:00")
        #expect(kind(1, "deltagare")["daysLate"] is NSNull)
        #expect(kind(2, "deltagare")["state"] as? String == "kravs-ej")
        #expect(kind(2, "aktiviteter")["state"] as? String == "i-tid")

        let csv = try FinsamProcess.run(["status", "--store", "arkiv", "--period", "2023H2", "--format", "csv"], in: folder, environment: now)
        #expect(
            csv.stdout.hasPrefix(
                "\u{FEFF}insats;namn;period;filtyp;lage;mottagen;dagar_sen;sista_dag;inlamning\r\nbeta;Beta;2023H2;deltagare;i-tid;2024-02-15 23:59;;2024-02-15;3\r\n"
            ))
        #expect(csv.stdout.contains("\r\nalfa;Alfa;2023H2;indikatorsvar;sen;2024-02-18 10:00;3;2024-02-15;2\r\n"))

        // --fail-on-missing: exit 1 when something is missing; 0 once it has come.
        let failing = try FinsamProcess.run(["status", "--store", "arkiv", "--period", "2023H2", "--fail-on-missing"], in: folder, environment: now)
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("finsam: 1 väntad rapport saknas (--fail-on-missing)"))
        try Data((Self.svarHeader + "testforbund;beta;2023H2;deltagare-pagaende;4\n").utf8).write(to: folder.appendingPathComponent("s-beta.csv"))
        #expect(try Self.submit("s-beta.csv", at: "2024-02-21T08:00:00Z", in: folder).status == 0)
        let complete = try FinsamProcess.run(["status", "--store", "arkiv", "--period", "2023H2", "--fail-on-missing"], in: folder, environment: now)
        #expect(complete.status == 0)
        #expect(complete.stdout.contains("Rapporteringsgrad: 5 av 5 väntade rapporter mottagna (100 %), 3 i tid (60 %).\nInget saknas.\n"))
        #expect(complete.stdout.contains("  indikatorsvar  SEN, 6 dagar efter sista dagen — mottagen 2024-02-21 09:00"))
    }

    @Test func aStoreThatDoesNotExistIsAnErrorNotAnEmptyStatus() throws {
        let folder = try TemporaryFolder.make()
        let result = try FinsamProcess.run(["status", "--store", "finns-inte", "--period", "2023H2"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("finns-inte: fel: väntade ett finsam-arkiv, fann ingen mapp"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("finns-inte").path))
        #expect(try FinsamProcess.run(["history", "--store", "finns-inte"], in: folder).status == 1)
    }

    @Test func oneFileForSixInsatserMissingItsIndikatorsvarCountsReportsNotFiles() throws {
        let folder = try TemporaryFolder.make()
        let env = ["FINSAM_STORE": folder.appendingPathComponent("arkiv").path, "FINSAM_NOW": "2023-08-20T10:00:00Z"]
        #expect(
            try FinsamProcess.run(
                ["submit", "--register", Repository.sample("forbund-blekinge.json"), Repository.sample("deltagare-2023H1.csv")],
                environment: env
            ).status == 0)
        let status = try FinsamProcess.run(["status", "--period", "2023H1"], environment: env)
        #expect(!status.stdout.contains("filer saknas"))
        #expect(status.stdout.contains("Rapporteringsgrad: 6 av 13 väntade rapporter mottagna (46 %), 0 i tid (0 %).\n"))
        #expect(
            status.stdout.contains(
                "Saknas: 7 rapporter — indikatorsvar från 6 insatser (Konsultationsteam Karlskrona, Konsultationsteam Karlshamn, Konsultationsteam Ronneby, "
                    + "Konsultationsteam Olofström, Konsultationsteam Sölvesborg, Unga vidare 16–29); aktiviteter från 1 insats (Samverkansutveckling (BIP och SKAPA)).\n"
            ))
        #expect(
            status.stdout.contains(
                "  deltagare      SEN, 5 dagar efter sista dagen — mottagen 2023-08-20 12:00, inlämning 1 (152 rader för 6 insatser)\n"))
        // history --insats takes the name as well as the id.
        let byName = try FinsamProcess.run(["history", "--insats", "Konsultationsteam Ronneby"], environment: env)
        let byID = try FinsamProcess.run(["history", "--insats", "kt-ronneby"], environment: env)
        #expect(byName.stdout == byID.stdout)
        // And names it as receipts and status do, by the register's name (trial 2026-12-06, item 11).
        #expect(byName.stdout.contains("\tKonsultationsteam Ronneby 2023H1\n"), "\(byName.stdout)")
        #expect(!byName.stdout.contains("kt-ronneby"))
    }

    // MARK: plausibility

    static let warningFiles = [
        "h1.csv": deltagareHeader + "testforbund;alfa;2023H1;kvinna;ja;pagaende;;3\ntestforbund;beta;2023H1;man;ja;pagaende;;2\n",
        "h2.csv": deltagareHeader + "testforbund;alfa;2023H2;kvinna;nej;pagaende;;4\ntestforbund;alfa;2023H2;man;nej;avslutad;arbete;1\n",
        "svar-h2.csv": svarHeader + String(repeating: "testforbund;alfa;2023H2;deltagare-avslut;3\n", count: 2)
            + String(repeating: "testforbund;alfa;2023H2;deltagare-pagaende;3\n", count: 6),
        "sen.csv": deltagareHeader + "testforbund;alfa;2024H1;kvinna;ja;pagaende;;1\n",
    ]

    static let continuity =
        "h2.csv: varning: Alfa (alfa) 2023H2: 5 deltagare som inte är nya (ny = nej), men 3 pågående vid slutet av 2023H1 (h1.csv); "
        + "väntade högst 3 — kontrollera kolumnerna ny och status i båda halvåren\n"
    /// Two findings on one insats in one file: one line, the findings joined after the insats's name.
    static let avslutForms =
        "svar-h2.csv: varning: Alfa (alfa) 2023H2: 2 avslutsformulär (deltagare-avslut), men 1 avslutade deltagare (h2.csv); "
        + "väntade högst ett avslutsformulär per avslutad deltagare; "
    static let pagaendeForms =
        "per avslutad deltagare; 6 formulär under insatsen (deltagare-pagaende), men 5 deltagare (h2.csv); "
        + "väntade högst ett formulär per deltagare\n"
    static let withoutDeltagare =
        "h2.csv: varning: Beta (beta) 2023H2: individinriktad och aktiv enligt registret, men 0 deltagare i underlaget "
        + "(1 annan insats har rapporterat deltagare); väntade deltagare, eller att registret anger ett sista halvår före 2023H2 om insatsen har upphört\n"
    static let outside =
        "sen.csv: varning: Alfa (alfa) 2024H1: väntade uppgifter bara för insatsens halvår enligt registret (2023H1–2023H2), fann 2024H1 — "
        + "kontrollera perioden i filen, eller insatsens första och sista halvår i forbund.json\n"

    @Test func validatePrintsEachBuiltInWarningWithItsFiguresAndKeepsExitZero() throws {
        let folder = try Self.folder(Self.warningFiles)
        let result = try FinsamProcess.run(["validate", "--register", "forbund.json", "h1.csv", "h2.csv", "svar-h2.csv", "sen.csv"], in: folder)
        #expect(result.status == 0)
        for warning in [Self.continuity, Self.avslutForms, Self.pagaendeForms, Self.withoutDeltagare, Self.outside] {
            #expect(result.stderr.contains(warning), "\(warning)\n---\n\(result.stderr)")
        }
        #expect(!result.stderr.contains(": fel: "))
        // The files alone, without the halvår before, give no continuity warning.
        let alone = try FinsamProcess.run(["validate", "--register", "forbund.json", "h2.csv"], in: folder)
        #expect(alone.status == 0)
        #expect(!alone.stderr.contains("inte är nya"))
    }

    /// An insats leader validating the own file (trial 2026-12-06, item 2) hears nothing about the other insatser
    /// of the register having 0 deltagare: they are not in the file. `submit --dry-run` judges the same way.
    @Test func validatingOneInsatssFileJudgesOnlyThatInsats() throws {
        let folder = try TemporaryFolder.make()
        let own = try String(contentsOfFile: Repository.sample("deltagare-2023H2.csv"), encoding: .windowsCP1252)
            .components(separatedBy: "\n").enumerated().filter { $0.offset == 0 || $0.element.contains(";Konsultationsteam Karlshamn;") }
            .map(\.element).joined(separator: "\n")
        try Data(own.utf8).write(to: folder.appendingPathComponent("karlshamn.csv"))
        let register = Repository.sample("forbund-blekinge.json")
        let validate = try FinsamProcess.run(["validate", "--register", register, "karlshamn.csv"], in: folder)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.hasPrefix("karlshamn.csv: ok"), "\(validate.stdout)")
        #expect(!validate.stderr.contains("0 deltagare i underlaget"), "\(validate.stderr)")
        let dryRun = try FinsamProcess.run(["submit", "--dry-run", "--store", "arkiv", "--register", register, "karlshamn.csv"], in: folder)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(!dryRun.stderr.contains("0 deltagare i underlaget"), "\(dryRun.stderr)")
    }

    @Test func submitStatusAndReportPrintTheWarningsToo() throws {
        let folder = try Self.folder(Self.warningFiles)
        let env = ["FINSAM_NOW": "2024-02-10T10:00:00Z"]
        #expect(
            try FinsamProcess.run(["submit", "--store", "arkiv", "--register", "forbund.json", "h1.csv"], in: folder, environment: env).status == 0)
        let submit = try FinsamProcess.run(["submit", "--store", "arkiv", "h2.csv", "svar-h2.csv"], in: folder, environment: env)
        #expect(submit.status == 0)
        // From the store: the file is named as it was submitted.
        #expect(submit.stderr.contains("h2.csv (i arkivet): varning: Alfa (alfa) 2023H2: 5 deltagare som inte är nya (ny = nej), men 3 pågående"))
        #expect(submit.stderr.contains("svar-h2.csv (i arkivet): varning: Alfa (alfa) 2023H2: 2 avslutsformulär"))
        let status = try FinsamProcess.run(["status", "--store", "arkiv", "--period", "2023H2"], in: folder, environment: env)
        #expect(status.status == 0)
        // One line for the insats in that file: its second finding after a semicolon.
        #expect(status.stderr.contains("per avslutad deltagare; 6 formulär under insatsen (deltagare-pagaende), men 5 deltagare"))
        #expect(
            status.stderr.contains(": varning: Beta (beta) 2023H2: individinriktad och aktiv enligt registret, men 0 deltagare"))
        // The warning names the halvår's deltagare file, not the register.
        #expect(!status.stderr.contains("forbund.json: varning: Beta"))
        let report = try FinsamProcess.run(
            ["report", "--register", "forbund.json", "--period", "2023H2", "h1.csv", "h2.csv", "svar-h2.csv"], in: folder)
        #expect(report.status == 0)
        for warning in [Self.continuity, Self.avslutForms, Self.pagaendeForms, Self.withoutDeltagare] {
            #expect(report.stderr.contains(warning))
        }
    }

    @Test func aBrokenFelRuleStopsTheReportNamingItsIDAndAVarningRuleDoesNot() throws {
        var files = Self.warningFiles
        files["regler.json"] = """
            {"version": 1, "regler": [
              {"id": "avslut-hogst-avslutade", "title": "Högst ett avslutsformulär per avslutad", "left": {"type": "count", "of": "formular", "enkat": "deltagare-avslut"},
               "op": "<=", "right": {"type": "count", "of": "avslutade"}, "per": "insats", "severity": "fel"},
              {"id": "minst-tio", "title": "Minst tio deltagare i förbundet", "left": {"type": "count", "of": "alla"},
               "op": ">=", "right": {"type": "count", "of": "nya"}, "per": "forbund", "severity": "varning"}]}
            """
        files["varning.json"] = files["regler.json"]!.replacingOccurrences(of: "\"fel\"", with: "\"varning\"")
        let folder = try Self.folder(files)
        let arguments = ["report", "--register", "forbund.json", "--period", "2023H2", "h1.csv", "h2.csv", "svar-h2.csv"]
        let stopped = try FinsamProcess.run(arguments + ["--regler", "regler.json"], in: folder)
        #expect(stopped.status == 1)
        #expect(stopped.stdout == "")
        #expect(
            stopped.stderr.contains(
                "regler.json: fel: regel avslut-hogst-avslutade (Högst ett avslutsformulär per avslutad): Alfa (alfa) 2023H2: 2 formulär (deltagare-avslut), väntade högst 1 avslutade\n"
            ))
        #expect(stopped.stderr.contains("regler.json: fel: regel avslut-hogst-avslutade med allvarlighet fel gäller inte"))
        let warned = try FinsamProcess.run(arguments + ["--regler", "varning.json"], in: folder)
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("varning.json: varning: regel avslut-hogst-avslutade"))
        #expect(warned.stdout.hasPrefix("# Halvårsrapport juli–december 2023"))
        // validate and status only warn, whatever the severity.
        #expect(
            try FinsamProcess.run(["validate", "--register", "forbund.json", "--regler", "regler.json", "h2.csv", "svar-h2.csv"], in: folder).status
                == 0)
    }

    @Test func aRuleFileIsReadStrictly() throws {
        let rule = """
            {"version": 1, "regler": [
              {"id": "a", "title": "A", "left": {"type": "exitShare"}, "op": "OP", "right": {"type": "count", "of": "formular", "enkat": "okand"},
               "per": "insats", "severity": "varning"}]}
            """
        let folder = try Self.folder([
            "fel-op.json": rule.replacingOccurrences(of: "OP", with: "<"), "regler.json": rule.replacingOccurrences(of: "OP", with: "<="),
            "h2.csv": Self.warningFiles["h2.csv"]!,
        ])
        let op = try FinsamProcess.run(["validate", "--register", "forbund.json", "--regler", "fel-op.json", "h2.csv"], in: folder)
        #expect(op.status == 1)
        #expect(op.stderr == "fel-op.json:2:66: fel: regler[0].op: väntade <=, >= eller ==, fann \"<\"\n")
        let measures = try FinsamProcess.run(["validate", "--register", "forbund.json", "--regler", "regler.json", "h2.csv"], in: folder)
        #expect(measures.status == 1)
        #expect(measures.stderr.contains("regler.json:2:46: fel: regler[0].left.type: väntade count (en regel jämför två antal), fann exitShare\n"))
        #expect(measures.stderr.contains("regler[0].right.enkat[0]: väntade"))
        #expect(measures.stderr.contains("fann \"okand\""))
    }

    // MARK: approval

    @Test func approveLocksRefusesASubmitByteForByteReopenUnlocksAndHistoryKeepsBoth() throws {
        let folder = try Self.folder(Self.statusFiles)
        let store = folder.appendingPathComponent("arkiv")
        #expect(try Self.submit("d-alfa.csv", at: "2024-02-14T10:00:00Z", in: folder, register: true).status == 0)
        #expect(try Self.submit("d-beta.csv", at: "2024-02-14T11:00:00Z", in: folder).status == 0)
        let env = ["FINSAM_NOW": "2024-02-21T09:15:00Z"]
        let approve = try FinsamProcess.run(
            ["approve", "--store", "arkiv", "--period", "2023H2", "--beslut", "styrelsen 2024-02-20 § 12"], in: folder, environment: env)
        #expect(approve.status == 0, "\(approve.stderr)")
        #expect(
            approve.stdout.hasPrefix(
                "Perioden 2023H2 är fastställd: styrelsen 2024-02-20 § 12\n  registrerad:  2024-02-21 10:15 (svensk tid), händelse 1"))
        // The approved report, the same bytes every time, with the decision on the cover.
        let first = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2"], in: folder)
        let second = try FinsamProcess.run(
            ["report", "--store", "arkiv", "--period", "2023H2"], in: folder, environment: ["FINSAM_NOW": "2025-01-01T00:00:00Z"])
        #expect(first.status == 0)
        #expect(first.stdoutBytes == second.stdoutBytes)
        #expect(first.stdout.contains("**Fastställd: styrelsen 2024-02-20 § 12 (registrerad i arkivet 2024-02-21 10:15).**"))
        let json = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2", "--format", "json"], in: folder)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["fastallelse"] as? String == "Fastställd: styrelsen 2024-02-20 § 12 (registrerad i arkivet 2024-02-21 10:15).")
        let kept = try #require(
            try FileManager.default.contentsOfDirectory(atPath: store.appendingPathComponent("approvals").path).first {
                $0.hasSuffix(".json") && $0.count == 69
            })
        _ = kept

        // Other goals only in a new draft; --unsuppressed computes the approved report anew from the approved files.
        let goals = try FinsamProcess.run(
            ["report", "--store", "arkiv", "--period", "2023H2", "--goals", Repository.sample("mal-blekinge.json")], in: folder)
        #expect(goals.status == 2)
        #expect(goals.stderr.contains("--goals: perioden 2023H2 är fastställd (styrelsen 2024-02-20 § 12)"))
        let asked = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2", "--draft"], in: folder)
        #expect(
            asked.stdout.contains(
                "**Utkast, inte den fastställda rapporten: perioden 2023H2 är fastställd (styrelsen 2024-02-20 § 12, 2024-02-21).**"))
        let raw = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2", "--unsuppressed"], in: folder)
        #expect(raw.stdout.contains("OSKYDDAD"))
        #expect(raw.stdout.contains("**Fastställd: styrelsen 2024-02-20 § 12 (registrerad i arkivet 2024-02-21 10:15).**"))
        // Another limit: computed anew, and the cover says it is not the approved report.
        let three = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2", "--threshold", "3"], in: folder)
        #expect(three.status == 0)
        #expect(
            three.stdout.contains(
                "**Inte den fastställda rapporten: beräknad på nytt ur det fastställda underlaget med skyddsgränsen 3 (den fastställda har 5). "
                    + "Fastställd: styrelsen 2024-02-20 § 12"))

        // A submit for the locked period is refused, and the store is unchanged byte for byte.
        try Data((Self.svarHeader + "testforbund;alfa;2023H2;deltagare-pagaende;3\n").utf8).write(to: folder.appendingPathComponent("s-alfa.csv"))
        let before = Self.snapshot(store)
        let refused = try FinsamProcess.run(["submit", "--store", "arkiv", "s-alfa.csv"], in: folder, environment: env)
        #expect(refused.status == 1)
        #expect(refused.stdout == "")
        // What happened, and what to do, with the commands to type (issue #26's leftovers).
        #expect(
            refused.stderr
                == "s-alfa.csv: fel: filen har rader för 2023H2, men perioden 2023H2 är fastställd (styrelsen 2024-02-20 § 12) och låst, "
                + "så filen togs inte emot. Ska den ändra det fastställda underlaget: återöppna perioden först med "
                + "finsam reopen --period 2023H2 --reason \"varför underlaget ändras\" --store arkiv, lämna sedan in filen igen och fastställ "
                + "perioden på nytt med finsam approve --period 2023H2 --beslut \"…\" --store arkiv\n"
                + "finsam: inget sparades, arkivet är som förut\n")
        #expect(Self.snapshot(store) == before)
        let locked = try FinsamProcess.run(["status", "--store", "arkiv", "--period", "2023H2"], in: folder, environment: env)
        #expect(locked.stdout.contains("\nPerioden 2023H2 är fastställd (styrelsen 2024-02-20 § 12): nya inlämningar vägras tills den återöppnas.\n"))
        // A decision or reason with personal data is refused before anything is stored.
        let personal = try FinsamProcess.run(["reopen", "--store", "arkiv", "--period", "2023H2", "--reason", "fel av 19811218-9876"], in: folder)
        #expect(personal.status == 2)
        #expect(personal.stderr.contains("--reason: väntade inga personuppgifter"))
        // Approving again is refused too.
        #expect(try FinsamProcess.run(["approve", "--store", "arkiv", "--period", "2023H2", "--beslut", "igen"], in: folder).status == 1)
        // The year over an approved halvår names the halvår, and the store, not its index, as the place.
        let year = try FinsamProcess.run(["approve", "--store", "arkiv", "--period", "2023", "--beslut", "året"], in: folder)
        #expect(year.status == 1)
        #expect(
            year.stderr.contains(
                "arkiv: fel: väntade en period som inte är fastställd, fann 2023H2, en del av 2023, redan fastställd (styrelsen 2024-02-20 § 12"),
            "\(year.stderr)")

        let reopen = try FinsamProcess.run(
            ["reopen", "--store", "arkiv", "--period", "2023H2", "--reason", "indikatorsvar från Alfa kom efter beslutet"], in: folder,
            environment: ["FINSAM_NOW": "2024-03-01T08:00:00Z"])
        #expect(reopen.status == 0)
        #expect(reopen.stdout.hasPrefix("Perioden 2023H2 är återöppnad: indikatorsvar från Alfa kom efter beslutet\n"))
        #expect(try FinsamProcess.run(["submit", "--store", "arkiv", "s-alfa.csv"], in: folder, environment: env).status == 0)
        let draft = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2"], in: folder)
        #expect(draft.status == 0)
        #expect(
            draft.stdout.contains(
                "**Nytt utkast: perioden 2023H2 fastställdes 2024-02-21 (styrelsen 2024-02-20 § 12) och återöppnades 2024-03-01: indikatorsvar från Alfa kom efter beslutet.**"
            ))
        let history = try FinsamProcess.run(["history", "--store", "arkiv"], in: folder)
        #expect(
            history.stdout.hasSuffix(
                """

                nr\ttid (svensk tid)\thändelse\tperiod\ttext
                1\t2024-02-21 10:15\tfastställd\t2023H2\tstyrelsen 2024-02-20 § 12
                2\t2024-03-01 09:00\tåteröppnad\t2023H2\tindikatorsvar från Alfa kom efter beslutet

                """))
        #expect(try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder).status == 0)
        // verify checks what the approval kept: a changed approved report is found and named.
        let approvals = store.appendingPathComponent("approvals")
        let markdown = try #require(try FileManager.default.contentsOfDirectory(atPath: approvals.path).first { $0.hasSuffix(".md") })
        try Data("ändrad\n".utf8).write(to: approvals.appendingPathComponent(markdown))
        let verify = try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder)
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("arkiv/approvals/\(markdown): fel: kontrollsumman för rapport.md till fastställelse 1 stämmer inte"))
    }

    /// The tester's walk-through (trial 2026-12-06, item 1): Blekinge's 2023H2 approved without the aktiviteter and
    /// samverkansgrupp files. The approval stands, but `approve` says on stderr which reports are missing, which goals
    /// the approved report shows as "inga uppgifter", and what to do.
    @Test func approveWarnsNamingTheMissingReportsTheGoalsWithoutDataAndWhatToDo() throws {
        let folder = try TemporaryFolder.make()
        let submit = try FinsamProcess.run(
            ["submit", "--store", "arkiv", "--register", Repository.sample("forbund-blekinge.json")]
                + ["deltagare-2023H1.csv", "indikatorsvar-2023H1.csv", "deltagare-2023H2.csv", "indikatorsvar-2023H2.csv"].map(Repository.sample),
            in: folder, environment: ["FINSAM_NOW": "2024-02-14T15:00:00Z"])
        #expect(submit.status == 0, "\(submit.stderr)")
        let approve = try FinsamProcess.run(
            [
                "approve", "--store", "arkiv", "--period", "2023H2", "--beslut", "styrelsen 2024-02-20 § 12", "--goals",
                Repository.sample("mal-blekinge.json"),
            ], in: folder, environment: ["FINSAM_NOW": "2024-02-21T10:00:00Z"])
        #expect(approve.status == 0, "\(approve.stderr)")
        // How to reopen, with the store to reopen it in.
        #expect(
            approve.stdout.contains("vägras tills perioden återöppnas: finsam reopen --store arkiv --period 2023H2 --reason"), "\(approve.stdout)")
        #expect(
            approve.stderr.contains(
                "finsam: varning: perioden juli–december 2023 fastställdes utan 1 väntad rapport: aktiviteter från Samverkansutveckling (BIP och SKAPA)"
            ),
            "\(approve.stderr)")
        #expect(
            approve.stderr.contains("\"Samverkanskompetens\", \"Styrelsemöten\" och \"Lokala samverkansgrupper\" har inga uppgifter"),
            "\(approve.stderr)")
        #expect(
            approve.stderr.contains(
                "återöppna perioden med finsam reopen --store arkiv --period 2023H2 --reason \"underlag saknades\", lämna in filerna med finsam submit --store arkiv"
            ), "\(approve.stderr)")
        // With every file in, nothing to warn about.
        let rest = try FinsamProcess.run(
            ["reopen", "--store", "arkiv", "--period", "2023H2", "--reason", "underlag saknades"], in: folder)
        #expect(rest.status == 0, "\(rest.stderr)")
        let more = try FinsamProcess.run(
            ["submit", "--store", "arkiv"]
                + [
                    "aktiviteter-2023H1.csv", "indikatorsvar-samverkansgrupp-2023H1.csv", "aktiviteter-2023H2.csv",
                    "indikatorsvar-samverkansgrupp-2023H2.csv",
                ]
                .map(Repository.sample), in: folder)
        #expect(more.status == 0, "\(more.stderr)")
        let again = try FinsamProcess.run(["approve", "--store", "arkiv", "--period", "2023H2", "--beslut", "styrelsen 2024-03-20 § 3"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stderr.contains("varning"), "\(again.stderr)")
    }

    /// README's kansli walk-through submits every Blekinge file of 2023 before it approves 2023H2, so that the
    /// report the styrelse approves has a figure for every goal.
    @Test func theReadmeWalkThroughSubmitsEveryFileBeforeApproving() throws {
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## The kansli's halvår").dropFirst().first)
        let beforeApprove = try #require(section.components(separatedBy: "swift run finsam approve").first)
        let submitted = Set(
            beforeApprove.components(separatedBy: "\n").filter { $0.contains("finsam submit") }
                .flatMap { $0.split(separator: " ").filter { $0.hasPrefix("SampleData/") && $0.hasSuffix(".csv") }.map(String.init) })
        let blekinge2023 = try FileManager.default.contentsOfDirectory(atPath: Repository.path("SampleData"))
            .filter { $0.hasSuffix(".csv") && $0.contains("-2023H") }.map { "SampleData/" + $0 }
        #expect(blekinge2023.count == 8)
        #expect(Set(blekinge2023).subtracting(submitted).isEmpty, "not submitted: \(Set(blekinge2023).subtracting(submitted).sorted())")
    }

    /// A period reopened and approved again without `--goals` keeps the goals it was approved with, and says
    /// so: the styrelse read a draft with them (the draft after a reopen uses them too).
    @Test func approvingAReopenedPeriodAgainKeepsTheGoalsItWasApprovedWith() throws {
        var files = Self.statusFiles
        files["mal.json"] = """
            {"version": 2, "minN": 5, "goals": [{"id": "deltagare", "title": "Antal deltagare", "target": 5, "measure": {"type": "count", "of": "alla"}}]}
            """
        let folder = try Self.folder(files)
        #expect(try Self.submit("d-alfa.csv", at: "2024-02-14T10:00:00Z", in: folder, register: true).status == 0)
        let first = try FinsamProcess.run(
            ["approve", "--store", "arkiv", "--period", "2023H2", "--goals", "mal.json", "--beslut", "styrelsen § 1"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try FinsamProcess.run(["reopen", "--store", "arkiv", "--period", "2023H2", "--reason", "en fil till"], in: folder).status == 0)
        #expect(try Self.submit("d-beta.csv", at: "2024-02-20T10:00:00Z", in: folder).status == 0)
        let again = try FinsamProcess.run(["approve", "--store", "arkiv", "--period", "2023H2", "--beslut", "styrelsen § 2"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            again.stderr.contains(
                "approve: rapporten görs med målen mal.json och registret forbund.json i arkivet från fastställelsen 1 (styrelsen § 1)"),
            "\(again.stderr)")
        let report = try FinsamProcess.run(["report", "--store", "arkiv", "--period", "2023H2"], in: folder)
        #expect(report.stdout.contains("Fastställd: styrelsen § 2"))
        #expect(report.stdout.contains("| Antal deltagare |"), "\(report.stdout)")
    }

    @Test func anApprovalKilledAtAnyMomentLeavesThePeriodLockedWithEverythingOrNotLocked() throws {
        let folder = try Self.folder(Self.statusFiles)
        let store = folder.appendingPathComponent("arkiv")
        #expect(try Self.submit("d-alfa.csv", at: "2024-02-14T10:00:00Z", in: folder, register: true).status == 0)
        try Data((Self.svarHeader + "testforbund;alfa;2023H2;deltagare-pagaende;3\n").utf8).write(to: folder.appendingPathComponent("s-alfa.csv"))

        struct Index: Decodable {
            struct Event: Decodable {
                struct Artefact: Decodable { var role: String; var sha256: String; var file: String }
                var kind: String
                var artefacts: [Artefact]?
            }
            var version: Int
            var approvals: [Event]?
        }
        func index() throws -> Index { try JSONDecoder().decode(Index.self, from: Data(contentsOf: store.appendingPathComponent("index.json"))) }
        func approve(killAfter delay: UInt32?, pause: String? = nil) throws {
            let process = Process()
            process.executableURL = FinsamProcess.binary
            process.arguments = ["approve", "--store", "arkiv", "--period", "2023H2", "--beslut", "styrelsen § 1"]
            process.currentDirectoryURL = folder
            var environment = ProcessInfo.processInfo.environment
            environment["FINSAM_TEST_PAUSE_BEFORE_INDEX"] = pause
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if let delay {
                usleep(delay)
                kill(process.processIdentifier, SIGKILL)
            } else if pause != nil {
                // Paused before the index: killed once its files are written, however slow the machine.
                let approvals = store.appendingPathComponent("approvals").path
                let deadline = Date().addingTimeInterval(120)
                while Date() < deadline, process.isRunning,
                    (try? FileManager.default.contentsOfDirectory(atPath: approvals))?.contains(where: { $0.hasSuffix(".md") }) != true
                {
                    usleep(20_000)
                }
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
        }
        /// Locked, with every file its approval names intact; or not locked, and a submit is taken.
        func check(_ attempt: Int) throws -> Bool {
            let events = try index().approvals ?? []
            let locked = events.last?.kind == "faststalld"
            if locked {
                for artefact in events.last?.artefacts ?? [] {
                    let data = try Data(contentsOf: store.appendingPathComponent(artefact.file))
                    #expect(data.count > 0, "attempt \(attempt): \(artefact.role)")
                }
                #expect(events.last?.artefacts?.map(\.role).sorted() == ["rapport.csv", "rapport.html", "rapport.json", "rapport.md", "register"])
                let refused = try FinsamProcess.run(["submit", "--store", "arkiv", "--dry-run", "s-alfa.csv"], in: folder)
                #expect(refused.status == 1, "attempt \(attempt)")
                #expect(
                    try FinsamProcess.run(["reopen", "--store", "arkiv", "--period", "2023H2", "--reason", "prov \(attempt)"], in: folder).status == 0
                )
            } else {
                // Taken; or, when the approval's record was written but not the index, refused until `verify
                // --repair` has put the approval back (a file taken then would enter a period approved before it).
                let submit = try FinsamProcess.run(["submit", "--store", "arkiv", "--dry-run", "s-alfa.csv"], in: folder)
                #expect(
                    submit.status == 0 || submit.stderr.contains("bara i approvals/, från en körning som avbröts; kör finsam verify --repair"),
                    "attempt \(attempt): \(submit.stderr)")
            }
            // At worst a temporary file of the killed approve is left, which verify names and --repair removes, or
            // the approval's record with every file it names, which --repair puts into the index (issue #25).
            for line in try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder).stderr.split(separator: "\n") {
                #expect(
                    (line.contains("/.finsam-tmp-") && line.contains("tillfällig fil från en avbruten"))
                        || (line.contains("/handelse-") && line.contains("(fastställd 2023H2: styrelsen § 1) finns i arkivet men inte i indexet")),
                    "attempt \(attempt): \(line)")
            }
            #expect(try FinsamProcess.run(["verify", "--repair", "--store", "arkiv"], in: folder).status == 0, "attempt \(attempt)")
            #expect(try FinsamProcess.run(["verify", "--store", "arkiv"], in: folder).status == 0, "attempt \(attempt)")
            return locked
        }

        // Killed while its files are written and the index is not: not locked.
        try approve(killAfter: nil, pause: nil)
        #expect(try check(-1))
        try approve(killAfter: nil, pause: "120")
        #expect(try !check(0))
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.appendingPathComponent("approvals").path).contains { $0.hasSuffix(".md") })

        // Killed at random moments across an uninterrupted approve's run: never half. (Which outcome each kill
        // gives depends on the machine's speed; both are shown deterministically above.)
        let started = Date()
        try approve(killAfter: nil)
        let window = UInt32(max(Date().timeIntervalSince(started), 0.005) * 1.5 * 1_000_000)
        _ = try check(1)
        var generator = SystemRandomNumberGenerator()
        for attempt in 2..<22 {
            try approve(killAfter: UInt32.random(in: 0...window, using: &generator))
            _ = try check(attempt)
        }
    }
}
