import FinsamTestSupport
import Testing
@testable import FinsamKit

@Suite struct ShareTests {
    /// Known Wilson intervals (z = 1.96), to four decimals.
    @Test(arguments: [
        (8, 10, 0.4902, 0.9433),
        (0, 10, 0.0000, 0.2775),
        (10, 10, 0.7225, 1.0000),
        (4, 5, 0.3755, 0.9638),
        (53, 60, 0.7782, 0.9423),
        (1, 2, 0.0945, 0.9055),
    ])
    func wilsonIntervalMatchesKnownValues(x: Int, n: Int, low: Double, high: Double) throws {
        let ci = try #require(WilsonInterval(x, of: n))
        #expect(abs(ci.low - low) < 0.00005)
        #expect(abs(ci.high - high) < 0.00005)
    }

    @Test func noIntervalWithoutObservations() {
        #expect(WilsonInterval(0, of: 0) == nil)
        #expect(Share(0, of: 0).value == nil)
        #expect(Share(0, of: 0).percent == nil)
    }

    @Test(arguments: [(1, 8, 13), (5, 8, 63), (1, 200, 1), (3, 8, 38), (2, 3, 67), (1, 3, 33), (199, 200, 100), (0, 7, 0), (7, 7, 100)])
    func roundsPercentHalfAwayFromZero(x: Int, n: Int, percent: Int) {
        #expect(Share(x, of: n).percent == percent)
    }

    @Test func comparesWithTheTargetExactly() {
        #expect(Share(8, of: 10).meets(0.8))
        #expect(!Share(7, of: 10).meets(0.8))
        #expect(Share(27, of: 30).meets(0.9))
        #expect(Share(3, of: 4).meets(0.75))
        #expect(!Share(74, of: 99).meets(0.75))
    }
}

@Suite struct GoalEvaluatorTests {
    /// Helper: evaluate one goal over CSV text for 2023H1.
    func evaluate(_ goal: GoalFile.Goal, _ text: String, minN: Int = 5) throws -> GoalResult {
        let (dataset, found) = load(text)
        #expect(found.isEmpty, "\(found)")
        let data = PeriodData(dataset: dataset, period: Period(year: 2023, half: 1), forbund: nil)
        return GoalEvaluator(catalogues: .builtIn).evaluate(goal, minN: minN, data: data)
    }

    static let exits = """
        forbund;insats;period;kon;status;avslutsorsak;stegforflyttning;antal
        b;A;2023H1;kvinna;avslutad;arbete;;3
        b;A;2023H1;kvinna;avslutad;studier;;2
        b;A;2023H1;kvinna;avslutad;sjukdom;;1
        b;A;2023H1;kvinna;avslutad;flyttat;;2
        b;B;2023H1;man;avslutad;annan-rehabilitering;;4
        b;B;2023H1;man;avslutad;avbrott;;2
        b;B;2023H1;man;avslutad;avliden;;1
        b;B;2023H1;man;avslutad;annat;ja;1
        b;B;2023H1;man;avslutad;felregistrering;;5
        b;B;2023H1;annat;avslutad;arbetssokande;;1
        b;A;2023H1;kvinna;pagaende;;;9
        b;A;2022H2;kvinna;avslutad;arbete;;7
        """

    @Test func exitShareCountsStegforflyttningOverTheDenominatorItDefines() throws {
        let goal = GoalFile.Goal(
            id: "steg", title: "", target: 0.8,
            measure: .exitShare(
                .init(
                    stegforflyttning: ["arbete", "arbete-med-stod", "studier", "arbetssokande", "annan-rehabilitering"],
                    excludeFromDenominator: ["flyttat", "avliden"])))
        let result = try evaluate(goal, Self.exits)
        // Denominator: 3+2+1 (kvinna) + 4+2+1 (man; avliden, flyttat and felregistrering out) + 1 (annat) = 14.
        // Numerator: 3+2 + 4 + 1 (annat with stegforflyttning=ja) + 1 = 11.
        #expect(result.overall.share == Share(11, of: 14))
        #expect(result.overall.verdict == .ejUppfyllt)  // 78.6 % < 80 %
        #expect(result.perKon.map(\.kon) == [.kvinna, .man, .annat])
        #expect(result.perKon.map(\.figure.share) == [Share(5, of: 6), Share(5, of: 7), Share(1, of: 1)])
        #expect(result.perKon.map(\.figure.verdict) == [.uppfyllt, .ejUppfyllt, .forFaSvar])
        #expect(result.perInsats.map(\.figure.share) == [Share(5, of: 6), Share(6, of: 8)])
    }

    @Test func exitShareFallsBackOnTheCatalogueDefaults() throws {
        let goal = GoalFile.Goal(id: "steg", title: "", target: 0.5, measure: .exitShare(.init()))
        let result = try evaluate(goal, Self.exits)
        // Catalogue defaults leave out flyttat and avliden too, so the same 11 of 14.
        #expect(result.overall.share == Share(11, of: 14))
        // A goal that counts sjukdom as stegförflyttning and keeps flyttat in the denominator:
        let wider = GoalFile.Goal(
            id: "w", title: "", target: 0.5,
            measure: .exitShare(
                .init(
                    stegforflyttning: ["arbete", "studier", "sjukdom"], excludeFromDenominator: [])))
        // Denominator 14 + flyttat 2 + avliden 1 = 17; numerator 3+2+1 + annat(ja) 1 = 7.
        #expect(try evaluate(wider, Self.exits).overall.share == Share(7, of: 17))
    }

    static let forms = """
        forbund;insats;period;enkat;kon;stod;inflytande;redo
        b;A;2023H1;deltagare-avslut;kvinna;4;3;4
        b;A;2023H1;deltagare-avslut;kvinna;4;2;3
        b;A;2023H1;deltagare-avslut;man;1;1;2
        b;A;2023H1;deltagare-pagaende;man;3;;
        b;A;2023H1;deltagare-pagaende;kvinna;vet ej;ej aktuellt;
        b;A;2023H1;deltagare-avslut;;;4;vet ej
        b;A;2023H1;deltagare-pagaende;kvinna;2;4;
        """

    func survey(
        _ combine: GoalFile.SurveyShare.Combine, enkat: [String] = ["deltagare-pagaende", "deltagare-avslut"],
        questions: [String] = ["stod", "inflytande"], from: Double = 3
    ) -> GoalFile.Goal {
        GoalFile.Goal(
            id: "s", title: "", target: 0.9, measure: .surveyShare(.init(enkat: enkat, questions: questions, positiveFrom: from, combine: combine)))
    }

    @Test func surveyShareAllNeedsEveryAnsweredQuestionPositive() throws {
        let result = try evaluate(survey(.all), Self.forms, minN: 1)
        // Forms with an on-scale answer: 1 (4,3 +), 2 (4,2 −), 3 (1,1 −), 4 (3,– +), 6 (–,4 +), 7 (2,4 −); form 5 has only vet ej / ej aktuellt.
        #expect(result.overall.share == Share(3, of: 6))
        #expect(result.overall.notAnswered == 1)
        #expect(result.perKon.map(\.kon) == [.kvinna, .man, .annat, nil])
        #expect(result.perKon.map(\.figure.share) == [Share(1, of: 3), Share(1, of: 2), Share(0, of: 0), Share(1, of: 1)])
    }

    @Test func surveyShareAnyNeedsOnePositive() throws {
        // Positive: 1, 2, 4, 6, 7 — not 3.
        #expect(try evaluate(survey(.any), Self.forms).overall.share == Share(5, of: 6))
    }

    @Test func surveyShareMeanComparesTheMeanWithTheThreshold() throws {
        // Means: 3.5 +, 3 +, 1 −, 3 +, 4 +, 3 + → 5 of 6; from 3.5: 3.5 +, 3 −, 1 −, 3 −, 4 +, 3 − → 2 of 6.
        #expect(try evaluate(survey(.mean), Self.forms).overall.share == Share(5, of: 6))
        #expect(try evaluate(survey(.mean, from: 3.5), Self.forms).overall.share == Share(2, of: 6))
    }

    @Test func surveyShareOverOneEnkatLeavesVetEjOut() throws {
        let result = try evaluate(survey(.all, enkat: ["deltagare-avslut"], questions: ["redo"]), Self.forms)
        // Avslut forms: redo 4 +, 3 +, 2 −, vet ej (not answered on the scale).
        #expect(result.overall.share == Share(2, of: 3))
        #expect(result.overall.notAnswered == 1)
        #expect(result.overall.verdict == .forFaSvar)  // n = 3 < minN 5
    }

    @Test func verdictNeedsMinN() throws {
        let goal = GoalFile.Goal(id: "steg", title: "", target: 0.8, measure: .exitShare(.init()))
        let four = "forbund;insats;period;kon;status;avslutsorsak;antal\nb;A;2023H1;kvinna;avslutad;arbete;4\n"
        #expect(try evaluate(goal, four).overall.verdict == .forFaSvar)
        let five = "forbund;insats;period;kon;status;avslutsorsak;antal\nb;A;2023H1;kvinna;avslutad;arbete;4\nb;A;2023H1;kvinna;avslutad;sjukdom;1\n"
        let result = try evaluate(goal, five)
        #expect(result.overall.verdict == .uppfyllt)  // exactly 80 %
        #expect(result.overall.share.percent == 80)
    }

    /// The three individmål of §7.2, then the samverkansenkät of §7.1, the sex styrelsemöten of §9.2 and the
    /// lokala samverkansgruppernas "minst fyra gånger per år" of §9.3 (#27 item 15).
    @Test func blekingeGoalsAreThoseOfTheVerksamhetsplan() {
        let goals = Repository.blekingeGoals
        #expect(
            goals.goals.map(\.id) == [
                "stegforflyttning", "stod-och-inflytande", "mer-redo", "samverkanskompetens", "sex-styrelsemoten", "lokala-samverkansgrupper",
            ])
        #expect(goals.goals.map(\.target) == [0.8, 0.9, 0.75, 0, 6, 0])
        #expect(goals.problems(file: "mal-blekinge.json", catalogues: .builtIn).isEmpty)
        guard case .surveyShare(let stod) = goals.goals[1].measure, case .surveyShare(let redo) = goals.goals[2].measure,
            case .exitShare(let steg) = goals.goals[0].measure
        else {
            Issue.record("wrong measures")
            return
        }
        #expect(steg.excludeFromDenominator == ["flyttat", "avliden"])
        #expect(steg.stegforflyttning == ["arbete", "arbete-med-stod", "studier", "arbetssokande", "annan-rehabilitering"])
        #expect(stod == .init(enkat: ["deltagare-pagaende", "deltagare-avslut"], questions: ["stod", "inflytande"], positiveFrom: 3, combine: .all))
        #expect(redo == .init(enkat: ["deltagare-avslut"], questions: ["redo"], positiveFrom: 3, combine: .all))
    }

    @Test func goalFileProblemsNameThePlace() throws {
        let json =
            #"{"version":1,"goals":[{"id":"a","title":"t","target":1.5,"measure":{"type":"exitShare","excludeFromDenominator":["semester"]}},{"id":"a","title":"t","target":0.5,"measure":{"type":"surveyShare","enkat":"avslut","questions":["redo","x"],"positiveFrom":3}}]}"#
        var goals = try JSONFile.decode(GoalFile.self, from: .init(json.utf8), name: "mal.json")
        goals.document = try JSONValue.parse(Array(json.utf8), file: "mal.json")
        #expect(
            goals.problems(file: "mal.json", catalogues: .builtIn).map(\.description) == [
                "mal.json:1:54: fel: goals[0].target: väntade en andel 0–1 (0.8 = 80 %), fann 1.5",
                "mal.json:1:114: fel: goals[0].measure.excludeFromDenominator[0]: väntade en avslutsorsak (arbete, arbete-med-stod, studier, arbetssokande, annan-rehabilitering, sjukdom, foraldraledig, avbrott, flyttat, avliden, annat eller felregistrering), fann \"semester\"",
                "mal.json:1:134: fel: goals[1].id: målet \"a\" finns redan",
                "mal.json:1:203: fel: goals[1].measure.enkat[0]: väntade deltagare-pagaende, deltagare-avslut, personal, chefer, styrelse, remittenter eller samverkansgrupp, fann \"avslut\"",
                "mal.json:1:225: fel: goals[1].measure.questions[0]: frågan \"redo\" finns inte i avslut",
                "mal.json:1:232: fel: goals[1].measure.questions[1]: väntade en fråga ur katalogen (behov, samordnad, inflytande, stod, bemotande, forstaelse, verktyg, planering, redo, medskapare, helhetssyn, trygghet, jamstalldhet, styrning eller forutsattningar), fann \"x\"",
            ])
        let bad =
            #"{"version":1,"goals":[{"id":"a","title":"t","target":0.5,"measure":{"type":"surveyShare","enkat":"x","questions":[],"positiveFrom":3,"combine":"alla"}}]}"#
        #expect(throws: Problem.self) { try JSONFile.decode(GoalFile.self, from: .init(bad.utf8), name: "mal.json") }
        do {
            _ = try JSONFile.decode(GoalFile.self, from: .init(bad.utf8), name: "mal.json")
        } catch {
            #expect(error.description == "mal.json:1:144: fel: goals[0].measure.combine: väntade all, any eller mean, fann \"alla\"")
        }
    }
}
