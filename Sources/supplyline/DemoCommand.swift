import Flows
import Foundation
import Hub
import Storage

/// `supplyline demo`: the hub and the reference ERP on this machine, with sample suppliers
/// and orders, and keys to try the API with.
enum DemoCommand {
    static func run(_ arguments: [String], environment: [String: String]) throws {
        var options: [String: String] = [:]
        for (k, v) in try CommandLineOptions.pairs(arguments) { options[k] = v }
        let port = try CommandLineOptions.int(options["port"] ?? "8080", "port", 1...65535)
        let erpPort = try CommandLineOptions.int(options["erp-port"] ?? "8090", "erp-port", 1...65535)
        let directory = options["dir"] ?? ".supplyline"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // A demo starts from a clean slate every time.
        for name in ["demo.db", "demo.db-wal", "demo.db-shm", "erp.db", "erp.db-wal", "erp.db-shm"] {
            try? FileManager.default.removeItem(atPath: "\(directory)/\(name)")
        }
        let hubURL = "http://127.0.0.1:\(port)"
        let erpURL = "http://127.0.0.1:\(erpPort)"

        let admin = try HubAdministration(databasePath: "\(directory)/demo.db")
        let adminKey = try admin.addClient(name: "Demo operations", role: .admin, supplierID: nil).key
        let erpKey = try admin.addClient(name: "Reference ERP", role: .erp, supplierID: nil).key
        let buyerKey = try admin.addClient(name: "Demo buyer", role: .buyer, supplierID: nil).key
        var supplierKeys: [(String, String)] = []
        for supplier in ["S-100", "S-200", "S-300"] {
            supplierKeys.append((supplier, try admin.addClient(name: "Demo user at \(supplier)", role: .supplier, supplierID: supplier).key))
        }
        admin.close()

        var configuration = HubConfiguration()
        configuration.port = port
        configuration.databasePath = "\(directory)/demo.db"
        configuration.erpURL = URL(string: erpURL)
        configuration.accessLog = false
        let hub = try Hub(configuration: configuration)
        try hub.start()

        let erp = Process()
        erp.executableURL = try siblingExecutable("supplyline-erp")
        erp.arguments = ["serve", "--listen", "127.0.0.1:\(erpPort)", "--db", "\(directory)/erp.db",
                         "--hub-url", hubURL, "--hub-key", erpKey, "--seed-suppliers", "3", "--seed-orders", "20"]
        try erp.run()

        say("Seeding the demo: confirming, shipping, receiving, invoicing, cancelling and raising a nonconformance…")
        let scenario = DemoScenario(hubURL: hubURL, erpURL: erpURL, buyerKey: buyerKey,
                                    supplierKeys: Dictionary(uniqueKeysWithValues: supplierKeys))
        let seeded: DemoScenario.Outcome
        do {
            seeded = try scenario.run()
        } catch {
            say("The demo could not seed its lifecycle (\(error)); the hub and the ERP keep running.")
            seeded = DemoScenario.Outcome()
        }

        say("""

            Supplyline demo
              hub                 \(hubURL)   (API docs: \(hubURL)/v1/openapi.json)
              reference ERP       \(erpURL)   (effects: \(erpURL)/erp/effects)
              database            \(directory)/demo.db

            API keys (shown once; this demo keeps no other copy):
              admin               \(adminKey)
              erp                 \(erpKey)
              buyer               \(buyerKey)
            \(supplierKeys.map { "  supplier \($0.0)      \($0.1)" }.joined(separator: "\n"))

            The ERP released 3 suppliers and 20 purchase orders to the hub, and the demo played part
            of their lifecycle through the API:
              confirmed           \(seeded.confirmed.joined(separator: ", "))
              shipped             \(seeded.shipNotices.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
              received            \(seeded.goodsReceipts.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
              invoice matched     INV-DEMO-1 (\(seeded.matchedInvoice)), posted to the ERP
              invoice held        INV-DEMO-2 (\(seeded.heldInvoice)), price variance, waiting for a buyer
              cancelled           \(seeded.cancelled)
              nonconformance      \(seeded.nonconformance) on PO-1010's receipt, awaiting containment
            The other orders await acknowledgement (PO-1001 among them, for the walk-through in README.md).

            Try, as supplier S-100:
              export SUPPLIER_KEY=\(supplierKeys[0].1)
              curl -s -H "Authorization: Bearer $SUPPLIER_KEY" \(hubURL)/v1/purchase-orders
              curl -s -H "Authorization: Bearer $SUPPLIER_KEY" \(hubURL)/v1/purchase-orders/PO-1001
              curl -s -X POST -H "Authorization: Bearer $SUPPLIER_KEY" -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \\
                   -H "Content-Type: application/json" \\
                   -d '{"revision":1,"lines":[{"line":1,"status":"changed","schedule":[{"quantity":"60","date":"2027-01-13"}]}]}' \\
                   \(hubURL)/v1/purchase-orders/PO-1001/acknowledgements
              curl -s -H "Authorization: Bearer $SUPPLIER_KEY" \(hubURL)/v1/ship-notices
              curl -s -H "Authorization: Bearer $SUPPLIER_KEY" \(hubURL)/v1/goods-receipts
              curl -s -H "Authorization: Bearer $SUPPLIER_KEY" \(hubURL)/v1/invoices/\(seeded.matchedInvoice)
              curl -s -H "Authorization: Bearer $SUPPLIER_KEY" \(hubURL)/v1/nonconformances/\(seeded.nonconformance)
              curl -s -H "Authorization: Bearer $SUPPLIER_KEY" "\(hubURL)/v1/events?limit=100"
            as the buyer:
              export BUYER_KEY=\(buyerKey)
              curl -s -H "Authorization: Bearer $BUYER_KEY" "\(hubURL)/v1/exceptions?type=invoiceVariance&status=open"
              curl -s -X POST -H "Authorization: Bearer $BUYER_KEY" -d '{"note":"Surcharge agreed."}' \(hubURL)/v1/exceptions/\(seeded.heldException)/approve
              curl -s -H "Authorization: Bearer $BUYER_KEY" \(hubURL)/v1/purchase-orders/\(seeded.cancelled)
            and as the ERP:
              curl -s \(erpURL)/erp/effects
              curl -s \(erpURL)/erp/invoices
              curl -s -X POST \(erpURL)/erp/invoices/\(seeded.matchedInvoice)/approve
              curl -s -X POST \(erpURL)/erp/invoices/\(seeded.matchedInvoice)/pay
              curl -s -X POST \(erpURL)/erp/deliveries/\(seeded.shipNotices["PO-1012"] ?? "<ship notice>")/receive

            Press Ctrl-C to stop.
            """)

        waitForTerminationSignal()
        say("stopping…")
        if erp.isRunning {
            erp.terminate()
            erp.waitUntilExit()
        }
        hub.stop()
    }

    /// Another executable from the same build directory as this one.
    static func siblingExecutable(_ name: String) throws -> URL {
        let own = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidate = own.deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw CommandLineError("\(name) is not next to this binary (\(candidate.path)); build it with 'swift build'")
        }
        return candidate
    }
}
