import Foundation
import Storage
import Testing

@Suite("API: bad input is refused and nothing is half-written")
struct BadInputAPITests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let body: String
        let status: Int
        let type: String
        let pointer: String?
        var testDescription: String { name }
    }

    static let acknowledgementCases: [Case] = [
        Case(name: "malformed JSON", body: #"{"revision":1,"lines":[{"line":1,"#, status: 400, type: "malformed-json", pointer: nil),
        Case(name: "empty body", body: "", status: 400, type: "malformed-json", pointer: nil),
        Case(name: "revision as a string", body: #"{"revision":"1","lines":[{"line":1,"status":"accepted"}]}"#, status: 422, type: "invalid-document", pointer: "/revision"),
        Case(name: "unknown status", body: #"{"revision":1,"lines":[{"line":1,"status":"maybe"}]}"#, status: 422, type: "invalid-document", pointer: "/lines/0/status"),
        Case(name: "missing lines", body: #"{"revision":1}"#, status: 422, type: "invalid-document", pointer: "/lines"),
        Case(name: "negative quantity", body: #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"-5","date":"2027-01-15"}]}]}"#, status: 422, type: "invalid-document", pointer: "/lines/0/schedule/0/quantity"),
        Case(name: "non-numeric quantity", body: #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"ten","date":"2027-01-15"}]}]}"#, status: 422, type: "invalid-document", pointer: "/lines/0/schedule/0/quantity"),
        Case(name: "quantity as a JSON number", body: #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":10,"date":"2027-01-15"}]}]}"#, status: 422, type: "invalid-document", pointer: "/lines/0/schedule/0/quantity"),
        Case(name: "malformed date", body: #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"100","date":"15/01/2027"}]}]}"#, status: 422, type: "invalid-document", pointer: "/lines/0/schedule/0/date"),
        Case(name: "impossible date", body: #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"100","date":"2027-02-30"}]}]}"#, status: 422, type: "invalid-document", pointer: "/lines/0/schedule/0/date"),
        Case(name: "unknown line", body: #"{"revision":1,"lines":[{"line":7,"status":"accepted"}]}"#, status: 422, type: "unknown-line", pointer: "/lines/0/line"),
        Case(name: "unknown revision", body: #"{"revision":9,"lines":[{"line":1,"status":"accepted"}]}"#, status: 422, type: "unknown-revision", pointer: nil),
        Case(name: "rejected without reason", body: #"{"revision":1,"lines":[{"line":1,"status":"rejected"}]}"#, status: 422, type: "invalid-document", pointer: "/lines/0/reason"),
    ]

    @Test(arguments: acknowledgementCases)
    func badAcknowledgements(_ c: Case) throws {
        let t = try TestHub()
        t.seed()
        let reply = t.acknowledge(body: c.body)
        #expect(reply.status == c.status)
        #expect(reply.problemType == "urn:supplyline:problem:\(c.type)")
        #expect(reply.headers["Content-Type"] == "application/problem+json")
        #expect((reply.json["detail"] as? String)?.isEmpty == false)
        if let pointer = c.pointer {
            let pointers = (reply.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
            #expect(pointers.contains(pointer), "pointers: \(pointers)")
        }
        // Nothing stored: no acknowledgement, no outbox message, no idempotency record, status unchanged.
        #expect(try t.hub.store.read { try $0.acknowledgements(purchaseOrder: "PO-1001", scope: .all) }.isEmpty)
        #expect(try t.hub.store.read { try $0.outboxCounts()[.pending] } == 0)
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.supplierKey).json["status"] as? String == "awaitingAcknowledgement")
        // The same key works once the request is fixed: failures are not remembered.
        #expect(t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#).status == 201)
    }

    static let orderCases: [(String, String, String)] = [
        ("unknown supplier", TestHub.orderJSON(supplier: "S-999"), "unknown-supplier"),
        ("zero quantity", TestHub.orderJSON(quantity: "0"), "invalid-document"),
        ("schedule does not add up", TestHub.orderJSON().replacingOccurrences(of: #"[{"quantity":"100","date""#, with: #"[{"quantity":"90","date""#), "invalid-document"),
        ("bad currency", TestHub.orderJSON().replacingOccurrences(of: "USD", with: "dollars"), "invalid-document"),
        ("bad need-by", TestHub.orderJSON().replacingOccurrences(of: #""needBy":"2027-01-15""#, with: #""needBy":"soon""#), "invalid-document"),
        ("number differs from the address", TestHub.orderJSON("PO-OTHER"), "invalid-request"),
    ]

    @Test(arguments: orderCases)
    func badOrders(name: String, body: String, type: String) throws {
        let t = try TestHub()
        t.seed()
        let reply = t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey,
                           body: body.replacingOccurrences(of: "PO-1001", with: name == "number differs from the address" ? "PO-OTHER" : "PO-1001"))
        #expect(reply.status == 422 || reply.status == 409)
        #expect(reply.problemType == "urn:supplyline:problem:\(type)")
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.erpKey).json["revision"] as? Int == 1)
    }

    @Test func unknownOrdersAndExceptionsAre404() throws {
        let t = try TestHub()
        t.seed()
        #expect(t.call("GET", "/v1/purchase-orders/PO-NOPE", key: t.erpKey).status == 404)
        #expect(t.acknowledge("PO-NOPE", body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#).status == 404)
        #expect(t.call("POST", "/v1/exceptions/exc_nope/approve", key: t.buyerKey).status == 404)
        #expect(t.call("POST", "/v1/dead-letters/99/replay", key: t.adminKey).status == 404)
        #expect(t.call("GET", "/v1/nowhere", key: t.adminKey).status == 404)
    }

    @Test func badParametersAre400() throws {
        let t = try TestHub()
        #expect(t.call("GET", "/v1/purchase-orders?status=done", key: t.erpKey).status == 400)
        #expect(t.call("GET", "/v1/purchase-orders?limit=0", key: t.erpKey).status == 400)
        #expect(t.call("GET", "/v1/purchase-orders?cursor=%%%", key: t.erpKey).status == 400)
        let xml = t.call("PUT", "/v1/suppliers/S-100", key: t.erpKey, body: "<supplier/>", headers: [("Content-Type", "application/xml")])
        #expect(xml.status == 415)
    }

    @Test func paginationWalksEveryOrderOnce() throws {
        let t = try TestHub()
        t.seed()
        for i in 2...12 { _ = t.call("PUT", "/v1/purchase-orders/PO-\(1000 + i)", key: t.erpKey, body: TestHub.orderJSON("PO-\(1000 + i)")) }
        var numbers: [String] = []
        var cursor: String? = nil
        repeat {
            let page = t.call("GET", "/v1/purchase-orders?limit=5" + (cursor.map { "&cursor=\($0)" } ?? ""), key: t.erpKey).json
            numbers += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }
            cursor = page["nextCursor"] as? String
        } while cursor != nil
        #expect(numbers == (1001...1012).map { "PO-\($0)" })
    }
}
