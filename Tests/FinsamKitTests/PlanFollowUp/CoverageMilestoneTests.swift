import FinsamTestSupport
import Foundation
import Testing

@testable import FinsamKit

/// Goals that are not counts of people or meetings (#27 item 6): coverage of the register's kommuner and
/// organisations by activities, and the kansli's milestones, against figures worked out by hand from
/// `SampleData/gavleborg/`, `SampleData/forbund-gavleborg.json` and Blekinge's aktiviteter files.
@Suite struct CoverageMilestoneTests {
    func goals(_ text: String) throws -> GoalFile {
        let url = try TemporaryFolder.make("finsam-cov").appendingPathComponent("mal.json")
        try Data(text.utf8).write(to: url)
        return try GoalFile.load(url.path, catalogues: .builtIn)
    }

    func problems(_ text: String) -> [String] {
        do {
            _ = try goals(text)
            return []
        } catch let failure as ValidationFailure {
            return failure.problems.map(\.message)
        } catch {
            return ["\(error)"]
        }
    }

    func result(_ goal: String, _ period: String = "2017", dataset: Dataset = AktiviteterTests.dataset()) throws -> GoalResult {
        let file = try goals(#"{"version": 2, "goals": [\#(goal)]}"#)
        let report = try HalvarsRapport.make(dataset: dataset, period: Period(period)!, forbund: nil, goals: file, sources: [])
        return report.goals[0]
    }

    static let trisamTeam =
        #"{"id": "t", "title": "Trisam-team i samtliga kommuner", "scope": {"insats": "kompetens"}, "measure": {"type": "coverage", "of": "kommun", "aktivitet": "utbildning"}}"#

    // MARK: Coverage

    /// Utbildning rows naming a kommun: 2017H1 Bollnäs, Gävle, Hudiksvall, Ljusdal, Sandviken; 2017H2 Söderhamn,
    /// Ovanåker, Nordanstig and Gävle again. Of the register's ten kommuner, 8 are covered over 2017; Hofors and
    /// Ockelbo are not. The 2017H1 row without a kommun (3 tillfällen) covers none.
    @Test func aCoverageGoalCountsTheKommunerAndNamesThoseMissing() throws {
        let goal = try result(Self.trisamTeam)
        #expect(goal.overall.share.numerator == 8)
        #expect(goal.overall.verdict == .ejUppfyllt)
        #expect(goal.overall.missing == ["Hofors", "Ockelbo"])
        #expect(goal.overall.valueText == "8 av 10 kommuner; saknas: Hofors och Ockelbo")
        #expect(goal.targetText == "samtliga")
        #expect(goal.perKon.isEmpty && goal.perInsats.isEmpty)
        // The first halvår alone: five kommuner.
        #expect(try result(Self.trisamTeam, "2017H1").overall.share.numerator == 5)
        // A number as target means "at least that many".
        let eight = Self.trisamTeam.replacingOccurrences(of: #""scope""#, with: #""target": 8, "scope""#)
        #expect(try result(eight).overall.verdict == .uppfyllt)
        #expect(try result(eight).targetText == "minst 8")
    }

    /// "Återkoppla till respektive Mysamgrupp": the register's seven organisations of typ mysamgrupp; 2017H2's
    /// information rows name six of them (FoU Välfärd, of another typ, is not asked for): Mysam Ockelbo is missing.
    @Test func aCoverageOfOrganisationsAsksOnlyForThoseOfItsTyp() throws {
        let goal = try result(
            #"{"id": "m", "title": "Respektive Mysamgrupp", "measure": {"type": "coverage", "of": "organisation", "organisationstyp": "mysamgrupp", "aktivitet": ["information"]}}"#
        )
        #expect(goal.overall.share.numerator == 6)
        #expect(goal.overall.statusText == "6 av 7 organisationer; saknas: Mysam Ockelbo")
        #expect(goal.overall.verdict == .ejUppfyllt)
    }

    /// Blekinge's "minst fyra gånger per år": samverkansmöten per lokal samverkansgrupp over 2023 are Karlshamn
    /// 2 + 3, Karlskrona 2 + 2, Olofström 1 + 2, Ronneby 2 + 2, Sölvesborg 2 + 2: all but Olofström (3) reach 4.
    /// The regionala samverkansgruppen (6) is of another typ.
    @Test func aCoverageWithAMinimumNeedsThatManyTillfallenOfEachUnit() throws {
        let files = ["aktiviteter-2023H1.csv", "aktiviteter-2023H2.csv"].map { Dataset.Source.path(Repository.sample($0)) }
        let (dataset, problems) = Dataset.load(files, catalogues: .builtIn, register: Repository.blekinge)
        #expect(problems.isEmpty, "\(problems)")
        let goal = try result(
            #"{"id": "l", "title": "Minst fyra gånger per år", "measure": {"type": "coverage", "of": "organisation", "organisationstyp": "lokal-samverkansgrupp", "aktivitet": "samverkansmote", "minimum": 4}}"#,
            "2023", dataset: dataset)
        #expect(goal.overall.share.numerator == 4)
        #expect(goal.overall.missing == ["Lokala samverkansgruppen Olofström"])
        #expect(goal.targetText == "samtliga, minst 4 tillfällen var")
        // Styrelsemöten: 3 + 3 = 6, "sex styrelsemöten".
        let styrelse = try result(
            #"{"id": "s", "title": "Sex styrelsemöten", "target": 6, "measure": {"type": "count", "of": "tillfallen", "aktivitet": "styrelsemote"}}"#,
            "2023", dataset: dataset)
        #expect(styrelse.overall.share.numerator == 6 && styrelse.overall.verdict == .uppfyllt)
    }

    @Test func withoutARegisterACoverageOrMilestoneSaysItNeedsOne() throws {
        let goal = try result(Self.trisamTeam, dataset: AktiviteterTests.dataset(register: nil))
        #expect(goal.overall.verdict == .foljsUpp)
        #expect(goal.overall.statusText == "uppgift saknas: kräver förbundets register (--register)")
    }

    // MARK: Milestones

    /// The beredningsgrupp was done 2017-04-21: by the end of 2017H1 (30 June) and of 2017, not of 2016.
    @Test func aMilestoneIsMetWhenDoneByTheLastDayOfTheGoalsPeriod() throws {
        let beredning = #"{"id": "b", "title": "Beredningsgrupp", "measure": {"type": "milestone", "milstolpe": "beredningsgrupp"}}"#
        let h1 = try result(beredning, "2017H1")
        #expect(h1.overall.verdict == .uppfyllt && h1.overall.share.numerator == 1)
        #expect(h1.overall.valueText == "klar 2017-04-21 (utsedd av styrelsen)")
        #expect(h1.targetText == "klar")
        #expect(h1.scopeText == "Milstolpe: En beredningsgrupp av tjänstemän med bred representation etablerad")
        let before = try result(beredning.replacingOccurrences(of: #""measure""#, with: #""period": "2016", "measure""#), "2017H1")
        #expect(before.overall.verdict == .ejUppfyllt && before.overall.share.numerator == 0)
        #expect(before.overall.valueText == "klar 2017-04-21, efter perioden (utsedd av styrelsen)")
        let repeated = try result(#"{"id": "u", "title": "Upprepad", "measure": {"type": "milestone", "milstolpe": "baslinje-upprepad"}}"#)
        #expect(repeated.overall.verdict == .ejUppfyllt)
        #expect(repeated.overall.valueText == "inte klar (planeras till 2019–2020)")
    }

    // MARK: Checks

    @Test func theGoalFileRefusesWhatACoverageOrMilestoneCannotMean() {
        #expect(
            problems(#"{"version": 2, "goals": [{"id": "m", "title": "t", "target": 1, "measure": {"type": "milestone", "milstolpe": "x"}}]}"#)
                == ["goals[0].target: en milstolpe har inget målvärde: den är klar eller inte; ta bort target"])
        #expect(
            problems(
                #"{"version": 2, "goals": [{"id": "m", "title": "t", "scope": {"kon": "kvinna"}, "measure": {"type": "milestone", "milstolpe": "x"}}]}"#
            )
                == ["goals[0].scope: en milstolpe räknar ingen: den är klar eller inte; ta bort scope"])
        #expect(
            problems(
                #"{"version": 2, "goals": [{"id": "c", "title": "t", "measure": {"type": "coverage", "of": "kommun", "organisationstyp": "mysamgrupp", "minimum": 0, "aktivitet": "fika"}}]}"#
            ) == [
                "goals[0].measure.organisationstyp: organisationstyp hör till \"of\": \"organisation\", fann \"of\": \"kommun\"",
                "goals[0].measure.minimum: väntade ett antal tillfällen 1–1000000 som krävs per enhet, fann 0",
                "goals[0].measure.aktivitet[0]: väntade en aktivitet (utbildning, konferens, natverksmote, dialogmote, agarsamrad, samverkansmote, "
                    + "kartlaggning, information, styrelsemote eller annat), fann \"fika\"",
            ])
        #expect(
            problems(#"{"version": 2, "goals": [{"id": "c", "title": "t", "measure": {"type": "coverage", "of": "lan"}}]}"#).first?
                .contains("väntade kommun eller organisation, fann \"lan\"") == true)
        // Version 1 knows neither.
        #expect(
            problems(#"{"version": 1, "goals": [{"id": "m", "title": "t", "measure": {"type": "milestone", "milstolpe": "x"}}]}"#)
                == ["goals[0].measure.type: måttet milestone finns i version 2: skriv \"version\": 2"])
    }

    @Test func theRegisterMustHaveWhatTheGoalsName() throws {
        let file = try goals(
            #"{"version": 2, "goals": [{"id": "m", "title": "t", "measure": {"type": "milestone", "milstolpe": "beredning"}}, {"id": "c", "title": "t", "measure": {"type": "coverage", "of": "organisation", "organisationstyp": "lokal"}}, {"id": "k", "title": "t", "measure": {"type": "coverage", "of": "kommun"}}]}"#
        )
        #expect(
            file.problems(file: "mal.json", register: AktiviteterTests.register).map(\.message) == [
                "goals[0].measure.milstolpe: väntade en milstolpe i registret (beredningsgrupp, baslinje-slutrapport eller baslinje-upprepad), fann \"beredning\"",
                "goals[1].measure.organisationstyp: väntade en typ som registrets organisationer har (fou eller mysamgrupp), fann \"lokal\"",
            ])
        // Gotland's register lists no kommuner and no milstolpar.
        let gotland = try Register.load(from: Repository.sample("gotland/forbund.json"))
        #expect(
            file.problems(file: "mal.json", register: gotland).map(\.message) == [
                "goals[0].measure.milstolpe: väntade en milstolpe i registret (registret har inga milstolpar: lägg till \"milstolpar\"), fann \"beredning\"",
                "goals[1].measure.of: täckningen räknas mot registrets organisationer, men registret listar inga: lägg till \"organisationer\" i forbund.json",
                "goals[2].measure.of: täckningen räknas mot registrets kommuner, men registret listar inga: lägg till \"kommuner\" i forbund.json",
            ])
        #expect(file.problems(file: "mal.json", register: nil).isEmpty)
    }

    @Test func theRegistersKommunerOrganisationerAndMilstolparAreChecked() throws {
        let text = #"""
            {"version": 1, "id": "g", "namn": "G", "insatser": [],
             "kommuner": ["Gävle", "gävle", ""],
             "organisationer": [{"id": "a", "namn": "A", "kommun": "Hofors"}, {"id": "A", "namn": "B"}],
             "milstolpar": [{"id": "m", "text": " ", "klar": "2017-02-30"}]}
            """#
        let register = try JSONFile.decode(Register.self, from: Data(text.utf8), name: "forbund.json")
        #expect(
            register.problems(file: "forbund.json").map(\.message) == [
                "kommuner: fältet hör till version 2 av registret: skriv \"version\": 2 överst",
                "organisationer: fältet hör till version 2 av registret: skriv \"version\": 2 överst",
                "milstolpar: fältet hör till version 2 av registret: skriv \"version\": 2 överst",
                "kommuner[1]: \"gävle\" finns redan (kommuner[0]); ta bort dubbletten eller skriv ett annat",
                "kommuner[2]: väntade en kommun, fann en tom text",
                "organisationer[1].id: \"A\" finns redan (organisationer[0].id); ta bort dubbletten eller skriv ett annat",
                "organisationer[0].kommun: väntade en av registrets kommuner (Gävle, gävle eller ), fann \"Hofors\"",
                "milstolpar[0].text: väntade vad som ska göras, fann en tom text",
                "milstolpar[0].klar: väntade dagen den blev klar som \"2017-04-12\", fann \"2017-02-30\"",
            ])
    }

    // MARK: The aktiviteter columns

    @Test func anAktivitetNamesItsKommunAndOrganisationStrictlyOnceARegisterIsGiven() throws {
        let path = try AktiviteterTests().file(
            "a.csv",
            """
            forbund;insats;period;aktivitet;tillfallen;kommun;organisation
            gavleborg;kompetens;2017H1;utbildning;1;gävle;Mysam Gävle
            gavleborg;kompetens;2017H1;utbildning;1;Uppsala;mysam-uppsala
            gavleborg;kompetens;2017H1;utbildning;1;;

            """)
        var decoder = RecordDecoder(catalogues: .builtIn, register: AktiviteterTests.register)
        var sink = AktiviteterTests.Activities()
        let summary = decoder.decode(try InputFile.reader(path: path), into: &sink)
        #expect(
            summary.problems.map(\.message) == [
                "kolumn kommun: väntade en av registrets kommuner (Bollnäs, Gävle, Hofors, Hudiksvall, Ljusdal, Nordanstig, Ockelbo, Ovanåker, "
                    + "Sandviken eller Söderhamn) eller tom cell, fann \"Uppsala\"",
                "kolumn organisation: väntade en av registrets organisationer (mysam-gavle, mysam-sandviken, mysam-hofors, mysam-ockelbo, "
                    + "mysam-sodra-halsingland, mysam-norra-halsingland, mysam-ljusdal eller fou-valfard) eller tom cell, fann \"mysam-uppsala\"",
            ])
        // The first row in the register's spelling and by the organisation's id; the third names neither.
        #expect(sink.rows.count == 2)
        #expect(sink.rows.map { $0.kommun.map(decoder.names.name) } == ["Gävle", nil])
        #expect(sink.rows.map { $0.organisation.map(decoder.names.name) } == ["mysam-gavle", nil])
        // Without a register any name is taken, as an insats is.
        var free = RecordDecoder(catalogues: .builtIn)
        var rows = AktiviteterTests.Activities()
        #expect(free.decode(try InputFile.reader(path: path), into: &rows).problems.isEmpty)
        #expect(rows.rows.compactMap { $0.kommun.map(free.names.name) } == ["gävle", "Uppsala"])
    }
}
