import Foundation
import Testing

/// Both executables, an ERP that fails 30% of postings, drops 10% of responses after applying
/// them and has a short outage, clients that retry with the same Idempotency-Key, and a hub
/// that is killed mid-way: every acknowledgement must end as exactly one ERP effect.
@Suite("End to end: exactly one ERP effect per acknowledgement", .serialized)
struct ExactlyOnceTests {
    @Test func everyAcknowledgementEndsAsExactlyOneEffect() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("hub.db").path
        func key(_ args: [String]) throws -> String {
            try runToCompletion(Executables.hub, ["clients", "add", "--db", db] + args)
                .split(separator: "\n").last.map(String.init) ?? ""
        }
        let erpKey = try key(["--role", "erp", "--name", "ERP"])
        let adminKey = try key(["--role", "admin", "--name", "Ops"])
        let buyerKey = try key(["--role", "buyer", "--name", "Buyer"])
        var supplierKeys: [String: String] = [:]
        for s in ["S-100", "S-200", "S-300"] { supplierKeys[s] = try key(["--role", "supplier", "--supplier", s, "--name", "User at \(s)"]) }

        let hubPort = freePort(), erpPort = freePort()
        let hubURL = "http://127.0.0.1:\(hubPort)", erpURL = "http://127.0.0.1:\(erpPort)"
        let hubArguments = ["serve", "--listen", "127.0.0.1:\(hubPort)", "--db", db, "--erp-url", erpURL,
                            "--retry-base-seconds", "0.05", "--retry-max-seconds", "0.5", "--access-log", "false"]
        var hub = try Child(Executables.hub, hubArguments, log: dir.appendingPathComponent("hub.log"))
        _ = try hub.waitFor("listening on")
        let erp = try Child(Executables.erp, ["serve", "--listen", "127.0.0.1:\(erpPort)", "--db", dir.appendingPathComponent("erp.db").path,
                                              "--hub-url", hubURL, "--hub-key", erpKey, "--seed-suppliers", "3", "--seed-orders", "20",
                                              "--fail-rate", "0.3", "--lose-response-rate", "0.1",
                                              "--outage-seconds", "2", "--outage-mode", "refuse"],
                            log: dir.appendingPathComponent("erp.log"))
        defer {
            hub.kill()
            erp.kill()
        }
        _ = try erp.waitFor("listening on")

        // The ERP releases 20 orders to the hub.
        var orders: [[String: Any]] = []
        let seeded = Date().addingTimeInterval(60)
        while orders.count < 20 && Date() < seeded {
            orders = HTTP.send("GET", "\(hubURL)/v1/purchase-orders?limit=100", key: erpKey)?.json["items"] as? [[String: Any]] ?? []
            if orders.count < 20 { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(orders.count == 20)

        // Suppliers answer: mostly accept, some reject every line, some ask for a price outside
        // tolerance (a buyer approves). Every answer is sent three times with the same key.
        var expected: [String: String] = [:]
        for (i, summary) in orders.enumerated() {
            let number = summary["number"] as! String
            let supplier = summary["supplier"] as! String
            let key = supplierKeys[supplier]!
            let order = HTTP.send("GET", "\(hubURL)/v1/purchase-orders/\(number)", key: key)!.json
            let lines = (order["lines"] as! [[String: Any]]).map { $0["line"] as! Int }
            let answer: [[String: Any]]
            switch i % 5 {
            case 0:
                answer = lines.map { ["line": $0, "status": "rejected", "reason": "Capacity fully booked"] }
                expected[number] = "orderRejection"
            case 1:
                answer = lines.map { ["line": $0, "status": "changed", "unitPrice": "999.00"] }
                expected[number] = "orderConfirmation"
            default:
                answer = lines.map { ["line": $0, "status": "accepted"] }
                expected[number] = "orderConfirmation"
            }
            let idempotencyKey = UUID().uuidString
            var ids = Set<String>()
            for _ in 0..<3 {
                let reply = HTTP.send("POST", "\(hubURL)/v1/purchase-orders/\(number)/acknowledgements", key: key,
                                      body: ["revision": 1, "lines": answer], headers: ["Idempotency-Key": idempotencyKey])
                #expect(reply?.status == 201)
                if let id = reply?.json["id"] as? String { ids.insert(id) }
            }
            #expect(ids.count == 1, "the same key must replay the same acknowledgement")
        }
        let open = HTTP.send("GET", "\(hubURL)/v1/exceptions?status=open&limit=100", key: buyerKey)?.json["items"] as? [[String: Any]] ?? []
        #expect(open.count == 4)
        for exception in open {
            #expect(HTTP.send("POST", "\(hubURL)/v1/exceptions/\(exception["id"] as! String)/approve", key: buyerKey)?.status == 200)
        }

        // The hub dies without warning while postings are still being retried, and comes back.
        hub.kill()
        hub = try Child(Executables.hub, hubArguments, log: dir.appendingPathComponent("hub-restarted.log"))
        _ = try hub.waitFor("listening on")

        // Wait until every posting is delivered.
        let deadline = Date().addingTimeInterval(120)
        var counts: [String: Any] = [:]
        repeat {
            Thread.sleep(forTimeInterval: 0.2)
            counts = HTTP.send("GET", "\(hubURL)/v1/outbox", key: adminKey)?.json ?? [:]
        } while ((counts["pending"] as? Int) ?? 1) > 0 && Date() < deadline
        #expect(counts["pending"] as? Int == 0, "outbox: \(counts)")
        #expect(counts["dead"] as? Int == 0, "outbox: \(counts)")
        #expect(counts["delivered"] as? Int == 20, "outbox: \(counts)")

        let effects = HTTP.send("GET", "\(erpURL)/erp/effects")?.json["effects"] as? [[String: Any]] ?? []
        var byDocument: [String: [[String: Any]]] = [:]
        for effect in effects { byDocument[effect["document"] as? String ?? "", default: []].append(effect) }
        #expect(byDocument.count == 20)
        for (number, kind) in expected {
            let mine = byDocument[number] ?? []
            #expect(mine.count == 1, "\(number): \(mine)")
            #expect(mine.first?["kind"] as? String == kind, "\(number): \(mine)")
            #expect(mine.first?["applied"] as? Int == 1, "\(number) applied \(mine.first?["applied"] ?? "nothing")")
            #expect(mine.first?["revision"] as? Int == 1)
        }
        let received = effects.reduce(0) { $0 + ($1["received"] as? Int ?? 0) }
        #expect(received > 20, "the faults should have forced retries")

        #expect(hub.terminate() == 0)
        #expect(erp.terminate() == 0)
    }
}
