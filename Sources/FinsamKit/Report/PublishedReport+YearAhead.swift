/// A halvår 2 is protected with the year ahead in view. A förbund publishes H1 in August, then H2 and the
/// årsrapport in February; each is protected together with the approved reports before it, but the year is
/// protected last, and it can only hide its own counts. A year's count of people is the halvår's (its deltagare
/// are H2's and H1's avslutade), so H1 and H2 together could already pin one of its small counts, and nothing
/// the year hides would take that back. So H2, once H1 is approved, is protected together with the year made
/// from the same data: each small count of the year as a `..` that may not be pinned, the least the year can
/// show of it (``LinkedCells/foresee(_:threshold:)``).
extension PublishedReport {
    /// Protection's decision for the counts `builder` declared (with the approved reports already taken in),
    /// keeping the year ahead open where the report is a halvår 2 whose H1 a reader has.
    ///
    /// - Returns: the decision over `builder`'s cells: the year's cells only guide it, they are not this
    ///   report's, and the next report takes them in anew from its own data.
    /// - Throws: ``SmallCellProtection/Failure`` when the report's own counts cannot be protected.
    /// - Complexity: the report's own protection, then (for a halvår 2 whose H1 is approved) one audit of
    ///   the report and its year together, which most often finds nothing given away. Only where it finds a
    ///   count given away that this report can keep, protection again over about twice the cells (seconds
    ///   for the largest SampleData förbund); should that fail, the report stays as protected on its own, and
    ///   the year's own protection holds what it can.
    static func protect(
        _ builder: Builder, approved: PublishedReport?, protection: SmallCellProtection
    ) throws(SmallCellProtection.Failure) -> SmallCellProtection.Decision {
        let decision = try protection.protect(builder.cells)
        guard let approved, let year = builder.report.yearAhead.first, Self.publishes(approved, halfOne: year.period.year) else {
            return decision
        }
        var ahead = builder
        var yearBuilder = Builder(report: year)
        yearBuilder.build()
        let guarded = ahead.cells.foresee(yearBuilder.cells, threshold: protection.threshold)
        ahead.cells.deriveRelations()
        ahead.linkYears()
        ahead.linkContinuing()
        // Most often the report as protected on its own already keeps every small count of the year open, and
        // every hidden count of its own and of H1 with them (the year's `..` tell a reader that they are at
        // least 1).
        let audit = DisclosureAudit(threshold: protection.threshold)
        let count = builder.cells.cells.count, isGuarded = Set(guarded)
        let hidden = ahead.cells.cells.indices.map { $0 < count ? decision.hidden[$0] : isGuarded.contains($0) }
        let dots = ahead.cells.cells.indices.map { $0 < count ? decision.dots[$0] : isGuarded.contains($0) }
        let exposed = audit.disclosures(in: ahead.cells, hidden: hidden, dots: dots).map(\.cell)
        guard !exposed.isEmpty else { return decision }
        // What the approved reports give away whatever this report hides (its zeros too), it cannot keep; but
        // what they give away only to a reader who knows every unprinted part to be at least 0, it keeps from
        // a reader of the equations alone (as ``SmallCellProtection`` does with its own counts).
        let lost = protection.exposedByApproved(ahead.cells, zerosHidden: true)
        var open = exposed.filter { !lost.contains($0) }
        if open.isEmpty {
            let equations = DisclosureAudit(threshold: protection.threshold, knowsUnprintedParts: false)
            let lostToEquations = protection.exposedByApproved(ahead.cells, zerosHidden: true, audit: equations)
            var program = equations.program(ahead.cells, hidden: hidden, dots: dots)
            open = exposed.filter {
                !lostToEquations.contains($0) && !equations.holds($0, in: ahead.cells, hidden: hidden, dots: dots, program: &program)
            }
        }
        guard !open.isEmpty else { return decision }
        guard let kept = try? protection.protect(ahead.cells) else { return decision }
        // Hidden where either protection hides, `..` where either shows `..`: hiding more only widens what a
        // reader can work out, so this holds for the report on its own as its own decision does (in the larger
        // set a count of H1 can be given up as lost that the report on its own still holds). Checked all the
        // same, as the gate: over the report on its own, nothing may be given away that its own decision keeps
        // (what the approved reports give away whatever it hides is given away under both).
        let both = SmallCellProtection.Decision(
            hidden: (0..<count).map { decision.hidden[$0] || kept.hidden[$0] }, dots: (0..<count).map { decision.dots[$0] || kept.dots[$0] })
        let alreadyPublic = Set(audit.disclosures(in: builder.cells, hidden: decision.hidden, dots: decision.dots).map(\.cell))
        guard audit.disclosures(in: builder.cells, hidden: both.hidden, dots: both.dots).allSatisfy({ alreadyPublic.contains($0.cell) }) else {
            return decision
        }
        return both
    }

    /// Whether `approved` (with the reports approved before it) published the first halvår of `year`.
    private static func publishes(_ approved: PublishedReport, halfOne year: Int) -> Bool {
        let h1: Set<String> = [Period(year: year, half: 1).description]
        return approved.cells.cells.contains { $0.published && $0.filter?.terms["period"] == h1 }
    }
}
