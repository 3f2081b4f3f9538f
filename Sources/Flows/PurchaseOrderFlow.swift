import Foundation
import Procurement
import Storage

/// Orders released by the ERP, and what suppliers and buyers may read of them.
public struct PurchaseOrderFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    public struct ReleaseResult: Sendable {
        public let decision: ReleaseDecision
        public let record: OrderRecord
        /// Exceptions closed because the new revision made them moot.
        public let superseded: [String]
    }

    /// Creates or revises an order (ERP only). Idempotent for the same revision and content.
    public func release(_ order: PurchaseOrder, by request: RequestContext) throws -> ReleaseResult {
        try request.require(.erp, to: "release purchase orders")
        try order.validate()
        let now = context.clock.now()
        return try context.store.write(Self.releasing(order, now: now, request: request))
    }

    /// The release rules as the body of a write transaction: decide against the current
    /// revision, then store the revision, partner documents, superseded exceptions, events and
    /// audit. Shared by `PUT /v1/purchase-orders/{number}` and the bulk release, so both apply
    /// an order the same way. Expects a validated order from an ERP principal.
    static func releasing(_ order: PurchaseOrder, now: Date, request: RequestContext) -> (any StoreWriter) throws -> ReleaseResult {
        return { tx in
            guard try tx.supplier(id: order.supplier) != nil else {
                throw ProcurementError(.unknownSupplier, "There is no supplier \(order.supplier); create it with PUT /v1/suppliers/\(order.supplier) first.",
                                       fields: [.init(pointer: "/supplier", detail: "unknown supplier")])
            }
            let current = try tx.purchaseOrder(number: order.number, scope: .all)
            let decision = try ReleaseDecider.decide(incoming: order, current: current?.order)
            var superseded: [String] = []
            switch decision {
            case .unchanged:
                return ReleaseResult(decision: decision, record: current!, superseded: [])
            case .created:
                try OrderChangeDecider.checkNew(order)
                try tx.saveRevision(order, status: .awaitingAcknowledgement, now: now)
                try PartnerDocuments.enqueue(order: order, previous: nil, tx: tx, now: now, request: request)
                try tx.emit(DomainEvents.orderReleased(order.number, revision: order.revision, supplier: order.supplier, previous: nil), now: now)
                try tx.appendAudit(AuditEvent(actor: request.principal, action: "purchaseOrder.released", objectType: "purchaseOrder",
                                              objectID: order.number, detail: JSON.string(["revision": order.revision]),
                                              requestID: request.requestID), now: now)
            case .revised(let from):
                let change = try OrderChangeDecider.decide(incoming: order, current: current!.order, status: current!.status,
                                                           progress: try tx.lineProgress(purchaseOrder: order.number))
                try tx.saveRevision(order, status: change.status, now: now)
                try PartnerDocuments.enqueue(order: order, previous: current?.order, tx: tx, now: now, request: request)
                superseded = try tx.supersedeOpenExceptions(purchaseOrder: order.number, kinds: ExceptionKinds.supersededByRevision, now: now)
                try tx.emit(DomainEvents.orderReleased(order.number, revision: order.revision, supplier: order.supplier, previous: from), now: now)
                for id in superseded {
                    if let exception = try tx.exception(id: id) { try tx.emit(DomainEvents.exception(exception, change: "superseded"), now: now) }
                }
                try tx.appendAudit(AuditEvent(actor: request.principal, action: "purchaseOrder.revised", objectType: "purchaseOrder",
                                              objectID: order.number, detail: JSON.string(["revision": order.revision, "previousRevision": from]),
                                              requestID: request.requestID), now: now)
                try OrderChanges.record(change, order: order, previous: current!.order, tx: tx, request: request, now: now)
            }
            let record = try tx.purchaseOrder(number: order.number, scope: .all)!
            return ReleaseResult(decision: decision, record: record, superseded: superseded)
        }
    }

    /// One order; another supplier's order is "not found", never "forbidden".
    public func order(number: String, by request: RequestContext) throws -> OrderRecord {
        guard let record = try context.store.read({ try $0.purchaseOrder(number: number, scope: request.principal.scope) }) else {
            throw FlowError(.notFound, "There is no purchase order \(number).")
        }
        return record
    }

    public func revisions(number: String, by request: RequestContext) throws -> [Int] {
        try context.store.read { try $0.revisions(of: number, scope: request.principal.scope) }
    }

    public func orders(status: OrderStatus?, after: String?, limit: Int, by request: RequestContext) throws -> Page<OrderSummary> {
        try context.store.read {
            try $0.purchaseOrders(scope: request.principal.scope, status: status, after: after, limit: limit)
        }
    }

    public func acknowledgements(number: String, by request: RequestContext) throws -> [AcknowledgementRecord] {
        _ = try order(number: number, by: request)
        return try context.store.read { try $0.acknowledgements(purchaseOrder: number, scope: request.principal.scope) }
    }
}
