import Foundation
import Procurement
import Storage
import Testing

@Suite("Scorecard API")
struct ScorecardAPITests {
    static func t(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    /// The events other areas write, appended to the log as they would be.
    func append(_ hub: TestHub, _ events: [(type: String, subject: String, supplier: String, data: String, at: String)]) throws {
        try hub.hub.store.write { tx in
            for (i, e) in events.enumerated() {
                try tx.appendEvent(NewEvent(type: "com.supplyline." + e.type, subject: e.subject, supplier: e.supplier, data: e.data),
                                   id: "evt_test\(i)", now: Self.t(e.at))
            }
        }
    }

    static let history: [(type: String, subject: String, supplier: String, data: String, at: String)] = [
        ("po.released", "PO-1", "S-100", #"{"purchaseOrder":"PO-1","revision":1,"supplier":"S-100"}"#, "2027-01-04T08:00:00Z"),
        ("po.acknowledged", "PO-1", "S-100", #"{"purchaseOrder":"PO-1","revision":1,"supplier":"S-100","decision":"confirmed"}"#, "2027-01-05T08:00:00Z"),
        ("po.revised", "PO-1", "S-100", #"{"purchaseOrder":"PO-1","revision":2,"previousRevision":1,"supplier":"S-100"}"#, "2027-01-06T08:00:00Z"),
        ("po.acknowledged", "PO-1", "S-100", #"{"purchaseOrder":"PO-1","revision":2,"supplier":"S-100","decision":"inReview"}"#, "2027-01-06T20:00:00Z"),
        ("receipt.posted", "gr_1", "S-100", """
            {"goodsReceipt":"gr_1","supplier":"S-100","receivedDate":"2027-01-20","shipNotice":"asn_1","lines":[
              {"purchaseOrder":"PO-1","line":1,"received":"10","rejected":"0","shippedQuantity":"10","dueDate":"2027-01-20"},
              {"purchaseOrder":"PO-1","line":2,"received":"4","rejected":"1","shippedQuantity":"6","dueDate":"2027-01-18"}]}
            """, "2027-01-20T15:00:00Z"),
        ("receipt.posted", "gr_2", "S-100", """
            {"goodsReceipt":"gr_2","supplier":"S-100","receivedDate":"2027-01-25","lines":[
              {"purchaseOrder":"PO-1","line":3,"received":"5","rejected":"0","dueDate":"2027-01-30"}]}
            """, "2027-01-25T15:00:00Z"),
        ("ncr.raised", "ncr_1", "S-100", #"{"nonconformance":"ncr_1","supplier":"S-100"}"#, "2027-01-21T09:00:00Z"),
        // Another supplier's events never count.
        ("ncr.raised", "ncr_2", "S-200", #"{"nonconformance":"ncr_2","supplier":"S-200"}"#, "2027-01-21T09:00:00Z"),
        ("invoice.submitted", "inv_9", "S-200", #"{"invoice":"inv_9","supplier":"S-200","firstPassMatch":true}"#, "2027-01-21T09:00:00Z"),
    ]

    @Test func computedFromTheEventLogWithNoFigureForMetricsWithoutTransactions() throws {
        let t = try TestHub()
        t.seed()
        try append(t, Self.history)
        let reply = t.call("GET", "/v1/suppliers/S-100/scorecard?from=2027-01-01&to=2027-01-31", key: t.buyerKey)
        #expect(reply.status == 200, "\(reply.text)")
        let card = reply.json
        #expect(card["supplier"] as? String == "S-100")
        #expect(card["from"] as? String == "2027-01-01")
        let onTime = card["onTimeDelivery"] as? [String: Any]
        #expect(onTime?["count"] as? Int == 3)
        #expect(onTime?["hits"] as? Int == 2)
        #expect(onTime?["percent"] as? String == "66.7")
        let cycle = card["acknowledgementCycleTime"] as? [String: Any]
        #expect(cycle?["count"] as? Int == 2)
        #expect(cycle?["meanHours"] as? String == "18")
        #expect(cycle?["medianHours"] as? String == "18")
        let accuracy = card["shipNoticeAccuracy"] as? [String: Any]
        #expect(accuracy?["count"] as? Int == 2)
        #expect(accuracy?["hits"] as? Int == 1)
        #expect(accuracy?["percent"] as? String == "50")
        let invoices = card["firstPassInvoiceMatch"] as? [String: Any]
        #expect(invoices?["count"] as? Int == 0)
        #expect(invoices?["percent"] == nil, "no invoices is no figure, not 0% or 100%")
        #expect((card["nonconformances"] as? [String: Any])?["count"] as? Int == 1)

        // A period without anything: every metric is there with count 0 and no figure.
        let empty = t.call("GET", "/v1/suppliers/S-100/scorecard?from=2026-01-01&to=2026-01-31", key: t.erpKey).json
        for metric in ["onTimeDelivery", "firstPassInvoiceMatch", "shipNoticeAccuracy"] {
            let m = empty[metric] as? [String: Any]
            #expect(m?["count"] as? Int == 0, "\(metric)")
            #expect(m?["percent"] == nil, "\(metric)")
        }
        #expect((empty["acknowledgementCycleTime"] as? [String: Any])?["meanHours"] == nil)
    }

    @Test func aSupplierReadsOnlyItsOwnScorecard() throws {
        let t = try TestHub()
        t.seed()
        try append(t, Self.history)
        #expect(t.call("GET", "/v1/suppliers/S-100/scorecard?from=2027-01-01&to=2027-01-31", key: t.supplierKey).status == 200)
        let other = t.call("GET", "/v1/suppliers/S-100/scorecard?from=2027-01-01&to=2027-01-31", key: t.otherSupplierKey)
        #expect(other.status == 404)
        #expect(other.problemType == "urn:supplyline:problem:not-found")
        let own = t.call("GET", "/v1/suppliers/S-200/scorecard?from=2027-01-01&to=2027-01-31", key: t.otherSupplierKey).json
        #expect((own["firstPassInvoiceMatch"] as? [String: Any])?["percent"] as? String == "100")
        #expect((own["nonconformances"] as? [String: Any])?["count"] as? Int == 1)
        for key in [t.adminKey, t.erpKey, t.buyerKey] {
            #expect(t.call("GET", "/v1/suppliers/S-200/scorecard?from=2027-01-01&to=2027-01-31", key: key).status == 200)
        }
        #expect(t.call("GET", "/v1/suppliers/S-999/scorecard?from=2027-01-01&to=2027-01-31", key: t.buyerKey).status == 404)
        #expect(t.call("GET", "/v1/suppliers/S-100/scorecard?from=2027-01-01&to=2027-01-31", key: nil).status == 401)
    }

    @Test(arguments: ["", "?from=2027-01-01", "?to=2027-01-31", "?from=2027-02-01&to=2027-01-31", "?from=2027-01-01&to=2027-13-01",
                      "?from=2020-01-01&to=2027-01-01", "?from=01/01/2027&to=2027-01-31"])
    func aPeriodMustBeTwoDatesInOrder(query: String) throws {
        let t = try TestHub()
        t.seed()
        let reply = t.call("GET", "/v1/suppliers/S-100/scorecard\(query)", key: t.buyerKey)
        #expect(reply.status == 400)
        #expect(reply.problemType == "urn:supplyline:problem:invalid-parameter")
    }

    @Test func theHubsOwnFlowsFeedTheScorecard() throws {
        let t = try TestHub()
        t.seed()
        #expect(t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#).status == 201)
        try t.receive(100)
        #expect(t.submitInvoice(TestHub.invoiceJSON("INV-1")).json["status"] as? String == "matched")
        #expect(t.submitInvoice(TestHub.invoiceJSON("INV-2", quantity: "1")).json["status"] as? String == "held")
        try t.recordReceipt("gr_8Hk2")
        #expect(t.call("POST", "/v1/nonconformances", key: t.buyerKey, body: NonconformanceAPITests.body(),
                       headers: [("Idempotency-Key", "n-1")]).status == 201)
        let today = LocalDate(utc: Date())
        let card = t.call("GET", "/v1/suppliers/S-100/scorecard?from=\(today.adding(days: -1).iso)&to=\(today.adding(days: 1).iso)",
                          key: t.supplierKey).json
        let invoices = card["firstPassInvoiceMatch"] as? [String: Any]
        #expect(invoices?["count"] as? Int == 2)
        #expect(invoices?["hits"] as? Int == 1)
        #expect(invoices?["percent"] as? String == "50")
        let cycle = card["acknowledgementCycleTime"] as? [String: Any]
        #expect(cycle?["count"] as? Int == 1)
        #expect(cycle?["unanswered"] as? Int == 0)
        #expect((card["nonconformances"] as? [String: Any])?["count"] as? Int == 1)
    }
}
