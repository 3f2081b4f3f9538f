import Foundation
import Procurement

/// cXML OrderRequest out from a `PurchaseOrder`, and back in (for round trips and buyer-side tests).
public enum CXMLOrderRequest {
    /// An OrderRequest for one revision: type `new` for the first release (no `previous`), `update`
    /// after, with orderVersion = revision. The plant is the ShipTo/BillTo address id, the supplier
    /// a header Extrinsic `supplierID`; each line is an ItemOut (SupplierPartID = item), with
    /// ScheduleLine elements when it has more than one delivery or one that differs from need-by.
    /// `previousPayloadID` names the OrderRequest this update replaces (DocumentReference).
    /// Cancelled lines are left out of an update (an update replaces the whole order); a
    /// revision that cancels every line is type `delete` and repeats the lines it cancels.
    public static func document(order: PurchaseOrder, previous: PurchaseOrder?, orderDate: LocalDate, payloadID: String,
                                timestamp: Date, header: CXMLHeader, previousPayloadID: String? = nil,
                                deploymentMode: String = "production") -> [UInt8] {
        precondition(previous == nil || previous!.number == order.number, "an update must be for the same order number")
        let money = { (value: Decimal) in CXMLElement("Money", [("currency", order.currency)], text: DecimalText.format(value)) }
        let deletes = previous != nil && order.isCancelled
        let outLines = deletes ? order.lines : order.lines.filter { !$0.cancelled }
        let total = outLines.reduce(Decimal(0)) { $0 + Money.cents($1.quantity * $1.unitPrice) }
        let address = { (name: String) in
            CXMLElement(name, children: [CXMLElement("Address", [("addressID", order.plant)],
                                                     children: [CXMLElement("Name", [("xml:lang", "en")], text: order.plant)])])
        }
        var headerChildren = [CXMLElement("Total", children: [money(total)]), address("ShipTo"), address("BillTo")]
        if previous != nil, let previousPayloadID {
            headerChildren.append(CXMLElement("DocumentReference", [("payloadID", previousPayloadID)]))
        }
        headerChildren.append(CXMLElement("Extrinsic", [("name", "supplierID")], text: order.supplier))
        let orderHeader = CXMLElement("OrderRequestHeader", [("orderID", order.number), ("orderDate", orderDate.iso),
                                                             ("type", previous == nil ? "new" : deletes ? "delete" : "update"),
                                                             ("orderVersion", String(order.revision))], children: headerChildren)
        var items: [CXMLElement] = []
        for line in outLines {
            var detail = [CXMLElement("UnitPrice", children: [money(line.unitPrice)]),
                          CXMLElement("Description", [("xml:lang", "en")], text: line.description),
                          CXMLElement("UnitOfMeasure", text: line.unit),
                          CXMLElement("Classification", [("domain", "UNSPSC")])]
            if line.critical { detail.append(CXMLElement("Extrinsic", [("name", "critical")], text: "yes")) }
            var children = [CXMLElement("ItemID", children: [CXMLElement("SupplierPartID", text: line.item)]),
                            CXMLElement("ItemDetail", children: detail)]
            if line.schedule != [ScheduleLine(quantity: line.quantity, date: line.needBy)] {
                for delivery in line.schedule {
                    children.append(CXMLElement("ScheduleLine", [("quantity", DecimalText.format(delivery.quantity)),
                                                                 ("requestedDeliveryDate", delivery.date.iso)],
                                                children: [CXMLElement("UnitOfMeasure", text: line.unit)]))
                }
            }
            items.append(CXMLElement("ItemOut", [("quantity", DecimalText.format(line.quantity)), ("lineNumber", String(line.line)),
                                                 ("requestedDeliveryDate", line.needBy.iso)], children: children))
        }
        let root = CXMLElement("cXML", [("payloadID", payloadID), ("timestamp", CXMLRead.timestamp(timestamp)), ("xml:lang", "en-US")], children: [
            header.element,
            CXMLElement("Request", [("deploymentMode", deploymentMode)], children: [
                CXMLElement("OrderRequest", children: [orderHeader] + items),
            ]),
        ])
        return CXMLRead.document(root)
    }

    /// What an OrderRequest carries.
    public struct Received: Sendable, Equatable {
        public var envelope: CXMLEnvelope
        public var order: PurchaseOrder
        /// `new`, `update` or `delete`.
        public var type: String
        public var orderDate: LocalDate
    }

    /// Reads an OrderRequest back into a `PurchaseOrder`. The supplier is the `supplierID`
    /// Extrinsic, else the first To identity; a missing orderVersion is revision 1.
    public static func read(_ bytes: [UInt8]) throws(MapError) -> Received {
        let envelope = try CXMLEnvelope.parse(bytes)
        guard let request = envelope.request, request.name == "OrderRequest" else {
            throw MapError(code: "unsupportedRequest", segment: "Request", message: "The document is not an OrderRequest.")
        }
        guard let header = request.child("OrderRequestHeader") else { throw CXMLRead.missing("OrderRequest/OrderRequestHeader") }
        let at = "OrderRequestHeader"
        let number = try CXMLRead.required(header, "orderID", at: at)
        let orderDate = try CXMLRead.date(try CXMLRead.required(header, "orderDate", at: at), at: "\(at)/@orderDate")
        let type = header["type"] ?? "new"
        var revision = 1
        if let text = header["orderVersion"] {
            guard let value = Int(text), value >= 1 else {
                throw MapError(code: "badNumber", segment: at, element: "@orderVersion", message: "\(at)/@orderVersion \"\(text)\" is not a revision number.")
            }
            revision = value
        }
        let plant = header.descendant("ShipTo/Address")?["addressID"] ?? header.descendant("BillTo/Address")?["addressID"] ?? ""
        let supplier = header.children("Extrinsic").first { $0["name"] == "supplierID" }?.text ?? envelope.header?.to.first?.identity ?? ""
        var currency = header.descendant("Total/Money")?["currency"] ?? ""
        var lines: [OrderLine] = []
        for item in request.children("ItemOut") {
            let path = "ItemOut"
            let lineText = try CXMLRead.required(item, "lineNumber", at: path)
            guard let lineNumber = Int(lineText), lineNumber >= 1 else {
                throw MapError(code: "badNumber", segment: path, element: "@lineNumber", message: "ItemOut/@lineNumber \"\(lineText)\" is not a line number.")
            }
            let quantity = try CXMLRead.decimal(try CXMLRead.required(item, "quantity", at: path), at: "\(path)/@quantity", positive: true)
            let needBy = try CXMLRead.date(try CXMLRead.required(item, "requestedDeliveryDate", at: path), at: "\(path)/@requestedDeliveryDate")
            guard let partID = item.text(at: "ItemID/SupplierPartID") else { throw CXMLRead.missing("ItemOut/ItemID/SupplierPartID") }
            guard let detail = item.child("ItemDetail") else { throw CXMLRead.missing("ItemOut/ItemDetail") }
            guard let money = detail.descendant("UnitPrice/Money") else { throw CXMLRead.missing("ItemDetail/UnitPrice/Money") }
            let price = try CXMLRead.decimal(money.text, at: "ItemDetail/UnitPrice/Money")
            if currency.isEmpty { currency = money["currency"] ?? "" }
            guard let unit = detail.text(at: "UnitOfMeasure") else { throw CXMLRead.missing("ItemDetail/UnitOfMeasure") }
            var schedule: [ScheduleLine] = []
            for scheduled in item.children("ScheduleLine") {
                let q = try CXMLRead.decimal(try CXMLRead.required(scheduled, "quantity", at: "ScheduleLine"), at: "ScheduleLine/@quantity", positive: true)
                let d = try CXMLRead.date(try CXMLRead.required(scheduled, "requestedDeliveryDate", at: "ScheduleLine"),
                                          at: "ScheduleLine/@requestedDeliveryDate")
                schedule.append(ScheduleLine(quantity: q, date: d))
            }
            let critical = detail.children("Extrinsic").contains { $0["name"] == "critical" && $0.text == "yes" }
            lines.append(OrderLine(line: lineNumber, item: partID, description: detail.child("Description")?.text ?? "", quantity: quantity,
                                   unit: unit, unitPrice: price, needBy: needBy, critical: critical, schedule: schedule.isEmpty ? nil : schedule))
        }
        let order = PurchaseOrder(number: number, revision: revision, supplier: supplier, plant: plant, currency: currency, lines: lines)
        _ = try MapFields.validated(order) { try $0.validate() }
        return Received(envelope: envelope, order: order, type: type, orderDate: orderDate)
    }
}
