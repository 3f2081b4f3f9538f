import Foundation
import Testing
@testable import Interchange

/// Damaged input never crashes the readers: every mutation still yields a report.
struct RobustnessTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33 | (state << 31)
        }
    }

    static let files = ["x12/node-x12__850.edi", "x12/EdiEngine__850.SyntaxNotes.ERR.edi",
                        "edifact/EDIFACT.NET__Edifact_INVOIC_D00A_MultipleGroups.txt", "edifact/pydifact__order.edi"]

    @Test("random byte changes, insertions and deletions", arguments: files)
    func mutations(_ name: String) throws {
        let original = try SampleVerdictTests.load(name)
        var random = Generator(state: UInt64(name.utf8.count))
        let alphabet = Array("*~>^+:'?\n\r UNAISAGSTEZ0123456789".utf8) + [0x00, 0xFF, 0xEF]
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[position] = alphabet.randomElement(using: &random)!
                case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            let report = checkInterchange(bytes)
            #expect(report.verdict != .accepted || report.errors.isEmpty)
            _ = acknowledge(bytes, options: AcknowledgmentOptions(date: "20240101", time: "0000"), numbers: SequentialControlNumbers())
        }
    }

    @Test("every truncation of a file is handled", arguments: files)
    func truncations(_ name: String) throws {
        let original = try SampleVerdictTests.load(name)
        for length in stride(from: 0, to: original.count, by: 7) {
            let report = checkInterchange(Array(original.prefix(length)))
            #expect(report.verdict == .rejected || length > original.count - 3)
        }
    }
}
