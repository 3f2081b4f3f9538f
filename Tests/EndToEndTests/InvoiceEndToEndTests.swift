import Foundation
import Testing

/// Both executables: the ERP releases an order, the supplier confirms it and invoices it, the
/// invoice is held (nothing received yet) and a buyer approves it, the hub posts it to the ERP,
/// and the ERP approves and pays it; the supplier follows it through to `paid`.
@Suite("End to end: an invoice from release to payment", .serialized)
struct InvoiceEndToEndTests {
    @Test func releaseConfirmInvoiceApprovePay() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-e2e-inv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("hub.db").path
        func key(_ args: [String]) throws -> String {
            try runToCompletion(Executables.hub, ["clients", "add", "--db", db] + args)
                .split(separator: "\n").last.map(String.init) ?? ""
        }
        let erpKey = try key(["--role", "erp", "--name", "ERP"])
        let buyerKey = try key(["--role", "buyer", "--name", "Buyer"])
        let supplierKey = try key(["--role", "supplier", "--supplier", "S-100", "--name", "User at S-100"])

        let hubPort = freePort(), erpPort = freePort()
        let hubURL = "http://127.0.0.1:\(hubPort)", erpURL = "http://127.0.0.1:\(erpPort)"
        let hub = try Child(Executables.hub, ["serve", "--listen", "127.0.0.1:\(hubPort)", "--db", db, "--erp-url", erpURL,
                                              "--retry-base-seconds", "0.05", "--retry-max-seconds", "0.5", "--access-log", "false"],
                            log: dir.appendingPathComponent("hub.log"))
        _ = try hub.waitFor("listening on")
        let erp = try Child(Executables.erp, ["serve", "--listen", "127.0.0.1:\(erpPort)", "--db", dir.appendingPathComponent("erp.db").path,
                                              "--hub-url", hubURL, "--hub-key", erpKey, "--seed-suppliers", "1", "--seed-orders", "1"],
                            log: dir.appendingPathComponent("erp.log"))
        defer {
            hub.kill()
            erp.kill()
        }
        _ = try erp.waitFor("listening on")

        var order: [String: Any] = [:]
        let released = Date().addingTimeInterval(30)
        while order["number"] == nil && Date() < released {
            order = HTTP.send("GET", "\(hubURL)/v1/purchase-orders/PO-1001", key: supplierKey)?.json ?? [:]
            if order["number"] == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        let lines = try #require(order["lines"] as? [[String: Any]])
        let ack = HTTP.send("POST", "\(hubURL)/v1/purchase-orders/PO-1001/acknowledgements", key: supplierKey,
                            body: ["revision": 1, "lines": lines.map { ["line": $0["line"]!, "status": "accepted"] }],
                            headers: ["Idempotency-Key": UUID().uuidString])
        #expect(ack?.json["decision"] as? String == "confirmed")

        var total = Decimal(0)
        let invoiceLines = lines.map { line -> [String: Any] in
            let quantity = Decimal(string: line["quantity"] as! String)!, price = Decimal(string: line["unitPrice"] as! String)!
            total += quantity * price
            return ["line": line["line"]!, "purchaseOrder": "PO-1001", "poLine": line["line"]!, "quantity": line["quantity"]!,
                    "unit": line["unit"]!, "unitPrice": line["unitPrice"]!]
        }
        let submitted = HTTP.send("POST", "\(hubURL)/v1/invoices", key: supplierKey,
                                  body: ["number": "INV-E2E-1", "invoiceDate": "2027-01-20", "currency": "USD", "lines": invoiceLines,
                                         "total": "\(total)"],
                                  headers: ["Idempotency-Key": UUID().uuidString])
        #expect(submitted?.status == 201)
        #expect(submitted?.json["status"] as? String == "held")
        let id = try #require(submitted?.json["id"] as? String)

        let exceptions = HTTP.send("GET", "\(hubURL)/v1/exceptions?status=open&type=invoiceVariance", key: buyerKey)?.json["items"] as? [[String: Any]] ?? []
        let exception = try #require(exceptions.first { ($0["links"] as? [String: String])?["invoice"] == id })
        #expect(HTTP.send("POST", "\(hubURL)/v1/exceptions/\(exception["id"] as! String)/approve", key: buyerKey,
                          body: ["note": "Received at the dock; the receipt is on its way."])?.status == 200)

        var booked: [String: Any]?
        let posted = Date().addingTimeInterval(30)
        while booked == nil && Date() < posted {
            let invoices = HTTP.send("GET", "\(erpURL)/erp/invoices")?.json["invoices"] as? [[String: Any]] ?? []
            booked = invoices.first { $0["id"] as? String == id }
            if booked == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(booked?["number"] as? String == "INV-E2E-1")
        #expect(HTTP.send("POST", "\(erpURL)/erp/invoices/\(id)/approve")?.status == 200)
        let paid = HTTP.send("POST", "\(erpURL)/erp/invoices/\(id)/pay", body: ["paymentDate": "2027-02-19"])
        #expect(paid?.status == 200)

        let seen = HTTP.send("GET", "\(hubURL)/v1/invoices/\(id)", key: supplierKey)?.json ?? [:]
        #expect(seen["status"] as? String == "paid")
        let history = seen["history"] as? [[String: Any]] ?? []
        #expect(history.map { $0["status"] as? String } == ["held", "matched", "approved", "paid"])
        #expect((seen["payment"] as? [String: Any])?["amount"] as? String == (booked?["total"] as? String))
        #expect(hub.terminate() == 0)
        #expect(erp.terminate() == 0)
    }
}
