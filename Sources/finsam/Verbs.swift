/// The verb table: every verb finsam knows, in the order the global usage lists them.
enum Verbs {
    static let all: [Verb] = [
        ValidateCommand.verb,
        TemplateCommand.verb,
        ReportCommand.verb,
        StoreCommands.submitVerb,
        StoreCommands.statusVerb,
        StoreCommands.historyVerb,
        StoreCommands.verifyVerb,
        AggregateCommand.verb,
    ]

    static func named(_ name: String) -> Verb? {
        all.first { $0.name == name }
    }
}
