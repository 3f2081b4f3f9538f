import Flows
import Foundation
import Storage
import Synchronization
import Testing

@Suite("Interchanges: revisions answered, rejections, duplicates")
struct InterchangeRevisionTests {
    func send(_ t: TestHub, _ body: String, contentType: String = "application/edi-x12") -> TestHub.Reply {
        t.call("POST", "/v1/interchanges", key: t.supplierKey, body: body, headers: [("Content-Type", contentType)])
    }

    func status(_ t: TestHub, _ number: String = "PO-1001") -> String? {
        t.call("GET", "/v1/purchase-orders/\(number)", key: t.erpKey).json["status"] as? String
    }

    func revise(_ t: TestHub, to revision: Int) {
        Thread.sleep(forTimeInterval: 0.01)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey,
                       body: TestHub.orderJSON(revision: revision, quantity: String(100 + revision))).status == 200)
        Thread.sleep(forTimeInterval: 0.01)
    }

    func pendingKinds(_ t: TestHub) throws -> [String] {
        try t.hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 50) }.items.map(\.message.kind)
    }

    /// A hub whose S-100 has `profile`, then PO-1001 revised to 2 (so the partner was sent revision 2).
    static func hub(profile: String) throws -> TestHub {
        let t = try TestHub()
        t.seed()
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: profile).status == 201)
        return t
    }

    @Test("an 855 without REF*PP received before revision 3 was sent answers revision 2: stale on replay, never applied to 3")
    func replayUsesTheRevisionSentBeforeReceipt() throws {
        let t = try Self.hub(profile: InterchangeFixtures.x12Profile.replacingOccurrences(of: "\"ACME\"", with: "\"ACME-OLD\""))
        revise(t, to: 2)
        let reply = send(t, InterchangeFixtures.wholeOrder855(purpose: "AT"))
        #expect(reply.text.contains("TA1*"), "wrong sender at first: \(reply.text)")
        let location = try #require(reply.headers["Location"])
        revise(t, to: 3)
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.adminKey, body: InterchangeFixtures.x12Profile).status == 200)
        let replayed = t.call("POST", location + "/replay", key: t.adminKey)
        #expect(replayed.text.contains("AK5*R"), "\(replayed.text)")
        #expect(status(t) == "awaitingAcknowledgement")
        let sets = (t.call("GET", location, key: t.adminKey).json["report"] as? [String: Any])?["sets"] as? [[String: Any]]
        #expect((sets?.first?["reason"] as? [String: Any])?["code"] as? String == "staleRevision")
        #expect((t.call("GET", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.erpKey).json["items"] as? [Any])?.isEmpty == true)
    }

    @Test("an 855 without REF*PP answers the revision last sent: applied when that is the current one")
    func noReferenceAnswersTheRevisionSent() throws {
        let t = try Self.hub(profile: InterchangeFixtures.x12Profile)
        revise(t, to: 2)
        let reply = send(t, InterchangeFixtures.wholeOrder855(purpose: "AT"))
        #expect(reply.text.contains("AK5*A"), "\(reply.text)")
        #expect(status(t) == "confirmed")
    }

    @Test("a cXML confirmation whose DocumentReference names the OrderRequest of revision 2 is stale once revision 3 exists")
    func cxmlDocumentReferenceNamesTheRevision() throws {
        let t = try Self.hub(profile: InterchangeFixtures.cxmlProfile)
        revise(t, to: 2)
        let outbound = t.call("GET", "/v1/interchanges?direction=outbound", key: t.adminKey).json["items"] as? [[String: Any]] ?? []
        let payloadID = try #require(outbound.last?["controlNumber"] as? String)
        #expect(payloadID.hasPrefix("PO-1001.2."))
        revise(t, to: 3)
        let reply = send(t, InterchangeFixtures.confirmation(payloadID: "p-9@supplier", documentReference: payloadID), contentType: "text/xml")
        #expect(reply.text.contains("<Status code=\"409\""), "\(reply.text)")
        #expect(status(t) == "awaitingAcknowledgement")
    }

    @Test("BAK02 RJ without lines or text rejects the order with a reason naming the code")
    func x12RejectionWithoutText() throws {
        let t = try Self.hub(profile: InterchangeFixtures.x12Profile)
        let reply = send(t, InterchangeFixtures.wholeOrder855(purpose: "RJ", revision: 1))
        #expect(reply.text.contains("AK5*A"), "\(reply.text)")
        #expect(status(t) == "rejected")
        #expect(try pendingKinds(t).contains("orderRejection"))
        let acks = t.call("GET", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.erpKey).text
        #expect(acks.contains("BAK02 RJ"), "\(acks)")
    }

    @Test("ORDRSP BGM 27 without FTX rejects the order")
    func edifactRejectionWithoutText() throws {
        let t = try Self.hub(profile: InterchangeFixtures.edifactProfile)
        let reply = send(t, InterchangeFixtures.rejectingOrdrsp(), contentType: "application/edifact")
        #expect(reply.text.contains("UCM+1+ORDRSP:D:96A:UN+7'"), "\(reply.text)")
        #expect(status(t) == "rejected")
        #expect(try pendingKinds(t).contains("orderRejection"))
    }

    @Test("cXML type=\"reject\" without Comments rejects the order")
    func cxmlRejectionWithoutComments() throws {
        let t = try Self.hub(profile: InterchangeFixtures.cxmlProfile)
        let reply = send(t, InterchangeFixtures.confirmation(type: "reject"), contentType: "text/xml")
        #expect(reply.text.contains("<Status code=\"200\""), "\(reply.text)")
        #expect(status(t) == "rejected")
        #expect(try pendingKinds(t).contains("orderRejection"))
    }

    @Test("an interchange too broken to acknowledge gets the same 422 when it comes again")
    func unanswerableDuplicate() throws {
        let t = try Self.hub(profile: InterchangeFixtures.x12Profile)
        let broken = "ISA*00*broken~"
        let first = send(t, broken)
        #expect(first.status == 422)
        #expect(first.problemType == "urn:supplyline:problem:malformed-interchange")
        let second = send(t, broken)
        #expect(second.status == 422, "\(second.text)")
        #expect(second.problemType == "urn:supplyline:problem:malformed-interchange")
    }

    @Test("a cXML confirmation answered 500 (the store failed) is left unfinished; the retry applies it")
    func cxmlTransientFailureIsRetried() throws {
        let t = try Self.hub(profile: InterchangeFixtures.cxmlProfile)
        let store = FailingReads(t.hub.store)
        let flow = InterchangeFlow(context: FlowContext(store: store, clock: t.hub.context.clock, logger: t.hub.context.logger))
        let request = RequestContext(principal: Principal(clientID: "test", name: "test", role: .supplier, supplierID: "S-100"))
        let bytes = Array(InterchangeFixtures.confirmation(payloadID: "p-500@supplier").utf8)
        store.failing.withLock { $0 = [3] }  // after the duplicate check and the profile: the order the confirmation names
        let failed = try flow.receive(bytes, by: request)
        #expect(String(decoding: failed.acknowledgement, as: UTF8.self).contains("<Status code=\"500\""))
        #expect(failed.record.status == .received)
        #expect(status(t) == "awaitingAcknowledgement")
        let retried = send(t, String(decoding: bytes, as: UTF8.self), contentType: "text/xml")
        #expect(retried.text.contains("<Status code=\"200\""), "\(retried.text)")
        #expect(retried.headers["Idempotent-Replayed"] == nil)
        #expect(status(t) == "confirmed")
    }

    @Test("the same interchange sent concurrently is processed once; every copy gets the same 997")
    func concurrentDuplicates() throws {
        let t = try Self.hub(profile: InterchangeFixtures.x12Profile)
        let body = InterchangeFixtures.ack855(control: 55)
        let replies = Mutex<[TestHub.Reply]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let reply = send(t, body)
            replies.withLock { $0.append(reply) }
        }
        let all = replies.withLock { $0 }
        #expect(all.allSatisfy { $0.status == 200 })
        #expect(Set(all.map(\.body)).count == 1, "\(all.map(\.text))")
        #expect((t.call("GET", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.erpKey).json["items"] as? [Any])?.count == 1)
        #expect((t.call("GET", "/v1/interchanges?direction=inbound", key: t.adminKey).json["items"] as? [Any])?.count == 1)
    }

    @Test("a copy arriving while the interchange is claimed waits for the outcome, or fails transiently when it does not come")
    func claimedInterchangeWaits() throws {
        let t = try Self.hub(profile: InterchangeFixtures.x12Profile)
        let body = Array(InterchangeFixtures.ack855(control: 56).utf8)
        let now = t.hub.context.clock.now()
        let record = InterchangeRecord(id: "ich-claimed", supplier: "S-100", direction: .inbound, standard: "X12", senderID: "ACME",
                                       controlNumber: "000000056", dedupeKey: "S-100|X12|ACME|000000056", source: "http",
                                       clientID: "other", receivedAt: now, status: .received, claimedUntil: now.addingTimeInterval(600))
        try t.hub.store.write { try $0.insertInterchange(record, raw: body) }
        let flow = InterchangeFlow(context: t.hub.context, duplicateWait: 0.3)
        let request = RequestContext(principal: Principal(clientID: "test", name: "test", role: .supplier, supplierID: "S-100"))
        #expect(throws: InterchangeInProgress.self) { try flow.receive(body, by: request) }
        #expect(status(t) == "awaitingAcknowledgement", "the claimed copy is not processed a second time")

        let finisher = Thread {
            Thread.sleep(forTimeInterval: 0.1)
            var done = record
            done.status = .processed
            done.acknowledgement = Array("ISA*stored-997~".utf8)
            done.claimedUntil = nil
            try? t.hub.store.write { try $0.updateInterchange(done) }
        }
        finisher.start()
        let answer = try InterchangeFlow(context: t.hub.context, duplicateWait: 3).receive(body, by: request)
        #expect(answer.duplicate)
        #expect(String(decoding: answer.acknowledgement, as: UTF8.self) == "ISA*stored-997~")
    }
}

/// A store whose reads with the given ordinal numbers (counted from when `failing` is set) throw.
final class FailingReads: Store, @unchecked Sendable {
    struct Injected: Error {}
    let base: any Store
    let failing = Mutex<Set<Int>>([])
    private let count = Mutex(0)

    init(_ base: any Store) { self.base = base }

    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        let n = count.withLock { $0 += 1; return $0 }
        if failing.withLock({ $0.contains(n) }) { throw Injected() }
        return try base.read(body)
    }

    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T { try base.write(body) }
    func onOutboxEnqueued(_ callback: @escaping @Sendable (Set<String>) -> Void) { base.onOutboxEnqueued(callback) }
}
