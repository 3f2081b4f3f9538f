import Foundation

/// A hub and a reference ERP on loopback, with keys for the ERP, an admin, a buyer and each
/// seeded supplier.
final class Landscape {
    private(set) var hub: Child
    let erp: Child
    private let hubCommand: [String]
    private let dir: URL
    let hubURL: String
    let erpURL: String
    var keys: [String: String] = [:]

    init(suppliers: Int, orders: Int, erpArguments: [String], hubArguments: [String] = []) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-e2e-lc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("hub.db").path
        func key(_ args: [String]) throws -> String {
            try runToCompletion(Executables.hub, ["clients", "add", "--db", db] + args).split(separator: "\n").last.map(String.init) ?? ""
        }
        keys["erp"] = try key(["--role", "erp", "--name", "ERP"])
        keys["admin"] = try key(["--role", "admin", "--name", "Ops"])
        keys["buyer"] = try key(["--role", "buyer", "--name", "Buyer"])
        for i in 1...suppliers {
            keys["S-\(i * 100)"] = try key(["--role", "supplier", "--supplier", "S-\(i * 100)", "--name", "User at S-\(i * 100)"])
        }
        let hubPort = freePort(), erpPort = freePort()
        hubURL = "http://127.0.0.1:\(hubPort)"
        erpURL = "http://127.0.0.1:\(erpPort)"
        hubCommand = ["serve", "--listen", "127.0.0.1:\(hubPort)", "--db", db, "--erp-url", erpURL,
                      "--retry-base-seconds", "0.05", "--retry-max-seconds", "0.5", "--access-log", "false"] + hubArguments
        hub = try Child(Executables.hub, hubCommand, log: dir.appendingPathComponent("hub.log"))
        erp = try Child(Executables.erp, ["serve", "--listen", "127.0.0.1:\(erpPort)", "--db", dir.appendingPathComponent("erp.db").path,
                                          "--hub-url", hubURL, "--hub-key", keys["erp"]!,
                                          "--seed-suppliers", "\(suppliers)", "--seed-orders", "\(orders)"] + erpArguments,
                        log: dir.appendingPathComponent("erp.log"))
        do {
            _ = try hub.waitFor("listening on")
            _ = try erp.waitFor("listening on")
        } catch {
            stop()
            throw error
        }
    }

    /// Kills the hub without warning (SIGKILL) and starts it again on the same database, with
    /// `arguments` added to its command line.
    func crashAndRestartHub(adding arguments: [String] = []) throws {
        hub.kill()
        try startHub(adding: arguments)
    }

    /// Starts the hub again after `hub.kill()`.
    func startHub(adding arguments: [String] = []) throws {
        hub = try Child(Executables.hub, hubCommand + arguments, log: dir.appendingPathComponent("hub-\(UUID().uuidString).log"))
        _ = try hub.waitFor("listening on")
    }

    func stop() {
        hub.kill()
        erp.kill()
    }

    func get(_ path: String, as who: String) -> HTTP.Reply? {
        HTTP.send("GET", hubURL + path, key: keys[who])
    }

    /// A POST to the hub; creating POSTs carry a fresh Idempotency-Key.
    func post(_ path: String, as who: String, body: Any? = nil, idempotent: Bool = true) -> HTTP.Reply? {
        HTTP.send("POST", hubURL + path, key: keys[who], body: body,
                  headers: idempotent ? ["Idempotency-Key": UUID().uuidString] : [:])
    }

    func poll<T>(_ what: String, timeout: TimeInterval = 60, _ body: () -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let value = body() { return value }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError("gave up waiting for \(what)")
    }

    /// The order as its supplier sees it, once the ERP has released it.
    func released(_ number: String, supplier: String) throws -> [String: Any] {
        try poll("the release of \(number)") {
            let order = get("/v1/purchase-orders/\(number)", as: supplier)?.json ?? [:]
            return order["number"] == nil ? nil : order
        }
    }

    /// Waits for the ERP to have applied one posting of this kind for the document.
    func effect(_ kind: String, _ document: String) throws {
        _ = try poll("\(kind) of \(document) at the ERP") {
            (HTTP.send("GET", "\(erpURL)/erp/effects")?.json["effects"] as? [[String: Any]])?
                .first { $0["kind"] as? String == kind && $0["document"] as? String == document && ($0["applied"] as? Int ?? 0) > 0 }
        }
    }

    /// The ERP's effects once the hub's outbox is empty.
    func deliveredEffects() throws -> [[String: Any]] {
        _ = try poll("an empty outbox") { (get("/v1/outbox", as: "admin")?.json["pending"] as? Int) == 0 ? true : nil }
        return HTTP.send("GET", "\(erpURL)/erp/effects")?.json["effects"] as? [[String: Any]] ?? []
    }

    /// The whole event log as this key may read it, oldest first.
    func events(as who: String) -> [[String: Any]] {
        var all: [[String: Any]] = [], after = 0
        while true {
            let page = get("/v1/events?after=\(after)&limit=1000", as: who)?.json ?? [:]
            let items = page["items"] as? [[String: Any]] ?? []
            if items.isEmpty { return all }
            all += items
            after = page["next"] as? Int ?? after
        }
    }

    /// Today (UTC) moved by some days, as YYYY-MM-DD.
    static func today(plus days: Int) -> String {
        Date().addingTimeInterval(Double(days) * 86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
    }

    /// A calendar date (YYYY-MM-DD) moved by some days.
    static func day(_ date: String, plus days: Int) -> String {
        let format = Date.ISO8601FormatStyle().year().month().day()
        let moved = (try? format.parse(date)).map { $0.addingTimeInterval(Double(days) * 86_400) } ?? Date()
        return moved.formatted(format)
    }

    /// Invoice lines billing every order line in full at its order price, and their total.
    static func invoiceLines(_ number: String, _ lines: [[String: Any]]) -> ([[String: Any]], Decimal) {
        var total = Decimal(0)
        let invoice = lines.map { line -> [String: Any] in
            total += Decimal(string: line["quantity"] as! String)! * Decimal(string: line["unitPrice"] as! String)!
            return ["line": line["line"]!, "purchaseOrder": number, "poLine": line["line"]!, "quantity": line["quantity"]!,
                    "unit": line["unit"]!, "unitPrice": line["unitPrice"]!]
        }
        return (invoice, total)
    }
}

/// Valid SSCC-18 labels for the tests' packages.
enum SSCC {
    static func make(_ serial: Int) -> String {
        let body = "00614141" + String(format: "%09d", serial)
        let digits = body.compactMap { $0.wholeNumberValue }
        let sum = digits.reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
        return body + "\((10 - sum % 10) % 10)"
    }
}
