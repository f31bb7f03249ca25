import FinsamTestSupport
import Foundation
import Testing

@testable import FinsamKit

/// Relations by construction (issue #24, item 1): a report only declares what each count counts, and every
/// relation between its counts follows from the declarations (``LinkedCells/deriveRelations()``).
@Suite struct DerivedRelationsTests {
    let base = CountFilter(["kalla": ["d"], "period": ["2023H2"]])

    /// Whether `relations` imply `terms` (`Σ coefficient · cell = 0`).
    static func implies(_ cells: LinkedCells, _ terms: [(Int, Double)]) -> Bool {
        let width = cells.cells.count
        var known = LinearRelations(width: width)
        for relation in cells.relations {
            var v = [Double](repeating: 0, count: width)
            for term in relation.terms { v[term.cell] += Double(term.coefficient) }
            _ = known.add(v)
        }
        var v = [Double](repeating: 0, count: width)
        for (cell, coefficient) in terms { v[cell] += coefficient }
        return known.residual(v) < 1e-9
    }

    @Test func theKonOfADeclaredDomainAddUpToTheirTotal() {
        var cells = LinkedCells()
        cells.domains["d|kon"] = ["kvinna", "man", "annat"]
        let k = cells.count(base.with("kon", ["kvinna"]), 3)
        let m = cells.count(base.with("kon", ["man"]), 12)
        let a = cells.count(base.with("kon", ["annat"]), 0)
        let t = cells.count(base, 15)
        cells.deriveRelations()
        #expect(cells.relations.count == 1)
        #expect(Self.implies(cells, [(k, 1), (m, 1), (a, 1), (t, -1)]))
        // Nothing unpublished is needed: the parts cover the domain.
        #expect(cells.cells.allSatisfy { $0.published })
    }

    /// Issue #24's traced leak: "53 av 60" beside 61 avslutade tells that 1 avslutad was flyttat or avliden.
    /// The goal's denominator is the avslutade less the causes it leaves out, by their declarations alone.
    @Test func aGoalsDenominatorIsTheAvslutadeLessTheCausesItLeavesOut() {
        var cells = LinkedCells()
        let causes = ["arbete", "studier", "annat", "flyttat", "avliden"]
        cells.domains["d|utfall"] = Set(causes + ["pagaende"])
        let values = [40, 13, 7, 1, 0]
        let singles = zip(causes, values).map { cells.count(base.with("utfall", [$0]), $1) }
        let avslutade = cells.count(base.with("utfall", Set(causes)), 61)
        let den = cells.count(base.with("utfall", ["arbete", "studier", "annat"]), 60)
        let num = cells.count(base.with("utfall", ["arbete", "studier"]), 53)
        cells.deriveRelations()
        #expect(Self.implies(cells, [(den, 1), (singles[3], 1), (singles[4], 1), (avslutade, -1)]))
        #expect(Self.implies(cells, [(num, 1), (singles[0], -1), (singles[1], -1)]))
        // The pågående are no count of the report: the total of everyone is not declared, and nothing ties it.
        #expect(!cells.cells.contains { $0.filter?.terms["utfall"] == ["pagaende"] })
    }

    /// A part no count publishes takes the value left when the others are known, and is known to be ≥ 0: the
    /// deltagare who are not nya, and the insatser a table leaves out (no domain declared: the codes no count
    /// names are one part).
    @Test func aPartNobodyPublishesIsAnUnpublishedCellWithTheValueLeft() throws {
        var cells = LinkedCells()
        let nya = cells.count(base.with("ny", ["ja"]), 88)
        let totalt = cells.count(base, 173)
        let karlskrona = cells.count(base.with("insats", ["Karlskrona"]), 40)
        let ronneby = cells.count(base.with("insats", ["Ronneby"]), 30)
        cells.deriveRelations()
        let rest = try #require(cells.cells.firstIndex { !$0.published && $0.filter?.terms["ny"] != nil })
        #expect(cells.cells[rest].value == 85)
        #expect(Self.implies(cells, [(nya, 1), (rest, 1), (totalt, -1)]))
        let others = try #require(cells.cells.firstIndex { !$0.published && $0.filter?.terms["insats"] != nil })
        #expect(cells.cells[others].value == 103)
        #expect(Self.implies(cells, [(karlskrona, 1), (ronneby, 1), (others, 1), (totalt, -1)]))
    }

    /// Sets that overlap (a SUS group and a goal's denominator) meet in the finest parts any count tells
    /// apart; a sum the values do not keep (a row's own stegförflyttning cell overriding its cause) is left out.
    @Test func overlappingSetsMeetInTheirFinestPartsAndASumTheValuesBreakIsLeftOut() {
        var cells = LinkedCells()
        let a = cells.count(base.with("utfall", ["a"]), 4)
        let b = cells.count(base.with("utfall", ["b"]), 6)
        let c = cells.count(base.with("utfall", ["c"]), 9)
        let ab = cells.count(base.with("utfall", ["a", "b"]), 10)
        let bc = cells.count(base.with("utfall", ["b", "c"]), 15)
        let wrong = cells.count(base.with("utfall", ["a", "c"]), 14)
        cells.deriveRelations()
        #expect(Self.implies(cells, [(ab, 1), (a, -1), (b, -1)]))
        #expect(Self.implies(cells, [(bc, 1), (b, -1), (c, -1)]))
        #expect(!Self.implies(cells, [(wrong, 1), (a, -1), (c, -1)]))
    }

    /// Counts of two universes (deltagare and forms) or two periods are never summed with each other.
    @Test func countsOfAnotherUniverseOrPeriodAreNeverSummed() {
        var cells = LinkedCells()
        cells.domains["d|kon"] = ["kvinna", "man"]
        cells.domains["f|kon"] = ["kvinna", "man"]
        let forms = CountFilter(["kalla": ["f"], "period": ["2023H2"]])
        _ = cells.count(base.with("kon", ["kvinna"]), 3)
        _ = cells.count(forms.with("kon", ["man"]), 12)
        _ = cells.count(forms, 15)
        _ = cells.count(base.with("period", ["2023H1"]), 15)
        cells.deriveRelations()
        // The forms are tied among themselves (the forms of kvinnor are the rest), nothing else.
        #expect(cells.relations.count == 1)
        for relation in cells.relations {
            let filters = relation.terms.compactMap { cells.cells[$0.cell].filter }
            #expect(Set(filters.map(\.universe)) == ["f"])
            #expect(Set(filters.map { $0.terms["period"] ?? [] }).count == 1)
        }
    }

    /// On SampleData's Blekinge report: the relations issue #24 traced as missing follow from the
    /// declarations: the stegförflyttning goal's denominator per kön is the avslutade less flyttat and
    /// avliden, and its numerator at most its denominator.
    @Test func blekingesGoalIsTiedToItsAvslutsorsakerByTheDeclarationsAlone() throws {
        let report = try HalvarsRapport.make(
            dataset: ReportProtectionTests.sample, period: Period("2023H2")!, forbund: nil, goals: Repository.blekingeGoals, sources: [])
        let published = try PublishedReport(report, protection: nil)
        let cells = published.cells
        func cell(_ terms: [String: Set<String>]) throws -> Int {
            let filter = cells.normalized(CountFilter(["kalla": ["d"], "period": ["2023H2"]].merging(terms) { $1 }))
            return try #require(cells.lookup(filter.key), "\(filter.key)")
        }
        let counted = Set(report.avslutsorsaker.map(\.orsak).filter(\.counted).map(\.code))
        for kon in ["kvinna", "man", "annat"] {
            let avslutade = try cell(["kon": [kon], "utfall": counted])
            let den = try cell(["kon": [kon], "utfall": counted.subtracting(["flyttat", "avliden"])])
            let flyttat = try cell(["kon": [kon], "utfall": ["flyttat"]]), avliden = try cell(["kon": [kon], "utfall": ["avliden"]])
            #expect(Self.implies(cells, [(den, 1), (flyttat, 1), (avliden, 1), (avslutade, -1)]), "\(kon)")
            // The numerator and its unpublished rest make the denominator.
            let num = cells.cells.indices.filter { c in
                cells.cells[c].published && cells.cells[c].filter?.terms["kon"] == [kon]
                    && cells.cells[c].filter?.terms.keys.contains { $0.hasPrefix("steg:") } == true
                    && cells.cells[c].filter?.terms["insats"] == nil && cells.cells[c].filter?.terms["period"] == ["2023H2"]
            }
            #expect(num.count == 1)
            let rest = cells.relations.contains { r in
                Set(r.terms.map(\.cell)).isSuperset(of: [num[0], den]) && r.terms.count == 3
                    && r.terms.contains { !cells.cells[$0.cell].published }
            }
            #expect(rest, "\(kon)")
        }
    }
}
