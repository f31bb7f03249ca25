import Foundation

/// Lays out a ``HalvarsRapport`` as Markdown: readable in a terminal, pastes into Word or an e-mail, and
/// renders as tables on any Markdown viewer.
public enum MarkdownReportWriter {
    public static func write(_ report: HalvarsRapport) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        func table(_ header: [String], alignRight: Set<Int> = [], _ rows: [[String]]) {
            line("| " + header.joined(separator: " | ") + " |")
            line("|" + header.indices.map { alignRight.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|")
            for row in rows { line("| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |") }
            line()
        }

        line("# Halvårsrapport \(report.period) — \(report.forbundNamn)")
        line()
        line("Underlag: \(report.sources.joined(separator: ", ")).")
        line("Andelar avrundas till hela procent (hälften avrundas uppåt); intervallen är 95 % konfidensintervall enligt Wilson; "
             + "n är antalet som andelen räknas på.")
        line()

        if !report.goals.isEmpty {
            line("## Måluppfyllelse")
            line()
            if let source = report.goalsSource { line("Mål enligt \(source). Under minsta antal (n) ges ingen bedömning: *för få svar*.\n") }
            table(["Mål", "Målvärde", "Utfall", "Antal", "95 % KI", "Bedömning"], alignRight: [1, 2, 3],
                  report.goals.map { [$0.goal.title, SwedishFormat.target($0.goal.target)] + figure($0.overall) })
            line("### Per kön")
            line()
            table(["Mål", "Kön", "Utfall", "Antal", "95 % KI", "Bedömning"], alignRight: [2, 3],
                  report.goals.flatMap { result in
                      result.perKon.map { [result.goal.id, $0.kon?.plural ?? "Uppgift saknas"] + figure($0.figure) }
                  })
            line("### Per insats")
            line()
            table(["Mål", "Insats", "Utfall", "Antal", "95 % KI", "Bedömning"], alignRight: [2, 3],
                  report.goals.flatMap { result in
                      result.perInsats.map { [result.goal.id, report.insatsNamn[$0.insats] ?? "?"] + figure($0.figure) }
                  })
            let unanswered = report.goals.filter { $0.overall.notAnswered > 0 }
            if !unanswered.isEmpty {
                line(unanswered.map { "Mål \($0.goal.id): \($0.overall.notAnswered) formulär utan svar på målets frågor räknas inte." }
                    .joined(separator: " "))
                line()
            }
        }

        let d = report.deltagare
        line("## Deltagare")
        line()
        var rows: [[String]] = []
        if let nya = d.nya { rows.append(["Nya under perioden"] + counts(nya)) }
        rows += [["Pågående vid periodens slut"] + counts(d.pagaende), ["Avslutade under perioden"] + counts(d.avslutade),
                 ["Totalt"] + counts(d.totalt)]
        table(["", "Kvinnor", "Män", "Annat", "Totalt"], alignRight: [1, 2, 3, 4], rows)
        if report.felregistreringar > 0 {
            line("\(report.felregistreringar) felregistreringar är inte medräknade.")
            line()
        }

        line("## Avslutsorsaker")
        line()
        let totals = d.avslutade
        table(["Avslutsorsak", "Kvinnor", "%", "Män", "%", "Annat", "%", "Totalt", "%"], alignRight: Set(1...8),
              report.avslutsorsaker.map { rad in
                  [rad.orsak.label] + (Kon.allCases.map { (rad.antal[$0], totals[$0]) } + [(rad.antal.total, totals.total)])
                      .flatMap { [SwedishFormat.integer($0.0), SwedishFormat.percent(Share($0.0, of: $0.1))] }
              } + [["Summa avslutade"] + (counts(totals).flatMap { [$0, ""] })])

        line("## FINSAM-indikatorer")
        line()
        line("\(report.formCount) formulär. Andel positiva = svar på skalans övre del (minst skalans gräns) av dem som svarade på skalan; "
             + "*vet ej* och *ej aktuellt* räknas inte in i andelar och medelvärden.")
        line()
        table(["Fråga", "Skala", "n", "Andel positiva", "95 % KI", "Medel", "Fördelning", "Vet ej", "Ej aktuellt", "Ej besvarad"],
              alignRight: [2, 3, 5, 7, 8, 9],
              report.indikatorer.map { rad in
                  [rad.question.label + " (\(rad.question.id))", rad.scale.id, String(rad.positive.denominator),
                   SwedishFormat.percent(rad.positive), SwedishFormat.interval(rad.positive), SwedishFormat.tenths(rad.meanTenths),
                   rad.distribution.map { "\($0.value.value): \($0.count)" }.joined(separator: " · "),
                   String(rad.vetEj), String(rad.ejAktuellt), String(rad.unanswered)]
              })

        if !report.kostnader.isEmpty {
            line("## Kostnad")
            line()
            line("Budget för perioden enligt registret (halva årsbudgeten för ett halvår).")
            line()
            table(["Insats", "Budget", "Deltagare", "Kr per deltagare", "Stegförflyttningar", "Kr per stegförflyttning"],
                  alignRight: [1, 2, 3, 4, 5],
                  report.kostnader.map {
                      [$0.namn, SwedishFormat.kronor($0.budget), SwedishFormat.integer($0.deltagare), SwedishFormat.kronor($0.perDeltagare),
                       SwedishFormat.integer($0.stegforflyttningar), SwedishFormat.kronor($0.perStegforflyttning)]
                  })
        }
        return out
    }

    private static func figure(_ f: GoalFigure) -> [String] {
        let n = "\(f.share.numerator) av \(f.share.denominator)"
        if f.verdict == .forFaSvar { return ["*för få svar*", n, "–", "–"] }
        return [SwedishFormat.percent(f.share), n, SwedishFormat.interval(f.share), "**\(f.verdict.label)**"]
    }

    private static func counts(_ c: KonCounts) -> [String] {
        (c.counts + [c.total]).map(SwedishFormat.integer)
    }
}
