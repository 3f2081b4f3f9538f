import Foundation
import Storage
import Testing

@Suite("Nonconformance decisions with an Idempotency-Key")
struct NonconformanceIdempotencyTests {
    let ncrs = NonconformanceAPITests()

    func decide(_ t: TestHub, _ id: String, _ path: String, body: String, idempotencyKey: String?, as apiKey: String? = nil) -> TestHub.Reply {
        t.call("POST", "/v1/nonconformances/\(id)/\(path)", key: apiKey ?? t.buyerKey, body: body,
               headers: idempotencyKey.map { [("Idempotency-Key", $0)] } ?? [])
    }

    /// A report whose containment is answered and waits for the buyer.
    func answeredReport(_ t: TestHub) throws -> String {
        try NonconformanceAPITests.seed(t)
        let id = try #require(ncrs.raise(t).json["id"] as? String)
        #expect(ncrs.answer(t, id, "containment").status == 201)
        return id
    }

    func auditActions(_ t: TestHub, _ id: String) throws -> [String] {
        try t.hub.store.read { try $0.auditEntries(objectType: "nonconformance", objectID: id, after: nil, limit: 50) }.items.map(\.action)
    }

    func eventTypes(_ t: TestHub) throws -> [String] {
        try t.hub.store.read { try $0.events(after: 0, limit: 500, scope: .all) }.map(\.type)
    }

    @Test func anAcceptanceRetriedWithItsKeyIsAppliedOnceAndAnsweredAsItWas() throws {
        let t = try TestHub()
        let id = try answeredReport(t)
        let first = decide(t, id, "accept", body: #"{"step":"containment"}"#, idempotencyKey: "accept-1")
        #expect(first.status == 200)
        #expect(first.json["status"] as? String == "awaitingRootCause")
        #expect(first.headers["Idempotent-Replayed"] == nil)
        let again = decide(t, id, "accept", body: #"{ "step" : "containment" }"#, idempotencyKey: "accept-1")
        #expect(again.status == 200)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.body == first.body)
        // The supplier answers the next step; a retry still answers what the acceptance answered.
        #expect(ncrs.answer(t, id, "root-cause", text: "Worn deburring brush.").status == 201)
        let later = decide(t, id, "accept", body: #"{"step":"containment"}"#, idempotencyKey: "accept-1")
        #expect(later.status == 200)
        #expect(later.headers["Idempotent-Replayed"] == "true")
        #expect(later.body == first.body)
        #expect(t.call("GET", "/v1/nonconformances/\(id)", key: t.buyerKey).json["status"] as? String == "rootCauseAnswered")
        // Applied once: one audit entry, one event.
        #expect(try auditActions(t, id).filter { $0 == "nonconformance.accepted" }.count == 1)
        #expect(try eventTypes(t).filter { $0 == "com.supplyline.ncr.reviewed" }.count == 1)
        // The same key for another request is refused.
        for (path, body) in [("accept", #"{"step":"rootCause"}"#), ("accept", #"{"step":"containment","note":"Fine."}"#),
                             ("return", #"{"step":"containment","note":"Not enough."}"#)] {
            let reused = decide(t, id, path, body: body, idempotencyKey: "accept-1")
            #expect(reused.status == 422, "\(path) \(body)")
            #expect(reused.problemType == "urn:supplyline:problem:idempotency-key-reused", "\(path) \(body)")
        }
        #expect(t.call("GET", "/v1/nonconformances/\(id)", key: t.buyerKey).json["status"] as? String == "rootCauseAnswered")
        // Without a key, as before: the containment is no longer waiting for review.
        let plain = decide(t, id, "accept", body: #"{"step":"containment"}"#, idempotencyKey: nil)
        #expect(plain.status == 409)
        #expect(plain.problemType == "urn:supplyline:problem:step-not-answered")
    }

    @Test func aReturnThatFailedMayBeSentAgainWithItsKey() throws {
        let t = try TestHub()
        let id = try answeredReport(t)
        // Without the note a return needs, nothing is kept for the key.
        let refused = decide(t, id, "return", body: #"{"step":"containment"}"#, idempotencyKey: "return-1")
        #expect(refused.status == 422)
        #expect(refused.problemType == "urn:supplyline:problem:invalid-document")
        let body = #"{"step":"containment","note":"Include the stock in transit."}"#
        let first = decide(t, id, "return", body: body, idempotencyKey: "return-1")
        #expect(first.status == 200)
        #expect(first.json["status"] as? String == "awaitingContainment")
        // The supplier answers again; the retry still answers the return as it was.
        #expect(ncrs.answer(t, id, "containment", text: "Transit stock sorted too.").status == 201)
        let again = decide(t, id, "return", body: body, idempotencyKey: "return-1")
        #expect(again.status == 200)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.body == first.body)
        #expect(try auditActions(t, id).filter { $0 == "nonconformance.returned" }.count == 1)
        #expect(try eventTypes(t).filter { $0 == "com.supplyline.ncr.reviewed" }.count == 1)
        let reused = decide(t, id, "return", body: #"{"step":"containment","note":"Other words."}"#, idempotencyKey: "return-1")
        #expect(reused.status == 422)
        #expect(reused.problemType == "urn:supplyline:problem:idempotency-key-reused")
        #expect(t.call("GET", "/v1/nonconformances/\(id)", key: t.buyerKey).json["status"] as? String == "containmentAnswered")
    }

    @Test func aClosingRetriedWithItsKeyIsPostedOnceAndKeysBelongToTheirClient() throws {
        let t = try TestHub()
        let id = try answeredReport(t)
        #expect(decide(t, id, "accept", body: #"{"step":"containment"}"#, idempotencyKey: nil).status == 200)
        #expect(ncrs.answer(t, id, "root-cause", text: "Worn deburring brush.").status == 201)
        #expect(decide(t, id, "accept", body: #"{"step":"rootCause"}"#, idempotencyKey: nil).status == 200)
        #expect(ncrs.answer(t, id, "corrective-action", text: "Brush on the PM plan.").status == 201)
        #expect(decide(t, id, "accept", body: #"{"step":"correctiveAction"}"#, idempotencyKey: nil).status == 200)

        let body = #"{"note":"Three clean lots."}"#
        let first = decide(t, id, "close", body: body, idempotencyKey: "close-1")
        #expect(first.status == 200)
        #expect(first.json["status"] as? String == "closed")
        let again = decide(t, id, "close", body: body, idempotencyKey: "close-1")
        #expect(again.status == 200)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.body == first.body)
        // Closed once: one audit entry, one event, one posting for the ERP.
        #expect(try auditActions(t, id).filter { $0 == "nonconformance.closed" }.count == 1)
        #expect(try eventTypes(t).filter { $0 == "com.supplyline.ncr.closed" }.count == 1)
        #expect(try ncrs.outbox(t).map(\.message.idempotencyKey) == ["nonconformance:\(id):raised", "nonconformance:\(id):closed"])
        let reused = decide(t, id, "close", body: #"{"note":"Verified again."}"#, idempotencyKey: "close-1")
        #expect(reused.status == 422)
        #expect(reused.problemType == "urn:supplyline:problem:idempotency-key-reused")
        // Without a key, as before: a closed report cannot be closed again.
        let plain = decide(t, id, "close", body: body, idempotencyKey: nil)
        #expect(plain.status == 409)
        #expect(plain.problemType == "urn:supplyline:problem:nonconformance-closed")
        // Another buyer's request with the same key is its own, not a replay of the first.
        let secondBuyer = try t.addClient("Second buyer", role: .buyer)
        let theirs = decide(t, id, "close", body: body, idempotencyKey: "close-1", as: secondBuyer)
        #expect(theirs.status == 409)
        #expect(theirs.problemType == "urn:supplyline:problem:nonconformance-closed")
        #expect(theirs.headers["Idempotent-Replayed"] == nil)
        #expect(decide(t, id, "close", body: body, idempotencyKey: "close-1").headers["Idempotent-Replayed"] == "true")
    }

    @Test(arguments: [("", "missing-idempotency-key"), (String(repeating: "k", count: 256), "invalid-idempotency-key"),
                      ("two words", "invalid-idempotency-key"), ("caf\u{E9}", "invalid-idempotency-key")])
    func aMalformedKeyIsRefusedAndNothingIsApplied(key: String, slug: String) throws {
        let t = try TestHub()
        let id = try answeredReport(t)
        for (path, body) in [("accept", #"{"step":"containment"}"#), ("return", #"{"step":"containment","note":"Again."}"#),
                             ("close", #"{"note":"Verified."}"#)] {
            let reply = decide(t, id, path, body: body, idempotencyKey: key)
            #expect(reply.status == 400, "\(path)")
            #expect(reply.problemType == "urn:supplyline:problem:\(slug)", "\(path)")
        }
        #expect(t.call("GET", "/v1/nonconformances/\(id)", key: t.buyerKey).json["status"] as? String == "containmentAnswered")
        #expect(try auditActions(t, id) == ["nonconformance.raised", "nonconformance.answered"])
        // Roles come first, as without a key: the supplier may not review, whatever key it sends.
        #expect(decide(t, id, "accept", body: #"{"step":"containment"}"#, idempotencyKey: key, as: t.supplierKey).status == 403)
    }
}
