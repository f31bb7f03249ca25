/// The goal file's checks of activity counts (DOMAIN §5 `count` with `of: tillfallen` or `deltagande`).
extension GoalCheck {
    /// Problems of a count's `aktivitet` key: required with an activity population, its codes in the
    /// aktivitet catalogue, refused with any other population and with a scope on ny.
    mutating func activity(_ m: GoalMeasure.Count, at path: String, scopeNy: Bool) {
        guard m.of.isActivity else {
            if m.aktivitet != nil {
                add(
                    "\(path).aktivitet", "aktivitet hör till \"of\": \"tillfallen\" eller \"deltagande\", fann \"of\": \"\(m.of.rawValue)\"",
                    key: true)
            }
            return
        }
        guard let list = m.aktivitet else {
            add(
                path,
                "saknar fältet \"aktivitet\": vilka aktiviteter ska räknas (\(Vocabulary<Int>.list(catalogues.aktiviteter.aktiviteter.map(\.code))))?"
            )
            return
        }
        if list.isEmpty { add("\(path).aktivitet", "väntade minst en aktivitet, fann en tom lista") }
        codes(list, at: "\(path).aktivitet", valid: catalogues.aktiviteter.aktiviteter.map(\.code), what: "en aktivitet")
        if scopeNy { add(path, "aktiviteter har ingen uppgift om ny: ta bort ny ur scope") }
    }
}
