/// Random small förbund for the intruder test: files as a kansli would send them (deltagare, indikatorsvar,
/// aktiviteter) and a goal file of the kinds SampleData uses.
///
/// A ``Shape`` fixes what a reader of the report could know anyway: the insatser and which halvår each
/// reported, the avslutsorsaker, åldersgrupper and dimension codes in use, whether there are survey forms and
/// activities, and the goals. ``files(using:)`` then draws one dataset of that shape: each insats's rows in
/// each of its halvår with random kön, status, cause, ålder, ny, dimensions and small `antal`, random forms
/// with random answers, random activities. Every dataset of a shape has a row in each reported halvår of each
/// insats, so which rows a helår leaves out (DOMAIN §5) is the same for all of them, and the published counts
/// are linear in the rows drawn: that is what lets the intruder learn their relations from samples.
///
///     var generator = SeededGenerator(seed: 7)
///     let shape = RandomForbund.Shape(using: &generator)
///     let files = shape.files(using: &generator)  // deltagare, svar, aktiviteter CSV text
public enum RandomForbund {
    /// The halvår the data covers; reports are made for each of them and for the year.
    public static let halvar = ["2023H1", "2023H2"]

    /// A dimension column of the deltagare file and the codes a shape uses of it.
    public struct Dimension: Sendable {
        public var column: String
        public var codes: [String]
        /// Only avslutade deltagare have a value (försörjning efter, tid i insats).
        public var avslutadOnly: Bool
    }

    public struct Shape: Sendable {
        public var insatser: [String]
        /// Per insats (same order), the halvår of ``RandomForbund/halvar`` it reported.
        public var reported: [[String]]
        public var orsaker: [String]
        /// Åldersgrupper in use; "" is uppgift saknas.
        public var alder: [String]
        public var kon: [String]
        public var hasNy: Bool
        public var dimensions: [Dimension]
        public var hasForms: Bool
        /// The strukturinriktad insats reporting aktiviteter, if any.
        public var struktur: String?
        /// Rows drawn per insats and halvår, at most.
        public var rows: Int

        /// A random shape: 2–4 insatser, every one reporting 2023H2 and most 2023H1 too, 3–6 causes from the
        /// catalogue (at least one stegförflyttning cause and one the goal leaves out of its denominator), up to
        /// two dimensions, forms in most shapes, activities in some.
        public init<G: RandomNumberGenerator>(using g: inout G) {
            let count = Int.random(in: 2...4, using: &g)
            insatser = Array(["Alfa", "Beta", "Gamma", "Delta"].prefix(count))
            reported = insatser.map { _ in Double.random(in: 0..<1, using: &g) < 0.8 ? RandomForbund.halvar : ["2023H2"] }
            let steg = ["arbete", "arbete-med-stod", "studier", "arbetssokande", "annan-rehabilitering"]
            let other = ["sjukdom", "foraldraledig", "avbrott", "annat"]
            let excluded = ["flyttat", "avliden"]
            var orsaker = [steg.randomElement(using: &g)!, excluded.randomElement(using: &g)!]
            for code in (steg + other + excluded).shuffled(using: &g) where orsaker.count < Int.random(in: 3...6, using: &g) {
                if !orsaker.contains(code) { orsaker.append(code) }
            }
            self.orsaker = orsaker
            alder = Array(["16-19", "20-24", "30-39", "50-59", ""].shuffled(using: &g).prefix(Int.random(in: 2...4, using: &g)))
            kon = Bool.random(using: &g) ? ["kvinna", "man", "annat"] : ["kvinna", "man"]
            hasNy = Double.random(in: 0..<1, using: &g) < 0.8
            let pool = [
                Dimension(column: "malgrupp", codes: ["forsorjningsstod", "a-kassa", "nyanland"], avslutadOnly: false),
                Dimension(column: "forsorjning_fore", codes: ["forsorjningsstod", "a-kassa"], avslutadOnly: false),
                Dimension(column: "forsorjning_efter", codes: ["arbete", "forsorjningsstod", "studier"], avslutadOnly: true),
                Dimension(column: "tid_i_insats", codes: ["0-3", "3-6", "6-12"], avslutadOnly: true),
                Dimension(column: "remittent", codes: ["af", "fk", "kommun"], avslutadOnly: false),
            ]
            dimensions = Array(pool.shuffled(using: &g).prefix(Int.random(in: 0...2, using: &g))).map { d in
                var d = d
                d.codes = Array(d.codes.shuffled(using: &g).prefix(Int.random(in: 2...d.codes.count, using: &g)))
                return d
            }
            hasForms = Double.random(in: 0..<1, using: &g) < 0.75
            struktur = Double.random(in: 0..<1, using: &g) < 0.4 ? "Samverkan" : nil
            rows = Int.random(in: 4...9, using: &g)
        }

        /// Whether every dataset of this shape has rows in `period`: some insats reports it (at least one
        /// deltagare row each), or the strukturinriktad insats does (aktiviteter every halvår).
        public func hasDataIn(_ period: String) -> Bool {
            struktur != nil || reported.contains { $0.contains(period) }
        }

        /// One dataset of this shape, as CSV text (semicolons, UTF-8).
        public func files<G: RandomNumberGenerator>(using g: inout G) -> (deltagare: String, svar: String, aktiviteter: String) {
            var deltagare = "forbund;insats;period;kon;aldersgrupp;ny;status;avslutsorsak;antal"
            deltagare += dimensions.map { ";" + $0.column }.joined() + "\n"
            var svar = "forbund;insats;period;enkat;kon;stod;inflytande;samordnad;redo\n"
            var aktiviteter = "forbund;insats;period;aktivitet;tillfallen;deltagande;part;kon\n"
            for (insats, periods) in zip(insatser, reported) {
                for period in periods {
                    for _ in 0..<Int.random(in: 1...rows, using: &g) {
                        let kon =
                            Double.random(in: 0..<1, using: &g) < 0.2 && kon.contains("annat")
                            ? "annat" : ["kvinna", "man"].randomElement(using: &g)!
                        let avslutad = Bool.random(using: &g)
                        let ny = hasNy ? (Bool.random(using: &g) ? "ja" : "nej") : ""
                        let status = avslutad ? "avslutad;\(orsaker.randomElement(using: &g)!)" : "pagaende;"
                        let antal = Double.random(in: 0..<1, using: &g) < 0.7 ? Int.random(in: 1...4, using: &g) : Int.random(in: 5...14, using: &g)
                        deltagare += "F;\(insats);\(period);\(kon);\(alder.randomElement(using: &g)!);\(ny);\(status);\(antal)"
                        for d in dimensions {
                            let known = (!d.avslutadOnly || avslutad) && Double.random(in: 0..<1, using: &g) < 0.85
                            deltagare += ";" + (known ? d.codes.randomElement(using: &g)! : "")
                        }
                        deltagare += "\n"
                    }
                    guard hasForms else { continue }
                    for _ in 0..<Int.random(in: 0...8, using: &g) {
                        let avslut = Bool.random(using: &g)
                        let kon = ["kvinna", "kvinna", "man", "man", "annat", ""].randomElement(using: &g)!
                        func answer(_ values: [String]) -> String { (values + ["vet ej", ""]).randomElement(using: &g)! }
                        let del4 = ["1", "2", "3", "4", "4", "3"]
                        // Stöd is always answered (on the scale or vet ej): a form of no answers is no form.
                        svar +=
                            "F;\(insats);\(period);\(avslut ? "deltagare-avslut" : "deltagare-pagaende");\(kon);"
                            + "\((del4 + ["vet ej"]).randomElement(using: &g)!);\(answer(del4));\(answer(["0", "1", "1"]));\(avslut ? answer(del4) : "")\n"
                    }
                }
            }
            if let struktur {
                for period in RandomForbund.halvar {
                    for _ in 0..<Int.random(in: 1...3, using: &g) {
                        let aktivitet = ["konferens", "utbildning"].randomElement(using: &g)!
                        let part = ["", "af", "fk", "kommun"].randomElement(using: &g)!
                        let kon = ["", "kvinna", "man"].randomElement(using: &g)!
                        aktiviteter +=
                            "F;\(struktur);\(period);\(aktivitet);\(Int.random(in: 0...2, using: &g));\(Int.random(in: 1...12, using: &g));\(part);\(kon)\n"
                    }
                }
            }
            return (deltagare, svar, aktiviteter)
        }

        /// The goal file (version 2, minN 5): Blekinge's three goals, a nya share, count goals of deltagare,
        /// stegförflyttningar and forms, a stegförflyttning goal of one insats, and with activities the
        /// konferens deltagande.
        public var goals: String {
            var goals = [
                """
                {"id": "stegforflyttning", "title": "Stegförflyttning", "target": 0.8,
                 "measure": {"type": "exitShare", "stegforflyttning": ["arbete", "arbete-med-stod", "studier", "arbetssokande", "annan-rehabilitering"],
                             "excludeFromDenominator": ["flyttat", "avliden"]}}
                """,
                """
                {"id": "unga-bland-nya", "title": "Unga bland nya", "measure": {"type": "deltagarShare", "of": "nya", "where": {"aldersgrupp": "unga"}}}
                """,
                """
                {"id": "deltagare", "title": "Deltagare", "target": 20, "measure": {"type": "count", "of": "alla"}}
                """,
                """
                {"id": "stegforflyttningar", "title": "Stegförflyttningar", "measure": {"type": "count", "of": "stegforflyttning"}}
                """,
                """
                {"id": "alfa-steg", "title": "Alfa: stegförflyttning", "scope": {"insats": "Alfa"},
                 "measure": {"type": "exitShare", "excludeFromDenominator": ["flyttat", "avliden"]}}
                """,
            ]
            if hasForms {
                goals += [
                    """
                    {"id": "stod-och-inflytande", "title": "Stöd och inflytande", "target": 0.9,
                     "measure": {"type": "surveyShare", "enkat": ["deltagare-pagaende", "deltagare-avslut"], "questions": ["stod", "inflytande"],
                                 "positiveFrom": 3, "combine": "all"}}
                    """,
                    """
                    {"id": "mer-redo", "title": "Mer redo", "target": 0.75,
                     "measure": {"type": "surveyShare", "enkat": "deltagare-avslut", "questions": ["redo"], "positiveFrom": 3, "combine": "all"}}
                    """,
                    """
                    {"id": "formular", "title": "Formulär", "measure": {"type": "count", "of": "formular", "enkat": ["deltagare-pagaende", "deltagare-avslut"]}}
                    """,
                ]
            }
            if struktur != nil {
                goals.append(
                    """
                    {"id": "konferensdeltagande", "title": "Deltagande i konferenser", "measure": {"type": "count", "of": "deltagande", "aktivitet": ["konferens"]}}
                    """)
            }
            return "{\"version\": 2, \"minN\": 5, \"goals\": [\n" + goals.joined(separator: ",\n") + "\n]}\n"
        }
    }
}
