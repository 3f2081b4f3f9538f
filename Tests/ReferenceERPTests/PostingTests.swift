import TestSupport
import Foundation
import Testing
@testable import ReferenceERP

@Suite struct PostingTests {
    @Test func sameKeyTwiceAppliesOnceAndCountsBoth() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        let first = try t.deliver(key: "key-1")
        #expect(first.status == 200)
        #expect(first.json["status"] as? String == "applied")
        let second = try t.deliver(key: "key-1")
        #expect(second.status == 200)
        #expect(second.json["status"] as? String == "duplicate")
        let effects = try t.effects()
        #expect(effects.count == 1)
        #expect(effects.first?["received"] as? Int == 2)
        #expect(effects.first?["applied"] as? Int == 1)
    }

    @Test func effectsHaveDocumentedShapeAndOrder() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        _ = try t.deliver(key: "a", kind: "orderRejection", document: "PO-1002", revision: 1)
        _ = try t.deliver(key: "b", kind: "orderConfirmation", document: "PO-1001", revision: 2, payload: #"{"n":1}"#)
        _ = try t.deliver(key: "c", kind: "orderConfirmation", document: "PO-1001", revision: 2, payload: #"{"n":2}"#)
        _ = try t.deliver(key: "d", kind: "orderRejection", document: "PO-1001", revision: 1)
        _ = try t.deliver(key: "e", kind: "orderConfirmation", document: "PO-1001", revision: 1)
        let effects = try t.effects()
        let order = effects.map { "\($0["document"]!)/\($0["revision"]!)/\($0["kind"]!)" }
        #expect(order == ["PO-1001/1/orderConfirmation", "PO-1001/1/orderRejection", "PO-1001/2/orderConfirmation",
                          "PO-1002/1/orderRejection"])
        let revised = effects[2]
        #expect(Set(revised.keys) == ["kind", "document", "revision", "received", "applied", "lastPayload"])
        #expect(revised["received"] as? Int == 2)
        #expect(revised["applied"] as? Int == 2)
        #expect((revised["lastPayload"] as? [String: Any])?["n"] as? Int == 2)
    }

    @Test func deduplicationSurvivesRestart() throws {
        let first = try TestERP()
        #expect(try first.deliver(key: "durable").json["status"] as? String == "applied")
        first.erp.stop()
        let second = try TestERP(databasePath: first.databasePath)
        defer { second.erp.stop() }
        #expect(try second.deliver(key: "durable").json["status"] as? String == "duplicate")
        #expect(try second.effects().first?["applied"] as? Int == 1)
    }

    @Test(arguments: [
        ("not json", ["Idempotency-Key": "k"]),
        (#"{"kind":"orderConfirmation","document":"PO-1","revision":1,"payload":{}}"#, [:]),
        (#"{"kind":"","document":"PO-1","revision":1,"payload":{}}"#, ["Idempotency-Key": "k"]),
        (#"{"kind":"x","revision":1,"payload":{}}"#, ["Idempotency-Key": "k"]),
        (#"{"kind":"x","document":"PO-1","revision":"one","payload":{}}"#, ["Idempotency-Key": "k"]),
        (#"{"kind":"x","document":"PO-1","revision":1,"payload":[1]}"#, ["Idempotency-Key": "k"]),
        (#"{"kind":"x","document":"PO-1","revision":1,"idempotencyKey":"other","payload":{}}"#, ["Idempotency-Key": "k"]),
    ])
    func malformedPostingsAre400Problems(_ body: String, _ headers: [String: String]) throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        let response = try t.post("/erp/postings", body, headers: headers)
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.json["type"] as? String == "urn:supplyline:problem:bad-request")
        #expect(try t.effects().isEmpty)
    }

    @Test func reusedKeyForAnotherDocumentIsRejected() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        _ = try t.deliver(key: "shared", document: "PO-1")
        let response = try t.deliver(key: "shared", document: "PO-2")
        #expect(response.status == 422)
        #expect(response.json["type"] as? String == "urn:supplyline:problem:idempotency-key-reused")
        let applied = try t.effects().map { $0["applied"] as? Int ?? -1 }
        #expect(applied == [1, 0])
    }

    @Test func acceptsAnyNonEmptyKind() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        #expect(try t.deliver(key: "gr-1", kind: "goodsReceiptNotice").json["status"] as? String == "applied")
    }
}

@Suite struct FaultTests {
    @Test func failRateOneAnswers503AndAppliesNothing() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        #expect(try t.put("/erp/faults", #"{"failRate":1}"#).status == 200)
        for _ in 0..<3 {
            let response = try t.deliver(key: "k")
            #expect(response.status == 503)
            #expect(response.json["type"] as? String == "urn:supplyline:problem:unavailable")
        }
        let effect = try #require(try t.effects().first)
        #expect(effect["received"] as? Int == 3)
        #expect(effect["applied"] as? Int == 0)
        #expect(effect["lastPayload"] is NSNull)
        #expect(try t.put("/erp/faults", #"{"failRate":0}"#).json["failRate"] as? Int == 0)
        #expect(try t.deliver(key: "k").json["status"] as? String == "applied")
    }

    @Test func lostResponseAppliesOnceThenRetryIsDuplicate() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        _ = try t.put("/erp/faults", #"{"loseResponseRate":1}"#)
        #expect(throws: RawClient.Failure.self) { try t.deliver(key: "lost") }
        var effect = try #require(try t.effects().first)
        #expect(effect["applied"] as? Int == 1)
        _ = try t.put("/erp/faults", #"{"loseResponseRate":0}"#)
        #expect(try t.deliver(key: "lost").json["status"] as? String == "duplicate")
        effect = try #require(try t.effects().first)
        #expect(effect["received"] as? Int == 2)
        #expect(effect["applied"] as? Int == 1)
    }

    @Test func unavailableOutageAnswers503WithRetryAfterUntilItEnds() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        let settings = try t.put("/erp/faults", #"{"outageSeconds":0.5,"outageMode":"unavailable"}"#)
        #expect((settings.json["outageRemainingSeconds"] as? Double ?? 0) > 0)
        let during = try t.deliver(key: "o")
        #expect(during.status == 503)
        #expect(during.header("Retry-After") == "1")
        Thread.sleep(forTimeInterval: 0.6)
        #expect(try t.deliver(key: "o").json["status"] as? String == "applied")
        #expect(try t.effects().first?["received"] as? Int == 2)
    }

    @Test func refuseOutageRefusesConnectionsThenListensAgain() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        let port = t.erp.port
        #expect(try t.put("/erp/faults", #"{"outageSeconds":1,"outageMode":"refuse"}"#).status == 200)
        var refused = false
        for _ in 0..<50 where !refused {
            do { _ = try RawClient(port: port) } catch { refused = "\(error)".contains("refused") }
            if !refused { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(refused)
        var back = false
        let deadline = Date().addingTimeInterval(5)
        while !back && Date() < deadline {
            back = (try? RawClient(port: port).request("GET", "/health").status) == 200
            if !back { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(back)
        #expect(t.erp.port == port)
        #expect(try t.deliver(key: "after").json["status"] as? String == "applied")
    }

    @Test func latencyDelaysPostings() throws {
        let t = try TestERP(faults: FaultSettings(latencyMs: 150))
        defer { t.erp.stop() }
        let start = Date()
        #expect(try t.deliver(key: "slow").status == 200)
        #expect(Date().timeIntervalSince(start) >= 0.15)
        #expect(try t.get("/erp/effects").status == 200)
    }

    @Test(arguments: [#"{"failRate":2}"#, #"{"outageMode":"sometimes"}"#, #"{"latencyMs":-1}"#, "nope"])
    func invalidFaultSettingsAre400(_ body: String) throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        let response = try t.put("/erp/faults", body)
        #expect(response.status == 400)
        #expect(try t.get("/erp/faults").json["failRate"] as? Int == 0)
    }

    @Test func faultDecisionsReplayWithTheSameSeed() {
        let settings = FaultSettings(failRate: 0.3, loseResponseRate: 0.2)
        let a = FaultInjector(settings: settings, seed: 42)
        let b = FaultInjector(settings: settings, seed: 42)
        let first = (0..<100).map { _ in a.decide() }
        #expect(first == (0..<100).map { _ in b.decide() })
        #expect(first.contains(.proceed) && first.contains(.loseResponse))
        #expect(first.contains { if case .fail = $0 { true } else { false } })
    }
}
