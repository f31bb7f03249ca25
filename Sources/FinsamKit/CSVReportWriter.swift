/// The report as one long CSV table (`tabell;grupp;rad;kolumn;varde`) in the Excel dialect (UTF-8 with BOM,
/// `;`, CRLF, decimal comma), so that a kansli can open it in Excel and an analyst can pivot it anywhere.
public enum CSVReportWriter {
    public static func write(_ report: HalvarsRapport) -> String {
        var out = "\u{FEFF}tabell;grupp;rad;kolumn;varde\r\n"
        func row(_ cells: String...) {
            out += cells.map(CSVWriter.quoted(excelCell:)).joined(separator: ";") + "\r\n"
        }
        func decimal(_ value: Double?) -> String {
            guard let value else { return "" }
            return String((value * 1_000_000).rounded() / 1_000_000).replacingDotWithComma()
        }
        func figure(_ group: String, _ id: String, _ f: GoalFigure, target: Double) {
            row("mal", group, id, "taljare", String(f.share.numerator))
            row("mal", group, id, "namnare", String(f.share.denominator))
            row("mal", group, id, "andel", decimal(f.share.value))
            row("mal", group, id, "andel_procent", f.share.percent.map(String.init) ?? "")
            row("mal", group, id, "ci_lag", decimal(f.share.interval?.low))
            row("mal", group, id, "ci_hog", decimal(f.share.interval?.high))
            row("mal", group, id, "malvarde", decimal(target))
            row("mal", group, id, "bedomning", f.verdict.rawValue)
        }
        for result in report.goals {
            let target = result.goal.target
            figure("alla", result.goal.id, result.overall, target: target)
            for (kon, f) in result.perKon { figure("kon=\(kon?.code ?? "uppgift-saknas")", result.goal.id, f, target: target) }
            for (insats, f) in result.perInsats { figure("insats=\(report.insatsNamn[insats] ?? "?")", result.goal.id, f, target: target) }
        }
        func counts(_ table: String, _ rad: String, _ c: KonCounts) {
            for kon in Kon.allCases { row(table, "", rad, kon.code, String(c[kon])) }
            row(table, "", rad, "totalt", String(c.total))
        }
        let d = report.deltagare
        if let nya = d.nya { counts("deltagare", "nya", nya) }
        counts("deltagare", "pagaende", d.pagaende)
        counts("deltagare", "avslutade", d.avslutade)
        counts("deltagare", "totalt", d.totalt)
        for rad in report.avslutsorsaker { counts("avslutsorsaker", rad.orsak.code, rad.antal) }
        for rad in report.indikatorer {
            let q = rad.question.id
            row("indikatorer", "", q, "n", String(rad.positive.denominator))
            row("indikatorer", "", q, "positiva", String(rad.positive.numerator))
            row("indikatorer", "", q, "andel", decimal(rad.positive.value))
            row("indikatorer", "", q, "medel", decimal(rad.positive.denominator > 0 ? Double(rad.sum) / Double(rad.positive.denominator) : nil))
            for (value, count) in rad.distribution { row("indikatorer", "", q, "svar_\(value.value)", String(count)) }
            row("indikatorer", "", q, "vet_ej", String(rad.vetEj))
            row("indikatorer", "", q, "ej_aktuellt", String(rad.ejAktuellt))
            row("indikatorer", "", q, "ej_besvarad", String(rad.unanswered))
        }
        for k in report.kostnader {
            row("kostnad", "", k.insats, "budget", String(k.budget))
            row("kostnad", "", k.insats, "deltagare", String(k.deltagare))
            row("kostnad", "", k.insats, "kr_per_deltagare", k.perDeltagare.map(String.init) ?? "")
            row("kostnad", "", k.insats, "stegforflyttningar", String(k.stegforflyttningar))
            row("kostnad", "", k.insats, "kr_per_stegforflyttning", k.perStegforflyttning.map(String.init) ?? "")
        }
        return out
    }
}

extension String {
    fileprivate func replacingDotWithComma() -> String { String(map { $0 == "." ? "," : $0 }) }
}
