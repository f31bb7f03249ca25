/// The verb table: every verb finsam knows, in the order the global usage lists them.
enum Verbs {
    static let all: [Verb] = [
        ValidateCommand.verb,
        TemplateCommand.verb,
        ReportCommand.verb,
        StoreCommands.submitVerb,
        StatusCommand.verb,
        StoreCommands.historyVerb,
        StoreCommands.verifyVerb,
        ApprovalCommands.approveVerb,
        ApprovalCommands.reopenVerb,
        AggregateCommand.verb,
    ]

    static func named(_ name: String) -> Verb? {
        all.first { $0.name == name }
    }
}
