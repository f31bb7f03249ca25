/// The common lane's lines for a sink that takes packed keys (`aggregate`'s table): a line is not turned
/// into codes and then checked and packed field by field, as ``RecordDecoder/acceptKnownLine`` does. Each
/// group of cells the lane knows (``KnownCells/Group``) carries its share of the sink's key and of the
/// line's rules, worked out once when the group is first seen; a line ORs its groups' shares and checks
/// the rules with a few masks. The rules are those ``RecordDecoder/acceptKnownLine`` checks, bit for bit,
/// and the key is the one the sink would pack from the codes.
extension RecordDecoder {
    /// What a line's coded cells say about the rules between them, one bit (or field) per fact, so that a
    /// line's facts are the OR of its cells' (``ruleBits(of:target:)``).
    enum LineRule {
        static let forbund: UInt64 = 1 << 0
        static let insats: UInt64 = 1 << 1
        static let period: UInt64 = 1 << 2
        /// A kön on the catalogue's list; its code is at ``konShift``.
        static let kon: UInt64 = 1 << 3
        static let avslutad: UInt64 = 1 << 4
        static let pagaende: UInt64 = 1 << 5
        /// An avslutsorsak given.
        static let orsak: UInt64 = 1 << 6
        /// Stegförflyttning given.
        static let steg: UInt64 = 1 << 7
        /// An avslutsorsak that cancels the row (a felregistrering): the row is not counted in the summary.
        static let uncounted: UInt64 = 1 << 8
        /// A background dimension that only avslutade may have, given.
        static let avslutadOnly: UInt64 = 1 << 9
        /// An enkät given; its code is at ``enkatShift``.
        static let enkat: UInt64 = 1 << 10
        static let konShift: UInt64 = 16
        static let enkatShift: UInt64 = 32

        /// What a deltagare row needs, and a survey form.
        static let deltagare = forbund | insats | period | kon
        static let form = forbund | insats | period | enkat
    }

    /// The ``LineRule`` bits of the code `code` of a column whose ``KnownCells/targets`` entry is `target`.
    func ruleBits(of code: Int32, target: Int) -> UInt64 {
        guard code >= 0 else { return 0 }
        if target >= KnownCells.dimensionBase { return avslutadOnly[target - KnownCells.dimensionBase] ? LineRule.avslutadOnly : 0 }
        switch target {
        case ColumnLayout.Role.forbund.index: return LineRule.forbund
        case ColumnLayout.Role.insats.index: return LineRule.insats
        case ColumnLayout.Role.period.index: return LineRule.period
        case ColumnLayout.Role.kon.index: return Kon(rawValue: Int(code)) == nil ? 0 : LineRule.kon | UInt64(code) << LineRule.konShift
        case ColumnLayout.Role.status.index:
            switch DeltagarStatus(rawValue: Int(code)) {
            case .avslutad: return LineRule.avslutad
            case .pagaende: return LineRule.pagaende
            case nil: return 0
            }
        case ColumnLayout.Role.avslutsorsak.index: return LineRule.orsak | (countedOrsak[Int(code)] ? 0 : LineRule.uncounted)
        case ColumnLayout.Role.stegforflyttning.index: return LineRule.steg
        case ColumnLayout.Role.enkat.index: return LineRule.enkat | UInt64(code) << LineRule.enkatShift
        default: return 0
        }
    }

    /// The key bits `sink` gives the code `code` of a column whose ``KnownCells/targets`` entry is `target`.
    static func keyBits<Sink: RecordSink>(of code: Int32, target: Int, kind: FileKind, sink: inout Sink) -> UInt64 {
        if target >= KnownCells.dimensionBase {
            return sink.keyBits(of: code, index: ColumnLayout.Role.ignored.index, dimension: target - KnownCells.dimensionBase, kind: kind)
        }
        return target < KnownCells.questionBase ? sink.keyBits(of: code, index: target, dimension: nil, kind: kind) : 0
    }

    /// The key bits of the fields that no column of `layout` gives: those `sink` packs from a code of -1
    /// (the code of a field the file lacks).
    static func baseKey<Sink: RecordSink>(layout: ColumnLayout, sink: inout Sink) -> UInt64 {
        let given = Set(layout.roles.map(\.index))
        let slots = Set(layout.dimensionColumns.map(\.slot))
        var key: UInt64 = 0
        for index in 0..<ColumnLayout.Role.fixedCount where index != ColumnLayout.Role.ignored.index && !given.contains(index) {
            key |= sink.keyBits(of: KnownCells.empty, index: index, dimension: nil, kind: layout.kind)
        }
        for slot in 0..<DimensionCodes.capacity where !slots.contains(slot) {
            key |= sink.keyBits(of: KnownCells.empty, index: ColumnLayout.Role.ignored.index, dimension: slot, kind: layout.kind)
        }
        return key
    }

    /// The group of the cells from `start` to `end` ending in `column`: a pair when `middle` (the
    /// delimiter between the two) is given, else one cell. Each cell is looked up in its column's memo, and
    /// the group is remembered when all are known (``decodeCommonLines``'s rare path, out of line: the
    /// common path keeps its registers).
    /// - Returns: `nil` when a cell is not in its column's memo.
    @inline(never)
    func newGroup<Sink: RecordSink>(
        _ bytes: UnsafePointer<UInt8>, total: Int, start: Int, middle: Int?, end: Int, column: Int, known: KnownCells.Pointers,
        kind: FileKind, keyed: Bool, sink: inout Sink
    ) -> KnownCells.Group? {
        let secondStart = middle.map { $0 &+ 1 } ?? start
        guard let b = known.memos[column].value(bytes + secondStart, end &- secondStart, readable: total &- secondStart) else { return nil }
        var codes = UInt64(UInt32(bitPattern: b))
        var group = KnownCells.Group(codes: 0, key: 0, rules: ruleBits(of: b, target: known.targets[column]))
        if keyed { group.key = Self.keyBits(of: b, target: known.targets[column], kind: kind, sink: &sink) }
        if let middle {
            guard let a = known.memos[column &- 1].value(bytes + start, middle &- start, readable: total &- start) else { return nil }
            codes |= UInt64(UInt32(bitPattern: a)) << 32
            group.rules |= ruleBits(of: a, target: known.targets[column &- 1])
            if keyed { group.key |= Self.keyBits(of: a, target: known.targets[column &- 1], kind: kind, sink: &sink) }
        } else {
            codes |= UInt64(UInt32.max) << 32
        }
        group.codes = codes
        known.rememberGroup(bytes + start, end &- start, column: column, group)
        return group
    }

    /// What a run of the common lane counts in the file's summary, added to it once at the end of the run.
    struct KeyedTally {
        var rows = 0, avslutade = 0
        var perKon = InlineArray<3, Int>(repeating: 0)

        /// Adds the tally to `summary`.
        func add(to summary: inout FileSummary) {
            summary.rows += rows
            summary.avslutade += avslutade
            for kon in Kon.allCases { summary.perKon[kon] += perKon[kon.rawValue] }
        }
    }

    /// Checks a line of the common lane against its `rules` (the OR of its groups' ``LineRule`` bits) and
    /// passes its `key` on, as ``acceptKnownLine`` does with the line's codes.
    /// - Returns: `false` (nothing passed on) when a rule is broken: the full path reports it.
    @inline(__always)
    func acceptKeyedLine<Sink: RecordSink>(
        key: UInt64, rules: UInt64, line: KnownLine, kind: FileKind, answers: UnsafeBufferPointer<Int8>, into sink: inout Sink,
        tally: inout KeyedTally
    ) -> Bool {
        switch kind {
        case .deltagare:
            guard rules & LineRule.deltagare == LineRule.deltagare else { return false }
            // Avslutad with an avslutsorsak, or pågående without one, without stegförflyttning and without a
            // dimension of avslutade only (one status column: never both).
            let status = rules & (LineRule.avslutad | LineRule.pagaende | LineRule.orsak | LineRule.steg | LineRule.avslutadOnly)
            guard
                status & (LineRule.avslutad | LineRule.pagaende | LineRule.orsak) == LineRule.avslutad | LineRule.orsak
                    || status == LineRule.pagaende
            else { return false }
            sink.add(key: key, antal: line.antal)
            tally.rows &+= 1
            if rules & LineRule.uncounted == 0 {
                tally.perKon[Int(truncatingIfNeeded: rules &>> LineRule.konShift & 3)] &+= line.antal
                if rules & LineRule.avslutad != 0 { tally.avslutade &+= line.antal }
            }
        case .indikatorsvar:
            guard rules & LineRule.form == LineRule.form, line.answered != 0 else { return false }
            // (A catalogue of more than 64 questions leaves every form to the full path.)
            guard answers.count <= 64 else { return false }
            // Every question answered is one the enkät asks.
            guard line.answered & ~enkatQuestions[Int(truncatingIfNeeded: rules &>> LineRule.enkatShift & 0xFFFF)] == 0 else { return false }
            sink.add(formKey: key, answers: answers, answered: line.answered)
            tally.rows &+= 1
            if rules & LineRule.kon != 0 { tally.perKon[Int(truncatingIfNeeded: rules &>> LineRule.konShift & 3)] &+= 1 }
        case .uppfoljning, .aktiviteter:
            return false
        }
        return true
    }
}
