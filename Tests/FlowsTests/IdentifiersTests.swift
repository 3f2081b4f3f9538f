@testable import Flows
import Foundation
import Synchronization
import Testing

@Suite("Identifiers")
struct IdentifiersTests {
    /// Ids keep their readable prefix, are all different, and one made later sorts after one
    /// made earlier: the id index of a busy table grows at its end.
    @Test func uniqueAndOrderedByCreationTime() {
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        var ids: [String] = []
        for i in 0..<2_000 {
            ids.append(Identifiers.make("ack", now: start.addingTimeInterval(Double(i) * 0.001)))
        }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("ack_") && $0.count == 4 + 8 + 12 })
        for (earlier, later) in zip(ids, ids.dropFirst()) {
            #expect(earlier.prefix(12) < later.prefix(12))
        }
    }

    /// Ids made in the same millisecond differ in their random part, on one thread or many,
    /// and across the refills of each thread's buffer of random bytes.
    @Test func idsOfTheSameInstantOnManyThreadsDiffer() {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let perThread = 1_500 // 13,500 random bytes each: the 4 KiB buffer is refilled three times
        let made = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let mine = (0..<perThread).map { _ in Identifiers.make("evt", now: now) }
            made.withLock { $0 += mine }
        }
        let ids = made.withLock { $0 }
        #expect(ids.count == 8 * perThread)
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids.map { $0.dropFirst(12) }).count == ids.count)
    }

    @Test func timeDigitsSortAsTheTimeDoes() {
        let times: [Double] = [0, 0.001, 0.061, 0.062, 1, 3_843, 1_796_000_000, 1_796_000_000.001, 4_102_444_800]
        let texts = times.map { Identifiers.sortableTime(Date(timeIntervalSince1970: $0)) }
        #expect(texts.allSatisfy { $0.count == 8 })
        #expect(texts == texts.sorted())
        #expect(Set(texts).count == texts.count)
        #expect(Identifiers.sortableTime(Date(timeIntervalSince1970: 0)) == "00000000")
        #expect(Identifiers.sortableTime(Date(timeIntervalSince1970: 0.061)) == "0000000z")
        #expect(Identifiers.sortableTime(Date(timeIntervalSince1970: 0.062)) == "00000010")
    }
}
