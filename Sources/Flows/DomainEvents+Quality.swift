import Foundation
import Procurement
import Storage

/// Events of nonconformances and timers. Every event's data names the supplier.
extension DomainEvents {
    private struct NonconformanceData: Encodable {
        let nonconformance: String
        let supplier: String
        let status: String
        var goodsReceipt: String?
        var purchaseOrder: String?
        var line: Int?
        var severity: String?
        var due: NonconformanceDueDates?
        var step: String?
        var verdict: String?
        var dueDate: String?
    }

    private static func ncr(_ type: String, _ n: Nonconformance, _ configure: (inout NonconformanceData) -> Void = { _ in }) -> NewEvent {
        var data = NonconformanceData(nonconformance: n.id, supplier: n.supplier, status: n.status.rawValue)
        configure(&data)
        return NewEvent(type: prefix + "ncr." + type, subject: n.id, supplier: n.supplier, data: JSON.string(data))
    }

    /// `com.supplyline.ncr.raised`
    static func nonconformanceRaised(_ n: Nonconformance) -> NewEvent {
        ncr("raised", n) {
            $0.goodsReceipt = n.goodsReceipt
            $0.purchaseOrder = n.purchaseOrder
            $0.line = n.line
            $0.severity = n.severity.rawValue
            $0.due = n.due
        }
    }

    /// `com.supplyline.ncr.answered`: the supplier answered a step.
    static func nonconformanceAnswered(_ n: Nonconformance, step: NonconformanceStep) -> NewEvent {
        ncr("answered", n) { $0.step = step.rawValue }
    }

    /// `com.supplyline.ncr.reviewed`: the buyer accepted or returned an answer.
    static func nonconformanceReviewed(_ n: Nonconformance, step: NonconformanceStep, verdict: String) -> NewEvent {
        ncr("reviewed", n) {
            $0.step = step.rawValue
            $0.verdict = verdict
        }
    }

    /// `com.supplyline.ncr.closed`
    static func nonconformanceClosed(_ n: Nonconformance) -> NewEvent { ncr("closed", n) }

    /// `com.supplyline.ncr.overdue`: a step passed its due date unanswered.
    static func nonconformanceOverdue(_ n: Nonconformance, step: NonconformanceStep) -> NewEvent {
        ncr("overdue", n) {
            $0.step = step.rawValue
            $0.dueDate = n.due[step].iso
        }
    }

    /// `com.supplyline.timer.acknowledgementOverdue`
    static func acknowledgementOverdue(_ p: PendingAcknowledgement, hours: Int) -> NewEvent {
        struct Data: Encodable { let purchaseOrder: String, revision: Int, supplier: String, releasedAt: String, overdueAfterHours: Int }
        return NewEvent(type: prefix + "timer.acknowledgementOverdue", subject: p.purchaseOrder, supplier: p.supplier,
                        data: JSON.string(Data(purchaseOrder: p.purchaseOrder, revision: p.revision, supplier: p.supplier,
                                               releasedAt: ERPPostings.timestamp(p.releasedAt), overdueAfterHours: hours)))
    }

    /// `com.supplyline.timer.shipNoticeLate`
    static func shipNoticeLate(_ w: ShipmentWatch, shipped: Decimal) -> NewEvent {
        struct Data: Encodable { let purchaseOrder: String, revision: Int, line: Int, dueDate: String, dueQuantity: String, shipped: String, supplier: String }
        return NewEvent(type: prefix + "timer.shipNoticeLate", subject: w.purchaseOrder, supplier: w.supplier,
                        data: JSON.string(Data(purchaseOrder: w.purchaseOrder, revision: w.revision, line: w.due.line,
                                               dueDate: w.due.dueDate.iso, dueQuantity: DecimalText.format(w.due.cumulative),
                                               shipped: DecimalText.format(shipped), supplier: w.supplier)))
    }
}

extension ERPPostings {
    /// Kind `nonconformance`, when raised and when closed: the report as it stands, with
    /// `"event": "raised"|"closed"`. The key names the report and the event, so each is posted once.
    static func nonconformance(_ n: Nonconformance, event: String, now: Date) -> OutboxMessage {
        struct Body: Encodable {
            let event: String, nonconformance: String, supplier: String, goodsReceipt: String
            let purchaseOrder: String?, line: Int?, lot: String?, quantityAffected: String?
            let description: String, severity: String, status: String, due: NonconformanceDueDates
            let at: String, closingNote: String?
        }
        let body = Body(event: event, nonconformance: n.id, supplier: n.supplier, goodsReceipt: n.goodsReceipt,
                        purchaseOrder: n.purchaseOrder, line: n.line, lot: n.lot, quantityAffected: n.quantityAffected.map(DecimalText.format),
                        description: n.description, severity: n.severity.rawValue, status: n.status.rawValue, due: n.due,
                        at: timestamp(now), closingNote: n.closingNote)
        return OutboxMessage(kind: "nonconformance", document: n.id, revision: event == "closed" ? 2 : 1,
                             idempotencyKey: "nonconformance:\(n.id):\(event)", payload: JSON.encode(body))
    }
}
