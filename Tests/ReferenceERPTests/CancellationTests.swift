import Foundation
import HTTPServer
import Testing
@testable import ReferenceERP

@Suite("Reference ERP: cancelling lines and orders through the hub")
struct CancellationTests {
    static let order = """
        {"number":"PO-1001","supplier":"S-100","plant":"P01","currency":"USD",
         "lines":[{"line":1,"item":"MAT-100","description":"Bracket","quantity":"100","unit":"EA","unitPrice":"2.50","needBy":"2027-01-15"},
                  {"line":2,"item":"MAT-200","description":"Bolt","quantity":"50","unit":"EA","unitPrice":"0.10","needBy":"2027-01-20"}]}
        """

    @Test func aLineIsCancelledInANewRevisionReleasedWithPUT() throws {
        let hub = try FakeHub()
        defer { hub.server.stop() }
        let t = try TestERP(hub: hub)
        defer { t.erp.stop() }
        #expect(try t.post("/erp/purchase-orders", Self.order).status == 201)
        let cancelled = try t.post("/erp/purchase-orders/PO-1001/lines/2/cancel", "")
        #expect(cancelled.status == 200)
        #expect(cancelled.json["revision"] as? Int == 2)
        #expect(cancelled.json["releasedRevision"] as? Int == 2)
        let sent = try #require(hub.received.last)
        #expect(sent.method == "PUT")
        #expect(sent.path == "/v1/purchase-orders/PO-1001")
        #expect(sent.body?["revision"] == .int(2))
        guard case .array(let lines)? = sent.body?["lines"] else {
            Issue.record("the revision was not released with lines")
            return
        }
        #expect(lines.count == 2, "the cancelled line stays on the order")
        #expect(lines[0]["cancelled"] == nil)
        #expect(lines[1]["cancelled"] == .bool(true))
        #expect(try t.post("/erp/purchase-orders/PO-1001/lines/2/cancel", "").status == 409)
        #expect(try t.post("/erp/purchase-orders/PO-1001/lines/9/cancel", "").status == 404)
    }

    @Test func theWholeOrderIsCancelledThroughTheHubsCancelEndpoint() throws {
        let hub = try FakeHub()
        defer { hub.server.stop() }
        let t = try TestERP(hub: hub)
        defer { t.erp.stop() }
        #expect(try t.post("/erp/purchase-orders", Self.order).status == 201)
        let cancelled = try t.post("/erp/purchase-orders/PO-1001/cancel", #"{"reason":"Project stopped"}"#)
        #expect(cancelled.status == 200)
        #expect(cancelled.json["cancelReason"] as? String == "Project stopped")
        #expect((cancelled.json["lines"] as? [[String: Any]])?.allSatisfy { $0["cancelled"] as? Bool == true } == true)
        let sent = try #require(hub.received.last)
        #expect(sent.method == "POST")
        #expect(sent.path == "/v1/purchase-orders/PO-1001/cancel")
        #expect(sent.body?["reason"] == .string("Project stopped"))
        #expect(sent.body?["revision"] == .int(2))
        #expect(try t.post("/erp/purchase-orders/PO-1001/cancel", "").status == 409)
        #expect(try t.post("/erp/purchase-orders/PO-9/cancel", "").status == 404)
    }

    @Test func aHubRefusalIs502WithTheHubsDetail() throws {
        let hub = try FakeHub()
        defer { hub.server.stop() }
        let t = try TestERP(hub: hub)
        defer { t.erp.stop() }
        #expect(try t.post("/erp/purchase-orders", Self.order).status == 201)
        hub.answer(409)
        let refused = try t.post("/erp/purchase-orders/PO-1001/cancel", #"{"reason":"Project stopped"}"#)
        #expect(refused.status == 502)
        #expect(refused.json["hubStatus"] as? Int == 409)
    }

    @Test func scheduleChangePostingsAreRecordedOncePerKey() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        let payload = #"{"changeRequest":"chr_1","lines":[{"line":1,"schedule":[{"quantity":"100","date":"2027-01-18"}]}],"purchaseOrder":"PO-1001","revision":1,"supplier":"S-100"}"#
        #expect(try t.deliver(key: "scheduleChange:PO-1001:1:chr_1", kind: "scheduleChange", payload: payload).status == 200)
        #expect(try t.deliver(key: "scheduleChange:PO-1001:1:chr_1", kind: "scheduleChange", payload: payload).status == 200)
        let effect = try #require(try t.effects().first { $0["kind"] as? String == "scheduleChange" })
        #expect(effect["applied"] as? Int == 1)
        #expect(effect["received"] as? Int == 2)
    }
}
