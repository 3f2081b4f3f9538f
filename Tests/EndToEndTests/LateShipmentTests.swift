import Foundation
import Testing

/// Both executables with fast timers: a confirmed delivery that ship notices do not cover is
/// raised as `shipNoticeLate` once, and covered ones are not.
@Suite("End to end: late shipments", .serialized)
struct LateShipmentTests {
    /// A confirmed delivery due inside the late window with nothing shipped raises
    /// `shipNoticeLate` once, however many sweeps follow.
    @Test func aLateShipmentIsRaisedOnce() throws {
        let l = try Landscape(suppliers: 1, orders: 3, erpArguments: [],
                              hubArguments: ["--timer-interval-seconds", "1", "--ship-notice-late-days", "365"])
        defer { l.stop() }
        func confirm(_ number: String) throws -> Int {
            let order = try l.released(number, supplier: "S-100")
            let lines = try #require(order["lines"] as? [[String: Any]])
            let ack = l.post("/v1/purchase-orders/\(number)/acknowledgements", as: "S-100",
                             body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
            #expect(ack?.json["decision"] as? String == "confirmed")
            // One watched delivery per schedule line, or one for the line when it has none.
            return lines.reduce(0) { $0 + max(1, ($1["schedule"] as? [Any])?.count ?? 0) }
        }
        func late(_ number: String) -> [[String: Any]] {
            (l.get("/v1/exceptions?type=shipNoticeLate&limit=100", as: "buyer")?.json["items"] as? [[String: Any]] ?? [])
                .filter { $0["purchaseOrder"] as? String == number }
        }
        func lateEvents(_ number: String) -> [[String: Any]] {
            l.events(as: "admin").filter {
                $0["type"] as? String == "com.supplyline.timer.shipNoticeLate"
                    && ($0["data"] as? [String: Any])?["purchaseOrder"] as? String == number
            }
        }

        let deliveries = try confirm("PO-1001")
        let raised = try l.poll("shipNoticeLate for PO-1001") { late("PO-1001").count >= deliveries ? late("PO-1001") : nil }
        #expect(raised.count == deliveries)
        #expect(raised.allSatisfy { $0["status"] as? String == "open" && $0["supplier"] as? String == "S-100" })
        #expect(lateEvents("PO-1001").count == deliveries)

        // Two later orders confirmed and raised by later sweeps: PO-1001 is not raised again.
        for number in ["PO-1002", "PO-1003"] {
            let count = try confirm(number)
            _ = try l.poll("shipNoticeLate for \(number)") { late(number).count >= count ? true : nil }
        }
        #expect(late("PO-1001").count == deliveries)
        #expect(lateEvents("PO-1001").count == deliveries)

        // The supplier sees the event about its order; the alert closes with a buyer's decision.
        #expect(l.events(as: "S-100").contains { $0["type"] as? String == "com.supplyline.timer.shipNoticeLate" })
        let first = try #require(raised.first?["id"] as? String)
        #expect(l.post("/v1/exceptions/\(first)/approve", as: "buyer", body: ["note": "Carrier booked."], idempotent: false)?.status == 200)
        #expect(late("PO-1001").count == deliveries)
    }

    /// Ship notices that cover the confirmed quantity keep the late-shipment timer quiet; only
    /// the order nobody shipped is raised. The hub runs without fast timers while the orders are
    /// confirmed and shipped, then restarts with them.
    @Test func onlyTheUnshippedOrderIsLate() throws {
        let l = try Landscape(suppliers: 1, orders: 3, erpArguments: [])
        defer { l.stop() }
        var deliveries: [String: Int] = [:]
        for number in ["PO-1001", "PO-1002", "PO-1003"] {
            let lines = try #require(try l.released(number, supplier: "S-100")["lines"] as? [[String: Any]])
            let ack = l.post("/v1/purchase-orders/\(number)/acknowledgements", as: "S-100",
                             body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }])
            #expect(ack?.json["decision"] as? String == "confirmed")
            deliveries[number] = lines.reduce(0) { $0 + max(1, ($1["schedule"] as? [Any])?.count ?? 0) }
            guard number != "PO-1001" else { continue }
            // PO-1002 ships in full; PO-1003 ships all but one unit of its first line.
            let shipped = lines.enumerated().map { i, line -> [String: Any] in
                let quantity = Decimal(string: line["quantity"] as! String)! - (number == "PO-1003" && i == 0 ? 1 : 0)
                return ["purchaseOrder": number, "line": line["line"]!, "quantity": "\(quantity)"]
            }
            let notice = l.post("/v1/ship-notices", as: "S-100", body: [
                "shipmentId": "ASN-\(number)", "shipDate": "2027-01-08", "packages": [["sscc": SSCC.make(number == "PO-1002" ? 61 : 63), "lines": shipped]],
            ])
            #expect(notice?.status == 201, "\(notice?.json ?? [:])")
        }
        #expect((l.get("/v1/exceptions?type=shipNoticeLate", as: "buyer")?.json["items"] as? [Any])?.isEmpty == true)

        try l.crashAndRestartHub(adding: ["--timer-interval-seconds", "1", "--ship-notice-late-days", "365"])
        func late(_ number: String) -> [[String: Any]] {
            (l.get("/v1/exceptions?type=shipNoticeLate&limit=100", as: "buyer")?.json["items"] as? [[String: Any]] ?? [])
                .filter { $0["purchaseOrder"] as? String == number }
        }
        let raised = try l.poll("shipNoticeLate for PO-1001") { late("PO-1001").count >= deliveries["PO-1001"]! ? late("PO-1001") : nil }
        #expect(raised.count == deliveries["PO-1001"]!)
        // PO-1003's first line is one short by its last delivery: that delivery alone is late.
        let short = try l.poll("shipNoticeLate for PO-1003") { late("PO-1003").isEmpty ? nil : late("PO-1003") }
        #expect(short.count == 1)
        #expect((short.first?["links"] as? [String: Any])?["line"] as? String == "1")
        #expect(late("PO-1002").isEmpty)
        let events = l.events(as: "S-100").filter { $0["type"] as? String == "com.supplyline.timer.shipNoticeLate" }
        #expect(events.count == raised.count + 1)
        #expect(events.allSatisfy { ($0["data"] as? [String: Any])?["purchaseOrder"] as? String != "PO-1002" })
    }
}
