import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Flows
import Storage
import Testing

@Suite("Bulk release of purchase orders")
struct BulkReleaseAPITests {
    static func batch(_ orders: [String]) -> String { "{\"orders\":[" + orders.joined(separator: ",") + "]}" }

    func post(_ t: TestHub, _ body: String, key: String? = nil, idempotencyKey: String = UUID().uuidString) -> TestHub.Reply {
        t.call("POST", "/v1/purchase-orders:bulk", key: key ?? t.erpKey, body: body, headers: [("Idempotency-Key", idempotencyKey)])
    }

    func events(_ t: TestHub) -> [[String: Any]] {
        t.call("GET", "/v1/events?limit=1000", key: t.adminKey).json["items"] as? [[String: Any]] ?? []
    }

    func audit(_ t: TestHub, _ number: String) throws -> [String] {
        try t.hub.store.read { try $0.auditEntries(objectType: "purchaseOrder", objectID: number, after: nil, limit: 100) }.items.map(\.action)
    }

    @Test("a mixed batch: each order gets the answer its single PUT would get, and only the accepted ones leave traces")
    func mixedBatch() throws {
        let t = try TestHub()
        t.seed()
        // An answer outside the tolerance is waiting for a buyer; revision 2 makes it moot.
        #expect(t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"changed","unitPrice":"3.50"}]}"#).json["decision"] as? String == "inReview")
        let before = events(t).count
        let unreadable = #"{"number":"PO-5001","revision":"one","supplier":"S-100","plant":"P01","currency":"USD","lines":[]}"#
        let reply = post(t, Self.batch([
            TestHub.orderJSON("PO-2001"),                                 // 0 created
            TestHub.orderJSON(),                                          // 1 unchanged
            TestHub.orderJSON(revision: 2, quantity: "120"),              // 2 revised
            TestHub.orderJSON(revision: 1, quantity: "90"),               // 3 older revision: conflict
            TestHub.orderJSON("PO-4001", quantity: "0"),                  // 4 invalid
            TestHub.orderJSON("PO-6001", supplier: "S-999"),              // 5 unknown supplier
            unreadable,                                                   // 6 does not fit the schema
            TestHub.orderJSON(revision: 3, supplier: "S-200"),            // 7 supplier changed
            TestHub.orderJSON("PO-2002", supplier: "S-200"),              // 8 created for the other supplier
        ]))
        #expect(reply.status == 200)
        #expect(reply.headers["Idempotent-Replayed"] == nil)
        let json = reply.json
        #expect((json["batch"] as? String)?.hasPrefix("bat_") == true)
        let summary = try #require(json["summary"] as? [String: Int])
        #expect(summary == ["orders": 9, "created": 2, "unchanged": 1, "revised": 1, "refused": 5])
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.map { $0["index"] as? Int } == Array(0..<9))
        #expect(results.map { $0["outcome"] as? String } == ["created", "unchanged", "revised", "refused", "refused", "refused", "refused", "refused", "created"])
        #expect(results.map { $0["status"] as? Int } == [201, 200, 200, 409, 422, 422, 422, 409, 201])
        #expect(results.map { $0["revision"] as? Int } == [1, 1, 2, nil, nil, nil, nil, nil, 1])
        #expect(results[2]["previousRevision"] as? Int == 1)
        #expect(results.map { $0["number"] as? String } == ["PO-2001", "PO-1001", "PO-1001", "PO-1001", "PO-4001", "PO-6001", "PO-5001", "PO-1001", "PO-2002"])
        func problem(_ i: Int) -> [String: Any] { results[i]["problem"] as? [String: Any] ?? [:] }
        #expect(problem(3)["type"] as? String == "urn:supplyline:problem:revision-conflict")
        #expect(problem(3)["code"] as? String == "revisionConflict")
        #expect((problem(3)["detail"] as? String)?.contains("already at revision 2") == true)
        #expect(problem(4)["type"] as? String == "urn:supplyline:problem:invalid-document")
        #expect((problem(4)["errors"] as? [[String: String]])?.first?["pointer"] == "/lines/0/quantity")
        #expect(problem(5)["type"] as? String == "urn:supplyline:problem:unknown-supplier")
        #expect(problem(6)["type"] as? String == "urn:supplyline:problem:invalid-document")
        #expect((problem(6)["errors"] as? [[String: String]])?.first?["pointer"] == "/revision", "pointers are relative to the order")
        #expect(problem(7)["type"] as? String == "urn:supplyline:problem:supplier-changed")
        #expect(results[0]["problem"] == nil)

        // The accepted orders are there, for their suppliers only.
        #expect(t.call("GET", "/v1/purchase-orders/PO-2001", key: t.supplierKey).json["revision"] as? Int == 1)
        #expect(t.call("GET", "/v1/purchase-orders/PO-2002", key: t.supplierKey).status == 404)
        #expect(t.call("GET", "/v1/purchase-orders/PO-2002", key: t.otherSupplierKey).status == 200)
        let po1001 = t.call("GET", "/v1/purchase-orders/PO-1001", key: t.supplierKey).json
        #expect(po1001["revision"] as? Int == 2)
        #expect(po1001["supplier"] as? String == "S-100")
        #expect(po1001["revisions"] as? [Int] == [1, 2])
        for refused in ["PO-4001", "PO-5001", "PO-6001"] {
            #expect(t.call("GET", "/v1/purchase-orders/\(refused)", key: t.erpKey).status == 404)
            #expect(try audit(t, refused).isEmpty)
        }
        // Events: released, revised (with the superseded exception), released; nothing for refusals.
        let new = Array(events(t).dropFirst(before))
        #expect(new.map { $0["type"] as? String } == ["com.supplyline.po.released", "com.supplyline.po.revised",
                                                      "com.supplyline.exception.superseded", "com.supplyline.po.released"])
        #expect(new.map { $0["subject"] as? String }[0...1] == ["PO-2001", "PO-1001"])
        #expect((new[1]["data"] as? [String: Any])?["previousRevision"] as? Int == 1)
        #expect(t.call("GET", "/v1/exceptions?status=superseded", key: t.buyerKey).json["items"].map { ($0 as? [Any])?.count } == 1)
        #expect(try audit(t, "PO-1001") == ["purchaseOrder.released", "purchaseOrder.acknowledged", "purchaseOrder.revised"])
        #expect(try audit(t, "PO-2001") == ["purchaseOrder.released"])
        let batchAudit = try t.hub.store.read { try $0.auditEntries(objectType: "releaseBatch", objectID: nil, after: nil, limit: 10) }.items
        #expect(batchAudit.map(\.action) == ["purchaseOrder.batchReleased"])
        #expect(try t.hub.store.read { try $0.verifyAuditChain() } == nil)
    }

    @Test("the same order twice in a batch: the second entry sees the first")
    func sameOrderTwice() throws {
        let t = try TestHub()
        t.seed()
        let reply = post(t, Self.batch([TestHub.orderJSON(revision: 2, quantity: "110"), TestHub.orderJSON(revision: 3, quantity: "120"),
                                        TestHub.orderJSON(revision: 3, quantity: "120")]))
        let results = reply.json["results"] as? [[String: Any]] ?? []
        #expect(results.map { $0["outcome"] as? String } == ["revised", "revised", "unchanged"])
        #expect(results.map { $0["previousRevision"] as? Int } == [1, 2, nil])
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.supplierKey).json["revisions"] as? [Int] == [1, 2, 3])
    }

    @Test("an order refused after it was partly written leaves nothing behind; the rest of the batch applies")
    func refusedMidwayIsUndone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-drop-\(UUID().uuidString)")
        let t = try TestHub()
        t.seed()
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey,
                       body: InterchangeFixtures.x12Profile(dropFolder: folder.path)).status == 201)
        // X12 has no release character: a `*` in a description cannot be written into the 850,
        // which is found only after the revision row was written.
        let starred = TestHub.orderJSON("PO-2002").replacingOccurrences(of: "\"Bracket\"", with: "\"Bracket *special*\"")
        let single = t.call("PUT", "/v1/purchase-orders/PO-2002", key: t.erpKey, body: starred)
        #expect(single.status == 422)
        let before = events(t).count
        let reply = post(t, Self.batch([TestHub.orderJSON("PO-2001"), starred, TestHub.orderJSON("PO-2003")]))
        let results = reply.json["results"] as? [[String: Any]] ?? []
        #expect(results.map { $0["outcome"] as? String } == ["created", "refused", "created"])
        let problem = results[1]["problem"] as? [String: Any] ?? [:]
        #expect(problem["type"] as? String == single.problemType)
        #expect(problem["detail"] as? String == single.json["detail"] as? String)
        #expect(t.call("GET", "/v1/purchase-orders/PO-2002", key: t.erpKey).status == 404)
        #expect(try audit(t, "PO-2002").isEmpty)
        #expect(events(t).dropFirst(before).map { $0["subject"] as? String } == ["PO-2001", "PO-2003"])
        let outbound = t.call("GET", "/v1/interchanges?direction=outbound", key: t.adminKey).json["items"] as? [[String: Any]] ?? []
        #expect(outbound.map { $0["controlNumber"] as? String } == ["000000001", "000000002"], "the refused order used no control number")
        #expect(try t.hub.store.read { try $0.outboxCounts() }[.pending] == 2)
        // Nothing of the refused order is remembered as committed either: an answer to it, or to
        // a refused revision of an order that exists, is refused as before.
        #expect(t.acknowledge("PO-2002", body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#).status == 404)
        let starredRevision = TestHub.orderJSON(revision: 2, quantity: "120").replacingOccurrences(of: "\"Bracket\"", with: "\"Bracket *\"")
        let revised = post(t, Self.batch([starredRevision])).json["results"] as? [[String: Any]] ?? []
        #expect(revised.map { $0["outcome"] as? String } == ["refused"])
        let answer = t.acknowledge(body: #"{"revision":2,"lines":[{"line":1,"status":"accepted"}]}"#)
        #expect(answer.status == 422)
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.erpKey).json["status"] as? String == "awaitingAcknowledgement")
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.erpKey).json["revision"] as? Int == 1)
    }

    @Test("a retry with the same key replays the stored answer and applies nothing again; another batch with that key is refused")
    func idempotentReplay() throws {
        let t = try TestHub()
        t.seed()
        let body = Self.batch([TestHub.orderJSON("PO-2001"), TestHub.orderJSON(revision: 2, quantity: "120"), TestHub.orderJSON("PO-4001", quantity: "0")])
        let first = post(t, body, idempotencyKey: "run-42")
        #expect(first.status == 200)
        let eventCount = events(t).count
        // Later changes do not alter what the key answers.
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON(revision: 3, quantity: "130")).status == 200)
        let again = post(t, body, idempotencyKey: "run-42")
        #expect(again.status == 200)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.body == first.body)
        #expect(events(t).count == eventCount + 1, "only the PUT added an event")
        // The same batch re-serialised (other spacing) is the same request.
        let respaced = post(t, body.replacingOccurrences(of: ",", with: ", "), idempotencyKey: "run-42")
        #expect(respaced.headers["Idempotent-Replayed"] == "true")
        #expect(respaced.body == first.body)
        let other = post(t, Self.batch([TestHub.orderJSON("PO-2009")]), idempotencyKey: "run-42")
        #expect(other.status == 422)
        #expect(other.problemType == "urn:supplyline:problem:idempotency-key-reused")
        #expect(t.call("GET", "/v1/purchase-orders/PO-2009", key: t.erpKey).status == 404)
        // Keys belong to the client: another ERP client's batch with the same key is its own.
        let otherERP = try ClientAdministration(context: t.hub.context).create(name: "Second ERP", role: .erp, supplierID: nil,
                                                                               by: RequestContext(principal: .system)).key
        let theirs = post(t, Self.batch([TestHub.orderJSON("PO-2010")]), key: otherERP, idempotencyKey: "run-42")
        #expect(theirs.status == 200)
        #expect(theirs.headers["Idempotent-Replayed"] == nil)
        #expect((theirs.json["summary"] as? [String: Int])?["created"] == 1)
        let missing = t.call("POST", "/v1/purchase-orders:bulk", key: t.erpKey, body: body)
        #expect(missing.status == 400)
        #expect(missing.problemType == "urn:supplyline:problem:missing-idempotency-key")
    }

    @Test("only an ERP key may release in bulk; suppliers, buyers and admins are refused and nothing is stored")
    func roles() throws {
        let t = try TestHub()
        t.seed()
        let body = Self.batch([TestHub.orderJSON("PO-2001"), TestHub.orderJSON(revision: 2, quantity: "120")])
        for key in [t.supplierKey, t.otherSupplierKey, t.buyerKey, t.adminKey] {
            let reply = post(t, body, key: key)
            #expect(reply.status == 403)
            #expect(reply.problemType == "urn:supplyline:problem:forbidden")
            #expect((reply.json["detail"] as? String)?.contains("needs a erp key") == true)
        }
        let anonymous = t.call("POST", "/v1/purchase-orders:bulk", key: nil, body: body, headers: [("Idempotency-Key", "k")])
        #expect(anonymous.status == 401)
        let wrong = t.call("POST", "/v1/purchase-orders:bulk", key: "sl.nobody.secret", body: body, headers: [("Idempotency-Key", "k")])
        #expect(wrong.status == 401)
        #expect(t.call("GET", "/v1/purchase-orders/PO-2001", key: t.erpKey).status == 404)
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.erpKey).json["revision"] as? Int == 1)
        #expect(t.call("GET", "/v1/purchase-orders:bulk", key: t.erpKey).status == 405)
    }

    @Test("bodies that are not a batch, empty batches and batches over 1000 orders are refused whole")
    func limitsAndBadBodies() throws {
        let t = try TestHub()
        t.seed()
        let cases: [(String, Int, String)] = [
            ("not json", 400, "malformed-json"),
            (#"{"order":[]}"#, 422, "invalid-document"),
            (#"{"orders":{}}"#, 422, "invalid-document"),
            (#"{"orders":[]}"#, 422, "invalid-document"),
        ]
        for (body, status, slug) in cases {
            let reply = post(t, body)
            #expect(reply.status == status, "\(body)")
            #expect(reply.problemType == "urn:supplyline:problem:\(slug)", "\(body)")
        }
        let tooMany = Self.batch((0...1000).map { TestHub.orderJSON("PO-B\($0)") })
        let reply = post(t, tooMany, idempotencyKey: "big")
        #expect(reply.status == 413)
        #expect(reply.problemType == "urn:supplyline:problem:batch-too-large")
        #expect(reply.json["detail"] as? String == "The batch has 1001 orders; send at most 1000 per request.")
        #expect(t.call("GET", "/v1/purchase-orders/PO-B0", key: t.erpKey).status == 404)
        // A refused batch is not remembered: the key can carry a batch that fits.
        let fits = post(t, Self.batch((0..<1000).map { TestHub.orderJSON("PO-B\($0)") }), idempotencyKey: "big")
        #expect(fits.status == 200)
        #expect((fits.json["summary"] as? [String: Int])?["created"] == 1000)
        #expect(t.call("GET", "/v1/purchase-orders/PO-B999", key: t.supplierKey).json["revision"] as? Int == 1)
    }

    @Test("a body over the server's limit is 413 payload-too-large over HTTP, and nothing is applied")
    func bodyLimit() async throws {
        let t = try TestHub(maxBodyBytes: 4096)
        try t.hub.start()
        t.seed()
        let body = Self.batch((0..<20).map { TestHub.orderJSON("PO-L\($0)") })
        #expect(body.utf8.count > 4096)
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(t.hub.port)/v1/purchase-orders:bulk")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(t.erpKey)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("limit-1", forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 413)
        #expect(String(decoding: data, as: UTF8.self).contains("payload-too-large"))
        #expect(t.call("GET", "/v1/purchase-orders/PO-L0", key: t.erpKey).status == 404)
        // A batch that fits goes through the same server.
        request.httpBody = Data(Self.batch([TestHub.orderJSON("PO-L0")]).utf8)
        let (small, smallResponse) = try await URLSession.shared.data(for: request)
        #expect((smallResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: small, as: UTF8.self).contains(#""outcome":"created""#))
    }
}
