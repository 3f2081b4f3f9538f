import Foundation
import Testing

/// Both executables: the ERP releases an order, the supplier acknowledges and ships it, the hub
/// posts the inbound delivery to the ERP, the ERP receives it and posts the goods receipt back.
@Suite("End to end: release, acknowledge, ship, receive", .serialized)
struct ShipAndReceiveTests {
    @Test func theReferenceERPReceivesWhatWasShipped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("hub.db").path
        func key(_ args: [String]) throws -> String {
            try runToCompletion(Executables.hub, ["clients", "add", "--db", db] + args)
                .split(separator: "\n").last.map(String.init) ?? ""
        }
        let erpKey = try key(["--role", "erp", "--name", "ERP"])
        let supplierKey = try key(["--role", "supplier", "--supplier", "S-100", "--name", "User at S-100"])

        let hubPort = freePort(), erpPort = freePort()
        let hubURL = "http://127.0.0.1:\(hubPort)", erpURL = "http://127.0.0.1:\(erpPort)"
        let hub = try Child(Executables.hub, ["serve", "--listen", "127.0.0.1:\(hubPort)", "--db", db, "--erp-url", erpURL,
                                              "--retry-base-seconds", "0.05", "--retry-max-seconds", "0.5", "--access-log", "false"],
                            log: dir.appendingPathComponent("hub.log"))
        let erp = try Child(Executables.erp, ["serve", "--listen", "127.0.0.1:\(erpPort)", "--db", dir.appendingPathComponent("erp.db").path,
                                              "--hub-url", hubURL, "--hub-key", erpKey, "--seed-suppliers", "1", "--seed-orders", "1"],
                            log: dir.appendingPathComponent("erp.log"))
        defer {
            hub.kill()
            erp.kill()
        }
        _ = try hub.waitFor("listening on")
        _ = try erp.waitFor("listening on")

        func poll<T>(_ what: String, _ body: () -> T?) throws -> T {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if let value = body() { return value }
                Thread.sleep(forTimeInterval: 0.05)
            }
            throw E2EError("gave up waiting for \(what)")
        }

        // Released by the ERP; acknowledged by the supplier.
        let number = try poll("the release") {
            (HTTP.send("GET", "\(hubURL)/v1/purchase-orders", key: erpKey)?.json["items"] as? [[String: Any]])?.first?["number"] as? String
        }
        let order = try #require(HTTP.send("GET", "\(hubURL)/v1/purchase-orders/\(number)", key: supplierKey)?.json)
        let lines = try #require(order["lines"] as? [[String: Any]])
        let ack = HTTP.send("POST", "\(hubURL)/v1/purchase-orders/\(number)/acknowledgements", key: supplierKey,
                            body: ["revision": order["revision"] as? Int ?? 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }],
                            headers: ["Idempotency-Key": "ack-1"])
        #expect(ack?.json["decision"] as? String == "confirmed")

        // Shipped: line 1 in full.
        let first = lines[0]
        let notice = HTTP.send("POST", "\(hubURL)/v1/ship-notices", key: supplierKey, body: [
            "shipmentId": "ASN-E2E-1", "shipDate": "2027-01-10",
            "packages": [["sscc": "006141411234567890", "lines": [["purchaseOrder": number, "line": first["line"]!, "quantity": first["quantity"]!]]]],
        ], headers: ["Idempotency-Key": "asn-1"])
        #expect(notice?.status == 201)
        let id = try #require(notice?.json["id"] as? String)

        // The hub posts the inbound delivery; the ERP has it.
        _ = try poll("the inbound delivery at the ERP") {
            (HTTP.send("GET", "\(erpURL)/erp/effects")?.json["effects"] as? [[String: Any]])?
                .first { $0["kind"] as? String == "inboundDelivery" && $0["document"] as? String == id && $0["applied"] as? Int == 1 }
        }

        // Received at the ERP's dock, posted back to the hub.
        let receipt = HTTP.send("POST", "\(erpURL)/erp/deliveries/\(id)/receive", body: ["receivedDate": "2027-01-12"])
        #expect(receipt?.status == 201)
        let receiptID = try #require(receipt?.json["id"] as? String)
        let received = (receipt?.json["lines"] as? [[String: Any]])?.first
        #expect(received?["received"] as? String == first["quantity"] as? String)
        #expect(received?["shippedQuantity"] as? String == first["quantity"] as? String)
        #expect(HTTP.send("GET", "\(hubURL)/v1/ship-notices/\(id)", key: supplierKey)?.json["status"] as? String == "received")
        #expect(HTTP.send("GET", "\(hubURL)/v1/goods-receipts/\(receiptID)", key: supplierKey)?.status == 200)

        // Receiving the same delivery again books nothing new.
        let again = HTTP.send("POST", "\(erpURL)/erp/deliveries/\(id)/receive", body: ["receivedDate": "2027-01-12"])
        #expect(again?.json["id"] as? String == receiptID)
        #expect((HTTP.send("GET", "\(hubURL)/v1/goods-receipts", key: erpKey)?.json["items"] as? [Any])?.count == 1)
        #expect(HTTP.send("POST", "\(erpURL)/erp/deliveries/asn_unknown/receive")?.status == 404)
    }
}
