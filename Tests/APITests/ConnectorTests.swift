import Connectors
import Foundation
import HTTPServer
import Synchronization
import Telemetry
import Testing

/// The hub's HTTP deliveries against a receiver that drops a request without answering.
@Suite("Outbound HTTP deliveries")
struct ConnectorTests {
    /// A receiver that drops one request without answering (a crash, a restart, an idle
    /// connection closed by a proxy): the hub reports that delivery as retryable and sends
    /// every request whole, exactly once per attempt, never a half-sent copy of it.
    @Test func aDroppedRequestIsRetryableAndEveryRequestArrivesWhole() throws {
        let bodies = Mutex<[String]>([])
        let erp = HTTPServer(configuration: HTTPServerConfiguration(port: 0), logger: Logger(label: "erp", sink: .discard)) { request in
            let body = String(decoding: request.body, as: UTF8.self)
            bodies.withLock { $0.append(body) }
            return body.contains("drop-me") ? .dropConnection : .text(200, "{}")
        }
        try erp.start()
        defer { erp.stop() }
        let connector = RESTERPConnector(baseURL: URL(string: "http://127.0.0.1:\(erp.port)")!, timeout: 30)
        func posting(_ key: String) -> ERPPosting {
            ERPPosting(kind: "orderConfirmation", document: "PO-1", revision: 1, idempotencyKey: key, payload: Array("{}".utf8))
        }
        #expect(connector.post(posting("first")) == .delivered)
        guard case .retryable(let reason, _) = connector.post(posting("drop-me")) else {
            Issue.record("a dropped request must be retryable")
            return
        }
        // Reported as the dropped connection it was, not as a request that timed out waiting.
        #expect(!reason.contains("-1001"), "\(reason)")
        #expect(connector.post(posting("third")) == .delivered)
        let seen = bodies.withLock { $0 }
        #expect(seen.count == 3, "\(seen)")
        #expect(seen.allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") }, "\(seen)")
        #expect(seen.map { $0.contains("drop-me") } == [false, true, false])
    }
}
