/// Words a table needs beside its figures so that a styrelse reads them right.
extension PublishedReport {
    /// Indicator tables whose "Medel" column holds a ja/nej question's mean get a sentence saying what the
    /// scale is: without it, "Medel 0,8" on "Jag har haft en person att vända mig till" reads as a grade.
    ///
    /// - Returns: `tables`, the indicator tables' notes extended where they hold a ja/nej question.
    static func explainingMeans(_ tables: [PublishedTable]) -> [PublishedTable] {
        tables.map { table in
            guard table.id.hasPrefix("indikatorer"), let medel = table.columns.firstIndex(of: "Medel") else { return table }
            let yesNo = table.rows.contains { row in row.cells.dropFirst(medel + 1).first?.text.hasPrefix("Ja ") == true }
            var table = table
            let scale =
                "Medel är medelvärdet av svaren på frågans skala, där det bästa svaret har det högsta värdet (1–4 på de fyrgradiga frågorna"
                + (yesNo ? "; på ja/nej-frågor är ja 1 och nej 0, så medel 0,8 betyder att 80 % svarade ja)." : ").")
            table.note = table.note.map { $0 + " " + scale } ?? scale
            return table
        }
    }
}
