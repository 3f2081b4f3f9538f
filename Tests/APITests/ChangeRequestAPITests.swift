import Foundation
@testable import Flows
import Procurement
import Storage
import Testing

/// Supplier change requests on confirmed orders. S-100 may move dates ±3 days and quantities ±5%.
@Suite("API: supplier change requests")
struct ChangeRequestAPITests {
    enum Setup: Sendable {
        /// Revision 1, both lines accepted.
        case confirmed
        /// Revision 1, not answered yet.
        case awaiting
        /// Revision 1, line 2 rejected by the supplier, approved by a buyer.
        case line2Rejected
        /// Revision 2 cancels line 2; line 1 accepted.
        case line2Cancelled
        /// Revision 2 (line 1 now 110) accepted.
        case revised
    }

    static func hub(_ setup: Setup = .confirmed) throws -> TestHub {
        let t = try OrderChangeAPITests.seeded()
        switch setup {
        case .awaiting: break
        case .confirmed:
            precondition(t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"},{"line":2,"status":"accepted"}]}"#).status == 201)
        case .line2Rejected:
            precondition(t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"},{"line":2,"status":"rejected","reason":"Discontinued"}]}"#).status == 201)
            let id = (t.call("GET", "/v1/exceptions?status=open", key: t.buyerKey).json["items"] as? [[String: Any]])?.first?["id"] as? String ?? ""
            precondition(t.call("POST", "/v1/exceptions/\(id)/approve", key: t.buyerKey).status == 200)
        case .line2Cancelled:
            precondition(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: OrderChangeAPITests.twoLines(revision: 2, cancel2: true)).status == 200)
            precondition(t.acknowledge(body: #"{"revision":2,"lines":[{"line":1,"status":"accepted"}]}"#).status == 201)
        case .revised:
            precondition(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: OrderChangeAPITests.twoLines(revision: 2, quantity1: "110")).status == 200)
            precondition(t.acknowledge(body: #"{"revision":2,"lines":[{"line":1,"status":"accepted"},{"line":2,"status":"accepted"}]}"#).status == 201)
        }
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.erpKey).json["status"] as? String == (setup == .awaiting ? "awaitingAcknowledgement" : "confirmed"))
        return t
    }

    static func request(_ t: TestHub, _ body: String, key: String = UUID().uuidString, as supplierKey: String? = nil,
                        number: String = "PO-1001") -> TestHub.Reply {
        t.call("POST", "/v1/purchase-orders/\(number)/change-requests", key: supplierKey ?? t.supplierKey, body: body,
               headers: [("Idempotency-Key", key)])
    }

    static func confirmed(_ t: TestHub) throws -> [ConfirmedLine]? {
        try t.hub.store.read { tx in
            try ConfirmedSchedule.lines(of: try #require(try tx.purchaseOrder(number: "PO-1001", scope: .all)), tx: tx)
        }
    }

    static func outbox(_ t: TestHub) throws -> [OutboxJob] {
        try t.hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 100) }.items
    }

    static let twoDaysLater = #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"60","date":"2027-01-15"},{"quantity":"40","date":"2027-01-18"}],"reason":"Furnace maintenance"}]}"#
    static let tenDaysLater = #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"100","date":"2027-01-25"}]}]}"#

    @Test func withinToleranceTheConfirmationChangesAtOnce() throws {
        let t = try Self.hub()
        let reply = Self.request(t, Self.twoDaysLater, key: "chg-1")
        #expect(reply.status == 201)
        #expect(reply.json["status"] as? String == "applied")
        #expect((reply.json["reasons"] as? [Any])?.isEmpty == true)
        #expect(reply.json["revision"] as? Int == 1)
        let id = reply.json["id"] as? String ?? ""
        #expect(id.hasPrefix("chr_"))
        // The confirmed schedule now has the new deliveries for line 1 and the old ones for line 2.
        let lines = try #require(try Self.confirmed(t))
        #expect(lines.first { $0.line == 1 }?.schedule.map(\.date.iso) == ["2027-01-15", "2027-01-18"])
        #expect(lines.first { $0.line == 1 }?.reason == "Furnace maintenance")
        #expect(lines.first { $0.line == 2 }?.schedule.map(\.date.iso) == ["2027-01-20"])
        // The ERP gets the schedule change once.
        let posting = try #require(try Self.outbox(t).first { $0.message.kind == "scheduleChange" })
        let payload = String(decoding: posting.message.payload, as: UTF8.self)
        #expect(posting.message.idempotencyKey == "scheduleChange:PO-1001:1:\(id)")
        #expect(payload.contains(#""changeRequest":"\#(id)""#))
        #expect(payload.contains("2027-01-18"))
        #expect(!payload.contains("approvedBy"))
        // Line 1 is critical and needed by 2027-01-15: planning hears it moved past that.
        let events = try OrderChangeAPITests.events(t)
        let alert = try #require(events.last { $0.type == "com.supplyline.planning.alert" })
        #expect(alert.data.contains(#""confirmedDate":"2027-01-18""#))
        let requested = try #require(events.first { $0.type == "com.supplyline.po.changeRequested" })
        #expect(requested.data.contains(#""decision":"applied""#))
        #expect(requested.data.contains(#""supplier":"S-100""#))
        let audit = try t.hub.store.read { try $0.auditEntries(objectType: "purchaseOrder", objectID: "PO-1001", after: nil, limit: 50) }.items
        #expect(audit.map(\.action).contains("purchaseOrder.changeRequested"))
        #expect(t.call("GET", "/metrics", key: nil).text.contains(#"supplyline_change_requests_total{decision="applied"} 1"#))
        // Replays and reuse of the key.
        let again = Self.request(t, Self.twoDaysLater, key: "chg-1")
        #expect(again.status == 201)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.json["id"] as? String == id)
        let reused = Self.request(t, Self.tenDaysLater, key: "chg-1")
        #expect(reused.status == 422)
        #expect(reused.problemType == "urn:supplyline:problem:idempotency-key-reused")
        // Listed for the supplier and the buyer; another supplier does not see the order.
        let list = t.call("GET", "/v1/purchase-orders/PO-1001/change-requests", key: t.supplierKey)
        #expect((list.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
        #expect((t.call("GET", "/v1/purchase-orders/PO-1001/change-requests", key: t.buyerKey).json["items"] as? [Any])?.count == 1)
        let other = t.call("GET", "/v1/purchase-orders/PO-1001/change-requests", key: t.otherSupplierKey)
        #expect(other.status == 404)
        #expect(other.problemType == "urn:supplyline:problem:not-found")
    }

    @Test func anEarlierDateWithinTheNeedByRaisesNoAlert() throws {
        let t = try Self.hub()
        let reply = Self.request(t, #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"100","date":"2027-01-13"}]}]}"#)
        #expect(reply.json["status"] as? String == "applied")
        #expect(try !OrderChangeAPITests.events(t).contains { $0.type == "com.supplyline.planning.alert" })
    }

    @Test func outsideToleranceABuyerApproves() throws {
        let t = try Self.hub()
        let reply = Self.request(t, Self.tenDaysLater)
        #expect(reply.status == 201)
        #expect(reply.json["status"] as? String == "inReview")
        #expect(((reply.json["reasons"] as? [[String: Any]])?.first?["code"] as? String) == "dateOutOfTolerance")
        let id = reply.json["id"] as? String ?? ""
        // Until a buyer decides, the previous confirmation holds and the ERP hears nothing.
        #expect(try Self.confirmed(t)?.first { $0.line == 1 }?.schedule.map(\.date.iso) == ["2027-01-15"])
        #expect(try !Self.outbox(t).contains { $0.message.kind == "scheduleChange" })
        let exception = try #require((t.call("GET", "/v1/exceptions?status=open", key: t.buyerKey).json["items"] as? [[String: Any]])?.first)
        #expect(exception["type"] as? String == "changeRequestOutOfTolerance")
        #expect((exception["links"] as? [String: String])?["changeRequest"] == id)
        #expect(reply.json["exception"] as? String == exception["id"] as? String)
        // One request at a time waits for a buyer.
        let second = Self.request(t, Self.twoDaysLater)
        #expect(second.status == 409)
        #expect(second.problemType == "urn:supplyline:problem:change-request-pending")
        // The buyer approves: the change applies, the ERP is told who approved it.
        let approved = t.call("POST", "/v1/exceptions/\(exception["id"] as? String ?? "")/approve", key: t.buyerKey)
        #expect(approved.status == 200)
        #expect(try Self.confirmed(t)?.first { $0.line == 1 }?.schedule.map(\.date.iso) == ["2027-01-25"])
        let posting = try #require(try Self.outbox(t).first { $0.message.kind == "scheduleChange" })
        #expect(String(decoding: posting.message.payload, as: UTF8.self).contains("approvedBy"))
        let listed = (t.call("GET", "/v1/purchase-orders/PO-1001/change-requests", key: t.supplierKey).json["items"] as? [[String: Any]])?.first
        #expect(listed?["status"] as? String == "approved")
        let types = try OrderChangeAPITests.events(t).map(\.type)
        #expect(types.contains("com.supplyline.po.changeRequestDecided"))
        #expect(types.contains("com.supplyline.planning.alert"))
        // Now the next request is taken.
        #expect(Self.request(t, #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"100","date":"2027-01-14"}]}]}"#).status == 201)
    }

    @Test func outsideToleranceABuyerRejectsAndThePreviousConfirmationHolds() throws {
        let t = try Self.hub()
        _ = Self.request(t, #"{"revision":1,"lines":[{"line":2,"schedule":[{"quantity":"40","date":"2027-01-20"}]}]}"#)
        let exception = (t.call("GET", "/v1/exceptions?status=open", key: t.buyerKey).json["items"] as? [[String: Any]])?.first?["id"] as? String ?? ""
        #expect(t.call("POST", "/v1/exceptions/\(exception)/reject", key: t.buyerKey, body: #"{"note":"We need all 50"}"#).status == 200)
        let line2 = try Self.confirmed(t)?.first { $0.line == 2 }
        #expect(line2?.schedule.map(\.quantity) == [50])
        #expect(try !Self.outbox(t).contains { $0.message.kind == "scheduleChange" })
        let listed = (t.call("GET", "/v1/purchase-orders/PO-1001/change-requests", key: t.erpKey).json["items"] as? [[String: Any]])?.first
        #expect(listed?["status"] as? String == "rejected")
    }

    @Test func aNewRevisionSupersedesAPendingChangeRequest() throws {
        let t = try Self.hub()
        _ = Self.request(t, Self.tenDaysLater)
        let exception = (t.call("GET", "/v1/exceptions?status=open", key: t.buyerKey).json["items"] as? [[String: Any]])?.first?["id"] as? String ?? ""
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: OrderChangeAPITests.twoLines(revision: 2)).status == 200)
        let listed = (t.call("GET", "/v1/purchase-orders/PO-1001/change-requests", key: t.supplierKey).json["items"] as? [[String: Any]])?.first
        #expect(listed?["status"] as? String == "superseded")
        let decided = try OrderChangeAPITests.events(t).filter { $0.type == "com.supplyline.po.changeRequestDecided" }
        #expect(decided.count == 1)
        #expect(decided.first?.data.contains(#""decision":"superseded""#) == true)
        #expect(t.call("GET", "/v1/exceptions/\(exception)", key: t.buyerKey).json["status"] as? String == "superseded")
        #expect(t.call("POST", "/v1/exceptions/\(exception)/approve", key: t.buyerKey).status == 409)
    }

    @Test func approvalIsRefusedWhenShipmentsOvertookTheRequest() throws {
        let t = try Self.hub()
        _ = Self.request(t, #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"70","date":"2027-01-15"}]}]}"#)
        let exception = (t.call("GET", "/v1/exceptions?status=open", key: t.buyerKey).json["items"] as? [[String: Any]])?.first?["id"] as? String ?? ""
        try OrderChangeAPITests.ship(t, line: 1, 80)
        let approve = t.call("POST", "/v1/exceptions/\(exception)/approve", key: t.buyerKey)
        #expect(approve.status == 409)
        #expect(approve.problemType == "urn:supplyline:problem:below-shipped-quantity")
        #expect(t.call("GET", "/v1/exceptions/\(exception)", key: t.buyerKey).json["status"] as? String == "open")
        #expect(try Self.confirmed(t)?.first { $0.line == 1 }?.schedule.map(\.quantity) == [100])
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        let name: String
        let setup: Setup
        let body: String
        let status: Int
        let type: String
        var key: Key = .supplier
        var shipped: Decimal = 0
        var number = "PO-1001"
        var testDescription: String { name }

        enum Key: Sendable { case supplier, otherSupplier, erp, buyer }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "order not confirmed yet", setup: .awaiting, body: twoDaysLater, status: 409, type: "order-not-confirmed"),
        BadCase(name: "another supplier's order is not found", setup: .confirmed, body: twoDaysLater, status: 404, type: "not-found", key: .otherSupplier),
        BadCase(name: "no such order", setup: .confirmed, body: twoDaysLater, status: 404, type: "not-found", number: "PO-9999"),
        BadCase(name: "the ERP may not ask", setup: .confirmed, body: twoDaysLater, status: 403, type: "forbidden", key: .erp),
        BadCase(name: "a buyer may not ask", setup: .confirmed, body: twoDaysLater, status: 403, type: "forbidden", key: .buyer),
        BadCase(name: "unknown line", setup: .confirmed, body: #"{"revision":1,"lines":[{"line":7,"schedule":[{"quantity":"1","date":"2027-01-15"}]}]}"#, status: 422, type: "unknown-line"),
        BadCase(name: "stale revision", setup: .revised, body: twoDaysLater, status: 409, type: "stale-revision"),
        BadCase(name: "unknown revision", setup: .confirmed, body: #"{"revision":9,"lines":[{"line":1,"schedule":[{"quantity":"100","date":"2027-01-16"}]}]}"#, status: 422, type: "unknown-revision"),
        BadCase(name: "one below the shipped quantity", setup: .confirmed, body: #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"59","date":"2027-01-15"}]}]}"#, status: 409, type: "below-shipped-quantity", shipped: 60),
        BadCase(name: "a line the supplier rejected", setup: .line2Rejected, body: #"{"revision":1,"lines":[{"line":2,"schedule":[{"quantity":"50","date":"2027-01-21"}]}]}"#, status: 422, type: "line-not-confirmed"),
        BadCase(name: "a cancelled line", setup: .line2Cancelled, body: #"{"revision":2,"lines":[{"line":2,"schedule":[{"quantity":"50","date":"2027-01-21"}]}]}"#, status: 409, type: "line-cancelled"),
        BadCase(name: "no lines", setup: .confirmed, body: #"{"revision":1,"lines":[]}"#, status: 422, type: "invalid-document"),
        BadCase(name: "the schedule already confirmed", setup: .confirmed, body: #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"100","date":"2027-01-15"}]}]}"#, status: 422, type: "invalid-document"),
        BadCase(name: "a line twice", setup: .confirmed, body: #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"100","date":"2027-01-16"}]},{"line":1,"schedule":[{"quantity":"100","date":"2027-01-17"}]}]}"#, status: 422, type: "invalid-document"),
        BadCase(name: "zero quantity", setup: .confirmed, body: #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"0","date":"2027-01-16"}]}]}"#, status: 422, type: "invalid-document"),
        BadCase(name: "malformed date", setup: .confirmed, body: #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"100","date":"16.01.2027"}]}]}"#, status: 422, type: "invalid-document"),
        BadCase(name: "malformed JSON", setup: .confirmed, body: #"{"revision":1,"lines":["#, status: 400, type: "malformed-json"),
    ]

    @Test(arguments: badCases)
    func badRequestsChangeNothing(_ c: BadCase) throws {
        let t = try Self.hub(c.setup)
        if c.shipped > 0 { try OrderChangeAPITests.ship(t, line: 1, c.shipped) }
        let before = (try OrderChangeAPITests.events(t).count, try Self.outbox(t).count, try Self.confirmed(t))
        let key = switch c.key {
        case .supplier: t.supplierKey
        case .otherSupplier: t.otherSupplierKey
        case .erp: t.erpKey
        case .buyer: t.buyerKey
        }
        let reply = Self.request(t, c.body, key: "same-key", as: key, number: c.number)
        #expect(reply.status == c.status, "\(reply.text)")
        #expect(reply.problemType == "urn:supplyline:problem:\(c.type)")
        #expect(reply.headers["Content-Type"] == "application/problem+json")
        #expect((reply.json["detail"] as? String)?.isEmpty == false)
        #expect(try t.hub.store.read { try $0.changeRequests(purchaseOrder: "PO-1001", scope: .all) }.isEmpty)
        #expect(try OrderChangeAPITests.events(t).count == before.0)
        #expect(try Self.outbox(t).count == before.1)
        #expect(try Self.confirmed(t) == before.2)
        if c.type == "below-shipped-quantity" {
            #expect((reply.json["detail"] as? String) == "Line 1 of PO-1001 cannot go down to 59 EA: 60 EA have already been shipped or received.")
        }
    }

    @Test func exactlyTheShippedQuantityIsTaken() throws {
        let t = try Self.hub()
        try OrderChangeAPITests.ship(t, line: 1, 96)
        let reply = Self.request(t, #"{"revision":1,"lines":[{"line":1,"schedule":[{"quantity":"96","date":"2027-01-15"}]}]}"#)
        #expect(reply.status == 201)
        #expect(reply.json["status"] as? String == "applied", "−4% is within the 5% tolerance")
    }

    @Test func aMissingIdempotencyKeyIsRefused() throws {
        let t = try Self.hub()
        let reply = t.call("POST", "/v1/purchase-orders/PO-1001/change-requests", key: t.supplierKey, body: Self.twoDaysLater)
        #expect(reply.status == 400)
        #expect(reply.problemType == "urn:supplyline:problem:missing-idempotency-key")
    }
}
