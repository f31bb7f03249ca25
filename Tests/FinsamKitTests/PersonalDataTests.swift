import Testing
@testable import FinsamKit

@Suite struct PersonalDataTests {
    /// Luhn-valid personnummer (Skatteverket's example 811218-9876) and a samordningsnummer (day + 60).
    @Test(arguments: [
        "8112189876", "811218-9876", "811218+9876", "811218 9876", "81 12 18-9876", "81-12-18-9876",
        "198112189876", "19811218-9876", "19811218 9876", "1981-12-18-9876", "1981 12 18 9876",
        "Deltagare 811218-9876 slutade i maj", "JobbSam 19811218-9876", "pnr:8112189876.",
    ])
    func findsAPersonnummerInAnySpelling(text: String) {
        #expect(PersonalDataDetector.firstMatch(in: text)?.kind == .personnummer)
    }

    @Test func findsASamordningsnummer() {
        #expect(PersonalDataDetector.firstMatch(in: "701063-2391")?.kind == .samordningsnummer)
        #expect(PersonalDataDetector.firstMatch(in: "19701063-2391")?.kind == .samordningsnummer)
    }

    @Test(arguments: ["anna.andersson@karlskrona.se", "Kontakt: x@y.se.", "\"Ola\" <ola+finsam@region-blekinge.se>"])
    func findsAnEmailAddress(text: String) {
        #expect(PersonalDataDetector.firstMatch(in: text)?.kind == .epost)
    }

    @Test(arguments: [
        "8112189877",  // wrong check digit
        "850230-1230",  // 30 February does not exist, though the check digit fits
        "1234567890",  // an ordinary ten-digit number (month 56)
        "Budget 2203500 kr, 12 deltagare",
        "Org.nr 222000-1234",  // organisationsnummer: month 20
        "21811218-9876",  // no 21st-century-plus-one births
        "198112189876543",  // part of a longer number
        "2023H1", "kt-karlskrona", "a@b", "info@", "@karlskrona.se", "x@y.s",
        "81121-89876",  // a separator where no one writes one
    ])
    func doesNotMistakeNearMisses(text: String) {
        #expect(PersonalDataDetector.firstMatch(in: text) == nil)
    }

    @Test func luhnMatchesSkatteverketsExample() {
        #expect(PersonalDataDetector.luhnIsValid([8, 1, 1, 2, 1, 8, 9, 8, 7, 6]))
        #expect(!PersonalDataDetector.luhnIsValid([8, 1, 1, 2, 1, 8, 9, 8, 7, 5]))
    }

    @Test func refusesTheWholeFileAndNamesEveryCell() {
        let text = """
            forbund;insats;period;kon;status;avslutsorsak;antal;x_kommentar
            blekinge;kt-ronneby;2023H1;kvinna;pagaende;;1;ring 811218-9876
            blekinge;"Insats 19811218-9876";2023H1;man;pagaende;;1;
            blekinge;kt-ronneby;2023H1;man;avslutad;arbete;1;anna@karlskrona.se
            blekinge;kt-ronneby;2023H1;man;pagaende;;8112189876;

            """
        let (dataset, found) = load(text)
        #expect(
            found.map(\.description) == [
                "test.csv:2:47: error: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"81…\", 11 tecken); finsam tar bara emot antal — ta bort uppgiften ur filen",
                "test.csv:3:10: error: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"19…\", 13 tecken); finsam tar bara emot antal — ta bort uppgiften ur filen",
                "test.csv:4:50: error: väntade inga personuppgifter, fann något som ser ut som en e-postadress (\"an…\", 18 tecken); finsam tar bara emot antal — ta bort uppgiften ur filen",
                "test.csv:5:42: error: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"81…\", 10 tecken); finsam tar bara emot antal — ta bort uppgiften ur filen",
            ])
        #expect(dataset.deltagare.isEmpty)
        // No message repeats the value it refused.
        for problem in found {
            #expect(!problem.message.contains("9876"))
            #expect(!problem.message.contains("karlskrona.se"))
        }
    }
}
