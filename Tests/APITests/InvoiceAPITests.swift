import Foundation
import Procurement
import Storage
import Synchronization
import Testing

@Suite("API: supplier invoices")
struct InvoiceAPITests {
    @Test func aMatchedInvoiceIsPostedToTheERPAndFollowedThroughToPaid() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        let posted = t.submitInvoice(TestHub.invoiceJSON(extra: #""paymentTerms":{"text":"Net 30","netDays":30},"#))
        #expect(posted.status == 201)
        let id = try #require(posted.json["id"] as? String)
        #expect(posted.headers["Location"] == "/v1/invoices/\(id)")
        #expect(posted.json["status"] as? String == "matched")
        #expect(posted.json["firstPassMatch"] as? Bool == true)
        #expect(posted.json["supplier"] as? String == "S-100")
        #expect(posted.json["dueDate"] as? String == "2027-02-19")
        #expect((posted.json["reasons"] as? [Any])?.isEmpty == true)
        let match = try #require((posted.json["match"] as? [[String: Any]])?.first)
        #expect(match["expectedUnitPrice"] as? String == "2.5")
        #expect(match["received"] as? String == "100")
        #expect(match["invoicedTotal"] as? String == "100")
        #expect(try t.progress().invoiced == 100)

        let postings = try t.outbox()
        #expect(postings.count == 1)
        #expect(postings.first?.document == id)
        #expect(postings.first?.idempotencyKey == "supplierInvoice:\(id)")
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(postings[0].payload)) as? [String: Any])
        #expect(payload["number"] as? String == "INV-1")
        #expect(payload["total"] as? String == "250")
        #expect(payload["supplier"] as? String == "S-100")
        #expect(payload["approvedBy"] == nil)

        #expect(t.setStatus(id, #"{"status":"approved"}"#).json["status"] as? String == "approved")
        let paid = t.setStatus(id, #"{"status":"paid","paymentDate":"2027-02-19","amount":"250.00","reference":"PAY-1"}"#)
        #expect(paid.status == 200)
        #expect(paid.json["status"] as? String == "paid")

        let seen = t.call("GET", "/v1/invoices/\(id)", key: t.supplierKey)
        #expect(seen.status == 200)
        let history = try #require(seen.json["history"] as? [[String: Any]])
        #expect(history.map { $0["status"] as? String } == ["matched", "approved", "paid"])
        #expect(history.map { $0["by"] as? String } == ["supplier", "erp", "erp"])
        #expect((history[2]["payment"] as? [String: Any])?["reference"] as? String == "PAY-1")
        #expect((seen.json["payment"] as? [String: Any])?["amount"] as? String == "250")

        #expect(try t.eventTypes() == ["com.supplyline.invoice.submitted", "com.supplyline.invoice.matched",
                                       "com.supplyline.invoice.status", "com.supplyline.invoice.status"])
        let events = try t.hub.store.read { try $0.events(after: 0, limit: 100, scope: .supplier("S-100")) }
        let submitted = try #require(events.first { $0.type == "com.supplyline.invoice.submitted" })
        let data = try #require(try JSONSerialization.jsonObject(with: Data(submitted.data.utf8)) as? [String: Any])
        #expect(data["invoice"] as? String == id)
        #expect(data["number"] as? String == "INV-1")
        #expect(data["supplier"] as? String == "S-100")
        #expect(data["status"] as? String == "matched")
        #expect(data["firstPassMatch"] as? Bool == true)
        #expect((data["reasons"] as? [Any])?.isEmpty == true)
        #expect(submitted.subject == id)
        let paidEvent = try #require(events.last { $0.type == "com.supplyline.invoice.status" })
        #expect(paidEvent.data.contains(#""status":"paid""#) && paidEvent.data.contains(#""reference":"PAY-1""#))

        let audit = try t.hub.store.read { try $0.auditEntries(objectType: "invoice", objectID: id, after: nil, limit: 10) }.items
        #expect(audit.map(\.action) == ["invoice.submitted", "invoice.approved", "invoice.paid"])
    }

    @Test func aRetryWithTheSameKeyReplaysAndMovesNothingTwice() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        let body = TestHub.invoiceJSON(quantity: "40")
        let first = t.submitInvoice(body, key: "inv-key")
        let again = t.submitInvoice(body, key: "inv-key")
        #expect(first.status == 201)
        #expect(again.status == 201)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.body == first.body)
        #expect(try t.progress().invoiced == 40)
        #expect(try t.outbox().count == 1)
        let other = t.submitInvoice(TestHub.invoiceJSON("INV-2", quantity: "40"), key: "inv-key")
        #expect(other.status == 422)
        #expect(other.problemType == "urn:supplyline:problem:idempotency-key-reused")
        #expect(t.submitInvoice(body).status == 409, "a new key for the same number is a duplicate invoice")
        #expect(t.call("POST", "/v1/invoices", key: t.supplierKey, body: body).problemType
                == "urn:supplyline:problem:missing-idempotency-key")
    }

    @Test func aPriceVarianceIsHeldAndABuyersApprovalPostsIt() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        let held = t.submitInvoice(TestHub.invoiceJSON(unitPrice: "2.60"))
        #expect(held.status == 201)
        #expect(held.json["status"] as? String == "held")
        #expect(held.json["firstPassMatch"] as? Bool == false)
        let reasons = try #require(held.json["reasons"] as? [[String: Any]])
        #expect(reasons.map { $0["code"] as? String } == ["priceVariance"])
        #expect(reasons.first?["message"] as? String == "Invoice line 1 bills PO-1001 line 1 at 2.6 a unit; the order price is 2.5.")
        let id = try #require(held.json["id"] as? String)
        #expect(try t.progress().invoiced == 100, "a held invoice claims its quantity")
        #expect(try t.outbox().isEmpty)

        let exceptions = try t.hub.store.read { try $0.exceptions(ExceptionFilter(kind: "invoiceVariance"), after: nil, limit: 10) }.items
        let exception = try #require(exceptions.first)
        #expect(exceptions.count == 1)
        #expect(exception.links == ["invoice": id])
        #expect(exception.purchaseOrder == "PO-1001")
        #expect(exception.reasons.map(\.code) == ["priceVariance"])
        #expect(try t.eventTypes(prefix: "com.supplyline.") .suffix(3) == ["com.supplyline.invoice.submitted", "com.supplyline.invoice.held",
                                                                           "com.supplyline.exception.opened"])

        let pay = t.setStatus(id, #"{"status":"paid","paymentDate":"2027-02-19","amount":"260","reference":"PAY-1"}"#)
        #expect(pay.status == 409)
        #expect(pay.problemType == "urn:supplyline:problem:invoice-status-conflict")
        #expect(pay.json["code"] as? String == "invoiceStatusConflict")

        let approved = t.call("POST", "/v1/exceptions/\(exception.id)/approve", key: t.buyerKey, body: #"{"note":"Surcharge agreed."}"#)
        #expect(approved.status == 200)
        let after = t.call("GET", "/v1/invoices/\(id)", key: t.supplierKey)
        #expect(after.json["status"] as? String == "matched")
        #expect(after.json["firstPassMatch"] as? Bool == false)
        let history = try #require(after.json["history"] as? [[String: Any]])
        #expect(history.map { $0["status"] as? String } == ["held", "matched"])
        #expect(history.last?["by"] as? String == "buyer")
        #expect(history.last?["note"] as? String == "Surcharge agreed.")
        let postings = try t.outbox()
        #expect(postings.count == 1)
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(postings[0].payload)) as? [String: Any])
        #expect(payload["approvedBy"] as? String != nil)
        #expect(payload["firstPassMatch"] as? Bool == false)
        #expect(try t.eventTypes().last == "com.supplyline.invoice.matched")
        #expect(t.setStatus(id, #"{"status":"paid","paymentDate":"2027-02-19","amount":"260","reference":"PAY-1"}"#).status == 200)
        let again = t.call("POST", "/v1/exceptions/\(exception.id)/reject", key: t.buyerKey)
        #expect(again.status == 409)
    }

    @Test func aRejectedInvoiceReleasesItsQuantityAndTheSupplierReadsWhy() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        let held = t.submitInvoice(TestHub.invoiceJSON(quantity: "120"))
        #expect(held.json["status"] as? String == "held")
        #expect((held.json["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["quantityVariance"])
        let id = try #require(held.json["id"] as? String)
        #expect(try t.progress().invoiced == 120)
        let exception = try #require(try t.hub.store.read { try $0.exceptions(ExceptionFilter(kind: "invoiceVariance"), after: nil, limit: 10) }.items.first)
        let rejected = t.call("POST", "/v1/exceptions/\(exception.id)/reject", key: t.buyerKey,
                              body: #"{"note":"Only 100 were delivered; invoice 100."}"#)
        #expect(rejected.status == 200)
        let seen = t.call("GET", "/v1/invoices/\(id)", key: t.supplierKey)
        #expect(seen.json["status"] as? String == "rejected")
        #expect(seen.json["rejection"] as? String == "Only 100 were delivered; invoice 100.")
        #expect((seen.json["history"] as? [[String: Any]])?.last?["note"] as? String == "Only 100 were delivered; invoice 100.")
        #expect(try t.progress().invoiced == 0)
        #expect(try t.outbox().isEmpty)
        #expect(try t.eventTypes().last == "com.supplyline.invoice.rejected")
        #expect(t.setStatus(id, #"{"status":"approved"}"#).status == 409, "rejected is final")
        let corrected = t.submitInvoice(TestHub.invoiceJSON("INV-2", quantity: "100"))
        #expect(corrected.json["status"] as? String == "matched")
    }

    @Test func aBuyersRejectionWithoutANoteGivesTheVarianceAsTheReason() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(0)
        let held = t.submitInvoice(TestHub.invoiceJSON(quantity: "10"))
        #expect((held.json["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["notReceived"])
        let exception = try #require(try t.hub.store.read { try $0.exceptions(ExceptionFilter(kind: "invoiceVariance"), after: nil, limit: 10) }.items.first)
        #expect(t.call("POST", "/v1/exceptions/\(exception.id)/reject", key: t.buyerKey).status == 200)
        let seen = t.call("GET", "/v1/invoices/\(held.json["id"] as? String ?? "")", key: t.supplierKey)
        #expect(seen.json["rejection"] as? String == "Nothing has been received on PO-1001 line 1 yet.")
    }

    @Test func theSameBillUnderAnotherNumberIsHeldAsADuplicate() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        #expect(t.submitInvoice(TestHub.invoiceJSON("INV-1", quantity: "50")).json["status"] as? String == "matched")
        let second = t.submitInvoice(TestHub.invoiceJSON("INV-1b", quantity: "50"))
        #expect(second.json["status"] as? String == "held")
        #expect((second.json["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["duplicate"])
    }

    @Test func theConfirmedPriceIsTheOneTheInvoiceIsHeldTo() throws {
        let t = try TestHub()
        t.seed()
        // 2.50 → 2.55 is within the supplier's 2 % acknowledgement tolerance: confirmed at 2.55.
        #expect(t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"changed","unitPrice":"2.55"}]}"#).json["decision"] as? String == "confirmed")
        try t.receive(100)
        let invoice = t.submitInvoice(TestHub.invoiceJSON(unitPrice: "2.55"))
        #expect(invoice.json["status"] as? String == "matched")
        #expect((invoice.json["match"] as? [[String: Any]])?.first?["expectedUnitPrice"] as? String == "2.55")
    }

    @Test func theSuppliersInvoiceTolerancesApply() throws {
        let t = try TestHub()
        t.seed()
        let tolerant = #"{"id":"S-100","name":"Acme Castings","tolerances":{"dateDays":3,"quantityPercent":"5","pricePercent":"2"},"invoiceTolerances":{"pricePercent":"2","priceAmount":"0","quantityPercent":"0","quantityAmount":"2"}}"#
        #expect(t.call("PUT", "/v1/suppliers/S-100", key: t.erpKey, body: tolerant).status == 200)
        try t.receive(100)
        #expect(t.submitInvoice(TestHub.invoiceJSON("INV-1", quantity: "102", unitPrice: "2.55")).json["status"] as? String == "matched")
        let over = t.submitInvoice(TestHub.invoiceJSON("INV-2", quantity: "1", unitPrice: "2.56"))
        #expect((over.json["reasons"] as? [[String: Any]])?.map { $0["code"] as? String } == ["priceVariance", "quantityVariance"])
    }

    // MARK: bad input: refused, nothing half-applied

    struct BadCase: CustomTestStringConvertible, Sendable {
        let name: String
        let body: String
        let status: Int
        let slug: String
        let code: String?
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "an order that does not exist", body: TestHub.invoiceJSON(order: "PO-9999"), status: 404, slug: "not-found", code: "unknownPurchaseOrder"),
        BadCase(name: "another supplier's order", body: TestHub.invoiceJSON(order: "PO-2001"), status: 404, slug: "not-found", code: "unknownPurchaseOrder"),
        BadCase(name: "a line the order does not have", body: TestHub.invoiceJSON(poLine: 2), status: 422, slug: "unknown-line", code: "unknownLine"),
        BadCase(name: "another currency", body: TestHub.invoiceJSON(currency: "EUR"), status: 422, slug: "currency-mismatch", code: "currencyMismatch"),
        BadCase(name: "another unit", body: TestHub.invoiceJSON(unit: "KG"), status: 422, slug: "invalid-document", code: "invalidDocument"),
        BadCase(name: "a negative quantity", body: TestHub.invoiceJSON(quantity: "-5"), status: 422, slug: "invalid-document", code: "invalidDocument"),
        BadCase(name: "a line amount that is not quantity × price",
                body: #"{"number":"INV-1","invoiceDate":"2027-01-20","currency":"USD","lines":[{"line":1,"purchaseOrder":"PO-1001","poLine":1,"quantity":"10","unit":"EA","unitPrice":"2.50","amount":"26.00"}],"total":"26.00"}"#,
                status: 422, slug: "invalid-document", code: "invalidDocument"),
        BadCase(name: "a total that is not the lines plus tax",
                body: #"{"number":"INV-1","invoiceDate":"2027-01-20","currency":"USD","lines":[{"line":1,"purchaseOrder":"PO-1001","poLine":1,"quantity":"10","unit":"EA","unitPrice":"2.50"}],"taxTotal":"2.00","total":"25.00"}"#,
                status: 422, slug: "invalid-document", code: "invalidDocument"),
        BadCase(name: "line tax that does not add up to the tax total",
                body: #"{"number":"INV-1","invoiceDate":"2027-01-20","currency":"USD","lines":[{"line":1,"purchaseOrder":"PO-1001","poLine":1,"quantity":"10","unit":"EA","unitPrice":"2.50","taxRate":"8"}],"taxTotal":"3.00","total":"28.00"}"#,
                status: 422, slug: "invalid-document", code: "invalidDocument"),
        BadCase(name: "a credit note", body: TestHub.invoiceJSON(extra: #""kind":"creditNote","#), status: 422, slug: "invalid-document", code: "invalidDocument"),
        BadCase(name: "another supplier named in the body", body: TestHub.invoiceJSON(extra: #""supplier":"S-200","#), status: 422, slug: "invalid-request", code: "mismatch"),
        BadCase(name: "a quantity that is not a decimal string", body: TestHub.invoiceJSON(quantity: "1e3"), status: 422, slug: "invalid-document", code: "invalidDocument"),
        BadCase(name: "a second line on another supplier's order",
                body: #"{"number":"INV-1","invoiceDate":"2027-01-20","currency":"USD","lines":[{"line":1,"purchaseOrder":"PO-1001","poLine":1,"quantity":"10","unit":"EA","unitPrice":"2.50"},{"line":2,"purchaseOrder":"PO-2001","poLine":1,"quantity":"10","unit":"EA","unitPrice":"2.50"}],"total":"50.00"}"#,
                status: 404, slug: "not-found", code: "unknownPurchaseOrder"),
    ]

    @Test(arguments: badCases)
    func badInvoicesAreRefusedWithAReasonAndNothingIsKept(_ c: BadCase) throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        try t.receive(100, order: "PO-2001")
        let eventsBefore = try t.hub.store.read { try $0.events(after: 0, limit: 1000, scope: .all) }.count
        let reply = t.submitInvoice(c.body)
        #expect(reply.status == c.status, "\(reply.text)")
        #expect(reply.problemType == "urn:supplyline:problem:\(c.slug)")
        #expect(reply.headers["Content-Type"]?.hasPrefix("application/problem+json") == true)
        #expect(reply.json["code"] as? String == c.code)
        #expect((reply.json["detail"] as? String)?.isEmpty == false)
        #expect(try t.progress().invoiced == 0)
        #expect(try t.progress("PO-2001").invoiced == 0)
        #expect(try t.outbox().isEmpty)
        #expect(try t.hub.store.read { try $0.events(after: 0, limit: 1000, scope: .all) }.count == eventsBefore)
        #expect(try t.hub.store.read { try $0.invoices(scope: .all, filter: InvoiceFilter(), after: nil, limit: 10) }.items.isEmpty)
        // The key was not used up: the corrected request goes through with it.
    }

    @Test func anotherSuppliersOrderReadsExactlyLikeOneThatDoesNotExist() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        let theirs = t.submitInvoice(TestHub.invoiceJSON(order: "PO-2001"))
        let none = t.submitInvoice(TestHub.invoiceJSON(order: "PO-2002"))
        #expect(theirs.status == 404 && none.status == 404)
        #expect(theirs.json["detail"] as? String == "There is no purchase order PO-2001.")
        #expect(none.json["detail"] as? String == "There is no purchase order PO-2002.")
        #expect((theirs.json["errors"] as? [[String: String]]) == (none.json["errors"] as? [[String: String]]))
    }

    @Test func aDuplicateNumberIsRefusedForTheSameSupplierOnly() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        try t.receive(100, order: "PO-2001")
        #expect(t.submitInvoice(TestHub.invoiceJSON("INV-7", quantity: "10")).status == 201)
        let dup = t.submitInvoice(TestHub.invoiceJSON("INV-7", quantity: "20"))
        #expect(dup.status == 409)
        #expect(dup.problemType == "urn:supplyline:problem:duplicate-invoice")
        #expect(dup.json["code"] as? String == "duplicateInvoice")
        #expect(try t.progress().invoiced == 10)
        let theirs = t.submitInvoice(TestHub.invoiceJSON("INV-7", order: "PO-2001", quantity: "10"), as: t.otherSupplierKey)
        #expect(theirs.status == 201)
        #expect(theirs.json["status"] as? String == "matched")
    }

    // MARK: roles and other suppliers

    @Test func everyEndpointKeepsSuppliersApart() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        let mine = t.submitInvoice(TestHub.invoiceJSON())
        let id = try #require(mine.json["id"] as? String)
        let other = t.otherSupplierKey
        let read = t.call("GET", "/v1/invoices/\(id)", key: other)
        #expect(read.status == 404)
        #expect(read.json["detail"] as? String == "There is no invoice \(id).")
        #expect(t.call("GET", "/v1/invoices/inv_nothing", key: other).json["detail"] as? String == "There is no invoice inv_nothing.")
        #expect((t.call("GET", "/v1/invoices", key: other).json["items"] as? [Any])?.isEmpty == true)
        #expect((t.call("GET", "/v1/invoices?purchaseOrder=PO-1001", key: other).json["items"] as? [Any])?.isEmpty == true)
        #expect(t.submitInvoice(TestHub.invoiceJSON("INV-X"), as: other).status == 404)
        // Suppliers may not report status, not even on their own invoice.
        #expect(t.setStatus(id, #"{"status":"approved"}"#, key: other).status == 403)
        #expect(t.setStatus(id, #"{"status":"approved"}"#, key: t.supplierKey).status == 403)
        #expect(t.setStatus(id, #"{"status":"approved"}"#, key: t.buyerKey).status == 403)
        #expect(t.submitInvoice(TestHub.invoiceJSON("INV-E"), as: t.erpKey).status == 403)
        #expect(t.call("GET", "/v1/invoices", key: nil).status == 401)
        #expect(t.setStatus("inv_nothing", #"{"status":"approved"}"#).status == 404)
        // Buyers, the ERP and admins read every supplier's invoices.
        for key in [t.buyerKey, t.erpKey, t.adminKey] {
            #expect(t.call("GET", "/v1/invoices/\(id)", key: key).status == 200)
        }
        #expect(t.call("GET", "/v1/invoices/\(id)", key: t.supplierKey).json["status"] as? String == "matched")
    }

    // MARK: the ERP's status updates

    @Test func theERPsStatusUpdatesFollowTheStateMachine() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        let id = try #require(t.submitInvoice(TestHub.invoiceJSON()).json["id"] as? String)
        #expect(t.setStatus(id, #"{"status":"approved"}"#).status == 200)
        let again = t.setStatus(id, #"{"status":"approved"}"#)
        #expect(again.status == 200, "the same status again changes nothing")
        #expect((again.json["history"] as? [Any])?.count == 2)
        let missing = t.setStatus(id, #"{"status":"paid","amount":"250"}"#)
        #expect(missing.status == 422)
        #expect((missing.json["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String } == ["/paymentDate", "/reference"])
        #expect(t.setStatus(id, #"{"status":"matched"}"#).status == 422)
        #expect(t.setStatus(id, #"{"status":"paid","paymentDate":"2027-02-19","amount":"250","reference":"PAY-1"}"#).status == 200)
        #expect(t.setStatus(id, #"{"status":"paid","paymentDate":"2027-02-19","amount":"250","reference":"PAY-1"}"#).status == 200)
        let different = t.setStatus(id, #"{"status":"paid","paymentDate":"2027-02-20","amount":"250","reference":"PAY-1"}"#)
        #expect(different.status == 409)
        let reject = t.setStatus(id, #"{"status":"rejected","reason":"too late"}"#)
        #expect(reject.status == 409)
        #expect(reject.json["detail"] as? String == "Invoice \(id) is paid; paid is final.")
        #expect((t.call("GET", "/v1/invoices/\(id)", key: t.supplierKey).json["history"] as? [Any])?.count == 3)
        #expect(try t.eventTypes().filter { $0 == "com.supplyline.invoice.status" }.count == 2)
    }

    @Test func theERPsRejectionReleasesTheQuantityAndTellsTheSupplier() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        let id = try #require(t.submitInvoice(TestHub.invoiceJSON()).json["id"] as? String)
        let rejected = t.setStatus(id, #"{"status":"rejected","reason":"Bank details do not match the vendor master."}"#)
        #expect(rejected.status == 200)
        #expect(try t.progress().invoiced == 0)
        let seen = t.call("GET", "/v1/invoices/\(id)", key: t.supplierKey)
        #expect(seen.json["rejection"] as? String == "Bank details do not match the vendor master.")
        #expect((seen.json["history"] as? [[String: Any]])?.last?["by"] as? String == "erp")
        let events = try t.hub.store.read { try $0.events(after: 0, limit: 100, scope: .supplier("S-100")) }
        let event = try #require(events.last)
        #expect(event.type == "com.supplyline.invoice.rejected")
        #expect(event.data.contains(#""by":"erp""#))
        #expect(t.setStatus(id, #"{"status":"rejected","reason":"again"}"#).status == 200)
        #expect(try t.progress().invoiced == 0, "a repeated rejection releases nothing twice")
    }

    // MARK: lists

    @Test func listsFilterByStatusAndOrderAndPage() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1002", key: t.erpKey, body: TestHub.orderJSON("PO-1002")).status == 201)
        try t.receive(100, order: "PO-1002")
        let a = t.submitInvoice(TestHub.invoiceJSON("INV-A", quantity: "10")).json["id"] as? String
        let b = t.submitInvoice(TestHub.invoiceJSON("INV-B", quantity: "10", unitPrice: "3")).json["id"] as? String
        let c = t.submitInvoice(TestHub.invoiceJSON("INV-C", order: "PO-1002", quantity: "10")).json["id"] as? String
        func ids(_ query: String) -> [String] {
            (t.call("GET", "/v1/invoices\(query)", key: t.supplierKey).json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(ids("") == [a, b, c].compactMap { $0 })
        #expect(ids("?status=held") == [b].compactMap { $0 })
        #expect(ids("?status=matched&purchaseOrder=PO-1002") == [c].compactMap { $0 })
        #expect(ids("?purchaseOrder=PO-1001") == [a, b].compactMap { $0 })
        let first = t.call("GET", "/v1/invoices?limit=2", key: t.supplierKey)
        #expect((first.json["items"] as? [[String: Any]])?.first?["history"] == nil, "lists leave the history out")
        let cursor = try #require(first.json["nextCursor"] as? String)
        #expect(ids("?limit=2&cursor=\(cursor)") == [c].compactMap { $0 })
        #expect(t.call("GET", "/v1/invoices?status=lost", key: t.supplierKey).problemType == "urn:supplyline:problem:invalid-parameter")
        #expect(t.call("GET", "/v1/invoices?limit=0", key: t.supplierKey).status == 400)
    }
}

@Suite("API: supplier invoices under load")
struct InvoiceConcurrencyTests {
    @Test func theSameNumberSentConcurrentlyUnderDifferentKeysIsTakenOnce() throws {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let reply = t.submitInvoice(TestHub.invoiceJSON("INV-RACE", quantity: "10"), key: "race-\(i)")
            statuses.withLock { $0.append(reply.status) }
        }
        let all = statuses.withLock { $0 }.sorted()
        #expect(all == [201] + Array(repeating: 409, count: 7))
        #expect(try t.progress().invoiced == 10)
        #expect(try t.outbox().count == 1)
        let metrics = t.call("GET", "/metrics", key: nil).text
        #expect(metrics.contains(#"supplyline_invoices_total{status="matched"} 1"#))
    }
}
