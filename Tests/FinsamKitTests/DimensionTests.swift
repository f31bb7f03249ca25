import FinsamTestSupport
import Foundation
import Testing

@testable import FinsamKit

/// Background dimensions (DOMAIN §4.5): the catalogue as data, the optional deltagare columns, their report
/// tables and `aggregate --by`, checked against figures worked out by hand.
@Suite struct DimensionTests {
    /// 41 deltagare of one insats, 28 of them avslutade, with målgrupp and försörjning före and efter.
    static let deltagare = """
        forbund;insats;period;kon;status;avslutsorsak;antal;malgrupp;forsorjning_fore;forsorjning_efter
        F;A;2023H1;kvinna;pagaende;;6;nyanland;a-kassa;
        F;A;2023H1;man;pagaende;;7;forsorjningsstod;forsorjningsstod;
        F;A;2023H1;kvinna;avslutad;arbete;5;nyanland;a-kassa;arbete
        F;A;2023H1;man;avslutad;studier;8;Försörjningsstöd;forsorjningsstod;studier
        F;A;2023H1;kvinna;avslutad;sjukdom;9;;forsorjningsstod;forsorjningsstod
        F;A;2023H1;man;avslutad;avbrott;6;aktivitetsersattning;a-kassa;a-kassa

        """

    func dataset(_ text: String, catalogues: Catalogues = .builtIn) -> (Dataset, [Problem]) {
        Dataset.load([.bytes(Array(text.utf8), name: "d.csv")], catalogues: catalogues)
    }

    func unprotected(_ text: String = deltagare, catalogues: Catalogues = .builtIn, goals: GoalFile? = nil) throws -> PublishedReport {
        let (data, problems) = dataset(text, catalogues: catalogues)
        #expect(problems.isEmpty)
        let report = try HalvarsRapport.make(dataset: data, period: Period("2023H1")!, forbund: nil, goals: goals, sources: ["d.csv"])
        return try PublishedReport(report, protection: nil)
    }

    /// A table as "key: cell cell …" lines.
    func lines(_ table: PublishedTable?) -> [String] {
        (table?.rows ?? []).map { "\($0.key): " + $0.cells.map(\.text).joined(separator: " ") }
    }

    @Test func theBuiltInCatalogueIsTheSampleFileAndChecksItself() throws {
        let sample = try String(contentsOfFile: Repository.sample("dimensioner.json"), encoding: .utf8)
        #expect(BuiltInDimensions.text + "\n" == sample)  // a raw string's last line break is not part of it
        let catalogue = Catalogues.builtIn.dimensioner
        #expect(
            catalogue.dimensions.map(\.id)
                == ["aldersgrupp", "malgrupp", "forsorjning_fore", "forsorjning_efter", "remittent", "tid_i_insats", "handlingsplan"])
        #expect(catalogue.problems(file: "d.json").isEmpty)
        #expect(catalogue.extra.filter { $0.appliesTo == .avslutad }.map(\.id) == ["forsorjning_efter", "tid_i_insats"])
        var twice = catalogue
        twice.dimensions[2].codes.append(twice.dimensions[2].codes[0])
        #expect(twice.problems(file: "d.json").map(\.message) == ["dimensions[2].codes[9].code: koden \"aktivitetsersattning\" finns redan"])
    }

    @Test func aDimensionTableCountsEachCodePerKonAndAddsUpToTheTotal() throws {
        let published = try unprotected()
        #expect(published.table("dim-malgrupp")?.title == "Deltagare per målgrupp och kön")
        // Kvinnor, män, annat, totalt. Nyanländ: 6 + 5 kvinnor; försörjningsstöd: 7 + 8 män (one spelt as its label).
        #expect(
            lines(published.table("dim-malgrupp")) == [
                "aktivitetsersattning: 0 6 0 6", "sjukpenning-sjukersattning: 0 0 0 0", "forsorjningsstod: 0 15 0 15", "a-kassa: 0 0 0 0",
                "nyanland: 11 0 0 11", "ingen-ersattning: 0 0 0 0", "annan: 0 0 0 0", "uppgift-saknas: 9 0 0 9", "totalt: 20 21 0 41",
            ])
        // Försörjning efter applies to the avslutade only: its rows add up to the 28 avslutade. None lacks it,
        // so its row "uppgift saknas" is left out, and a line says so.
        #expect(lines(published.table("dim-forsorjning_efter")).suffix(3) == ["arbete: 5 0 0 5", "studier: 0 8 0 8", "totalt: 14 14 0 28"])
        #expect(published.table("dim-forsorjning_efter")?.omittedNote == "Visas inte: raden Uppgift saknas (inga deltagare saknar uppgiften).")
        #expect(published.table("dim-remittent") == nil)  // no such column
    }

    @Test func forsorjningForeAndEfterIsACrossTableOfTheAvslutade() throws {
        let table = try #require(try unprotected().table("forsorjning"))
        #expect(table.columnKeys == ["forsorjningsstod", "a-kassa", "arbete", "studier", "totalt", "arbete-studier", "arbete-studier-andel"])
        // Före a-kassa: 5 to arbete, 6 still a-kassa (11, of whom 5 = 45 % moved); före försörjningsstöd: 8 to
        // studier, 9 still on it (17, 8 = 47 %); all 28, 13 = 46 %.
        #expect(
            lines(table) == [
                "forsorjningsstod: 9 0 0 8 17 8 47 %",
                "a-kassa: 0 6 5 0 11 5 45 %",
                "totalt: 9 6 5 8 28 13 46 %",
            ])
    }

    @Test func theDimensionTablesAreProtectedLikeTheOthers() throws {
        let (data, _) = dataset(Self.deltagare)
        let report = try HalvarsRapport.make(dataset: data, period: Period("2023H1")!, forbund: nil, goals: nil, sources: [])
        let published = try PublishedReport(report, protection: SmallCellProtection())
        // Every count shown is 0 or at least 5, in the dimension tables as in the others.
        for id in ["dim-malgrupp", "dim-forsorjning_fore", "dim-forsorjning_efter", "forsorjning"] {
            let table = try #require(published.table(id))
            for row in table.rows {
                for (key, cell) in zip(table.columnKeys, row.cells) where !cell.suppressed && !key.hasSuffix("andel") {
                    #expect(cell.number.map { $0 == 0 || $0 >= 5 } ?? true, "\(id) \(row.key) \(key)")
                }
            }
        }
        // The cross table's column totals are the försörjning efter table's: one count, one cell.
        let arbete = published.cells.cells.filter { cell in
            let terms = cell.filter?.terms ?? [:]
            return cell.published && terms["dim:forsorjning_efter"] == ["arbete"] && terms["kon"] == nil && terms["dim:forsorjning_fore"] == nil
        }
        #expect(arbete.count == 1)
    }

    @Test func anUnknownCodeIsReportedAtItsCellAndEfterOnAPagaendeRowIsAnError() {
        let bad = """
            forbund;insats;period;kon;status;avslutsorsak;malgrupp;forsorjning_efter
            F;A;2023H1;kvinna;pagaende;;nyanlänning;
            F;A;2023H1;man;pagaende;;a-kassa;arbete

            """
        let (_, problems) = dataset(bad)
        #expect(
            problems.map(\.description) == [
                "d.csv:2:29: fel: cell G2: kolumn malgrupp: väntade aktivitetsersattning, sjukpenning-sjukersattning, forsorjningsstod, a-kassa, nyanland, "
                    + "ingen-ersattning eller annan, fann \"nyanlänning\"",
                "d.csv:3:34: fel: cell H3: kolumn forsorjning_efter: väntade tom cell för en pågående deltagare (försörjning efter insatsen gäller avslutade), "
                    + "fann \"arbete\"",
            ])
    }

    @Test func bothDecodingPathsReadTheDimensions() throws {
        var records: [[DeltagareRecord]] = []
        for known in [true, false] {
            var decoder = RecordDecoder(catalogues: .builtIn)
            decoder.usesKnownCells = known
            var sink = KnownCellPathTests.RecordingSink()
            let summary = decoder.decode(CSVReader(bytes: Array(Self.deltagare.utf8), fileName: "d.csv"), into: &sink)
            #expect(summary.isValid)
            records.append(sink.deltagare)
        }
        #expect(records[0] == records[1])
        let malgrupp = try #require(Catalogues.builtIn.dimensioner.slot(of: "malgrupp"))
        #expect(records[0].map { $0.dimensions[malgrupp] } == [4, 2, 4, 2, nil, 0])
    }

    @Test func aggregateGroupsByMalgrupp() throws {
        let folder = try TemporaryFolder.make("finsam-dim")
        let path = folder.appendingPathComponent("d.csv").path
        try Data(Self.deltagare.utf8).write(to: URL(fileURLWithPath: path))
        var options = AggregateRun.Options()
        options.by = [.kon]
        options.dimensions = [try #require(Catalogues.builtIn.dimensioner.slot(of: "malgrupp"))]
        let outcome = AggregateRun.run(files: [path], catalogues: .builtIn, options: options)
        #expect(outcome.problems.isEmpty)
        let csv = String(decoding: AggregateWriter(table: outcome.table, names: outcome.names, catalogues: .builtIn).deltagare(.csv), as: UTF8.self)
        // No målgrupp (NULL) sorts last, as DuckDB sorts it.
        #expect(csv == "kon,malgrupp,antal\nkvinna,nyanland,11\nkvinna,,9\nman,aktivitetsersattning,6\nman,forsorjningsstod,15\n")
    }

    @Test func theGroupKeyGivesNamesWhatTheDimensionsLeave() {
        let catalogues = Catalogues.builtIn
        let all = Array(catalogues.dimensioner.extra.indices)
        // Every field but ny (whose 2 bits would leave 11 per name: too few, and said so), and every dimension.
        let key = GroupKey(Set(AggregateField.allCases).subtracting([.ny]), dimensions: all, kind: .deltagare, catalogues: catalogues)
        #expect(key.fits)
        #expect(!GroupKey(Set(AggregateField.allCases), dimensions: all, kind: .deltagare, catalogues: catalogues).fits)
        // 64 − (period 9, kön 2, ålder 3, status 2, orsak 4, dimensions 3+4+4+3+3+2) = 25: 12 bits per name.
        #expect(key.forbund.width == 12 && key.insats.width == 12)
        #expect(key.nameCapacity == 4095)
        let plain = GroupKey(AggregateField.defaultDeltagare, dimensions: [], kind: .deltagare, catalogues: catalogues)
        #expect(plain.forbund.width == 22 && plain.nameCapacity == (1 << 22) - 1)
    }

    @Test func aForbundsOwnBandsReplaceTheBuiltInOnes() throws {
        let malmo = try Catalogues.load(avslutsorsaker: nil, indikatorer: nil, dimensioner: Repository.sample("malmo/dimensioner.json"))
        #expect(malmo.dimensioner.aldersgrupp.codes.map(\.code) == ["16-19", "20-24", "25-30", "31-39", "40-49", "50-59", "60-64"])
        #expect(malmo.dimensioner.extra.map(\.id) == Catalogues.builtIn.dimensioner.extra.map(\.id))  // the others kept
        #expect(malmo.templateDimensions.isEmpty)  // the file lists no column beside åldersgrupp
        let text = """
            forbund;insats;period;kon;aldersgrupp;ny;status;avslutsorsak;antal
            M;S;2023H1;kvinna;25-30;ja;pagaende;;6
            M;S;2023H1;man;16-19;ja;avslutad;arbete;5
            M;S;2023H1;man;31-39;ja;pagaende;;7

            """
        #expect(
            dataset(text).1.first?.description
                == "d.csv:2:19: fel: cell E2: kolumn aldersgrupp: väntade 16-19, 20-24, 25-29, 30-39, 40-49, 50-59 eller 60-64, fann \"25-30\"")
        let goals = try GoalFile.decode(
            Data(
                #"""
                {"version": 2, "goals": [{"id": "unga", "title": "Unga vuxna bland nya", "measure": {"type": "deltagarShare", "of": "nya", "where": {"aldersgrupp": "unga"}}},
                  {"id": "span", "title": "16–30", "measure": {"type": "deltagarShare", "of": "alla", "where": {"aldersgrupp": "16-30"}}}]}
                """#.utf8), name: "mal.json", catalogues: malmo)
        let published = try unprotected(text, catalogues: malmo, goals: goals)
        #expect(lines(published.table("alder-grupperad")) == ["unga: 6 5 0 11", "31-64: 0 7 0 7", "totalt: 6 12 0 18"])
        #expect(published.table("alder-grupperad")?.rows.first?.label == "Unga vuxna 16–30 år")
        #expect(published.report.goals.map(\.overall.share) == [Share(11, of: 18), Share(11, of: 18)])
        #expect(published.report.goals[0].scopeText == "Alla deltagare")
    }

    @Test func aGoalScopeTakesADimensionStrictly() throws {
        let goals = try GoalFile.decode(
            Data(
                #"""
                {"version": 2, "goals": [{"id": "a", "title": "Nyanlända: arbete eller studier", "scope": {"malgrupp": ["nyanland", "Aktivitetsersättning"]}, "measure": {"type": "exitShare"}}]}
                """#.utf8), name: "mal.json", catalogues: .builtIn)
        let published = try unprotected(goals: goals)
        // Avslutade nyanlända and with aktivitetsersättning: 5 (arbete) + 6 (avbrott); stegförflyttning 5 of 11.
        #expect(published.report.goals[0].overall.share == Share(5, of: 11))
        do {
            _ = try GoalFile.decode(
                Data(
                    #"{"version": 2, "goals": [{"id": "a", "title": "t", "scope": {"malgrupp": "nyanländ-ish"}, "measure": {"type": "exitShare"}}]}"#
                        .utf8),
                name: "mal.json", catalogues: .builtIn)
            Issue.record("an unknown code must be refused")
        } catch {
            #expect(
                error.problems.map(\.description) == [
                    "mal.json:1:74: fel: goals[0].scope.malgrupp[0]: väntade aktivitetsersattning, sjukpenning-sjukersattning, forsorjningsstod, a-kassa, "
                        + "nyanland, ingen-ersattning eller annan, fann \"nyanländ-ish\""
                ])
        }
    }

    @Test func theTemplateWritesTheColumnsAForbundsCatalogueLists() throws {
        let folder = try TemporaryFolder.make("finsam-dim")
        let own = folder.appendingPathComponent("dimensioner.json").path
        try Data(
            #"{"version": 1, "dimensions": [{"id": "remittent", "label": "Remittent", "appliesTo": "all", "codes": [{"code": "af", "label": "Arbetsförmedlingen"}, {"code": "skola", "label": "Skolan"}]}]}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: own))
        let catalogues = try Catalogues.load(avslutsorsaker: nil, indikatorer: nil, dimensioner: own)
        #expect(
            Template.columns(.deltagare, catalogue: catalogues.indikatorer, dimensions: catalogues.templateDimensions).suffix(2) == [
                "antal", "remittent",
            ])
        #expect(catalogues.dimensioner.extra.first { $0.id == "remittent" }?.codes.map(\.code) == ["af", "skola"])
    }
}
