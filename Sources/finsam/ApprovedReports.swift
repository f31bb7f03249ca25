import FinsamKit

/// The reports a store's styrelse has approved, as they were published: what a reader already knows when a
/// new report is protected (issue #24 item 2, DOMAIN §8). A report for 2023H2 is protected together with the
/// approved 2023H1, the årsrapport 2023 with its approved halvår, and a corrected report after `reopen` with
/// the version approved before it.
enum ApprovedReports {
    /// The last report approved before approval `sequence` (before none: every approval counts), computed
    /// again with exactly what was approved and protected, as it was, together with every report approved
    /// before it.
    ///
    /// - Returns: that report, or `nil` when nothing was approved before.
    /// - Throws: an approved file that changed or went missing (exit 3), an internal failure of protection.
    /// - Complexity: one report per approval, each protected together with the ones before it.
    static func last(before sequence: Int?, store: Store, index: StoreIndex) throws(CLIError) -> PublishedReport? {
        var previous: PublishedReport?
        let approvals = (index.approvals ?? []).filter { approval in
            approval.kind == .faststalld && sequence.map { approval.sequence < $0 } ?? true
        }
        for approval in approvals.sorted(by: { $0.sequence < $1.sequence }) {
            // Nothing from this command line: the approved inputs, and the approved files only.
            let arguments = try Arguments(["--period", approval.period.description], verb: ReportCommand.verb)
            let inputs = try ApprovedInputs.load(approval, store: store, arguments: arguments)
            let sources: [Dataset.Source]
            do throws(Store.Failure) { sources = try store.sources(of: approval.files ?? [], index: index) } catch {
                throw StoreCommands.cliError(error)
            }
            var report = try ReportCommand.make(
                sources: sources, sourceNames: [ReportCommand.storeSourceName(store, files: sources.count)], register: inputs.register,
                goals: inputs.goals, goalsPath: approval.artefact("mal")?.name, rules: inputs.rules, period: approval.period,
                arguments: arguments, catalogues: inputs.catalogues, quiet: true)
            report.fastallelse = approval.coverText
            previous = try ReportCommand.publish(report, protection: SmallCellProtection(), approved: previous)
        }
        return previous
    }
}
