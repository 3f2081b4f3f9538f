import Foundation
import Procurement
import Storage

/// The exception queue: everything held for review, whatever held it. Buyers take exceptions
/// (assign), talk about them (comment) and decide them (approve or reject); each action is
/// audited and each decision is an event. What a decision does to the documents an exception
/// holds depends on its type; see `ExceptionKinds`.
public struct ReviewFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    public func exceptions(_ filter: ExceptionFilter, after: String?, limit: Int, by request: RequestContext) throws -> Page<ExceptionRecord> {
        try request.require(.buyer, .admin, .erp, to: "list exceptions")
        return try context.store.read { try $0.exceptions(filter, after: after, limit: limit) }
    }

    public func exception(id: String, by request: RequestContext) throws -> (ExceptionRecord, [ExceptionComment]) {
        try request.require(.buyer, .admin, .erp, to: "read exceptions")
        return try context.store.read { tx in
            guard let record = try tx.exception(id: id) else { throw FlowError(.notFound, "There is no exception \(id).") }
            return (record, try tx.exceptionComments(exceptionID: id))
        }
    }

    /// What an action on an exception answers: the exception as the action left it (with its
    /// comments, for a comment), whether it repeats an earlier request with the same
    /// `Idempotency-Key`, and when the action was taken (the first time, for a repeat).
    public struct Decision: Sendable {
        public let exception: ExceptionRecord
        public let comments: [ExceptionComment]?
        public let replayed: Bool
        public let at: Date
    }

    /// What a decision keeps with its idempotency record, to answer a repeat the same way.
    struct Answer: Codable {
        let exception: ExceptionRecord
        let comments: [ExceptionComment]?
    }

    /// Approve or reject: the exception's type decides what happens to what it holds.
    public func resolve(id: String, verdict: ReviewVerdict, note: String?, idempotencyKey: String? = nil,
                        by request: RequestContext) throws -> Decision {
        try request.require(.buyer, to: "resolve exceptions")
        try Self.checkText(note, field: "note")
        return try act(verdict == .approved ? "approveException" : "rejectException", parts: [id, IdempotentCommand.part(note)],
                       status: 200, key: idempotencyKey, by: request) { tx, now in
            guard let exception = try tx.exception(id: id) else {
                throw FlowError(.notFound, "There is no exception \(id).")
            }
            guard exception.status == .open else {
                throw ProcurementError(.exceptionNotOpen, "The exception \(id) is already \(exception.status.rawValue).")
            }
            try ExceptionKinds.resolve(exception, verdict: verdict, note: note, tx: tx, request: request, now: now)
            try tx.resolveException(id: id, status: verdict == .approved ? .approved : .rejected, by: request.principal.clientID,
                                    note: note, now: now)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: verdict == .approved ? "exception.approved" : "exception.rejected",
                                          objectType: "exception", objectID: id,
                                          detail: JSON.string(["type": exception.kind, "note": note ?? ""]),
                                          requestID: request.requestID), now: now)
            let resolved = try tx.exception(id: id)!
            try tx.emit(DomainEvents.exception(resolved, change: verdict == .approved ? "approved" : "rejected"), now: now)
            return Answer(exception: resolved, comments: nil)
        }
    }

    /// Gives an open exception to a buyer (a client id), or takes it back with nil.
    public func assign(id: String, owner: String?, idempotencyKey: String? = nil, by request: RequestContext) throws -> Decision {
        try request.require(.buyer, .admin, to: "assign exceptions")
        return try act("assignException", parts: [id, IdempotentCommand.part(owner)], status: 200, key: idempotencyKey, by: request) { tx, now in
            guard let exception = try tx.exception(id: id) else { throw FlowError(.notFound, "There is no exception \(id).") }
            guard exception.status == .open else {
                throw ProcurementError(.exceptionNotOpen, "The exception \(id) is already \(exception.status.rawValue).")
            }
            if let owner {
                guard let client = try tx.client(id: owner), client.revokedAt == nil, client.role == .buyer || client.role == .admin else {
                    throw ProcurementError(.invalidDocument, "\(owner) is not an active buyer or admin client.",
                                           fields: [.init(pointer: "/owner", detail: "must be the id of an active buyer or admin client")])
                }
            }
            try tx.assignException(id: id, owner: owner)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "exception.assigned", objectType: "exception", objectID: id,
                                          detail: JSON.string(["owner": owner ?? "", "previousOwner": exception.owner ?? ""]),
                                          requestID: request.requestID), now: now)
            let assigned = try tx.exception(id: id)!
            try tx.emit(DomainEvents.exception(assigned, change: "assigned"), now: now)
            return Answer(exception: assigned, comments: nil)
        }
    }

    /// Adds a comment; open or resolved, an exception can be talked about. Answers the exception
    /// with every comment it has then.
    public func comment(id: String, text: String, idempotencyKey: String? = nil, by request: RequestContext) throws -> Decision {
        try request.require(.buyer, .admin, to: "comment on exceptions")
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw ProcurementError(.invalidDocument, "The comment is empty.", fields: [.init(pointer: "/text", detail: "must not be empty")])
        }
        try Self.checkText(trimmed, field: "text")
        return try act("commentOnException", parts: [id, text], status: 201, key: idempotencyKey, by: request) { tx, now in
            guard let exception = try tx.exception(id: id) else { throw FlowError(.notFound, "There is no exception \(id).") }
            let comment = ExceptionComment(exceptionID: id, author: request.principal.clientID, text: trimmed, at: now)
            try tx.insertExceptionComment(comment)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "exception.commented", objectType: "exception", objectID: id,
                                          detail: JSON.string(["text": trimmed]), requestID: request.requestID), now: now)
            return Answer(exception: exception, comments: try tx.exceptionComments(exceptionID: id))
        }
    }

    /// Runs an action in one transaction; with an `Idempotency-Key`, at most once, its answer kept
    /// with the key (see `IdempotentCommand`).
    private func act(_ operation: String, parts: [String], status: Int, key: String?, by request: RequestContext,
                     _ body: (any StoreWriter, Date) throws -> Answer) throws -> Decision {
        let outcome = try IdempotentCommand.decide(context, operation: operation, parts: parts, key: key, status: status,
                                                   by: request) { tx, now in
            let answer = try body(tx, now)
            return (answer, answer.exception.id)
        }
        return Decision(exception: outcome.value.exception, comments: outcome.value.comments, replayed: outcome.replayed, at: outcome.at)
    }

    static func checkText(_ text: String?, field: String) throws {
        if let text, text.count > 2000 {
            throw ProcurementError(.invalidDocument, "The \(field) is too long: at most 2000 characters.",
                                   fields: [.init(pointer: "/\(field)", detail: "must be at most 2000 characters")])
        }
    }
}

/// The types of exception and what a buyer's decision on each does. A type not listed here
/// is an alert: approving or rejecting it closes it and changes nothing else.
enum ExceptionKinds {
    /// A supplier's answer outside its tolerances.
    static let orderResponse = "orderResponseOutOfTolerance"
    /// A supplier's change request outside its tolerances.
    static let changeRequest = "changeRequestOutOfTolerance"
    /// Kinds that a new revision of their order makes moot.
    static let supersededByRevision = [orderResponse, acknowledgementOverdue, changeRequest]

    static func resolve(_ exception: ExceptionRecord, verdict: ReviewVerdict, note: String? = nil, tx: any StoreWriter,
                        request: RequestContext, now: Date) throws {
        switch exception.kind {
        case orderResponse: try resolveOrderResponse(exception, verdict: verdict, tx: tx, request: request, now: now)
        case shipNoticeMissingCertificate: try resolveShipNoticeHold(exception, verdict: verdict, tx: tx, request: request, now: now)
        case invoiceVariance: try InvoiceFlow.resolveVariance(exception, verdict: verdict, note: note, tx: tx, request: request, now: now)
        case changeRequest: try ChangeRequestFlow.resolve(exception, verdict: verdict, tx: tx, request: request, now: now)
        default: break
        }
    }

    /// Approve: the order is confirmed as the supplier answered, and the ERP is told.
    /// Reject: the order goes back to the supplier for a new answer.
    private static func resolveOrderResponse(_ exception: ExceptionRecord, verdict: ReviewVerdict, tx: any StoreWriter,
                                             request: RequestContext, now: Date) throws {
        guard let number = exception.purchaseOrder, let current = try tx.purchaseOrder(number: number, scope: .all) else {
            throw FlowError(.notFound, "There is no purchase order \(exception.purchaseOrder ?? "").")
        }
        let status = try ReviewDecider.decide(verdict: verdict, exceptionIsOpen: true, exceptionRevision: exception.revision ?? 0,
                                              order: current.order, status: current.status)
        try tx.setOrderStatus(number: number, status: status, now: now)
        try tx.emit(DomainEvents.orderReviewed(current.order, status: status, exception: exception.id), now: now)
        if verdict == .approved, let ackID = exception.acknowledgementID, let ack = try tx.acknowledgement(id: ackID, scope: .all) {
            try tx.enqueue(ERPPostings.confirmation(try PreparedAcknowledgement(ack), approvedBy: request.principal.clientID, now: now), now: now)
            for alert in PlanningAlerts.late(order: current.order, confirmed: ack.lines) {
                try tx.emit(DomainEvents.planningAlert(alert, order: current.order), now: now)
            }
        }
    }
}
