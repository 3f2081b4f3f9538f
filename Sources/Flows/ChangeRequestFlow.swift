import Foundation
import Procurement
import Storage
import Telemetry

/// A supplier asks to change what it confirmed: authorize → dedupe (inbox) → load → decide →
/// persist the request, the outbox message or the exception, audit and events in one
/// transaction.
///
/// Within tolerance the confirmed schedule changes at once (see `ConfirmedSchedule`), the ERP
/// gets a `scheduleChange` posting and planning an alert for each critical line the change
/// moves past its need-by date. Outside tolerance a buyer decides
/// (`changeRequestOutOfTolerance`); until then the previous confirmation holds.
public struct ChangeRequestFlow: Sendable {
    let context: FlowContext
    private let decided: [ChangeRequestStatus: Counter]

    public init(context: FlowContext) {
        self.context = context
        var decided: [ChangeRequestStatus: Counter] = [:]
        for status in [ChangeRequestStatus.applied, .inReview] {
            decided[status] = context.metrics.counter("supplyline_change_requests_total", help: "Supplier change requests decided",
                                                      labels: ["decision": status.rawValue])
        }
        self.decided = decided
    }

    public struct Result: Sendable {
        public let record: ChangeRequestRecord
        public let replayed: Bool
    }

    public func submit(number: String, request changeRequest: ChangeRequest, idempotencyKey: String,
                       by request: RequestContext) throws -> Result {
        try request.require(.supplier, to: "request changes to purchase orders")
        let principal = request.principal
        let command = IdempotentCommand(operation: "changeRequest", key: idempotencyKey, parts: [number, JSON.string(changeRequest)])
        let outcome = try command.run(context, by: request, body: { tx, now in
            guard let current = try tx.purchaseOrder(number: number, scope: principal.scope) else {
                throw FlowError(.notFound, "There is no purchase order \(number).")
            }
            guard let supplier = try tx.supplier(id: current.order.supplier) else {
                throw ProcurementError(.unknownSupplier, "The supplier of \(number) is not on file.")
            }
            let confirmed = try ConfirmedSchedule.lines(of: current, tx: tx) ?? []
            let pending = try tx.changeRequests(purchaseOrder: number, scope: .all).last { $0.status == .inReview }?.id
            let decided = try ChangeRequestDecider.decide(order: current.order, status: current.status, confirmed: confirmed,
                                                          request: changeRequest, progress: try tx.lineProgress(purchaseOrder: number),
                                                          pending: pending, tolerances: supplier.tolerances)
            let id = Identifiers.make("chr")
            var exception: ExceptionRecord?
            if decided.status == .inReview {
                exception = ExceptionRecord(id: Identifiers.make("exc"), kind: ExceptionKinds.changeRequest, supplier: supplier.id,
                                            purchaseOrder: number, revision: current.order.revision,
                                            links: ["changeRequest": id], reasons: decided.reasons, createdAt: now)
            }
            let record = ChangeRequestRecord(id: id, purchaseOrder: number, revision: current.order.revision, supplier: supplier.id,
                                             clientID: principal.clientID, request: changeRequest, status: decided.status,
                                             reasons: decided.reasons, lines: decided.lines, previous: decided.previous,
                                             exceptionID: exception?.id, receivedAt: now,
                                             decidedAt: decided.status == .applied ? now : nil,
                                             decidedBy: decided.status == .applied ? "system" : nil)
            try tx.insertChangeRequest(record)
            try tx.emit(DomainEvents.changeRequested(record), now: now)
            if let exception {
                try tx.insertException(exception)
                try tx.emit(DomainEvents.exception(exception, change: "opened"), now: now)
            } else {
                try Self.apply(record, order: current.order, previous: confirmed, approvedBy: nil, tx: tx, now: now)
            }
            try tx.appendAudit(AuditEvent(actor: principal, action: "purchaseOrder.changeRequested", objectType: "purchaseOrder",
                                          objectID: number,
                                          detail: JSON.string(AuditDetail(changeRequest: id, decision: decided.status.rawValue,
                                                                          reasons: decided.reasons.map(\.code), revision: record.revision)),
                                          requestID: request.requestID), now: now)
            return (record, id, 201)
        }, replay: { tx, ref in
            guard let record = try tx.changeRequest(id: ref, scope: principal.scope) else {
                throw FlowError(.notFound, "There is no purchase order \(number).")
            }
            return record
        })
        if !outcome.replayed { decided[outcome.value.status]?.increment() }
        return Result(record: outcome.value, replayed: outcome.replayed)
    }

    /// An order's change requests, oldest first; another supplier's order is "not found".
    public func changeRequests(number: String, by request: RequestContext) throws -> [ChangeRequestRecord] {
        try context.store.read { tx in
            guard try tx.orderState(number: number, scope: request.principal.scope) != nil else {
                throw FlowError(.notFound, "There is no purchase order \(number).")
            }
            return try tx.changeRequests(purchaseOrder: number, scope: request.principal.scope)
        }
    }

    private struct AuditDetail: Encodable {
        let changeRequest: String
        let decision: String
        let reasons: [String]
        let revision: Int
    }

    /// The change takes effect: the ERP is told, and planning hears of critical lines it makes late.
    /// The order is marked changed (its status stays `confirmed`), so whatever watches confirmed
    /// orders by their change time (the ship-notice timer) reads the new schedule.
    private static func apply(_ record: ChangeRequestRecord, order: PurchaseOrder, previous: [ConfirmedLine], approvedBy: String?,
                              tx: any StoreWriter, now: Date) throws {
        try tx.setOrderStatus(number: record.purchaseOrder, status: .confirmed, now: now)
        try tx.enqueue(ERPPostings.scheduleChange(record, approvedBy: approvedBy, now: now), now: now)
        for alert in PlanningAlerts.moved(order: order, from: previous, to: record.lines) {
            try tx.emit(DomainEvents.planningAlert(alert, order: order), now: now)
        }
    }

    /// A buyer's verdict on a `changeRequestOutOfTolerance` exception. Approve: the change
    /// applies as if it had been within tolerance (checked again against what has been shipped
    /// since). Reject: the previous confirmation stands.
    static func resolve(_ exception: ExceptionRecord, verdict: ReviewVerdict, tx: any StoreWriter, request: RequestContext, now: Date) throws {
        guard let id = exception.links["changeRequest"], let record = try tx.changeRequest(id: id, scope: .all) else {
            throw FlowError(.notFound, "There is no change request \(exception.links["changeRequest"] ?? "") behind exception \(exception.id).")
        }
        guard record.status == .inReview else {
            throw ProcurementError(.exceptionNotOpen, "Change request \(record.id) is already \(record.status.rawValue).")
        }
        guard let current = try tx.purchaseOrder(number: record.purchaseOrder, scope: .all),
              current.order.revision == record.revision, current.status == .confirmed else {
            throw ProcurementError(.exceptionNotOpen,
                "\(record.purchaseOrder) moved on from revision \(record.revision); change request \(record.id) no longer applies.")
        }
        let by = request.principal.clientID
        if verdict == .approved {
            let progress = try tx.lineProgress(purchaseOrder: record.purchaseOrder)
            for line in record.lines {
                if let ordered = current.order.line(line.line) {
                    try ChangeRequestDecider.checkCommitted(ordered: ordered, schedule: line.schedule, number: record.purchaseOrder,
                                                            progress: progress)
                }
            }
            let before = try ConfirmedSchedule.lines(of: current, tx: tx) ?? record.previous
            try tx.decideChangeRequest(id: record.id, status: .approved, by: by, now: now)
            try apply(record, order: current.order, previous: before, approvedBy: by, tx: tx, now: now)
        } else {
            try tx.decideChangeRequest(id: record.id, status: .rejected, by: by, now: now)
        }
        if let decided = try tx.changeRequest(id: record.id, scope: .all) {
            try tx.emit(DomainEvents.changeRequestDecided(decided), now: now)
        }
    }
}
