import Foundation
import Procurement
import Storage
import Testing

@Suite("API: ship notices")
struct ShipNoticeAPITests {
    @Test func theContractByExample() throws {
        let t = try TestHub()
        t.seedShipping()
        let posted = t.submitNotice(TestHub.noticeJSON(lots: #","lots":[{"lot":"L-7","quantity":"50"}]"#), key: "asn-key")
        #expect(posted.status == 201)
        let id = posted.json["id"] as? String ?? ""
        #expect(id.hasPrefix("asn_"))
        #expect(posted.headers["Location"] == "/v1/ship-notices/\(id)")
        #expect(posted.json["status"] as? String == "accepted")
        #expect(posted.json["version"] as? Int == 1)
        #expect(posted.json["shipmentId"] as? String == "ASN-1")
        let lines = posted.json["lines"] as? [[String: Any]] ?? []
        #expect(lines.count == 1)
        #expect(lines.first?["number"] as? Int == 1)
        #expect(lines.first?["quantity"] as? String == "50")
        #expect(lines.first?["scheduleLine"] as? Int == 1)
        #expect(try t.shipped() == .shipped(50))
        #expect(try t.pendingKeys().contains("inboundDelivery:\(id):1"))

        let again = t.submitNotice(TestHub.noticeJSON(lots: #","lots":[{"lot":"L-7","quantity":"50"}]"#), key: "asn-key")
        #expect(again.status == 201)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.body == posted.body)
        #expect(try t.shipped() == .shipped(50), "a replay moves nothing")

        #expect(t.call("GET", "/v1/ship-notices/\(id)", key: t.supplierKey).body == posted.body)
        #expect(t.call("GET", "/v1/ship-notices/\(id)", key: t.buyerKey).status == 200)
        #expect((t.call("GET", "/v1/ship-notices?purchaseOrder=PO-1001", key: t.erpKey).json["items"] as? [Any])?.count == 1)
        #expect((t.call("GET", "/v1/ship-notices?purchaseOrder=PO-9", key: t.erpKey).json["items"] as? [Any])?.count == 0)
        #expect((t.call("GET", "/v1/ship-notices?status=held", key: t.erpKey).json["items"] as? [Any])?.count == 0)
        // Another supplier sees nothing of it.
        #expect(t.call("GET", "/v1/ship-notices/\(id)", key: t.otherSupplierKey).status == 404)
        #expect((t.call("GET", "/v1/ship-notices", key: t.otherSupplierKey).json["items"] as? [Any])?.count == 0)

        let event = try #require(try t.events("shipnotice.").first)
        #expect(event.type == "com.supplyline.shipnotice.submitted")
        #expect(event.subject == id)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
        #expect(data["supplier"] as? String == "S-100")
        #expect(data["shipmentId"] as? String == "ASN-1")
        #expect(data["shipDate"] as? String == "2027-01-10")
        #expect(data["expectedDelivery"] as? String == "2027-01-12")
        #expect((data["lines"] as? [[String: Any]])?.first?["quantity"] as? String == "50")
        let audit = try t.hub.store.read { try $0.auditEntries(objectType: "shipNotice", objectID: id, after: nil, limit: 10) }.items
        #expect(audit.map(\.action) == ["shipNotice.submitted"])
    }

    @Test func pagesWithACursor() throws {
        let t = try TestHub()
        t.seedShipping()
        for i in 1...3 { #expect(t.submitNotice(TestHub.noticeJSON("ASN-\(i)", lines: [("PO-1001", 1, "10")])).status == 201) }
        let first = t.call("GET", "/v1/ship-notices?limit=2", key: t.supplierKey)
        #expect((first.json["items"] as? [Any])?.count == 2)
        let cursor = try #require(first.json["nextCursor"] as? String)
        let second = t.call("GET", "/v1/ship-notices?limit=2&cursor=\(cursor)", key: t.supplierKey)
        #expect((second.json["items"] as? [[String: Any]])?.map { $0["shipmentId"] as? String } == ["ASN-3"])
        #expect(second.json["nextCursor"] == nil || second.json["nextCursor"] is NSNull)
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let body: String
        let status: Int
        let slug: String
        let code: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "an unknown order", body: TestHub.noticeJSON(lines: [("PO-9999", 1, "1")]), status: 404, slug: "not-found", code: "unknownPurchaseOrder"),
        Refusal(name: "another supplier's order, answered like an unknown one", body: TestHub.noticeJSON(lines: [("PO-2001", 1, "1")]),
                status: 404, slug: "not-found", code: "unknownPurchaseOrder"),
        Refusal(name: "an unknown line", body: TestHub.noticeJSON(lines: [("PO-1001", 2, "1")]), status: 422, slug: "unknown-line", code: "unknownLine"),
        Refusal(name: "an order not yet confirmed", body: TestHub.noticeJSON(lines: [("PO-1002", 1, "1")]), status: 422,
                slug: "line-not-confirmed", code: "lineNotConfirmed"),
        Refusal(name: "one unit over the 10% tolerance", body: TestHub.noticeJSON(lines: [("PO-1001", 1, "111")]), status: 422,
                slug: "over-shipment", code: "overShipment"),
        Refusal(name: "a bad SSCC check digit", body: TestHub.noticeJSON(sscc: "006141411234567891"), status: 422, slug: "invalid-sscc", code: "invalidSSCC"),
        Refusal(name: "an SSCC of 17 digits", body: TestHub.noticeJSON(sscc: "00614141123456789"), status: 422, slug: "invalid-sscc", code: "invalidSSCC"),
        Refusal(name: "a negative quantity", body: TestHub.noticeJSON(lines: [("PO-1001", 1, "-5")]), status: 422, slug: "invalid-document", code: "invalidDocument"),
        Refusal(name: "a good order and an unknown one: nothing applied", body: TestHub.noticeJSON(lines: [("PO-1001", 1, "10"), ("PO-9999", 1, "1")]),
                status: 404, slug: "not-found", code: "unknownPurchaseOrder"),
        Refusal(name: "a good order and an over-shipped one: nothing applied", body: TestHub.noticeJSON(lines: [("PO-1001", 1, "10"), ("PO-1004", 1, "12")]),
                status: 422, slug: "over-shipment", code: "overShipment"),
    ]

    @Test(arguments: refusals)
    func refusesAndWritesNothing(_ c: Refusal) throws {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        #expect(t.acknowledge("PO-2001", body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#, as: t.otherSupplierKey).status == 201)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1002", key: t.erpKey, body: TestHub.orderJSON("PO-1002")).status == 201)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1004", key: t.erpKey, body: TestHub.orderJSON("PO-1004", quantity: "10")).status == 201)
        #expect(t.acknowledge("PO-1004", body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#).status == 201)
        let before = try t.pendingKinds()
        let eventsBefore = try t.events("").count

        let reply = t.submitNotice(c.body)
        #expect(reply.status == c.status)
        #expect(reply.problemType == "urn:supplyline:problem:\(c.slug)")
        #expect(reply.json["code"] as? String == c.code)
        #expect(reply.headers["Content-Type"]?.hasPrefix("application/problem+json") == true)
        #expect(!(reply.json["detail"] as? String ?? "").isEmpty)

        #expect(try t.shipped() == .zero)
        #expect(try t.shipped("PO-1004") == .zero)
        #expect(try t.pendingKinds() == before)
        #expect(try t.events("").count == eventsBefore)
        #expect((t.call("GET", "/v1/ship-notices", key: t.erpKey).json["items"] as? [Any])?.count == 0)
    }

    @Test func anotherSuppliersOrderLooksExactlyLikeAMissingOne() throws {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        let theirs = t.submitNotice(TestHub.noticeJSON(lines: [("PO-2001", 1, "1")]))
        let missing = t.submitNotice(TestHub.noticeJSON(lines: [("PO-2002", 1, "1")]))
        #expect(theirs.status == 404)
        #expect((theirs.json["detail"] as? String)?.replacingOccurrences(of: "2001", with: "2002") == missing.json["detail"] as? String)
    }

    @Test func toleranceEdgesThroughTheAPI() throws {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.submitNotice(TestHub.noticeJSON("ASN-1", lines: [("PO-1001", 1, "60")])).status == 201)
        // 40 open, 10% of it: at most 44 more.
        #expect(t.submitNotice(TestHub.noticeJSON("ASN-2", lines: [("PO-1001", 1, "45")])).json["code"] as? String == "overShipment")
        #expect(t.submitNotice(TestHub.noticeJSON("ASN-2", lines: [("PO-1001", 1, "44")])).status == 201)
        #expect(try t.shipped() == .shipped(104))
        #expect(t.submitNotice(TestHub.noticeJSON("ASN-3", lines: [("PO-1001", 1, "1")])).json["code"] as? String == "overShipment")
    }

    @Test func aShipmentIdIsUsedOncePerSupplier() throws {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        #expect(t.acknowledge("PO-2001", body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#, as: t.otherSupplierKey).status == 201)
        #expect(t.submitNotice(TestHub.noticeJSON("ASN-1", lines: [("PO-1001", 1, "10")])).status == 201)
        let duplicate = t.submitNotice(TestHub.noticeJSON("ASN-1", lines: [("PO-1001", 1, "5")]))
        #expect(duplicate.status == 409)
        #expect(duplicate.problemType == "urn:supplyline:problem:duplicate-shipment-id")
        #expect(try t.shipped() == .shipped(10))
        // Another supplier may use the same number for its own shipment.
        #expect(t.submitNotice(TestHub.noticeJSON("ASN-1", lines: [("PO-2001", 1, "5")]), as: t.otherSupplierKey).status == 201)
    }

    @Test func onlySuppliersSubmitAndAKeyIsRequired() throws {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.submitNotice(TestHub.noticeJSON(), as: t.erpKey).status == 403)
        #expect(t.submitNotice(TestHub.noticeJSON(), as: t.buyerKey).status == 403)
        let missing = t.call("POST", "/v1/ship-notices", key: t.supplierKey, body: TestHub.noticeJSON())
        #expect(missing.status == 400)
        #expect(missing.problemType == "urn:supplyline:problem:missing-idempotency-key")
        let reused = t.submitNotice(TestHub.noticeJSON("ASN-1"), key: "k")
        #expect(reused.status == 201)
        #expect(t.submitNotice(TestHub.noticeJSON("ASN-2"), key: "k").problemType == "urn:supplyline:problem:idempotency-key-reused")
    }

    @Test func anUpdatePostsANewVersionAndMovesTheLedgerByTheDifference() throws {
        let t = try TestHub()
        t.seedShipping()
        let id = t.submitNotice(TestHub.noticeJSON(lines: [("PO-1001", 1, "50")])).json["id"] as? String ?? ""
        let updated = t.call("PUT", "/v1/ship-notices/\(id)", key: t.supplierKey, body: TestHub.noticeJSON(lines: [("PO-1001", 1, "70")]))
        #expect(updated.status == 200)
        #expect(updated.json["version"] as? Int == 2)
        #expect(try t.shipped() == .shipped(70))
        #expect(try t.pendingKeys().filter { $0.hasPrefix("inboundDelivery:") } == ["inboundDelivery:\(id):1", "inboundDelivery:\(id):2"])
        // The same content again is no new version.
        let same = t.call("PUT", "/v1/ship-notices/\(id)", key: t.supplierKey, body: TestHub.noticeJSON(lines: [("PO-1001", 1, "70")]))
        #expect(same.json["version"] as? Int == 2)
        // Its own 70 count as open again: up to 110 passes, 111 not, and nothing moves.
        let over = t.call("PUT", "/v1/ship-notices/\(id)", key: t.supplierKey, body: TestHub.noticeJSON(lines: [("PO-1001", 1, "111")]))
        #expect(over.json["code"] as? String == "overShipment")
        #expect(try t.shipped() == .shipped(70))
        #expect(t.call("PUT", "/v1/ship-notices/\(id)", key: t.supplierKey, body: TestHub.noticeJSON(lines: [("PO-1001", 1, "110")])).status == 200)
        #expect(try t.shipped() == .shipped(110))
        // The shipment id stays.
        #expect(t.call("PUT", "/v1/ship-notices/\(id)", key: t.supplierKey, body: TestHub.noticeJSON("ASN-X")).status == 422)
        // Another supplier cannot touch it.
        #expect(t.call("PUT", "/v1/ship-notices/\(id)", key: t.otherSupplierKey, body: TestHub.noticeJSON()).status == 404)
        #expect(t.call("POST", "/v1/ship-notices/\(id)/cancel", key: t.otherSupplierKey).status == 404)
        #expect(try t.events("shipnotice.updated").count == 2)
    }

    @Test func aCancellationReversesTheLedgerAndTellsTheERP() throws {
        let t = try TestHub()
        t.seedShipping()
        let id = t.submitNotice(TestHub.noticeJSON(lines: [("PO-1001", 1, "50")])).json["id"] as? String ?? ""
        let cancelled = t.call("POST", "/v1/ship-notices/\(id)/cancel", key: t.supplierKey)
        #expect(cancelled.status == 200)
        #expect(cancelled.json["status"] as? String == "cancelled")
        #expect(try t.shipped() == .zero)
        #expect(try t.pendingKeys().contains("inboundDeliveryCancellation:\(id)"))
        // A retried cancel answers the cancelled notice again and changes nothing.
        let again = t.call("POST", "/v1/ship-notices/\(id)/cancel", key: t.supplierKey)
        #expect(again.status == 200)
        #expect(again.json["status"] as? String == "cancelled")
        #expect(try t.pendingKeys().filter { $0 == "inboundDeliveryCancellation:\(id)" }.count == 1)
        #expect(t.call("PUT", "/v1/ship-notices/\(id)", key: t.supplierKey, body: TestHub.noticeJSON()).json["code"] as? String == "shipNoticeClosed")
        #expect(try t.shipped() == .zero)
        #expect(try t.events("shipnotice.cancelled").count == 1)
        // Its shipment id stays taken.
        #expect(t.submitNotice(TestHub.noticeJSON()).status == 409)
    }

    @Test func aLineNamingAnOlderRevisionIsStale() throws {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON(revision: 2)).status == 200)
        #expect(t.acknowledge(body: #"{"revision":2,"lines":[{"line":1,"status":"accepted"}]}"#).status == 201)
        let body = TestHub.noticeJSON().replacingOccurrences(of: #""purchaseOrder":"PO-1001","#, with: #""purchaseOrder":"PO-1001","revision":1,"#)
        let stale = t.submitNotice(body)
        #expect(stale.status == 409)
        #expect(stale.problemType == "urn:supplyline:problem:stale-revision")
        #expect(try t.shipped() == .zero)
        let current = t.submitNotice(body.replacingOccurrences(of: #""revision":1"#, with: #""revision":2"#))
        #expect(current.status == 201)
    }
}

@Suite("Ship notices close the late-shipment alerts they answer")
struct LateShipmentClosingTests {
    @Test func aNoticeCoveringTheQuantityDueClosesTheAlert() throws {
        let t = try TestHub()
        t.seedShipping()
        // PO-1001 (100 EA due 2027-01-15) is confirmed and, on this clock, past due with nothing shipped.
        #expect(try t.hub.timers.sweep.sweep().shipNoticesLate == 1)
        func late() -> [[String: Any]] {
            t.call("GET", "/v1/exceptions?type=shipNoticeLate", key: t.buyerKey).json["items"] as? [[String: Any]] ?? []
        }
        #expect(late().first?["status"] as? String == "open")
        #expect((late().first?["links"] as? [String: String])?["dueQuantity"] == "100")
        // Half of it does not answer the alert; the rest does.
        #expect(t.submitNotice(TestHub.noticeJSON("ASN-1", lines: [("PO-1001", 1, "50")])).status == 201)
        #expect(late().first?["status"] as? String == "open")
        #expect(t.submitNotice(TestHub.noticeJSON("ASN-2", lines: [("PO-1001", 1, "50")], sscc: TestHub.sscc2)).status == 201)
        let closed = try #require(late().first)
        #expect(closed["status"] as? String == "superseded")
        #expect(closed["note"] as? String == "Ship notices now announce 100 of the 100 due.")
        let events = try t.hub.store.read { try $0.events(after: 0, limit: 200, scope: .all) }
        #expect(events.filter { $0.type == "com.supplyline.exception.superseded" }.count == 1)
        // A later sweep does not raise it again.
        #expect(try t.hub.timers.sweep.sweep().shipNoticesLate == 0)
    }
}
