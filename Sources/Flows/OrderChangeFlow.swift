import Foundation
import Procurement
import Storage

/// The ERP cancels lines (a revision with `cancelled` lines, through the ordinary release) or
/// the whole order (`cancel`). Both are new revisions: the supplier sees them as an order
/// change, open answers to the old revision are superseded, and no change may go below what
/// has been shipped or received.
public struct OrderChangeFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    public struct CancelResult: Sendable {
        public let record: OrderRecord
        public let replayed: Bool
    }

    /// Cancels every line of the order in a new revision (`revision`, or the next one) and sets
    /// it `cancelled`. ERP only; one `Idempotency-Key` applies it once.
    public func cancel(number: String, revision: Int?, reason: String, idempotencyKey: String,
                       by request: RequestContext) throws -> CancelResult {
        try request.require(.erp, to: "cancel purchase orders")
        let command = IdempotentCommand(operation: "cancelOrder", key: idempotencyKey,
                                        parts: [number, revision.map(String.init) ?? "", reason])
        let outcome = try command.run(context, by: request, body: { tx, now in
            guard let current = try tx.purchaseOrder(number: number, scope: request.principal.scope) else {
                throw FlowError(.notFound, "There is no purchase order \(number).")
            }
            let (order, change) = try OrderChangeDecider.cancellation(of: current.order, status: current.status, revision: revision,
                                                                      reason: reason, progress: try tx.lineProgress(purchaseOrder: number))
            try tx.saveRevision(order, status: change.status, now: now)
            try PartnerDocuments.enqueue(order: order, previous: current.order, tx: tx, now: now, request: request)
            let superseded = try tx.supersedeOpenExceptions(purchaseOrder: number, kinds: ExceptionKinds.supersededByRevision, now: now)
            try tx.emit(DomainEvents.orderReleased(number, revision: order.revision, supplier: order.supplier, previous: current.order.revision), now: now)
            for id in superseded {
                if let exception = try tx.exception(id: id) { try tx.emit(DomainEvents.exception(exception, change: "superseded"), now: now) }
            }
            try OrderChanges.record(change, order: order, previous: current.order, tx: tx, request: request, now: now)
            return (try tx.purchaseOrder(number: number, scope: .all)!, "\(number):\(order.revision)", 200)
        }, replay: { tx, _ in
            guard let record = try tx.purchaseOrder(number: number, scope: request.principal.scope) else {
                throw FlowError(.notFound, "There is no purchase order \(number).")
            }
            return record
        })
        return CancelResult(record: outcome.value, replayed: outcome.replayed)
    }
}

/// What every path that releases a revision does about cancellations and open change requests.
enum OrderChanges {
    /// After a revision is saved: change requests still waiting for a buyer are superseded (an
    /// event each); each newly cancelled line and a cancelled order is an event and an audit entry.
    static func record(_ change: OrderChange, order: PurchaseOrder, previous: PurchaseOrder, tx: any StoreWriter,
                       request: RequestContext, now: Date) throws {
        for id in try tx.supersedeChangeRequests(purchaseOrder: order.number, now: now) {
            if let superseded = try tx.changeRequest(id: id, scope: .all) {
                try tx.emit(DomainEvents.changeRequestDecided(superseded), now: now)
            }
        }
        for number in change.cancelledLines {
            if let line = order.line(number) { try tx.emit(DomainEvents.lineCancelled(line, order: order), now: now) }
        }
        if change.cancelsOrder {
            try tx.emit(DomainEvents.orderCancelled(order), now: now)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "purchaseOrder.cancelled", objectType: "purchaseOrder",
                                          objectID: order.number,
                                          detail: JSON.string(CancelDetail(revision: order.revision, reason: order.cancelReason, lines: change.cancelledLines)),
                                          requestID: request.requestID), now: now)
        } else if !change.cancelledLines.isEmpty {
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "purchaseOrder.linesCancelled", objectType: "purchaseOrder",
                                          objectID: order.number,
                                          detail: JSON.string(CancelDetail(revision: order.revision, reason: nil, lines: change.cancelledLines)),
                                          requestID: request.requestID), now: now)
        }
    }

    private struct CancelDetail: Encodable {
        let revision: Int
        let reason: String?
        let lines: [Int]
    }
}
