import TestSupport
import Foundation
import HTTPServer
import Synchronization
import Telemetry
import Testing
@testable import ReferenceERP

/// A stand-in hub that records every request and answers with a configurable status.
final class FakeHub: Sendable {
    struct Received: Sendable {
        var method: String
        var path: String
        var authorization: String?
        var body: JSONValue?
    }

    let server: HTTPServer
    private let state = Mutex<(received: [Received], status: Int)>(([], 200))

    init() throws {
        let box = Mutex<FakeHub?>(nil)
        server = HTTPServer(configuration: HTTPServerConfiguration(port: 0),
                            logger: Logger(label: "hub", sink: .discard)) { request in
            box.withLock { $0 }!.handle(request)
        }
        box.withLock { $0 = self }
        try server.start()
    }

    private func handle(_ request: HTTPRequest) -> HTTPResponse {
        let body = try? JSONDecoder().decode(JSONValue.self, from: Data(request.body))
        let status = state.withLock { s in
            s.received.append(Received(method: request.method, path: request.path,
                                       authorization: request.headers["Authorization"], body: body))
            return s.status
        }
        if status < 300 { return .json(status, Array("{}".utf8)) }
        return .problem(Problem(status: status, slug: "conflict", title: "Conflict", detail: "Revision 1 differs."))
    }

    var url: String { "http://127.0.0.1:\(server.port)" }
    var received: [Received] { state.withLock { $0.received } }
    func answer(_ status: Int) { state.withLock { $0.status = status } }
}

/// A reference ERP on a free port with its own temporary database.
struct TestERP {
    let erp: ReferenceERP
    let databasePath: String
    let sink: LogSink

    init(hub: FakeHub? = nil, databasePath: String? = nil, faults: FaultSettings = FaultSettings()) throws {
        let path = databasePath ?? NSTemporaryDirectory() + "erp-\(UUID().uuidString).sqlite"
        sink = LogSink.memory()
        erp = try ReferenceERP(
            configuration: ERPConfiguration(port: 0, databasePath: path, hubURL: hub?.url, hubKey: "test-key",
                                            faults: faults, faultSeed: 7),
            logger: Logger(label: "erp", sink: sink))
        self.databasePath = path
        try erp.start()
    }

    func client() throws -> RawClient { try RawClient(port: erp.port) }

    func post(_ path: String, _ body: String, headers: [String: String] = [:]) throws -> RawClient.Response {
        try client().request("POST", path, headers: headers, body: Array(body.utf8))
    }

    func put(_ path: String, _ body: String) throws -> RawClient.Response {
        try client().request("PUT", path, body: Array(body.utf8))
    }

    func get(_ path: String) throws -> RawClient.Response {
        try client().request("GET", path)
    }

    func effects() throws -> [[String: Any]] {
        try get("/erp/effects").json["effects"] as? [[String: Any]] ?? []
    }

    static func posting(kind: String = "orderConfirmation", document: String = "PO-1001", revision: Int = 1,
                        key: String, payload: String = #"{"accepted":true}"#) -> String {
        #"{"kind":"\#(kind)","document":"\#(document)","revision":\#(revision),"idempotencyKey":"\#(key)","payload":\#(payload)}"#
    }

    func deliver(key: String, kind: String = "orderConfirmation", document: String = "PO-1001", revision: Int = 1,
                 payload: String = #"{"accepted":true}"#) throws -> RawClient.Response {
        try post("/erp/postings", Self.posting(kind: kind, document: document, revision: revision, key: key, payload: payload),
                 headers: ["Idempotency-Key": key, "Content-Type": "application/json"])
    }
}
