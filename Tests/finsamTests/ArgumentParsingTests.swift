import FinsamTestSupport
import Testing

@testable import finsam

/// The parser called directly, no process: what a command line means, and the one line a mistake gets.
@Suite struct ArgumentParsingTests {
    func usageMessage(_ body: () throws(CLIError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            guard case .usage(let message) = error else { return "not a usage error: \(error)" }
            return message
        }
    }

    @Test func optionsFlagsAndPathsAreReadAgainstTheVerbsDeclaration() throws {
        let arguments = try Arguments(
            ["--period", "2023H2", "a.csv", "--format=json", "--fail-on-unmet", "-", "--threshold", "-3", "b.csv"],
            verb: ReportCommand.verb)
        #expect(arguments["period"] == "2023H2")
        #expect(arguments["format"] == "json")
        #expect(arguments["threshold"] == "-3")
        #expect(arguments["forbund"] == nil)
        #expect(arguments.has("fail-on-unmet"))
        #expect(!arguments.has("unsuppressed"))
        #expect(arguments.positionals == ["a.csv", "-", "b.csv"])
    }

    @Test func afterTwoDashesEveryWordIsAPath() throws {
        let arguments = try Arguments(["--format", "json", "--", "--format", "-x.csv", "--", "-h"], verb: ValidateCommand.verb)
        #expect(arguments["format"] == "json")
        #expect(arguments.positionals == ["--format", "-x.csv", "--", "-h"])
        guard case .run(let verb, let parsed) = try Invocation(["validate", "--", "--help", "-h"]) else {
            Issue.record("väntade att validate körs")
            return
        }
        #expect(verb.name == "validate")
        #expect(parsed.positionals == ["--help", "-h"])
    }

    @Test(arguments: [
        (["--perod", "2023H2"], "okänd flagga --perod; menade du --period?"),
        (["--period=2023H2", "--treshold=3"], "okänd flagga --treshold; menade du --threshold?"),
        (["--period"], "--period behöver ett värde (--period P)"),
        (["--period", "2023H2", "--format", "pdf"], "--format: väntade md, html, json, csv, uppfoljning eller uppfoljning-json, fann \"pdf\""),
        (["--period", "2023H2", "--fail-on-unmet=ja"], "--fail-on-unmet tar inget värde, fann \"--fail-on-unmet=ja\""),
        (["a.csv"], "--period saknas (--period P)"),
        (["--", "--period", "2023H2"], "--period saknas (--period P)"),
    ])
    func aReportMistakeIsOneLine(words: [String], message: String) {
        #expect(usageMessage { () throws(CLIError) in _ = try Arguments(words, verb: ReportCommand.verb) } == message)
    }

    @Test func anUnknownFlagFarFromAnyListsTheFlagsTheVerbTakes() {
        #expect(
            usageMessage { () throws(CLIError) in _ = try Arguments(["-q", "a.csv"], verb: ValidateCommand.verb) }
                == "okänd flagga -q (giltiga här: --format, --annotate, --regler, --register, --avslutsorsaker, --indikatorer, --aktiviteter, --dimensioner)"
        )
        #expect(
            usageMessage { () throws(CLIError) in _ = try Arguments(["--store", "a"], verb: TemplateCommand.verb) }
                == "okänd flagga --store (giltiga här: --format, --register, --insats, --period, --enkat, --output, --indikatorer, --avslutsorsaker, --aktiviteter, --dimensioner)"
        )
    }

    @Test func helpAndVersionWinOverTheRestOfTheLine() throws {
        for words in [["report", "--help"], ["report", "--perod", "x", "-h"], ["help", "report"]] {
            guard case .help(let verb) = try Invocation(words) else {
                Issue.record("\(words): väntade hjälpen")
                continue
            }
            #expect(verb.name == "report")
        }
        for words in [["--help"], ["-h"], ["help"]] {
            guard case .usage = try Invocation(words) else {
                Issue.record("\(words): väntade användningen")
                continue
            }
        }
        guard case .version = try Invocation(["--version"]) else {
            Issue.record("väntade versionen")
            return
        }
    }

    @Test func anUnknownVerbIsNamedWithTheNearestOne() {
        #expect(usageMessage { () throws(CLIError) in _ = try Invocation(["raport"]) } == "okänt verb \"raport\"; menade du report?")
        #expect(
            usageMessage { () throws(CLIError) in _ = try Invocation(["help", "flyga"]) }
                == "okänt verb \"flyga\" (verben är validate, template, report, submit, status, history, verify, approve, reopen eller aggregate)")
        #expect(
            usageMessage { () throws(CLIError) in _ = try Invocation(["--period", "2023H2"]) } == "väntade ett verb före flaggorna, fann --period")
        #expect(usageMessage { () throws(CLIError) in _ = try Invocation([]) } == "ange ett verb")
    }

    /// The drift this table exists to prevent: every option a help text shows is one the parser takes, and back.
    @Test func everyDeclaredOptionIsAcceptedAndShownInItsVerbsHelp() throws {
        let usage = Usage.global(Verbs.all)
        #expect(Set(Verbs.all.map(\.name)).count == Verbs.all.count)
        for verb in Verbs.all {
            #expect(usage.contains("  \(verb.name) "))
            #expect(usage.contains(verb.summary))
            let help = Usage.help(verb)
            let required = verb.options.filter(\.isRequired).flatMap { ["--\($0.name)", "2023H2"] }
            for option in verb.options {
                // A long first column stands on a line of its own.
                #expect(
                    help.contains("\n  \(option.spelling) ") || help.contains("\n  \(option.spelling)\n"), "\(verb.name): \(option.spelling)")
                let value = option.choices.last ?? "2023H2"
                let arguments = try Arguments(required + (option.isFlag ? ["--\(option.name)"] : ["--\(option.name)", value]), verb: verb)
                #expect(option.isFlag ? arguments.has(option.name) : arguments[option.name] == value, "\(verb.name) --\(option.name)")
            }
            for line in help.split(separator: "\n") { #expect(line.count <= Usage.width, "\(verb.name): \(line)") }
        }
        for line in usage.split(separator: "\n") { #expect(line.count <= Usage.width, "\(line)") }
    }

    @Test func longTextsAreWrappedAtSpacesUnderTheirColumn() {
        #expect(Usage.wrap("aaa bbb ccc", indent: 2) == "aaa bbb ccc")
        // 23 words of 4 columns end at column 6 + 91 = 97; a 24th would pass 100.
        let wrapped = Usage.wrap(Array(repeating: "ord", count: 50), indent: 6)
        #expect(wrapped.split(separator: "\n").map(\.count) == [91, 97, 21])
        #expect(wrapped.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("      ord") })
        let long = "--en-mycket-lang-flagga-med-ett-langt-varde VARDE"
        #expect(
            Usage.table([("--a", "kort"), (long, "text")])
                == "  --a" + String(repeating: " ", count: 37) + "kort\n" + "  \(long)\n" + String(repeating: " ", count: 42) + "text\n")
    }
}
