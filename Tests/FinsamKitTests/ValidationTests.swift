import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

@Suite struct DeltagareValidationTests {
    @Test func reportsEveryMistakeOfAFileAtItsCell() {
        let text = """
            forbund;insats;period;kön;status;avslutsorsak;antal;x_kommentar
            blekinge;kt-ronneby;2023H3;kvinna;pagaende;;1;
            blekinge;kt-ronneby;2023H1;kvinan;avslutad;arbete;1;"en kommentar
            över två rader"
            blekinge;kt-ronneby;2023H1;man;avslutad;;1;
            blekinge;kt-ronneby;2023H1;man;pagaende;studier;1;
            blekinge;kt-ronneby;2023H1;man;avslutad;semester;-2;
            ;kt-ronneby;2023;annat;klar;;1;
            blekinge;kt-ronneby;2023H1;man
            blekinge;kt-ronneby;2023H1;man;avslutad;flyttat;1;"a";x

            """
        #expect(
            problems(text) == [
                "2:21 kolumn period: väntade en period som 2023H1, 2023H2 eller 2023, fann \"2023H3\"",
                "3:28 kolumn kön: väntade kvinna, man eller annat, fann \"kvinan\"",
                "5:41 kolumn avslutsorsak: väntade \"Arbete\", \"Arbete med stöd\", \"Studier\", \"Aktivt arbetssökande\", \"Vidare till annan insats eller rehabilitering\", \"Sjukskrivning / ohälsa\", \"Föräldraledighet\", \"Avbrutet: på egen begäran / uteblivit, utan plan\", \"Flyttat från området\", \"Avliden\" eller \"Annat / okänt\" (eller \"Felregistrering\" för att stryka en deltagare som registrerats av misstag), fann en tom cell",
                "6:41 kolumn avslutsorsak: väntade tom cell för en pågående deltagare, fann \"studier\"",
                "7:41 kolumn avslutsorsak: väntade \"Arbete\", \"Arbete med stöd\", \"Studier\", \"Aktivt arbetssökande\", \"Vidare till annan insats eller rehabilitering\", \"Sjukskrivning / ohälsa\", \"Föräldraledighet\", \"Avbrutet: på egen begäran / uteblivit, utan plan\", \"Flyttat från området\", \"Avliden\" eller \"Annat / okänt\" (eller \"Felregistrering\" för att stryka en deltagare som registrerats av misstag), fann \"semester\"",
                "7:50 kolumn antal: väntade ett antal (heltal 0–1000000), fann \"-2\"",
                "8:1 kolumn forbund: väntade förbundets namn eller id, fann en tom cell",
                "8:24 kolumn status: väntade pågående eller avslutad, fann \"klar\"",
                "9:1 väntade 8 celler som rubrikraden, fann 4",
                "10:1 väntade 8 celler som rubrikraden, fann 9",
            ])
    }

    @Test func acceptsCodesLabelsAndSpellingsCaseInsensitively() {
        let text = """
            Förbund;INSATS;Period;Kön;Åldersgrupp;Ny;Status;Avslutsorsak;Stegförflyttning;Antal
            Blekinge;kt-ronneby;2023-H1;K;16–19;Ja;Avslutad;Arbete med stöd;;2
            blekinge;kt-ronneby;2023 h1;Män;30-39;nej;pågående;;;3
            blekinge;kt-ronneby;2023:1;ickebinär;;;AVSLUTAD;Flyttat från området;nej;
            """
        let (dataset, found) = load(text)
        #expect(found.isEmpty)
        #expect(dataset.deltagare.map(\.kon) == [.kvinna, .man, .annat])
        #expect(dataset.deltagare.map(\.antal) == [2, 3, 1])
        #expect(dataset.deltagare.map(\.period) == Array(repeating: Period(year: 2023, half: 1), count: 3))
        #expect(dataset.deltagare.map(\.aldersgrupp) == [Aldersgrupp(rawValue: 0), Aldersgrupp(rawValue: 3), nil])
        #expect(dataset.deltagare.map(\.avslutsorsak) == [1, -1, 8])
        #expect(dataset.deltagare.map(\.stegforflyttning) == [nil, nil, false])
    }

    @Test func checksTheHeader() {
        #expect(
            problems("forbund;insats;period;kon;status;kommentar;Kön\nblekinge;x;2023H1;man;pagaende;;man\n") == [
                "1:34 okänd kolumn för deltagare: väntade forbund, insats, period, kon, aldersgrupp, ny, status, avslutsorsak, stegforflyttning, antal, malgrupp, "
                    + "forsorjning_fore, forsorjning_efter, remittent, tid_i_insats eller handlingsplan eller en kolumn som börjar med x_, fann \"kommentar\"",
                "1:44 väntade kolumnen \"kon\" en gång, fann den igen",
            ])
        #expect(problems("forbund;period;kon;status\n") == ["1:1 rubrikraden saknar kolumnen insats som en deltagare-fil måste ha"])
        #expect(problems("namn;antal\n")[0].hasPrefix("1:1 väntade en rubrikrad för deltagare (med kolumnen status), indikatorsvar"))
        #expect(problems("") == ["- väntade en rubrikrad, fann en tom fil"])
        #expect(
            problems("forbund;insats;period;kon;status\n") == [
                "- väntade minst en rad efter rubrikraden, fann ingen: fyll i under rubrikraden en rad per deltagare (eller per grupp av deltagare, med antal) och spara filen igen"
            ])
    }

    @Test func anUnknownColumnDoesNotHideTheRowsMistakes() {
        let text =
            "forbund;insats;period;kon;status;avslutsorsak;Kommentar\n"
            + "blekinge;kt-ronneby;2023H3;man;avslutad;;ok\n"
            + "blekinge;kt-ronneby;2023H1;man;pagaende;;anna@example.se\n"
        let found = problems(text)
        #expect(found.count == 4)
        #expect(found[0].hasPrefix("1:47 okänd kolumn för deltagare: "))
        #expect(found[0].hasSuffix(", fann \"Kommentar\""))
        #expect(found[1] == "2:21 kolumn period: väntade en period som 2023H1, 2023H2 eller 2023, fann \"2023H3\"")
        #expect(found[2].hasPrefix("2:41 kolumn avslutsorsak: väntade \"Arbete\", ") && found[2].hasSuffix(", fann en tom cell"))
        #expect(found[3].hasPrefix("3:42 ") && found[3].contains("e-postadress") && !found[3].contains("anna@example.se"))
    }

    @Test func ignoresTrailingBlankLinesButNotBlankLinesInside() {
        let header = "forbund;insats;period;kon;status\n"
        let row = "blekinge;kt-ronneby;2023H1;man;pagaende\n"
        #expect(problems(header + row + "\n\r\n\n").isEmpty)
        #expect(problems(header + "\n" + row) == ["2:1 väntade en rad med värden, fann en tom rad (ta bort den)"])
    }

    @Test func checksInsatserAndForbundAgainstTheRegister() {
        let text = """
            forbund;insats;period;kon;status
            Samordningsförbundet i Blekinge;Konsultationsteam Ronneby;2023H1;man;pagaende
            blekinge;kt-okand;2023H1;man;pagaende
            gotland;kt-ronneby;2023H1;man;pagaende
            blekinge;samverkansutveckling;2023H1;man;pagaende
            """
        let register = Repository.blekinge
        let found = problems(text, register: register)
        #expect(found.count == 3)
        #expect(found[0].hasPrefix("3:10 kolumn insats: väntade en insats i registret (kt-karlskrona, "))
        #expect(found[1] == "4:1 kolumn forbund: väntade förbundet i registret (blekinge eller Samordningsförbundet i Blekinge), fann \"gotland\"")
        #expect(
            found[2] == "5:10 väntade en individinriktad insats, fann den strukturinriktade \"samverkansutveckling\" som inte har deltagare "
                + "(lämna dess aktiviteter i en aktiviteter-fil: finsam template aktiviteter)")
        // Names and ids of the register map to the register's id.
        let (dataset, _) = load(text, register: register)
        #expect(dataset.deltagare.isEmpty)  // the file as a whole is invalid
        let (valid, none) = load(
            "forbund;insats;period;kon;status\nSamordningsförbundet i Blekinge;Konsultationsteam Ronneby;2023H1;man;pagaende\n", register: register)
        #expect(none.isEmpty)
        #expect(valid.name(valid.deltagare[0].insats) == "kt-ronneby")
        #expect(valid.name(valid.deltagare[0].forbund) == "blekinge")
    }

    @Test func validatesEverySampleDataFile() {
        let (dataset, found) = Dataset.load(Repository.sampleCSVs.map { .path($0) }, catalogues: .builtIn, register: Repository.blekinge)
        #expect(found.isEmpty)
        // Three deltagare and three indikatorsvar files, the samverkansenkät's two and the aktiviteter's two (#27 item 15).
        #expect(dataset.files.count == 10)
        #expect(dataset.files.allSatisfy { $0.isValid })
        #expect(dataset.files.contains { $0.encoding == .windows1252 && $0.delimiter == UInt8(ascii: ";") })
        #expect(Set(dataset.deltagare.map(\.period)) == [Period("2022H2")!, Period("2023H1")!, Period("2023H2")!])
        #expect(Set(dataset.deltagare.map { dataset.name($0.insats) }).count == 6)
        #expect(dataset.deltagare.reduce(0) { $0 + $1.antal } > 300)
        #expect(dataset.forms.count >= 100)
    }
}

@Suite struct IndikatorsvarValidationTests {
    static let header = "forbund;insats;period;enkat;kon;behov;samordnad;stod;redo"

    @Test func acceptsNumbersLabelsAndOffScaleAnswers() {
        let text =
            Self.header + """

                blekinge;kt-ronneby;2023H1;deltagare-avslut;kvinna;4;Ja;till stor del;vet ej
                blekinge;kt-ronneby;2023H1;pågående;;Inte alls;0;Ej aktuellt;
                """
        let (dataset, found) = load(text)
        #expect(found.isEmpty)
        #expect(dataset.forms.map(\.enkat) == [1, 0])
        #expect(dataset.forms.map(\.kon) == [.kvinna, nil])
        // Answer codes in catalogue order: behov samordnad inflytande stod bemotande forstaelse verktyg planering redo,
        // then the six staff questions, which a deltagare form leaves empty.
        let staff = [Int8](repeating: -1, count: 6)
        #expect(Array(dataset.answers(of: 0)) == [4, 1, -1, 3, -1, -1, -1, -1, Answer.vetEj] + staff)
        #expect(Array(dataset.answers(of: 1)) == [1, 0, -1, Answer.ejAktuellt, -1, -1, -1, -1, -1] + staff)
    }

    @Test func reportsAnswersOffTheScaleQuestionsOutsideTheEnkatAndEmptyForms() {
        let text =
            Self.header + """

                blekinge;kt-ronneby;2023H1;deltagare-avslut;kvinna;5;ja;3;4
                blekinge;kt-ronneby;2023H1;deltagare-pagaende;man;3;2;3;4
                blekinge;kt-ronneby;2023H1;deltagare-avslut;man;;;;
                blekinge;kt-ronneby;2023H1;uppföljning;x;3;;;
                """
        #expect(
            problems(text) == [
                "2:52 kolumn behov: väntade \"Till mycket stor del\", \"Till stor del\", \"Till liten del\", \"Inte alls\" (eller 4–1), \"vet ej\", \"ej aktuellt\" eller tom cell, fann \"5\"",
                "3:53 kolumn samordnad: väntade \"Ja\", \"Nej\" (eller 1–0), \"vet ej\", \"ej aktuellt\" eller tom cell, fann \"2\"",
                "3:57 frågan redo finns inte i enkäten \"Deltagare, pågående insats\": väntade tom cell, fann ett svar",
                "4:49 väntade minst ett svar på formuläret, fann inga (en tom rad?)",
                "5:28 kolumn enkat: väntade \"Deltagare, pågående insats\", \"Deltagare, vid avslut\", \"Insatspersonal\", \"Chefer i samverkan\", "
                    + "\"Styrelse\", \"Remittenter\" eller \"Samverkansgrupp\", fann \"uppföljning\"",
                "5:40 kolumn kon: väntade kvinna, man, annat eller tom cell, fann \"x\"",
            ])
    }

    @Test func refusesAColumnThatNamesNoQuestion() {
        let found = problems("forbund;insats;period;enkat;nöjdhet\nb;i;2023H1;deltagare-avslut;3\n")
        #expect(
            found.first?.hasPrefix("1:29 okänd kolumn för indikatorsvar: väntade forbund, insats, period, enkat, kon, aldersgrupp, behov,") == true)
        #expect(found.first?.hasSuffix("fann \"nöjdhet\"") == true)
    }
}

@Suite struct PeriodTests {
    @Test(arguments: ["2023H1", "2023h1", "2023-H1", "2023 H1", "2023:1", " 2023H1 "])
    func acceptsEverySpellingOfAHalvar(text: String) {
        #expect(Period(text) == Period(year: 2023, half: 1))
    }

    @Test(arguments: ["2023H3", "23H1", "2023-", "H1", "2023H12", "1899", "2023/1"])
    func refusesWhatIsNotAPeriod(text: String) {
        #expect(Period(text) == nil)
    }

    @Test func knowsItsNeighbours() {
        #expect(Period("2023H1")!.previous == Period("2022H2"))
        #expect(Period("2023H2")!.previous == Period("2023H1"))
        #expect(Period("2023H2")!.yearEarlier == Period("2022H2"))
        #expect(Period("2023")!.contains(Period("2023H2")!))
        #expect(!Period("2023H1")!.contains(Period("2023H2")!))
        #expect(Period("2023")!.description == "2023")
    }
}

/// Names of förbund and insatser: one name in any Unicode spelling is one name, invisible characters are
/// refused, and a register in which an id or name could mean two insatser is refused.
@Suite struct NameValidationTests {
    static let header = "forbund;insats;period;kon;status\n"

    @Test func nfcAndNfdSpellingsAndOtherSpacesAreOneInsats() {
        let nfc = "Unga S\u{00F6}lvesborg", nfd = "Unga So\u{0308}lvesborg", nbsp = "Unga\u{00A0}S\u{00F6}lvesborg\u{202F}"
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        let text =
            Self.header + [nfc, nfd, nbsp].map { "Bl\u{00E4}kinge;\($0);2023H1;man;pagaende\n" }.joined()
            + "Bla\u{0308}kinge;\(nfd);2023H1;kvinna;pagaende\n"
        let (dataset, found) = load(text)
        #expect(found.isEmpty)
        #expect(Set(dataset.deltagare.map(\.insats)).count == 1)
        #expect(Set(dataset.deltagare.map(\.forbund)).count == 1)
        #expect(Array(dataset.name(dataset.deltagare[3].insats).utf8) == Array(nfc.utf8))
        #expect(Array(dataset.name(dataset.deltagare[3].forbund).utf8) == Array("Bl\u{00E4}kinge".utf8))
        // The analyst's table has one row per kön, not one per spelling.
        let outcome = aggregate(text)
        #expect(outcome.table.deltagareGroups.count == 2)
    }

    @Test func anNfdNameFindsItsInsatsInTheRegister() {
        let text = Self.header + "blekinge;Konsultationsteam So\u{0308}lvesborg;2023H1;man;pagaende\n"
        let (dataset, found) = load(text, register: Repository.blekinge)
        #expect(found.isEmpty)
        #expect(dataset.deltagare.map { dataset.name($0.insats) } == ["kt-solvesborg"])
    }

    @Test func refusesInvisibleAndBidirectionalCharactersInANameAtTheCell() {
        let text =
            Self.header
            + "blekinge;kt-ronneby\u{200B};2023H1;man;pagaende\n"
            + "blekinge;\u{202E}kt-ronneby;2023H1;man;pagaende\n"
            + "bleki\u{00AD}nge;kt-ronneby;2023H1;man;pagaende\n"
            + "blekinge;kt\u{FEFF}-ronneby;2023H1;man;pagaende\n"
            + "blekinge;kt-ronneby\u{2066};2023H1;man;pagaende\n"
        let advice = "; skriv namnet på nytt utan det (det följer ofta med när text klistras in från webben eller Word)"
        #expect(
            problems(text) == [
                "2:10 kolumn insats: väntade ett namn av synliga tecken, fann det osynliga tecknet U+200B (nollbreddsmellanslag) som tecken 11"
                    + advice,
                "3:10 kolumn insats: väntade ett namn av synliga tecken, fann det osynliga tecknet U+202E (styrtecken för skrivriktning) som tecken 1"
                    + advice,
                "4:1 kolumn forbund: väntade ett namn av synliga tecken, fann det osynliga tecknet U+00AD (mjukt bindestreck) som tecken 6" + advice,
                "5:10 kolumn insats: väntade ett namn av synliga tecken, fann det osynliga tecknet U+FEFF (byte order mark) som tecken 3" + advice,
                "6:10 kolumn insats: väntade ett namn av synliga tecken, fann det osynliga tecknet U+2066 (styrtecken för skrivriktning) som tecken 11"
                    + advice,
            ])
        // Windows-1252's soft hyphen (0xAD) too.
        let bytes = SourceEncoding.windows1252Bytes(of: Self.header + "bleki\u{00AD}nge;kt-r\u{00F6}nneby;2023H1;man;pagaende\n")!
        let (_, found) = Dataset.load([.bytes(bytes, name: "w.csv")], catalogues: .builtIn)
        #expect(
            found.map { "\($0.position!) " + $0.message } == [
                "2:1 kolumn forbund: väntade ett namn av synliga tecken, fann det osynliga tecknet U+00AD (mjukt bindestreck) som tecken 6" + advice
            ])
    }

    /// A register as JSON text, checked as `--register` checks it.
    func registerProblems(_ insatser: String) throws -> [String] {
        let json =
            "{\n  \"version\": 1, \"id\": \"blekinge\", \"namn\": \"Samordningsförbundet i Blekinge\",\n  \"insatser\": [\n" + insatser + "\n  ]\n}\n"
        let (register, document) = try JSONFile.document(Register.self, from: Data(json.utf8), name: "forbund.json")
        return JSONFile.locating(register.problems(file: "forbund.json"), in: document).sorted().map(\.description)
    }

    @Test func refusesARegisterWhoseIdsAndNamesCollide() throws {
        let found = try registerProblems(
            """
                {"id": "ronneby", "namn": "Ronneby", "typ": "individ", "forstaHalvar": "2023H1"},
                {"id": "karlskrona", "namn": "RONNEBY", "typ": "individ", "forstaHalvar": "2023H1"},
                {"id": "Unga vuxna", "namn": "Unga vuxna", "typ": "individ", "forstaHalvar": "2023H1"},
                {"id": "unga-vuxna", "namn": "Unga So\u{0308}lvesborg", "typ": "individ", "forstaHalvar": "2023H1"},
                {"id": "solvesborg", "namn": "Unga S\u{00F6}lvesborg", "typ": "individ", "forstaHalvar": "2023H1"}
            """)
        #expect(
            found == [
                "forbund.json:5:34: fel: insatser[1].namn: väntade ett namn som ingen annan insats har som id eller namn, fann \"RONNEBY\" som redan är insatser[0].id — en fil som skriver det vet inte vilken insats den menar; byt namn eller id",
                "forbund.json:7:12: fel: insatser[3].id: insatsen \"unga-vuxna\" finns redan (insatser[2].id); ge varje insats ett eget id",
                "forbund.json:8:34: fel: insatser[4].namn: väntade ett namn som ingen annan insats har som id eller namn, fann \"Unga Sölvesborg\" som redan är insatser[3].namn — en fil som skriver det vet inte vilken insats den menar; byt namn eller id",
            ])
    }

    @Test func refusesInvisibleCharactersInTheRegister() throws {
        let found = try registerProblems(#"{"id": "kt-ronneby\u200b", "namn": "Ronneby", "typ": "individ", "forstaHalvar": "2023H1"}"#)
        #expect(
            found == [
                "forbund.json:4:8: fel: insatser[0].id: väntade synliga tecken, fann det osynliga tecknet U+200B (nollbreddsmellanslag) som tecken 11; skriv texten på nytt utan det"
            ])
    }

    @Test func refusesANegativeOrHugeBudgetAtItsPlace() throws {
        let found = try registerProblems(
            """
                {"id": "a", "namn": "A", "typ": "individ", "forstaHalvar": "2023H1", "budget": {"2023": -5, "2024": 1000000}},
                {"id": "b", "namn": "B", "typ": "individ", "forstaHalvar": "2023H1",
                 "budget": {"2023": 4611686018427387904}}
            """)
        #expect(
            found == [
                "forbund.json:4:93: fel: insatser[0].budget.2023: väntade en budget i kronor från 0 till 1 000 000 000 000, fann -5 (ett negativt belopp); skriv årets budget utan minustecken",
                "forbund.json:6:25: fel: insatser[1].budget.2023: väntade en budget i kronor från 0 till 1 000 000 000 000, fann 4611686018427387904; skriv årets budget i hela kronor",
            ])
        #expect(
            try registerProblems(#"{"id": "a", "namn": "A", "typ": "individ", "forstaHalvar": "2023H1", "budget": {"2023": 1000000000000}}"#).isEmpty)
    }

    /// Without the check, a budget near 2^62 made kronor per deltagare trap; now the figure is exact.
    @Test func kronorPerDeltagareCannotTrap() {
        let row = HalvarsRapport.KostnadRad(insats: "a", namn: "A", budget: 1 << 62, deltagare: 3, stegforflyttningar: 1)
        #expect(row.perDeltagare == 1_537_228_672_809_129_301)
        #expect(row.perStegforflyttning == 1 << 62)
        #expect(HalvarsRapport.KostnadRad(insats: "a", namn: "A", budget: 7, deltagare: 2, stegforflyttningar: 0).perDeltagare == 4)
    }

    func aggregate(_ text: String) -> AggregateRun.Outcome {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-names-\(TemporaryFolder.unique()).csv")
        try! Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return AggregateRun.run(files: [url.path], catalogues: .builtIn, options: AggregateRun.Options())
    }
}
