/// `finsam status`: per insats of the register, which files arrived for a period and which are missing.
public struct SubmissionStatus: Sendable {
    public struct Row: Sendable {
        public var insats: String
        public var namn: String
        public var typ: Register.Typ?
        /// Per expected kind (``Register/Insats/expectedKinds``): the current submission, or `nil` when missing.
        public var files: [(kind: FileKind, submission: StoreIndex.Submission?)]

        public var isComplete: Bool { files.allSatisfy { $0.submission != nil } }
    }

    public var period: Period
    public var rows: [Row]

    /// Rows for the register's insatser active in `period`; without a register, for the insatser found in
    /// the store for that period.
    public init(index: StoreIndex, register: Register?, period: Period, forbund: String?) {
        self.period = period
        let wanted = forbund.map(TextFolding.fold)
        let current = index.current.filter { slot, _ in
            slot.key.period == period && (wanted.map { TextFolding.fold(slot.key.forbund) == $0 } ?? true)
        }
        func submission(_ insats: String, _ kind: FileKind) -> StoreIndex.Submission? {
            current.first { $0.key.key.insats == insats && $0.key.kind == kind }?.value
        }
        if let register {
            rows = register.insatser.filter { $0.isActive(in: period) }.map { insats in
                Row(insats: insats.id, namn: insats.namn, typ: insats.typ, files: insats.expectedKinds.map { ($0, submission(insats.id, $0)) })
            }
        } else {
            rows = Set(current.keys.map { $0.key.insats }).sorted().map { insats in
                // Without a register, an insats that sent only aktiviteter is taken for a strukturinriktad one.
                let typ: Register.Typ = submission(insats, .aktiviteter) != nil && submission(insats, .deltagare) == nil
                    && submission(insats, .indikatorsvar) == nil ? .struktur : .individ
                return Row(insats: insats, namn: insats, typ: nil, files: typ.expectedKinds.map { ($0, submission(insats, $0)) })
            }
        }
    }
}
