import Connectors
import Flows
import Foundation
import HTTPServer
import Hub
import Procurement
import Storage
import Synchronization
import Telemetry

/// An ERP stand-in that records postings.
final class RecordingERP: ERPConnector {
    let postings = Mutex<[ERPPosting]>([])
    func post(_ posting: ERPPosting) -> DeliveryResult {
        postings.withLock { $0.append(posting) }
        return .delivered
    }
}

/// Real time moved forward so that today is 2027-03-01 or later: the orders, notices and receipts
/// of the tests are dated early 2027, and goods cannot be received in the future.
struct TestClock: Clock {
    static let earliest = Date(timeIntervalSince1970: 1_803_859_200)   // 2027-03-01T00:00:00Z
    let offset: TimeInterval

    init() { offset = max(0, Self.earliest.timeIntervalSinceNow) }

    func now() -> Date { Date().addingTimeInterval(offset).roundedToMilliseconds }

    /// Today on this clock.
    var today: LocalDate { LocalDate(utc: now()) }
}

/// A hub on a temporary database, with keys for every role and helpers to call the API
/// in-process (through the router, no socket).
// @unchecked Sendable: the keys are written only in init; the hub is Sendable.
final class TestHub: @unchecked Sendable {
    let hub: Hub
    let logs = LogSink.memory()
    var erpKey = "", adminKey = "", buyerKey = "", supplierKey = "", otherSupplierKey = ""

    init(port: Int = 0, connector: (any ERPConnector)? = nil, maxBodyBytes: Int = 1 << 20, maxDocumentBytes: Int = 10 << 20,
         clock: any Clock = TestClock()) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-api-\(UUID().uuidString)")
        var configuration = HubConfiguration()
        configuration.port = port
        configuration.databasePath = dir.appendingPathComponent("hub.db").path
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxDocumentBytes = maxDocumentBytes
        hub = try Hub(configuration: configuration, logSink: logs, clock: clock, connector: connector)
        let system = RequestContext(principal: .system)
        let clients = ClientAdministration(context: hub.context)
        erpKey = try clients.create(name: "ERP", role: .erp, supplierID: nil, by: system).key
        adminKey = try clients.create(name: "Ops", role: .admin, supplierID: nil, by: system).key
        buyerKey = try clients.create(name: "Buyer", role: .buyer, supplierID: nil, by: system).key
        supplierKey = try clients.create(name: "Acme user", role: .supplier, supplierID: "S-100", by: system).key
        otherSupplierKey = try clients.create(name: "Other user", role: .supplier, supplierID: "S-200", by: system).key
    }

    deinit { hub.stop() }

    /// A key for one more client, for tests that need two clients of the same role.
    func addClient(_ name: String, role: Role, supplier: String? = nil) throws -> String {
        try ClientAdministration(context: hub.context).create(name: name, role: role, supplierID: supplier,
                                                              by: RequestContext(principal: .system)).key
    }

    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
        var problemType: String? { json["type"] as? String }
    }

    func call(_ method: String, _ path: String, key: String?, body: String? = nil, headers: [(String, String)] = []) -> Reply {
        var h = HTTPHeaders(headers)
        if let key { h.set("Authorization", "Bearer \(key)") }
        if body != nil, !h.contains("Content-Type") { h.set("Content-Type", "application/json") }
        let parts = path.split(separator: "?", maxSplits: 1)
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                query[String(kv[0])] = kv.count == 2 ? String(kv[1]) : ""
            }
        }
        let request = HTTPRequest(method: method, path: String(parts[0]), query: query, headers: h, body: Array((body ?? "").utf8))
        let response = hub.api.handle(request)
        return Reply(status: response.status, headers: response.headers, body: response.body)
    }

    static let supplierJSON = #"{"id":"S-100","name":"Acme Castings","tolerances":{"dateDays":3,"quantityPercent":"5","pricePercent":"2"}}"#
    static let otherSupplierJSON = #"{"id":"S-200","name":"Beta Plastics","tolerances":{"dateDays":1,"quantityPercent":"0","pricePercent":"0"}}"#

    static func orderJSON(_ number: String = "PO-1001", revision: Int = 1, supplier: String = "S-100", quantity: String = "100") -> String {
        """
        {"number":"\(number)","revision":\(revision),"supplier":"\(supplier)","plant":"P01","currency":"USD",
         "lines":[{"line":1,"item":"MAT-100","description":"Bracket","quantity":"\(quantity)","unit":"EA",
                   "unitPrice":"2.50","needBy":"2027-01-15","critical":true,
                   "schedule":[{"quantity":"\(quantity)","date":"2027-01-15"}]}]}
        """
    }

    /// Suppliers S-100 and S-200 and order PO-1001 for S-100.
    func seed() {
        precondition(call("PUT", "/v1/suppliers/S-100", key: erpKey, body: Self.supplierJSON).status == 201)
        precondition(call("PUT", "/v1/suppliers/S-200", key: erpKey, body: Self.otherSupplierJSON).status == 201)
        precondition(call("PUT", "/v1/purchase-orders/PO-1001", key: erpKey, body: Self.orderJSON()).status == 201)
    }

    func acknowledge(_ number: String = "PO-1001", body: String, key: String = UUID().uuidString, as supplierKey: String? = nil) -> Reply {
        call("POST", "/v1/purchase-orders/\(number)/acknowledgements", key: supplierKey ?? self.supplierKey, body: body,
             headers: [("Idempotency-Key", key)])
    }
}
