import TestSupport
import Foundation
import HTTPServer
import Testing
@testable import ReferenceERP

@Suite struct ReceiptTests {
    static let delivery = #"{"shipNotice":"asn_1","version":2,"supplier":"S-100","packages":[{"sscc":"006141411234567890","lines":[{"purchaseOrder":"PO-1001","line":1,"quantity":"50"},{"purchaseOrder":"PO-1001","line":2,"quantity":"7"}]}]}"#

    @Test func receivingADeliveryPostsItsLinesInFullToTheHub() throws {
        let hub = try FakeHub()
        hub.answer(201)
        let t = try TestERP(hub: hub)
        defer { t.erp.stop() }
        #expect(try t.deliver(key: "inboundDelivery:asn_1:1", kind: "inboundDelivery", document: "asn_1", revision: 1, payload: Self.delivery).status == 200)
        #expect(try t.deliver(key: "inboundDelivery:asn_1:2", kind: "inboundDelivery", document: "asn_1", revision: 2, payload: Self.delivery).status == 200)
        let reply = try t.post("/erp/deliveries/asn_1/receive", #"{"receivedDate":"2027-01-12","number":"5000001"}"#)
        #expect(reply.status == 201)
        let sent = try #require(hub.received.last)
        #expect(sent.method == "POST")
        #expect(sent.path == "/v1/goods-receipts")
        #expect(sent.authorization == "Bearer test-key")
        #expect(sent.body?["shipNotice"]?.stringValue == "asn_1")
        #expect(sent.body?["receivedDate"]?.stringValue == "2027-01-12")
        #expect(sent.body?["number"]?.stringValue == "5000001")
        guard case .array(let lines)? = sent.body?["lines"] else { Issue.record("no lines"); return }
        #expect(lines.count == 2)
        #expect(lines[1]["shipNoticeLine"]?.intValue == 2)
        #expect(lines[1]["received"]?.stringValue == "7")
    }

    @Test func partialReceiptsSendWhatIsGiven() throws {
        let hub = try FakeHub()
        hub.answer(201)
        let t = try TestERP(hub: hub)
        defer { t.erp.stop() }
        _ = try t.deliver(key: "k", kind: "inboundDelivery", document: "asn_1", revision: 1, payload: Self.delivery)
        let reply = try t.post("/erp/deliveries/asn_1/receive", #"{"lines":[{"shipNoticeLine":1,"received":"45","rejected":"5","lot":"L-7"}]}"#)
        #expect(reply.status == 201)
        guard case .array(let lines)? = hub.received.last?.body?["lines"] else { Issue.record("no lines"); return }
        #expect(lines.count == 1)
        #expect(lines[0]["rejected"]?.stringValue == "5")
        #expect(lines[0]["lot"]?.stringValue == "L-7")
    }

    @Test func unknownCancelledAndRefusedDeliveries() throws {
        let hub = try FakeHub()
        let t = try TestERP(hub: hub)
        defer { t.erp.stop() }
        #expect(try t.post("/erp/deliveries/asn_9/receive", "").status == 404)
        _ = try t.deliver(key: "a", kind: "inboundDelivery", document: "asn_1", revision: 1, payload: Self.delivery)
        hub.answer(422)
        let refused = try t.post("/erp/deliveries/asn_1/receive", "")
        #expect(refused.status == 502)
        #expect((refused.json["type"] as? String)?.hasSuffix("hub-receipt-failed") == true)
        _ = try t.deliver(key: "b", kind: "inboundDeliveryCancellation", document: "asn_1", revision: 1, payload: #"{"shipNotice":"asn_1"}"#)
        #expect(try t.post("/erp/deliveries/asn_1/receive", "").status == 409)
        #expect(hub.received.count == 1, "only the refused attempt reached the hub")
    }
}
