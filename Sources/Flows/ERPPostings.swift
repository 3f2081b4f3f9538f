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
        var body = "{\"acknowledgement\":\(JSON.quote(r.id)),"
        if let approvedBy { body += "\"approvedBy\":\(JSON.quote(approvedBy)),"}
        body += "\"confirmedAt\":\(JSON.quote(timestamp(now))),\"decision\":\"confirmed\",\"lines\":\(ack.linesJSON),"
        body += "\"purchaseOrder\":\(JSON.quote(r.purchaseOrder)),\"revision\":\(r.revision),\"supplier\":\(JSON.quote(r.supplier))}"
        return OutboxMessage(kind: "orderConfirmation", document: r.purchaseOrder, revision: r.revision,
                             idempotencyKey: "orderConfirmation:\(r.purchaseOrder):\(r.revision):\(r.id)", payload: Array(body.utf8))
    }

    /// `{"acknowledgement":…,"lines":[…],"purchaseOrder":…,"reasons":[…],"rejectedAt":…,"revision":…,"supplier":…}`
    static func rejection(_ ack: PreparedAcknowledgement, now: Date) -> OutboxMessage {
        let r = ack.record
        var body = "{\"acknowledgement\":\(JSON.quote(r.id)),\"lines\":\(ack.linesJSON),"
        body += "\"purchaseOrder\":\(JSON.quote(r.purchaseOrder)),\"reasons\":\(ack.reasonsJSON),"
        body += "\"rejectedAt\":\(JSON.quote(timestamp(now))),\"revision\":\(r.revision),\"supplier\":\(JSON.quote(r.supplier))}"
        return OutboxMessage(kind: "orderRejection", document: r.purchaseOrder, revision: r.revision,
                             idempotencyKey: "orderRejection:\(r.purchaseOrder):\(r.revision):\(r.id)", payload: Array(body.utf8))
    }
}
