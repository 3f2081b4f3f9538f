import Foundation
import Procurement
import SQLite
import Storage
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

    @Test func ordersFollowCommitsNotRollbacks() throws {
        let path = temporaryDatabase()
        let store = try SQLiteStore(configuration: .init(path: path))
        defer { store.close() }
        try store.write { tx in
            try tx.saveSupplier(Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 1, quantityPercent: 0, pricePercent: 0)), now: now)
            try tx.saveRevision(order("PO-1"), status: .awaitingAcknowledgement, now: now)
        }
        #expect(store.committedOrder(number: "PO-1") == CommittedOrder(order: order("PO-1"), status: .awaitingAcknowledgement))
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
        #expect(store.committedOrder(number: "PO-1") == CommittedOrder(order: order("PO-1", revision: 2), status: .awaitingAcknowledgement))
    }

    @Test func anotherProcessWritingMakesTheStoreForget() throws {
        let path = temporaryDatabase()
        let store = try SQLiteStore(configuration: .init(path: path))
        defer { store.close() }
        try store.write { tx in
            try tx.saveSupplier(Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 1, quantityPercent: 0, pricePercent: 0)), now: now)
            try tx.saveRevision(order("PO-1"), status: .awaitingAcknowledgement, now: now)
        }
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
    }
}
