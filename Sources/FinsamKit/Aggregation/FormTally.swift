/// The answers of the survey forms counted since the last ``AggregateTable/flush()``, per form group, sixteen
/// questions at a time: a form adds to its group with four vector additions per 16 questions, where question
/// by question it was three additions per answer, each a load and a store.
///
/// A group's questions are laid out in blocks of 16 lanes (``Block``): per question how many answered
/// (on the scale), how many positively, and the sum of their answers. One lane after the questions counts
/// the forms themselves, as a question every form answers with 0 and none positively. Lanes are small
/// (bytes, and 16 bits for the sums), so a block is one 64-byte cache line; a group's lanes are moved into
/// its wide counters (``spill(_:into:at:)``) at the end of the batch in which its forms lane reached
/// ``spillEvery``, before any lane can overflow (``holdsABatchAfterItIsFull(batch:)``).
struct FormTally {
    struct Block {
        var answered = SIMD16<UInt8>()
        var positive = SIMD16<UInt8>()
        /// The sums of the even lanes (0, 2, … 14) and of the odd ones: a lane's answers taken two bytes at a
        /// time are an even lane's in the low byte and an odd one's in the high byte, split by a mask and a
        /// shift (no widening instruction is needed).
        var evenSums = SIMD8<UInt16>()
        var oddSums = SIMD8<UInt16>()

        /// The sum of lane `lane`'s answers.
        func sum(_ lane: Int) -> UInt16 { lane % 2 == 0 ? evenSums[lane / 2] : oddSums[lane / 2] }
    }

    static let lanes = 16
    static let spillEvery: UInt8 = 128

    /// Whether a group's lanes hold what a batch of `batch` forms adds after the group is full: up to
    /// ``spillEvery`` + `batch` − 1 forms, in a byte, and as many answers of at most 127 (an `Int8`) in 16 bits.
    static func holdsABatchAfterItIsFull(batch: Int) -> Bool {
        let most = Int(spillEvery) + batch - 1
        return most <= Int(UInt8.max) && most * Int(Int8.max) <= Int(UInt16.max)
    }
    /// The questions of the catalogue (the forms lane is the next).
    let questions: Int
    /// Blocks per group: the questions and the forms lane, 16 to a block.
    let blocksPerGroup: Int
    /// Per block of lanes, the answer from which an answer counts as positive; 127 where none does (the
    /// forms lane and the unused lanes).
    private let positiveFrom: [SIMD16<Int8>]
    private(set) var blocks: [Block] = []

    init(positiveFrom: [Int8]) {
        questions = positiveFrom.count
        blocksPerGroup = (questions + 1 + Self.lanes - 1) / Self.lanes
        var lanes = [Int8](repeating: .max, count: blocksPerGroup * Self.lanes)
        lanes.replaceSubrange(0..<questions, with: positiveFrom)
        self.positiveFrom = (0..<blocksPerGroup).map { b in SIMD16(lanes[b * Self.lanes..<(b + 1) * Self.lanes]) }
    }

    /// Lanes per form in a batch of answers (``add(_:group:blocksPerGroup:positiveFrom:questions:to:)``): the
    /// questions, the forms lane and padding.
    var lanesPerForm: Int { blocksPerGroup * Self.lanes }

    /// Answers for one form's lanes before its answers are written in: none for every question, 0 for the
    /// forms lane (answered by every form).
    var emptyForm: [Int8] {
        var lanes = [Int8](repeating: Answer.none, count: lanesPerForm)
        lanes[questions] = 0
        return lanes
    }

    /// Adds room for one more group, counting nothing.
    mutating func appendGroup() { blocks.append(contentsOf: repeatElement(Block(), count: blocksPerGroup)) }

    /// Adds the form whose answers are the ``lanesPerForm`` lanes at `answers` (an answer below 0 is none,
    /// vet ej or ej aktuellt, and counts nowhere) to `group`.
    ///
    /// - Returns: the forms the group's lanes now hold (since its last spill): 1 for a group that had none,
    ///   ``spillEvery`` when the group must be spilled (``spill(_:into:at:)``) at the end of the batch.
    /// - Complexity: O(``blocksPerGroup``): four vector additions per block.
    @inline(__always)
    static func add(
        _ answers: UnsafePointer<Int8>, group: Int, blocksPerGroup: Int, positiveFrom: UnsafePointer<SIMD16<Int8>>,
        questions: Int, to blocks: UnsafeMutablePointer<Block>
    ) -> UInt8 {
        let first = group &* blocksPerGroup
        let ones = SIMD16<UInt8>(repeating: 1), lowBytes = SIMD8<UInt16>(repeating: 0xFF)
        for b in 0..<blocksPerGroup {
            // Bitwise only: the SIMD types' generic `replacing(with:where:)` is a loop over the lanes.
            let a = UnsafeRawPointer(answers + b &* lanes).loadUnaligned(as: SIMD16<Int8>.self)
            // (`a .>= 0` compiled to a loop over the lanes; `0 .> a` is one compare.)
            let given = ~unsafeBitCast(SIMD16<Int8>() .> a, to: SIMD16<UInt8>.self)
            let positive = given & unsafeBitCast(a .>= positiveFrom[b], to: SIMD16<UInt8>.self)
            let pairs = unsafeBitCast(unsafeBitCast(a, to: SIMD16<UInt8>.self) & given, to: SIMD8<UInt16>.self)
            blocks[first &+ b].answered &+= given & ones
            blocks[first &+ b].positive &+= positive & ones
            blocks[first &+ b].evenSums &+= pairs & lowBytes
            blocks[first &+ b].oddSums &+= pairs &>> 8
        }
        let formsBlock = first &+ questions / lanes
        return blocks[formsBlock].answered[questions % lanes]
    }

    /// Adds `group`'s lanes to its counters `counters[base...]` (forms, then per question answered, positive
    /// and sum) and empties them.
    ///
    /// - Complexity: O(questions).
    mutating func spill(_ group: Int, into counters: UnsafeMutableBufferPointer<Int>, at base: Int) {
        let first = group * blocksPerGroup
        counters[base] += Int(blocks[first + questions / Self.lanes].answered[questions % Self.lanes])
        for q in 0..<questions {
            let block = blocks[first + q / Self.lanes], lane = q % Self.lanes
            let at = base + 1 + 3 * q
            counters[at] += Int(block.answered[lane])
            counters[at + 1] += Int(block.positive[lane])
            counters[at + 2] += Int(block.sum(lane))
        }
        for b in first..<first + blocksPerGroup { blocks[b] = Block() }
    }

    /// Calls `body` with the pointers ``add(_:group:blocksPerGroup:positiveFrom:questions:to:)`` reads; a
    /// group must have been added (``appendGroup()``), as a table does before it counts a form.
    mutating func withPointers<R>(_ body: (UnsafePointer<SIMD16<Int8>>, UnsafeMutablePointer<Block>) -> R) -> R {
        positiveFrom.withUnsafeBufferPointer { positiveFrom in
            blocks.withUnsafeMutableBufferPointer { blocks in body(positiveFrom.baseAddress!, blocks.baseAddress!) }
        }
    }
}
