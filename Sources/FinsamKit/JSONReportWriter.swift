import Foundation

/// The report as JSON for other programs (DOMAIN §10, schema `Schemas/report.schema.json`): unrounded
/// values beside the rounded percents, counts as integers, every share with its n and interval.
public enum JSONReportWriter {
    struct Figure: Encodable {
        var numerator: Int
        var denominator: Int
        /// Unrounded share, `null` when the denominator is 0.
        var value: Double?
        var percent: Int?
        var ci: [Double]?
        var verdict: String
        var notAnswered: Int

        init(_ f: GoalFigure) {
            numerator = f.share.numerator
            denominator = f.share.denominator
            value = f.share.value
            percent = f.share.percent
            ci = f.share.interval.map { [$0.low, $0.high] }
            verdict = f.verdict.rawValue
            notAnswered = f.notAnswered
        }

        /// `value` and `ci` are written as `null` rather than left out, as DOMAIN §10 specifies.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(numerator, forKey: Key("numerator"))
            try c.encode(denominator, forKey: Key("denominator"))
            try c.encode(value, forKey: Key("value"))
            try c.encode(percent, forKey: Key("percent"))
            try c.encode(ci, forKey: Key("ci"))
            try c.encode(verdict, forKey: Key("verdict"))
            try c.encode(notAnswered, forKey: Key("notAnswered"))
        }
    }

    struct KonFigure: Encodable {
        var kon: String?
        var figure: Figure
        func encode(to encoder: any Encoder) throws {
            try figure.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(kon, forKey: Key("kon"))
        }
    }

    struct InsatsFigure: Encodable {
        var insats: String
        var figure: Figure
        func encode(to encoder: any Encoder) throws {
            try figure.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(insats, forKey: Key("insats"))
        }
    }

    struct Goal: Encodable {
        var id: String
        var title: String
        var target: Double
        var minN: Int
        var overall: Figure
        var perKon: [KonFigure]
        var perInsats: [InsatsFigure]

        func encode(to encoder: any Encoder) throws {
            try overall.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(id, forKey: Key("id"))
            try c.encode(title, forKey: Key("title"))
            try c.encode(target, forKey: Key("target"))
            try c.encode(minN, forKey: Key("minN"))
            try c.encode(perKon, forKey: Key("perKon"))
            try c.encode(perInsats, forKey: Key("perInsats"))
        }
    }

    struct Counts: Encodable {
        var kvinna: Int, man: Int, annat: Int, totalt: Int
        init(_ c: KonCounts) {
            kvinna = c[.kvinna]; man = c[.man]; annat = c[.annat]; totalt = c.total
        }
    }

    struct Deltagare: Encodable {
        var nya: Counts?
        var pagaende: Counts
        var avslutade: Counts
        var totalt: Counts
        var felregistreringar: Int
    }

    struct Orsak: Encodable {
        var code: String
        var label: String
        var susGroup: String?
        var antal: Counts
    }

    struct Indikator: Encodable {
        struct Value: Encodable { var value: Int; var label: String; var count: Int }
        var question: String
        var scale: String
        var n: Int
        var positive: Int
        var share: Double?
        var percent: Int?
        var ci: [Double]?
        var mean: Double?
        var distribution: [Value]
        var vetEj: Int
        var ejAktuellt: Int
        var unanswered: Int
    }

    struct Kostnad: Encodable {
        var insats: String
        var namn: String
        var budget: Int
        var deltagare: Int
        var stegforflyttningar: Int
        var perDeltagare: Int?
        var perStegforflyttning: Int?
    }

    struct Document: Encodable {
        var version = 1
        var forbund: String
        var period: String
        var sources: [String]
        var goals: [Goal]
        var deltagare: Deltagare
        var avslutsorsaker: [Orsak]
        var forms: Int
        var indikatorer: [Indikator]
        var kostnader: [Kostnad]
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public static func write(_ report: HalvarsRapport) -> String {
        let d = report.deltagare
        let document = Document(
            forbund: report.forbundNamn, period: report.period.description, sources: report.sources,
            goals: report.goals.map { result in
                Goal(id: result.goal.id, title: result.goal.title, target: result.goal.target, minN: result.minN,
                     overall: Figure(result.overall),
                     perKon: result.perKon.map { KonFigure(kon: $0.kon?.code, figure: Figure($0.figure)) },
                     perInsats: result.perInsats.map { InsatsFigure(insats: report.insatsNamn[$0.insats] ?? "?", figure: Figure($0.figure)) })
            },
            deltagare: Deltagare(nya: d.nya.map(Counts.init), pagaende: Counts(d.pagaende), avslutade: Counts(d.avslutade),
                                 totalt: Counts(d.totalt), felregistreringar: report.felregistreringar),
            avslutsorsaker: report.avslutsorsaker.map { Orsak(code: $0.orsak.code, label: $0.orsak.label, susGroup: $0.orsak.susGroup, antal: Counts($0.antal)) },
            forms: report.formCount,
            indikatorer: report.indikatorer.map { rad in
                Indikator(question: rad.question.id, scale: rad.scale.id, n: rad.positive.denominator, positive: rad.positive.numerator,
                          share: rad.positive.value, percent: rad.positive.percent, ci: rad.positive.interval.map { [$0.low, $0.high] },
                          mean: rad.positive.denominator > 0 ? Double(rad.sum) / Double(rad.positive.denominator) : nil,
                          distribution: rad.distribution.map { .init(value: $0.value.value, label: $0.value.label, count: $0.count) },
                          vetEj: rad.vetEj, ejAktuellt: rad.ejAktuellt, unanswered: rad.unanswered)
            },
            kostnader: report.kostnader.map {
                Kostnad(insats: $0.insats, namn: $0.namn, budget: $0.budget, deltagare: $0.deltagare, stegforflyttningar: $0.stegforflyttningar,
                        perDeltagare: $0.perDeltagare, perStegforflyttning: $0.perStegforflyttning)
            })
        return encode(document)
    }

    /// Pretty, key-sorted JSON: stable output that diffs well between runs.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
