import Flows
import Foundation
import Procurement
import Storage
import Synchronization
import Telemetry
import Testing

/// A store whose memory of committed orders says whatever the test sets: it may be behind the
/// database, as the store's own memory can be for a moment.
final class RememberedOrders: Store, @unchecked Sendable {
    let base: SQLiteStore
    let remembered = Mutex<[String: CommittedOrder]>([:])

    init(_ base: SQLiteStore) { self.base = base }

    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T { try base.read(body) }
    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T { try base.write(body) }
    func onOutboxEnqueued(_ callback: @escaping @Sendable (Set<String>) -> Void) { base.onOutboxEnqueued(callback) }
    func committedOrder(number: String) -> CommittedOrder? { remembered.withLock { $0[number] } }
    func currentSupplier(id: String) throws -> Supplier? { try base.currentSupplier(id: id) }
}

/// An acknowledgement is prepared from the order as last committed; whatever that basis says,
/// the outcome is the one the database gives.
@Suite("Acknowledgement basis")
struct AcknowledgementBasisTests {
    static let erp = RequestContext(principal: Principal(clientID: "erp", name: "ERP", role: .erp, supplierID: nil))
    static let acme = RequestContext(principal: Principal(clientID: "acme", name: "Acme", role: .supplier, supplierID: "S-1"))
    static let other = RequestContext(principal: Principal(clientID: "other", name: "Other", role: .supplier, supplierID: "S-2"))

    let store: RememberedOrders
    let context: FlowContext

    init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-basis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = RememberedOrders(try SQLiteStore(configuration: .init(path: dir.appendingPathComponent("hub.db").path)))
        context = FlowContext(store: store, logger: Logger(label: "test", sink: .discard))
        for id in ["S-1", "S-2"] {
            try SupplierFlow(context: context).save(Supplier(id: id, name: id, tolerances: Tolerances(dateDays: 3, quantityPercent: 0, pricePercent: 0)),
                                                    by: Self.erp)
        }
    }

    func order(revision: Int, quantity: Decimal = 10) -> PurchaseOrder {
        PurchaseOrder(number: "PO-1", revision: revision, supplier: "S-1", plant: "P01", currency: "USD", lines: [
            OrderLine(line: 1, item: "MAT-1", description: "Part", quantity: quantity, unit: "EA", unitPrice: 2,
                      needBy: LocalDate(iso: "2027-01-15")!),
        ])
    }

    func release(_ order: PurchaseOrder) throws {
        _ = try PurchaseOrderFlow(context: context).release(order, by: Self.erp)
    }

    func remember(_ order: PurchaseOrder, _ status: OrderStatus) {
        store.remembered.withLock { $0[order.number] = CommittedOrder(order: order, status: status) }
    }

    func acknowledge(revision: Int, key: String = UUID().uuidString, by request: RequestContext = Self.acme) throws -> AcknowledgementFlow.Result {
        try AcknowledgementFlow(context: context).acknowledge(
            number: "PO-1", response: OrderResponse(revision: revision, lines: [LineResponse(line: 1, status: .accepted)]),
            idempotencyKey: key, by: request)
    }

    func status() throws -> OrderStatus? {
        try store.read { try $0.purchaseOrder(number: "PO-1", scope: .all) }?.status
    }

    @Test func anAnswerToARevisionTheMemoryMissedIsStillStale() throws {
        try release(order(revision: 1))
        try release(order(revision: 2, quantity: 12))
        remember(order(revision: 1), .awaitingAcknowledgement)
        #expect { try acknowledge(revision: 1) } throws: { ($0 as? ProcurementError)?.code == .staleRevision }
        #expect(try status() == .awaitingAcknowledgement)
        #expect(try acknowledge(revision: 2).record.decision == .confirmed)
        #expect(try status() == .confirmed)
    }

    @Test func anOrderConfirmedSinceTheMemoryTakesNoSecondAnswer() throws {
        try release(order(revision: 1))
        remember(order(revision: 1), .awaitingAcknowledgement)
        #expect(try acknowledge(revision: 1).record.decision == .confirmed)
        #expect { try acknowledge(revision: 1) } throws: { ($0 as? ProcurementError)?.code == .notAwaitingAcknowledgement }
        let acknowledgements = try store.read { try $0.acknowledgements(purchaseOrder: "PO-1", scope: .all) }
        #expect(acknowledgements.count == 1)
    }

    @Test func aRetryGetsItsFirstAnswerWhateverTheMemorySays() throws {
        try release(order(revision: 1))
        let first = try acknowledge(revision: 1, key: "k-1")
        // Behind: the order still awaiting an answer.
        remember(order(revision: 1), .awaitingAcknowledgement)
        let behind = try acknowledge(revision: 1, key: "k-1")
        #expect(behind.replayed && behind.record.id == first.record.id)
        // Ahead: a new revision the retry does not answer.
        try release(order(revision: 2, quantity: 12))
        remember(order(revision: 2, quantity: 12), .awaitingAcknowledgement)
        let ahead = try acknowledge(revision: 1, key: "k-1")
        #expect(ahead.replayed && ahead.record.id == first.record.id)
    }

    @Test func anotherSuppliersOrderIsNotFoundEvenWhenRemembered() throws {
        try release(order(revision: 1))
        remember(order(revision: 1), .awaitingAcknowledgement)
        #expect { try acknowledge(revision: 1, by: Self.other) } throws: { ($0 as? FlowError)?.code == .notFound }
        #expect(try status() == .awaitingAcknowledgement)
    }

    @Test func anOrderRememberedButNotCommittedIsNotFound() throws {
        remember(order(revision: 1), .awaitingAcknowledgement)
        #expect { try acknowledge(revision: 1) } throws: { ($0 as? FlowError)?.code == .notFound }
    }
}

/// Retries that arrive together with the request they repeat go into the same group commit:
/// the first claims the key, the others get its answer, and nothing is written twice.
@Suite("Acknowledgements sharing a group commit")
struct AcknowledgementBatchTests {
    static let erp = AcknowledgementBasisTests.erp
    static let acme = AcknowledgementBasisTests.acme

    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Swift.Result<AcknowledgementFlow.Result, Error>] = []
        func add(_ value: Swift.Result<AcknowledgementFlow.Result, Error>) { lock.withLock { values.append(value) } }
        var all: [Swift.Result<AcknowledgementFlow.Result, Error>] { lock.withLock { values } }
    }

    @Test func retriesInTheSameCommitGetTheFirstAnswer() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(configuration: .init(path: dir.appendingPathComponent("hub.db").path))
        defer { store.close() }
        let context = FlowContext(store: store, logger: Logger(label: "test", sink: .discard))
        try SupplierFlow(context: context).save(Supplier(id: "S-1", name: "S-1", tolerances: Tolerances(dateDays: 3, quantityPercent: 0, pricePercent: 0)),
                                                by: Self.erp)
        let order = PurchaseOrder(number: "PO-1", revision: 1, supplier: "S-1", plant: "P01", currency: "USD", lines: [
            OrderLine(line: 1, item: "MAT-1", description: "Part", quantity: 10, unit: "EA", unitPrice: 2, needBy: LocalDate(iso: "2027-01-15")!),
        ])
        _ = try PurchaseOrderFlow(context: context).release(order, by: Self.erp)
        let accepted = OrderResponse(revision: 1, lines: [LineResponse(line: 1, status: .accepted)])
        let rejected = OrderResponse(revision: 1, lines: [LineResponse(line: 1, status: .rejected, reason: "No capacity")])

        // The writer is held inside a write while the requests queue up behind it.
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        done.enter()
        Thread {
            _ = try? store.write { _ in
                entered.signal()
                release.wait()
            }
            done.leave()
        }.start()
        entered.wait()
        let same = Outcomes()
        let other = Outcomes()
        for (response, outcomes) in [(accepted, same), (accepted, same), (accepted, same), (rejected, other)] {
            done.enter()
            Thread {
                outcomes.add(Swift.Result {
                    try AcknowledgementFlow(context: context).acknowledge(number: "PO-1", response: response, idempotencyKey: "k-1", by: Self.acme)
                })
                done.leave()
            }.start()
        }
        usleep(200_000)
        release.signal()
        done.wait()

        // Whichever request came first decided; the ones with its body got its answer, the
        // one with the other body was refused.
        let answered = (same.all + other.all).compactMap { try? $0.get() }
        let refused = (same.all + other.all).compactMap { result -> Error? in
            if case .failure(let error) = result { return error } else { return nil }
        }
        #expect(Set(answered.map(\.record.id)).count == 1)
        #expect(answered.filter { !$0.replayed }.count == 1)
        #expect(refused.allSatisfy { ($0 as? FlowError)?.code == .idempotencyKeyReused })
        let winner = try #require(answered.first)
        #expect(winner.record.decision == .confirmed ? refused.count == 1 && answered.count == 3 : refused.count == 3 && answered.count == 1)
        let results = answered
        let stored = try store.read { try $0.acknowledgements(purchaseOrder: "PO-1", scope: .all) }
        #expect(stored.map(\.id) == [results[0].record.id])
        #expect(try store.read { try $0.purchaseOrder(number: "PO-1", scope: .all) }?.status == (winner.record.decision == .confirmed ? .confirmed : .rejected))
    }
}
