import Foundation
import Procurement
import SQLite
import Storage
import Testing

func temporaryDatabase() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("hub.db").path
}

private let now = Date(timeIntervalSince1970: 1_800_000_000)
private let supplier = Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 3, quantityPercent: 5, pricePercent: 2))

private func order(_ number: String, supplier: String = "S-1", revision: Int = 1) -> PurchaseOrder {
    PurchaseOrder(number: number, revision: revision, supplier: supplier, plant: "P01", currency: "USD", lines: [
        OrderLine(line: 1, item: "MAT-1", description: "Part", quantity: 10, unit: "EA", unitPrice: Decimal(string: "2.50")!,
                  needBy: LocalDate(iso: "2027-01-15")!),
    ])
}

private func message(_ document: String, key: String) -> OutboxMessage {
    OutboxMessage(kind: "orderConfirmation", document: document, revision: 1, idempotencyKey: key, payload: Array("{}".utf8))
}

@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test func createsSchemaAndReopens() throws {
        let path = temporaryDatabase()
        do {
            let store = try SQLiteStore(configuration: .init(path: path))
            try store.write { try $0.saveSupplier(supplier, now: now) }
            store.close()
        }
        let reopened = try SQLiteStore(configuration: .init(path: path))
        defer { reopened.close() }
        #expect(try reopened.read { try $0.supplier(id: "S-1") } == supplier)
        let connection = try Connection(path: path)
        #expect(try connection.scalar("PRAGMA journal_mode").string == "wal")
        #expect(try connection.scalar("SELECT COUNT(*) FROM schema_migrations").int == SQLiteStore.migrationCount)
    }

    @Test func storesEveryRevisionAndScopesBySupplier() throws {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()))
        defer { store.close() }
        try store.write { tx in
            try tx.saveSupplier(supplier, now: now)
            try tx.saveSupplier(Supplier(id: "S-2", name: "Other", tolerances: .none), now: now)
            try tx.saveRevision(order("PO-1"), status: .awaitingAcknowledgement, now: now)
            try tx.saveRevision(order("PO-1", revision: 2), status: .awaitingAcknowledgement, now: now)
            try tx.saveRevision(order("PO-2", supplier: "S-2"), status: .awaitingAcknowledgement, now: now)
        }
        let r = try store.read { r in
            (try r.purchaseOrder(number: "PO-1", scope: .all)?.order.revision,
             try r.revisions(of: "PO-1", scope: .all),
             try r.purchaseOrder(number: "PO-1", revision: 1, scope: .all)?.revision,
             try r.purchaseOrder(number: "PO-2", scope: .supplier("S-1")),
             try r.purchaseOrder(number: "PO-2", revision: 1, scope: .supplier("S-1")),
             try r.revisions(of: "PO-2", scope: .supplier("S-1")),
             try r.purchaseOrders(scope: .supplier("S-2"), status: nil, after: nil, limit: 10).items.map(\.number))
        }
        #expect(r.0 == 2)
        #expect(r.1 == [1, 2])
        #expect(r.2 == 1)
        #expect(r.3 == nil)
        #expect(r.4 == nil)
        #expect(r.5 == [])
        #expect(r.6 == ["PO-2"])
    }

    @Test func paginatesWithCursors() throws {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()))
        defer { store.close() }
        try store.write { tx in
            try tx.saveSupplier(supplier, now: now)
            for i in 1...7 { try tx.saveRevision(order("PO-\(i)"), status: i % 2 == 0 ? .confirmed : .awaitingAcknowledgement, now: now) }
        }
        var seen: [String] = []
        var after: String?
        repeat {
            let page = try store.read { try $0.purchaseOrders(scope: .all, status: nil, after: after, limit: 3) }
            seen += page.items.map(\.number)
            after = page.next
        } while after != nil
        #expect(seen == (1...7).map { "PO-\($0)" })
        let confirmed = try store.read { try $0.purchaseOrders(scope: .all, status: .confirmed, after: nil, limit: 10) }
        #expect(confirmed.items.map(\.number) == ["PO-2", "PO-4", "PO-6"])
    }

    @Test func aFailedWriteLeavesNothingBehind() throws {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()))
        defer { store.close() }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.write { tx in
                try tx.saveSupplier(supplier, now: now)
                try tx.enqueue(message("PO-1", key: "k1"), now: now)
                throw Boom()
            }
        }
        #expect(try store.read { try $0.supplier(id: "S-1") } == nil)
        #expect(try store.read { try $0.outboxCounts()[.pending] } == 0)
    }

    @Test func concurrentWritesAreGroupedButIsolated() throws {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase(), durability: .normal))
        defer { store.close() }
        try store.write { try $0.saveSupplier(supplier, now: now) }
        struct Boom: Error {}
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            _ = try? store.write { tx in
                try tx.saveRevision(order("PO-\(i)"), status: .awaitingAcknowledgement, now: now)
                if i % 10 == 0 { throw Boom() }
            }
        }
        let count = try store.read { try $0.purchaseOrders(scope: .all, status: nil, after: nil, limit: 500).items.count }
        #expect(count == 180)
    }

    @Test func outboxClaimsOldestPerDocumentAndRecordsOutcomes() throws {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()))
        defer { store.close() }
        try store.write { tx in
            try tx.enqueue(message("PO-1", key: "a"), now: now)
            try tx.enqueue(message("PO-1", key: "b"), now: now)
            try tx.enqueue(message("PO-2", key: "c"), now: now)
        }
        let first = try store.write { try $0.claimDueJobs(now: now, leaseUntil: now.addingTimeInterval(60), limit: 10) }
        #expect(first.map(\.message.idempotencyKey) == ["a", "c"])
        // Leased jobs are not handed out twice.
        #expect(try store.write { try $0.claimDueJobs(now: now, leaseUntil: now.addingTimeInterval(60), limit: 10) }.isEmpty)
        try store.write { tx in
            try tx.recordDelivery(jobID: first[0].id, outcome: .delivered, now: now)
            try tx.recordDelivery(jobID: first[1].id, outcome: .retry(at: now.addingTimeInterval(30), error: "503"), now: now)
        }
        let second = try store.write { try $0.claimDueJobs(now: now, leaseUntil: now.addingTimeInterval(60), limit: 10) }
        #expect(second.map(\.message.idempotencyKey) == ["b"])
        let later = try store.write { try $0.claimDueJobs(now: now.addingTimeInterval(31), leaseUntil: now.addingTimeInterval(90), limit: 10) }
        #expect(later.map(\.message.idempotencyKey) == ["c"])
        #expect(later[0].attempts == 1)
        #expect(later[0].lastError == "503")
        try store.write { try $0.recordDelivery(jobID: later[0].id, outcome: .dead(error: "gave up"), now: now) }
        let dead = try store.read { try $0.outboxJobs(status: .dead, after: nil, limit: 10) }
        #expect(dead.items.map(\.message.idempotencyKey) == ["c"])
        #expect(try store.write { try $0.replayDeadLetter(id: later[0].id, now: now) })
        #expect(try store.write { try $0.replayDeadLetter(id: later[0].id, now: now) } == false)
        #expect(try store.read { try $0.outboxJob(id: later[0].id) }?.attempts == 0)
    }

    @Test func expiredLeasesAreClaimedAgain() throws {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()))
        defer { store.close() }
        try store.write { try $0.enqueue(message("PO-1", key: "a"), now: now) }
        _ = try store.write { try $0.claimDueJobs(now: now, leaseUntil: now.addingTimeInterval(60), limit: 10) }
        let again = try store.write { try $0.claimDueJobs(now: now.addingTimeInterval(61), leaseUntil: now.addingTimeInterval(120), limit: 10) }
        #expect(again.count == 1)
    }

    @Test func idempotencyKeysAreUniquePerClient() throws {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()))
        defer { store.close() }
        let entry = InboxEntry(clientID: "c1", key: "k", requestHash: "h", operation: "acknowledge", resultStatus: 201, resultRef: "ack_1", createdAt: now)
        try store.write { try $0.insertInboxEntry(entry) }
        #expect(throws: SQLiteError.self) { try store.write { try $0.insertInboxEntry(entry) } }
        try store.write {
            try $0.insertInboxEntry(InboxEntry(clientID: "c2", key: "k", requestHash: "h2", operation: "acknowledge", resultStatus: 201, resultRef: "ack_2", createdAt: now))
        }
        #expect(try store.read { try $0.inboxEntry(clientID: "c1", key: "k") } == entry)
        #expect(try store.read { try $0.inboxEntry(clientID: "c1", key: "k") }?.resultSnapshot == nil)
        // A decision keeps its answer with the key.
        let decision = InboxEntry(clientID: "c1", key: "d", requestHash: "h3", operation: "approveException", resultStatus: 200,
                                  resultRef: "exc_1", resultSnapshot: #"{"status":"approved"}"#, createdAt: now)
        try store.write { try $0.insertInboxEntry(decision) }
        #expect(try store.read { try $0.inboxEntry(clientID: "c1", key: "d") } == decision)
    }

    /// The chain stays whole when a write that appended an entry is rolled back, and when
    /// another process (an administration command) appends entries while the hub runs.
    @Test func auditChainSurvivesRollbacksAndOtherWriters() throws {
        struct Refused: Error {}
        let path = temporaryDatabase()
        let store = try SQLiteStore(configuration: .init(path: path))
        defer { store.close() }
        func append(_ action: String, to store: SQLiteStore) throws {
            try store.write { try $0.appendAudit(AuditEvent(actor: .system, action: action, objectType: "thing", objectID: "1"), now: now) }
        }
        try append("first", to: store)
        #expect(throws: Refused.self) {
            try store.write { tx in
                try tx.appendAudit(AuditEvent(actor: .system, action: "rolled.back", objectType: "thing", objectID: "1"), now: now)
                throw Refused()
            }
        }
        try append("second", to: store)
        let other = try SQLiteStore(configuration: .init(path: path))
        try append("from.elsewhere", to: other)
        other.close()
        try append("third", to: store)
        let entries = try store.read { try $0.auditEntries(objectType: "thing", objectID: "1", after: nil, limit: 10) }.items
        #expect(entries.map(\.action) == ["first", "second", "from.elsewhere", "third"])
        #expect(try store.read { try $0.verifyAuditChain() } == nil)
    }

    @Test func auditLogIsAChainThatDetectsTampering() throws {
        let path = temporaryDatabase()
        let store = try SQLiteStore(configuration: .init(path: path))
        defer { store.close() }
        for i in 1...5 {
            try store.write { try $0.appendAudit(AuditEvent(actor: .system, action: "test.\(i)", objectType: "thing", objectID: "\(i)"), now: now) }
        }
        #expect(try store.read { try $0.verifyAuditChain() } == nil)
        let connection = try Connection(path: path)
        #expect(throws: SQLiteError.self) { try connection.run("UPDATE audit_log SET action = 'forged' WHERE seq = 3") }
        #expect(throws: SQLiteError.self) { try connection.run("DELETE FROM audit_log WHERE seq = 3") }
        try connection.execute("DROP TRIGGER audit_log_no_update")
        try connection.run("UPDATE audit_log SET action = 'forged' WHERE seq = 3")
        #expect(try store.read { try $0.verifyAuditChain() } == 3)
    }
}

@Suite("Stored order documents")
struct OrderDocumentTests {
    @Test("an order read back is the order written, across revisions, rollbacks and a reopened store")
    func readsBackWhatWasWritten() throws {
        let path = temporaryDatabase()
        let needBy = LocalDate(iso: "2027-01-15")!
        func order(_ revision: Int, _ quantity: Decimal) -> PurchaseOrder {
            PurchaseOrder(number: "PO-1", revision: revision, supplier: "S-1", plant: "P01", currency: "USD",
                          lines: [OrderLine(line: 1, item: "MAT-1", description: "Part \"A\"", quantity: quantity, unit: "EA",
                                            unitPrice: 1, needBy: needBy)])
        }
        let now = Date()
        do {
            let store = try SQLiteStore(configuration: .init(path: path, durability: .normal))
            defer { store.close() }
            try store.write { tx in
                try tx.saveSupplier(Supplier(id: "S-1", name: "One", tolerances: Tolerances(dateDays: 1, quantityPercent: 0, pricePercent: 0)), now: now)
                try tx.saveRevision(order(1, 10), status: .awaitingAcknowledgement, now: now)
            }
            // A revision written and rolled back leaves revision 1 current.
            struct Refused: Error {}
            #expect(throws: Refused.self) {
                try store.write { tx in
                    try tx.saveRevision(order(2, 20), status: .awaitingAcknowledgement, now: now)
                    throw Refused()
                }
            }
            #expect(try store.read { try $0.purchaseOrder(number: "PO-1", scope: .all) }?.order == order(1, 10))
            // The same revision number with other content after the rollback.
            try store.write { tx in try tx.saveRevision(order(2, 30), status: .awaitingAcknowledgement, now: now) }
            #expect(try store.read { try $0.purchaseOrder(number: "PO-1", scope: .all) }?.order == order(2, 30))
            #expect(try store.read { try $0.purchaseOrder(number: "PO-1", revision: 1, scope: .all) } == order(1, 10))
        }
        let reopened = try SQLiteStore(configuration: .init(path: path, durability: .normal))
        defer { reopened.close() }
        #expect(try reopened.read { try $0.purchaseOrder(number: "PO-1", scope: .all) }?.order == order(2, 30))
    }
}
