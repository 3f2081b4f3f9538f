import Flows
import Foundation
import Procurement
import Storage
import Telemetry
import Testing

/// The ship-notice timer watches what the supplier confirmed: change requests move its due
/// dates, and cancelled lines are not watched. The clock starts at 2027-01-15T08:00:00Z.
@Suite("Timers after order changes")
struct OrderChangeTimerTests {
    let clock = ManualClock()
    let context: FlowContext
    let sweep: TimerSweep
    static let erp = RequestContext(principal: Principal(clientID: "erp", name: "ERP", role: .erp, supplierID: nil))
    static let supplier = RequestContext(principal: Principal(clientID: "acme", name: "Acme", role: .supplier, supplierID: "S-1"))
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-changes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(configuration: .init(path: dir.appendingPathComponent("hub.db").path))
        context = FlowContext(store: store, clock: clock, logger: Logger(label: "test", sink: .discard))
        sweep = TimerSweep(context: context, policy: TimerPolicy())
        try SupplierFlow(context: context).save(Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 3, quantityPercent: 0, pricePercent: 0)),
                                                by: Self.erp)
    }

    func release(revision: Int = 1, line2Due: String = "2027-01-17", cancelLine2: Bool = false) throws {
        let lines = [
            OrderLine(line: 1, item: "MAT-1", description: "Profile", quantity: 100, unit: "M", unitPrice: 2, needBy: Self.d("2027-01-25"),
                      schedule: [ScheduleLine(quantity: 60, date: Self.d("2027-01-20")), ScheduleLine(quantity: 40, date: Self.d("2027-01-25"))]),
            OrderLine(line: 2, item: "MAT-2", description: "Bolt", quantity: 5, unit: "EA", unitPrice: 1, needBy: Self.d(line2Due),
                      cancelled: cancelLine2),
        ]
        _ = try PurchaseOrderFlow(context: context).release(PurchaseOrder(number: "PO-1", revision: revision, supplier: "S-1", plant: "P01",
                                                                          currency: "USD", lines: lines), by: Self.erp)
    }

    func acknowledge(revision: Int, lines: [LineResponse]) throws -> Decision {
        try AcknowledgementFlow(context: context).acknowledge(number: "PO-1", response: OrderResponse(revision: revision, lines: lines),
                                                              idempotencyKey: UUID().uuidString, by: Self.supplier).record.decision
    }

    @Test func anAppliedChangeRequestMovesWhatTheTimerWatches() throws {
        try release(line2Due: "2027-01-24")
        #expect(try acknowledge(revision: 1, lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 2, status: .accepted)]) == .confirmed)
        #expect(try sweep.sweep().shipNoticesLate == 0)          // the timer reads the confirmation
        clock.advance(by: 3600)
        let change = ChangeRequest(revision: 1, lines: [
            ScheduleChange(line: 1, schedule: [ScheduleLine(quantity: 60, date: Self.d("2027-01-22")), ScheduleLine(quantity: 40, date: Self.d("2027-01-25"))]),
            ScheduleChange(line: 2, schedule: [ScheduleLine(quantity: 5, date: Self.d("2027-01-21"))]),
        ])
        let result = try ChangeRequestFlow(context: context).submit(number: "PO-1", request: change, idempotencyKey: "k", by: Self.supplier)
        #expect(result.record.status == .applied)
        clock.advance(by: 4 * 24 * 3600)                          // 01-19: line 1 moved from 01-20 to 01-22, line 2 from 01-24 to 01-21
        #expect(try sweep.sweep().shipNoticesLate == 1)
        let raised = try context.store.read { try $0.exceptions(ExceptionFilter(kind: "shipNoticeLate"), after: nil, limit: 10).items }
        #expect(raised.map(\.dedupeKey) == ["shipNoticeLate:PO-1:2:2027-01-21"])
    }

    @Test func aCancelledLineIsNotWatched() throws {
        try release()
        try release(revision: 2, cancelLine2: true)
        #expect(try acknowledge(revision: 2, lines: [LineResponse(line: 1, status: .accepted)]) == .confirmed)
        clock.advance(by: 24 * 3600)                              // 01-16: line 2 was due 01-17
        #expect(try sweep.sweep().shipNoticesLate == 0)
        clock.advance(by: 2 * 24 * 3600)                          // 01-18: line 1 is due 01-20
        #expect(try sweep.sweep().shipNoticesLate == 1)
    }
}
