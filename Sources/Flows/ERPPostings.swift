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
        body.byte(UInt8(ascii: "{"))
        body.member("acknowledgement", r.id)
        if let approvedBy { body.member("approvedBy", approvedBy) }
        body.member("confirmedAt", timestamp(now))
        body.member("decision", "confirmed")
        body.member("lines", json: ack.linesJSON)
        body.member("purchaseOrder", r.purchaseOrder)
        body.member("revision", r.revision)
        body.member("supplier", r.supplier)
        body.byte(UInt8(ascii: "}"))
        return OutboxMessage(kind: "orderConfirmation", document: r.purchaseOrder, revision: r.revision,
                             idempotencyKey: "orderConfirmation:" + r.purchaseOrder + ":" + String(r.revision) + ":" + r.id,
                             payload: body.bytes)
    }

    /// `{"acknowledgement":…,"lines":[…],"purchaseOrder":…,"reasons":[…],"rejectedAt":…,"revision":…,"supplier":…}`
    static func rejection(_ ack: PreparedAcknowledgement, now: Date) -> OutboxMessage {
        let r = ack.record
        var body = CanonicalJSON.Writer(capacity: 256 + ack.linesJSON.utf8.count + ack.reasonsJSON.utf8.count)
        body.byte(UInt8(ascii: "{"))
        body.member("acknowledgement", r.id)
        body.member("lines", json: ack.linesJSON)
        body.member("purchaseOrder", r.purchaseOrder)
        body.member("reasons", json: ack.reasonsJSON)
        body.member("rejectedAt", timestamp(now))
        body.member("revision", r.revision)
        body.member("supplier", r.supplier)
        body.byte(UInt8(ascii: "}"))
        return OutboxMessage(kind: "orderRejection", document: r.purchaseOrder, revision: r.revision,
                             idempotencyKey: "orderRejection:" + r.purchaseOrder + ":" + String(r.revision) + ":" + r.id,
                             payload: body.bytes)
    }
}
