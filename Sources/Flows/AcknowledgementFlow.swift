import Foundation
import Procurement
import Storage
import Telemetry

/// A supplier acknowledges an order: authorize → dedupe (inbox) → load → decide → persist
/// state, outbox and audit in one transaction.
///
/// The decision and every encoding are prepared outside the store's single writer, from a
/// snapshot read; inside the write the flow only re-checks that the order has not moved
/// (revision and status) and inserts the prepared rows. If it has moved, the flow decides
/// again inside the write, so the outcome is always the one the committed state gives.
public struct AcknowledgementFlow: Sendable {
    let context: FlowContext
    private let decided: [Decision: Counter]

    public init(context: FlowContext) {
        self.context = context
        var decided: [Decision: Counter] = [:]
        for decision in [Decision.confirmed, .inReview, .rejected] {
            decided[decision] = context.metrics.counter("supplyline_acknowledgements_total", help: "Acknowledgements decided",
                                                        labels: ["decision": decision.rawValue])
        }
        self.decided = decided
    }

    public struct Result: Sendable {
        /// The acknowledgement with its parts already encoded (for rendering without encoding again).
        public let prepared: PreparedAcknowledgement
        public var record: AcknowledgementRecord { prepared.record }
        /// True when this is the stored answer to an earlier request with the same key.
        public let replayed: Bool
    }

    /// - Parameter idempotencyKey: the client's key; the same key and the same request replay
    ///   the first answer, the same key with another request is refused. "The same request" is
    ///   the same order and the same answer once decoded, so a client that re-serialises its
    ///   JSON (other key order, other spacing) on retry is still recognised.
    public func acknowledge(number: String, response: OrderResponse, idempotencyKey: String,
                            by request: RequestContext) throws -> Result {
        try request.require(.supplier, to: "acknowledge purchase orders")
        let principal = request.principal
        let responseJSON = response.canonicalJSON
        let fingerprint = RequestFingerprint(["acknowledge", number, responseJSON]) { "acknowledge \(number)\n\(responseJSON)" }
        let key = Key(number: number, idempotencyKey: idempotencyKey, fingerprint: fingerprint)

        // The order and supplier as last committed, from the store's memory: the decision is
        // prepared without a read, and the write re-checks the key and the order's state. If
        // the store does not hold them, or the plan fails (an error may rather be a retry whose
        // answer is kept), the snapshot path below decides.
        if let committed = context.store.committedOrder(number: number), principal.scope.covers(committed.order.supplier),
           let supplier = try committed.supplier ?? context.store.currentSupplier(id: committed.order.supplier),
           let prepared = try? plan(order: committed.order, status: committed.status, supplier: supplier, response: response,
                                    responseJSON: responseJSON, key: key, request: request) {
            return try commit(prepared, basis: committed.order.revision, committed.status, response: response,
                              responseJSON: responseJSON, key: key, request: request)
        }

        // A snapshot outside the writer: a retry is answered here, and the decision is
        // prepared here.
        let snapshot = try context.store.read { tx -> (InboxEntry?, OrderRecord?, Supplier?) in
            let entry = try tx.inboxEntry(clientID: principal.clientID, key: idempotencyKey)
            let order = try tx.purchaseOrder(number: number, scope: principal.scope)
            return (entry, order, try order.flatMap { try tx.supplier(id: $0.order.supplier) })
        }
        if let entry = snapshot.0 {
            return try context.store.read { try replay(entry, key: key, principal: principal, tx: $0) }
        }
        guard let current = snapshot.1 else { throw FlowError(.notFound, "There is no purchase order \(number).") }
        let prepared = try plan(order: current.order, status: current.status, supplier: snapshot.2, response: response,
                                responseJSON: responseJSON, key: key, request: request)
        return try commit(prepared, basis: current.order.revision, current.status, response: response,
                          responseJSON: responseJSON, key: key, request: request)
    }

    /// Writes a prepared acknowledgement, unless the key was used before (then its answer) or
    /// the order has moved since the plan's basis (then it decides again on what is committed).
    private func commit(_ prepared: Plan, basis revision: Int, _ status: OrderStatus, response: OrderResponse,
                        responseJSON: String, key: Key, request: RequestContext) throws -> Result {
        let principal = request.principal
        // Repeatable: the body only reads and writes the store and returns its answer.
        let result: Result = try context.store.writeRepeatable { tx in
            // The order as planned: the key is claimed first, and if the client used it before,
            // nothing has been written and the first answer is given again.
            if let state = try tx.orderState(number: key.number, scope: principal.scope),
               state.revision == revision, state.status == status {
                guard try tx.insertInboxEntryIfNew(prepared.inbox) else {
                    return try replay(key: key, principal: principal, tx: tx)
                }
                try apply(prepared, tx: tx, inboxWritten: true)
                return Result(prepared: prepared.acknowledgement, replayed: false)
            }
            // The order moved, or is not there: an earlier answer to the key still wins, then
            // the decision is made again on the order as it is.
            if let entry = try tx.inboxEntry(clientID: principal.clientID, key: key.idempotencyKey) {
                return try replay(entry, key: key, principal: principal, tx: tx)
            }
            guard let moved = try tx.purchaseOrder(number: key.number, scope: principal.scope) else {
                throw FlowError(.notFound, "There is no purchase order \(key.number).")
            }
            let plan = try self.plan(order: moved.order, status: moved.status, supplier: try tx.supplier(id: moved.order.supplier),
                                     response: response, responseJSON: responseJSON, key: key, request: request)
            try apply(plan, tx: tx, inboxWritten: false)
            return Result(prepared: plan.acknowledgement, replayed: false)
        }
        if !result.replayed { decided[result.record.decision]?.increment() }
        return result
    }

    struct Key {
        let number: String
        let idempotencyKey: String
        let fingerprint: RequestFingerprint
    }

    /// Everything one acknowledgement writes, prepared outside the writer.
    struct Plan {
        let acknowledgement: PreparedAcknowledgement
        let status: OrderStatus
        let outbox: OutboxMessage?
        let exception: ExceptionRecord?
        let events: [NewEvent]
        let audit: AuditEvent
        let inbox: InboxEntry
        let now: Date
    }

    private func plan(order: PurchaseOrder, status: OrderStatus, supplier: Supplier?, response: OrderResponse,
                      responseJSON: String, key: Key, request: RequestContext) throws -> Plan {
        guard let supplier else {
            throw ProcurementError(.unknownSupplier, "The supplier of \(key.number) is not on file.")
        }
        let outcome = try AcknowledgementDecider.decide(order: order, status: status,
                                                        response: response, tolerances: supplier.tolerances)
        let now = context.clock.now()
        let ackID = Identifiers.make("ack")
        let record = AcknowledgementRecord(id: ackID, purchaseOrder: key.number, revision: order.revision,
                                           supplier: supplier.id, clientID: request.principal.clientID, response: response,
                                           decision: outcome.decision, reasons: outcome.reasons, lines: outcome.lines,
                                           receivedAt: now)
        let prepared = try PreparedAcknowledgement(record, responseJSON: responseJSON)
        var outbox: OutboxMessage?
        var exception: ExceptionRecord?
        switch outcome.decision {
        case .confirmed: outbox = ERPPostings.confirmation(prepared, approvedBy: nil, now: now)
        case .rejected: outbox = ERPPostings.rejection(prepared, now: now)
        case .inReview:
            exception = ExceptionRecord(id: Identifiers.make("exc"), kind: ExceptionKinds.orderResponse, supplier: supplier.id,
                                        purchaseOrder: key.number, revision: record.revision, acknowledgementID: ackID,
                                        reasons: outcome.reasons, createdAt: now)
        }
        var detail = CanonicalJSON.Writer(capacity: 128)
        detail.byte(UInt8(ascii: "{"))
        detail.member("acknowledgement", ackID)
        detail.member("decision", outcome.decision.rawValue)
        detail.key("reasons")
        detail.array(outcome.reasons) { $0.string($1.code) }
        detail.member("revision", record.revision)
        detail.byte(UInt8(ascii: "}"))
        var events = [DomainEvents.acknowledged(record, reasonCodes: outcome.reasons.map(\.code))]
        if let exception { events.append(DomainEvents.exception(exception, change: "opened")) }
        if outcome.decision == .confirmed {
            events += PlanningAlerts.late(order: order, confirmed: outcome.lines).map { DomainEvents.planningAlert($0, order: order) }
        }
        return Plan(acknowledgement: prepared, status: outcome.decision.orderStatus, outbox: outbox, exception: exception,
                    events: events,
                    audit: AuditEvent(actor: request.principal, action: "purchaseOrder.acknowledged", objectType: "purchaseOrder",
                                      objectID: key.number, detail: detail.string, requestID: request.requestID).digested(at: now),
                    inbox: InboxEntry(clientID: request.principal.clientID, key: key.idempotencyKey, requestHash: key.fingerprint.value,
                                      operation: "acknowledge", resultStatus: 201, resultRef: ackID, createdAt: now),
                    now: now)
    }

    private func apply(_ plan: Plan, tx: any StoreWriter, inboxWritten: Bool) throws {
        let record = plan.acknowledgement.record
        try tx.insertAcknowledgement(plan.acknowledgement)
        try tx.setOrderStatus(number: record.purchaseOrder, status: plan.status, now: plan.now)
        try TimerSweep.acknowledgementReceived(purchaseOrder: record.purchaseOrder, revision: record.revision, tx: tx, now: plan.now)
        if let outbox = plan.outbox { try tx.enqueue(outbox, now: plan.now) }
        if let exception = plan.exception { try tx.insertException(exception) }
        if !inboxWritten { try tx.insertInboxEntry(plan.inbox) }
        try tx.appendAudit(plan.audit, now: plan.now)
        for event in plan.events { try tx.emit(event, now: plan.now) }
    }

    /// The answer to a request whose key was used before, by this client.
    private func replay(key: Key, principal: Principal, tx: any StoreReader) throws -> Result {
        guard let entry = try tx.inboxEntry(clientID: principal.clientID, key: key.idempotencyKey) else {
            throw FlowError(.notFound, "There is no purchase order \(key.number).")
        }
        return try replay(entry, key: key, principal: principal, tx: tx)
    }

    /// The answer to a request whose key was used before.
    private func replay(_ entry: InboxEntry, key: Key, principal: Principal, tx: any StoreReader) throws -> Result {
        guard key.fingerprint.matches(entry.requestHash) else {
            throw FlowError(.idempotencyKeyReused,
                "The Idempotency-Key \(key.idempotencyKey) was already used for a different request; use a new key for a new request.")
        }
        guard let original = try tx.acknowledgement(id: entry.resultRef, scope: principal.scope) else {
            throw FlowError(.notFound, "There is no purchase order \(key.number).")
        }
        return Result(prepared: try PreparedAcknowledgement(original), replayed: true)
    }
}
