/// A section of the halvårsrapport as a reader meets it: a heading and the tables under it. HTML and
/// Markdown lay the report out by the same sections in the same order, so a kansli that pastes the Markdown
/// into Word gets the headings and order the styrelse sees in the HTML.
struct ReportSection: Sendable, Equatable {
    /// The HTML section's id (`mal`, `avslut`, `indikatorer-personal`).
    var id: String
    /// The heading: "Måluppfyllelse", "Deltagare", "Volym och ekonomi".
    var title: String
    /// The ids of the tables under it, in order; a table the report does not have is left out.
    var tables: [String]

    /// The sections of `published`, in the order both formats write them: goals, trends, deltagare,
    /// avslutade, background, indicators, the other respondent groups' indicators, strukturinriktade
    /// insatser, volym och ekonomi. A section of optional tables (trends, background, struktur, economy) is
    /// left out when the report has none of them.
    ///
    /// - Returns: the sections; every table of `published` is in exactly one of them.
    /// - Complexity: O(*t*²) in the number of tables, a few dozen.
    static func sections(_ published: PublishedReport) -> [ReportSection] {
        let ids = published.tables.map(\.id)
        func present(_ wanted: [String]) -> [String] { wanted.filter(ids.contains) }
        var sections: [ReportSection] = []
        if !published.report.goals.isEmpty {
            sections.append(ReportSection(id: "mal", title: "Måluppfyllelse", tables: present(["mal", "mal-kon", "mal-insats"])))
        }
        if ids.contains("trend") { sections.append(ReportSection(id: "trend", title: "Utveckling", tables: ["trend"])) }
        sections.append(ReportSection(id: "deltagare", title: "Deltagare", tables: present(["deltagare", "alder", "alder-grupperad"])))
        sections.append(
            ReportSection(id: "avslut", title: "Avslutade", tables: present(["avslutsorsaker", "sus", "stegforflyttning"])))
        let bakgrund = ids.filter { $0.hasPrefix("dim-") || $0 == "forsorjning" }
        if !bakgrund.isEmpty { sections.append(ReportSection(id: "bakgrund", title: "Bakgrund", tables: bakgrund)) }
        sections.append(ReportSection(id: "indikatorer", title: "FINSAM-indikatorer", tables: present(["indikatorer"])))
        for table in published.tables where table.id.hasPrefix("indikatorer-") {
            sections.append(ReportSection(id: table.id, title: table.title, tables: [table.id]))
        }
        if ids.contains("struktur") {
            sections.append(
                ReportSection(id: "struktur", title: "Strukturinriktade insatser", tables: present(["struktur", "struktur-part"])))
        }
        let ekonomi = present(["volym", "ekonomi", "kostnad", "ekonomi-forbund"])
        if !ekonomi.isEmpty { sections.append(ReportSection(id: "ekonomi", title: "Volym och ekonomi", tables: ekonomi)) }
        // A table no section names (a new one) is not lost: it follows under its own title.
        let placed = Set(sections.flatMap(\.tables))
        for table in published.tables where !placed.contains(table.id) {
            sections.append(ReportSection(id: table.id, title: table.title, tables: [table.id]))
        }
        return sections
    }
}
