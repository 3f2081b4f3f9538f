import Foundation
import Procurement
import Storage
import Testing

@Suite("SQLite store: change requests")
struct ChangeRequestStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func record(_ id: String, status: ChangeRequestStatus) -> ChangeRequestRecord {
        let date = LocalDate(iso: "2027-01-18")!
        let line = ConfirmedLine(line: 1, status: .changed, schedule: [ScheduleLine(quantity: 10, date: date)], unitPrice: 2, reason: "Late")
        let before = ConfirmedLine(line: 1, status: .accepted, schedule: [ScheduleLine(quantity: 10, date: LocalDate(iso: "2027-01-15")!)],
                                   unitPrice: 2, reason: nil)
        return ChangeRequestRecord(id: id, purchaseOrder: "PO-1", revision: 1, supplier: "S-1", clientID: "cl_1",
                                   request: ChangeRequest(revision: 1, lines: [ScheduleChange(line: 1, schedule: line.schedule, reason: "Late")]),
                                   status: status, reasons: status == .inReview ? [Reason(code: .dateOutOfTolerance, message: "late", line: 1)] : [],
                                   lines: [line], previous: [before], exceptionID: status == .inReview ? "exc_1" : nil, receivedAt: now)
    }

    @Test func storedInOrderScopedBySupplierAndSuperseded() throws {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()))
        defer { store.close() }
        try store.write { tx in
            try tx.saveSupplier(Supplier(id: "S-1", name: "Acme", tolerances: .none), now: Self.now)
            try tx.saveRevision(PurchaseOrder(number: "PO-1", revision: 1, supplier: "S-1", plant: "P01", currency: "USD", lines: [
                OrderLine(line: 1, item: "MAT-1", description: "", quantity: 10, unit: "EA", unitPrice: 2, needBy: LocalDate(iso: "2027-01-15")!),
            ]), status: .confirmed, now: Self.now)
            try tx.insertChangeRequest(Self.record("chr_1", status: .applied))
            try tx.insertChangeRequest(Self.record("chr_2", status: .inReview))
        }
        let (all, mine, others, one) = try store.read { r in
            (try r.changeRequests(purchaseOrder: "PO-1", scope: .all), try r.changeRequests(purchaseOrder: "PO-1", scope: .supplier("S-1")),
             try r.changeRequests(purchaseOrder: "PO-1", scope: .supplier("S-2")), try r.changeRequest(id: "chr_2", scope: .supplier("S-2")))
        }
        #expect(all.map(\.id) == ["chr_1", "chr_2"])
        #expect(all.first == Self.record("chr_1", status: .applied), "every field survives the round trip")
        #expect(mine.count == 2)
        #expect(others.isEmpty)
        #expect(one == nil)
        let superseded = try store.write { try $0.supersedeChangeRequests(purchaseOrder: "PO-1", now: Self.now) }
        #expect(superseded == ["chr_2"])
        let after = try store.read { try $0.changeRequest(id: "chr_2", scope: .all) }
        #expect(after?.status == .superseded)
        #expect(after?.decidedBy == "system")
        #expect(after?.decidedAt == Self.now)
        #expect(try store.read { try $0.changeRequest(id: "chr_1", scope: .all) }?.status == .applied)
    }
}
