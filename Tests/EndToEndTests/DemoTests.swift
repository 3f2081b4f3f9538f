import Foundation
import Testing

/// `supplyline demo` starts the hub and the reference ERP, plays part of the lifecycle through
/// the API, prints keys and examples, and stops cleanly on SIGTERM.
@Suite("End to end: the demo", .serialized)
struct DemoTests {
    @Test func theDemoOpensOnALifecycleInProgress() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-demo-\(UUID().uuidString)")
        let port = freePort(), erpPort = freePort()
        let hubURL = "http://127.0.0.1:\(port)"
        let demo = try Child(Executables.hub, ["demo", "--port", "\(port)", "--erp-port", "\(erpPort)", "--dir", dir.path],
                             log: FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-demo-\(UUID().uuidString).log"))
        defer { demo.kill() }
        _ = try demo.waitFor("Press Ctrl-C to stop", timeout: 120)
        func key(_ label: String) throws -> String {
            try #require(try demo.waitFor(label).split(separator: " ").last.map(String.init))
        }
        let buyer = try key("  buyer  ")
        let supplier = try key("supplier S-100")
        let erp = try key("  erp  ")
        #expect(try demo.waitFor("invoice held").contains("INV-DEMO-2"))
        #expect(!(try demo.waitFor("invoice held").contains("()")), "the scenario left no held invoice")

        func items(_ path: String, _ key: String) -> [[String: Any]] {
            HTTP.send("GET", hubURL + path, key: key)?.json["items"] as? [[String: Any]] ?? []
        }
        let orders = items("/v1/purchase-orders?limit=100", erp)
        #expect(orders.count == 20)
        #expect(orders.filter { $0["status"] as? String == "confirmed" }.compactMap { $0["number"] as? String }.sorted()
                == ["PO-1010", "PO-1011", "PO-1012", "PO-1013"])
        #expect(HTTP.send("GET", "\(hubURL)/v1/purchase-orders/PO-1014", key: buyer)?.json["status"] as? String == "cancelled")
        #expect(items("/v1/ship-notices", erp).count == 3)
        #expect(items("/v1/goods-receipts", erp).count == 2)
        let invoices = items("/v1/invoices", buyer)
        #expect(invoices.map { "\($0["number"] ?? ""):\($0["status"] ?? "")" }.sorted() == ["INV-DEMO-1:matched", "INV-DEMO-2:held"])
        #expect(items("/v1/exceptions?type=invoiceVariance&status=open", buyer).count == 1)
        let ncrs = items("/v1/nonconformances", buyer)
        #expect(ncrs.count == 1)
        #expect(ncrs.first?["status"] as? String == "awaitingContainment")
        // The supplier sees its own documents only: S-100 has PO-1010 and PO-1013, S-200 PO-1011.
        #expect(items("/v1/invoices", supplier).map { $0["number"] as? String } == ["INV-DEMO-1"])
        #expect(HTTP.send("GET", "\(hubURL)/v1/purchase-orders/PO-1011", key: supplier)?.status == 404)

        // PO-1001 is left for the walk-through in README.md.
        #expect(HTTP.send("GET", "\(hubURL)/v1/purchase-orders/PO-1001", key: supplier)?.json["status"] as? String == "awaitingAcknowledgement")

        #expect(demo.terminate() == 0)
    }
}
