import Connectors
import Flows
import Foundation
import Procurement
import Storage
import Synchronization
import Telemetry
import Testing

/// An ERP that answers from a script and remembers what it was sent.
final class ScriptedERP: ERPConnector {
    let script: Mutex<[DeliveryResult]>
    let received = Mutex<[ERPPosting]>([])
    init(_ script: [DeliveryResult]) { self.script = Mutex(script) }
    func post(_ posting: ERPPosting) -> DeliveryResult {
        received.withLock { $0.append(posting) }
        return script.withLock { $0.isEmpty ? .delivered : $0.removeFirst() }
    }
}

private func makeContext(clock: ManualClock) throws -> FlowContext {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-flows-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let store = try SQLiteStore(configuration: .init(path: dir.appendingPathComponent("hub.db").path))
    return FlowContext(store: store, clock: clock, logger: Logger(label: "test", sink: .discard))
}

private func enqueue(_ context: FlowContext, key: String) throws {
    try context.store.write {
        try $0.enqueue(OutboxMessage(kind: "orderConfirmation", document: "PO-1", revision: 1, idempotencyKey: key, payload: Array("{}".utf8)),
                       now: context.clock.now())
    }
}

@Suite("Dispatcher")
struct DispatcherTests {
    @Test func deliversWithTheIdempotencyKey() throws {
        let clock = ManualClock()
        let context = try makeContext(clock: clock)
        let erp = ScriptedERP([])
        try enqueue(context, key: "k1")
        let dispatcher = Dispatcher(context: context, connector: erp)
        #expect(try dispatcher.dispatchOnce() == 1)
        #expect(erp.received.withLock { $0.map(\.idempotencyKey) } == ["k1"])
        #expect(try context.store.read { try $0.outboxCounts()[.delivered] } == 1)
        #expect(try dispatcher.dispatchOnce() == 0)
    }

    @Test func retriesWithBackoffAndHonoursRetryAfter() throws {
        let clock = ManualClock()
        let context = try makeContext(clock: clock)
        let erp = ScriptedERP([.retryable(reason: "503", after: nil), .retryable(reason: "503", after: 120)])
        try enqueue(context, key: "k1")
        let dispatcher = Dispatcher(context: context, connector: erp, policy: RetryPolicy(baseDelay: 10, maxDelay: 100, maxAttempts: 5))
        #expect(try dispatcher.dispatchOnce() == 1)
        #expect(try dispatcher.dispatchOnce() == 0)  // not due yet: at least 5 s (half of 10)
        clock.advance(by: 10.001)
        #expect(try dispatcher.dispatchOnce() == 1)  // second failure asks for 120 s
        clock.advance(by: 100)
        #expect(try dispatcher.dispatchOnce() == 0)
        clock.advance(by: 20.001)
        #expect(try dispatcher.dispatchOnce() == 1)
        #expect(erp.received.withLock { $0.count } == 3)
        #expect(try context.store.read { try $0.outboxCounts()[.delivered] } == 1)
    }

    @Test func becomesADeadLetterPastTheBudgetAndCanBeReplayed() throws {
        let clock = ManualClock()
        let context = try makeContext(clock: clock)
        let erp = ScriptedERP(Array(repeating: .retryable(reason: "connection refused", after: nil), count: 3))
        try enqueue(context, key: "k1")
        let dispatcher = Dispatcher(context: context, connector: erp, policy: RetryPolicy(baseDelay: 1, maxDelay: 1, maxAttempts: 3))
        for _ in 0..<3 {
            try dispatcher.dispatchOnce()
            clock.advance(by: 1.001)
        }
        let dead = try context.store.read { try $0.outboxJobs(status: .dead, after: nil, limit: 10) }.items
        #expect(dead.count == 1)
        #expect(dead[0].lastError?.contains("gave up after 3 attempts") == true)
        let admin = RequestContext(principal: .system)
        _ = try DeadLetterFlow(context: context).replay(id: dead[0].id, by: admin)
        #expect(try dispatcher.dispatchOnce() == 1)
        #expect(try context.store.read { try $0.outboxCounts() } == [.pending: 0, .delivered: 1, .dead: 0])
    }

    @Test func aPermanentRefusalIsADeadLetterAtOnce() throws {
        let clock = ManualClock()
        let context = try makeContext(clock: clock)
        let erp = ScriptedERP([.rejected(reason: "422 unknown PO")])
        try enqueue(context, key: "k1")
        try Dispatcher(context: context, connector: erp).dispatchOnce()
        #expect(try context.store.read { try $0.outboxCounts()[.dead] } == 1)
    }

    @Test func defaultBudgetOutlastsAnHourLongOutage() {
        #expect(RetryPolicy.default.minimumBudget > 3600)
    }

    @Test(arguments: [(1, 0.0, 0.5), (1, 1.0, 1.0), (3, 0.0, 2.0), (3, 1.0, 4.0), (30, 1.0, 300.0)])
    func backoffGrowsAndIsCapped(attempt: Int, random: Double, expected: Double) {
        #expect(RetryPolicy.default.delay(afterAttempt: attempt, retryAfter: nil, random: random) == expected)
    }

    @Test func classifiesERPAnswers() {
        #expect(RESTERPConnector.classify(status: 200, retryAfter: nil, body: Data()) == .delivered)
        #expect(RESTERPConnector.classify(status: 503, retryAfter: "7", body: Data()) == .retryable(reason: "ERP answered 503: ", after: 7))
        #expect(RESTERPConnector.classify(status: 429, retryAfter: nil, body: Data()) == .retryable(reason: "ERP answered 429: ", after: nil))
        #expect(RESTERPConnector.classify(status: 400, retryAfter: nil, body: Data("bad".utf8)) == .rejected(reason: "ERP refused the posting with 400: bad"))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RESTERPConnector.parseRetryAfter("Fri, 15 Jan 2027 08:00:00 GMT", now: now) != nil)
        #expect(RESTERPConnector.parseRetryAfter("soon", now: now) == nil)
    }

    /// The hub stopped (or crashed) after claiming a message and before recording its outcome:
    /// when it starts again the message goes out at once, not when the old lease runs out.
    @Test func aDeliveryInterruptedByAStopResumesAtTheNextStart() throws {
        let clock = ManualClock()
        let context = try makeContext(clock: clock)
        try enqueue(context, key: "k1")
        let claimed = try context.store.write {
            try $0.claimDueJobs(now: clock.now(), leaseUntil: clock.now().addingTimeInterval(30), limit: 10)
        }
        #expect(claimed.count == 1)
        let erp = ScriptedERP([])
        let dispatcher = Dispatcher(context: context, connector: erp)
        #expect(try dispatcher.dispatchOnce() == 0)  // still leased by the run that stopped
        dispatcher.resumeInterruptedDeliveries()
        #expect(try dispatcher.dispatchOnce() == 1)
        #expect(erp.received.withLock { $0.map(\.idempotencyKey) } == ["k1"])
        #expect(try context.store.read { try $0.outboxCounts()[.delivered] } == 1)
        // Delivered and dead messages are not touched.
        dispatcher.resumeInterruptedDeliveries()
        #expect(try dispatcher.dispatchOnce() == 0)
    }
}
