import Foundation
import HTTPServer
import Procurement
import Storage

/// Orders confirmed and ready to ship, notices, receipts and uploads, for the shipping API tests.
extension TestHub {
    static let sscc1 = "006141411234567890"
    static let sscc2 = "106141411234567897"
    static let sscc3 = "000000000000000000"

    /// S-100 with a 10% over-shipment tolerance; PO-1001 (100 EA of line 1) confirmed. With
    /// `certificate`, PO-1003 too, whose line 1 needs a certificate.
    func seedShipping(certificate: Bool = false) {
        seed()
        let supplier = #"{"id":"S-100","name":"Acme Castings","tolerances":{"dateDays":3,"quantityPercent":"5","pricePercent":"2","overShipmentPercent":"10"}}"#
        precondition(call("PUT", "/v1/suppliers/S-100", key: erpKey, body: supplier).status == 200)
        precondition(acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#).json["decision"] as? String == "confirmed")
        if certificate {
            let order = TestHub.orderJSON("PO-1003").replacingOccurrences(of: #""critical":true"#, with: #""critical":true,"certificateRequired":true"#)
            precondition(call("PUT", "/v1/purchase-orders/PO-1003", key: erpKey, body: order).status == 201)
            precondition(acknowledge("PO-1003", body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#).status == 201)
        }
    }

    static func noticeJSON(_ shipmentId: String = "ASN-1", lines: [(String, Int, String)] = [("PO-1001", 1, "50")],
                           sscc: String = sscc1, lots: String = "") -> String {
        let items = lines.map { #"{"purchaseOrder":"\#($0.0)","line":\#($0.1),"quantity":"\#($0.2)"\#(lots)}"# }.joined(separator: ",")
        return #"{"shipmentId":"\#(shipmentId)","shipDate":"2027-01-10","expectedDelivery":"2027-01-12","carrier":"DHL","trackingNumber":"JD0002","packages":[{"sscc":"\#(sscc)","lines":[\#(items)]}]}"#
    }

    func submitNotice(_ body: String, key: String = UUID().uuidString, as supplierKey: String? = nil) -> Reply {
        call("POST", "/v1/ship-notices", key: supplierKey ?? self.supplierKey, body: body, headers: [("Idempotency-Key", key)])
    }

    func receive(_ body: String, key: String = UUID().uuidString) -> Reply {
        call("POST", "/v1/goods-receipts", key: erpKey, body: body, headers: [("Idempotency-Key", key)])
    }

    /// Uploads raw bytes with a content type and query parameters.
    func upload(_ bytes: [UInt8], contentType: String, query: [String: String], key: String = UUID().uuidString,
                as supplierKey: String? = nil) -> Reply {
        var headers = HTTPHeaders()
        headers.set("Authorization", "Bearer \(supplierKey ?? self.supplierKey)")
        headers.set("Content-Type", contentType)
        headers.set("Idempotency-Key", key)
        let response = hub.api.handle(HTTPRequest(method: "POST", path: "/v1/quality-documents", query: query, headers: headers, body: bytes))
        return Reply(status: response.status, headers: response.headers, body: response.body)
    }

    func shipped(_ po: String = "PO-1001", line: Int = 1) throws -> LineProgress {
        try hub.store.read { try $0.lineProgress(purchaseOrder: po)[line] } ?? .zero
    }

    func pendingKinds() throws -> [String] {
        try hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 100) }.items.map(\.message.kind)
    }

    func pendingKeys() throws -> [String] {
        try hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 100) }.items.map(\.message.idempotencyKey)
    }

    func events(_ prefix: String) throws -> [EventRecord] {
        try hub.store.read { try $0.events(after: 0, limit: 1000, scope: .all) }.filter { $0.type.hasPrefix("com.supplyline." + prefix) }
    }
}

extension LineProgress {
    static func shipped(_ q: Decimal) -> LineProgress { LineProgress(shipped: q) }
}
