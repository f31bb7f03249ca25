/// Decoding an `aktiviteter` row (DOMAIN §4.4): what a strukturinriktad insats did in a period.
extension RecordDecoder {
    /// Whether the register calls insats `id` individinriktad: such an insats reports deltagare, not activities.
    func isIndividinriktad(_ insats: Int32) -> Bool {
        register?.insats(named: names.name(insats))?.typ == .individ
    }

    /// Decodes the current row of an `aktiviteter` file, adding a problem per cell that is wrong.
    ///
    /// - Returns: the record, or `nil` when a required cell is missing or wrong.
    mutating func decodeAktivitet(_ row: inout RowContext) -> AktivitetRecord? {
        let names = decodeNames(&row)
        let period = decodePeriod(&row)
        let aktivitet = row.lookup(.aktivitet, in: aktivitetVocabulary, required: true)
        let part = row.lookup(.part, in: Part.vocabulary, required: false, expectation: "af, fk, kommun, region, annan eller tom cell")
        let kon = row.lookup(.kon, in: Kon.vocabulary, required: false, expectation: "kvinna, man, annat eller tom cell")
        var tillfallen = 1
        if let column = row.layout.column(.tillfallen), !row.isEmpty(.tillfallen) {
            if let value = row.cell(.tillfallen, { bytes, _ in Self.count(bytes) }) {
                tillfallen = value
            } else {
                row.expected(column, "ett antal tillfällen (heltal 0–\(Self.maximumCount)) eller tom cell (1)")
            }
        }
        var deltagande: Int?
        if let column = row.layout.column(.deltagande), !row.isEmpty(.deltagande) {
            if let value = row.cell(.deltagande, { bytes, _ in Self.count(bytes) }) {
                deltagande = value
            } else {
                row.expected(column, "hur många som deltog (heltal 0–\(Self.maximumCount)) eller tom cell")
            }
        }
        if row.isEmpty(.deltagande), part != nil || kon != nil, let column = row.layout.column(part != nil ? .part : .kon) {
            row.problem(
                column,
                "kolumn \(row.layout.headers[column]): part och kön beskriver de deltagande, men raden saknar deltagande; "
                    + "fyll i hur många som deltog eller töm cellen")
        }
        let kommun = decodePlace(&row, .kommun), organisation = decodePlace(&row, .organisation)
        guard let (forbund, insats) = names, let period, let aktivitet, let kommun, let organisation else { return nil }
        if isIndividinriktad(insats) {
            row.problem(
                row.layout.column(.insats)!,
                "väntade en strukturinriktad insats, fann den individinriktade \"\(self.names.name(insats))\" som "
                    + "lämnar deltagare, inte aktiviteter (lämna dess deltagare i en deltagare-fil: finsam template deltagare)")
        }
        return AktivitetRecord(
            forbund: forbund, insats: insats, period: period, aktivitet: Int16(aktivitet), tillfallen: tillfallen,
            deltagande: deltagande, part: part, kon: kon, kommun: kommun, organisation: organisation)
    }

    /// Decodes the row's `kommun` or `organisation` cell (optional columns, issue #27 item 6): with a register,
    /// one of its `kommuner` or `organisationer` (by id or name), strictly; without one, any name, as an insats
    /// is taken without a register.
    ///
    /// - Returns: the name id, `.some(nil)` for an empty cell or an absent column, or `nil` when the cell is
    ///   wrong (a problem is added).
    mutating func decodePlace(_ row: inout RowContext, _ role: ColumnLayout.Role) -> Int32?? {
        guard let column = row.layout.column(role), !row.isEmpty(role) else { return .some(nil) }
        let encoding = row.reader.encoding
        switch row.reader.withBytes(of: column, { resolveName($0, role, encoding: encoding) }) {
        case .id(let id):
            return .some(id)
        case .empty:
            return .some(nil)
        case .personalData:
            row.problem(column, "")  // reported as personal data
        case .invisible(let scalar, let at):
            row.problem(
                column,
                "kolumn \(row.layout.headers[column]): väntade ett namn av synliga tecken, fann \(Self.describeInvisible(scalar)) som tecken "
                    + "\(at); skriv namnet på nytt utan det")
        case .unknown:
            let known = role == .kommun ? register?.kommuner ?? [] : (register?.organisationer ?? []).map(\.id)
            let what = role == .kommun ? "kommuner" : "organisationer"
            row.expected(
                column,
                known.isEmpty
                    ? "en av registrets \(what), men registret listar inga (lägg till \"\(what)\" i forbund.json) eller tom cell"
                    : "en av registrets \(what) (\(Vocabulary<Int>.list(known))) eller tom cell")
        }
        return nil
    }

    /// Passes a valid activity row on and counts it.
    func accept<Sink: RecordSink>(_ activity: AktivitetRecord, into sink: inout Sink, summary: inout FileSummary) {
        sink.add(activity)
        summary.rows += 1
        if let kon = activity.kon, let deltagande = activity.deltagande {
            summary.perKon[kon] += deltagande
            summary.deltagandePerKonRows += 1
        }
        note(activity.forbund, activity.insats, activity.period, in: &summary)
    }
}
