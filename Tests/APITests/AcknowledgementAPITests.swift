import Foundation
import Storage
import Testing

@Suite("API: purchase orders and acknowledgements")
struct AcknowledgementAPITests {
    @Test func theContractByExample() throws {
        let t = try TestHub()
        #expect(t.call("PUT", "/v1/suppliers/S-100", key: t.erpKey, body: TestHub.supplierJSON).status == 201)
        let put = t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON())
        #expect(put.status == 201)
        #expect(put.json["status"] as? String == "awaitingAcknowledgement")
        let ack = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"100","date":"2027-01-17"}]}]}"#)
        #expect(ack.status == 201)
        #expect(ack.json["purchaseOrder"] as? String == "PO-1001")
        #expect(ack.json["revision"] as? Int == 1)
        #expect(ack.json["decision"] as? String == "confirmed")
        #expect((ack.json["reasons"] as? [Any])?.isEmpty == true)
        #expect((ack.json["id"] as? String)?.isEmpty == false)
        let get = t.call("GET", "/v1/purchase-orders/PO-1001", key: t.supplierKey)
        #expect(get.json["status"] as? String == "confirmed")
        #expect(get.json["revision"] as? Int == 1)
        let outbox = try t.hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 10) }.items
        #expect(outbox.map(\.message.kind) == ["orderConfirmation"])
    }

    @Test func anAcknowledgementReadsTheSameEverywhere() throws {
        let t = try TestHub()
        t.seed()
        let posted = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"changed","unitPrice":"9.99","reason":"Alloy \"surcharge\"\n2027"}]}"#)
        #expect(posted.status == 201)
        let id = posted.json["id"] as? String ?? ""
        let fetched = t.call("GET", "/v1/acknowledgements/\(id)", key: t.supplierKey)
        #expect(fetched.body == posted.body, "POST and GET render the same bytes")
        let listed = (t.call("GET", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.supplierKey).json["items"] as? [[String: Any]])?.first
        #expect(listed.map { NSDictionary(dictionary: $0) } == NSDictionary(dictionary: posted.json))
        #expect((posted.json["lines"] as? [[String: Any]])?.first?["reason"] as? String == "Alloy \"surcharge\"\n2027")
    }

    @Test func releasesAreIdempotentAndRevisionAware() throws {
        let t = try TestHub()
        t.seed()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON()).status == 200)
        let conflict = t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON(quantity: "120"))
        #expect(conflict.status == 409)
        #expect(conflict.problemType == "urn:supplyline:problem:revision-conflict")
        let revised = t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON(revision: 2, quantity: "120"))
        #expect(revised.status == 200)
        #expect(revised.json["revision"] as? Int == 2)
        #expect(revised.json["revisions"] as? [Int] == [1, 2])
        let older = t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON(revision: 1))
        #expect(older.status == 409)
        let stale = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#)
        #expect(stale.status == 409)
        #expect(stale.problemType == "urn:supplyline:problem:stale-revision")
        let unknown = t.acknowledge(body: #"{"revision":3,"lines":[{"line":1,"status":"accepted"}]}"#)
        #expect(unknown.status == 422)
        #expect(unknown.problemType == "urn:supplyline:problem:unknown-revision")
        #expect(t.acknowledge(body: #"{"revision":2,"lines":[{"line":1,"status":"accepted"}]}"#).status == 201)
        let old = t.call("GET", "/v1/purchase-orders/PO-1001/revisions/1", key: t.supplierKey)
        #expect(old.status == 200)
        #expect(old.json["revision"] as? Int == 1)
    }

    @Test func idempotencyKeysReplayRefuseAndAreScopedPerClient() throws {
        let t = try TestHub()
        t.seed()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        let body = #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#
        let first = t.acknowledge(body: body, key: "same-key")
        let again = t.acknowledge(body: body, key: "same-key")
        #expect(first.status == 201)
        #expect(again.status == 201)
        #expect(again.body == first.body)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        let different = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"rejected","reason":"no"}]}"#, key: "same-key")
        #expect(different.status == 422)
        #expect(different.problemType == "urn:supplyline:problem:idempotency-key-reused")
        // Another client may use the same key for its own request.
        let other = t.acknowledge("PO-2001", body: body, key: "same-key", as: t.otherSupplierKey)
        #expect(other.status == 201)
        let missing = t.call("POST", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.supplierKey, body: body)
        #expect(missing.status == 400)
        #expect(missing.problemType == "urn:supplyline:problem:missing-idempotency-key")
        let acks = try t.hub.store.read { try $0.acknowledgements(purchaseOrder: "PO-1001", scope: .all) }
        #expect(acks.count == 1)
        #expect(try t.hub.store.read { try $0.outboxCounts()[.pending] } == 2)
    }

    @Test func outOfToleranceGoesToABuyerWhoApprovesOrRejects() throws {
        let t = try TestHub()
        t.seed()
        let late = #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"100","date":"2027-01-25"}]}]}"#
        let ack = t.acknowledge(body: late)
        #expect(ack.json["decision"] as? String == "inReview")
        #expect(((ack.json["reasons"] as? [[String: Any]])?.first?["code"] as? String) == "dateOutOfTolerance")
        let list = t.call("GET", "/v1/exceptions?status=open", key: t.buyerKey)
        let items = list.json["items"] as? [[String: Any]] ?? []
        #expect(items.count == 1)
        let id = items.first?["id"] as? String ?? ""
        #expect(t.call("GET", "/v1/purchase-orders?status=inReview", key: t.buyerKey).text.contains("PO-1001"))
        // Suppliers may not decide on their own exceptions.
        #expect(t.call("POST", "/v1/exceptions/\(id)/approve", key: t.supplierKey).status == 403)
        let rejected = t.call("POST", "/v1/exceptions/\(id)/reject", key: t.buyerKey, body: #"{"note":"We need it on time"}"#)
        #expect(rejected.status == 200)
        #expect(rejected.json["status"] as? String == "rejected")
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.supplierKey).json["status"] as? String == "awaitingAcknowledgement")
        #expect(t.call("POST", "/v1/exceptions/\(id)/approve", key: t.buyerKey).status == 409)
        // The supplier answers again; this time the buyer approves, and the ERP is told.
        _ = t.acknowledge(body: late)
        let second = (t.call("GET", "/v1/exceptions?status=open", key: t.buyerKey).json["items"] as? [[String: Any]])?.first?["id"] as? String ?? ""
        let approved = t.call("POST", "/v1/exceptions/\(second)/approve", key: t.buyerKey)
        #expect(approved.status == 200)
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.supplierKey).json["status"] as? String == "confirmed")
        let outbox = try t.hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 10) }.items
        #expect(outbox.map(\.message.kind) == ["orderConfirmation"])
        let audit = try t.hub.store.read { try $0.auditEntries(objectType: nil, objectID: nil, after: nil, limit: 100) }.items.map(\.action)
        #expect(audit.contains("exception.rejected"))
        #expect(audit.contains("exception.approved"))
        #expect(audit.filter { $0 == "purchaseOrder.acknowledged" }.count == 2)
    }

    @Test func aRevisionSupersedesOpenExceptions() throws {
        let t = try TestHub()
        t.seed()
        _ = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"changed","unitPrice":"9.99"}]}"#)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON(revision: 2)).status == 200)
        let items = t.call("GET", "/v1/exceptions", key: t.buyerKey).json["items"] as? [[String: Any]] ?? []
        #expect(items.first?["status"] as? String == "superseded")
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.supplierKey).json["status"] as? String == "awaitingAcknowledgement")
    }

    @Test func rejectingEveryLineRejectsTheOrder() throws {
        let t = try TestHub()
        t.seed()
        let ack = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"rejected","reason":"Discontinued item"}]}"#)
        #expect(ack.json["decision"] as? String == "rejected")
        #expect(t.call("GET", "/v1/purchase-orders?status=rejected", key: t.erpKey).text.contains("PO-1001"))
        let outbox = try t.hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 10) }.items
        #expect(outbox.map(\.message.kind) == ["orderRejection"])
    }
}
