import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hub
import Storage
import Testing

/// The same API over a real socket: what the HTTP boundary adds.
@Suite("API over a socket")
struct SocketAPITests {
    func send(_ t: TestHub, _ method: String, _ path: String, key: String?, body: [UInt8]? = nil,
              headers: [String: String] = [:]) async throws -> (Int, HTTPURLResponse, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(t.hub.port)\(path)")!)
        request.httpMethod = method
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return (http.statusCode, http, data)
    }

    @Test func acknowledgesOverHTTPWithRequestIDsAndAccessLog() async throws {
        let t = try TestHub()
        try t.hub.start()
        t.seed()
        let body = Array(#"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#.utf8)
        let (status, response, data) = try await send(t, "POST", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.supplierKey,
                                                      body: body, headers: ["Idempotency-Key": "k-1", "Content-Type": "application/json",
                                                                            "X-Request-Id": "trace-me-123"])
        #expect(status == 201)
        #expect(response.value(forHTTPHeaderField: "X-Request-Id") == "trace-me-123")
        #expect(String(decoding: data, as: UTF8.self).contains(#""decision":"confirmed""#))
        let line = t.logs.lines.first { $0.contains("trace-me-123") && $0.contains("\"status\":201") }
        #expect(line != nil, "access log: \(t.logs.lines.suffix(3))")
        #expect(line?.contains("/v1/purchase-orders/PO-1001/acknowledgements") == true)
        #expect(line?.contains(t.supplierKey) == false)
    }

    @Test func oversizedBodiesAre413AndNothingIsStored() async throws {
        let t = try TestHub(maxBodyBytes: 4096)
        try t.hub.start()
        t.seed()
        let huge = Array(#"{"revision":1,"lines":[{"line":1,"status":"rejected","reason":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 10_000) + Array(#""}]}"#.utf8)
        let (status, response, data) = try await send(t, "POST", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.supplierKey,
                                                      body: huge, headers: ["Idempotency-Key": "k-2"])
        #expect(status == 413)
        #expect(response.value(forHTTPHeaderField: "Content-Type") == "application/problem+json")
        #expect(response.value(forHTTPHeaderField: "X-Request-Id") != nil)
        #expect(String(decoding: data, as: UTF8.self).contains("payload-too-large"))
        #expect(try t.hub.store.read { try $0.acknowledgements(purchaseOrder: "PO-1001", scope: .all) }.isEmpty)
    }

    @Test func healthOpenAPIAndMetricsNeedNoKey() async throws {
        let t = try TestHub()
        try t.hub.start()
        let (health, _, _) = try await send(t, "GET", "/v1/health", key: nil)
        #expect(health == 200)
        let (openapi, _, doc) = try await send(t, "GET", "/v1/openapi.json", key: nil)
        #expect(openapi == 200)
        let json = try JSONSerialization.jsonObject(with: doc) as? [String: Any]
        #expect((json?["openapi"] as? String)?.hasPrefix("3.1") == true)
        let (metrics, _, text) = try await send(t, "GET", "/metrics", key: nil)
        #expect(metrics == 200)
        #expect(String(decoding: text, as: UTF8.self).contains("http_requests_total"))
        let (unauthorized, response, _) = try await send(t, "GET", "/v1/purchase-orders", key: nil)
        #expect(unauthorized == 401)
        #expect(response.value(forHTTPHeaderField: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
    }

    @Test func concurrentAcknowledgementsWithTheSameKeyApplyOnce() async throws {
        let t = try TestHub()
        try t.hub.start()
        t.seed()
        let body = Array(#"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#.utf8)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await send(t, "POST", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.supplierKey, body: body,
                                   headers: ["Idempotency-Key": "race", "Content-Type": "application/json"]).0
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 201 })
        #expect(try t.hub.store.read { try $0.acknowledgements(purchaseOrder: "PO-1001", scope: .all) }.count == 1)
        #expect(try t.hub.store.read { try $0.outboxCounts()[.pending] } == 1)
    }

    @Test func concurrentAnswersWithDifferentKeysDecideOnce() async throws {
        let t = try TestHub()
        try t.hub.start()
        t.seed()
        let body = Array(#"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#.utf8)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<12 {
                group.addTask {
                    try await send(t, "POST", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.supplierKey, body: body,
                                   headers: ["Idempotency-Key": "key-\(i)", "Content-Type": "application/json"]).0
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 201 }.count == 1)
        #expect(statuses.filter { $0 == 409 }.count == 11)
        #expect(try t.hub.store.read { try $0.acknowledgements(purchaseOrder: "PO-1001", scope: .all) }.count == 1)
        #expect(try t.hub.store.read { try $0.outboxCounts()[.pending] } == 1)
    }

    @Test func theDispatcherPostsConfirmationsToTheERP() async throws {
        let erp = RecordingERP()
        let t = try TestHub(connector: erp)
        try t.hub.start()
        t.seed()
        _ = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#)
        let deadline = Date().addingTimeInterval(10)
        while erp.postings.withLock({ $0.isEmpty }) && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        let postings = erp.postings.withLock { $0 }
        #expect(postings.map(\.kind) == ["orderConfirmation"])
        #expect(postings.first?.document == "PO-1001")
        let payload = try JSONSerialization.jsonObject(with: Data(postings.first?.payload ?? [])) as? [String: Any]
        #expect(payload?["purchaseOrder"] as? String == "PO-1001")
        #expect((payload?["lines"] as? [[String: Any]])?.first?["status"] as? String == "accepted")
    }
}
