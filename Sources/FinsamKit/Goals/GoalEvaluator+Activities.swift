extension GoalEvaluator {
    /// The activities an activity count is about, in words ("Ägarsamråd", "deltagande i Konferens"), or `nil`
    /// for any other measure.
    ///
    /// - Returns: the catalogue's labels of the listed codes, after "deltagande i" for a count of people.
    func activityText(_ measure: GoalMeasure) -> String? {
        if case .change(let change) = measure { return activityText(change.of) }
        guard case .count(let count) = measure, count.of.isActivity else { return nil }
        let labels = (count.aktivitet ?? []).map { code in catalogues.aktiviteter.aktiviteter.first { $0.code == code }?.label ?? code }
        let list = Vocabulary<Int>.list(labels.isEmpty ? ["alla aktiviteter"] : labels)
        return count.of == .tillfallen ? "Tillfällen: \(list.lowercased())" : "Deltagande i \(list.lowercased())"
    }
}
