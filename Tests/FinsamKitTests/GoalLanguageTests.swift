import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// Goal language version 2 (DOMAIN §5): every measure, scope key, target form and period form against
/// figures counted by hand from the rows below.
@Suite struct GoalLanguageTests {
    static let deltagare = """
        forbund;insats;period;kon;aldersgrupp;ny;status;avslutsorsak;antal
        f;A;2022H2;man;30-39;ja;pagaende;;4
        f;B;2022H2;kvinna;25-29;ja;pagaende;;5
        f;A;2023H1;kvinna;20-24;ja;avslutad;arbete;3
        f;A;2023H1;kvinna;40-49;nej;avslutad;sjukdom;2
        f;A;2023H1;man;16-19;ja;avslutad;studier;1
        f;A;2023H1;man;30-39;nej;avslutad;avbrott;4
        f;B;2023H1;kvinna;25-29;ja;pagaende;;5
        f;B;2023H1;man;50-59;ja;avslutad;arbetssokande;2
        f;B;2023H1;annat;;ja;pagaende;;1
        f;A;2023H2;kvinna;20-24;nej;avslutad;arbete;2
        f;B;2023H2;kvinna;25-29;nej;pagaende;;5
        f;B;2023H2;man;60-64;ja;pagaende;;3
        """

    static let forms = """
        forbund;insats;period;enkat;kon;aldersgrupp;redo;stod
        f;A;2023H1;deltagare-avslut;kvinna;20-24;4;3
        f;A;2023H1;deltagare-avslut;man;40-49;2;2
        f;B;2023H1;deltagare-avslut;kvinna;30-39;3;
        f;B;2023H1;deltagare-pagaende;;;;4
        """

    static let dataset: Dataset = {
        let (dataset, problems) = Dataset.load(
            [.bytes(Array(deltagare.utf8), name: "d.csv"), .bytes(Array(forms.utf8), name: "i.csv")],
            catalogues: .builtIn)
        precondition(problems.isEmpty, "\(problems)")
        return dataset
    }()

    func evaluate(
        _ measure: GoalMeasure, target: GoalTarget? = nil, scope: GoalScope? = nil, period: String? = nil,
        report: String = "2023H1", minN: Int = 1
    ) -> GoalResult {
        let goal = GoalFile.Goal(id: "g", title: "Mål", target: target, measure: measure, scope: scope, period: period.flatMap(PeriodSpan.init))
        let data = PeriodData(dataset: Self.dataset, span: PeriodSpan(report)!, forbund: nil)
        return GoalEvaluator(catalogues: .builtIn).evaluate(goal, minN: minN, data: data)
    }

    // MARK: Scope

    @Test func everyScopeKeyRestrictsThePopulationBeforeCounting() {
        let exit = GoalMeasure.exitShare(.init())
        // 2023H1 avslutade in the denominator: 3 + 2 + 1 + 4 + 2 = 12; stegförflyttning: arbete 3, studier 1, arbetssökande 2.
        #expect(evaluate(exit).overall.share == Share(6, of: 12))
        // Kvinnor: arbete 3 + sjukdom 2 → 3 of 5.
        #expect(evaluate(exit, scope: GoalScope(kon: ["kvinna"])).overall.share == Share(3, of: 5))
        // Unga (16–29): 20-24 arbete 3, 16-19 studier 1 → 4 of 4 (25-29 is pågående).
        #expect(evaluate(exit, scope: GoalScope(aldersgrupp: ["unga"])).overall.share == Share(4, of: 4))
        // One band: 30-39 avbrott 4 → 0 of 4.
        #expect(evaluate(exit, scope: GoalScope(aldersgrupp: ["30-39"])).overall.share == Share(0, of: 4))
        // Nya: arbete 3, studier 1, arbetssökande 2 → 6 of 6.
        #expect(evaluate(exit, scope: GoalScope(ny: ["ja"])).overall.share == Share(6, of: 6))
        // Insats B: arbetssökande 2 → 2 of 2; insats A and män: studier 1, avbrott 4 → 1 of 5.
        #expect(evaluate(exit, scope: GoalScope(insats: ["B"])).overall.share == Share(2, of: 2))
        let aMen = evaluate(exit, scope: GoalScope(insats: ["A"], kon: ["man"]))
        #expect(aMen.overall.share == Share(1, of: 5))
        // Per kön inside the scope: kvinnor and annat are empty.
        #expect(aMen.perKon.map(\.figure.share) == [Share(0, of: 0), Share(1, of: 5), Share(0, of: 0)])
        #expect(aMen.perInsats.count == 1)
        #expect(aMen.scopeText == "Män, i A")
    }

    @Test func aScopeOnFormsKeepsFormsWithoutTheKeyOut() {
        let redo = GoalMeasure.surveyShare(.init(enkat: ["deltagare-avslut"], questions: ["redo"], positiveFrom: 3, combine: .all))
        // Avslut forms: 4 +, 2 −, 3 + → 2 of 3; kvinnor: 4, 3 → 2 of 2; unga: only 20-24 → 1 of 1.
        #expect(evaluate(redo).overall.share == Share(2, of: 3))
        #expect(evaluate(redo, scope: GoalScope(kon: ["K"])).overall.share == Share(2, of: 2))
        #expect(evaluate(redo, scope: GoalScope(aldersgrupp: ["16-29"])).overall.share == Share(1, of: 1))
    }

    // MARK: Measures

    @Test func deltagarShareIsTheShareOfAPopulationThatMatchesWhere() {
        // Alla 2023H1: 3+2+1+4+5+2+1 = 18; unga: 3 + 1 + 5 = 9 (the annat row has no åldersgrupp: counted, not matching).
        #expect(evaluate(.deltagarShare(.init(of: .alla, where: GoalScope(aldersgrupp: ["unga"])))).overall.share == Share(9, of: 18))
        // Nya: 3+1+5+2+1 = 12; of them kvinnor: 3 + 5 = 8.
        #expect(evaluate(.deltagarShare(.init(of: .nya, where: GoalScope(kon: ["kvinna"])))).overall.share == Share(8, of: 12))
        // Avslutade: 12; not nya: 2 + 4 = 6.
        #expect(evaluate(.deltagarShare(.init(of: .avslutade, where: GoalScope(ny: ["nej"])))).overall.share == Share(6, of: 12))
    }

    @Test func countCountsDeltagareStegforflyttningarAndForms() {
        func count(_ of: GoalMeasure.Population, enkat: [String]? = nil, scope: GoalScope? = nil) -> GoalFigure {
            evaluate(.count(.init(of: of, enkat: enkat)), scope: scope).overall
        }
        #expect(count(.alla).value == 18)
        #expect(count(.nya).value == 12)
        #expect(count(.avslutade).value == 12)
        #expect(count(.stegforflyttning).value == 6)
        #expect(count(.formular, enkat: ["deltagare-avslut", "deltagare-pagaende"]).value == 4)
        #expect(count(.formular, enkat: ["deltagare-avslut"], scope: GoalScope(insats: ["B"])).value == 1)
        let figure = count(.alla)
        #expect(figure.kind == .count && figure.share.numerator == 18 && figure.interval == nil && figure.verdict == .foljsUpp)
        // Only stegförflyttning by arbete: 3.
        #expect(evaluate(.count(.init(of: .stegforflyttning, stegforflyttning: ["arbete"]))).overall.value == 3)
    }

    @Test func newcombeIntervalMatchesThePublishedExample() throws {
        // Newcombe (1998), method 10: 56/70 − 48/80 = 0.2, interval 0.0524 to 0.3339.
        let ci = try #require(NewcombeInterval(56, of: 70, minus: 48, of: 80))
        #expect(abs(ci.low - 0.0524) < 0.00005)
        #expect(abs(ci.high - 0.3339) < 0.00005)
        let figure = GoalFigure(current: Share(56, of: 70), baseline: Share(48, of: 80), verdict: .uppfyllt, notAnswered: 0)
        #expect(abs(figure.value! - 0.2) < 1e-12)
        #expect(figure.changePoints == 20)
        #expect(NewcombeInterval(1, of: 0, minus: 1, of: 2) == nil)
        // In words: +20 procentenheter, interval +5 (0.0524) to +33 (0.3339).
        #expect(figure.valueText == "+20 procentenheter")
        #expect(figure.intervalText == "+5 till +33 procentenheter")
        #expect(GoalFigure(count: 22, verdict: .uppfyllt).valueText == "22")
        #expect(GoalFigure(count: 22, verdict: .uppfyllt).intervalText == nil)
        // 16 of 38 = 42.1 %; Wilson 27.9–57.8 %.
        let share = GoalFigure(share: Share(16, of: 38), verdict: .foljsUpp, notAnswered: 0)
        #expect(share.valueText == "42 %" && share.intervalText == "28–58 %")
    }

    @Test func changeComparesTheGoalPeriodWithItsBaseline() {
        let change = GoalMeasure.change(.init(of: .exitShare(.init()), baseline: PeriodSpan("2023H1")!))
        // 2023H2: arbete 2 → 2 of 2; baseline 2023H1 6 of 12: +0.5.
        let result = evaluate(change, target: 0, report: "2023H2")
        #expect(result.overall.kind == .change)
        #expect(result.overall.current == Share(2, of: 2))
        #expect(result.overall.baseline == Share(6, of: 12))
        #expect(result.overall.value == 0.5)
        #expect(result.overall.changePoints == 50)
        #expect(result.overall.verdict == .uppfyllt)
        #expect(evaluate(change, target: 0.6, report: "2023H2").overall.verdict == .ejUppfyllt)
        #expect(evaluate(change, target: 0.5, report: "2023H2").overall.verdict == .uppfyllt)
        #expect(evaluate(change, report: "2023H2").overall.verdict == .foljsUpp)
        // Below minN in either period: för få svar (2 < 5).
        #expect(evaluate(change, target: 0, report: "2023H2", minN: 5).overall.verdict == .forFaSvar)
        // "Ska öka" needs a rise: the same period against itself is not one.
        let same = GoalMeasure.change(.init(of: .exitShare(.init()), baseline: PeriodSpan("2023H1")!))
        #expect(evaluate(same, target: 0, report: "2023H1").overall.verdict == .ejUppfyllt)
        #expect(result.periodText == "juli–december 2023 jämfört med januari–juni 2023")
    }

    @Test func theChangeOfACountIsTheDifferenceInCountsWithNoInterval() throws {
        let change = GoalMeasure.change(.init(of: .count(.init(of: .alla)), baseline: PeriodSpan("2022H2")!))
        // Alla 2023H1: 3+2+1+4+5+2+1 = 18; 2022H2: 4+5 = 9 → +9. Per kön: kvinnor 3+2+5 = 10 against 5 → +5,
        // män 1+4+2 = 7 against 4 → +3, annat 1 against 0 → +1. Per insats: A 10 against 4 → +6, B 8 against 5 → +3.
        let result = evaluate(change, target: 0)
        #expect(result.overall.kind == .change && result.overall.ofCount)
        #expect(result.overall.countDifference == 9 && result.overall.value == 9)
        #expect(result.overall.current == Share(18, of: 0) && result.overall.baseline == Share(9, of: 0))
        #expect(result.overall.interval == nil && result.overall.intervalText == nil && result.overall.changePoints == nil)
        #expect(result.overall.valueText == "+9")
        #expect(result.overall.verdict == .uppfyllt)
        #expect(result.perKon.map { $0.figure.countDifference } == [5, 3, 1])
        #expect(result.perInsats.map { $0.figure.countDifference } == [6, 3])
        #expect(result.perKon.allSatisfy { $0.figure.verdict == .foljsUpp })
        // The target is the least rise in counts: +9 meets 9, not 10; "ska öka" needs a rise of at least one.
        #expect(evaluate(change, target: 9).overall.verdict == .uppfyllt)
        #expect(evaluate(change, target: 10).overall.verdict == .ejUppfyllt)
        #expect(evaluate(change, target: .atMost(-1)).overall.verdict == .ejUppfyllt)
        let same = GoalMeasure.change(.init(of: .count(.init(of: .alla)), baseline: PeriodSpan("2023H1")!))
        #expect(evaluate(same, target: 0, report: "2023H1").overall.verdict == .ejUppfyllt)
        // Avslutade 2023H2: 2 against 12 in 2023H1 → −10; no minN for counts.
        let avslutade = GoalMeasure.change(.init(of: .count(.init(of: .avslutade)), baseline: PeriodSpan("2023H1")!))
        #expect(evaluate(avslutade, report: "2023H2", minN: 50).overall.countDifference == -10)
        #expect(evaluate(avslutade, report: "2023H2").overall.valueText == "−10")
        // In words, and read from a goal file: a whole-number target, "minst +3".
        let goal = GoalFile.Goal(id: "g", title: "Fler deltagare", target: 3, measure: change)
        #expect(goal.targetText == "minst +3")
        #expect(GoalFile.Goal(id: "g", title: "t", target: 0, measure: change).targetText == "ska öka")
        let json =
            #"{"version": 2, "goals": [{"id": "a", "title": "t", "target": 3, "measure": {"type": "change", "baseline": "2022", "of": {"type": "count", "of": "nya"}}}]}"#
        let decoded = try GoalFile.decode(Data(json.utf8), name: "mal.json", catalogues: .builtIn)
        #expect(decoded.goals[0].measure.isCountChange)
        let half = json.replacingOccurrences(of: #""target": 3"#, with: #""target": 2.5"#)
        #expect(
            problems(half).map { $0.hasSuffix("goals[0].target: väntade ett heltal för en förändring av ett antal (0 = ska öka), fann 2.5") } == [
                true
            ])
    }

    @Test func theStegforflyttningTableBreaksDownTheFirstExitShareGoalWithItsScopeAndPeriod() throws {
        var goals = GoalFile(
            version: 2,
            goals: [
                GoalFile.Goal(id: "antal", title: "Antal", measure: .count(.init(of: .alla))),
                GoalFile.Goal(id: "man", title: "Män", measure: .exitShare(.init()), scope: GoalScope(kon: ["man"]), period: PeriodSpan("2023H1")),
                GoalFile.Goal(id: "alla", title: "Alla", measure: .exitShare(.init()), kostnad: true),
            ])
        let report = try HalvarsRapport.make(dataset: Self.dataset, period: Period("2023H2")!, forbund: nil, goals: goals, sources: [])
        // 2023H1, män: A studier 1 + avbrott 4 → 1 of 5; B arbetssökande 2 → 2 of 2.
        #expect(report.stegforflyttningGoal?.id == "man")
        #expect(report.stegforflyttning.map { [$0.med[.man], $0.avslutade[.man], $0.avslutade[.kvinna]] } == [[1, 5, 0], [2, 2, 0]])
        #expect(report.goals[1].perInsats.map(\.figure.share) == [Share(1, of: 5), Share(2, of: 2)])
        #expect(report.kostnadGoal?.id == "alla")
        // Every insats of a goal row has a name, whatever period the goal is measured over.
        #expect(report.insatsNamn.values.sorted() == ["A", "B"])
        goals.goals.removeAll { $0.kostnad == true }
        #expect(HalvarsRapport.kostnadGoal(goals)?.id == "man")
    }

    // MARK: Targets

    @Test func everyTargetFormGivesItsVerdict() {
        let exit = GoalMeasure.exitShare(.init())  // 6 of 12 = 50 %
        #expect(evaluate(exit, target: 0.5).overall.verdict == .uppfyllt)
        #expect(evaluate(exit, target: 0.51).overall.verdict == .ejUppfyllt)
        #expect(evaluate(exit, target: .band(min: 0.4, max: 0.6)).overall.verdict == .uppfyllt)
        #expect(evaluate(exit, target: .band(min: 0.55, max: 0.6)).overall.verdict == .ejUppfyllt)
        #expect(evaluate(exit, target: .atMost(0.5)).overall.verdict == .uppfyllt)
        #expect(evaluate(exit, target: .atMost(0.1)).overall.verdict == .ejUppfyllt)
        #expect(evaluate(exit).overall.verdict == .foljsUpp)
        #expect(evaluate(exit, target: 0.5, minN: 13).overall.verdict == .forFaSvar)
        let count = GoalMeasure.count(.init(of: .alla))  // 18
        #expect(evaluate(count, target: .band(min: 20, max: 25)).overall.verdict == .ejUppfyllt)
        #expect(evaluate(count, target: .band(min: 15, max: 18)).overall.verdict == .uppfyllt)
        #expect(evaluate(count, target: .atMost(17)).overall.verdict == .ejUppfyllt)
        #expect(evaluate(count, target: 18, minN: 100).overall.verdict == .uppfyllt)  // counts always get one
        #expect(evaluate(count, target: 18).perKon.map(\.figure.verdict) == [.foljsUpp, .foljsUpp, .foljsUpp])
    }

    @Test func targetsReadAsWritten() {
        #expect(GoalTarget.atLeast(0.8).text(for: .share) == "minst 80 %")
        #expect(GoalTarget.atLeast(0.725).text(for: .share) == "minst 72,5 %")
        #expect(GoalTarget.band(min: 0.4, max: 0.6).text(for: .share) == "40–60 %")
        #expect(GoalTarget.atMost(0.1).text(for: .share) == "högst 10 %")
        #expect(GoalTarget.band(min: 20, max: 25).text(for: .count) == "20–25")
        #expect(GoalTarget.atLeast(20).text(for: .count) == "minst 20")
        #expect(GoalTarget.atLeast(0).text(for: .change) == "ska öka")
        #expect(GoalTarget.atLeast(0.05).text(for: .change) == "minst +5 procentenheter")
        #expect(GoalFile.Goal(id: "g", title: "t", measure: .exitShare(.init())).targetText == "följs upp")
    }

    // MARK: Periods

    @Test func everyPeriodFormCountsEachDeltagareOnce() {
        let alla = GoalMeasure.count(.init(of: .alla)), nya = GoalMeasure.count(.init(of: .nya))
        // 2023H2: 2 + 5 + 3 = 10.
        #expect(evaluate(alla, period: "2023H2").overall.value == 10)
        // 2023: H1's pågående of B (5 + 1) are in H2's file again, so 18 − 6 + 10 = 22; nya from both: 12 + 3 = 15.
        #expect(evaluate(alla, period: "2023").overall.value == 22)
        #expect(evaluate(nya, period: "2023").overall.value == 15)
        // 2022H2..2023H2: 2022H2's pågående (4 in A, 5 in B) reappear in 2023H1: still 22; nya 15 + 9 = 24.
        let range = evaluate(alla, period: "2022H2..2023H2")
        #expect(range.overall.value == 22)
        #expect(evaluate(nya, period: "2022H2..2023H2").overall.value == 24)
        #expect(range.periodText == "juli 2022–december 2023")
        #expect(PeriodSpan("2023")!.words == "helåret 2023")
        #expect(PeriodSpan("2023H1..2023H2")!.words == "helåret 2023")
        #expect(Period("2023H1")!.words == "januari–juni 2023")
        #expect(PeriodSpan("2023H2..2023H1") == nil)
        // A goal's own period wins over the report's; trends ask for the report's.
        let goal = GoalFile.Goal(id: "g", title: "t", measure: alla, period: PeriodSpan("2023H2"))
        let data = PeriodData(dataset: Self.dataset, period: Period("2023H1")!, forbund: nil)
        #expect(GoalEvaluator(catalogues: .builtIn).evaluate(goal, minN: 1, data: data, usingGoalPeriod: false).overall.value == 18)
    }

    // MARK: Strict files

    func problems(_ json: String, name: String = "mal.json") -> [String] {
        do {
            _ = try GoalFile.decode(Data(json.utf8), name: name, catalogues: .builtIn)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func anUnknownKeyAtTheTopLevelIsAnError() {
        let json = "{\n  \"version\": 2,\n  \"scope\": {\"insats\": \"ready\"},\n  \"goals\": []\n}\n"
        #expect(problems(json) == ["mal.json:3:3: fel: okänt fält \"scope\": väntade $schema, version, forbund, minN, beslut eller goals"])
    }

    @Test func anUnknownKeyInAGoalIsAnError() {
        let json =
            "{\n  \"version\": 2,\n  \"goals\": [\n    {\"id\": \"a\", \"title\": \"t\", \"insats\": \"ready\", \"measure\": {\"type\": \"exitShare\"}}\n  ]\n}\n"
        #expect(
            problems(json) == [
                "mal.json:4:31: fel: goals[0]: okänt fält \"insats\": väntade id, title, shortTitle, target, measure, scope, period, minN eller kostnad"
            ])
    }

    @Test func aMisspeltKeyInAMeasureIsAnError() {
        let json =
            "{\n  \"version\": 1,\n  \"goals\": [\n    {\"id\": \"a\", \"title\": \"t\", \"target\": 0.8,\n     \"measure\": {\"type\": \"exitShare\", \"excludeFromDenominater\": [\"flyttat\"]}}\n  ]\n}\n"
        #expect(
            problems(json) == [
                "mal.json:5:39: fel: goals[0].measure: okänt fält \"excludeFromDenominater\": väntade type, stegforflyttning eller excludeFromDenominator"
            ])
    }

    @Test func everyUnknownKeyIsReportedAtOnce() {
        // Decoding goes on past an unknown key: all three are reported, with the key a misspelling left missing.
        let json =
            #"{"versio": 2, "version": 2, "goals": [{"id": "a", "title": "t", "scope": {"malgrup": "nyanland"}, "measure": {"type": "exitShare", "stegforflytning": []}}]}"#
        #expect(
            problems(json) == [
                "mal.json:1:2: fel: okänt fält \"versio\": väntade $schema, version, forbund, minN, beslut eller goals",
                "mal.json:1:75: fel: goals[0].scope: okänt fält \"malgrup\": väntade insats, kon, aldersgrupp, ny, malgrupp, forsorjning_fore, forsorjning_efter, remittent, tid_i_insats eller handlingsplan",
                "mal.json:1:132: fel: goals[0].measure: okänt fält \"stegforflytning\": väntade type, stegforflyttning eller excludeFromDenominator",
            ])
        #expect(
            problems(#"{"version": 2, "goals": [{"id": "a", "title": "t", "measur": {"type": "exitShare"}}]}"#) == [
                "mal.json:1:26: fel: goals[0]: saknar fältet \"measure\"",
                "mal.json:1:52: fel: goals[0]: okänt fält \"measur\": väntade id, title, shortTitle, target, measure, scope, period, minN eller kostnad",
            ])
    }

    @Test func aMisspeltCodeIsAnErrorNamingTheValidOnes() {
        let json =
            "{\n  \"version\": 2,\n  \"goals\": [\n    {\"id\": \"a\", \"title\": \"t\", \"scope\": {\"kon\": \"kvinan\", \"aldersgrupp\": [\"unga\", \"ung\"]},\n     \"measure\": {\"type\": \"exitShare\", \"excludeFromDenominator\": [\"flytat\"]}}\n  ]\n}\n"
        #expect(
            problems(json) == [
                "mal.json:4:48: fel: goals[0].scope.kon[0]: väntade kvinna, man eller annat, fann \"kvinan\"",
                "mal.json:4:82: fel: goals[0].scope.aldersgrupp[1]: väntade 16-19, 20-24, 25-29, 30-39, 40-49, 50-59, 60-64, unga eller 30-64, fann \"ung\"",
                "mal.json:5:66: fel: goals[0].measure.excludeFromDenominator[0]: väntade en avslutsorsak (arbete, arbete-med-stod, studier, arbetssokande, annan-rehabilitering, sjukdom, foraldraledig, avbrott, flyttat, avliden, annat eller felregistrering), fann \"flytat\"",
            ])
    }

    @Test func aWrongTypeIsAnError() {
        let json =
            "{\n  \"version\": 2,\n  \"goals\": [\n    {\"id\": \"a\", \"title\": \"t\", \"minN\": \"5\", \"measure\": {\"type\": \"exitShare\"}}\n  ]\n}\n"
        #expect(problems(json) == ["mal.json:4:39: fel: goals[0].minN: väntade ett heltal, fann \"5\""])
        #expect(
            problems(#"{"version": 2, "goals": [{"id": "a", "title": "t", "target": null, "measure": {"type": "exitShare"}}]}"#) == [
                "mal.json:1:62: fel: goals[0].target: väntade ett värde, fann null: utelämna fältet i stället"
            ])
        // A target that is neither a number nor a band; an unknown measure type names the known ones.
        #expect(
            problems(#"{"version": 2, "goals": [{"id": "a", "title": "t", "target": "80 %", "measure": {"type": "exitshare"}}]}"#) == [
                "mal.json:1:62: fel: goals[0].target: väntade ett tal (minst), {\"min\": a, \"max\": b} eller {\"max\": b}, fann \"80 %\": "
                    + "skriv 0.8 (en andel skrivs som decimaltal, 0.8 = 80 %, utan citattecken)"
            ])
        #expect(
            problems(#"{"version": 2, "goals": [{"id": "a", "title": "t", "measure": {"type": "exitshare"}}]}"#) == [
                "mal.json:1:72: fel: goals[0].measure.type: väntade exitShare, surveyShare, deltagarShare, count, change, uppfoljningShare, coverage eller milestone, fann \"exitshare\""
            ])
    }

    @Test func targetsOutOfRangeAndVersion2KeysInVersion1AreErrors() {
        #expect(
            problems(#"{"version": 2, "goals": [{"id": "a", "title": "t", "target": {"min": 0.6, "max": 0.4}, "measure": {"type": "exitShare"}}]}"#)
                == ["mal.json:1:62: fel: goals[0].target: väntade min ≤ max, fann 0.6 > 0.4"])
        #expect(
            problems(#"{"version": 2, "goals": [{"id": "a", "title": "t", "target": 2.5, "measure": {"type": "count", "of": "alla"}}]}"#) == [
                "mal.json:1:62: fel: goals[0].target: väntade ett heltal 0–1 000 000 000 000 för ett antal, fann 2.5"
            ])
        #expect(
            problems(#"{"version": 1, "goals": [{"id": "a", "title": "t", "scope": {"kon": "man"}, "measure": {"type": "exitShare"}}]}"#) == [
                "mal.json:1:52: fel: goals[0].scope: fältet finns i version 2: skriv \"version\": 2"
            ])
        #expect(
            problems(
                #"{"version": 2, "goals": [{"id": "a", "title": "t", "scope": {"ny": "ja"}, "measure": {"type": "surveyShare", "enkat": "deltagare-avslut", "questions": ["redo"], "positiveFrom": 3}}]}"#
            ) == ["mal.json:1:86: fel: goals[0].measure: formulär har ingen uppgift om ny: ta bort ny ur scope"])
    }

    @Test func aScopedInsatsMustExist() throws {
        let goals = try GoalFile.decode(
            Data(#"{"version": 2, "goals": [{"id": "a", "title": "t", "scope": {"insats": ["A", "C"]}, "measure": {"type": "exitShare"}}]}"#.utf8),
            name: "mal.json", catalogues: .builtIn)
        #expect(
            goals.problems(file: "mal.json", insatser: ["A", "B"]).map(\.description) == [
                "mal.json:1:78: fel: goals[0].scope.insats[1]: väntade en insats (A eller B), fann \"C\""
            ])
    }

    @Test func aChangeBaselineMustComeBeforeThePeriodItIsComparedWith() throws {
        let json =
            #"{"version": 2, "goals": [{"id": "a", "title": "t", "measure": {"type": "change", "baseline": "2023", "of": {"type": "exitShare"}}}]}"#
        let goals = try GoalFile.decode(Data(json.utf8), name: "mal.json", catalogues: .builtIn)
        #expect(goals.problems(file: "mal.json", reportPeriod: Period("2024H1")!).isEmpty)
        #expect(
            goals.problems(file: "mal.json", reportPeriod: Period("2023H2")!).map(\.description) == [
                "mal.json:1:94: fel: goals[0].measure.baseline: väntade en period före rapportens (2023H2), fann 2023"
            ])
        let own = json.replacingOccurrences(of: #""title": "t","#, with: #""title": "t", "period": "2023H2","#)
        #expect(problems(own) == ["mal.json:1:114: fel: goals[0].measure.baseline: väntade en period före målets (2023H2), fann 2023"])
    }

    @Test func registersAndCataloguesAreStrictToo() {
        let register =
            #"{"version": 1, "id": "x", "namn": "X", "insatser": [{"id": "a", "namn": "A", "typ": "individ", "forstaHalvar": "2023H1", "budgt": {}}]}"#
        #expect(throws: Problem.self) { try JSONFile.decode(Register.self, from: Data(register.utf8), name: "forbund.json") }
        do { _ = try JSONFile.decode(Register.self, from: Data(register.utf8), name: "forbund.json") } catch {
            #expect(
                error.description
                    == "forbund.json:1:122: fel: insatser[0]: okänt fält \"budgt\": väntade id, namn, typ, forstaHalvar, sistaHalvar, budget, utfall, planeratAntal, malgrupp eller inriktning"
            )
        }
        let catalogue = BuiltInCatalogues.avslutsorsaker.replacingOccurrences(of: "\"version\": 1,", with: "\"version\": 1, \"extra\": true,")
        do { _ = try JSONFile.decode(AvslutsorsakCatalogue.self, from: Data(catalogue.utf8), name: "avslutsorsaker.json") } catch {
            #expect(
                error.description == "avslutsorsaker.json:3:17: fel: okänt fält \"extra\": väntade $schema, version, susGroups eller avslutsorsaker"
            )
        }
    }

    @Test func aDecimalCommaAndATargetWrittenAsTextAreExplainedWithWhatToWrite() {
        #expect(
            problems("{\"version\": 2, \"goals\": [{\"id\": \"a\", \"title\": \"t\", \"target\": 0,8, \"measure\": {\"type\": \"exitShare\"}}]}") == [
                "mal.json:1:62: fel: väntade ett tal, fann \"0,8\" med decimalkomma: skriv decimaltal med punkt: 0.8"
            ])
        #expect(
            problems(#"{"version": 2, "goals": [{"id": "a", "title": "t", "target": "0,75", "measure": {"type": "exitShare"}}]}"#).first?
                .hasSuffix("fann \"0,75\": skriv talet utan citattecken och med punkt: 0.75") == true)
        // A comma between two numbers of a list is JSON, not a decimal comma.
        #expect(throws: Never.self) { try JSONValue.parse(Array("{\"a\": [0,8]}".utf8), file: "x.json") }
    }

    @Test func theJSONReaderSaysWhereTheTextStopsBeingJSON() {
        /// The problem the reader reports, `nil` when the text parses.
        func problem(_ bytes: [UInt8]) -> String? {
            do {
                _ = try JSONValue.parse(bytes, file: "x.json")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(
            problem(Array("{\n  \"a\": 1,\n}".utf8))
                == "x.json:2:9: fel: väntade inget kommatecken efter sista fältet, fann \",\" före \"}\": ta bort kommatecknet")
        #expect(
            problem(Array("[1, 2, ]".utf8))
                == "x.json:1:6: fel: väntade inget kommatecken efter sista värdet, fann \",\" före \"]\": ta bort kommatecknet")
        #expect(problem(Array("{\"å\": [1, 2,, 3]}".utf8)) == "x.json:1:13: fel: väntade ett JSON-värde, fann \",\"")
        // A text without escapes is read in place: columns after it count its characters, not its bytes,
        // and bytes that are not UTF-8 are reported where the text ends, as on the escaped path.
        #expect(problem(Array("{\"åäö\": tru}".utf8))?.hasPrefix("x.json:1:9: fel: väntade ett JSON-värde (true") == true)
        #expect(problem([0x5B, 0x22, 0x61, 0xC3, 0x28, 0x22, 0x5D]) == "x.json:1:7: fel: texten är inte giltig UTF-8")
        #expect(problem([0x5B, 0x22, 0x61, 0x5C, 0x6E, 0xC3, 0x28, 0x22, 0x5D]) == "x.json:1:9: fel: texten är inte giltig UTF-8")
        let texts = try? JSONValue.parse(Array(#"["aåb", "a\u00e5b\n", "ö\"", ""]"#.utf8), file: "x.json")
        guard case .array(let items)? = texts?.kind else {
            Issue.record("not a list")
            return
        }
        #expect(items.map(\.described) == ["\"aåb\"", "\"aåb\n\"", "\"ö\"\"", "\"\""])
        #expect(items.map(\.position.column) == [2, 9, 23, 30])
    }

    // MARK: SampleData

    @Test(arguments: [("blekinge", "2023H2"), ("gotland", "2021"), ("gavleborg", "2017"), ("skelleftea", "2015H2"), ("malmo", "2010H2")])
    func everySeedForbundsGoalFileRunsOnItsSampleData(forbund: String, period: String) throws {
        // Malmö has its own age bands (unga vuxna 16–30).
        let catalogues =
            forbund == "malmo"
            ? try Catalogues.load(avslutsorsaker: nil, indikatorer: nil, dimensioner: Repository.path("SampleData/malmo/dimensioner.json")) : .builtIn
        let goals = try GoalFile.load(Repository.path("SampleData/mal-\(forbund).json"), catalogues: catalogues)
        let folder = forbund == "blekinge" ? Repository.path("SampleData") : Repository.path("SampleData/\(forbund)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.map { folder + "/" + $0 }
        let (dataset, problems) = Dataset.load(
            files.map { .path($0) }, catalogues: catalogues, register: forbund == "blekinge" ? Repository.blekinge : nil)
        #expect(problems.isEmpty)
        let report = try HalvarsRapport.make(dataset: dataset, period: Period(period)!, forbund: nil, goals: goals, sources: files)
        #expect(report.goals.count == goals.goals.count)
        for result in report.goals {
            // Every goal is computed over something.
            #expect(result.overall.value != nil, "\(result.goal.id)")
        }
    }

    @Test func sampleGoalsCarryTheirWordsForTheReport() throws {
        let skelleftea = try GoalFile.load(Repository.path("SampleData/mal-skelleftea.json"), catalogues: .builtIn)
        #expect(skelleftea.goals.map(\.targetText) == ["20–25", "minst 100 %", "följs upp", "minst 20", "minst 350", "klar", "klar"])
        #expect(skelleftea.beslut?.text == "Beslutade av förbundsstyrelsen 2015-06-11")
        let gotland = try GoalFile.load(Repository.path("SampleData/mal-gotland.json"), catalogues: .builtIn)
        #expect(HalvarsRapport.kostnadGoal(gotland)?.id == "arbete-eller-studier")
        #expect(GoalEvaluator(catalogues: .builtIn).scopeText(gotland.goals[1], dataset: nil) == "Unga 16–29 år")
    }
}
