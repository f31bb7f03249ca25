import FinsamTestSupport
import Foundation
import Testing

@testable import finsam

/// `--help`, `help VERB`, `--version`, `--` and a usage mistake, as a user meets them.
@Suite struct HelpCommandTests {
    @Test func eachVerbHasItsHelpOnStandardOutputWithExitZero() throws {
        let help = try FinsamProcess.run(["report", "--help"])
        #expect(help.status == 0)
        #expect(help.stderr == "")
        #expect(
            help.stdout.hasPrefix(
                "finsam report — halvårsrapporten, från filer eller från arkivet\n\nanvändning: finsam report --period P [--forbund F]"))
        // The long --format choice (with the Uppföljning Finsam formats) widens the first column to its cap.
        #expect(
            help.stdout.contains(
                "\n  --period P                              halvåret eller året: 2023H1, 2023H2 eller 2023; flera i\n"
                    + "                                          följd: 2022H2..2023H2 (krävs)\n"))
        #expect(help.stdout.contains("\n  --unsuppressed                          visar alla antal"))
        #expect(try FinsamProcess.run(["report", "-h"]).stdout == help.stdout)
        let viaHelp = try FinsamProcess.run(["help", "report"])
        #expect(viaHelp.status == 0)
        #expect(viaHelp.stdout == help.stdout)
        for verb in Verbs.all {
            let result = try FinsamProcess.run([verb.name, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout == Usage.help(verb))
        }
    }

    @Test func theGlobalHelpListsEveryVerb() throws {
        let result = try FinsamProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("finsam — uppföljning av samordningsförbundens insatser (Finsam)\n"))
        #expect(result.stdout.contains("\n  validate [flaggor] FIL...               kontrollerar filer; skriver varje problem som FIL:RAD:KOL\n"))
        #expect(result.stdout.contains("\n  status --period P [flaggor]             vem som har rapporterat i tid, sent eller inte alls\n"))
        #expect(try FinsamProcess.run(["help"]).stdout == result.stdout)
        let nothing = try FinsamProcess.run([])
        #expect(nothing.status == 2)
        #expect(nothing.stdout == "")
        #expect(nothing.stderr == result.stdout)
    }

    @Test func versionPrintsOneLine() throws {
        let result = try FinsamProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "finsam 0.9.0\n")
        #expect(result.stdout == FinsamCommandLine.version + "\n")
    }

    @Test func twoDashesEndTheFlagsSoAFileMayStartWithADash() throws {
        let folder = try TemporaryFolder.make()
        try Data("forbund;insats;period;kon;status;avslutsorsak\nb;x;2023H1;kvinna;pagaende;\n".utf8).write(
            to: folder.appendingPathComponent("-d.csv"))
        let result = try FinsamProcess.run(["validate", "--", "-d.csv"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout == "-d.csv: ok — deltagare, 1 rad, UTF-8, semikolon\n")
        let without = try FinsamProcess.run(["validate", "-d.csv"], in: folder)
        #expect(without.status == 2)
        #expect(
            without.stderr
                == "finsam: okänd flagga -d.csv (giltiga här: --format, --annotate, --regler, --register, --avslutsorsaker, --indikatorer, --aktiviteter, --dimensioner)\n"
                + "se finsam validate --help\n")
    }

    @Test(arguments: [
        (["report", "--perod", "2023H2"], "finsam: okänd flagga --perod; menade du --period?\nse finsam report --help\n"),
        (["status"], "finsam: --period saknas (--period P)\nse finsam status --help\n"),
        (
            ["aggregate", "--on-error", "fortsätt", "x.csv"],
            "finsam: --on-error: väntade stop eller skip, fann \"fortsätt\"\nse finsam aggregate --help\n"
        ),
        (["validate"], "finsam: validate behöver minst en fil\nse finsam validate --help\n"),
        (["raport", "--period", "2023H2"], "finsam: okänt verb \"raport\"; menade du report?\nse finsam --help\n"),
        (["help", "raport"], "finsam: okänt verb \"raport\"; menade du report?\nse finsam --help\n"),
    ])
    func aUsageMistakeGetsOneLineAndWhereToReadMore(words: [String], stderr: String) throws {
        let result = try FinsamProcess.run(words)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == stderr)
        #expect(result.stderr.split(separator: "\n").count <= 4)
    }

    @Test func withFormatJSONEveryProblemIsAJSONList() throws {
        let usage = try FinsamProcess.run(["validate", "--format", "json", "--snabbt", "a.csv"])
        #expect(usage.status == 2)
        let list = try JSONSerialization.jsonObject(with: Data(usage.stderr.utf8)) as! [[String: Any]]
        #expect(list.count == 1)
        #expect(list[0]["file"] as? String == "finsam")
        #expect(
            list[0]["message"] as? String
                == "okänd flagga --snabbt (giltiga här: --format, --annotate, --regler, --register, --avslutsorsaker, --indikatorer, --aktiviteter, --dimensioner)"
        )
        let unmet = try FinsamProcess.run(
            [
                "report", "--period", "2023H2", "--format=json", "--fail-on-unmet", "--goals", Repository.sample("mal-blekinge.json"),
                "--register", Repository.sample("forbund-blekinge.json"),
            ] + Repository.sampleCSVs)
        #expect(unmet.status == 1)
        let problems = try JSONSerialization.jsonObject(with: Data(unmet.stderr.utf8)) as! [[String: Any]]
        // Stöd och inflytande (57 %) and the lokala samverkansgrupper (4 of 5, #27 item 15) are not met.
        #expect(problems.map { $0["message"] as? String } == ["mål ej uppfyllda: stod-och-inflytande, lokala-samverkansgrupper"])
        // After `--`, "--format json" names files: problems are text again.
        let files = try FinsamProcess.run(["validate", "--", "--format", "json"])
        #expect(files.status == 3)
        #expect(files.stderr.hasPrefix("--format: fel: kan inte öppna filen"))
    }
}
