import FinsamTestSupport
import Foundation
import Testing

@Suite struct AggregateCommandTests {
    @Test func writesOneLongTablePerKindAndRefusesToMixThemInCSV() throws {
        let both = try FinsamProcess.run(["aggregate"] + Repository.sampleCSVs)
        #expect(both.status == 2)
        #expect(both.stderr.hasPrefix("finsam: filerna har flera filtyper"))
        let deltagare = try FinsamProcess.run(["aggregate", "--kind", "deltagare"] + Repository.sampleCSVs)
        #expect(deltagare.status == 0)
        #expect(deltagare.stdout.hasPrefix("forbund,insats,period,kon,status,avslutsorsak,antal\n"))
        // Every row's count adds up to the deltagare in the files (antal summed, felregistreringar included).
        let total = deltagare.stdout.split(separator: "\n").dropFirst().reduce(0) { $0 + Int($1.split(separator: ",").last!)! }
        #expect(total > 450)
        // (--kind deltagare reads all ten files, and keeps the deltagare.)
        #expect(deltagare.stderr.contains("aggregate: 10 filer, "))
        let json = try FinsamProcess.run(["aggregate", "--format", "json", "--by", "period"] + Repository.sampleCSVs)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: [[String: Any]]]
        #expect(object["deltagare"]?.map { $0["period"] as! String } == ["2022H2", "2023H1", "2023H2"])
        #expect(object["deltagare"]?.reduce(0) { $0 + ($1["antal"] as! Int) } == total)
        // Nine deltagar-questions in three periods, and the samverkansenkät's trygghet in 2023H1 and 2023H2.
        #expect(object["indikatorsvar"]?.count == 3 * 9 + 2)
    }

    /// SampleData's 2023H2 files name the förbund and insatser by name, the earlier ones by id: without a
    /// register they are different groups, with the förbund's register one (its ids).
    @Test func aRegisterGroupsNamesAndIdsAsOne() throws {
        let plain = try FinsamProcess.run(["aggregate", "--by", "forbund", "--kind", "deltagare"] + Repository.sampleCSVs)
        #expect(plain.stdout == "forbund,antal\nSamordningsförbundet i Blekinge,173\nblekinge,328\n")
        let register = Repository.sample("forbund-blekinge.json")
        let unified = try FinsamProcess.run(["aggregate", "--register", register, "--by", "forbund", "--kind", "deltagare"] + Repository.sampleCSVs)
        #expect(unified.status == 0)
        #expect(unified.stdout == "forbund,antal\nblekinge,501\n")
        let perInsats = try FinsamProcess.run(
            ["aggregate", "--register", register, "--by", "insats,period", "--kind", "deltagare"] + Repository.sampleCSVs)
        let lines = perInsats.stdout.split(separator: "\n")
        #expect(lines.count == 1 + 6 * 3)  // six individinriktade insatser, three halvår
        #expect(lines.contains("kt-ronneby,2023H2,31"))  // as in the report's kostnad table
        let folder = try TemporaryFolder.make()
        try Data("forbund,insats,period,kon,status\nblekinge,kt-okand,2023H1,man,pagaende\n".utf8).write(
            to: folder.appendingPathComponent("okand.csv"))
        let unknown = try FinsamProcess.run(["aggregate", "--register", register, "okand.csv"], in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("okand.csv:2:10: fel: cell B2: kolumn insats: väntade en insats i registret (kt-karlskrona, "))
    }

    @Test func stopsOrSkipsInvalidRowsAsAsked() throws {
        let folder = try TemporaryFolder.make()
        try Data("forbund,insats,period,kon,status\nF,A,2023H1,man,pagaende\nF,A,2023H1,kvinan,pagaende\nF,A,2023H1,man,pagaende\n".utf8)
            .write(to: folder.appendingPathComponent("d.csv"))
        let stop = try FinsamProcess.run(["aggregate", "d.csv"], in: folder)
        #expect(stop.status == 1)
        #expect(stop.stdout == "")
        #expect(stop.stderr == "d.csv:3:12: fel: cell D3: kolumn kon: väntade kvinna, man eller annat, fann \"kvinan\"\n")
        let skip = try FinsamProcess.run(["aggregate", "--on-error", "skip", "d.csv"], in: folder)
        #expect(skip.status == 0)
        #expect(skip.stdout == "forbund,insats,period,kon,status,avslutsorsak,antal\nF,A,2023H1,man,pagaende,\"\",2\n")
        #expect(skip.stderr.hasPrefix("d.csv:3:12: fel: cell D3: kolumn kon"))
        #expect(skip.stderr.contains("2 rader") && skip.stderr.contains("1 ogiltiga rader hoppades över"))
        #expect(try FinsamProcess.run(["aggregate", "--by", "kommun", "d.csv"], in: folder).status == 2)
    }
}
