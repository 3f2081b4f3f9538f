import Foundation
import Procurement
import Storage

/// An ERP planning run releasing or revising many orders in one request.
///
/// Each order is applied exactly as `PUT /v1/purchase-orders/{number}` applies it (the same
/// `ReleaseDecider` rules, partner documents, superseded exceptions, events and audit), in
/// the order given. The batch is **per order**, not all-or-nothing: an order that is refused
/// (invalid, unknown supplier, revision conflict, supplier changed) leaves nothing behind,
/// and the others still apply. The whole batch is one store write, so it costs one commit,
/// and it is remembered with its answers under the client's `Idempotency-Key`: a retry gets
/// the same answers without applying anything again.
public struct BulkReleaseFlow: Sendable {
    /// The most orders one batch may hold; more is refused before anything is read.
    public static let maxOrders = 1000

    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    /// One order of the batch as the channel read it: an order, or why it could not be read.
    public enum Entry: Sendable {
        case order(PurchaseOrder)
        /// The order's JSON does not fit the schema; `number` when it could still be read.
        case unreadable(number: String?, ProcurementError)
    }

    /// What happened to one order.
    public enum Outcome: String, Codable, Sendable {
        case created, unchanged, revised, refused
    }

    /// The answer for one order of the batch.
    public struct Item: Codable, Sendable, Equatable {
        /// Position in the request's `orders`, from 0.
        public let index: Int
        public let number: String?
        public let outcome: Outcome
        /// The order's current revision after this item (absent when refused).
        public let revision: Int?
        public let previousRevision: Int?
        /// Why it was refused: the error the single release would have answered with.
        public let code: String?
        public let message: String?
        public let fields: [ProcurementError.FieldError]?

        /// The refusal as the rule error it was.
        public var error: ProcurementError? {
            guard outcome == .refused, let code else { return nil }
            return ProcurementError(.init(rawValue: code), message ?? "", fields: fields ?? [])
        }

        init(index: Int, number: String?, outcome: Outcome, revision: Int?, previousRevision: Int? = nil) {
            self.index = index
            self.number = number
            self.outcome = outcome
            self.revision = revision
            self.previousRevision = previousRevision
            code = nil
            message = nil
            fields = nil
        }

        init(index: Int, number: String?, refused error: ProcurementError) {
            self.index = index
            self.number = number
            outcome = .refused
            revision = nil
            previousRevision = nil
            code = error.code.rawValue
            message = error.message
            fields = error.fields.isEmpty ? nil : error.fields
        }
    }

    public struct Result: Sendable {
        /// The batch id (`bat_…`).
        public let batch: String
        public let items: [Item]
        /// True when this is the stored answer to an earlier request with the same key.
        public let replayed: Bool

        public func count(_ outcome: Outcome) -> Int { items.reduce(0) { $0 + ($1.outcome == outcome ? 1 : 0) } }
    }

    /// Applies every entry (ERP only). Throws only for what concerns the whole request (role,
    /// a reused key, storage failures); a storage failure rolls the whole batch back.
    public func release(_ entries: [Entry], idempotencyKey: String, by request: RequestContext) throws -> Result {
        try request.require(.erp, to: "release purchase orders")
        precondition(!entries.isEmpty && entries.count <= Self.maxOrders, "the channel checks the batch size")
        // Validation and the request's fingerprint happen here, outside the store's writer.
        var checked: [Swift.Result<PurchaseOrder, ProcurementError>] = []
        var parts: [String] = []
        checked.reserveCapacity(entries.count)
        parts.reserveCapacity(entries.count)
        for entry in entries {
            switch entry {
            case .order(let order):
                parts.append(order.canonicalJSON)
                do {
                    try order.validate()
                    checked.append(.success(order))
                } catch let error as ProcurementError {
                    checked.append(.failure(error))
                }
            case .unreadable(let number, let error):
                parts.append("unreadable \(number ?? "") \(error.fields.map { "\($0.pointer) \($0.detail)" })")
                checked.append(.failure(error))
            }
        }
        let command = IdempotentCommand(operation: "releaseBatch", key: idempotencyKey, parts: parts)
        let batch = Identifiers.make("bat")
        let outcome = try command.run(context, by: request, body: { tx, now in
            var items: [Item] = []
            items.reserveCapacity(checked.count)
            for (index, entry) in checked.enumerated() {
                switch entry {
                case .failure(let error):
                    items.append(Item(index: index, number: Self.number(of: entries[index]), refused: error))
                case .success(let order):
                    do {
                        let released = try tx.attempt { try PurchaseOrderFlow.releasing(order, now: now, request: request)(tx) }
                        items.append(Self.item(index: index, released))
                    } catch let error as ProcurementError {
                        items.append(Item(index: index, number: order.number, refused: error))
                    }
                }
            }
            let results = JSON.string(items)
            try tx.insertReleaseBatch(ReleaseBatchRecord(id: batch, clientID: request.principal.clientID, orderCount: items.count,
                                                         results: results, receivedAt: now))
            let summary = Dictionary(uniqueKeysWithValues: [Outcome.created, .unchanged, .revised, .refused].map { o in
                (o.rawValue, items.reduce(0) { $0 + ($1.outcome == o ? 1 : 0) })
            })
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "purchaseOrder.batchReleased", objectType: "releaseBatch",
                                          objectID: batch, detail: JSON.string(summary), requestID: request.requestID), now: now)
            return (Result(batch: batch, items: items, replayed: false), batch, 200)
        }, replay: { reader, ref in
            guard let stored = try reader.releaseBatch(id: ref) else {
                throw FlowError(.notFound, "The batch \(ref) this key answered is no longer on file.")
            }
            let items = try JSONDecoder().decode([Item].self, from: Data(stored.results.utf8))
            return Result(batch: stored.id, items: items, replayed: true)
        })
        return Result(batch: outcome.value.batch, items: outcome.value.items, replayed: outcome.replayed)
    }

    private static func number(of entry: Entry) -> String? {
        switch entry {
        case .order(let order): order.number
        case .unreadable(let number, _): number
        }
    }

    private static func item(index: Int, _ released: PurchaseOrderFlow.ReleaseResult) -> Item {
        let revision = released.record.order.revision
        switch released.decision {
        case .created: return Item(index: index, number: released.record.order.number, outcome: .created, revision: revision)
        case .unchanged: return Item(index: index, number: released.record.order.number, outcome: .unchanged, revision: revision)
        case .revised(let from):
            return Item(index: index, number: released.record.order.number, outcome: .revised, revision: revision, previousRevision: from)
        }
    }
}
