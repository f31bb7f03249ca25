import FinsamKit

/// `report --format uppfoljning|uppfoljning-json --period YEAR --register forbund.json`: the year's figures
/// for Uppföljning Finsam (``UppfoljningExport``). Unprotected, and it says so: on standard error (a comment
/// line would break the CSV in Excel) and inside the JSON.
enum UppfoljningFormat {
    static func emit(json: Bool, dataset: Dataset, register: Register?, period: Period, _ arguments: Arguments) throws(CLIError) {
        guard let register else {
            throw .usage(
                "--format \(json ? "uppfoljning-json" : "uppfoljning"): väntade --register forbund.json (insatsernas budget, utfall och "
                    + "planerade antal), fann inget register")
        }
        guard !period.isHalfYear else {
            throw .usage(
                "--format \(json ? "uppfoljning-json" : "uppfoljning"): väntade ett helår som \(period.year), fann halvåret \(period): "
                    + "Uppföljning Finsam registreras per år")
        }
        let export = UppfoljningExport.make(dataset: dataset, register: register, year: period.year)
        try Output.emit(json ? Array(export.json().utf8) : export.csv(), to: arguments["output"])
        Output.standardError("report: \(UppfoljningExport.notice)\n")
    }
}
