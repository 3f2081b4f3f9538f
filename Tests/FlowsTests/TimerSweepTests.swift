import Flows
import Foundation
import Procurement
import Storage
import Telemetry
import Testing

/// A store, the flows the timers watch, and a clock that moves only when told. The clock
/// starts at 2027-01-15T08:00:00Z.
private struct Fixture {
    let clock = ManualClock()
    let context: FlowContext
    let sweep: TimerSweep
    static let erp = RequestContext(principal: Principal(clientID: "erp", name: "ERP", role: .erp, supplierID: nil))
    static let buyer = RequestContext(principal: Principal(clientID: "buyer", name: "Buyer", role: .buyer, supplierID: nil))
    static let supplier = RequestContext(principal: Principal(clientID: "acme", name: "Acme", role: .supplier, supplierID: "S-1"))

    init(policy: TimerPolicy = TimerPolicy()) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-timers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(configuration: .init(path: dir.appendingPathComponent("hub.db").path))
        context = FlowContext(store: store, clock: clock, logger: Logger(label: "test", sink: .discard))
        sweep = TimerSweep(context: context, policy: policy)
        try SupplierFlow(context: context).save(Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 3, quantityPercent: 0, pricePercent: 0)),
                                                by: Self.erp)
        // The receipt the nonconformances below are raised against.
        let received = Self.d("2027-01-15")
        try store.write {
            try $0.insertGoodsReceipt(GoodsReceiptRecord(id: "gr_1", supplier: "S-1", number: nil, receivedDate: received, shipNotice: nil,
                                                         lines: [ReceiptLineRecord(purchaseOrder: "PO-1", line: 1, received: 10, rejected: 0, lot: nil,
                                                                                   shipNoticeLine: nil, shippedQuantity: nil, dueDate: received)],
                                                         clientID: "erp", createdAt: clock.now()))
        }
    }

    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    func release(_ number: String = "PO-1", revision: Int = 1, schedule: [(String, Decimal)] = [("2027-01-20", 60), ("2027-01-25", 40)]) throws {
        let lines = [OrderLine(line: 1, item: "MAT-1", description: "Profile", quantity: schedule.reduce(0) { $0 + $1.1 }, unit: "M", unitPrice: 2,
                               needBy: Self.d(schedule.last!.0), schedule: schedule.map { ScheduleLine(quantity: $0.1, date: Self.d($0.0)) })]
        _ = try PurchaseOrderFlow(context: context).release(PurchaseOrder(number: number, revision: revision, supplier: "S-1", plant: "P01",
                                                                          currency: "USD", lines: lines), by: Self.erp)
    }

    @discardableResult
    func acknowledge(_ number: String = "PO-1", revision: Int = 1, line: LineResponse = LineResponse(line: 1, status: .accepted)) throws -> Decision {
        try AcknowledgementFlow(context: context).acknowledge(number: number, response: OrderResponse(revision: revision, lines: [line]),
                                                              idempotencyKey: UUID().uuidString, by: Self.supplier).record.decision
    }

    func exceptions(_ kind: String) throws -> [ExceptionRecord] {
        try context.store.read { try $0.exceptions(ExceptionFilter(kind: kind), after: nil, limit: 100).items }
    }

    func events(_ type: String) throws -> [EventRecord] {
        try context.store.read { try $0.events(after: 0, limit: 1000, scope: .all) }.filter { $0.type == "com.supplyline." + type }
    }

    func advance(hours: Double) { clock.advance(by: hours * 3600) }
}

@Suite("Timer sweep")
struct TimerSweepTests {
    @Test func anUnacknowledgedOrderIsOverdueOncePerRevision() throws {
        let f = try Fixture()
        try f.release()
        f.advance(hours: 47.9)
        #expect(try f.sweep.sweep().acknowledgementsOverdue == 0)
        f.advance(hours: 0.1)
        #expect(try f.sweep.sweep().acknowledgementsOverdue == 1)
        #expect(try f.sweep.sweep().acknowledgementsOverdue == 0)
        f.advance(hours: 100)
        #expect(try f.sweep.sweep().acknowledgementsOverdue == 0)
        let raised = try f.exceptions("acknowledgementOverdue")
        #expect(raised.count == 1)
        #expect(raised.first?.dedupeKey == "ackOverdue:PO-1:1")
        #expect(raised.first?.status == .open)
        #expect(raised.first?.revision == 1)
        #expect(raised.first?.reasons.first?.code == "acknowledgementOverdue")
        let events = try f.events("timer.acknowledgementOverdue")
        #expect(events.count == 1)
        #expect(events.first?.supplier == "S-1")
        #expect(events.first?.data.contains(#""revision":1"#) == true)
        #expect(try f.events("exception.opened").count == 1)

        // A new revision makes it moot; the new revision gets its own, once.
        try f.release(revision: 2, schedule: [("2027-01-22", 60), ("2027-01-25", 40)])
        #expect(try f.exceptions("acknowledgementOverdue").first?.status == .superseded)
        f.advance(hours: 48)
        #expect(try f.sweep.sweep().acknowledgementsOverdue == 1)
        #expect(try f.sweep.sweep().acknowledgementsOverdue == 0)
        #expect(try f.exceptions("acknowledgementOverdue").map(\.dedupeKey) == ["ackOverdue:PO-1:1", "ackOverdue:PO-1:2"])
        #expect(try f.events("timer.acknowledgementOverdue").count == 2)
    }

    @Test func theSuppliersAnswerClosesTheOverdueException() throws {
        let f = try Fixture()
        try f.release()
        f.advance(hours: 49)
        try f.sweep.sweep()
        try f.acknowledge()
        let closed = try #require(try f.exceptions("acknowledgementOverdue").first)
        #expect(closed.status == .superseded)
        #expect(closed.note == "The supplier acknowledged revision 1.")
        #expect(try f.events("exception.superseded").count == 1)
        f.advance(hours: 100)
        #expect(try f.sweep.sweep().acknowledgementsOverdue == 0)
    }

    @Test func anOrderAnsweredInTimeIsNeverOverdue() throws {
        let f = try Fixture()
        try f.release()
        f.advance(hours: 2)
        try f.acknowledge()
        f.advance(hours: 200)
        #expect(try f.sweep.sweep().acknowledgementsOverdue == 0)
        #expect(try f.exceptions("acknowledgementOverdue").isEmpty)
    }

    @Test func aConfirmedDeliveryWithoutShipNoticesIsLateOnceInsideTheWindow() throws {
        let f = try Fixture()
        try f.release()
        #expect(try f.acknowledge() == .confirmed)
        #expect(try f.sweep.sweep().shipNoticesLate == 0)      // 01-15: 01-20 is five days away
        f.advance(hours: 24 * 2)                                // 01-17: still three days away
        #expect(try f.sweep.sweep().shipNoticesLate == 0)
        f.advance(hours: 24)                                    // 01-18: two days away
        #expect(try f.sweep.sweep().shipNoticesLate == 1)
        #expect(try f.sweep.sweep().shipNoticesLate == 0)
        let raised = try f.exceptions("shipNoticeLate")
        #expect(raised.map(\.dedupeKey) == ["shipNoticeLate:PO-1:1:2027-01-20"])
        #expect(raised.first?.links["line"] == "1")
        let events = try f.events("timer.shipNoticeLate")
        #expect(events.count == 1)
        #expect(events.first?.data.contains(#""dueQuantity":"60""#) == true)
        #expect(events.first?.data.contains(#""shipped":"0""#) == true)
    }

    @Test func shippedQuantitiesCumulateAgainstConfirmedDates() throws {
        let f = try Fixture()
        try f.release()
        // The supplier confirms the first delivery two days later (within its tolerance).
        let answer = LineResponse(line: 1, status: .changed, schedule: [ScheduleLine(quantity: 60, date: Fixture.d("2027-01-22")),
                                                                        ScheduleLine(quantity: 40, date: Fixture.d("2027-01-25"))])
        #expect(try f.acknowledge(line: answer) == .confirmed)
        f.advance(hours: 24 * 3)                                // 01-18: the ordered date is near, the confirmed one is not
        #expect(try f.sweep.sweep().shipNoticesLate == 0)
        try f.context.store.write { try $0.addLineProgress(purchaseOrder: "PO-1", line: 1, LineProgress(shipped: 60)) }
        f.advance(hours: 24 * 2)                                // 01-20: 60 due by 01-22, 60 shipped
        #expect(try f.sweep.sweep().shipNoticesLate == 0)
        f.advance(hours: 24 * 3)                                // 01-23: 100 due by 01-25, 60 shipped
        #expect(try f.sweep.sweep().shipNoticesLate == 1)
        #expect(try f.exceptions("shipNoticeLate").map(\.dedupeKey) == ["shipNoticeLate:PO-1:1:2027-01-25"])
        try f.context.store.write { try $0.addLineProgress(purchaseOrder: "PO-1", line: 1, LineProgress(shipped: 40)) }
        f.advance(hours: 24 * 10)
        #expect(try f.sweep.sweep().shipNoticesLate == 0)
        #expect(try f.events("timer.shipNoticeLate").count == 1)
    }

    @Test func aRejectedLineOrAnUnconfirmedOrderIsNotWatched() throws {
        let f = try Fixture()
        try f.release()
        f.advance(hours: 24 * 10)
        #expect(try f.sweep.sweep().shipNoticesLate == 0, "not confirmed: nothing to ship yet")
        try f.release("PO-2", schedule: [("2027-01-26", 5)])
        #expect(try f.acknowledge("PO-2", line: LineResponse(line: 1, status: .rejected, reason: "Discontinued")) != .confirmed)
        f.advance(hours: 24 * 5)
        #expect(try f.sweep.sweep().shipNoticesLate == 0)
    }

    @Test func deliveriesAlreadyCoveredDoNotHideALateOneBehindThem() throws {
        // Two deliveries covered by ship notices fill a whole batch of the sweep; the
        // uncovered delivery due after them is still raised in the same sweep.
        let f = try Fixture(policy: TimerPolicy(batch: 2))
        for number in ["PO-1", "PO-2"] {
            try f.release(number, schedule: [("2027-01-16", 10)])
            #expect(try f.acknowledge(number) == .confirmed)
            try f.context.store.write { try $0.addLineProgress(purchaseOrder: number, line: 1, LineProgress(shipped: 10)) }
        }
        try f.release("PO-3", schedule: [("2027-01-17", 10)])
        #expect(try f.acknowledge("PO-3") == .confirmed)
        #expect(try f.sweep.sweep().shipNoticesLate == 1)       // 01-15: all three due within two days
        #expect(try f.exceptions("shipNoticeLate").map(\.dedupeKey) == ["shipNoticeLate:PO-3:1:2027-01-17"])
        #expect(try f.sweep.sweep().shipNoticesLate == 0)
    }

    @Test func aNonconformanceStepIsOverdueOnceTheDayAfterItsDueDate() throws {
        let f = try Fixture()
        let flow = NonconformanceFlow(context: f.context)
        let due = NonconformanceDueDates(containment: Fixture.d("2027-01-16"), rootCause: Fixture.d("2027-01-20"),
                                         correctiveAction: Fixture.d("2027-02-10"))
        let raised = try flow.raise(NewNonconformance(supplier: "S-1", goodsReceipt: "gr_1", description: "Burrs", severity: .major, due: due),
                                    idempotencyKey: "k", by: Fixture.buyer)
        let id = raised.record.nonconformance.id
        f.advance(hours: 24)                                    // 01-16: due today
        #expect(try f.sweep.sweep().stepsOverdue == 0)
        f.advance(hours: 24)                                    // 01-17
        #expect(try f.sweep.sweep().stepsOverdue == 1)
        #expect(try f.sweep.sweep().stepsOverdue == 0)
        _ = try flow.answer(id: id, step: .containment, text: "Sorted.", idempotencyKey: "a", by: Fixture.supplier)
        f.advance(hours: 24 * 4)                                // 01-21: root cause owed and late
        #expect(try f.sweep.sweep().stepsOverdue == 1)
        #expect(try f.sweep.sweep().stepsOverdue == 0)
        let exceptions = try f.exceptions("nonconformanceStepOverdue")
        #expect(exceptions.map(\.dedupeKey) == ["ncrOverdue:\(id):containment", "ncrOverdue:\(id):rootCause"])
        #expect(exceptions.first?.links["nonconformance"] == id)
        #expect(exceptions.first?.links["goodsReceipt"] == "gr_1")
        // The containment answer closed its overdue exception; the root cause one stays open.
        #expect(exceptions.map(\.status) == [.superseded, .open])
        #expect(exceptions.first?.note == "The supplier answered the step.")
        let events = try f.events("ncr.overdue")
        #expect(events.count == 2)
        #expect(events.first?.subject == id)
        #expect(events.first?.data.contains(#""step":"containment""#) == true)
        let history = try f.context.store.read { try $0.nonconformanceHistory(id: id) }
        #expect(history.filter { $0.action == "overdue" }.map(\.step) == [.containment, .rootCause])
        #expect(history.first { $0.action == "overdue" }?.actor == "system")
        let audit = try f.context.store.read { try $0.auditEntries(objectType: "nonconformance", objectID: id, after: nil, limit: 20).items }
        #expect(audit.map(\.action) == ["nonconformance.raised", "nonconformance.overdue", "nonconformance.answered", "nonconformance.overdue"])
    }

    @Test func anAnsweredStepIsNotOverdue() throws {
        let f = try Fixture()
        let flow = NonconformanceFlow(context: f.context)
        let due = NonconformanceDueDates(containment: Fixture.d("2027-01-16"), rootCause: Fixture.d("2027-01-20"),
                                         correctiveAction: Fixture.d("2027-02-10"))
        let id = try flow.raise(NewNonconformance(supplier: "S-1", goodsReceipt: "gr_1", description: "Burrs", severity: .minor, due: due),
                                idempotencyKey: "k", by: Fixture.buyer).record.nonconformance.id
        _ = try flow.answer(id: id, step: .containment, text: "Sorted.", idempotencyKey: "a", by: Fixture.supplier)
        f.advance(hours: 24 * 3)                                // 01-18: containment due 01-16 but answered
        #expect(try f.sweep.sweep().stepsOverdue == 0)
        #expect(try f.exceptions("nonconformanceStepOverdue").isEmpty)
    }

    @Test func aBuyerClosesATimerExceptionWithoutTouchingTheOrder() throws {
        let f = try Fixture()
        try f.release()
        f.advance(hours: 48)
        try f.sweep.sweep()
        let raised = try #require(try f.exceptions("acknowledgementOverdue").first)
        let resolved = try ReviewFlow(context: f.context).resolve(id: raised.id, verdict: .approved, note: "Called the supplier.", by: Fixture.buyer).exception
        #expect(resolved.status == .approved)
        #expect(try f.context.store.read { try $0.orderState(number: "PO-1", scope: .all) }?.status == .awaitingAcknowledgement)
        f.advance(hours: 48)
        #expect(try f.sweep.sweep().acknowledgementsOverdue == 0, "once per revision, even after it was closed")
    }
}
