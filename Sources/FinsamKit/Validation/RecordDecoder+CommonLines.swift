/// The common line's lane of the known-cell path: a line of deltagare or indikatorsvar whose every coded
/// cell is one its column's memo already holds, read in one pass as the block scanner hands out its
/// delimiters, without first writing the cells' bounds anywhere, and without deciding anything new. A line
/// is read in steps chosen from the layout beforehand (``KnownCells/Step``: a pair of coded cells, a run
/// of answers, one coded cell, antal), not by a switch over each column's role; only a step's last
/// delimiter is checked between steps. Anything else (a cell not seen before, a count of more than one digit, an answer off
/// the question's single digits, a quote or CR, a broken rule) stops the lane before that line, which
/// ``decodeKnownLines`` then reads the careful way (and the full path after it, if need be).
///
/// Two coded columns side by side are looked up as one: the bytes from the first cell's start to the
/// second's end, delimiter and all (`Samordningsförbundet Umeå,Steget vidare 9`, `2023H1,kvinna`,
/// `avslutad,arbete`), in a memo of the pairs seen so far, which gives both codes at once. A file has few
/// distinct pairs of neighbouring codes, and one lookup of two words costs about what one of one word
/// does: the lookups per line are halved. A pair not seen before is looked up cell by cell, and
/// remembered when both cells are known. A coded cell without a neighbour is a group of one, remembered the
/// same way; each group remembered carries what it puts in a sink's packed key and in the line's rules
/// (`RecordDecoder+KeyedLines.swift`). Identical bytes at a line's start outside quotes split at the
/// same delimiter, so a pair's hit vouches for both cells as two hits would.
extension RecordDecoder {
    /// Takes the lines at `start` of `base[0..<count]` for as long as each is a common line (see the
    /// extension's comment), passing each on as ``decodeKnownLines`` would.
    ///
    /// - Returns: the bytes and the lines taken; the first line not taken is left whole.
    /// - Complexity: O(bytes taken): one ``BlockScanner`` pass and a memo lookup per pair of coded cells.
    @inline(never)
    mutating func decodeCommonLines<Sink: RecordSink>(
        _ base: UnsafePointer<UInt8>, count: Int, from start: Int, delimiter: UInt8, plan: LinePlan,
        known: KnownCells.Pointers, baseKey: UInt64, values: UnsafeMutableBufferPointer<Int32>, answers: UnsafeMutableBufferPointer<Int8>,
        into sink: inout Sink, summary: inout FileSummary
    ) -> (bytes: Int, lines: Int) {
        var scanner = BlockScanner(base: base + start, count: count - start, delimiter: delimiter)
        let bytes = scanner.base
        let total = scanner.count
        let steps = known.steps, lastStep = known.stepCount &- 1
        guard lastStep >= 0 else { return (0, 0) }
        // The pointers the steps read, as values of their own: read through `known`, each was two loads.
        let pairMemos = known.pairMemos, memos = known.memos, targets = known.targets, scales = known.scales
        var taken = 0, lines = 0
        /// Puts a coded cell's value where its column's target says.
        @inline(__always) func store(_ value: Int32, _ column: Int, _ line: inout KnownLine) {
            let target = targets[column]
            if target < KnownCells.questionBase {
                values[target] = value
            } else if value >= 0 {
                line.dimensions[target &- KnownCells.dimensionBase] = Int(value)
            }
        }
        // A sink of packed keys gets each line's key and its rules as the OR of its groups' (see
        // `RecordDecoder+KeyedLines.swift`), and the summary's counts once at the end; any other sink gets
        // the codes in `values`, checked and passed on by ``acceptKnownLine``.
        // Known when the lane is compiled for `Sink` (``decodeKnownLines`` keeps a sink of codes that must
        // also note the units off the lane), so that each lane carries only its own work.
        let keyed = Sink.takesCodes
        var tally = KeyedTally()
        /// Takes a known group's share: its key bits and rules, or its codes. (Everything it changes is
        /// passed in: a local function that captured the line's variables made each row check exclusive
        /// access to them at run time.)
        @inline(__always) func take(
            _ group: KnownCells.Group, _ column: Int, single: Bool, _ key: inout UInt64, _ rules: inout UInt64, _ line: inout KnownLine
        ) {
            if keyed {
                key |= group.key
                rules |= group.rules
            } else {
                if !single { store(Int32(truncatingIfNeeded: group.codes >> 32), column &- 1, &line) }
                store(Int32(truncatingIfNeeded: group.codes), column, &line)
            }
        }
        reading: while true {
            var line = KnownLine()
            var key = baseKey, rules: UInt64 = 0
            var cellStart = taken
            // The structure that ended the last cell read: a delimiter between steps, the line's end after the last.
            var at = 0
            var s = 0
            while true {
                let step = steps[s]
                switch step.kind {
                case .pair:
                    // A hit vouches for the delimiter between the two cells: the pair remembered had it there.
                    guard let middle = scanner.next(), let end = scanner.next() else { break reading }
                    at = end
                    let column = step.column &+ 1
                    if let index = pairMemos[column].value(bytes + cellStart, end &- cellStart, readable: total &- cellStart) {
                        take(known.group(index, column: column), column, single: false, &key, &rules, &line)
                    } else {
                        guard bytes[middle] == delimiter,
                            let group = newGroup(
                                bytes, total: total, start: cellStart, middle: middle, end: end, column: column, known: known,
                                kind: plan.kind, keyed: keyed, sink: &sink)
                        else { break reading }
                        take(group, column, single: false, &key, &rules, &line)
                    }
                case .coded:
                    guard let end = scanner.next() else { break reading }
                    at = end
                    if let index = pairMemos[step.column].value(bytes + cellStart, end &- cellStart, readable: total &- cellStart) {
                        take(known.group(index, column: step.column), step.column, single: true, &key, &rules, &line)
                    } else {
                        guard
                            let group = newGroup(
                                bytes, total: total, start: cellStart, middle: nil, end: end, column: step.column, known: known,
                                kind: plan.kind, keyed: keyed, sink: &sink)
                        else { break reading }
                        take(group, step.column, single: true, &key, &rules, &line)
                    }
                case .answers:
                    // Each an empty answer or one digit on the question's scale; anything else is the memo's.
                    var column = step.column
                    let last = column &+ step.count &- 1
                    while true {
                        guard let end = scanner.next() else { break reading }
                        at = end
                        let length = end &- cellStart
                        let q = targets[column] &- KnownCells.questionBase
                        if length == 0 {
                            answers[q] = Answer.none
                        } else if length == 1, case let digit = bytes[cellStart] &- 0x30, digit < 10,
                            scales[column] &>> UInt16(digit) & 1 == 1
                        {
                            answers[q] = Int8(digit)
                            line.answered |= 1 &<< UInt64(truncatingIfNeeded: q)
                        } else {
                            guard let value = memos[column].value(bytes + cellStart, length, readable: total &- cellStart) else {
                                break reading
                            }
                            answers[q] = Int8(truncatingIfNeeded: value)
                            if value != KnownCells.empty { line.answered |= 1 &<< UInt64(truncatingIfNeeded: q) }
                        }
                        guard column < last else { break }
                        guard bytes[end] == delimiter else { break reading }
                        cellStart = end &+ 1
                        column &+= 1
                    }
                case .antal:
                    // One digit, as most counts are.
                    guard let end = scanner.next(), end &- cellStart == 1, case let digit = bytes[cellStart] &- 0x30, digit < 10 else {
                        break reading
                    }
                    at = end
                    line.antal = Int(digit)
                }
                guard s < lastStep else { break }
                guard bytes[at] == delimiter else { break reading }
                cellStart = at &+ 1
                s &+= 1
            }
            // A line ends at its last cell, with an LF or a CR right before one.
            var end = at
            if bytes[at] != 0x0A {
                guard bytes[at] == 0x0D, let lf = scanner.next(), lf == at &+ 1, bytes[lf] == 0x0A else { break reading }
                end = lf
            }
            if keyed {
                guard
                    acceptKeyedLine(
                        key: key, rules: rules, line: line, kind: plan.kind, answers: UnsafeBufferPointer(answers), into: &sink, tally: &tally)
                else { break reading }
            } else {
                guard acceptKnownLine(line, plan: plan, values: values, answers: UnsafeBufferPointer(answers), into: &sink, summary: &summary)
                else { break reading }
            }
            lines &+= 1
            taken = end &+ 1
        }
        if keyed { tally.add(to: &summary) }
        return (taken, lines)
    }
}
