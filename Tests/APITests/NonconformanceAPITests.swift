import Flows
import Foundation
import Storage
import Testing

@Suite("Nonconformances API")
struct NonconformanceAPITests {
    static func body(supplier: String = "S-100", receipt: String = "gr_8Hk2", order: String? = "PO-1001", line: Int? = 1,
                     description: String = "Burrs on the cut edges", due: (String, String, String) = ("2031-01-14", "2031-01-21", "2031-02-11")) -> String {
        var fields = [#""supplier":"\#(supplier)""#, #""goodsReceipt":"\#(receipt)""#, #""description":"\#(description)""#,
                      #""severity":"major""#, #""lot":"L-14""#, #""quantityAffected":"12""#,
                      #""due":{"containment":"\#(due.0)","rootCause":"\#(due.1)","correctiveAction":"\#(due.2)"}"#]
        if let order { fields.append(#""purchaseOrder":"\#(order)""#) }
        if let line { fields.append(#""line":\#(line)"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// Suppliers, PO-1001 and the receipts the bodies name.
    static func seed(_ t: TestHub) throws {
        t.seed()
        try t.recordReceipt("gr_8Hk2")
        try t.recordReceipt("gr_1")
        try t.recordReceipt("gr_other", supplier: "S-200", purchaseOrder: "PO-2001")
        try t.recordReceipt("gr_po9", purchaseOrder: "PO-9")
    }

    func raise(_ t: TestHub, _ body: String = Self.body(), key: String = UUID().uuidString, as apiKey: String? = nil) -> TestHub.Reply {
        t.call("POST", "/v1/nonconformances", key: apiKey ?? t.buyerKey, body: body, headers: [("Idempotency-Key", key)])
    }

    func answer(_ t: TestHub, _ id: String, _ path: String, text: String = "Blocked and sorted all stock.", as apiKey: String? = nil,
                key: String = UUID().uuidString) -> TestHub.Reply {
        t.call("POST", "/v1/nonconformances/\(id)/\(path)", key: apiKey ?? t.supplierKey, body: #"{"text":"\#(text)"}"#,
               headers: [("Idempotency-Key", key)])
    }

    func review(_ t: TestHub, _ id: String, _ verdict: String, step: String, note: String? = nil, as apiKey: String? = nil) -> TestHub.Reply {
        let body = note.map { #"{"step":"\#(step)","note":"\#($0)"}"# } ?? #"{"step":"\#(step)"}"#
        return t.call("POST", "/v1/nonconformances/\(id)/\(verdict)", key: apiKey ?? t.buyerKey, body: body)
    }

    func eventTypes(_ t: TestHub) -> [String] {
        (t.call("GET", "/v1/events?limit=500", key: t.adminKey).json["items"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
    }

    func outbox(_ t: TestHub) throws -> [OutboxJob] {
        try t.hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 100).items }.filter { $0.message.kind == "nonconformance" }
    }

    @Test func aBuyerRaisesOnceWithAnIdempotencyKey() throws {
        let t = try TestHub()
        try Self.seed(t)
        let first = raise(t, key: "k-1")
        #expect(first.status == 201)
        let id = try #require(first.json["id"] as? String)
        #expect(id.hasPrefix("ncr_"))
        #expect(first.headers["Location"] == "/v1/nonconformances/\(id)")
        #expect(first.json["status"] as? String == "awaitingContainment")
        #expect(first.json["quantityAffected"] as? String == "12")
        let steps = first.json["steps"] as? [[String: Any]] ?? []
        #expect(steps.map { $0["state"] as? String } == ["open", "pending", "pending"])
        #expect(steps.map { $0["due"] as? String } == ["2031-01-14", "2031-01-21", "2031-02-11"])

        let again = raise(t, key: "k-1")
        #expect(again.status == 201)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.json["id"] as? String == id)
        let other = raise(t, Self.body(description: "Something else"), key: "k-1")
        #expect(other.status == 422)
        #expect(other.problemType == "urn:supplyline:problem:idempotency-key-reused")
        #expect(t.call("POST", "/v1/nonconformances", key: t.buyerKey, body: Self.body()).status == 400)

        #expect(eventTypes(t).filter { $0.hasPrefix("com.supplyline.ncr.") } == ["com.supplyline.ncr.raised"])
        let postings = try outbox(t)
        #expect(postings.map(\.message.idempotencyKey) == ["nonconformance:\(id):raised"])
        let payload = try JSONSerialization.jsonObject(with: Data(postings[0].message.payload)) as? [String: Any]
        #expect(payload?["event"] as? String == "raised")
        #expect(payload?["goodsReceipt"] as? String == "gr_8Hk2")
        #expect(payload?["supplier"] as? String == "S-100")
        let audit = try t.hub.store.read { try $0.auditEntries(objectType: "nonconformance", objectID: id, after: nil, limit: 10).items }
        #expect(audit.map(\.action) == ["nonconformance.raised"])
    }

    @Test func onlyABuyerRaises() throws {
        let t = try TestHub()
        try Self.seed(t)
        for key in [t.supplierKey, t.erpKey, t.adminKey] {
            #expect(raise(t, as: key).status == 403)
        }
    }

    @Test(arguments: [
        (body: NonconformanceAPITests.body(supplier: "S-999", order: nil, line: nil), status: 422, slug: "unknown-supplier", pointer: "/supplier"),
        (body: NonconformanceAPITests.body(order: "PO-404"), status: 404, slug: "not-found", pointer: "/purchaseOrder"),
        (body: NonconformanceAPITests.body(order: "PO-2001"), status: 422, slug: "supplier-mismatch", pointer: "/purchaseOrder"),
        (body: NonconformanceAPITests.body(line: 7), status: 422, slug: "unknown-line", pointer: "/line"),
        (body: NonconformanceAPITests.body(order: nil, line: 1), status: 422, slug: "invalid-document", pointer: "/line"),
        (body: NonconformanceAPITests.body(receipt: "R-1"), status: 422, slug: "invalid-document", pointer: "/goodsReceipt"),
        (body: NonconformanceAPITests.body(receipt: "gr_nope"), status: 422, slug: "unknown-goods-receipt", pointer: "/goodsReceipt"),
        (body: NonconformanceAPITests.body(receipt: "gr_other"), status: 422, slug: "unknown-goods-receipt", pointer: "/goodsReceipt"),
        (body: NonconformanceAPITests.body(receipt: "gr_po9"), status: 422, slug: "unknown-goods-receipt", pointer: "/goodsReceipt"),
        (body: NonconformanceAPITests.body(description: " "), status: 422, slug: "invalid-document", pointer: "/description"),
        (body: NonconformanceAPITests.body(due: ("2020-01-01", "2031-01-21", "2031-02-11")), status: 422, slug: "invalid-document", pointer: "/due/containment"),
        (body: NonconformanceAPITests.body(due: ("2031-01-14", "2031-01-10", "2031-02-11")), status: 422, slug: "invalid-document", pointer: "/due/rootCause"),
        (body: NonconformanceAPITests.body(due: ("2031-01-14", "2031-01-21", "2031-01-20")), status: 422, slug: "invalid-document", pointer: "/due/correctiveAction"),
        (body: NonconformanceAPITests.body(due: ("2031-02-30", "2031-01-21", "2031-01-20")), status: 422, slug: "invalid-document", pointer: "/due/containment"),
        (body: #"{"supplier":"S-100","goodsReceipt":"gr_1","description":"x","severity":"fatal","due":{"containment":"2031-01-01","rootCause":"2031-01-01","correctiveAction":"2031-01-01"}}"#,
         status: 422, slug: "invalid-document", pointer: "/severity"),
        (body: #"{"supplier":"S-100","goodsReceipt":"gr_1","description":"x","severity":"minor","quantityAffected":3,"due":{"containment":"2031-01-01","rootCause":"2031-01-01","correctiveAction":"2031-01-01"}}"#,
         status: 422, slug: "invalid-document", pointer: "/quantityAffected"),
        (body: #"{"supplier":"S-100","goodsReceipt":"gr_1","description":"x","severity":"minor"}"#, status: 422, slug: "invalid-document", pointer: "/due"),
    ])
    func badReportsAreRefusedWithAReasonAndNothingIsWritten(body: String, status: Int, slug: String, pointer: String) throws {
        let t = try TestHub()
        try Self.seed(t)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        let eventsBefore = eventTypes(t).count
        let reply = raise(t, body)
        #expect(reply.status == status, "\(reply.text)")
        #expect(reply.problemType == "urn:supplyline:problem:\(slug)")
        #expect(!(reply.json["detail"] as? String ?? "").isEmpty)
        let pointers = (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
        #expect(pointers.contains(pointer), "\(reply.text)")
        #expect((t.call("GET", "/v1/nonconformances", key: t.buyerKey).json["items"] as? [Any])?.isEmpty == true)
        #expect(eventTypes(t).count == eventsBefore)
        #expect(try outbox(t).isEmpty)
    }

    @Test func theSupplierAnswersEachStepAndTheBuyerAcceptsReturnsAndCloses() throws {
        let erp = RecordingERP()
        let t = try TestHub(connector: erp)
        try Self.seed(t)
        let id = try #require(raise(t).json["id"] as? String)

        let contained = answer(t, id, "containment", key: "a-1")
        #expect(contained.status == 201)
        #expect(contained.json["status"] as? String == "containmentAnswered")
        let replay = answer(t, id, "containment", key: "a-1")
        #expect(replay.status == 201)
        #expect(replay.headers["Idempotent-Replayed"] == "true")
        #expect(answer(t, id, "containment", text: "Other words", key: "a-1").status == 422)

        // Out of order, twice, or reviewed before an answer: refused, nothing changes.
        let early = answer(t, id, "root-cause")
        #expect(early.status == 409)
        #expect(early.problemType == "urn:supplyline:problem:step-not-open")
        #expect(answer(t, id, "containment").problemType == "urn:supplyline:problem:step-not-open")
        #expect(review(t, id, "accept", step: "rootCause").problemType == "urn:supplyline:problem:step-not-answered")
        #expect(t.call("POST", "/v1/nonconformances/\(id)/close", key: t.buyerKey, body: #"{"note":"ok"}"#).problemType
                == "urn:supplyline:problem:not-awaiting-verification")

        // A return needs a note; the supplier answers again.
        let noNote = review(t, id, "return", step: "containment")
        #expect(noNote.status == 422)
        #expect(noNote.problemType == "urn:supplyline:problem:invalid-document")
        let returned = review(t, id, "return", step: "containment", note: "Include the stock in transit.")
        #expect(returned.status == 200)
        #expect(returned.json["status"] as? String == "awaitingContainment")
        #expect(answer(t, id, "containment", text: "Warehouse and transit stock sorted.").status == 201)
        #expect(review(t, id, "accept", step: "containment").json["status"] as? String == "awaitingRootCause")
        #expect(answer(t, id, "root-cause", text: "Worn deburring brush.").status == 201)
        #expect(review(t, id, "accept", step: "rootCause").json["status"] as? String == "awaitingCorrectiveAction")
        #expect(answer(t, id, "corrective-action", text: "Brush on the PM plan.").status == 201)
        #expect(review(t, id, "accept", step: "correctiveAction").json["status"] as? String == "awaitingVerification")
        #expect(t.call("POST", "/v1/nonconformances/\(id)/close", key: t.buyerKey, body: #"{"note":" "}"#).status == 422)
        let closed = t.call("POST", "/v1/nonconformances/\(id)/close", key: t.buyerKey, body: #"{"note":"Three clean lots."}"#)
        #expect(closed.status == 200)
        #expect(closed.json["status"] as? String == "closed")
        #expect(closed.json["closingNote"] as? String == "Three clean lots.")
        let again = t.call("POST", "/v1/nonconformances/\(id)/close", key: t.buyerKey, body: #"{"note":"Again."}"#)
        #expect(again.status == 409)
        #expect(again.problemType == "urn:supplyline:problem:nonconformance-closed")
        #expect(answer(t, id, "corrective-action").problemType == "urn:supplyline:problem:nonconformance-closed")

        let read = t.call("GET", "/v1/nonconformances/\(id)", key: t.supplierKey)
        #expect(read.status == 200)
        let history = read.json["history"] as? [[String: Any]] ?? []
        #expect(history.map { $0["action"] as? String } == ["raised", "answered", "returned", "answered", "accepted", "answered", "accepted",
                                                             "answered", "accepted", "closed"])
        #expect(history[2]["text"] as? String == "Include the stock in transit.")
        let steps = read.json["steps"] as? [[String: Any]] ?? []
        #expect(steps.map { $0["state"] as? String } == ["accepted", "accepted", "accepted"])
        #expect(steps[0]["answer"] as? String == "Warehouse and transit stock sorted.")

        let ncrEvents = eventTypes(t).filter { $0.hasPrefix("com.supplyline.ncr.") }
        #expect(ncrEvents.filter { $0 == "com.supplyline.ncr.answered" }.count == 4)
        #expect(ncrEvents.first == "com.supplyline.ncr.raised")
        #expect(ncrEvents.last == "com.supplyline.ncr.closed")

        // Raised and closed reach the ERP once each.
        let dispatcher = try #require(t.hub.dispatcher)
        while try dispatcher.dispatchOnce() > 0 {}
        let keys = erp.postings.withLock { $0.filter { $0.kind == "nonconformance" }.map(\.idempotencyKey) }
        #expect(keys == ["nonconformance:\(id):raised", "nonconformance:\(id):closed"])
        // The close carries the supplier's accepted answers.
        let closing = try #require(erp.postings.withLock { $0.last { $0.kind == "nonconformance" } })
        let answers = (try JSONSerialization.jsonObject(with: Data(closing.payload)) as? [String: Any])?["answers"] as? [String: String]
        #expect(answers?.keys.sorted() == ["containment", "correctiveAction", "rootCause"])
        let audit = try t.hub.store.read { try $0.auditEntries(objectType: "nonconformance", objectID: id, after: nil, limit: 50).items }
        #expect(audit.count == history.count)
    }

    @Test func anotherSuppliersReportIsNotFoundOnEveryEndpoint() throws {
        let t = try TestHub()
        try Self.seed(t)
        let id = try #require(raise(t).json["id"] as? String)
        #expect(t.call("GET", "/v1/nonconformances/\(id)", key: t.otherSupplierKey).status == 404)
        for path in ["containment", "root-cause", "corrective-action"] {
            let reply = answer(t, id, path, as: t.otherSupplierKey)
            #expect(reply.status == 404, "\(path)")
            #expect(reply.problemType == "urn:supplyline:problem:not-found")
        }
        #expect((t.call("GET", "/v1/nonconformances", key: t.otherSupplierKey).json["items"] as? [Any])?.isEmpty == true)
        #expect((t.call("GET", "/v1/nonconformances?supplier=S-100", key: t.otherSupplierKey).json["items"] as? [Any])?.isEmpty == true)
        // Nothing moved.
        #expect(t.call("GET", "/v1/nonconformances/\(id)", key: t.supplierKey).json["status"] as? String == "awaitingContainment")
        // Buyers' actions are not the supplier's, and answers are not the buyer's.
        #expect(review(t, id, "accept", step: "containment", as: t.supplierKey).status == 403)
        #expect(review(t, id, "return", step: "containment", note: "x", as: t.otherSupplierKey).status == 403)
        #expect(t.call("POST", "/v1/nonconformances/\(id)/close", key: t.otherSupplierKey, body: #"{"note":"x"}"#).status == 403)
        #expect(answer(t, id, "containment", as: t.buyerKey).status == 403)
        #expect(t.call("GET", "/v1/nonconformances/ncr_nothing", key: t.buyerKey).status == 404)
        #expect(answer(t, "ncr_nothing", "containment").status == 404)
        #expect(review(t, "ncr_nothing", "accept", step: "containment").status == 404)
    }

    @Test func listsFilterByStatusAndSupplier() throws {
        let t = try TestHub()
        try Self.seed(t)
        let first = try #require(raise(t).json["id"] as? String)
        let second = try #require(raise(t, Self.body(supplier: "S-200", receipt: "gr_other", order: nil, line: nil)).json["id"] as? String)
        #expect(answer(t, first, "containment").status == 201)
        func ids(_ query: String, _ key: String) -> [String] {
            (t.call("GET", "/v1/nonconformances\(query)", key: key).json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(ids("", t.buyerKey) == [first, second])
        #expect(ids("?status=containmentAnswered", t.buyerKey) == [first])
        #expect(ids("?status=awaitingContainment", t.erpKey) == [second])
        #expect(ids("?supplier=S-200", t.adminKey) == [second])
        #expect(ids("", t.supplierKey) == [first])
        #expect(ids("", t.otherSupplierKey) == [second])
        #expect(ids("?limit=1", t.buyerKey) == [first])
        #expect(t.call("GET", "/v1/nonconformances?status=open", key: t.buyerKey).problemType == "urn:supplyline:problem:invalid-parameter")
    }
}
