import FinsamTestSupport
import Testing

@testable import FinsamKit

/// The survey forms' lanes (``FormTally``): small lanes emptied into wide counters before they overflow,
/// sixteen questions to a block.
@Suite struct FormTallyTests {
    /// Counts forms through the tally as ``AggregateTable`` does (spilling a group when it is full) and
    /// returns each group's counters: forms, then per question answered, positive and sum.
    func tally(positiveFrom: [Int8], forms: [(group: Int, answers: [Int8])], groups: Int) -> [[Int]] {
        var tally = FormTally(positiveFrom: positiveFrom)
        let stride = 1 + 3 * positiveFrom.count
        for _ in 0..<groups { tally.appendGroup() }
        var counters = [Int](repeating: 0, count: groups * stride)
        var lanes = tally.emptyForm
        let (blocksPerGroup, questions) = (tally.blocksPerGroup, tally.questions)
        for form in forms {
            lanes.replaceSubrange(0..<positiveFrom.count, with: form.answers)
            let forms = lanes.withUnsafeBufferPointer { answers in
                tally.withPointers { positiveFrom, blocks in
                    FormTally.add(
                        answers.baseAddress!, group: form.group, blocksPerGroup: blocksPerGroup, positiveFrom: positiveFrom,
                        questions: questions, to: blocks)
                }
            }
            if forms == FormTally.spillEvery {
                counters.withUnsafeMutableBufferPointer { tally.spill(form.group, into: $0, at: form.group * stride) }
            }
        }
        counters.withUnsafeMutableBufferPointer { c in
            for g in 0..<groups { tally.spill(g, into: c, at: g * stride) }
        }
        return (0..<groups).map { Array(counters[$0 * stride..<($0 + 1) * stride]) }
    }

    /// The same counts, question by question, as the table counted them before the lanes.
    func byHand(positiveFrom: [Int8], forms: [(group: Int, answers: [Int8])], groups: Int) -> [[Int]] {
        var counters = [[Int]](repeating: [Int](repeating: 0, count: 1 + 3 * positiveFrom.count), count: groups)
        for form in forms {
            counters[form.group][0] += 1
            for (q, answer) in form.answers.enumerated() where answer >= 0 {
                counters[form.group][1 + 3 * q] += 1
                counters[form.group][2 + 3 * q] += answer >= positiveFrom[q] ? 1 : 0
                counters[form.group][3 + 3 * q] += Int(answer)
            }
        }
        return counters
    }

    /// Groups of 1 000 and of 300 forms (several spills each, and one met again right after its spill),
    /// answers on the scale, none, vet ej and ej aktuellt: the same counts as question by question.
    @Test func aGroupOfManyFormsIsCountedAsQuestionByQuestion() {
        let positiveFrom: [Int8] = [3, 3, 1, 3, 3, 3, 3, 1, 3]
        var generator = SeededGenerator(seed: 17)
        let choices: [Int8] = [1, 2, 3, 4, Answer.none, Answer.vetEj, Answer.ejAktuellt, 0]
        let forms = (0..<1300).map { i in
            (group: i % 13 < 10 ? 0 : 1, answers: positiveFrom.map { _ in choices[Int(generator.next() % UInt64(choices.count))] })
        }
        #expect(forms.filter { $0.group == 0 }.count == 1000)
        let counted = tally(positiveFrom: positiveFrom, forms: forms, groups: 2)
        #expect(counted == byHand(positiveFrom: positiveFrom, forms: forms, groups: 2))
        #expect(counted[0][0] == 1000 && counted[1][0] == 300)
    }

    /// A table spills a full group at the end of its batch: the lanes must hold the rest of that batch.
    @Test func aGroupsLanesHoldTheRestOfTheBatchInWhichItFilled() {
        #expect(FormTally.holdsABatchAfterItIsFull(batch: AggregateTable.batch))
        // 128 + 128 − 1 forms do not fit a byte; 128 + 32 − 1 answers of 127 fit 16 bits, 128 + 500 − 1 do not.
        #expect(!FormTally.holdsABatchAfterItIsFull(batch: 129))
        #expect(!FormTally.holdsABatchAfterItIsFull(batch: 500))
    }

    /// More than 16 questions take a second block (the forms lane after the twentieth question), and 128
    /// forms of answers of 127 each (the most an answer can be) fill a sum lane without overflowing it.
    @Test func twentyQuestionsAndTheLargestAnswersFitTheirLanes() {
        let positiveFrom = [Int8](repeating: 100, count: 20)
        let forms = (0..<(3 * 128 + 5)).map { i in
            (group: 0, answers: (0..<20).map { q in q == 19 || i % 2 == 0 ? Int8.max : Int8(q) })
        }
        let counted = tally(positiveFrom: positiveFrom, forms: forms, groups: 1)
        #expect(counted == byHand(positiveFrom: positiveFrom, forms: forms, groups: 1))
        // Question 20: every form answered 127, positive from 100.
        #expect(counted[0][0] == 389)
        #expect(Array(counted[0][1 + 3 * 19...3 + 3 * 19]) == [389, 389, 389 * 127])
        #expect(FormTally(positiveFrom: positiveFrom).blocksPerGroup == 2)
        #expect(FormTally(positiveFrom: [Int8](repeating: 3, count: 15)).blocksPerGroup == 1)
        #expect(FormTally(positiveFrom: [Int8](repeating: 3, count: 16)).blocksPerGroup == 2)
    }
}
