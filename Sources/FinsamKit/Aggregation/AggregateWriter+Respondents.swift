extension AggregateWriter {
    /// Whether the indikatorsvar table has a row for question `q` in a group of enkät `enkat` (`nil`: not
    /// grouped by enkät): the questions of the enkät's respondent group (DOMAIN §7) — a deltagare enkät lists
    /// every deltagare question, as `shared/perf/reference.py` does, and no staff question. Without an enkät,
    /// the deltagare questions and any question answered in the group.
    func asks(_ q: Int, enkat: Int?, answered: Int) -> Bool {
        let indicators = catalogues.indikatorer
        let groups = Set(indicators.questions[q].enkater.compactMap { indicators.enkatIndex($0) }.map { indicators.enkater[$0].group })
        guard let enkat else { return groups.contains(.deltagare) || answered > 0 }
        return groups.contains(indicators.enkater[enkat].group)
    }
}
