import Foundation
import Storage
import Testing

@Suite("Event log")
struct EventLogTests {
    func events(_ t: TestHub, key: String, after: Int = 0, limit: Int = 100) -> (items: [[String: Any]], next: Int) {
        let json = t.call("GET", "/v1/events?after=\(after)&limit=\(limit)", key: key).json
        return (json["items"] as? [[String: Any]] ?? [], json["next"] as? Int ?? -1)
    }

    @Test func everyStateChangeIsACloudEventInOrder() throws {
        let t = try TestHub()
        t.seed()
        _ = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"changed","unitPrice":"9.99"}]}"#)
        let exception = (t.call("GET", "/v1/exceptions?status=open", key: t.buyerKey).json["items"] as? [[String: Any]])?.first?["id"] as? String ?? ""
        #expect(t.call("POST", "/v1/exceptions/\(exception)/approve", key: t.buyerKey).status == 200)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON(revision: 2)).status == 200)

        let log = events(t, key: t.adminKey)
        #expect(log.items.map { $0["type"] as? String } == [
            "com.supplyline.supplier.created", "com.supplyline.supplier.created", "com.supplyline.po.released",
            "com.supplyline.po.acknowledged", "com.supplyline.exception.opened", "com.supplyline.po.reviewed",
            "com.supplyline.exception.approved", "com.supplyline.po.revised",
        ])
        let first = try #require(log.items.first)
        #expect(first["specversion"] as? String == "1.0")
        #expect(first["source"] as? String == "/supplyline")
        #expect(first["datacontenttype"] as? String == "application/json")
        #expect((first["id"] as? String)?.hasPrefix("evt_") == true)
        #expect(first["time"] as? String != nil)
        let positions = log.items.compactMap { $0["position"] as? Int }
        #expect(positions == positions.sorted())
        #expect(log.next == positions.last)
        let ack = log.items[3]
        #expect(ack["subject"] as? String == "PO-1001")
        let data = ack["data"] as? [String: Any]
        #expect(data?["decision"] as? String == "inReview")
        #expect(data?["reasons"] as? [String] == ["priceOutOfTolerance"])
    }

    @Test func readersResumeFromAnyPosition() throws {
        let t = try TestHub()
        t.seed()
        let all = events(t, key: t.erpKey).items
        #expect(all.count == 3)
        let firstPage = events(t, key: t.erpKey, limit: 2)
        #expect(firstPage.items.count == 2)
        let rest = events(t, key: t.erpKey, after: firstPage.next)
        #expect(rest.items.map { $0["id"] as? String } == [all[2]["id"] as? String])
        let end = events(t, key: t.erpKey, after: rest.next)
        #expect(end.items.isEmpty)
        #expect(end.next == rest.next, "an empty page keeps the position")
    }

    @Test func suppliersSeeOnlyTheirOwnEvents() throws {
        let t = try TestHub()
        t.seed()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        let mine = events(t, key: t.supplierKey).items
        #expect(!mine.isEmpty)
        #expect(mine.allSatisfy { (($0["data"] as? [String: Any])?["supplier"] as? String) == "S-100" })
        let theirs = events(t, key: t.otherSupplierKey).items
        #expect(theirs.contains { $0["subject"] as? String == "PO-2001" })
        #expect(!theirs.contains { $0["subject"] as? String == "PO-1001" })
    }

    @Test func aFailedRequestLeavesNoEvent() throws {
        let t = try TestHub()
        t.seed()
        let before = events(t, key: t.adminKey).items.count
        #expect(t.acknowledge(body: #"{"revision":1,"lines":[{"line":9,"status":"accepted"}]}"#).status == 422)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON(quantity: "5")).status == 409)
        #expect(events(t, key: t.adminKey).items.count == before)
    }

    @Test(arguments: ["after=-1", "after=x", "limit=0", "limit=1001"])
    func badParametersAre400(query: String) throws {
        let t = try TestHub()
        #expect(t.call("GET", "/v1/events?\(query)", key: t.adminKey).status == 400)
    }
}

@Suite("Planning alerts as events")
struct PlanningAlertEventTests {
    @Test func aCriticalLineConfirmedLateRaisesOneAlert() throws {
        let t = try TestHub()
        t.seed()
        // Two days late on a critical line, within S-100's ±3 days: confirmed, and planning is told.
        let ack = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"100","date":"2027-01-17"}]}]}"#)
        #expect(ack.json["decision"] as? String == "confirmed")
        let items = t.call("GET", "/v1/events", key: t.supplierKey).json["items"] as? [[String: Any]] ?? []
        let alerts = items.filter { $0["type"] as? String == "com.supplyline.planning.alert" }
        #expect(alerts.count == 1)
        let data = alerts.first?["data"] as? [String: Any]
        #expect(data?["purchaseOrder"] as? String == "PO-1001")
        #expect(data?["line"] as? Int == 1)
        #expect(data?["needBy"] as? String == "2027-01-15")
        #expect(data?["confirmedDate"] as? String == "2027-01-17")
        #expect(data?["daysLate"] as? Int == 2)
    }

    @Test func aLateAnswerHeldForReviewAlertsOnlyWhenApproved() throws {
        let t = try TestHub()
        t.seed()
        _ = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"100","date":"2027-02-01"}]}]}"#)
        func alerts() -> Int {
            (t.call("GET", "/v1/events", key: t.adminKey).json["items"] as? [[String: Any]] ?? [])
                .filter { $0["type"] as? String == "com.supplyline.planning.alert" }.count
        }
        #expect(alerts() == 0, "not confirmed yet")
        let id = (t.call("GET", "/v1/exceptions?status=open", key: t.buyerKey).json["items"] as? [[String: Any]])?.first?["id"] as? String ?? ""
        #expect(t.call("POST", "/v1/exceptions/\(id)/approve", key: t.buyerKey).status == 200)
        #expect(alerts() == 1)
    }
}
