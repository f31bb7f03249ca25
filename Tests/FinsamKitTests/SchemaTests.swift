import FinsamTestSupport
import Foundation
import Testing
@testable import FinsamKit

/// Schemas/, the catalogues and the code must say the same thing.
@Suite struct SchemaTests {
    func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repository.path(path))))
    }

    @Test(arguments: [
        ("Schemas/avslutsorsaker.schema.json", "SampleData/avslutsorsaker.json"),
        ("Schemas/indikatorer.schema.json", "SampleData/indikatorer.json"),
        ("Schemas/forbund.schema.json", "SampleData/forbund-blekinge.json"),
        ("Schemas/forbund.schema.json", "SampleData/forbund-gavleborg.json"),
        ("Schemas/aktiviteter.schema.json", "SampleData/aktiviteter.json"),
        ("Schemas/mal.schema.json", "SampleData/mal-blekinge.json"),
        ("Schemas/mal.schema.json", "SampleData/mal-gotland.json"),
        ("Schemas/mal.schema.json", "SampleData/mal-gavleborg.json"),
        ("Schemas/mal.schema.json", "SampleData/mal-skelleftea.json"),
        ("Schemas/mal.schema.json", "SampleData/mal-malmo.json"),
        ("Schemas/dimensioner.schema.json", "SampleData/dimensioner.json"),
        ("Schemas/dimensioner.schema.json", "SampleData/malmo/dimensioner.json"),
        ("Schemas/dimensioner.schema.json", "SampleData/gotland/dimensioner.json"),
        ("Schemas/forbund.schema.json", "SampleData/gotland/forbund.json"),
        ("Schemas/forbund.schema.json", "SampleData/skelleftea/forbund.json"),
    ])
    func sampleDataJSONIsValidAgainstItsSchema(schema: String, file: String) throws {
        let validator = try JSONSchemaValidator(path: Repository.path(schema))
        let errors = validator.errors(for: try json(file))
        #expect(errors == [], "\(errors)")
    }

    @Test func theValidatorCatchesWhatTheSchemasForbid() throws {
        let validator = try JSONSchemaValidator(path: Repository.path("Schemas/mal.schema.json"))
        let bad: [String: Any] = [
            "version": 1,
            "goals": [
                [
                    "id": "A b", "title": "t", "target": ["min": 0.4, "maks": 0.6],
                    "measure": ["type": "surveyShare", "enkat": "x", "questions": ["q"], "combine": "alla"],
                ]
            ],
        ]
        let errors = validator.errors(for: bad)
        #expect(errors.contains { $0.contains("$.goals[0].id") })
        #expect(errors.contains { $0.contains("$.goals[0].target") })
        #expect(errors.contains { $0.contains("$.goals[0].measure") })
        // Version 2: an unknown scope key and a count of something finsam does not count.
        let v2: [String: Any] = [
            "version": 2,
            "goals": [
                [
                    "id": "a", "title": "t", "scope": ["malgrup": "nyanland"],
                    "measure": ["type": "count", "of": "tillfallen"],  // without the aktiviteter it counts
                ]
            ],
        ]
        let v2Errors = validator.errors(for: v2)
        #expect(v2Errors.contains { $0.contains("$.goals[0].scope") })
        #expect(v2Errors.contains { $0.contains("$.goals[0].measure") })
    }

    @Test func builtInCataloguesAreTheSampleDataFiles() throws {
        // If these fail, run scripts/embed-catalogues.py.
        #expect(try String(contentsOfFile: Repository.path("SampleData/avslutsorsaker.json"), encoding: .utf8) == BuiltInCatalogues.avslutsorsaker)
        #expect(try String(contentsOfFile: Repository.path("SampleData/indikatorer.json"), encoding: .utf8) == BuiltInCatalogues.indikatorer)
        #expect(try String(contentsOfFile: Repository.path("SampleData/aktiviteter.json"), encoding: .utf8) == BuiltInCatalogues.aktiviteter)
        #expect(Catalogues.builtIn.aktiviteter.problems(file: "").isEmpty)
        #expect(Catalogues.builtIn.avslutsorsaker.problems(file: "").isEmpty)
        #expect(Catalogues.builtIn.indikatorer.problems(file: "").isEmpty)
        #expect(Repository.blekinge.problems(file: "").isEmpty)
    }

    @Test func catalogueMatchesTheDomainTable() {
        let orsaker = Catalogues.builtIn.avslutsorsaker.avslutsorsaker
        #expect(
            orsaker.map(\.code) == [
                "arbete", "arbete-med-stod", "studier", "arbetssokande", "annan-rehabilitering", "sjukdom",
                "foraldraledig", "avbrott", "flyttat", "avliden", "annat", "felregistrering",
            ])
        #expect(orsaker.filter(\.stegforflyttning).map(\.code) == ["arbete", "arbete-med-stod", "studier", "arbetssokande", "annan-rehabilitering"])
        #expect(orsaker.filter { !$0.inDenominator }.map(\.code) == ["flyttat", "avliden", "felregistrering"])
        #expect(orsaker.filter { !$0.counted }.map(\.code) == ["felregistrering"])
        let questions = Catalogues.builtIn.indikatorer.questions
        #expect(questions.filter { $0.enkater == ["deltagare-avslut"] }.map(\.id) == ["forstaelse", "verktyg", "planering", "redo"])
        #expect(
            questions.map(\.scale) == ["del4", "janej", "del4", "del4", "betyg4", "del4", "del4", "janej", "del4"]
                + Array(repeating: "del4", count: 6))
        // DOMAIN §7, respondent groups: the staff questions and the enkäter they belong to.
        let staff = questions.dropFirst(9).map { "\($0.id): \($0.enkater.joined(separator: " "))" }
        #expect(
            staff == [
                "medskapare: personal", "helhetssyn: personal chefer", "trygghet: personal samverkansgrupp",
                "jamstalldhet: personal chefer", "styrning: styrelse chefer", "forutsattningar: remittenter",
            ])
        let enkater = Catalogues.builtIn.indikatorer.enkater
        #expect(enkater.map(\.group) == [.deltagare, .deltagare, .personal, .chefer, .styrelse, .remittenter, .samverkansgrupp])
        #expect(enkater.dropFirst(2).map(\.id) == Respondent.allCases.dropFirst().map(\.rawValue))
        // DOMAIN §4.4: the aktivitet catalogue's codes.
        #expect(
            Catalogues.builtIn.aktiviteter.aktiviteter.map(\.code) == [
                "utbildning", "konferens", "natverksmote", "dialogmote", "agarsamrad", "samverkansmote", "kartlaggning", "information",
                "styrelsemote", "annat",
            ])
    }

    func tableSchemaFields(_ name: String) throws -> [[String: Any]] {
        (try json("Schemas/\(name).tableschema.json") as! [String: Any])["fields"] as! [[String: Any]]
    }

    func enumeration(_ field: [String: Any]) -> [String]? {
        (field["constraints"] as? [String: Any])?["enum"] as? [String]
    }

    @Test(arguments: FileKind.allCases)
    func tableSchemaNamesTheColumnsTheTemplateWrites(kind: FileKind) throws {
        let fields = try tableSchemaFields(kind.rawValue)
        let dimensions = Catalogues.builtIn.dimensioner.extra
        // An aktiviteter file ends with its optional kommun and organisation columns, in the template too.
        if kind == .aktiviteter { #expect(Array(fields.map { $0["name"] as! String }.suffix(2)) == ["kommun", "organisation"]) }
        #expect(
            fields.map { $0["name"] as! String }
                == Template.columns(kind, catalogue: Catalogues.builtIn.indikatorer, dimensions: kind == .aktiviteter ? [] : dimensions.map(\.id)))
        let byName = Dictionary(uniqueKeysWithValues: fields.map { ($0["name"] as! String, $0) })
        #expect(enumeration(byName["kon"]!) == Kon.allCases.map(\.code))
        if kind != .aktiviteter { #expect(enumeration(byName["aldersgrupp"]!) == Catalogues.builtIn.dimensioner.aldersgrupp.codes.map(\.code)) }
        if kind != .aktiviteter {
            for dimension in dimensions { #expect(enumeration(byName[dimension.id]!) == dimension.codes.map(\.code), "\(dimension.id)") }
        }
        let required = fields.filter { (($0["constraints"] as? [String: Any])?["required"] as? Bool) == true }.map { $0["name"] as! String }
        switch kind {
        case .deltagare:
            #expect(required == ["forbund", "insats", "period", "kon", "status"])
            #expect(enumeration(byName["avslutsorsak"]!) == Catalogues.builtIn.avslutsorsaker.avslutsorsaker.map(\.code))
            #expect(enumeration(byName["status"]!) == DeltagarStatus.allCases.map(\.code))
        case .indikatorsvar:
            #expect(required == ["forbund", "insats", "period", "enkat"])
            let catalogue = Catalogues.builtIn.indikatorer
            #expect(enumeration(byName["enkat"]!) == catalogue.enkater.map(\.id))
            for question in catalogue.questions {
                let scale = catalogue.scale(of: question)!
                #expect(byName[question.id]?["title"] as? String == scale.id)
                #expect(Set(enumeration(byName[question.id]!)!) == Set(scale.values.map { String($0.value) } + ["vet ej", "ej aktuellt"]))
            }
        case .uppfoljning:
            #expect(required == ["forbund", "insats", "period", "kon", "manader", "forsorjning_efter"])
        case .aktiviteter:
            #expect(required == ["forbund", "insats", "period", "aktivitet"])
            #expect(enumeration(byName["aktivitet"]!) == Catalogues.builtIn.aktiviteter.aktiviteter.map(\.code))
            #expect(enumeration(byName["part"]!) == Part.allCases.map(\.code))
        }
    }

    @Test func theJSONReportIsValidAgainstItsSchema() throws {
        let (dataset, _) = Dataset.load(Repository.sampleCSVs.map { .path($0) }, catalogues: .builtIn, register: Repository.blekinge)
        let report = try HalvarsRapport.make(
            dataset: dataset, period: Period("2023H2")!, forbund: nil, goals: Repository.blekingeGoals, sources: ["x"])
        let document = try JSONSerialization.jsonObject(
            with: Data(JSONReportWriter.write(PublishedReport(report, protection: SmallCellProtection())).utf8))
        let validator = try JSONSchemaValidator(path: Repository.path("Schemas/report.schema.json"))
        #expect(validator.errors(for: document) == [])
        // DOMAIN §10: the fields every goal carries, overall and per kön.
        let goals = (document as! [String: Any])["goals"] as! [[String: Any]]
        for key in ["id", "target", "numerator", "denominator", "value", "ci", "verdict"] { #expect(goals[0][key] != nil) }
        #expect(((goals[0]["perKon"] as! [[String: Any]])[0]["verdict"]) != nil)
    }

    @Test func theJSONReportWithDimensionsAndEconomyIsValidAgainstItsSchema() throws {
        let folder = Repository.sample("gotland")
        let files = ["deltagare-2021H1.csv", "deltagare-2021H2.csv"].map { folder + "/" + $0 }
        let register = try Register.load(from: folder + "/forbund.json")
        let (dataset, problems) = Dataset.load(files.map { .path($0) }, catalogues: .builtIn, register: register)
        #expect(problems.isEmpty)
        let report = try HalvarsRapport.make(dataset: dataset, period: Period("2021H2")!, forbund: nil, goals: nil, sources: ["x"])
        let published = try PublishedReport(report, protection: SmallCellProtection())
        let ids = published.tables.map(\.id)
        for id in ["dim-malgrupp", "dim-tid_i_insats", "forsorjning", "volym", "ekonomi", "ekonomi-forbund"] { #expect(ids.contains(id), "\(id)") }
        let document = try JSONSerialization.jsonObject(with: Data(JSONReportWriter.write(published).utf8))
        let validator = try JSONSchemaValidator(path: Repository.path("Schemas/report.schema.json"))
        #expect(validator.errors(for: document) == [])
    }
}
