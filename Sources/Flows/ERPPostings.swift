import Foundation
import Procurement
import Storage

/// The messages the ERP must know about, built in one place so every path (automatic
/// decision, buyer approval) says the same thing. The lines are spliced in as the
/// acknowledgement already encoded them rather than encoded a second time.
enum ERPPostings {
    static func timestamp(_ date: Date) -> String {
        TimestampText.iso(date)
    }

    /// `{"acknowledgement":…,"approvedBy":…,"confirmedAt":…,"decision":"confirmed","lines":[…],
    /// "purchaseOrder":…,"revision":…,"supplier":…}`
    static func confirmation(_ ack: PreparedAcknowledgement, approvedBy: String?, now: Date) -> OutboxMessage {
        let r = ack.record
        var body = CanonicalJSON.Writer(capacity: 256 + ack.linesJSON.utf8.count)
        body.raw("{\"acknowledgement\":")
        body.string(r.id)
        if let approvedBy {
            body.raw(",\"approvedBy\":")
            body.string(approvedBy)
        }
        body.raw(",\"confirmedAt\":")
        body.string(timestamp(now))
        body.raw(",\"decision\":\"confirmed\",\"lines\":")
        body.json(ack.linesJSON)
        body.raw(",\"purchaseOrder\":")
        body.string(r.purchaseOrder)
        body.raw(",\"revision\":")
        body.int(r.revision)
        body.raw(",\"supplier\":")
        body.string(r.supplier)
        body.byte(UInt8(ascii: "}"))
        return OutboxMessage(kind: "orderConfirmation", document: r.purchaseOrder, revision: r.revision,
                             idempotencyKey: "orderConfirmation:" + r.purchaseOrder + ":" + String(r.revision) + ":" + r.id,
                             payload: body.bytes)
    }

    /// `{"acknowledgement":…,"lines":[…],"purchaseOrder":…,"reasons":[…],"rejectedAt":…,"revision":…,"supplier":…}`
    static func rejection(_ ack: PreparedAcknowledgement, now: Date) -> OutboxMessage {
        let r = ack.record
        var body = CanonicalJSON.Writer(capacity: 256 + ack.linesJSON.utf8.count + ack.reasonsJSON.utf8.count)
        body.raw("{\"acknowledgement\":")
        body.string(r.id)
        body.raw(",\"lines\":")
        body.json(ack.linesJSON)
        body.raw(",\"purchaseOrder\":")
        body.string(r.purchaseOrder)
        body.raw(",\"reasons\":")
        body.json(ack.reasonsJSON)
        body.raw(",\"rejectedAt\":")
        body.string(timestamp(now))
        body.raw(",\"revision\":")
        body.int(r.revision)
        body.raw(",\"supplier\":")
        body.string(r.supplier)
        body.byte(UInt8(ascii: "}"))
        return OutboxMessage(kind: "orderRejection", document: r.purchaseOrder, revision: r.revision,
                             idempotencyKey: "orderRejection:" + r.purchaseOrder + ":" + String(r.revision) + ":" + r.id,
                             payload: body.bytes)
    }
}
