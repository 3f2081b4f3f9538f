import Foundation
import Procurement
import SQLite
@testable import Storage
import Testing

private let now = Date(timeIntervalSince1970: 1_800_000_000)

private func order(_ number: String, revision: Int = 1) -> PurchaseOrder {
    PurchaseOrder(number: number, revision: revision, supplier: "S-1", plant: "P01", currency: "USD", lines: [
        OrderLine(line: 1, item: "MAT-1", description: "Part", quantity: 10, unit: "EA", unitPrice: 2, needBy: LocalDate(iso: "2027-01-15")!),
    ])
}

/// The store's memory of committed orders and suppliers follows what was committed: never a
/// write that rolled back, and nothing it cannot vouch for after another process wrote.
@Suite("Committed state")
struct CommittedStateTests {
    struct Refused: Error {}

    /// A new store holding supplier S-1 (one day's date tolerance) and its order PO-1.
    func storeWithOrder() throws -> (SQLiteStore, String) {
        let path = temporaryDatabase()
        let store = try SQLiteStore(configuration: .init(path: path))
        try store.write { tx in
            try tx.saveSupplier(Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 1, quantityPercent: 0, pricePercent: 0)), now: now)
            try tx.saveRevision(order("PO-1"), status: .awaitingAcknowledgement, now: now)
        }
        return (store, path)
    }

    @Test func ordersFollowCommitsNotRollbacks() throws {
        let (store, _) = try storeWithOrder()
        defer { store.close() }
        #expect(store.committedOrder(number: "PO-1")?.order == order("PO-1"))
        #expect(store.committedOrder(number: "PO-1")?.status == .awaitingAcknowledgement)
        #expect(store.committedOrder(number: "PO-1")?.supplier?.tolerances.dateDays == 1)
        #expect(store.committedOrder(number: "PO-2") == nil)

        #expect(throws: Refused.self) {
            try store.write { tx in
                try tx.setOrderStatus(number: "PO-1", status: .confirmed, now: now)
                try tx.saveRevision(order("PO-2"), status: .awaitingAcknowledgement, now: now)
                throw Refused()
            }
        }
        #expect(store.committedOrder(number: "PO-1")?.status == .awaitingAcknowledgement)
        #expect(store.committedOrder(number: "PO-2") == nil)

        try store.write { try $0.setOrderStatus(number: "PO-1", status: .confirmed, now: now) }
        #expect(store.committedOrder(number: "PO-1")?.status == .confirmed)
        try store.write { try $0.saveRevision(order("PO-1", revision: 2), status: .awaitingAcknowledgement, now: now) }
        #expect(store.committedOrder(number: "PO-1")?.order == order("PO-1", revision: 2))
        #expect(store.committedOrder(number: "PO-1")?.status == .awaitingAcknowledgement)
    }

    @Test func anotherProcessWritingMakesTheStoreForget() throws {
        let (store, path) = try storeWithOrder()
        defer { store.close() }
        #expect(try store.currentSupplier(id: "S-1")?.tolerances.dateDays == 1)
        let elsewhere = try Connection(path: path)
        try elsewhere.run("UPDATE purchase_orders SET status = 'rejected' WHERE number = 'PO-1'")
        try elsewhere.run("UPDATE suppliers SET date_days = 9 WHERE id = 'S-1'")
        // The next write of this store notices, and what it remembered is gone.
        try store.write { try $0.saveRevision(order("PO-2"), status: .awaitingAcknowledgement, now: now) }
        #expect(store.committedOrder(number: "PO-1") == nil)
        #expect(store.committedOrder(number: "PO-2") != nil)
        #expect(try store.currentSupplier(id: "S-1")?.tolerances.dateDays == 9)
    }

    /// Inside a write, an order's state is what the transaction would read: its own changes,
    /// then what is committed, and after another process wrote, the database itself.
    @Test func aWriteSeesTheOrderItsTransactionWouldRead() throws {
        let path = temporaryDatabase()
        let store = try SQLiteStore(configuration: .init(path: path))
        defer { store.close() }
        func state(_ scope: SupplierScope = .all) throws -> (Int, OrderStatus)? {
            try store.write { try $0.orderState(number: "PO-1", scope: scope) }.map { ($0.revision, $0.status) }
        }
        try store.write { tx in
            try tx.saveSupplier(Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 1, quantityPercent: 0, pricePercent: 0)), now: now)
            #expect(try tx.orderState(number: "PO-1", scope: .all) == nil)
            try tx.saveRevision(order("PO-1"), status: .awaitingAcknowledgement, now: now)
            #expect(try tx.orderState(number: "PO-1", scope: .all).map { $0.status } == .awaitingAcknowledgement)
            try tx.setOrderStatus(number: "PO-1", status: .inReview, now: now)
            #expect(try tx.orderState(number: "PO-1", scope: .all).map { $0.status } == .inReview)
        }
        #expect(try state().map { $0.1 } == .inReview)
        #expect(try state(.supplier("S-2")) == nil)
        #expect(try state(.supplier("S-1")).map { $0.0 } == 1)
        #expect(throws: Refused.self) {
            try store.write { tx in
                try tx.saveRevision(order("PO-1", revision: 2), status: .awaitingAcknowledgement, now: now)
                throw Refused()
            }
        }
        #expect(try state().map { $0.0 } == 1)
        try Connection(path: path).run("UPDATE purchase_orders SET status = 'rejected' WHERE number = 'PO-1'")
        #expect(try state().map { $0.1 } == .rejected)
    }

    /// One write that changes more pages than SQLite keeps in memory for its savepoint (the
    /// journal spills to a temporary file) still commits whole.
    @Test func aWriteLargerThanTheInMemoryJournalCommits() throws {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()))
        defer { store.close() }
        let numbers = (1...3_000).map { "PO-\($0)" }
        try store.write { tx in
            try tx.saveSupplier(Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 1, quantityPercent: 0, pricePercent: 0)), now: now)
            for number in numbers { try tx.saveRevision(order(number), status: .awaitingAcknowledgement, now: now) }
        }
        try store.write { tx in
            for number in numbers { try tx.setOrderStatus(number: number, status: .confirmed, now: now) }
        }
        let confirmed = try store.read { try $0.purchaseOrders(scope: .all, status: .confirmed, after: nil, limit: 5_000) }.items
        #expect(confirmed.count == numbers.count)
    }

    @Test func suppliersAreTheCommittedOnes() throws {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()))
        defer { store.close() }
        #expect(try store.currentSupplier(id: "S-1") == nil)
        let first = Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 1, quantityPercent: 0, pricePercent: 0))
        try store.write { try $0.saveSupplier(first, now: now) }
        #expect(try store.currentSupplier(id: "S-1") == first)
        let second = Supplier(id: "S-1", name: "Acme Castings", tolerances: Tolerances(dateDays: 4, quantityPercent: 5, pricePercent: 1))
        #expect(throws: Refused.self) {
            try store.write { tx in
                try tx.saveSupplier(second, now: now)
                throw Refused()
            }
        }
        #expect(try store.currentSupplier(id: "S-1") == first)
        try store.write { try $0.saveSupplier(second, now: now) }
        #expect(try store.currentSupplier(id: "S-1") == second)
        // Held as stored: a tolerance with more decimals than the store keeps reads back rounded.
        let fine = Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 4, quantityPercent: Decimal(string: "5.123456789012345")!,
                                                                           pricePercent: 1))
        try store.write { try $0.saveSupplier(fine, now: now) }
        #expect(try store.currentSupplier(id: "S-1") == store.read { try $0.supplier(id: "S-1") })
    }
}

@Suite("Committed state bounds")
struct CommittedStateBoundsTests {
    /// Two generations of 800 document bytes: the orders published last are kept, an order that
    /// changes again is kept with the newer ones, and only the oldest generation is dropped.
    @Test func keepsTheOrdersPublishedLast() {
        let state = CommittedState(maxOrderBytes: 1_600)
        func publish(_ numbers: ClosedRange<Int>) {
            state.publish(numbers.map { .revision(order("PO-\($0)"), .awaitingAcknowledgement, bytes: 100) })
        }
        publish(1...9)
        #expect((1...9).allSatisfy { state.order("PO-\($0)") != nil })
        // PO-1 moves to the newer generation with its new status.
        state.publish([.status(number: "PO-1", .confirmed)])
        publish(10...17)
        #expect(state.order("PO-1")?.status == .confirmed)
        #expect(state.order("PO-2") == nil)
        #expect(state.order("PO-8") == nil)
        #expect((9...17).allSatisfy { state.order("PO-\($0)") != nil })
        // A status for an order not held does not bring it back.
        state.publish([.status(number: "PO-2", .confirmed)])
        #expect(state.order("PO-2") == nil)
        // A document too large for a generation's share is not held at all.
        state.publish([.revision(order("PO-big"), .awaitingAcknowledgement, bytes: 101)])
        #expect(state.order("PO-big") == nil)
    }
}
