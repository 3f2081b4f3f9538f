import Foundation
import Procurement
import Storage
import Testing

@Suite("Exception queue: filters, owners, comments")
struct ExceptionQueueTests {
    static let late = #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"100","date":"2027-01-25"}]}]}"#

    /// Opens one order-response exception for S-100 and returns its id.
    static func openException(_ t: TestHub) -> String {
        t.seed()
        _ = t.acknowledge(body: late)
        return (t.call("GET", "/v1/exceptions?status=open", key: t.buyerKey).json["items"] as? [[String: Any]])?.first?["id"] as? String ?? ""
    }

    static func clientID(of key: String) -> String { String(key.split(separator: ".")[1]) }

    @Test func anExceptionShowsItsTypeReasonsAgeAndLinks() throws {
        let t = try TestHub()
        let id = Self.openException(t)
        let e = t.call("GET", "/v1/exceptions/\(id)", key: t.buyerKey).json
        #expect(e["type"] as? String == "orderResponseOutOfTolerance")
        #expect(e["supplier"] as? String == "S-100")
        #expect(e["purchaseOrder"] as? String == "PO-1001")
        #expect((e["acknowledgement"] as? String)?.hasPrefix("ack_") == true)
        #expect(e["ageHours"] as? Int == 0)
        #expect(e["owner"] == nil)
        #expect((e["comments"] as? [Any])?.isEmpty == true)
        #expect(((e["reasons"] as? [[String: Any]])?.first?["code"] as? String) == "dateOutOfTolerance")
    }

    @Test func theQueueFiltersByTypeSupplierOwnerAndAge() throws {
        let t = try TestHub()
        let id = Self.openException(t)
        // A second exception, of another type and supplier, straight through the store.
        let other = ExceptionRecord(id: "exc_other", kind: "shipNoticeLate", supplier: "S-200", links: ["line": "1"],
                                    reasons: [Reason(code: .init(rawValue: "shipNoticeLate"), message: "No ship notice yet")],
                                    createdAt: t.hub.context.clock.now().addingTimeInterval(-30 * 3600))
        try t.hub.store.write { try $0.insertException(other) }
        func ids(_ query: String) -> [String] {
            (t.call("GET", "/v1/exceptions?\(query)", key: t.buyerKey).json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(ids("status=open") == [id, "exc_other"])
        #expect(ids("type=shipNoticeLate") == ["exc_other"])
        #expect(ids("type=orderResponseOutOfTolerance") == [id])
        #expect(ids("supplier=S-100") == [id])
        #expect(ids("minAgeHours=24") == ["exc_other"])
        #expect(ids("minAgeHours=0").count == 2)
        let buyer = Self.clientID(of: t.buyerKey)
        #expect(t.call("POST", "/v1/exceptions/exc_other/assign", key: t.buyerKey, body: #"{"owner":"\#(buyer)"}"#).status == 200)
        #expect(ids("owner=\(buyer)") == ["exc_other"])
        #expect(ids("type=shipNoticeLate&supplier=S-100").isEmpty)
        let bad = t.call("GET", "/v1/exceptions?minAgeHours=-1", key: t.buyerKey)
        #expect(bad.status == 400)
        #expect(bad.problemType == "urn:supplyline:problem:invalid-parameter")
        #expect(t.call("GET", "/v1/exceptions/exc_other", key: t.buyerKey).json["links"] as? [String: String] == ["line": "1"])
        #expect(t.call("GET", "/v1/exceptions/exc_other", key: t.buyerKey).json["ageHours"] as? Int == 30)
    }

    @Test func assigningNeedsAnActiveBuyerAndIsAuditedAndAnEvent() throws {
        let t = try TestHub()
        let id = Self.openException(t)
        let buyer = Self.clientID(of: t.buyerKey)
        let assigned = t.call("POST", "/v1/exceptions/\(id)/assign", key: t.buyerKey, body: #"{"owner":"\#(buyer)"}"#)
        #expect(assigned.status == 200)
        #expect(assigned.json["owner"] as? String == buyer)
        // A supplier's client cannot own an exception; nor can a client that does not exist.
        let supplierClient = Self.clientID(of: t.supplierKey)
        for owner in [supplierClient, "cl_nobody"] {
            let refused = t.call("POST", "/v1/exceptions/\(id)/assign", key: t.buyerKey, body: #"{"owner":"\#(owner)"}"#)
            #expect(refused.status == 422)
            #expect(refused.problemType == "urn:supplyline:problem:invalid-document")
        }
        #expect(t.call("GET", "/v1/exceptions/\(id)", key: t.buyerKey).json["owner"] as? String == buyer)
        // Suppliers and the ERP may not assign.
        #expect(t.call("POST", "/v1/exceptions/\(id)/assign", key: t.supplierKey, body: #"{"owner":null}"#).status == 403)
        #expect(t.call("POST", "/v1/exceptions/\(id)/assign", key: t.erpKey, body: #"{"owner":null}"#).status == 403)
        let cleared = t.call("POST", "/v1/exceptions/\(id)/assign", key: t.buyerKey, body: #"{"owner":null}"#)
        #expect(cleared.status == 200)
        #expect(cleared.json["owner"] == nil)
        let audit = try t.hub.store.read { try $0.auditEntries(objectType: "exception", objectID: id, after: nil, limit: 10) }.items
        #expect(audit.filter { $0.action == "exception.assigned" }.count == 2)
        let events = try t.hub.store.read { try $0.events(after: 0, limit: 100, scope: .all) }
        #expect(events.filter { $0.type == "com.supplyline.exception.assigned" }.count == 2)
        // A resolved exception cannot be reassigned.
        #expect(t.call("POST", "/v1/exceptions/\(id)/approve", key: t.buyerKey).status == 200)
        // The order's move is an event of its own, in the same transaction as the decision.
        let reviewed = try t.hub.store.read { try $0.events(after: 0, limit: 100, scope: .all) }.filter { $0.type == "com.supplyline.po.reviewed" }
        #expect(reviewed.count == 1)
        #expect(reviewed.first?.subject == "PO-1001")
        #expect(reviewed.first?.data.contains(#""status":"confirmed""#) == true)
        let late = t.call("POST", "/v1/exceptions/\(id)/assign", key: t.buyerKey, body: #"{"owner":"\#(buyer)"}"#)
        #expect(late.status == 409)
        #expect(late.problemType == "urn:supplyline:problem:exception-not-open")
        #expect(t.call("POST", "/v1/exceptions/exc_missing/assign", key: t.buyerKey, body: #"{"owner":null}"#).status == 404)
    }

    @Test func commentsAreKeptInOrderAndAudited() throws {
        let t = try TestHub()
        let id = Self.openException(t)
        let first = t.call("POST", "/v1/exceptions/\(id)/comments", key: t.buyerKey, body: #"{"text":"Asked for a partial shipment."}"#)
        #expect(first.status == 201)
        _ = t.call("POST", "/v1/exceptions/\(id)/comments", key: t.adminKey, body: #"{"text":"  Plant agrees.  "}"#)
        let comments = t.call("GET", "/v1/exceptions/\(id)", key: t.buyerKey).json["comments"] as? [[String: Any]] ?? []
        #expect(comments.map { $0["text"] as? String } == ["Asked for a partial shipment.", "Plant agrees."])
        #expect(comments.first?["author"] as? String == Self.clientID(of: t.buyerKey))
        for body in [#"{"text":"   "}"#, #"{"text":"\#(String(repeating: "x", count: 2001))"}"#] {
            let refused = t.call("POST", "/v1/exceptions/\(id)/comments", key: t.buyerKey, body: body)
            #expect(refused.status == 422)
        }
        #expect(t.call("POST", "/v1/exceptions/\(id)/comments", key: t.buyerKey, body: #"{}"#).status == 422)
        #expect(t.call("POST", "/v1/exceptions/\(id)/comments", key: t.supplierKey, body: #"{"text":"mine"}"#).status == 403)
        #expect(t.call("POST", "/v1/exceptions/exc_missing/comments", key: t.buyerKey, body: #"{"text":"x"}"#).status == 404)
        let audit = try t.hub.store.read { try $0.auditEntries(objectType: "exception", objectID: id, after: nil, limit: 10) }.items
        #expect(audit.filter { $0.action == "exception.commented" }.count == 2)
        #expect(t.call("GET", "/v1/exceptions/\(id)", key: t.buyerKey).json["comments"].map { ($0 as? [Any])?.count } == 2)
    }

    @Test func anAlertTypeIsClosedByApproveOrRejectWithoutTouchingTheOrder() throws {
        let t = try TestHub()
        t.seed()
        let alert = ExceptionRecord(id: "exc_alert", kind: "acknowledgementOverdue", supplier: "S-100", purchaseOrder: "PO-1001",
                                    revision: 1, reasons: [Reason(code: .init(rawValue: "acknowledgementOverdue"), message: "No answer yet")],
                                    createdAt: t.hub.context.clock.now())
        try t.hub.store.write { try $0.insertException(alert) }
        let closed = t.call("POST", "/v1/exceptions/exc_alert/reject", key: t.buyerKey)
        #expect(closed.status == 200)
        #expect(closed.json["status"] as? String == "rejected")
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.buyerKey).json["status"] as? String == "awaitingAcknowledgement")
    }
}

@Suite("Exception storage and the line ledger")
struct ExceptionStorageTests {
    @Test func aDedupeKeyRaisesAnExceptionOnce() throws {
        let t = try TestHub()
        t.seed()
        func record(_ id: String) -> ExceptionRecord {
            ExceptionRecord(id: id, kind: "acknowledgementOverdue", supplier: "S-100", purchaseOrder: "PO-1001", revision: 1,
                            reasons: [], dedupeKey: "ackOverdue:PO-1001:1", createdAt: Date())
        }
        #expect(try t.hub.store.write { try $0.insertException(record("exc_1")) })
        #expect(try t.hub.store.write { try $0.insertException(record("exc_2")) } == false)
        #expect(try t.hub.store.read { try $0.exception(id: "exc_2") } == nil)
        let noKey = ExceptionRecord(id: "exc_3", kind: "other", supplier: "S-100", reasons: [], createdAt: Date())
        let noKey2 = ExceptionRecord(id: "exc_4", kind: "other", supplier: "S-100", reasons: [], createdAt: Date())
        #expect(try t.hub.store.write { try $0.insertException(noKey) && $0.insertException(noKey2) })
    }

    @Test func theLedgerAddsAndSubtractsPerLine() throws {
        let t = try TestHub()
        t.seed()
        try t.hub.store.write { tx in
            try tx.addLineProgress(purchaseOrder: "PO-1001", line: 1, LineProgress(shipped: Decimal(string: "40.5")!))
            try tx.addLineProgress(purchaseOrder: "PO-1001", line: 1, LineProgress(received: 30, rejected: 2))
            try tx.addLineProgress(purchaseOrder: "PO-1001", line: 2, LineProgress(shipped: 5))
            try tx.addLineProgress(purchaseOrder: "PO-1001", line: 2, -LineProgress(shipped: 5))
        }
        let progress = try t.hub.store.read { try $0.lineProgress(purchaseOrder: "PO-1001") }
        #expect(progress[1] == LineProgress(shipped: Decimal(string: "40.5")!, received: 30, rejected: 2))
        #expect(progress[1]?.committed == Decimal(string: "40.5")!)
        #expect(progress[2] == .zero)
        #expect(try t.hub.store.read { try $0.lineProgress(purchaseOrder: "PO-9") }.isEmpty)
    }

    @Test func suppliersKeepOverShipmentAndInvoiceTolerances() throws {
        let t = try TestHub()
        let body = #"{"id":"S-300","name":"Gamma","tolerances":{"dateDays":2,"quantityPercent":"5","pricePercent":"1","overShipmentPercent":"10"},"invoiceTolerances":{"pricePercent":"2","priceAmount":"0.05","quantityAmount":"1"}}"#
        #expect(t.call("PUT", "/v1/suppliers/S-300", key: t.erpKey, body: body).status == 201)
        let s = t.call("GET", "/v1/suppliers/S-300", key: t.buyerKey).json
        #expect((s["tolerances"] as? [String: Any])?["overShipmentPercent"] as? String == "10")
        let invoice = s["invoiceTolerances"] as? [String: String]
        #expect(invoice == ["pricePercent": "2", "priceAmount": "0.05", "quantityPercent": "0", "quantityAmount": "1"])
        let bad = t.call("PUT", "/v1/suppliers/S-300", key: t.erpKey,
                         body: #"{"id":"S-300","name":"Gamma","tolerances":{"dateDays":2,"quantityPercent":"5","pricePercent":"1","overShipmentPercent":"101"},"invoiceTolerances":{"priceAmount":"-1"}}"#)
        #expect(bad.status == 422)
        let pointers = (bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
        #expect(Set(pointers) == ["/tolerances/overShipmentPercent", "/invoiceTolerances/priceAmount"])
        // Left out, they are zero: exact matching, no over-shipment.
        #expect(t.call("PUT", "/v1/suppliers/S-100", key: t.erpKey, body: TestHub.supplierJSON).status == 201)
        let plain = t.call("GET", "/v1/suppliers/S-100", key: t.buyerKey).json
        #expect((plain["tolerances"] as? [String: Any])?["overShipmentPercent"] as? String == "0")
    }
}
