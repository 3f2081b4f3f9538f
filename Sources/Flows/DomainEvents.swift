import Foundation
import Procurement
import Storage

/// The events every state change appends to the log, built in one place so every path that
/// makes the same change says the same thing. Types follow CloudEvents' reverse-DNS style.
enum DomainEvents {
    static let prefix = "com.supplyline."

    static func supplierSaved(_ id: String, created: Bool) -> NewEvent {
        NewEvent(type: prefix + (created ? "supplier.created" : "supplier.updated"), subject: id, supplier: id,
                 data: "{\"supplier\":\(JSON.quote(id))}")
    }

    static func orderReleased(_ number: String, revision: Int, supplier: String, previous: Int?) -> NewEvent {
        var data = "{\"purchaseOrder\":\(JSON.quote(number)),"
        if let previous { data += "\"previousRevision\":\(previous)," }
        data += "\"revision\":\(revision),\"supplier\":\(JSON.quote(supplier))}"
        return NewEvent(type: prefix + (previous == nil ? "po.released" : "po.revised"), subject: number, supplier: supplier, data: data)
    }

    static func acknowledged(_ ack: AcknowledgementRecord, reasonCodes: [String]) -> NewEvent {
        var data = CanonicalJSON.Writer(capacity: 192)
        data.byte(UInt8(ascii: "{"))
        data.member("acknowledgement", ack.id)
        data.member("decision", ack.decision.rawValue)
        data.member("purchaseOrder", ack.purchaseOrder)
        data.key("reasons")
        data.array(reasonCodes) { $0.string($1) }
        data.member("revision", ack.revision)
        data.member("supplier", ack.supplier)
        data.byte(UInt8(ascii: "}"))
        return NewEvent(type: prefix + "po.acknowledged", subject: ack.purchaseOrder, supplier: ack.supplier, data: data.string)
    }

    /// `com.supplyline.exception.<change>`: opened, assigned, approved, rejected, superseded.
    static func exception(_ e: ExceptionRecord, change: String) -> NewEvent {
        struct Data: Encodable {
            let exception: String, type: String, supplier: String, reasons: [String]
            let purchaseOrder: String?, revision: Int?, owner: String?, links: [String: String]?
        }
        let data = Data(exception: e.id, type: e.kind, supplier: e.supplier, reasons: e.reasons.map(\.code),
                        purchaseOrder: e.purchaseOrder, revision: e.revision, owner: e.owner, links: e.links.isEmpty ? nil : e.links)
        // The queue is the buyers': its events name the supplier in their data but are not
        // filed under it, so a supplier key reading the log does not see owners, reasons or links.
        return NewEvent(type: prefix + "exception." + change, subject: e.id, supplier: nil, data: JSON.string(data))
    }
}

extension DomainEvents {
    /// `com.supplyline.po.reviewed`: a buyer's decision on a held answer moved the order to
    /// `status` (confirmed, or back to awaitingAcknowledgement).
    static func orderReviewed(_ order: PurchaseOrder, status: OrderStatus, exception: String) -> NewEvent {
        let data = "{\"exception\":\(JSON.quote(exception)),\"purchaseOrder\":\(JSON.quote(order.number)),\"revision\":\(order.revision),"
            + "\"status\":\(JSON.quote(status.rawValue)),\"supplier\":\(JSON.quote(order.supplier))}"
        return NewEvent(type: prefix + "po.reviewed", subject: order.number, supplier: order.supplier, data: data)
    }
}

extension StoreWriter {
    /// Appends an event with a fresh id.
    func emit(_ event: NewEvent, now: Date) throws {
        try appendEvent(event, id: Identifiers.make("evt"), now: now)
    }
}

extension DomainEvents {
    /// `com.supplyline.planning.alert`: a critical line confirmed past its need-by date.
    static func planningAlert(_ alert: PlanningAlert, order: PurchaseOrder) -> NewEvent {
        let data = "{\"confirmedDate\":\(JSON.quote(alert.confirmed.iso)),\"daysLate\":\(alert.daysLate),\"item\":\(JSON.quote(alert.item)),"
            + "\"line\":\(alert.line),\"needBy\":\(JSON.quote(alert.needBy.iso)),\"purchaseOrder\":\(JSON.quote(order.number)),"
            + "\"revision\":\(order.revision),\"supplier\":\(JSON.quote(order.supplier))}"
        return NewEvent(type: prefix + "planning.alert", subject: order.number, supplier: order.supplier, data: data)
    }
}
