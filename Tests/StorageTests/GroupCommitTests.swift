import Foundation
import Procurement
import SQLite
@testable import Storage
import Telemetry
import Testing

private let now = Date(timeIntervalSince1970: 1_800_000_000)

private func order(_ number: String) -> PurchaseOrder {
    PurchaseOrder(number: number, revision: 1, supplier: "S-1", plant: "P01", currency: "USD", lines: [
        OrderLine(line: 1, item: "MAT-1", description: "Part", quantity: 10, unit: "EA", unitPrice: 2, needBy: LocalDate(iso: "2027-01-15")!),
    ])
}

/// Writes that arrive together commit together, and each stays all-or-nothing: whether it runs
/// in a savepoint of its own or, being repeatable, alongside the others with none.
@Suite("Group commit")
struct GroupCommitTests {
    struct Refused: Error {}

    /// Runs `writes` on threads of their own while the writer is held inside another write, so
    /// all of them queue up and go into one transaction; returns once every one has returned.
    func inOneBatch(_ store: SQLiteStore, _ writes: [@Sendable () -> Void]) {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchGroup()
        finished.enter()
        Thread {
            _ = try? store.write { _ in
                entered.signal()
                release.wait()
            }
            finished.leave()
        }.start()
        entered.wait()
        for write in writes {
            finished.enter()
            Thread {
                write()
                finished.leave()
            }.start()
        }
        while store.queuedWrites < writes.count { usleep(1_000) }
        release.signal()
        finished.wait()
    }

    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: Result<String, Error>] = [:]
        subscript(_ key: String) -> Result<String, Error>? {
            get { lock.withLock { values[key] } }
            set { lock.withLock { values[key] = newValue } }
        }
    }

    func store(metrics: Metrics? = nil) throws -> SQLiteStore {
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()), metrics: metrics)
        try store.write { try $0.saveSupplier(Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 0, quantityPercent: 0, pricePercent: 0)), now: now) }
        return store
    }

    /// A repeatable write that fails after it has written makes the batch's repeatable writes
    /// run again, one by one: the failed one leaves nothing (no order, no audit entry, nothing in
    /// the store's memory), the others and the batch's other writes commit, and every caller
    /// gets the answer its committed run gave.
    @Test func aRepeatableWriteThatFailsAfterWritingLeavesNothingAndTheOthersCommit() throws {
        let metrics = Metrics()
        let store = try store(metrics: metrics)
        defer { store.close() }
        let outcomes = Outcomes()
        let runs = Outcomes()
        let numbers = ["PO-1", "PO-2", "PO-3", "PO-4", "PO-5"]
        var writes: [@Sendable () -> Void] = numbers.map { number in
            {
                outcomes[number] = Result {
                    try store.writeRepeatable { tx in
                        // A fresh id on every run: the caller must get the one that committed.
                        let id = UUID().uuidString
                        runs[number] = .success((try? runs[number]?.get()).map { $0 + "," + id } ?? id)
                        try tx.saveRevision(order(number), status: .awaitingAcknowledgement, now: now)
                        try tx.appendAudit(AuditEvent(actor: .system, action: "released", objectType: "purchaseOrder", objectID: number,
                                                      detail: "{\"run\":\"\(id)\"}"), now: now)
                        if number == "PO-3" { throw Refused() }
                        return id
                    }
                }
            }
        }
        writes.append {
            outcomes["PO-9"] = Result {
                try store.write { tx in
                    try tx.saveRevision(order("PO-9"), status: .awaitingAcknowledgement, now: now)
                    return "alone"
                }
            }
        }
        inOneBatch(store, writes)

        #expect(throws: Refused.self) { try outcomes["PO-3"]?.get() }
        #expect(try store.read { try $0.purchaseOrder(number: "PO-3", scope: .all) } == nil)
        #expect(store.committedOrder(number: "PO-3") == nil)
        #expect(try outcomes["PO-9"]?.get() == "alone")
        for number in ["PO-1", "PO-2", "PO-4", "PO-5"] {
            let answered = try #require(try outcomes[number]?.get())
            #expect(try store.read { try $0.purchaseOrder(number: number, scope: .all) }?.order == order(number))
            #expect(store.committedOrder(number: number)?.order == order(number))
            let audit = try store.read { try $0.auditEntries(objectType: "purchaseOrder", objectID: number, after: nil, limit: 10) }.items
            #expect(audit.map(\.detail) == ["{\"run\":\"\(answered)\"}"])
        }
        // The failed write ran with the others, then alone; the others once or twice, as they
        // came before or after it.
        #expect(try runs["PO-3"]?.get().split(separator: ",").count == 2)
        for number in ["PO-1", "PO-2", "PO-4", "PO-5"] {
            #expect(try (1...2).contains(runs[number]?.get().split(separator: ",").count ?? 0))
        }
        #expect(try store.read { try $0.auditEntries(objectType: "purchaseOrder", objectID: "PO-3", after: nil, limit: 10) }.items.isEmpty)
        #expect(try store.read { try $0.verifyAuditChain() } == nil)
        #expect(metrics.counter("supplyline_store_batch_reruns_total", help: "").value == 1)
    }

    /// A repeatable write refused before it wrote anything (a validation error, a stale
    /// revision) has nothing to undo: the batch goes on without running anything again.
    @Test func aRepeatableWriteRefusedBeforeWritingRunsNothingAgain() throws {
        let metrics = Metrics()
        let store = try store(metrics: metrics)
        defer { store.close() }
        let outcomes = Outcomes()
        let writes: [@Sendable () -> Void] = ["PO-1", "PO-2", "PO-3"].map { number in
            {
                outcomes[number] = Result {
                    try store.writeRepeatable { tx in
                        if number == "PO-2" {
                            _ = try tx.purchaseOrder(number: "PO-1", scope: .all)
                            throw Refused()
                        }
                        try tx.saveRevision(order(number), status: .awaitingAcknowledgement, now: now)
                        try tx.appendAudit(AuditEvent(actor: .system, action: "released", objectType: "purchaseOrder", objectID: number), now: now)
                        return number
                    }
                }
            }
        }
        inOneBatch(store, writes)

        #expect(throws: Refused.self) { try outcomes["PO-2"]?.get() }
        #expect(try outcomes["PO-1"]?.get() == "PO-1")
        #expect(try outcomes["PO-3"]?.get() == "PO-3")
        let numbers = try store.read { try $0.purchaseOrders(scope: .all, status: nil, after: nil, limit: 10) }.items.map(\.number)
        #expect(numbers == ["PO-1", "PO-3"])
        #expect(try store.read { try $0.verifyAuditChain() } == nil)
        #expect(metrics.counter("supplyline_store_batch_reruns_total", help: "").value == 0)
    }

    /// Writes that are not repeatable keep a savepoint each: one that fails leaves nothing and
    /// the repeatable ones in the same batch are not run again.
    @Test func aWriteInItsOwnSavepointFailsAlone() throws {
        let metrics = Metrics()
        let store = try store(metrics: metrics)
        defer { store.close() }
        let outcomes = Outcomes()
        let writes: [@Sendable () -> Void] = [
            { outcomes["PO-1"] = Result { try store.writeRepeatable { tx in
                try tx.saveRevision(order("PO-1"), status: .awaitingAcknowledgement, now: now)
                return "PO-1"
            } } },
            { outcomes["PO-2"] = Result { try store.write { tx -> String in
                try tx.saveRevision(order("PO-2"), status: .awaitingAcknowledgement, now: now)
                throw Refused()
            } } },
        ]
        inOneBatch(store, writes)

        #expect(try outcomes["PO-1"]?.get() == "PO-1")
        #expect(throws: Refused.self) { try outcomes["PO-2"]?.get() }
        let numbers = try store.read { try $0.purchaseOrders(scope: .all, status: nil, after: nil, limit: 10) }.items.map(\.number)
        #expect(numbers == ["PO-1"])
        #expect(store.committedOrder(number: "PO-2") == nil)
        #expect(metrics.counter("supplyline_store_batch_reruns_total", help: "").value == 0)
    }
}

/// When SQLite rolls a whole transaction back under a write (a full disk, an I/O error) and
/// the write carries on, nothing after it may commit outside the batch: every write in the
/// batch fails and none of their rows is stored.
@Suite("Group commit: a transaction SQLite rolled back")
struct GroupCommitAbortTests {
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String] = []
        func add(_ name: String) { lock.withLock { names.append(name) } }
        var all: [String] { lock.withLock { names.sorted() } }
    }

    @Test func writesAfterTheTransactionWasLostAreNotCommittedOneByOne() throws {
        let path = temporaryDatabase()
        let setup = try Connection(path: path)
        try setup.execute("PRAGMA journal_mode=WAL")
        try setup.execute("CREATE TABLE t (x INTEGER, pad BLOB)")
        let writer = GroupCommitWriter(connection: try Connection(path: path), maxBatch: 64, metrics: nil)
        defer { writer.stop() }

        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let failures = Failures()
        func spawn(_ name: String, _ body: @escaping @Sendable () throws -> Void) {
            done.enter()
            Thread {
                do { try body() } catch { failures.add(name) }
                done.leave()
            }.start()
        }
        spawn("hold") { try writer.perform { _ in entered.signal(); release.wait() } }
        entered.wait()
        // A single-row insert that hits the page limit: SQLite rolls the whole transaction back
        // (the statement has no journal of its own), and this write ignores the error.
        spawn("full") {
            try writer.perform(repeatable: true) { c in
                try c.execute("PRAGMA max_page_count = \(try c.scalar("PRAGMA page_count").int64! + 2)")
                _ = try? c.run("INSERT INTO t VALUES (1, zeroblob(1000000))")
                try c.execute("PRAGMA max_page_count = 1073741823")
            }
        }
        while writer.queued < 1 { usleep(1_000) }
        spawn("repeatable") { try writer.perform(repeatable: true) { c in _ = try c.run("INSERT INTO t (x) VALUES (2)") } }
        while writer.queued < 2 { usleep(1_000) }
        spawn("alone") { try writer.perform { c in _ = try c.run("INSERT INTO t (x) VALUES (3)") } }
        while writer.queued < 3 { usleep(1_000) }
        release.signal()
        done.wait()

        #expect(try setup.query("SELECT x FROM t").isEmpty)
        #expect(failures.all == ["alone", "full", "repeatable"])
        // The writer goes on: the next write commits.
        try writer.perform { c in _ = try c.run("INSERT INTO t (x) VALUES (4)") }
        #expect(try setup.query("SELECT x FROM t").compactMap { $0[0].int } == [4])
    }
}
