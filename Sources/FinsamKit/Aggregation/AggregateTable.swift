/// What `aggregate` can group by (DOMAIN §8). Fields that do not exist for a file kind are ignored for it.
public enum AggregateField: String, Sendable, CaseIterable {
    case forbund, insats, period, kon, aldersgrupp, status, avslutsorsak, enkat

    /// The long tables of `shared/perf/reference.py`.
    public static let defaultDeltagare: Set<AggregateField> = [.forbund, .insats, .period, .kon, .status, .avslutsorsak]
    public static let defaultIndikatorsvar: Set<AggregateField> = [.forbund, .insats, .period, .enkat, .kon]

    static let deltagareOrder: [AggregateField] = [.forbund, .insats, .period, .kon, .aldersgrupp, .status, .avslutsorsak]
    static let indikatorsvarOrder: [AggregateField] = [.forbund, .insats, .period, .enkat, .kon, .aldersgrupp]
}

/// Counts of one worker's records, grouped by the chosen fields.
///
/// Each group is one `UInt64` that packs the group's values (name ids, period, codes), so adding a row
/// costs one hash lookup and no allocation. Layout, high to low bits: förbund 22, insats 22, period 9,
/// kön 2, åldersgrupp 3, then status 1 + avslutsorsak 5 (deltagare) or enkät 6 (indikatorsvar); the
/// all-ones value of a field means "not given" or "not grouped by".
public struct AggregateTable: RecordSink {
    public let deltagareFields: Set<AggregateField>
    public let formFields: Set<AggregateField>
    private let deltagareGrouping: Grouping
    private let formGrouping: Grouping
    /// Sum of `antal` per deltagare group.
    public var deltagareGroups: CountMap {
        precondition(pendingKeys.isEmpty && pendingForms.isEmpty, "AggregateTable: flush() before reading")
        return deltagareCounts
    }
    private var deltagareCounts = CountMap()
    /// Form groups, each with the index of its first counter in `counters`.
    public var formGroups: CountMap {
        precondition(pendingKeys.isEmpty && pendingForms.isEmpty, "AggregateTable: flush() before reading")
        return formSlots
    }
    private var formSlots = CountMap()
    /// Per form group, `1 + 3 × questions` counters: forms, then per question answered, positive, sum.
    public private(set) var counters: [Int] = []
    let positiveFrom: [Int8]
    /// Activity rows (DOMAIN §4.4), added up per förbund, insats, period, aktivitet, part and kön: few rows,
    /// so a plain dictionary (see `AggregateTable+Aktiviteter.swift`).
    public internal(set) var activityGroups: [ActivityKey: ActivitySums] = [:]

    static let maximumNames = 1 << 22

    public init(by fields: Set<AggregateField>?, catalogues: Catalogues) {
        deltagareFields = fields ?? AggregateField.defaultDeltagare
        formFields = fields ?? AggregateField.defaultIndikatorsvar
        deltagareGrouping = Grouping(deltagareFields)
        formGrouping = Grouping(formFields)
        let indicators = catalogues.indikatorer
        positiveFrom = indicators.questions.map { Int8(clamping: indicators.scale(of: $0)?.positiveFrom ?? 1) }
    }

    var stride: Int { 1 + 3 * positiveFrom.count }

    // MARK: Packing

    /// The chosen fields as plain flags: a `Set` lookup per field per row would cost more than the row.
    struct Grouping {
        var forbund, insats, period, kon, aldersgrupp, status, avslutsorsak, enkat: Bool

        init(_ fields: Set<AggregateField>) {
            forbund = fields.contains(.forbund); insats = fields.contains(.insats); period = fields.contains(.period)
            kon = fields.contains(.kon); aldersgrupp = fields.contains(.aldersgrupp); status = fields.contains(.status)
            avslutsorsak = fields.contains(.avslutsorsak); enkat = fields.contains(.enkat)
        }
    }

    /// The fields every group key starts with (the rest is kind-specific: status and avslutsorsak, or enkät).
    struct Unpacked {
        var forbund: Int32?, insats: Int32?, period: Period?, kon: Kon?, aldersgrupp: Aldersgrupp?
    }

    @inline(__always)
    static func pack(_ fields: Grouping, forbund: Int32, insats: Int32, period: Period, kon: Kon?, aldersgrupp: Aldersgrupp?, tail: UInt64, tailBits: UInt64) -> UInt64 {
        var key: UInt64 = fields.forbund ? UInt64(forbund) : 0x3F_FFFF
        key = key << 22 | (fields.insats ? UInt64(insats) : 0x3F_FFFF)
        key = key << 9 | (fields.period ? UInt64((period.year - 1990) * 3 + (period.half ?? 0)) : 0x1FF)
        key = key << 2 | (fields.kon ? UInt64(kon?.rawValue ?? 3) : 3)
        key = key << 3 | (fields.aldersgrupp ? UInt64(aldersgrupp?.rawValue ?? 7) : 7)
        return key << tailBits | tail
    }

    static func unpackHead(_ key: UInt64, tailBits: UInt64) -> Unpacked {
        var k = key >> tailBits
        var u = Unpacked()
        let alder = Int(k & 7); k >>= 3
        let kon = Int(k & 3); k >>= 2
        let period = Int(k & 0x1FF); k >>= 9
        let insats = Int32(k & 0x3F_FFFF); k >>= 22
        let forbund = Int32(k & 0x3F_FFFF)
        u.aldersgrupp = alder == 7 ? nil : Aldersgrupp(rawValue: alder)
        u.kon = kon == 3 ? nil : Kon(rawValue: kon)
        u.period = period == 0x1FF ? nil : Period(year: 1990 + period / 3, half: period % 3 == 0 ? nil : period % 3)
        u.insats = insats == 0x3F_FFFF ? nil : insats
        u.forbund = forbund == 0x3F_FFFF ? nil : forbund
        return u
    }

    // MARK: Adding

    public mutating func add(_ record: DeltagareRecord) {
        let status: UInt64 = deltagareGrouping.status ? UInt64(record.status.rawValue) : 1
        let orsak: UInt64 = deltagareGrouping.avslutsorsak && record.avslutsorsak >= 0 ? UInt64(record.avslutsorsak) : 31
        let key = Self.pack(deltagareGrouping, forbund: record.forbund, insats: record.insats, period: record.period, kon: record.kon,
                            aldersgrupp: record.aldersgrupp, tail: status << 5 | orsak, tailBits: 6)
        pendingKeys.append(key)
        pendingAntal.append(record.antal)
        if pendingKeys.count == Self.batch { flush() }
    }

    /// Rows are added in batches: see ``CountMap/touch(_:)``.
    static let batch = 32
    private var pendingKeys: [UInt64] = []
    private var pendingAntal: [Int] = []
    private var pendingForms: [UInt64] = []
    private var pendingAnswers: [Int8] = []

    /// Adds the rows still waiting in the batch. Call before reading the table.
    public mutating func flush() {
        pendingKeys.withUnsafeBufferPointer { deltagareCounts.touch($0) }
        for (key, antal) in zip(pendingKeys, pendingAntal) { deltagareCounts.add(key, antal) }
        pendingKeys.removeAll(keepingCapacity: true)
        pendingAntal.removeAll(keepingCapacity: true)
        pendingForms.withUnsafeBufferPointer { formSlots.touch($0) }
        let questions = positiveFrom.count
        pendingAnswers.withUnsafeBufferPointer { answers in
            for (i, key) in pendingForms.enumerated() {
                count(form: key, answers: UnsafeBufferPointer(rebasing: answers[i * questions..<(i + 1) * questions]))
            }
        }
        pendingForms.removeAll(keepingCapacity: true)
        pendingAnswers.removeAll(keepingCapacity: true)
    }

    /// The first of the form group's counters, adding the group if new.
    private mutating func formSlot(_ key: UInt64) -> Int {
        let next = counters.count
        let base = formSlots.value(for: key) { next }
        if base == counters.count { counters.append(contentsOf: repeatElement(0, count: stride)) }
        return base
    }

    public mutating func add(_ form: SurveyForm, answers: UnsafeBufferPointer<Int8>) {
        let enkat: UInt64 = formGrouping.enkat ? UInt64(form.enkat) : 63
        let key = Self.pack(formGrouping, forbund: form.forbund, insats: form.insats, period: form.period, kon: form.kon,
                            aldersgrupp: form.aldersgrupp, tail: enkat, tailBits: 6)
        pendingForms.append(key)
        pendingAnswers.append(contentsOf: answers)
        if pendingForms.count == Self.batch { flush() }
    }

    private mutating func count(form key: UInt64, answers: UnsafeBufferPointer<Int8>) {
        let base = formSlot(key)
        positiveFrom.withUnsafeBufferPointer { positiveFrom in
            counters.withUnsafeMutableBufferPointer { c in
                c[base] += 1
                for q in 0..<answers.count {
                    let answer = answers[q]
                    guard answer >= 0 else { continue }
                    let at = base + 1 + 3 * q
                    c[at] += 1
                    if answer >= positiveFrom[q] { c[at + 1] += 1 }
                    c[at + 2] += Int(answer)
                }
            }
        }
    }

    /// Adds `other`'s counts, whose name ids are `other`'s own: `rename` maps them to this table's.
    public mutating func merge(_ other: AggregateTable, rename: (Int32) -> Int32) {
        func renamed(_ key: UInt64) -> UInt64 {
            let head = key >> 6
            let forbund = Int32(head >> 36 & 0x3F_FFFF), insats = Int32(head >> 14 & 0x3F_FFFF)
            let f = forbund == 0x3F_FFFF ? UInt64(forbund) : UInt64(rename(forbund))
            let i = insats == 0x3F_FFFF ? UInt64(insats) : UInt64(rename(insats))
            return ((f << 22 | i) << 14 | head & 0x3FFF) << 6 | key & 63
        }
        for (key, antal) in other.deltagareGroups.all { deltagareCounts.add(renamed(key), antal) }
        for (key, otherBase) in other.formGroups.all {
            let base = formSlot(renamed(key))
            for j in 0..<stride { counters[base + j] += other.counters[otherBase + j] }
        }
        mergeActivities(other, rename: rename)
    }
}
