import Foundation
import Procurement

/// cXML ShipNoticeRequest in to a `ShipNotice`.
public enum CXMLShipNotice {
    /// Reads a ShipNoticeRequest. ShipNoticeHeader shipmentID, shipmentDate and deliveryDate give
    /// the id and dates; ShipControl CarrierIdentifier and ShipmentIdentifier the carrier and tracking
    /// number; a `shipFrom` Contact's addressID the supplier. Each ShipNoticePortion's OrderReference
    /// names the order of its ShipNoticeItems (lineNumber, quantity, UnitOfMeasure, ItemID); an item's
    /// package is its Packaging ShippingContainerSerialCode, else a package without id.
    public static func shipNotice(_ request: CXMLElement) throws(MapError) -> ShipNotice {
        guard request.name == "ShipNoticeRequest" else {
            throw MapError(code: "unsupportedRequest", segment: "Request", message: "<\(request.name)> is not a ShipNoticeRequest.")
        }
        guard let header = request.child("ShipNoticeHeader") else { throw CXMLRead.missing("ShipNoticeRequest/ShipNoticeHeader") }
        let at = "ShipNoticeHeader"
        let id = try CXMLRead.required(header, "shipmentID", at: at)
        let shipDate = try CXMLRead.date(try CXMLRead.required(header, "shipmentDate", at: at), at: "\(at)/@shipmentDate")
        let expected = try header["deliveryDate"].map { text throws(MapError) in try CXMLRead.date(text, at: "\(at)/@deliveryDate") }
        let control = request.child("ShipControl")
        let supplier = header.children("Contact").first { $0["role"] == "shipFrom" }?["addressID"]

        var packages = PackageCollector()
        let portions = request.children("ShipNoticePortion")
        guard !portions.isEmpty else { throw CXMLRead.missing("ShipNoticeRequest/ShipNoticePortion") }
        for portion in portions {
            guard let reference = portion.child("OrderReference") else { throw CXMLRead.missing("ShipNoticePortion/OrderReference") }
            let orderID = try CXMLRead.required(reference, "orderID", at: "OrderReference")
            var revision: Int?
            if let text = reference["orderVersion"] { revision = Int(text) }
            let items = portion.children("ShipNoticeItem")
            guard !items.isEmpty else { throw CXMLRead.missing("ShipNoticePortion/ShipNoticeItem") }
            for item in items {
                let lineText = try CXMLRead.required(item, "lineNumber", at: "ShipNoticeItem")
                guard let line = Int(lineText), line >= 1 else {
                    throw MapError(code: "badNumber", segment: "ShipNoticeItem", element: "@lineNumber",
                                   message: "ShipNoticeItem/@lineNumber \"\(lineText)\" is not a line number.")
                }
                let quantity = try CXMLRead.decimal(try CXMLRead.required(item, "quantity", at: "ShipNoticeItem"),
                                                    at: "ShipNoticeItem/@quantity", positive: true)
                guard let unit = item.text(at: "UnitOfMeasure") else { throw CXMLRead.missing("ShipNoticeItem/UnitOfMeasure") }
                let part = item.text(at: "ItemID/BuyerPartID") ?? item.text(at: "ItemID/SupplierPartID")
                let sscc = item.children("Packaging").lazy.compactMap { $0.text(at: "ShippingContainerSerialCode") }.first
                packages.add(ShipNoticeItem(purchaseOrder: orderID, revision: revision, line: line, item: part, quantity: quantity, unit: unit),
                             to: sscc ?? "", id: sscc)
            }
        }
        let notice = ShipNotice(id: id, supplier: supplier, shipDate: shipDate, expectedDelivery: expected,
                                carrier: control?.text(at: "CarrierIdentifier"), trackingNumber: control?.text(at: "ShipmentIdentifier"),
                                packages: packages.all)
        return try MapFields.validated(notice) { try $0.validate() }
    }
}
