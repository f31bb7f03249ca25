import Foundation
import Testing

@Suite struct AggregateCommandTests {
    @Test func writesOneLongTablePerKindAndRefusesToMixThemInCSV() throws {
        let both = try FinsamProcess.run(["aggregate", "SampleData"])
        #expect(both.status == 2)
        #expect(both.stderr.hasPrefix("finsam: filerna har både deltagare och indikatorsvar"))
        let deltagare = try FinsamProcess.run(["aggregate", "--kind", "deltagare", "SampleData"])
        #expect(deltagare.status == 0)
        #expect(deltagare.stdout.hasPrefix("forbund,insats,period,kon,status,avslutsorsak,antal\n"))
        // Every row's count adds up to the deltagare in the files (antal summed, felregistreringar included).
        let total = deltagare.stdout.split(separator: "\n").dropFirst().reduce(0) { $0 + Int($1.split(separator: ",").last!)! }
        #expect(total > 450)
        #expect(deltagare.stderr.contains("aggregate: 6 filer, "))
        let json = try FinsamProcess.run(["aggregate", "--format", "json", "--by", "period", "SampleData"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: [[String: Any]]]
        #expect(object["deltagare"]?.map { $0["period"] as! String } == ["2022H2", "2023H1", "2023H2"])
        #expect(object["deltagare"]?.reduce(0) { $0 + ($1["antal"] as! Int) } == total)
        #expect(object["indikatorsvar"]?.count == 3 * 9)
    }

    @Test func stopsOrSkipsInvalidRowsAsAsked() throws {
        let folder = try FinsamProcess.temporaryDirectory()
        try Data("forbund,insats,period,kon,status\nF,A,2023H1,man,pagaende\nF,A,2023H1,kvinan,pagaende\nF,A,2023H1,man,pagaende\n".utf8)
            .write(to: folder.appendingPathComponent("d.csv"))
        let stop = try FinsamProcess.run(["aggregate", "d.csv"], in: folder)
        #expect(stop.status == 1)
        #expect(stop.stdout == "")
        #expect(stop.stderr == "d.csv:3:12: error: kolumn kon: väntade kvinna, man eller annat, fann \"kvinan\"\n")
        let skip = try FinsamProcess.run(["aggregate", "--on-error", "skip", "d.csv"], in: folder)
        #expect(skip.status == 0)
        #expect(skip.stdout == "forbund,insats,period,kon,status,avslutsorsak,antal\nF,A,2023H1,man,pagaende,\"\",2\n")
        #expect(skip.stderr.hasPrefix("d.csv:3:12: error: kolumn kon"))
        #expect(skip.stderr.contains("2 rader") && skip.stderr.contains("1 ogiltiga rader hoppades över"))
        #expect(try FinsamProcess.run(["aggregate", "--by", "kommun", "d.csv"], in: folder).status == 2)
    }
}
