extension HTMLReportWriter {
    /// The indicator sections of the respondent groups other than deltagare (DOMAIN §7), then the section
    /// *Strukturinriktade insatser* (§8), each only when the report has it.
    static func respondentAndStrukturSections(_ published: PublishedReport) -> String {
        var html = ""
        for table in published.tables where table.id.hasPrefix("indikatorer-") {
            html += section(table.id, table.title, tables(published, [table.id]))
        }
        if published.table("struktur") != nil {
            html += section("struktur", "Strukturinriktade insatser", tables(published, ["struktur", "struktur-part"]))
        }
        return html
    }
}
