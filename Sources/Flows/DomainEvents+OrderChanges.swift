import Foundation
import Procurement
import Storage

extension DomainEvents {
    /// `com.supplyline.po.lineCancelled`: the ERP cancelled a line in a new revision.
    static func lineCancelled(_ line: OrderLine, order: PurchaseOrder) -> NewEvent {
        let data = "{\"item\":\(JSON.quote(line.item)),\"line\":\(line.line),\"purchaseOrder\":\(JSON.quote(order.number)),"
            + "\"quantity\":\(JSON.quote(DecimalText.format(line.quantity))),\"revision\":\(order.revision),"
            + "\"supplier\":\(JSON.quote(order.supplier)),\"unit\":\(JSON.quote(line.unit))}"
        return NewEvent(type: prefix + "po.lineCancelled", subject: order.number, supplier: order.supplier, data: data)
    }

    /// `com.supplyline.po.cancelled`: the ERP cancelled the whole order.
    static func orderCancelled(_ order: PurchaseOrder) -> NewEvent {
        var data = "{\"purchaseOrder\":\(JSON.quote(order.number)),"
        if let reason = order.cancelReason { data += "\"reason\":\(JSON.quote(reason))," }
        data += "\"revision\":\(order.revision),\"supplier\":\(JSON.quote(order.supplier))}"
        return NewEvent(type: prefix + "po.cancelled", subject: order.number, supplier: order.supplier, data: data)
    }

    /// `com.supplyline.po.changeRequested`: a supplier asked to change its confirmation, with the
    /// hub's decision (`applied` or `inReview`).
    static func changeRequested(_ record: ChangeRequestRecord) -> NewEvent {
        NewEvent(type: prefix + "po.changeRequested", subject: record.purchaseOrder, supplier: record.supplier,
                 data: JSON.string(ChangeRequestEventData(record)))
    }

    /// `com.supplyline.po.changeRequestDecided`: a buyer approved or rejected a change request, or
    /// a new revision superseded it.
    static func changeRequestDecided(_ record: ChangeRequestRecord) -> NewEvent {
        NewEvent(type: prefix + "po.changeRequestDecided", subject: record.purchaseOrder, supplier: record.supplier,
                 data: JSON.string(ChangeRequestEventData(record)))
    }

    private struct ChangeRequestEventData: Encodable {
        struct Line: Encodable {
            let line: Int
            let quantity: String
            let schedule: [ScheduleLine]
            let previousSchedule: [ScheduleLine]
        }
        let changeRequest: String
        let purchaseOrder: String
        let revision: Int
        let supplier: String
        let decision: String
        let reasons: [String]
        let lines: [Line]

        init(_ r: ChangeRequestRecord) {
            changeRequest = r.id
            purchaseOrder = r.purchaseOrder
            revision = r.revision
            supplier = r.supplier
            decision = r.status.rawValue
            reasons = r.reasons.map(\.code)
            lines = r.lines.map { line in
                Line(line: line.line, quantity: DecimalText.format(line.schedule.reduce(Decimal(0)) { $0 + $1.quantity }),
                     schedule: line.schedule, previousSchedule: r.previous.first { $0.line == line.line }?.schedule ?? [])
            }
        }
    }
}

extension ERPPostings {
    /// `{"approvedBy"?,"changeRequest","changedAt","lines":[…],"purchaseOrder","revision","supplier"}`: the
    /// confirmed schedule lines a change request changed, as they now stand.
    static func scheduleChange(_ record: ChangeRequestRecord, approvedBy: String?, now: Date) -> OutboxMessage {
        var body = ""
        if let approvedBy { body += "\"approvedBy\":\(JSON.quote(approvedBy)),"}
        body = "{" + body + "\"changeRequest\":\(JSON.quote(record.id)),\"changedAt\":\(JSON.quote(timestamp(now))),"
        body += "\"lines\":\(JSON.string(record.lines)),\"purchaseOrder\":\(JSON.quote(record.purchaseOrder)),"
        body += "\"revision\":\(record.revision),\"supplier\":\(JSON.quote(record.supplier))}"
        return OutboxMessage(kind: "scheduleChange", document: record.purchaseOrder, revision: record.revision,
                             idempotencyKey: "scheduleChange:\(record.purchaseOrder):\(record.revision):\(record.id)",
                             payload: Array(body.utf8))
    }
}
