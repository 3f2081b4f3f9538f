import Foundation
import Procurement
import Storage

extension DomainEvents {
    /// `com.supplyline.shipnotice.<change>`: submitted, updated, cancelled, held, released,
    /// rejected, received. Quantities are decimal strings, as in the API.
    static func shipNotice(_ r: ShipNoticeRecord, change: String) -> NewEvent {
        struct Line: Encodable { let purchaseOrder: String, line: Int, quantity: String }
        struct Data: Encodable {
            let shipNotice: String, supplier: String, shipmentId: String, shipDate: String, expectedDelivery: String?
            let version: Int, status: String, lines: [Line]
        }
        let d = r.document
        let data = Data(shipNotice: r.id, supplier: r.supplier, shipmentId: d.shipmentId, shipDate: d.shipDate.iso,
                        expectedDelivery: d.expectedDelivery?.iso, version: r.version, status: r.status.rawValue,
                        lines: d.lines.map { Line(purchaseOrder: $0.purchaseOrder, line: $0.line, quantity: DecimalText.format($0.quantity)) })
        return NewEvent(type: prefix + "shipnotice." + change, subject: r.id, supplier: r.supplier, data: JSON.string(data))
    }

    /// `com.supplyline.receipt.posted`: what arrived, against which delivery's due date.
    static func receiptPosted(_ r: GoodsReceiptRecord) -> NewEvent {
        struct Line: Encodable {
            let purchaseOrder: String, line: Int, received: String, rejected: String, shippedQuantity: String?, dueDate: String, lot: String?
            let shipNoticeLine: Int?
        }
        struct Data: Encodable {
            let goodsReceipt: String, supplier: String, receivedDate: String, shipNotice: String?, number: String?, lines: [Line]
        }
        let data = Data(goodsReceipt: r.id, supplier: r.supplier, receivedDate: r.receivedDate.iso, shipNotice: r.shipNotice, number: r.number,
                        lines: r.lines.map {
                            Line(purchaseOrder: $0.purchaseOrder, line: $0.line, received: DecimalText.format($0.received),
                                 rejected: DecimalText.format($0.rejected), shippedQuantity: $0.shippedQuantity.map(DecimalText.format),
                                 dueDate: $0.dueDate.iso, lot: $0.lot, shipNoticeLine: $0.shipNoticeLine)
                        })
        return NewEvent(type: prefix + "receipt.posted", subject: r.id, supplier: r.supplier, data: JSON.string(data))
    }
}

extension ERPPostings {
    /// `inboundDelivery`: the notice's current version, for the ERP to expect the goods. Keyed
    /// per notice version, so an update is a new posting and a retry is not.
    static func inboundDelivery(_ r: ShipNoticeRecord, now: Date) -> OutboxMessage {
        struct Body: Encodable {
            let shipNotice: String, version: Int, supplier: String, postedAt: String
            let shipmentId: String, shipDate: String, expectedDelivery: String?, carrier: String?, trackingNumber: String?
            let packages: [ShipmentPackage]
        }
        let d = r.document
        let body = Body(shipNotice: r.id, version: r.version, supplier: r.supplier, postedAt: timestamp(now), shipmentId: d.shipmentId,
                        shipDate: d.shipDate.iso, expectedDelivery: d.expectedDelivery?.iso, carrier: d.carrier,
                        trackingNumber: d.trackingNumber, packages: d.packages)
        return OutboxMessage(kind: "inboundDelivery", document: r.id, revision: r.version,
                             idempotencyKey: "inboundDelivery:\(r.id):\(r.version)", payload: JSON.encode(body))
    }

    /// `inboundDeliveryCancellation`: the supplier withdrew a notice the ERP was told about.
    static func inboundDeliveryCancellation(_ r: ShipNoticeRecord, now: Date) -> OutboxMessage {
        let body = "{\"cancelledAt\":\(JSON.quote(timestamp(now))),\"shipNotice\":\(JSON.quote(r.id)),"
            + "\"shipmentId\":\(JSON.quote(r.document.shipmentId)),\"supplier\":\(JSON.quote(r.supplier)),\"version\":\(r.version)}"
        return OutboxMessage(kind: "inboundDeliveryCancellation", document: r.id, revision: r.version,
                             idempotencyKey: "inboundDeliveryCancellation:\(r.id)", payload: Array(body.utf8))
    }
}
