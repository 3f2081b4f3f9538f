import Foundation
import Procurement
import Storage

/// A buyer resolves an answer that was held for review.
public struct ReviewFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    public func exceptions(status: ExceptionStatus?, after: String?, limit: Int, by request: RequestContext) throws -> Page<ExceptionRecord> {
        try request.require(.buyer, .admin, .erp, to: "list exceptions")
        return try context.store.read { try $0.exceptions(status: status, after: after, limit: limit) }
    }

    public func exception(id: String, by request: RequestContext) throws -> ExceptionRecord {
        try request.require(.buyer, .admin, .erp, to: "read exceptions")
        guard let record = try context.store.read({ try $0.exception(id: id) }) else {
            throw FlowError(.notFound, "There is no exception \(id).")
        }
        return record
    }

    /// Approve: the order is confirmed as the supplier answered, and the ERP is told.
    /// Reject: the order goes back to the supplier for a new answer.
    public func resolve(id: String, verdict: ReviewVerdict, note: String?, by request: RequestContext) throws -> ExceptionRecord {
        try request.require(.buyer, to: "resolve exceptions")
        if let note, note.count > 2000 {
            throw ProcurementError(.invalidDocument, "The note is too long: at most 2000 characters.",
                                   fields: [.init(pointer: "/note", detail: "must be at most 2000 characters")])
        }
        let now = context.clock.now()
        return try context.store.write { tx in
            guard let exception = try tx.exception(id: id) else {
                throw FlowError(.notFound, "There is no exception \(id).")
            }
            guard let current = try tx.purchaseOrder(number: exception.purchaseOrder, scope: .all) else {
                throw FlowError(.notFound, "There is no purchase order \(exception.purchaseOrder).")
            }
            let status = try ReviewDecider.decide(verdict: verdict, exceptionIsOpen: exception.status == .open,
                                                  exceptionRevision: exception.revision, order: current.order, status: current.status)
            try tx.setOrderStatus(number: exception.purchaseOrder, status: status, now: now)
            try tx.resolveException(id: id, status: verdict == .approved ? .approved : .rejected, by: request.principal.clientID,
                                    note: note, now: now)
            if verdict == .approved, let ack = try tx.acknowledgement(id: exception.acknowledgementID, scope: .all) {
                try tx.enqueue(ERPPostings.confirmation(try PreparedAcknowledgement(ack), approvedBy: request.principal.clientID,
                                                        now: now), now: now)
                for alert in PlanningAlerts.late(order: current.order, confirmed: ack.lines) {
                    try tx.emit(DomainEvents.planningAlert(alert, order: current.order), now: now)
                }
            }
            try tx.appendAudit(AuditEvent(actor: request.principal, action: verdict == .approved ? "exception.approved" : "exception.rejected",
                                          objectType: "exception", objectID: id,
                                          detail: JSON.string(["purchaseOrder": exception.purchaseOrder, "note": note ?? ""]),
                                          requestID: request.requestID), now: now)
            let resolved = try tx.exception(id: id)!
            try tx.emit(DomainEvents.exception(resolved, change: verdict == .approved ? "approved" : "rejected"), now: now)
            return resolved
        }
    }
}
