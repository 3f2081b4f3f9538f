import Foundation
import HTTPServer
import Testing
@testable import ReferenceERP

@Suite struct OrderTests {
    static let order = """
        {"number":"PO-1001","supplier":"S-100","plant":"P01","currency":"USD",
         "lines":[{"line":1,"item":"MAT-100","description":"Bracket","quantity":"100","unit":"EA","unitPrice":"2.50",
                   "needBy":"2027-01-15","critical":true,"schedule":[{"quantity":"100","date":"2027-01-15"}]}]}
        """

    @Test func createStoresRevisionOneAndReleasesToHub() throws {
        let hub = try FakeHub()
        defer { hub.server.stop() }
        let t = try TestERP(hub: hub)
        defer { t.erp.stop() }
        let response = try t.post("/erp/purchase-orders", Self.order)
        #expect(response.status == 201)
        #expect(response.json["revision"] as? Int == 1)
        #expect(response.json["releasedRevision"] as? Int == 1)
        let put = try #require(hub.received.first)
        #expect(put.method == "PUT")
        #expect(put.path == "/v1/purchase-orders/PO-1001")
        #expect(put.authorization == "Bearer test-key")
        #expect(put.body?["revision"] == .int(1))
        #expect(put.body?["lines"] == .array([.object([
            "line": .int(1), "item": .string("MAT-100"), "description": .string("Bracket"), "quantity": .string("100"),
            "unit": .string("EA"), "unitPrice": .string("2.50"), "needBy": .string("2027-01-15"), "critical": .bool(true),
            "schedule": .array([.object(["quantity": .string("100"), "date": .string("2027-01-15")])]),
        ])]))
        #expect(try t.post("/erp/purchase-orders", Self.order).status == 409)
        let list = try t.get("/erp/purchase-orders").json["purchaseOrders"] as? [[String: Any]]
        #expect(list?.count == 1)
    }

    @Test func reviseWithoutBodyMovesDatesAWeekAndReleasesNextRevision() throws {
        let hub = try FakeHub()
        defer { hub.server.stop() }
        let t = try TestERP(hub: hub)
        defer { t.erp.stop() }
        _ = try t.post("/erp/purchase-orders", Self.order)
        let revised = try t.post("/erp/purchase-orders/PO-1001/revise", "")
        #expect(revised.status == 200)
        #expect(revised.json["revision"] as? Int == 2)
        let line = try #require((revised.json["lines"] as? [[String: Any]])?.first)
        #expect(line["needBy"] as? String == "2027-01-22")
        #expect((line["schedule"] as? [[String: Any]])?.first?["date"] as? String == "2027-01-22")
        #expect(hub.received.last?.body?["revision"] == .int(2))
        let replaced = try t.post("/erp/purchase-orders/PO-1001/revise", """
            {"lines":[{"line":1,"item":"MAT-100","description":"Bracket","quantity":"80","unit":"EA","unitPrice":"2.40","needBy":"2027-02-01"}]}
            """)
        #expect(replaced.json["revision"] as? Int == 3)
        guard case .array(let lines)? = hub.received.last?.body?["lines"] else {
            Issue.record("revision 3 was not released with lines")
            return
        }
        #expect(lines.count == 1 && lines[0]["quantity"] == .string("80") && lines[0]["schedule"] == .array([
            .object(["quantity": .string("80"), "date": .string("2027-02-01")])]))
        #expect(try t.post("/erp/purchase-orders/PO-9/revise", "").status == 404)
    }

    @Test func hubRejectionIs502WithHubStatusAndDetail() throws {
        let hub = try FakeHub()
        defer { hub.server.stop() }
        hub.answer(409)
        let t = try TestERP(hub: hub)
        defer { t.erp.stop() }
        let response = try t.post("/erp/purchase-orders", Self.order)
        #expect(response.status == 502)
        #expect(response.json["type"] as? String == "urn:supplyline:problem:hub-release-failed")
        #expect(response.json["hubStatus"] as? Int == 409)
        #expect(response.json["hubDetail"] as? String == "Revision 1 differs.")
        hub.answer(200)
        #expect(try t.post("/erp/purchase-orders/PO-1001/release", "").json["releasedRevision"] as? Int == 1)
    }

    @Test func unreachableHubIs502() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        let response = try t.post("/erp/purchase-orders", Self.order)
        #expect(response.status == 502)
        #expect(response.json["hubStatus"] is NSNull)
    }

    @Test func invalidOrderIs400WithFieldErrors() throws {
        let t = try TestERP()
        defer { t.erp.stop() }
        let bad = Self.order.replacingOccurrences(of: #""quantity":"100","unit""#, with: #""quantity":"-1","unit""#)
            .replacingOccurrences(of: "2027-01-15\",\"critical", with: "2027-13-15\",\"critical")
        let response = try t.post("/erp/purchase-orders", bad)
        #expect(response.status == 400)
        #expect(response.json["type"] as? String == "urn:supplyline:problem:validation-failed")
        let fields = (response.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
        #expect(fields.contains("lines[0].quantity"))
        #expect((try t.get("/erp/purchase-orders").json["purchaseOrders"] as? [Any])?.isEmpty == true)
    }

    @Test func seedReleasesDeterministicSampleData() throws {
        let hub = try FakeHub()
        defer { hub.server.stop() }
        let t = try TestERP(hub: hub)
        defer { t.erp.stop() }
        let response = try t.post("/erp/seed", #"{"suppliers":3,"orders":20}"#)
        #expect(response.status == 200)
        #expect(response.json["suppliers"] as? [String] == ["S-100", "S-200", "S-300"])
        let orders = response.json["purchaseOrders"] as? [[String: Any]] ?? []
        #expect(orders.count == 20)
        #expect(orders.first?["number"] as? String == "PO-1001")
        #expect(orders.last?["number"] as? String == "PO-1020")
        #expect(hub.received.filter { $0.path.hasPrefix("/v1/suppliers/") }.count == 3)
        let puts = hub.received.filter { $0.path.hasPrefix("/v1/purchase-orders/") }
        #expect(puts.count == 20)
        for put in puts {
            let order = try JSONDecoder().decode(PurchaseOrder.self, from: JSONEncoder().encode(put.body))
            #expect(order.validationErrors().isEmpty)
            #expect((1...4).contains(order.lines.count))
            #expect(order.lines.allSatisfy { $0.needBy.hasPrefix("2027-") && ["EA", "KG", "M"].contains($0.unit) })
        }
        let supplier = try #require(hub.received.first { $0.path == "/v1/suppliers/S-100" }?.body)
        #expect(supplier == .object(["id": .string("S-100"), "name": .string("Acme Castings"), "tolerances": .object([
            "dateDays": .int(3), "quantityPercent": .string("5"), "pricePercent": .string("2")])]))
        let again = SampleData.orders(count: 20, suppliers: SampleData.suppliers(count: 3))
        #expect(again == SampleData.orders(count: 20, suppliers: SampleData.suppliers(count: 3)))
        #expect(again.contains { $0.lines.contains(where: \.critical) })
    }

    @Test func civilDateArithmetic() {
        #expect(CivilDate("2027-01-29")?.adding(days: 7).description == "2027-02-05")
        #expect(CivilDate("2028-02-28")?.adding(days: 1).description == "2028-02-29")
        #expect(CivilDate("2027-12-31")?.adding(days: 1).description == "2028-01-01")
        #expect(CivilDate("2027-02-29") == nil)
        #expect(CivilDate("2027-1-5") == nil)
    }
}

@Suite struct CommandTests {
    @Test func parsesFlagsOverEnvironment() throws {
        let options = try ERPCommand.parse(
            ["--listen", "0.0.0.0:9100", "--db=/tmp/x.sqlite", "--fail-rate", "0.3", "--outage-mode", "refuse",
             "--outage-seconds", "5", "--fault-seed", "9", "--seed-orders", "4"],
            environment: ["SUPPLYLINE_ERP_HUB_URL": "http://hub:8080", "SUPPLYLINE_ERP_HUB_KEY": "k",
                          "SUPPLYLINE_ERP_LISTEN": "127.0.0.1:1", "SUPPLYLINE_ERP_LATENCY_MS": "20"])
        #expect(options.host == "0.0.0.0" && options.port == 9100)
        #expect(options.databasePath == "/tmp/x.sqlite")
        #expect(options.hubURL == "http://hub:8080" && options.hubKey == "k")
        #expect(options.faults == FaultSettings(failRate: 0.3, latencyMs: 20, outageSeconds: 5, outageMode: .refuse))
        #expect(options.faultSeed == 9)
        #expect(options.seedOrders == 4 && options.seedSuppliers == 3)
    }

    @Test(arguments: [["--listen", "nohost"], ["--fail-rate", "x"], ["--bogus", "1"], ["--outage-mode", "later"],
                      ["--fail-rate", "1.5"], ["--db"]])
    func rejectsBadArguments(_ arguments: [String]) {
        #expect(throws: ERPCommand.UsageError.self) { try ERPCommand.parse(arguments, environment: [:]) }
    }
}
