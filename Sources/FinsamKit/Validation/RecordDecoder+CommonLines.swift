/// The common line's lane of the known-cell path: a line of deltagare or indikatorsvar whose every coded
/// cell is one its column's memo already holds, read in one pass as the block scanner hands out its
/// delimiters, without first writing the cells' bounds anywhere, and without deciding anything new. Each
/// column's work is one small code chosen from the layout beforehand (``KnownCells/Lane``), not a switch
/// over its role. Anything else (a cell not seen before, a count of more than one digit, an answer off
/// the question's single digits, a quote or CR, a broken rule) stops the lane before that line, which
/// ``decodeKnownLines`` then reads the careful way (and the full path after it, if need be).
extension RecordDecoder {
    /// Takes the lines at `start` of `base[0..<count]` for as long as each is a common line (see the
    /// extension's comment), passing each on as ``decodeKnownLines`` would.
    ///
    /// - Returns: the bytes and the lines taken; the first line not taken is left whole.
    /// - Complexity: O(bytes taken): one ``BlockScanner`` pass and one memo lookup per coded cell.
    @inline(__always)
    mutating func decodeCommonLines<Sink: RecordSink>(
        _ base: UnsafePointer<UInt8>, count: Int, from start: Int, cells: Int, delimiter: UInt8, plan: LinePlan,
        lanes: UnsafeMutablePointer<KnownCells.Lane>, memos: UnsafeMutablePointer<CellMemo>, targets: UnsafeMutablePointer<Int>,
        scales: UnsafeMutablePointer<UInt16>, values: UnsafeMutableBufferPointer<Int32>, answers: UnsafeMutableBufferPointer<Int8>,
        into sink: inout Sink, summary: inout FileSummary
    ) -> (bytes: Int, lines: Int) {
        var scanner = BlockScanner(base: base + start, count: count - start, delimiter: delimiter)
        let bytes = scanner.base
        let total = scanner.count
        var taken = 0, lines = 0
        var cellStart = 0, column = 0
        var line = KnownLine()
        while let at = scanner.next() {
            let cell = UnsafeBufferPointer(start: bytes + cellStart, count: at &- cellStart)
            let lane = lanes[column]
            if lane == .coded {
                guard let value = memos[column].value(cell.baseAddress!, cell.count, readable: total &- cellStart) else { break }
                let target = targets[column]
                if target < KnownCells.questionBase {
                    values[target] = value
                } else if target < KnownCells.dimensionBase {
                    answers[target &- KnownCells.questionBase] = Int8(truncatingIfNeeded: value)
                    line.answered = line.answered || value != KnownCells.empty
                } else if value >= 0 {
                    line.dimensions[target &- KnownCells.dimensionBase] = Int(value)
                }
            } else if lane == .answer {
                // An empty answer or one digit on the question's scale; anything else is the memo's.
                let q = targets[column] &- KnownCells.questionBase
                if cell.isEmpty {
                    answers[q] = Answer.none
                } else if cell.count == 1, case let digit = cell[0] &- 0x30, digit < 10, scales[column] &>> UInt16(digit) & 1 == 1 {
                    answers[q] = Int8(digit)
                    line.answered = true
                } else {
                    guard let value = memos[column].value(cell.baseAddress!, cell.count, readable: total &- cellStart) else { break }
                    answers[q] = Int8(truncatingIfNeeded: value)
                    line.answered = line.answered || value != KnownCells.empty
                }
            } else {
                // `.antal`: one digit, as most counts are.
                guard cell.count == 1, cell[0] &- 0x30 < 10 else { break }
                line.antal = Int(cell[0] &- 0x30)
            }
            if bytes[at] == delimiter {
                column &+= 1
                guard column < cells else { break }
                cellStart = at &+ 1
                continue
            }
            // A line ends at its last cell, with an LF or a CR right before one.
            guard column == cells &- 1 else { break }
            var end = at
            if bytes[at] == 0x0D {
                guard let lf = scanner.next(), lf == at &+ 1, bytes[lf] == 0x0A else { break }
                end = lf
            }
            guard acceptKnownLine(line, plan: plan, values: values, answers: UnsafeBufferPointer(answers), into: &sink, summary: &summary)
            else { break }
            lines &+= 1
            taken = end &+ 1
            cellStart = taken
            column = 0
            line = KnownLine()
        }
        return (taken, lines)
    }
}
