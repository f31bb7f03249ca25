extension HalvarsRapport {
    /// The respondent groups whose forms the period has (DOMAIN §7), in the catalogue's order of groups;
    /// deltagare alone when there are no forms, so that a report without any still shows its indicator table.
    static func respondents(_ data: PeriodData) -> [Respondent] {
        let enkater = data.dataset.catalogues.indikatorer.enkater
        let present = Set(data.forms.map { enkater[Int($0.enkat)].group })
        return present.isEmpty ? [.deltagare] : present.sorted()
    }

    /// The indicator rows of `group`, in catalogue order.
    public func indikatorer(of group: Respondent) -> [IndikatorRad] { indikatorer.filter { $0.respondent == group } }

    /// The respondent groups the report has indicator rows for, in order.
    var respondentGroups: [Respondent] {
        var seen: [Respondent] = []
        for rad in indikatorer where !seen.contains(rad.respondent) { seen.append(rad.respondent) }
        return seen
    }
}
