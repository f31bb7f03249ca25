import Foundation
import Testing
@testable import FinsamKit

/// `aggregate --goals` (issue #27 item 13, DOMAIN §8): every goal per förbund and group, against figures
/// counted by hand from the rows below.
@Suite struct GoalComparisonTests {
    static let deltagare = """
        forbund;insats;period;kon;status;avslutsorsak;antal
        f;A;2023H1;kvinna;avslutad;arbete;3
        f;A;2023H1;man;avslutad;avbrott;1
        f;A;2023H2;kvinna;avslutad;studier;2
        f;A;2023H2;man;avslutad;sjukdom;2
        g;X;2023H1;man;avslutad;arbete;4
        g;X;2023H1;kvinna;pagaende;;5
        """

    static let dataset: Dataset = {
        let (dataset, problems) = Dataset.load([.bytes(Array(deltagare.utf8), name: "d.csv")], catalogues: .builtIn)
        precondition(problems.isEmpty, "\(problems)")
        return dataset
    }()

    /// For every förbund: stegförflyttning (minst 50 %) and the number of deltagare. For g only: at least 10.
    static let goals = [
        GoalFile(
            version: 2, minN: 1,
            goals: [
                GoalFile.Goal(id: "steg", title: "Stegförflyttning", target: 0.5, measure: .exitShare(.init())),
                GoalFile.Goal(id: "antal", title: "Deltagare", measure: .count(.init(of: .alla))),
            ]),
        GoalFile(version: 2, forbund: "G", goals: [GoalFile.Goal(id: "g-antal", title: "Minst tio", target: 10, measure: .count(.init(of: .alla)))]),
    ]

    func summary(_ rows: [GoalComparison.Row]) -> [String] {
        rows.map { row in
            [
                row.forbund, row.period, row.part ?? "-", row.goal.id, "\(row.numerator)", row.denominator.map(String.init) ?? "-",
                row.figure.verdict.rawValue,
            ]
            .joined(separator: " ")
        }
    }

    @Test func everyGoalOfEachForbundsGoalFilesIsEvaluatedPerForbundAndPeriod() {
        let rows = GoalComparison(byPeriod: true, split: .none).rows(Self.dataset, goals: Self.goals)
        // f 2023H1: arbete 3 of 4 avslutade (75 %); 2023H2: studier 2 of 4 (50 %, meets 50 %). g: arbete 4 of 4;
        // deltagare 4 + 5 = 9, short of g's own ten. The goal file for G is not f's.
        #expect(
            summary(rows) == [
                "f 2023H1 - steg 3 4 uppfyllt", "f 2023H1 - antal 4 - foljs-upp",
                "f 2023H2 - steg 2 4 uppfyllt", "f 2023H2 - antal 4 - foljs-upp",
                "g 2023H1 - steg 4 4 uppfyllt", "g 2023H1 - antal 9 - foljs-upp", "g 2023H1 - g-antal 9 - ej-uppfyllt",
            ])
        #expect(rows[0].value == 0.75)
        // The Wilson interval of 3 of 4: 0.3006 to 0.9544.
        let ci = rows[0].interval!
        #expect(abs(ci.low - 0.3006) < 0.00005 && abs(ci.high - 0.9544) < 0.00005)
    }

    @Test func withoutPeriodAGoalIsOverAllTheForbundsPeriodsAndSplitsByKonOrInsats() {
        let rows = GoalComparison(byPeriod: false, split: .none).rows(Self.dataset, goals: Self.goals)
        // f over 2023H1..2023H2: 3 + 2 of 8 avslutade = 62.5 %.
        #expect(summary(rows).first == "f 2023H1..2023H2 - steg 5 8 uppfyllt")
        #expect(rows.first?.value == 0.625)
        let kon = GoalComparison(byPeriod: true, split: .kon).rows(Self.dataset, goals: [Self.goals[0]])
        // f 2023H1 per kön, each share with its verdict: kvinnor 3 of 3, män 0 of 1, annat none.
        #expect(
            Array(summary(kon).prefix(3)) == [
                "f 2023H1 kvinna steg 3 3 uppfyllt", "f 2023H1 man steg 0 1 ej-uppfyllt", "f 2023H1 annat steg 0 0 for-fa-svar",
            ])
        let insats = GoalComparison(byPeriod: false, split: .insats).rows(Self.dataset, goals: [Self.goals[0]])
        #expect(summary(insats).filter { $0.contains(" steg ") } == ["f 2023H1..2023H2 A steg 5 8 uppfyllt", "g 2023H1 X steg 4 4 uppfyllt"])
        // Written as CSV: one line per row, the share unrounded, no interval for a count.
        let csv = String(decoding: GoalComparison(byPeriod: false, split: .none).csv(rows), as: UTF8.self).split(separator: "\n")
        #expect(csv[0] == "forbund,period,id,kind,target,numerator,denominator,value,ci_low,ci_high,verdict")
        #expect(csv[1].hasPrefix("f,2023H1..2023H2,steg,share,minst 50 %,5,8,0.625,0.30"))
        #expect(csv[2] == "f,2023H1..2023H2,antal,count,följs upp,8,,8,,,foljs-upp")
    }
}
