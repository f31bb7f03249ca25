import FinsamTestSupport
import Foundation
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
                "test.csv:2:47: fel: cell H2: kolumn x_kommentar: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"81…\", 11 tecken); finsam tar bara emot antal — ta bort uppgiften ur filen",
                "test.csv:3:10: fel: cell B3: kolumn insats: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"19…\", 13 tecken); finsam tar bara emot antal — ta bort uppgiften ur filen",
                "test.csv:4:50: fel: cell H4: kolumn x_kommentar: väntade inga personuppgifter, fann något som ser ut som en e-postadress (\"an…\", 18 tecken); finsam tar bara emot antal — ta bort uppgiften ur filen",
                "test.csv:5:42: fel: cell G5: kolumn antal: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"81…\", 10 tecken); finsam tar bara emot antal — ta bort uppgiften ur filen",
            ])
        #expect(dataset.deltagare.isEmpty)
        // No message repeats the value it refused.
        for problem in found {
            #expect(!problem.message.contains("9876"))
            #expect(!problem.message.contains("karlskrona.se"))
        }
    }

    /// What Word, Outlook and Excel make of a hyphen or a space between the date and the last four digits.
    @Test(arguments: [
        "811218\u{2013}9876", "811218\u{2014}9876", "811218\u{2212}9876", "811218\u{2011}9876", "811218\u{2012}9876",
        "811218\u{2010}9876", "811218\u{00A0}9876", "811218\u{2007}9876", "811218\u{202F}9876", "811218\u{2009}9876",
        "811218 - 9876", "811218 \u{2013} 9876", "811218\u{00A0}\u{2013}\u{00A0}9876", "19811218\u{2013}9876",
        "1981\u{2013}12\u{2013}18\u{2013}9876", "81\u{00A0}12\u{00A0}18 \u{2013} 9876", "ring 811218 \u{2014} 9876 i morgon",
        "811218\u{200B}9876", "811218\u{00AD}9876",
    ])
    func findsAPersonnummerWithUnicodeDashesAndSpaces(text: String) {
        #expect(PersonalDataDetector.firstMatch(in: text)?.kind == .personnummer)
    }

    /// Issue #25 item 8: digits of other scripts and full width, the dashes NFKC does not fold, TAB, `/`, `.`,
    /// `_`, a doubled dash, spaced pairs and invisible characters inside the number: each is a personnummer.
    @Test(arguments: [
        "\u{FF18}\u{FF11}\u{FF11}\u{FF12}\u{FF11}\u{FF18}\u{FF0D}\u{FF19}\u{FF18}\u{FF17}\u{FF16}",  // full-width digits and dash
        "\u{0668}\u{0661}\u{0661}\u{0662}\u{0661}\u{0668}-\u{0669}\u{0668}\u{0667}\u{0666}",  // Arabic-Indic
        "\u{06F8}\u{06F1}\u{06F1}\u{06F2}\u{06F1}\u{06F8}-\u{06F9}\u{06F8}\u{06F7}\u{06F6}",  // extended Arabic-Indic
        "\u{096E}\u{0967}\u{0967}\u{0968}\u{0967}\u{096E}-\u{096F}\u{096E}\u{096D}\u{096C}",  // Devanagari
        "811218\u{FE63}9876", "811218\u{2043}9876", "811218\u{1806}9876", "811218\t9876", "81/12/18-9876", "81.12.18.9876",
        "811218_9876", "811218--9876", "811218\u{2013}\u{2013}9876", "81 12 18 - 98 76", "1981 12 18 - 98 76",
        "8\u{0301}11218-9876", "81\u{200E}1218-9876", "ring 811218\u{FF0D}9876 i morgon",
    ])
    func findsAPersonnummerInAnyScriptAndWithAnySeparatorPeopleType(text: String) {
        #expect(PersonalDataDetector.firstMatch(in: text)?.kind == .personnummer)
    }

    @Test func findsAFullWidthEmailAddressAndNamesItsOwnBytes() {
        let text = "anna\u{FF20}karlskrona\u{FF0E}se"
        let bytes = Array(text.utf8)
        let match = bytes.withUnsafeBufferPointer { PersonalDataDetector.firstMatch(in: $0) }
        #expect(match == PersonalDataDetector.Match(kind: .epost, range: 0..<bytes.count))
        #expect(
            PersonalDataDetector.redactedName("till \u{FF18}\u{FF11}1218-9876.csv") == "till [personuppgift \"\u{FF18}\u{FF11}…\", 11 tecken].csv")
    }

    /// What normalising must not turn into a personnummer: timestamps, phone numbers, full-width counts.
    @Test(arguments: [
        "2023-01-15 12-35",  // a date and time, Luhn-valid as 12 digits: no dash inside the last four
        "070-123 45 69", "0701-23-45-69",  // phone numbers, Luhn-valid as 10 digits
        "\u{FF11}\u{FF12}\u{FF13}\u{FF14}\u{FF15}\u{FF16}\u{FF17}\u{FF18}\u{FF19}\u{FF10}",  // a full-width 1234567890
        "Sölvesborg \u{0661}\u{0662}\u{0663}", "2023-07-16 12:00:00", "Org.nr 222000/1234", "version 8.11.21.8",
    ])
    func normalisingDoesNotMistakeDatesPhoneNumbersOrCounts(text: String) {
        #expect(PersonalDataDetector.firstMatch(in: text) == nil)
    }

    /// Windows-1252: en dash 0x96, em dash 0x97, NBSP 0xA0.
    @Test(arguments: [0x96, 0x97, 0xA0] as [UInt8])
    func findsAPersonnummerWithWindows1252Separators(separator: UInt8) {
        let bytes = Array("811218".utf8) + [separator] + Array("9876".utf8)
        let match = bytes.withUnsafeBufferPointer { PersonalDataDetector.firstMatch(in: $0) }
        #expect(match == PersonalDataDetector.Match(kind: .personnummer, range: 0..<11))
        let spaced = Array("811218 ".utf8) + [separator] + Array(" 9876".utf8)
        #expect(spaced.withUnsafeBufferPointer { PersonalDataDetector.firstMatch(in: $0) }?.range == 0..<13)
    }

    @Test(arguments: [
        "811218\u{2013}\u{2013}\u{2013}9876",  // three dashes: not one separator
        "811218 - + 9876",
        "81121\u{2013}89876",  // a separator where no one writes one
        "Org.nr 222000\u{2013}1234",  // organisationsnummer
        "811218\u{2013}9877",  // wrong check digit
        "2023\u{2013}2024: 1 234 567",
    ])
    func doesNotMistakeUnicodeNearMisses(text: String) {
        #expect(PersonalDataDetector.firstMatch(in: text) == nil)
    }

    @Test func refusesAWindows1252FileWithAnEnDashAtTheCell() {
        let bytes = SourceEncoding.windows1252Bytes(
            of: "forbund;insats;period;kon;status;x_kommentar\r\nblekinge;kt-ronneby;2023H1;kvinna;pagaende;Sölve 811218\u{2013}9876\r\n")!
        #expect(bytes.contains(0x96))
        let (dataset, found) = Dataset.load([.bytes(bytes, name: "w.csv")], catalogues: .builtIn)
        #expect(
            found.map(\.description) == [
                "w.csv:2:44: fel: cell F2: kolumn x_kommentar: väntade inga personuppgifter, fann något som ser ut som ett personnummer (\"81…\", 11 tecken); finsam tar bara emot antal — ta bort uppgiften ur filen"
            ])
        #expect(dataset.deltagare.isEmpty)
    }

    @Test func redactsPersonalDataInAFileName() {
        #expect(
            PersonalDataDetector.redactedName("inlamning/811218\u{2013}9876 deltagare.csv")
                == "inlamning/[personuppgift \"81…\", 11 tecken] deltagare.csv")
        #expect(PersonalDataDetector.redactedName("till anna@karlskrona.se.csv") == "till [personuppgift \"an…\", 22 tecken]")
        #expect(PersonalDataDetector.redactedName("deltagare-2023H1.csv") == nil)
    }

    /// Every route in reads a header through the same decoder: a name with a personnummer is refused there,
    /// nothing of the file is read, and no message repeats the name.
    @Test func refusesAFileWhoseNameHoldsAPersonnummerOnEveryRoute() throws {
        let text = "forbund;insats;period;kon;status\nblekinge;kt-ronneby;2023H1;kvinna;pagaende\n"
        let expected =
            "[personuppgift \"81…\", 11 tecken].csv: fel: väntade ett filnamn utan personuppgifter, fann något som ser ut som "
            + "ett personnummer eller en e-postadress i namnet; finsam sparar och skriver ut filnamnet — byt namn på filen och försök igen"
        // report (and anything else that loads a dataset)
        let (dataset, found) = load(text, name: "811218\u{2013}9876.csv")
        #expect(found.map(\.description) == [expected])
        #expect(dataset.deltagare.isEmpty)

        // validate, from a path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-name-\(TemporaryFolder.unique())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("811218-9876.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var decoder = RecordDecoder(catalogues: .builtIn)
        let summaries = decoder.check([path])
        #expect(summaries.map(\.isValid) == [false])
        #expect(summaries[0].problems.map(\.description) == [folder.path + "/" + expected])

        // aggregate
        let outcome = AggregateRun.run(files: [path], catalogues: .builtIn, options: AggregateRun.Options())
        #expect(outcome.rows == 0)
        #expect(outcome.problems.map(\.description) == [folder.path + "/" + expected])

        // submit: nothing stored
        let store = Store(root: folder.appendingPathComponent("arkiv").path)
        #expect(throws: Store.Failure.self) {
            try store.submit([Store.Upload(bytes: Array(text.utf8), name: "811218-9876.csv")], catalogues: .builtIn, register: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: store.root))
        for problem in found + summaries[0].problems + outcome.problems { #expect(!problem.description.contains("9876")) }
    }

    /// A stored file is read under a name finsam made: its checksum (whose hex digits may happen to look like a
    /// personnummer) and its original name, already redacted. That name is not refused.
    @Test func aNameFinsamMadeIsNotRefused() {
        let text = "forbund;insats;period;kon;status\nblekinge;kt-ronneby;2023H1;kvinna;pagaende\n"
        let name = "arkiv/files/ab8112189876cd.csv ([personuppgift \"81…\", 11 tecken].csv)"
        let (stored, none) = Dataset.load([.bytes(Array(text.utf8), name: name, nameIsFinsams: true)], catalogues: .builtIn)
        #expect(none.isEmpty)
        #expect(stored.deltagare.count == 1)
        let (_, refused) = Dataset.load([.bytes(Array(text.utf8), name: name)], catalogues: .builtIn)
        #expect(refused.count == 1)
    }
}
