import Foundation
import Procurement
import Sodium
import Storage

/// A supplier acknowledges an order: authorize → dedupe (inbox) → load → decide → persist
/// state, outbox and audit in one transaction.
public struct AcknowledgementFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    public struct Result: Sendable {
        public let record: AcknowledgementRecord
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
        let fingerprint = Sodium.hex(Sodium.sha256(Array("acknowledge \(number)\n".utf8) + JSON.encode(response)))
        let now = context.clock.now()
        let ackID = Identifiers.make("ack")

        let result: Result = try context.store.write { tx in
            if let entry = try tx.inboxEntry(clientID: principal.clientID, key: idempotencyKey) {
                guard entry.requestHash == fingerprint else {
                    throw FlowError(.idempotencyKeyReused,
                        "The Idempotency-Key \(idempotencyKey) was already used for a different request; use a new key for a new request.")
                }
                guard let original = try tx.acknowledgement(id: entry.resultRef, scope: principal.scope) else {
                    throw FlowError(.notFound, "There is no purchase order \(number).")
                }
                return Result(record: original, replayed: true)
            }
            guard let current = try tx.purchaseOrder(number: number, scope: principal.scope) else {
                throw FlowError(.notFound, "There is no purchase order \(number).")
            }
            guard let supplier = try tx.supplier(id: current.order.supplier) else {
                throw ProcurementError(.unknownSupplier, "The supplier of \(number) is not on file.")
            }
            let outcome = try AcknowledgementDecider.decide(order: current.order, status: current.status,
                                                            response: response, tolerances: supplier.tolerances)
            let record = AcknowledgementRecord(id: ackID, purchaseOrder: number, revision: current.order.revision,
                                               supplier: supplier.id, clientID: principal.clientID, response: response,
                                               decision: outcome.decision, reasons: outcome.reasons, lines: outcome.lines,
                                               receivedAt: now)
            try tx.insertAcknowledgement(record)
            try tx.setOrderStatus(number: number, status: outcome.decision.orderStatus, now: now)
            switch outcome.decision {
            case .confirmed:
                try tx.enqueue(ERPPostings.confirmation(record, approvedBy: nil, now: now), now: now)
            case .rejected:
                try tx.enqueue(ERPPostings.rejection(record, now: now), now: now)
            case .inReview:
                try tx.insertException(ExceptionRecord(id: Identifiers.make("exc"), kind: "orderResponseOutOfTolerance",
                                                       purchaseOrder: number, revision: record.revision, supplier: supplier.id,
                                                       acknowledgementID: ackID, reasons: outcome.reasons, status: .open,
                                                       createdAt: now))
            }
            try tx.insertInboxEntry(InboxEntry(clientID: principal.clientID, key: idempotencyKey, requestHash: fingerprint,
                                               operation: "acknowledge", resultStatus: 201, resultRef: ackID, createdAt: now))
            try tx.appendAudit(AuditEvent(actor: principal, action: "purchaseOrder.acknowledged", objectType: "purchaseOrder",
                                          objectID: number,
                                          detail: JSON.string(AuditDetail(acknowledgement: ackID, revision: record.revision,
                                                                          decision: outcome.decision.rawValue,
                                                                          reasons: outcome.reasons.map(\.code))),
                                          requestID: request.requestID), now: now)
            return Result(record: record, replayed: false)
        }
        if !result.replayed {
            context.metrics.counter("supplyline_acknowledgements_total", help: "Acknowledgements decided",
                                    labels: ["decision": result.record.decision.rawValue]).increment()
        }
        return result
    }

    struct AuditDetail: Encodable {
        let acknowledgement: String
        let revision: Int
        let decision: String
        let reasons: [String]
    }
}
