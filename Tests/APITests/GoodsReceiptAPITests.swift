import Foundation
import Procurement
import Storage
import Testing

@Suite("API: goods receipts")
struct GoodsReceiptAPITests {
    @Test func aReceiptAgainstANoticeMovesTheLedgerAndClosesTheNotice() throws {
        let t = try TestHub()
        t.seedShipping()
        let notice = t.submitNotice(TestHub.noticeJSON(lines: [("PO-1001", 1, "50")])).json["id"] as? String ?? ""
        let body = #"{"number":"5000001","receivedDate":"2027-01-12","shipNotice":"\#(notice)","lines":[{"shipNoticeLine":1,"received":"45","rejected":"5","lot":"L-7"}]}"#
        let posted = t.receive(body, key: "gr-1")
        #expect(posted.status == 201)
        let id = posted.json["id"] as? String ?? ""
        #expect(id.hasPrefix("gr_"))
        #expect(posted.json["supplier"] as? String == "S-100")
        let line = (posted.json["lines"] as? [[String: Any]])?.first ?? [:]
        #expect(line["purchaseOrder"] as? String == "PO-1001")
        #expect(line["dueDate"] as? String == "2027-01-15")
        #expect(line["shippedQuantity"] as? String == "50")
        #expect(try t.shipped() == LineProgress(shipped: 50, received: 45, rejected: 5))
        #expect(t.receive(body, key: "gr-1").headers["Idempotent-Replayed"] == "true")
        #expect(try t.shipped() == LineProgress(shipped: 50, received: 45, rejected: 5))

        #expect(t.call("GET", "/v1/ship-notices/\(notice)", key: t.supplierKey).json["status"] as? String == "received")
        let update = t.call("PUT", "/v1/ship-notices/\(notice)", key: t.supplierKey, body: TestHub.noticeJSON(lines: [("PO-1001", 1, "60")]))
        #expect(update.status == 409)
        #expect(update.problemType == "urn:supplyline:problem:ship-notice-received")
        #expect(update.json["code"] as? String == "shipNoticeReceived")
        #expect(t.call("POST", "/v1/ship-notices/\(notice)/cancel", key: t.supplierKey).json["code"] as? String == "shipNoticeReceived")

        let event = try #require(try t.events("receipt.posted").first)
        #expect(event.subject == id)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
        #expect(data["goodsReceipt"] as? String == id)
        #expect(data["supplier"] as? String == "S-100")
        #expect(data["receivedDate"] as? String == "2027-01-12")
        #expect(data["shipNotice"] as? String == notice)
        let eventLine = (data["lines"] as? [[String: Any]])?.first ?? [:]
        #expect(eventLine["dueDate"] as? String == "2027-01-15")
        #expect(eventLine["shippedQuantity"] as? String == "50")
        #expect(eventLine["received"] as? String == "45")
        #expect(eventLine["rejected"] as? String == "5")

        // The supplier reads its own receipts; another supplier sees none.
        #expect(t.call("GET", "/v1/goods-receipts/\(id)", key: t.supplierKey).status == 200)
        #expect((t.call("GET", "/v1/goods-receipts", key: t.supplierKey).json["items"] as? [Any])?.count == 1)
        #expect(t.call("GET", "/v1/goods-receipts/\(id)", key: t.otherSupplierKey).status == 404)
        #expect((t.call("GET", "/v1/goods-receipts", key: t.otherSupplierKey).json["items"] as? [Any])?.count == 0)
        #expect((t.call("GET", "/v1/goods-receipts?shipNotice=\(notice)", key: t.buyerKey).json["items"] as? [Any])?.count == 1)
    }

    @Test func theDueDateIsTheConfirmedDateOfTheDeliveryReceived() throws {
        let t = try TestHub()
        t.seedShipping()
        let order = #"{"number":"PO-1005","revision":1,"supplier":"S-100","plant":"P01","currency":"USD","lines":[{"line":1,"item":"MAT-1","quantity":"100","unit":"EA","unitPrice":"1","needBy":"2027-01-15","schedule":[{"quantity":"60","date":"2027-01-15"},{"quantity":"40","date":"2027-02-15"}]}]}"#
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1005", key: t.erpKey, body: order).status == 201)
        let changed = #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"60","date":"2027-01-16"},{"quantity":"40","date":"2027-02-17"}]}]}"#
        #expect(t.acknowledge("PO-1005", body: changed).json["decision"] as? String == "confirmed")
        let first = t.receive(#"{"receivedDate":"2027-01-16","lines":[{"purchaseOrder":"PO-1005","line":1,"received":"60"}]}"#)
        #expect((first.json["lines"] as? [[String: Any]])?.first?["dueDate"] as? String == "2027-01-16")
        let second = t.receive(#"{"receivedDate":"2027-02-16","lines":[{"purchaseOrder":"PO-1005","line":1,"received":"40"}]}"#)
        #expect((second.json["lines"] as? [[String: Any]])?.first?["dueDate"] as? String == "2027-02-17")
        // A notice naming the second delivery says so itself.
        let notice = t.submitNotice(#"{"shipmentId":"ASN-5","shipDate":"2027-02-10","packages":[{"sscc":"\#(TestHub.sscc2)","lines":[{"purchaseOrder":"PO-1005","line":1,"scheduleLine":2,"quantity":"10"}]}]}"#)
        #expect(notice.status == 201)
        let third = t.receive(#"{"receivedDate":"2027-02-16","shipNotice":"\#(notice.json["id"] as? String ?? "")","lines":[{"shipNoticeLine":1,"received":"10"}]}"#)
        #expect((third.json["lines"] as? [[String: Any]])?.first?["dueDate"] as? String == "2027-02-17")
    }

    @Test func moreThanShippedIsAllowedAndRecorded() throws {
        let t = try TestHub()
        t.seedShipping()
        let notice = t.submitNotice(TestHub.noticeJSON(lines: [("PO-1001", 1, "50")])).json["id"] as? String ?? ""
        let posted = t.receive(#"{"receivedDate":"2027-01-12","shipNotice":"\#(notice)","lines":[{"shipNoticeLine":1,"received":"55"}]}"#)
        #expect(posted.status == 201)
        #expect(try t.shipped() == LineProgress(shipped: 50, received: 55))
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let body: String
        let slug: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "an unknown notice", body: #"{"receivedDate":"2027-01-12","shipNotice":"asn_nope","lines":[{"shipNoticeLine":1,"received":"1"}]}"#,
                slug: "unknown-ship-notice"),
        Refusal(name: "an unknown notice line", body: #"{"receivedDate":"2027-01-12","shipNotice":"{notice}","lines":[{"shipNoticeLine":2,"received":"1"}]}"#,
                slug: "unknown-ship-notice"),
        Refusal(name: "an unknown order", body: #"{"receivedDate":"2027-01-12","lines":[{"purchaseOrder":"PO-9","line":1,"received":"1"}]}"#,
                slug: "unknown-purchase-order"),
        Refusal(name: "an unknown line", body: #"{"receivedDate":"2027-01-12","lines":[{"purchaseOrder":"PO-1001","line":4,"received":"1"}]}"#,
                slug: "unknown-line"),
        Refusal(name: "a negative received quantity", body: #"{"receivedDate":"2027-01-12","lines":[{"purchaseOrder":"PO-1001","line":1,"received":"-1"}]}"#,
                slug: "invalid-document"),
        Refusal(name: "a negative rejected quantity", body: #"{"receivedDate":"2027-01-12","lines":[{"purchaseOrder":"PO-1001","line":1,"received":"1","rejected":"-1"}]}"#,
                slug: "invalid-document"),
        Refusal(name: "a good line and an unknown one: nothing applied",
                body: #"{"receivedDate":"2027-01-12","lines":[{"purchaseOrder":"PO-1001","line":1,"received":"1"},{"purchaseOrder":"PO-9","line":1,"received":"1"}]}"#,
                slug: "unknown-purchase-order"),
        Refusal(name: "two suppliers' goods on one receipt",
                body: #"{"receivedDate":"2027-01-12","lines":[{"purchaseOrder":"PO-1001","line":1,"received":"1"},{"purchaseOrder":"PO-2001","line":1,"received":"1"}]}"#,
                slug: "invalid-document"),
    ]

    @Test(arguments: refusals)
    func refusesAndWritesNothing(_ c: Refusal) throws {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        let notice = t.submitNotice(TestHub.noticeJSON(lines: [("PO-1001", 1, "50")])).json["id"] as? String ?? ""
        let reply = t.receive(c.body.replacingOccurrences(of: "{notice}", with: notice))
        #expect(reply.status == 422)
        #expect(reply.problemType == "urn:supplyline:problem:\(c.slug)")
        #expect(reply.json["code"] != nil)
        #expect(try t.shipped() == .shipped(50))
        #expect(try t.events("receipt.").isEmpty)
        #expect(t.call("GET", "/v1/ship-notices/\(notice)", key: t.supplierKey).json["status"] as? String == "accepted")
    }

    @Test func onlyTheERPPostsReceipts() throws {
        let t = try TestHub()
        t.seedShipping()
        let body = #"{"receivedDate":"2027-01-12","lines":[{"purchaseOrder":"PO-1001","line":1,"received":"1"}]}"#
        for key in [t.supplierKey, t.buyerKey, t.adminKey] {
            #expect(t.call("POST", "/v1/goods-receipts", key: key, body: body, headers: [("Idempotency-Key", "x")]).status == 403)
        }
        #expect(t.call("POST", "/v1/goods-receipts", key: t.erpKey, body: body).problemType == "urn:supplyline:problem:missing-idempotency-key")
    }
}
