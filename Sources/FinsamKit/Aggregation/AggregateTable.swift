/// What `aggregate` can group by (DOMAIN §8). Fields that do not exist for a file kind are ignored for it.
public enum AggregateField: String, Sendable, CaseIterable {
    case forbund, insats, period, kon, aldersgrupp, ny, status, avslutsorsak, enkat

    /// The long tables of `shared/perf/reference.py`.
    public static let defaultDeltagare: Set<AggregateField> = [.forbund, .insats, .period, .kon, .status, .avslutsorsak]
    public static let defaultIndikatorsvar: Set<AggregateField> = [.forbund, .insats, .period, .enkat, .kon]

    static let deltagareOrder: [AggregateField] = [.forbund, .insats, .period, .kon, .aldersgrupp, .ny, .status, .avslutsorsak]
    static let indikatorsvarOrder: [AggregateField] = [.forbund, .insats, .period, .enkat, .kon, .aldersgrupp]
}

/// Counts of one worker's records, grouped by the chosen fields and background dimensions; each group is
/// one `UInt64` laid out by ``GroupKey``.
public struct AggregateTable: RecordSink {
    public let deltagareFields: Set<AggregateField>
    public let formFields: Set<AggregateField>
    /// Background dimensions grouped by (DOMAIN §4.5), as ``DimensionCatalogue/extra`` slots in `--by` order.
    public let dimensionSlots: [Int]
    public let deltagareKey: GroupKey
    /// ``GroupKey/deltagareCodes`` of `deltagareKey`, made once.
    let deltagareCodes: [GroupKey.CodedField]
    /// ``GroupKey/formCodes`` of `formKey`, made once.
    let formCodes: [GroupKey.CodedField]
    public let formKey: GroupKey
    /// Sum of `antal` per deltagare group.
    public var deltagareGroups: CountMap {
        precondition(pendingCount == 0 && pendingFormCount == 0, "AggregateTable: flush() before reading")
        return deltagareCounts
    }
    private var deltagareCounts = CountMap()
    /// Form groups, each with the index of its first counter in `counters`.
    public var formGroups: CountMap {
        precondition(pendingCount == 0 && pendingFormCount == 0 && !unsettled, "AggregateTable: flush() before reading")
        return formSlots
    }
    private var formSlots = CountMap()
    /// Per form group, ``stride`` counters: forms, then per question answered, positive and sum (unused
    /// ones at the end). Complete after ``flush()``; while forms are counted, the newest are in `tally`.
    public private(set) var counters: [Int] = []
    /// The forms counted since the last ``flush()``, per group in the order of `counters`.
    private var tally: FormTally
    /// Whether `tally` holds counts not yet in `counters`.
    private var unsettled = false
    /// Activity rows (DOMAIN §4.4), added up per förbund, insats, period, aktivitet, part and kön: few rows,
    /// so a plain dictionary (see `AggregateTable+Aktiviteter.swift`).
    public internal(set) var activityGroups: [ActivityKey: ActivitySums] = [:]

    /// Groups by `fields` (`nil`: the default long tables) and `dimensions`; check ``fits`` before use.
    public init(by fields: Set<AggregateField>?, dimensions: [Int] = [], catalogues: Catalogues) {
        deltagareFields = fields ?? AggregateField.defaultDeltagare
        formFields = fields ?? AggregateField.defaultIndikatorsvar
        dimensionSlots = dimensions
        deltagareKey = GroupKey(deltagareFields, dimensions: dimensions, kind: .deltagare, catalogues: catalogues)
        deltagareCodes = deltagareKey.deltagareCodes
        formKey = GroupKey(formFields, dimensions: [], kind: .indikatorsvar, catalogues: catalogues)
        formCodes = formKey.formCodes
        let indicators = catalogues.indikatorer
        let tally = FormTally(positiveFrom: indicators.questions.map { Int8(clamping: indicators.scale(of: $0)?.positiveFrom ?? 1) })
        self.tally = tally
        pendingAnswers = Array(repeatElement(tally.emptyForm, count: Self.batch).joined())
    }

    /// Counters per form group: forms and three per question, rounded up to a power of two, so that a
    /// group's place in `tally` is its base shifted (``strideShift``), not divided.
    var stride: Int { 1 << strideShift }
    var strideShift: Int { (3 &* tally.questions).bitWidth &- (3 &* tally.questions).leadingZeroBitCount }

    /// Whether the fields and dimensions fit one 64-bit key (``GroupKey``).
    public var fits: Bool { deltagareKey.fits && formKey.fits }

    /// How many names a run may have with this grouping.
    public var nameCapacity: Int { min(deltagareKey.nameCapacity, formKey.nameCapacity) }

    // MARK: Adding

    @inline(__always)
    public mutating func add(_ record: DeltagareRecord) { addPending(deltagareKey.pack(record), record.antal) }

    /// `aggregate` takes the known-cell path's rows as codes.
    public static var takesCodes: Bool { true }

    /// A deltagare row of the known-cell path, by its codes (``GroupKey/pack(codes:dimensions:fields:)``).
    @inline(__always)
    public mutating func add(codes: UnsafeBufferPointer<Int32>, antal: Int, dimensions: DimensionCodes) {
        addPending(deltagareCodes.withUnsafeBufferPointer { deltagareKey.pack(codes: codes, dimensions: dimensions, fields: $0) }, antal)
    }

    /// A survey form of the known-cell path, by its codes, with the mask of its answers given.
    @inline(__always)
    public mutating func add(formCodes codes: UnsafeBufferPointer<Int32>, answers: UnsafeBufferPointer<Int8>, answered: UInt64) {
        addPendingForm(
            formCodes.withUnsafeBufferPointer { formKey.pack(codes: codes, dimensions: DimensionCodes(), fields: $0) }, answers)
    }

    public func keyBits(of code: Int32, index: Int, dimension: Int?, kind: FileKind) -> UInt64 {
        switch kind {
        case .deltagare: deltagareKey.bits(of: code, index: index, dimension: dimension, fields: deltagareCodes)
        // A form's key has no dimensions (``add(formCodes:answers:answered:)``).
        case .indikatorsvar: dimension == nil ? formKey.bits(of: code, index: index, dimension: nil, fields: formCodes) : 0
        case .aktiviteter, .uppfoljning: 0
        }
    }

    /// A deltagare row of the known-cell path's common lane, by its packed key.
    @inline(__always)
    public mutating func add(key: UInt64, antal: Int) { addPending(key, antal) }

    /// A survey form of the common lane, by its packed key, with the mask of its answers given.
    @inline(__always)
    public mutating func add(formKey key: UInt64, answers: UnsafeBufferPointer<Int8>, answered: UInt64) {
        addPendingForm(key, answers)
    }

    @inline(__always)
    public mutating func add(_ form: SurveyForm, answers: UnsafeBufferPointer<Int8>) {
        addPendingForm(formKey.pack(form), answers)
    }

    /// Rows are added in batches: see ``CountMap/touch(_:)``. The batches are written in place (a count
    /// beside arrays of the batch's size), not appended to: an append checks the room and calls out. They are
    /// inline arrays, held in the table itself: a write into an array's buffer checked first, on every row,
    /// that the buffer was not shared.
    static let batch = 32
    private var pendingKeys = InlineArray<32, UInt64>(repeating: 0)
    private var pendingAntal = InlineArray<32, Int>(repeating: 0)
    private var pendingCount = 0
    private var pendingForms = InlineArray<32, UInt64>(repeating: 0)
    /// ``FormTally/lanesPerForm`` answers per pending form (the lanes past the questions are never written).
    private var pendingAnswers: [Int8]
    private var pendingFormCount = 0

    @inline(__always)
    private mutating func addPending(_ key: UInt64, _ antal: Int) {
        pendingKeys[pendingCount] = key
        pendingAntal[pendingCount] = antal
        pendingCount += 1
        if pendingCount == Self.batch { flushBatch() }
    }

    /// Adds a form to the batch: its key and its answers (copied at once). (The mask of the answers given,
    /// which the sink is handed, is not needed: ``FormTally`` tells them by their sign, 16 at a time.)
    @inline(__always)
    private mutating func addPendingForm(_ key: UInt64, _ answers: UnsafeBufferPointer<Int8>) {
        let questions = tally.questions
        pendingForms[pendingFormCount] = key
        let at = pendingFormCount &* tally.lanesPerForm
        pendingAnswers.withUnsafeMutableBufferPointer { pending in
            // Eight answers at a time, then one by one: a form has a handful, for which a call to copy them
            // cost more than the copy.
            let copied = min(questions, answers.count)
            var q = 0
            if copied >= 8, let from = answers.baseAddress, let to = pending.baseAddress {
                let source = UnsafeRawPointer(from), target = UnsafeMutableRawPointer(to + at)
                while q &+ 8 <= copied {
                    target.storeBytes(of: source.loadUnaligned(fromByteOffset: q, as: UInt64.self), toByteOffset: q, as: UInt64.self)
                    q &+= 8
                }
            }
            while q < copied {
                pending[at &+ q] = answers[q]
                q &+= 1
            }
            for q in copied..<questions { pending[at &+ q] = Answer.none }
        }
        pendingFormCount += 1
        if pendingFormCount == Self.batch { flushBatch() }
    }

    /// Adds the rows still waiting in the batch, and the forms in `tally` to the counters. Call before reading
    /// the table.
    ///
    /// - Complexity: O(batch + form groups × questions).
    public mutating func flush() {
        flushBatch()
        settle()
    }

    /// Adds the rows still waiting in the batch.
    private mutating func flushBatch() {
        if pendingCount > 0 {
            let n = pendingCount
            pendingKeys.span.withUnsafeBufferPointer { deltagareCounts.touch(UnsafeBufferPointer(rebasing: $0[..<n])) }
            pendingKeys.span.withUnsafeBufferPointer { keys in
                pendingAntal.span.withUnsafeBufferPointer { antal in
                    deltagareCounts.add(UnsafeBufferPointer(rebasing: keys[..<n]), UnsafeBufferPointer(rebasing: antal[..<n]))
                }
            }
            pendingCount = 0
        }
        guard pendingFormCount > 0 else { return }
        let n = pendingFormCount
        pendingForms.span.withUnsafeBufferPointer { formSlots.touch(UnsafeBufferPointer(rebasing: $0[..<n])) }
        // Each form's counters are found first, and read without waiting for each (as ``CountMap/touch(_:)``
        // reads the map): a group's counters are four cache lines, most of them not in cache, and counting
        // form by form waited for each in turn.
        pendingBases.removeAll(keepingCapacity: true)
        for k in 0..<n { pendingBases.append(formSlot(pendingForms[k])) }
        touchCounters(pendingBases)
        countPendingForms()
        pendingFormCount = 0
        unsettled = true
    }

    /// Moves every form counted in `tally` into the counters: only the groups that counted a form since
    /// the last settle (``dirtyGroups``), as a run settles after every part of every file it reads.
    ///
    /// - Complexity: O(groups counted in since the last settle × questions).
    private mutating func settle() {
        guard unsettled else { return }
        makeCounters()
        let shift = strideShift
        counters.withUnsafeMutableBufferPointer { c in
            for group in dirtyGroups { tally.spill(group, into: c, at: group << shift) }
        }
        dirtyGroups.removeAll(keepingCapacity: true)
        unsettled = false
    }

    /// The groups whose lanes in `tally` went from no form to one since the last settle (a group spilled on
    /// the way may stand twice: spilling it again adds nothing).
    private var dirtyGroups: [Int] = []

    /// Counts the pending forms' answers in their groups' lanes of `tally` (``pendingBases``), in one pass.
    private mutating func countPendingForms() {
        let forms = pendingFormCount, shift = strideShift
        let (questions, blocksPerGroup, lanesPerForm) = (tally.questions, tally.blocksPerGroup, tally.lanesPerForm)
        var spills: [Int] = []
        pendingAnswers.withUnsafeBufferPointer { answers in
            pendingBases.withUnsafeBufferPointer { bases in
                tally.withPointers { positiveFrom, blocks in
                    for i in 0..<forms {
                        let group = bases[i] &>> shift
                        let forms = FormTally.add(
                            answers.baseAddress! + i &* lanesPerForm, group: group, blocksPerGroup: blocksPerGroup,
                            positiveFrom: positiveFrom, questions: questions, to: blocks)
                        if forms == 1 { dirtyGroups.append(group) }
                        if forms == FormTally.spillEvery { spills.append(i) }
                    }
                }
            }
        }
        guard !spills.isEmpty else { return }
        makeCounters()
        // A group is full after 128 forms since its last spill, and is spilled at the end of the batch: it
        // holds at most 128 + 31 forms then (``FormTally/spillEvery``), and no batch fills one twice.
        counters.withUnsafeMutableBufferPointer { c in
            for i in spills { tally.spill(pendingBases[i] >> shift, into: c, at: pendingBases[i]) }
        }
    }

    /// Form groups' first counters, for a batch: see ``flush()``.
    private var pendingBases: [Int] = []

    /// Reads the first and the last byte of the lanes in `tally` of the groups at each of `bases`, so that
    /// their cache misses overlap.
    private mutating func touchCounters(_ bases: [Int]) {
        let shift = strideShift, blocks = tally.blocksPerGroup
        touched = tally.withPointers { _, b in
            var sum: UInt16 = 0
            for base in bases {
                let first = (base &>> shift) &* blocks
                sum &+= UInt16(b[first].answered[0]) &+ b[first &+ blocks &- 1].oddSums[7]
            }
            return sum
        }
    }

    /// Written by ``touchCounters(_:)`` so that its loads are not optimised away.
    private var touched: UInt16 = 0

    /// The first of the form group's counters, adding the group if new.
    /// (The counters themselves are made only when needed, ``makeCounters()``: grown group by group, they
    /// cost an append and a page fault now and then on every new group.)
    private mutating func formSlot(_ key: UInt64) -> Int {
        let next = formGroupCount &<< strideShift
        let base = formSlots.value(for: key) { next }
        if base == next {
            formGroupCount &+= 1
            tally.appendGroup()
        }
        return base
    }

    /// The form groups so far.
    private var formGroupCount = 0

    /// Makes the counters of every form group so far (zero for the new ones).
    private mutating func makeCounters() {
        let needed = formGroupCount << strideShift
        if counters.count < needed { counters.append(contentsOf: repeatElement(0, count: needed - counters.count)) }
    }

    /// Adds `antal` to the deltagare group `key` (tables read with other catalogues: `AggregateTable+Bands.swift`).
    mutating func addCounted(_ key: UInt64, _ antal: Int) { deltagareCounts.add(key, antal) }

    /// Adds a form group's counters to the group `key` (see ``addCounted(_:_:)``).
    mutating func addForms(_ key: UInt64, _ values: ArraySlice<Int>) {
        let base = formSlot(key)
        makeCounters()
        for (j, value) in values.enumerated() { counters[base + j] += value }
    }

    /// Adds `other`'s counts, whose name ids are `other`'s own: `rename` maps them to this table's.
    public mutating func merge(_ other: AggregateTable, rename: (Int32) -> Int32) {
        // Visited in place: a list of the other's groups would be a third copy of them beside both maps.
        // Added a batch at a time, as rows are (``flush()``): the groups of a large table are cache misses.
        other.deltagareGroups.forEach { key, antal in addPending(deltagareKey.renamed(key, rename), antal) }
        flush()
        other.formGroups.forEach { key, otherBase in
            let base = formSlot(formKey.renamed(key, rename))
            makeCounters()
            for j in 0..<stride { counters[base + j] += other.counters[otherBase + j] }
        }
        mergeActivities(other, rename: rename)
    }
}
