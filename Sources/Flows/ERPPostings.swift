import Foundation
import Procurement
import Storage

/// The messages the ERP must know about, built in one place so every path (automatic
/// decision, buyer approval) says the same thing.
enum ERPPostings {
    struct OrderConfirmation: Encodable {
        let purchaseOrder: String
        let revision: Int
        let supplier: String
        let acknowledgement: String
        let decision: String
        let approvedBy: String?
        let lines: [ConfirmedLine]
        let confirmedAt: String
    }

    struct OrderRejection: Encodable {
        let purchaseOrder: String
        let revision: Int
        let supplier: String
        let acknowledgement: String
        let reasons: [Reason]
        let lines: [ConfirmedLine]
        let rejectedAt: String
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func confirmation(_ ack: AcknowledgementRecord, approvedBy: String?, now: Date) -> OutboxMessage {
        let body = OrderConfirmation(purchaseOrder: ack.purchaseOrder, revision: ack.revision, supplier: ack.supplier,
                                     acknowledgement: ack.id, decision: "confirmed", approvedBy: approvedBy,
                                     lines: ack.lines, confirmedAt: timestamp(now))
        return OutboxMessage(kind: "orderConfirmation", document: ack.purchaseOrder, revision: ack.revision,
                             idempotencyKey: "orderConfirmation:\(ack.purchaseOrder):\(ack.revision):\(ack.id)",
                             payload: JSON.encode(body))
    }

    static func rejection(_ ack: AcknowledgementRecord, now: Date) -> OutboxMessage {
        let body = OrderRejection(purchaseOrder: ack.purchaseOrder, revision: ack.revision, supplier: ack.supplier,
                                  acknowledgement: ack.id, reasons: ack.reasons, lines: ack.lines, rejectedAt: timestamp(now))
        return OutboxMessage(kind: "orderRejection", document: ack.purchaseOrder, revision: ack.revision,
                             idempotencyKey: "orderRejection:\(ack.purchaseOrder):\(ack.revision):\(ack.id)",
                             payload: JSON.encode(body))
    }
}
