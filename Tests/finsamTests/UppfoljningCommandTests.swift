import FinsamTestSupport
import Foundation
import Testing

/// `report --format uppfoljning` and `aggregate --by` a dimension, as a kansli and an analyst run them.
@Suite struct UppfoljningCommandTests {
    @Test func theUppfoljningExportSaysItIsUnprotected() throws {
        let files = ["deltagare-2021H1.csv", "deltagare-2021H2.csv"].map { Repository.sample("gotland/" + $0) }
        let csv = try FinsamProcess.run(
            ["report", "--period", "2021", "--format", "uppfoljning", "--register", Repository.sample("gotland/forbund.json")] + files)
        #expect(csv.status == 0)
        #expect(csv.stderr.contains("inte för publicering — små antal visas oskyddade"))
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(
            lines[0]
                == "\u{FEFF}niva;id;namn;inriktning;malgrupp;budget;utfall;budgeterat_antal;kvinnor;man;annat;totalt;tilldelade_medel;administration_budget;administration_utfall;eget_kapital"
        )
        // The plan's figures (#27 item 15): Försäkringskassan's and Region Gotland's 2 162 000 each, administration
        // 1 534 632; the eget kapital is the latest the register has before the year's end (the prognos 2020-12-31).
        #expect(lines[1] == "forbund;gotland;FinsamGotland;;;;;;;;;;4324000;1534632;1498000;650000")
        #expect(
            lines[2].hasPrefix(
                "insats;jobbsam;JobbSam 3.0;Integrerad samverkan kring arbetslivsinriktad rehabilitering (projektperiod 2020-09-01–2023-08-31);"
                    + "Personer 16–64 år i behov av bredare stöd för att närma sig egen försörjning, särskilt unga vuxna med psykisk ohälsa;"
                    + "2203500;2170000;220;"
            ))
        let halvar = try FinsamProcess.run(
            ["report", "--period", "2021H1", "--format", "uppfoljning", "--register", Repository.sample("gotland/forbund.json")] + files)
        #expect(halvar.status == 2)
        let noRegister = try FinsamProcess.run(["report", "--period", "2021", "--format", "uppfoljning-json"] + files)
        #expect(noRegister.status == 2)
    }

    @Test func aggregateTakesADimensionAndRefusesAnUnknownOne() throws {
        let files = ["deltagare-2021H1.csv", "deltagare-2021H2.csv"].map { Repository.sample("gotland/" + $0) }
        let result = try FinsamProcess.run(["aggregate", "--by", "period,malgrupp"] + files)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("period,malgrupp,antal\n2021H1,a-kassa,"))
        let unknown = try FinsamProcess.run(["aggregate", "--by", "malgrup"] + files)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("väntade forbund, insats, period, kon, aldersgrupp, ny, status, avslutsorsak, enkat, malgrupp"))
    }
}
