import FinsamTestSupport
import Testing
@testable import FinsamKit

@Suite struct SmallCellProtectionTests {
    /// Every sum of a grid (rows with their totals, columns with theirs, totals with the grand total) must hide
    /// no count or at least two: one hidden count in a sum is the sum minus the others.
    func undoable(_ grid: ProtectedGrid) -> [String] {
        var found: [String] = []
        let columns = grid.rows.first?.count ?? 0
        if columns > 1 {
            for r in grid.rows.indices where (grid.hiddenCells[r] + [grid.hiddenRowTotals[r]]).filter({ $0 }).count == 1 { found.append("row \(r)") }
        }
        if grid.rows.count > 1 {
            for c in 0..<columns where (grid.rows.indices.map { grid.hiddenCells[$0][c] } + [grid.hiddenColumnTotals[c]]).filter({ $0 }).count == 1 {
                found.append("column \(c)")
            }
        }
        if (grid.hiddenColumnTotals + [grid.hiddenTotal]).filter({ $0 }).count == 1 { found.append("totals row") }
        if (grid.hiddenRowTotals + [grid.hiddenTotal]).filter({ $0 }).count == 1 { found.append("totals column") }
        return found
    }

    @Test func hidesSmallCountsAndOneMoreInEachSum() {
        // Kvinnor, män, annat: annat is 2 in one row.
        let grid = ProtectedGrid([[20, 15, 2], [10, 12, 0]], protection: SmallCellProtection())
        #expect(grid.cell(0, 2) == .small)
        #expect(grid.hiddenCells[0].filter { $0 }.count >= 2)  // the 2 and at least one more of its row
        #expect(grid.hiddenColumnTotals[2])  // annat's total (2) is small too
        #expect(undoable(grid) == [])
        // A table with no small count hides nothing.
        let clean = ProtectedGrid([[20, 15, 0], [10, 12, 0]], protection: SmallCellProtection())
        #expect(clean.hiddenCells.flatMap { $0 }.allSatisfy { !$0 })
        #expect(clean.grandTotal == .value(57))
    }

    @Test func prefersTheAnnatColumnForSecondaryHiding() {
        // Row 0 has a small kvinna count; its second hidden count should be annat (7), not män (6).
        let grid = ProtectedGrid([[3, 6, 7], [30, 40, 9]], protection: SmallCellProtection(), cheapColumns: [2])
        #expect(grid.hiddenCells[0] == [true, false, true])
        #expect(undoable(grid) == [])
    }

    @Test func reusesAColumnThatAlreadyHidesACountRatherThanOpeningAnother() {
        // Pågående and avslutade × kvinna, man, annat. Annat (1, 2, total 3) is hidden; each row needs a second
        // count. Once män's pågående is hidden, män's avslutade (30) costs nothing more, while kvinnor's (29,
        // smaller) would need a partner of its own in kvinnor's column: kvinnor stay visible.
        let grid = ProtectedGrid([[64, 47, 1], [29, 30, 2]], protection: SmallCellProtection(), cheapColumns: [2])
        #expect(grid.hiddenCells == [[false, true, true], [false, true, true]])
        #expect(grid.hiddenColumnTotals == [false, true, true])
        #expect(grid.hiddenRowTotals == [false, false] && !grid.hiddenTotal)
        #expect(undoable(grid) == [])
    }

    @Test(arguments: 0..<200)
    func noRandomTableCanBeSubtractedBack(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let rows = Int.random(in: 1...7, using: &generator), columns = Int.random(in: 1...4, using: &generator)
        let counts = (0..<rows).map { _ in
            (0..<columns).map { c in c == columns - 1 ? Int.random(in: 0...4, using: &generator) : Int.random(in: 0...30, using: &generator) }
        }
        let grid = ProtectedGrid(
            counts, protection: SmallCellProtection(threshold: Int.random(in: 3...6, using: &generator)), cheapColumns: [columns - 1])
        #expect(undoable(grid) == [], "\(counts)")
        // Every count from 1 to threshold − 1 is hidden.
        for r in counts.indices {
            for c in counts[r].indices where counts[r][c] > 0 && counts[r][c] < grid.protection!.threshold { #expect(grid.hiddenCells[r][c]) }
        }
    }

    @Test func numeratorsAndDenominatorsHideTheSameCells() {
        let (num, den) = ProtectedGrid.pair(
            numerators: [[27, 24, 2]], denominators: [[29, 29, 2]], protection: SmallCellProtection(),
            cheapColumns: [2])
        #expect(num.hiddenCells == den.hiddenCells)
        #expect(num.hiddenCells[0].filter { $0 }.count == 2)
        #expect(undoable(num) == [] && undoable(den) == [])
    }

    @Test func forcedTotalsAreHiddenInNumeratorsAndDenominatorsAlike() {
        // Another table hides män's total; both grids hide it, and hide a second total beside it.
        let (num, den) = ProtectedGrid.pair(
            numerators: [[8, 7, 0], [19, 12, 0]], denominators: [[9, 7, 0], [20, 13, 0]],
            protection: SmallCellProtection(), cheapColumns: [2], forcedColumnTotals: [false, true, false])
        #expect(num.hiddenColumnTotals == den.hiddenColumnTotals && num.hiddenCells == den.hiddenCells)
        #expect(num.hiddenColumnTotals[1])
        #expect(num.hiddenColumnTotals.filter { $0 }.count + (num.hiddenTotal ? 1 : 0) >= 2)
        #expect(undoable(num) == [] && undoable(den) == [])
    }

    /// A count that two tables publish (deltagare per kön, avslutade per kön, the stegförflyttning goal per kön
    /// and per insats) is hidden in both or in neither: otherwise one table gives back what the other hides.
    @Test(arguments: [3, 5, 7, 10])
    func countsPublishedInSeveralTablesAreHiddenAlike(threshold: Int) throws {
        let (dataset, _) = Dataset.load(Repository.sampleCSVs.map { .path($0) }, catalogues: .builtIn, register: Repository.blekinge)
        for period in ["2022H2", "2023H1", "2023H2", "2023"] {
            let report = try HalvarsRapport.make(
                dataset: dataset, period: Period(period)!, forbund: nil, goals: Repository.blekingeGoals, sources: [])
            let published = PublishedReport(report, protection: SmallCellProtection(threshold: threshold))
            func hidden(_ table: String, _ row: String, _ columns: [Int]) throws -> [Bool] {
                let cells = try #require(published.table(table)?.rows.first { $0.key == row }?.cells, "\(table) \(row)")
                return columns.map { cells[$0].suppressed }
            }
            let kon = [0, 1, 2]
            let totalt = try hidden("deltagare", "totalt", kon)
            #expect(try hidden("alder", "totalt", kon) == totalt, "\(period)")
            #expect(try hidden("alder-grupperad", "totalt", kon) == totalt, "\(period)")
            let avslutade = try hidden("deltagare", "avslutade", kon)
            #expect(try hidden("avslutsorsaker", "summa", [0, 2, 4]) == avslutade, "\(period)")
            #expect(try hidden("sus", "summa", [0, 2, 4]) == avslutade, "\(period)")
            // The stegförflyttning table's totals are the first goal's figures per kön and per insats.
            let steg = try #require(published.table("stegforflyttning"))
            let goal = "stegforflyttning"
            let perKon = try Kon.allCases.map { try hidden("mal-kon", "\(goal)/\($0.code)", [1])[0] }
            #expect(try hidden("stegforflyttning", "totalt", [0, 3, 6]) == perKon, "\(period)")
            #expect(try hidden("stegforflyttning", "totalt", [1, 4, 7]) == perKon, "\(period)")
            for row in steg.rows where row.key != "totalt" {
                #expect(row.cells[9].suppressed == (try hidden("mal-insats", "\(goal)/\(row.key)", [1])[0]), "\(period) \(row.key)")
            }
            // And the stegförflyttning table itself: with its forced totals, no sum hides exactly one count.
            for first in [0, 1] {
                let grid = steg.rows.map { row in stride(from: first, to: 12, by: 3).map { row.cells[$0].suppressed } }
                for row in grid { #expect(row.filter { $0 }.count != 1, "\(period) stegförflyttning row") }
                for c in 0..<4 { #expect(grid.map { $0[c] }.filter { $0 }.count != 1, "\(period) stegförflyttning column \(c)") }
            }
        }
    }

    /// Linked tables agree on one kön to lose: when `annat` is small, kvinnor or män must go beside it, and
    /// the tables protected after the first reuse its choice instead of each picking its own.
    @Test func linkedTablesHideOneKonBesideAnnatNotBoth() throws {
        let (dataset, _) = Dataset.load(Repository.sampleCSVs.map { .path($0) }, catalogues: .builtIn, register: Repository.blekinge)
        let report = try HalvarsRapport.make(dataset: dataset, period: Period("2023H2")!, forbund: nil, goals: Repository.blekingeGoals, sources: [])
        #expect(report.deltagare.avslutade.counts == [29, 30, 2])
        let published = PublishedReport(report, protection: SmallCellProtection())
        func hidden(_ table: String, _ row: String, _ columns: [Int]) -> [Bool]? {
            published.table(table)?.rows.first { $0.key == row }.map { cells in columns.map { cells.cells[$0].suppressed } }
        }
        for row in ["pagaende", "avslutade", "totalt"] { #expect(hidden("deltagare", row, [0, 1, 2]) == [false, true, true], "\(row)") }
        #expect(hidden("avslutsorsaker", "summa", [0, 1, 2, 3, 4]) == [false, false, true, true, true])
        #expect(hidden("sus", "summa", [0, 1, 2, 3, 4]) == [false, false, true, true, true])
    }

    /// The published SampleData report: in every kön table, each row and each column hides no count or at least two.
    @Test func noPublishedTableOfTheSampleReportCanBeSubtractedBack() throws {
        let (dataset, _) = Dataset.load(Repository.sampleCSVs.map { .path($0) }, catalogues: .builtIn, register: Repository.blekinge)
        for period in ["2023H1", "2023H2", "2023"] {
            let report = try HalvarsRapport.make(
                dataset: dataset, period: Period(period)!, forbund: nil, goals: Repository.blekingeGoals, sources: [])
            let published = PublishedReport(report, protection: SmallCellProtection())
            var checked = 0
            for table in published.tables where ["deltagare", "alder", "alder-grupperad", "avslutsorsaker", "sus"].contains(table.id) {
                // Count columns: kvinna, man, annat, totalt (every other column in tables with shares).
                let step = table.columnKeys.count == 8 ? 2 : 1
                let rows = table.rows.filter { $0.key != "nya" }.map { row in
                    stride(from: 0, to: row.cells.count, by: step).map { row.cells[$0].suppressed }
                }
                for row in rows { #expect(row.filter { $0 }.count != 1, "\(period) \(table.id) row") }
                for c in 0..<4 { #expect(rows.map { $0[c] }.filter { $0 }.count != 1, "\(period) \(table.id) column \(c)") }
                checked += 1
            }
            #expect(checked == 5)
            // Small counts never appear as numbers in any table.
            for table in published.tables where table.id != "mal" && table.id != "trend" && table.id != "kostnad" {
                for row in table.rows {
                    for cell in row.cells where cell.suppressed { #expect(cell.number == nil) }
                }
            }
        }
    }
}
