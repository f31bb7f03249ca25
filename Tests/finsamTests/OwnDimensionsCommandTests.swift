import FinsamTestSupport
import Foundation
import Testing

/// A förbund's four own dimensions from the command line (issue #27 item 10): `aggregate --by` and
/// `template` with `--dimensioner`.
@Suite struct OwnDimensionsCommandTests {
    @Test func aggregateGroupsByTheTenthDimension() throws {
        let folder = try TemporaryFolder.make("finsam-own-dim-cli")
        let catalogue = folder.appendingPathComponent("dimensioner.json").path
        let data = folder.appendingPathComponent("deltagare.csv").path
        try Data(
            #"""
            {"version": 1, "dimensions": [
              {"id": "kommun", "label": "Kommun", "appliesTo": "all", "codes": [{"code": "skelleftea", "label": "Skellefteå"}, {"code": "norsjo", "label": "Norsjö"}]},
              {"id": "utbildning", "label": "Utbildning", "appliesTo": "all", "codes": [{"code": "grundskola", "label": "Grundskola"}, {"code": "gymnasium", "label": "Gymnasium"}]},
              {"id": "boende", "label": "Boende", "appliesTo": "all", "codes": [{"code": "egen", "label": "Eget boende"}, {"code": "annan", "label": "Annat boende"}]},
              {"id": "funktionsnedsattning", "label": "Funktionsnedsättning", "appliesTo": "all", "codes": [{"code": "ja", "label": "Ja"}, {"code": "nej", "label": "Nej"}]}
            ]}
            """#.utf8
        ).write(to: URL(fileURLWithPath: catalogue))
        try Data(
            """
            forbund,insats,period,kon,status,avslutsorsak,antal,kommun,utbildning,boende,funktionsnedsattning
            S,R,2015H1,kvinna,pagaende,,6,skelleftea,gymnasium,egen,nej
            S,R,2015H1,man,pagaende,,7,norsjo,grundskola,annan,ja
            S,R,2015H1,kvinna,avslutad,arbete,5,skelleftea,gymnasium,egen,ja

            """.utf8
        ).write(to: URL(fileURLWithPath: data))
        let result = try FinsamProcess.run(["aggregate", "--dimensioner", catalogue, "--by", "kommun,funktionsnedsattning", data])
        #expect(result.status == 0, "\(result.stderr)")
        // Norsjö: 7 with; Skellefteå: 5 with, 6 without (codes sorted as text, as DuckDB sorts them).
        #expect(result.stdout == "kommun,funktionsnedsattning,antal\nnorsjo,ja,7\nskelleftea,ja,5\nskelleftea,nej,6\n")
        let template = try FinsamProcess.run(["template", "deltagare", "--dimensioner", catalogue])
        #expect(template.stdout.hasSuffix(";antal;kommun;utbildning;boende;funktionsnedsattning\r\n"))
    }
}
