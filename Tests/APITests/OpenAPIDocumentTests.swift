import Foundation
import Testing

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test func documentsExactlyTheRoutesTheServerHas() throws {
        let t = try TestHub()
        let reply = t.call("GET", "/v1/openapi.json", key: nil)
        #expect(reply.status == 200)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let methods: Set = ["get", "put", "post", "delete", "patch"]
        let documented = Set(paths.flatMap { path, operations in
            operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        })
        let served = Set(t.hub.api.router.registeredRoutes.map { "\($0.method) \($0.pattern)" })
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served))")
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented))")
    }

    @Test func decisionsDeclareTheirOptionalIdempotencyKeyAndTheReplayHeader() throws {
        let t = try TestHub()
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(t.call("GET", "/v1/openapi.json", key: nil).body)) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let key = try #require(((doc["components"] as? [String: Any])?["parameters"] as? [String: Any])?["DecisionIdempotencyKey"] as? [String: Any])
        #expect(key["name"] as? String == "Idempotency-Key")
        #expect(key["required"] as? Bool == false)
        for (path, status) in [("/v1/exceptions/{id}/approve", "200"), ("/v1/exceptions/{id}/reject", "200"),
                               ("/v1/exceptions/{id}/assign", "200"), ("/v1/exceptions/{id}/comments", "201"),
                               ("/v1/nonconformances/{id}/accept", "200"), ("/v1/nonconformances/{id}/return", "200"),
                               ("/v1/nonconformances/{id}/close", "200")] {
            let post = try #require(paths[path]?["post"] as? [String: Any], "\(path)")
            let parameters = (post["parameters"] as? [[String: Any]] ?? []).compactMap { $0["$ref"] as? String }
            #expect(parameters.contains("#/components/parameters/DecisionIdempotencyKey"), "\(path)")
            let answer = (post["responses"] as? [String: Any])?[status] as? [String: Any]
            #expect((answer?["headers"] as? [String: Any])?["Idempotent-Replayed"] != nil, "\(path)")
        }
    }

    @Test func everyProblemSlugTheAPIUsesIsDocumented() throws {
        let t = try TestHub()
        let text = t.call("GET", "/v1/openapi.json", key: nil).text
        for slug in ["malformed-json", "invalid-parameter", "missing-idempotency-key", "invalid-idempotency-key", "unauthenticated",
                     "forbidden", "not-found", "stale-revision", "revision-conflict", "not-awaiting-acknowledgement",
                     "supplier-changed", "exception-not-open", "conflict", "payload-too-large", "unsupported-media-type",
                     "invalid-document", "invalid-request", "unknown-revision", "unknown-line", "unknown-supplier",
                     "idempotency-key-reused", "internal-error", "interchange-in-progress", "malformed-interchange", "unrecognised-interchange",
                     "invalid-sscc", "unknown-purchase-order", "line-not-confirmed", "over-shipment", "duplicate-shipment-id",
                     "ship-notice-received", "ship-notice-closed", "unknown-ship-notice", "document-too-large", "content-type-mismatch",
                     "currency-mismatch", "duplicate-invoice", "invoice-status-conflict",
                     "step-not-open", "step-not-answered", "not-awaiting-verification", "nonconformance-closed",
                     "supplier-mismatch", "batch-too-large", "unknown-goods-receipt",
                     "below-shipped-quantity", "order-cancelled", "line-cancelled", "order-not-confirmed", "line-not-confirmed",
                     "change-request-pending"] {
            #expect(text.contains("`\(slug)`"), "\(slug) is not documented")
        }
    }
}
