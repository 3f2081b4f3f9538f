import TestSupport
import Foundation
import HTTPServer
import Testing
@testable import ReferenceERP

@Suite("Reference ERP: supplier invoices")
struct InvoiceTests {
    static let payload = #"{"invoice":"inv_1","number":"INV-7","supplier":"S-100","currency":"USD","total":"270","lines":[]}"#

    func booked() throws -> (FakeHub, TestERP) {
        let hub = try FakeHub()
        let t = try TestERP(hub: hub)
        let delivered = try t.deliver(key: "supplierInvoice:inv_1", kind: "supplierInvoice", document: "inv_1", payload: Self.payload)
        #expect(delivered.json["status"] as? String == "applied")
        return (hub, t)
    }

    @Test func aSupplierInvoicePostingIsBookedOnce() throws {
        let (_, t) = try booked()
        defer { t.erp.stop() }
        #expect(try t.deliver(key: "supplierInvoice:inv_1", kind: "supplierInvoice", document: "inv_1", payload: Self.payload)
            .json["status"] as? String == "duplicate")
        let invoices = try t.get("/erp/invoices").json["invoices"] as? [[String: Any]] ?? []
        #expect(invoices.count == 1)
        #expect(invoices.first?["id"] as? String == "inv_1")
        #expect(invoices.first?["number"] as? String == "INV-7")
        #expect(invoices.first?["total"] as? String == "270")
        #expect(invoices.first?["status"] as? String == "booked")
        #expect(try t.effects().first?["kind"] as? String == "supplierInvoice")
    }

    @Test func approvalAndPaymentAreReportedToTheHubWithTheERPKey() throws {
        let (hub, t) = try booked()
        defer { t.erp.stop() }
        let approved = try t.post("/erp/invoices/inv_1/approve", "")
        #expect(approved.status == 200)
        #expect(approved.json["status"] as? String == "approved")
        let paid = try t.post("/erp/invoices/inv_1/pay", #"{"paymentDate":"2027-02-19"}"#)
        #expect(paid.status == 200)
        #expect(paid.json["status"] as? String == "paid")
        #expect(paid.json["paymentReference"] as? String == "PAY-1")
        let sent = hub.received
        #expect(sent.map(\.method) == ["PUT", "PUT"])
        #expect(sent.map(\.path) == ["/v1/invoices/inv_1/status", "/v1/invoices/inv_1/status"])
        #expect(sent.allSatisfy { $0.authorization == "Bearer test-key" })
        #expect(sent[0].body == .object(["status": .string("approved")]))
        #expect(sent[1].body == .object(["status": .string("paid"), "paymentDate": .string("2027-02-19"), "amount": .string("270"),
                                         "reference": .string("PAY-1")]))
    }

    @Test func aRejectionNeedsAReasonAndCarriesIt() throws {
        let (hub, t) = try booked()
        defer { t.erp.stop() }
        #expect(try t.post("/erp/invoices/inv_1/reject", "").status == 400)
        #expect(hub.received.isEmpty)
        let rejected = try t.post("/erp/invoices/inv_1/reject", #"{"reason":"Duplicate of INV-6"}"#)
        #expect(rejected.status == 200)
        #expect(hub.received.first?.body == .object(["status": .string("rejected"), "reason": .string("Duplicate of INV-6")]))
        #expect(rejected.json["reason"] as? String == "Duplicate of INV-6")
    }

    @Test func whatTheHubRefusesIsNotKept() throws {
        let (hub, t) = try booked()
        defer { t.erp.stop() }
        hub.answer(409)
        let refused = try t.post("/erp/invoices/inv_1/pay", "")
        #expect(refused.status == 502)
        #expect(refused.json["type"] as? String == "urn:supplyline:problem:hub-status-failed")
        #expect(refused.json["hubStatus"] as? Int == 409)
        let invoices = try t.get("/erp/invoices").json["invoices"] as? [[String: Any]] ?? []
        #expect(invoices.first?["status"] as? String == "booked")
    }

    @Test func anInvoiceNeverPostedIsNotFound() throws {
        let (hub, t) = try booked()
        defer { t.erp.stop() }
        #expect(try t.post("/erp/invoices/inv_2/pay", "").status == 404)
        #expect(try t.post("/erp/invoices/inv_1/pay", #"{"paymentDate":"19.02.2027"}"#).status == 400)
        #expect(hub.received.isEmpty)
    }
}
