import Foundation
import Procurement
import SQLite
import Storage
import Testing

@Suite("Exception decisions with an Idempotency-Key")
struct ExceptionIdempotencyTests {
    func post(_ t: TestHub, _ path: String, body: String? = nil, idempotencyKey: String?, as apiKey: String? = nil) -> TestHub.Reply {
        t.call("POST", path, key: apiKey ?? t.buyerKey, body: body, headers: idempotencyKey.map { [("Idempotency-Key", $0)] } ?? [])
    }

    func auditActions(_ t: TestHub, _ id: String) throws -> [String] {
        try t.hub.store.read { try $0.auditEntries(objectType: "exception", objectID: id, after: nil, limit: 50) }.items.map(\.action)
    }

    func eventTypes(_ t: TestHub) throws -> [String] {
        try t.hub.store.read { try $0.events(after: 0, limit: 500, scope: .all) }.map(\.type)
    }

    /// An alert straight through the store: approving or rejecting it only closes it.
    func insertAlert(_ t: TestHub, _ id: String) throws {
        let alert = ExceptionRecord(id: id, kind: "acknowledgementOverdue", supplier: "S-100", purchaseOrder: "PO-1001", revision: 1,
                                    reasons: [Reason(code: .init(rawValue: "acknowledgementOverdue"), message: "No answer yet")],
                                    createdAt: t.hub.context.clock.now())
        try t.hub.store.write { _ = try $0.insertException(alert) }
    }

    @Test func anApprovalRetriedWithItsKeyIsAppliedOnceAndAnsweredAgain() throws {
        let t = try TestHub()
        let id = ExceptionQueueTests.openException(t)
        let note = #"{"note":"Ten days late is fine."}"#
        let first = post(t, "/v1/exceptions/\(id)/approve", body: note, idempotencyKey: "decide-1")
        #expect(first.status == 200)
        #expect(first.json["status"] as? String == "approved")
        #expect(first.headers["Idempotent-Replayed"] == nil)
        // The same request again, also re-serialised: the first answer, marked as a replay.
        for body in [note, #"{ "note" : "Ten days late is fine." }"#] {
            let again = post(t, "/v1/exceptions/\(id)/approve", body: body, idempotencyKey: "decide-1")
            #expect(again.status == 200)
            #expect(again.headers["Idempotent-Replayed"] == "true")
            #expect(again.body == first.body)
        }
        // Applied once: one audit entry, one decision event, one order move, one confirmation for the ERP.
        #expect(try auditActions(t, id).filter { $0 == "exception.approved" }.count == 1)
        let events = try eventTypes(t)
        #expect(events.filter { $0 == "com.supplyline.exception.approved" }.count == 1)
        #expect(events.filter { $0 == "com.supplyline.po.reviewed" }.count == 1)
        let confirmations = try t.hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 50) }.items
            .filter { $0.message.kind == "orderConfirmation" }
        #expect(confirmations.count == 1)

        // The same key for another request is refused and changes nothing.
        for (path, body) in [("approve", #"{"note":"Other words."}"#), ("approve", nil), ("reject", note)] {
            let reused = post(t, "/v1/exceptions/\(id)/\(path)", body: body, idempotencyKey: "decide-1")
            #expect(reused.status == 422, "\(path) \(body ?? "")")
            #expect(reused.problemType == "urn:supplyline:problem:idempotency-key-reused")
        }
        try insertAlert(t, "exc_alert")
        #expect(post(t, "/v1/exceptions/exc_alert/approve", body: note, idempotencyKey: "decide-1").status == 422)
        #expect(t.call("GET", "/v1/exceptions/exc_alert", key: t.buyerKey).json["status"] as? String == "open")

        // Without a key, as before: the exception is no longer open.
        let plain = post(t, "/v1/exceptions/\(id)/approve", idempotencyKey: nil)
        #expect(plain.status == 409)
        #expect(plain.problemType == "urn:supplyline:problem:exception-not-open")
        #expect(plain.headers["Idempotent-Replayed"] == nil)
        // A request that failed is not remembered: with a new key it fails again, and is not replayed.
        for _ in 1...2 {
            let late = post(t, "/v1/exceptions/\(id)/approve", body: note, idempotencyKey: "decide-2")
            #expect(late.status == 409)
            #expect(late.headers["Idempotent-Replayed"] == nil)
        }
        #expect(try eventTypes(t) == events)
        #expect(try auditActions(t, id).filter { $0 == "exception.approved" }.count == 1)
    }

    @Test func aRejectionRetriedWithItsKeyIsAppliedOnce() throws {
        let t = try TestHub()
        let id = ExceptionQueueTests.openException(t)
        let first = post(t, "/v1/exceptions/\(id)/reject", idempotencyKey: "decide-1")
        #expect(first.status == 200)
        #expect(first.json["status"] as? String == "rejected")
        // The supplier answers again, so the order has moved on; the retry still answers what the first did.
        #expect(t.acknowledge(body: ExceptionQueueTests.late).status == 201)
        let again = post(t, "/v1/exceptions/\(id)/reject", idempotencyKey: "decide-1")
        #expect(again.status == 200)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.body == first.body)
        #expect(try auditActions(t, id).filter { $0 == "exception.rejected" }.count == 1)
        #expect(try eventTypes(t).filter { $0 == "com.supplyline.exception.rejected" }.count == 1)
        #expect(post(t, "/v1/exceptions/\(id)/reject", body: #"{"note":"x"}"#, idempotencyKey: "decide-1").status == 422)
        #expect(post(t, "/v1/exceptions/\(id)/reject", idempotencyKey: nil).status == 409)
    }

    @Test func keysBelongToTheClientThatSentThem() throws {
        let t = try TestHub()
        let id = ExceptionQueueTests.openException(t)
        let secondBuyer = try t.addClient("Second buyer", role: .buyer)
        #expect(post(t, "/v1/exceptions/\(id)/approve", idempotencyKey: "shared").status == 200)
        // Another buyer's request with the same key is its own: not a replay of the first.
        let theirs = post(t, "/v1/exceptions/\(id)/approve", idempotencyKey: "shared", as: secondBuyer)
        #expect(theirs.status == 409)
        #expect(theirs.problemType == "urn:supplyline:problem:exception-not-open")
        try insertAlert(t, "exc_alert")
        let other = post(t, "/v1/exceptions/exc_alert/reject", idempotencyKey: "shared", as: secondBuyer)
        #expect(other.status == 200)
        #expect(other.headers["Idempotent-Replayed"] == nil)
        #expect(other.json["status"] as? String == "rejected")
        // And each client's record stays its own.
        #expect(post(t, "/v1/exceptions/\(id)/approve", idempotencyKey: "shared").headers["Idempotent-Replayed"] == "true")
        #expect(post(t, "/v1/exceptions/exc_alert/reject", idempotencyKey: "shared", as: secondBuyer).headers["Idempotent-Replayed"] == "true")
        // Roles are checked as without a key: a supplier may not decide, whatever key it sends.
        #expect(post(t, "/v1/exceptions/exc_alert/approve", idempotencyKey: "mine", as: t.supplierKey).status == 403)
    }

    @Test func anAssignmentIsAnsweredAsItWasEvenAfterTheExceptionMovedOn() throws {
        let t = try TestHub()
        let id = ExceptionQueueTests.openException(t)
        let buyer = ExceptionQueueTests.clientID(of: t.buyerKey)
        let body = #"{"owner":"\#(buyer)"}"#
        // A failed request is not remembered: the same key may be used again once the body is fixed.
        let refused = post(t, "/v1/exceptions/\(id)/assign", body: #"{"owner":"cl_nobody"}"#, idempotencyKey: "assign-1")
        #expect(refused.status == 422)
        #expect(refused.problemType == "urn:supplyline:problem:invalid-document")
        let first = post(t, "/v1/exceptions/\(id)/assign", body: body, idempotencyKey: "assign-1")
        #expect(first.status == 200)
        #expect(first.json["owner"] as? String == buyer)
        // Taken back, then approved: the retry still answers the assignment as it was.
        #expect(post(t, "/v1/exceptions/\(id)/assign", body: #"{"owner":null}"#, idempotencyKey: nil).status == 200)
        #expect(post(t, "/v1/exceptions/\(id)/approve", idempotencyKey: nil).status == 200)
        let again = post(t, "/v1/exceptions/\(id)/assign", body: #"{ "owner" : "\#(buyer)" }"#, idempotencyKey: "assign-1")
        #expect(again.status == 200)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.body == first.body)
        #expect(again.json["owner"] as? String == buyer)
        #expect(again.json["status"] as? String == "open")
        #expect(t.call("GET", "/v1/exceptions/\(id)", key: t.buyerKey).json["owner"] == nil)
        // Two assignments were made (the keyed one once), each audited and an event.
        #expect(try auditActions(t, id).filter { $0 == "exception.assigned" }.count == 2)
        #expect(try eventTypes(t).filter { $0 == "com.supplyline.exception.assigned" }.count == 2)
        let reused = post(t, "/v1/exceptions/\(id)/assign", body: #"{"owner":null}"#, idempotencyKey: "assign-1")
        #expect(reused.status == 422)
        #expect(reused.problemType == "urn:supplyline:problem:idempotency-key-reused")
        // Without a key, as before: a resolved exception cannot be assigned.
        #expect(post(t, "/v1/exceptions/\(id)/assign", body: body, idempotencyKey: nil).status == 409)
    }

    @Test func aCommentRetriedWithItsKeyIsAddedOnce() throws {
        let t = try TestHub()
        let id = ExceptionQueueTests.openException(t)
        let body = #"{"text":"Asked for a partial shipment."}"#
        let first = post(t, "/v1/exceptions/\(id)/comments", body: body, idempotencyKey: "comment-1")
        #expect(first.status == 201)
        #expect((first.json["comments"] as? [Any])?.count == 1)
        let again = post(t, "/v1/exceptions/\(id)/comments", body: body, idempotencyKey: "comment-1")
        #expect(again.status == 201)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.body == first.body)
        let comments = t.call("GET", "/v1/exceptions/\(id)", key: t.buyerKey).json["comments"] as? [[String: Any]] ?? []
        #expect(comments.map { $0["text"] as? String } == ["Asked for a partial shipment."])
        #expect(try auditActions(t, id).filter { $0 == "exception.commented" }.count == 1)
        // Others comment after it; the retry still answers the comments as they were.
        #expect(post(t, "/v1/exceptions/\(id)/comments", body: #"{"text":"Plant agrees."}"#, idempotencyKey: nil, as: t.adminKey).status == 201)
        let later = post(t, "/v1/exceptions/\(id)/comments", body: body, idempotencyKey: "comment-1")
        #expect(later.body == first.body)
        #expect(later.headers["Idempotent-Replayed"] == "true")
        let reused = post(t, "/v1/exceptions/\(id)/comments", body: #"{"text":"Something else."}"#, idempotencyKey: "comment-1")
        #expect(reused.status == 422)
        #expect(reused.problemType == "urn:supplyline:problem:idempotency-key-reused")
        // Without a key, as before: every comment is added.
        #expect(post(t, "/v1/exceptions/\(id)/comments", body: body, idempotencyKey: nil).status == 201)
        #expect(post(t, "/v1/exceptions/\(id)/comments", body: body, idempotencyKey: nil).status == 201)
        #expect((t.call("GET", "/v1/exceptions/\(id)", key: t.buyerKey).json["comments"] as? [Any])?.count == 4)
    }

    @Test(arguments: [("", "missing-idempotency-key"), (String(repeating: "k", count: 256), "invalid-idempotency-key"),
                      ("two words", "invalid-idempotency-key"), ("caf\u{E9}", "invalid-idempotency-key")])
    func aMalformedKeyIsRefusedAndNothingIsApplied(key: String, slug: String) throws {
        let t = try TestHub()
        let id = ExceptionQueueTests.openException(t)
        let buyer = ExceptionQueueTests.clientID(of: t.buyerKey)
        for (path, body) in [("approve", nil), ("reject", #"{"note":"No."}"#), ("assign", #"{"owner":"\#(buyer)"}"#),
                             ("comments", #"{"text":"Noted."}"#)] {
            let reply = post(t, "/v1/exceptions/\(id)/\(path)", body: body, idempotencyKey: key)
            #expect(reply.status == 400, "\(path)")
            #expect(reply.problemType == "urn:supplyline:problem:\(slug)", "\(path)")
        }
        let exception = t.call("GET", "/v1/exceptions/\(id)", key: t.buyerKey).json
        #expect(exception["status"] as? String == "open")
        #expect(exception["owner"] == nil)
        #expect((exception["comments"] as? [Any])?.isEmpty == true)
        #expect(try auditActions(t, id).isEmpty)
    }

    /// An answer kept in a form this hub cannot read (written by another version, or damaged)
    /// is reported as not kept, with a clear 409, never as a server error to retry.
    @Test func aKeptAnswerThatCannotBeReadAsksForANewKey() throws {
        let t = try TestHub()
        let id = ExceptionQueueTests.openException(t)
        #expect(post(t, "/v1/exceptions/\(id)/approve", body: #"{"note":"ok"}"#, idempotencyKey: "damaged-1").status == 200)
        let raw = try Connection(path: t.hub.configuration.databasePath)
        try raw.run("UPDATE inbox SET result_snapshot = '{\"not\":\"an exception\"}' WHERE key = 'damaged-1'")
        let again = post(t, "/v1/exceptions/\(id)/approve", body: #"{"note":"ok"}"#, idempotencyKey: "damaged-1")
        #expect(again.status == 409)
        #expect((again.json["detail"] as? String)?.contains("use a new key") == true)
    }
}
