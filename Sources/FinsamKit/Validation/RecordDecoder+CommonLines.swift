/// The common line's lane of the known-cell path: a line of deltagare or indikatorsvar whose every coded
/// cell is one its column's memo already holds, read in one pass as the block scanner hands out its
/// delimiters, without first writing the cells' bounds anywhere, and without deciding anything new. Each
/// column's work is one small code chosen from the layout beforehand (``KnownCells/Lane``), not a switch
/// over its role. Anything else (a cell not seen before, a count of more than one digit, an answer off
/// the question's single digits, a quote or CR, a broken rule) stops the lane before that line, which
/// ``decodeKnownLines`` then reads the careful way (and the full path after it, if need be).
///
/// Two coded columns side by side are looked up as one: the bytes from the first cell's start to the
/// second's end, delimiter and all (`Samordningsförbundet Umeå,Steget vidare 9`, `2023H1,kvinna`,
/// `avslutad,arbete`), in a memo of the pairs seen so far, which gives both codes at once. A file has few
/// distinct pairs of neighbouring codes, and one lookup of two words costs about what one of one word
/// does: the lookups per line are halved. A pair not seen before is looked up cell by cell, and
/// remembered when both cells are known. Identical bytes at a line's start outside quotes split at the
/// same delimiter, so a pair's hit vouches for both cells as two hits would.
extension RecordDecoder {
    /// Takes the lines at `start` of `base[0..<count]` for as long as each is a common line (see the
    /// extension's comment), passing each on as ``decodeKnownLines`` would.
    ///
    /// - Returns: the bytes and the lines taken; the first line not taken is left whole.
    /// - Complexity: O(bytes taken): one ``BlockScanner`` pass and a memo lookup per pair of coded cells.
    @inline(__always)
    mutating func decodeCommonLines<Sink: RecordSink>(
        _ base: UnsafePointer<UInt8>, count: Int, from start: Int, cells: Int, delimiter: UInt8, plan: LinePlan,
        known: KnownCells.Pointers, values: UnsafeMutableBufferPointer<Int32>, answers: UnsafeMutableBufferPointer<Int8>,
        into sink: inout Sink, summary: inout FileSummary
    ) -> (bytes: Int, lines: Int) {
        var scanner = BlockScanner(base: base + start, count: count - start, delimiter: delimiter)
        let bytes = scanner.base
        let total = scanner.count
        var taken = 0, lines = 0
        var cellStart = 0, column = 0
        // The first cell of a pair: where it starts and ends.
        var pairStart = 0, pairEnd = 0
        var line = KnownLine()
        /// Puts a coded cell's value where its column's target says.
        @inline(__always) func store(_ value: Int32, _ column: Int, _ line: inout KnownLine) {
            let target = known.targets[column]
            if target < KnownCells.questionBase {
                values[target] = value
            } else if value >= 0 {
                line.dimensions[target &- KnownCells.dimensionBase] = Int(value)
            }
        }
        reading: while let at = scanner.next() {
            let cell = UnsafeBufferPointer(start: bytes + cellStart, count: at &- cellStart)
            switch known.lanes[column] {
            case .coded:
                guard let value = known.memos[column].value(cell.baseAddress!, cell.count, readable: total &- cellStart) else { break reading }
                store(value, column, &line)
            case .pairFirst:
                pairStart = cellStart
                pairEnd = at
            case .pairSecond:
                let first = column &- 1
                if let pair = known.pairMemos[column].value(bytes + pairStart, at &- pairStart, readable: total &- pairStart) {
                    let both = known.pairValues[column &* CellMemo.maximumEntries &+ Int(pair)]
                    store(Int32(truncatingIfNeeded: both >> 32), first, &line)
                    store(Int32(truncatingIfNeeded: both), column, &line)
                } else {
                    guard let a = known.memos[first].value(bytes + pairStart, pairEnd &- pairStart, readable: total &- pairStart),
                        let b = known.memos[column].value(cell.baseAddress!, cell.count, readable: total &- cellStart)
                    else { break reading }
                    store(a, first, &line)
                    store(b, column, &line)
                    known.rememberPair(bytes + pairStart, at &- pairStart, column: column, a, b)
                }
            case .answer:
                // An empty answer or one digit on the question's scale; anything else is the memo's.
                let q = known.targets[column] &- KnownCells.questionBase
                if cell.isEmpty {
                    answers[q] = Answer.none
                } else if cell.count == 1, case let digit = cell[0] &- 0x30, digit < 10, known.scales[column] &>> UInt16(digit) & 1 == 1 {
                    answers[q] = Int8(digit)
                    line.answered = true
                } else {
                    guard let value = known.memos[column].value(cell.baseAddress!, cell.count, readable: total &- cellStart) else { break reading }
                    answers[q] = Int8(truncatingIfNeeded: value)
                    line.answered = line.answered || value != KnownCells.empty
                }
            case .antal:
                // One digit, as most counts are.
                guard cell.count == 1, cell[0] &- 0x30 < 10 else { break reading }
                line.antal = Int(cell[0] &- 0x30)
            }
            if bytes[at] == delimiter {
                column &+= 1
                guard column < cells else { break reading }
                cellStart = at &+ 1
                continue
            }
            // A line ends at its last cell, with an LF or a CR right before one.
            guard column == cells &- 1 else { break reading }
            var end = at
            if bytes[at] == 0x0D {
                guard let lf = scanner.next(), lf == at &+ 1, bytes[lf] == 0x0A else { break reading }
                end = lf
            }
            guard acceptKnownLine(line, plan: plan, values: values, answers: UnsafeBufferPointer(answers), into: &sink, summary: &summary)
            else { break reading }
            lines &+= 1
            taken = end &+ 1
            cellStart = taken
            column = 0
            line = KnownLine()
        }
        return (taken, lines)
    }
}
