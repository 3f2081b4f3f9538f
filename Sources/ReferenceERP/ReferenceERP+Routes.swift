import Foundation
import HTTPServer
import Telemetry

extension ReferenceERP {
    func registerRoutes(on router: Router) {
        router.get("/health") { _ in .json(200, Array(#"{"status":"ok"}"#.utf8)) }
        router.post("/erp/postings") { [self] in try receivePosting($0) }
        router.get("/erp/effects") { [self] _ in try effectsResponse() }
        router.get("/erp/faults") { [self] _ in try faultsResponse() }
        router.put("/erp/faults") { [self] in try updateFaults($0) }
        router.get("/erp/suppliers") { [self] _ in try .json(200, JSONCoding.encode(["suppliers": database.suppliers()])) }
        router.get("/erp/purchase-orders") { [self] _ in try listOrders() }
        router.get("/erp/purchase-orders/{number}") { [self] in try showOrder($0) }
        router.post("/erp/purchase-orders") { [self] in try createOrder($0) }
        router.post("/erp/purchase-orders/{number}/revise") { [self] in try reviseOrder($0) }
        router.post("/erp/purchase-orders/{number}/release") { [self] in try rereleaseOrder($0) }
        router.post("/erp/purchase-orders/{number}/lines/{line}/cancel") { [self] in try cancelLine($0) }
        router.post("/erp/purchase-orders/{number}/cancel") { [self] in try cancelOrder($0) }
        router.post("/erp/seed") { [self] in try seedRequest($0) }
        router.post("/erp/deliveries/{id}/receive") { [self] in try receiveDelivery($0) }
        registerInvoiceRoutes(on: router)
    }

    // MARK: decoding and encoding

    static func decode<T: Decodable>(_ type: T.Type, from request: HTTPRequest, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(request.body))
        } catch let error as DecodingError {
            throw Problem.badRequest("The body is not a valid \(what): \(Self.explain(error))")
        }
    }

    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return joined.isEmpty ? "body" : String(joined.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return context.codingPath.isEmpty ? "\(key.stringValue) is missing" : "\(path(context)).\(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "malformed JSON" : "\(path(context)) is invalid"
        @unknown default: return "malformed JSON"
        }
    }

    static func json(_ value: JSONValue, status: Int = 200) throws -> HTTPResponse {
        .json(status, try JSONCoding.encode(value))
    }

    static func jsonValue<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(JSONCoding.encode(value)))
    }

    // MARK: postings

    struct PostingEnvelope: Decodable {
        var kind: String
        var document: String
        var revision: Int
        var idempotencyKey: String?
        var payload: JSONValue
    }

    func receivePosting(_ request: HTTPRequest) throws -> HTTPResponse {
        let latency = faults.latency
        if latency > .zero { Thread.sleep(forTimeInterval: Double(latency.components.seconds) + Double(latency.components.attoseconds) / 1e18) }

        let envelope = try Self.decode(PostingEnvelope.self, from: request, what: "posting")
        var errors: [String] = []
        let headerKey = request.headers["Idempotency-Key"]
        let key = headerKey ?? envelope.idempotencyKey ?? ""
        if key.isEmpty || key.count > 200 { errors.append("an Idempotency-Key header of 1-200 characters is required") }
        if let headerKey, let bodyKey = envelope.idempotencyKey, headerKey != bodyKey {
            errors.append("the Idempotency-Key header and idempotencyKey member differ")
        }
        if envelope.kind.isEmpty { errors.append("kind must not be empty") }
        if envelope.document.isEmpty { errors.append("document must not be empty") }
        if envelope.revision < 0 { errors.append("revision must not be negative") }
        guard case .object = envelope.payload else {
            throw Problem.badRequest("payload must be a JSON object")
        }
        if !errors.isEmpty {
            throw Problem.badRequest(errors.joined(separator: "; "),
                                     extensions: ["errors": .array(errors.map { .string($0) })])
        }
        let payload = String(decoding: try JSONCoding.encode(envelope.payload), as: UTF8.self)
        let fields: [String: LogValue] = ["requestId": .string(request.requestID), "kind": .string(envelope.kind),
                                          "document": .string(envelope.document), "revision": .int(envelope.revision),
                                          "idempotencyKey": .string(key)]
        switch faults.decide() {
        case .fail(let retryAfter):
            try database.countFaultedDelivery(kind: envelope.kind, document: envelope.document, revision: envelope.revision)
            logger.info("posting refused by fault injection", fields)
            var response = HTTPResponse.problem(Problem(
                status: 503, slug: "unavailable", title: "Service Unavailable",
                detail: "The ERP cannot take postings right now; try again later."))
            if retryAfter { response.headers.set("Retry-After", "1") }
            return response
        case .loseResponse:
            let outcome = try database.receivePosting(key: key, kind: envelope.kind, document: envelope.document,
                                                      revision: envelope.revision, payload: payload)
            logger.info("posting recorded, response deliberately lost", fields.merging(["outcome": .string("\(outcome)")]) { $1 })
            return .dropConnection
        case .proceed:
            let outcome = try database.receivePosting(key: key, kind: envelope.kind, document: envelope.document,
                                                      revision: envelope.revision, payload: payload)
            switch outcome {
            case .applied:
                logger.info("posting applied", fields)
                return .json(200, Array(#"{"status":"applied"}"#.utf8))
            case .duplicate:
                logger.info("posting was a duplicate", fields)
                return .json(200, Array(#"{"status":"duplicate"}"#.utf8))
            case .keyConflict(let kind, let document, let revision):
                throw Problem(status: 422, slug: "idempotency-key-reused", title: "Idempotency Key Reused",
                              detail: "This key was first used for \(kind) of \(document) revision \(revision).")
            }
        }
    }

    func effectsResponse() throws -> HTTPResponse {
        let effects = try database.effects().map { effect -> JSONValue in
            .object(["kind": .string(effect.kind), "document": .string(effect.document),
                     "revision": .int(effect.revision), "received": .int(effect.received),
                     "applied": .int(effect.applied), "lastPayload": effect.lastPayload ?? .null])
        }
        return try Self.json(.object(["effects": .array(effects)]))
    }

    // MARK: faults

    func faultsResponse() throws -> HTTPResponse {
        var value = try Self.jsonValue(faults.settings)
        if case .object(var members) = value {
            members["outageRemainingSeconds"] = faults.outageRemaining.map { .number(($0 * 1000).rounded() / 1000) } ?? .null
            value = .object(members)
        }
        return try Self.json(value)
    }

    func updateFaults(_ request: HTTPRequest) throws -> HTTPResponse {
        let patch = try Self.decode(FaultSettingsPatch.self, from: request, what: "fault settings object")
        let settings = patch.applied(to: faults.settings)
        let problems = settings.problems()
        guard problems.isEmpty else {
            throw Problem.badRequest(problems.joined(separator: "; "),
                                     extensions: ["errors": .array(problems.map { .string($0) })])
        }
        logger.info("fault settings changed", ["failRate": .double(settings.failRate), "latencyMs": .int(settings.latencyMs),
                                               "loseResponseRate": .double(settings.loseResponseRate),
                                               "outageSeconds": .double(settings.outageSeconds),
                                               "outageMode": .string(settings.outageMode.rawValue)])
        setFaults(settings)
        return try faultsResponse()
    }
}
