/// The bit layout of `aggregate`'s packed group keys: one `UInt64` per group, so adding a row costs one
/// hash lookup and no allocation. The one place that knows where each field's bits are; ``AggregateTable``
/// packs with it, its merge renames with it, ``AggregateWriter`` unpacks and sorts with it.
///
/// Only fields grouped by take bits: högst 22 each for förbund and insats (name ids), 9 for the period
/// (half-years since 1990), 2 for kön, what their codes need for åldersgrupp and each background dimension
/// (DOMAIN §4.5), 2 for ny, 2 for status, and what the catalogues need for avslutsorsak (deltagare) or enkät (indikatorsvar). Within
/// its bits a field's all-ones value means "not given". When many dimensions are grouped, the name ids get
/// what is left: ``nameCapacity`` says how many names a run may then have.
public struct GroupKey: Sendable {
    /// Where a field's bits are: `value << shift`, `width` bits.
    public struct Field: Sendable {
        public private(set) var shift: UInt64 = 0
        public private(set) var width: UInt64 = 0
        /// The all-ones value of the field's width: "not given". 0 for a field not grouped by. Kept, not
        /// computed: it masks every value of every row.
        public private(set) var none: UInt64 = 0

        init() {}

        init(shift: UInt64, width: UInt64) {
            self.shift = shift
            self.width = width
            none = width == 0 ? 0 : (1 << width) - 1
        }

        // Masking shifts (`&<<`, `&>>`): a field's shift is below 64, and the shift that checks for 64 and more
        // cost a compare and a move for every field of every row.
        @inline(__always) func put(_ value: UInt64) -> UInt64 { (value & none) &<< shift }

        @inline(__always) func get(_ key: UInt64) -> UInt64 { key &>> shift & none }

        /// The value, or `nil` when not given (or not grouped by).
        @inline(__always) func value(_ key: UInt64) -> Int? {
            guard width > 0 else { return nil }
            let v = get(key)
            return v == none ? nil : Int(v)
        }
    }

    public private(set) var forbund = Field(), insats = Field(), period = Field(), kon = Field(), aldersgrupp = Field()
    public private(set) var status = Field(), avslutsorsak = Field(), enkat = Field()
    /// Whether the deltagare was enrolled within the period (DOMAIN §3 `ny`): 1 ja, 0 nej.
    public private(set) var ny = Field()
    /// Per grouped dimension, in the order given: its ``DimensionCatalogue/extra`` slot and its bits
    /// (the row's ``DimensionCodes`` byte: 0 none, else code + 1; stored with 0 as "not given").
    public private(set) var dimensions: [(slot: Int, field: Field)] = []

    public static let maximumNameBits: UInt64 = 22

    /// Bits for `count` values (0…`count` − 1) with the all-ones value left for "not given".
    static func bits(for count: Int) -> UInt64 {
        var width: UInt64 = 1
        while (1 << width) - 1 < count { width += 1 }
        return width
    }

    /// The layout for `fields` and `dimensions` (slots) of `kind`. When they need more than 64 bits with
    /// at least 12 bits per name, ``fits`` is `false` and the layout is not to be used.
    public init(_ fields: Set<AggregateField>, dimensions slots: [Int], kind: FileKind, catalogues: Catalogues) {
        var widths: [(WritableKeyPath<GroupKey, Field>, UInt64)] = []
        if fields.contains(.period) { widths.append((\.period, 9)) }
        if fields.contains(.kon) { widths.append((\.kon, 2)) }
        if fields.contains(.aldersgrupp) { widths.append((\.aldersgrupp, Self.bits(for: catalogues.dimensioner.aldersgrupp.codes.count))) }
        switch kind {
        case .deltagare:
            if fields.contains(.ny) { widths.append((\.ny, 2)) }
            if fields.contains(.status) { widths.append((\.status, Self.bits(for: DeltagarStatus.allCases.count))) }
            if fields.contains(.avslutsorsak) { widths.append((\.avslutsorsak, Self.bits(for: catalogues.avslutsorsaker.avslutsorsaker.count))) }
        case .indikatorsvar:
            if fields.contains(.enkat) { widths.append((\.enkat, Self.bits(for: catalogues.indikatorer.enkater.count))) }
        case .aktiviteter, .uppfoljning:
            // The activities' long table groups by all its keys, without packed keys (AggregateTable+Aktiviteter);
            // follow-ups are checked, not grouped.
            break
        }
        var used = widths.reduce(0) { $0 + $1.1 }
        var dimensionWidths: [(Int, UInt64)] = []
        if kind == .deltagare {
            for slot in slots {
                let width = Self.bits(for: catalogues.dimensioner.extra[slot].codes.count)
                dimensionWidths.append((slot, width))
                used += width
            }
        }
        let nameFields = [fields.contains(.forbund) ? \GroupKey.forbund : nil, fields.contains(.insats) ? \GroupKey.insats : nil].compactMap { $0 }
        let left = 64 - Int(used)
        let nameBits = nameFields.isEmpty ? 0 : min(Self.maximumNameBits, UInt64(max(0, left / nameFields.count)))
        fits = left >= 0 && (nameFields.isEmpty || nameBits >= 12)
        guard fits else { return }
        var shift: UInt64 = 0
        // Low to high: dimensions, then the tail, then the head; so names are the key's top bits.
        for (slot, width) in dimensionWidths.reversed() {
            dimensions.insert((slot, Field(shift: shift, width: width)), at: 0)
            shift += width
        }
        for (path, width) in widths.reversed() {
            self[keyPath: path] = Field(shift: shift, width: width)
            shift += width
        }
        for path in nameFields.reversed() {
            self[keyPath: path] = Field(shift: shift, width: nameBits)
            shift += nameBits
        }
        nameCapacity = nameFields.isEmpty ? Int.max : (1 << Int(nameBits)) - 1
    }

    /// Whether the fields fit one key.
    public private(set) var fits = true

    /// How many distinct names (förbund and insatser together) a run may intern before ids would not fit.
    public private(set) var nameCapacity = Int.max

    /// The key of a deltagare row.
    @inline(__always)
    func pack(_ record: DeltagareRecord) -> UInt64 {
        var key = head(forbund: record.forbund, insats: record.insats, period: record.period, kon: record.kon, aldersgrupp: record.aldersgrupp)
        key |= ny.put(record.ny.map { $0 ? 1 : 0 } ?? ~0)
        key |= status.put(UInt64(record.status.rawValue))
        key |= avslutsorsak.put(record.avslutsorsak >= 0 ? UInt64(record.avslutsorsak) : ~0)
        guard !dimensions.isEmpty else { return key }
        for (slot, field) in dimensions {
            let byte = record.dimensions.byte(slot)
            key |= field.put(byte == 0 ? ~0 : byte - 1)
        }
        return key
    }

    /// Where a known line's code of a fixed field goes: the code at ``ColumnLayout/Role/index`` `index` of
    /// ``RecordDecoder``'s known-cell values, less `offset`, into `field`. A code of -1 (an empty cell) is all
    /// ones, which a field's mask makes its "not given": the same bits ``pack(_:)-(DeltagareRecord)`` puts.
    struct CodedField {
        var index: Int
        var offset: UInt64
        var field: Field
    }

    /// The fields of a deltagare key that ``pack(codes:dimensions:)`` reads from the codes.
    var deltagareCodes: [CodedField] {
        // The period's code is year × 3 + half; the key counts half-years from 1990.
        [
            CodedField(index: 0, offset: 0, field: forbund), CodedField(index: 1, offset: 0, field: insats),
            CodedField(index: 2, offset: 1990 * 3, field: period), CodedField(index: 3, offset: 0, field: kon),
            CodedField(index: 4, offset: 0, field: aldersgrupp), CodedField(index: 5, offset: 0, field: ny),
            CodedField(index: 6, offset: 0, field: status), CodedField(index: 7, offset: 0, field: avslutsorsak),
        ].filter { $0.field.width > 0 }
    }

    /// The fields of a survey form's key that ``pack(codes:dimensions:fields:)`` reads from the codes.
    var formCodes: [CodedField] {
        [
            CodedField(index: 0, offset: 0, field: forbund), CodedField(index: 1, offset: 0, field: insats),
            CodedField(index: 2, offset: 1990 * 3, field: period), CodedField(index: 3, offset: 0, field: kon),
            CodedField(index: 4, offset: 0, field: aldersgrupp), CodedField(index: 10, offset: 0, field: enkat),
        ].filter { $0.field.width > 0 }
    }

    /// The key of a row given as the known-cell path's codes (by ``ColumnLayout/Role/index``) and its
    /// dimensions: what ``pack(_:)-(DeltagareRecord)`` or ``pack(_:)-(SurveyForm)`` gives for the record
    /// they make, with no optional to unwrap per field. `fields` is ``deltagareCodes`` or ``formCodes``.
    @inline(__always)
    func pack(codes: UnsafeBufferPointer<Int32>, dimensions rowDimensions: DimensionCodes, fields: UnsafeBufferPointer<CodedField>) -> UInt64 {
        var key: UInt64 = 0
        for coded in fields {
            key |= coded.field.put(UInt64(truncatingIfNeeded: Int64(codes[coded.index])) &- coded.offset)
        }
        guard !dimensions.isEmpty else { return key }
        for (slot, field) in dimensions {
            let byte = rowDimensions.byte(slot)
            key |= field.put(byte == 0 ? ~0 : byte - 1)
        }
        return key
    }

    /// The bits one code puts in the key that ``pack(codes:dimensions:fields:)`` makes: the code at
    /// ``ColumnLayout/Role/index`` `index`, or of the background dimension `dimension` (-1: none), the way
    /// `pack` puts it; 0 for a field the key leaves out. `pack`'s key is the OR of these over the fields.
    func bits(of code: Int32, index: Int, dimension: Int?, fields: [CodedField]) -> UInt64 {
        if let dimension {
            guard let field = dimensions.first(where: { $0.slot == dimension })?.field else { return 0 }
            return field.put(code >= 0 ? UInt64(code) : ~0)
        }
        guard let coded = fields.first(where: { $0.index == index }) else { return 0 }
        return coded.field.put(UInt64(truncatingIfNeeded: Int64(code)) &- coded.offset)
    }

    /// The key of a survey form.
    @inline(__always)
    func pack(_ form: SurveyForm) -> UInt64 {
        head(forbund: form.forbund, insats: form.insats, period: form.period, kon: form.kon, aldersgrupp: form.aldersgrupp)
            | enkat.put(UInt64(form.enkat))
    }

    @inline(__always)
    private func head(forbund f: Int32, insats i: Int32, period p: Period, kon k: Kon?, aldersgrupp a: Aldersgrupp?) -> UInt64 {
        forbund.put(UInt64(f)) | insats.put(UInt64(i)) | period.put(UInt64((p.year - 1990) * 3 + (p.half ?? 0)))
            | kon.put(k.map { UInt64($0.rawValue) } ?? ~0) | aldersgrupp.put(a.map { UInt64($0.rawValue) } ?? ~0)
    }

    /// `key` with its förbund and insats ids mapped by `rename` (another worker's ids to this table's).
    @inline(__always)
    func renamed(_ key: UInt64, _ rename: (Int32) -> Int32) -> UInt64 {
        // The two fields one after the other, not a list of them: a merge renames every group of a table.
        @inline(__always) func renamed(_ key: UInt64, _ field: Field) -> UInt64 {
            guard let id = field.value(key) else { return key }
            return key & ~(field.none &<< field.shift) | field.put(UInt64(rename(Int32(id))))
        }
        return renamed(renamed(key, forbund), insats)
    }

    /// The fields every key starts with.
    public struct Head {
        public var forbund: Int32?, insats: Int32?, period: Period?, kon: Kon?, aldersgrupp: Aldersgrupp?
    }

    public func head(_ key: UInt64) -> Head {
        Head(
            forbund: forbund.value(key).map(Int32.init), insats: insats.value(key).map(Int32.init),
            period: period.value(key).map { Period(year: 1990 + $0 / 3, half: $0 % 3 == 0 ? nil : $0 % 3) },
            kon: kon.value(key).flatMap(Kon.init(rawValue:)), aldersgrupp: aldersgrupp.value(key).map(Aldersgrupp.init(rawValue:)))
    }
}
