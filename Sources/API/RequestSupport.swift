import Flows
import Foundation
import HTTPServer
import Procurement

/// Helpers handlers share: decoding bodies, reading headers and query parameters, encoding.
enum RequestSupport {
    static func json<T: Encodable>(_ status: Int, _ value: T) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return HTTPResponse.json(status, (try? Array(encoder.encode(value))) ?? Array("{}".utf8))
    }

    /// Decodes a JSON body; problems name the field at fault. `fast` may read the body first
    /// (see `CanonicalJSON`); when it declines, `JSONDecoder` reads it and reports any error.
    static func decode<T: Decodable>(_ type: T.Type, from request: HTTPRequest, what: String,
                                     fast: (([UInt8]) -> T?)? = nil) throws -> T {
        // curl sends form encoding unless told otherwise; its body is still read as JSON.
        if let contentType = request.headers["Content-Type"]?.lowercased(), contentType != "application/json",
           let mediaType = contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces),
           mediaType != "application/json", !mediaType.hasSuffix("+json"), mediaType != "application/x-www-form-urlencoded" {
            throw Problem(status: 415, slug: "unsupported-media-type", title: "Unsupported media type",
                          detail: "Send the \(what) as application/json.")
        }
        guard !request.body.isEmpty else {
            throw APIError.badRequest("malformed-json", "Malformed JSON", "The request needs a JSON body: the \(what).")
        }
        if let fast, let value = fast(request.body) { return value }
        do {
            return try JSONDecoder().decode(T.self, from: Data(request.body))
        } catch {
            throw APIError.decoding(error, what: what)
        }
    }

    /// `limit` (1…500, default 50) and `cursor` for list endpoints.
    static func paging(_ request: HTTPRequest) throws -> (limit: Int, after: String?) {
        var limit = 50
        if let text = request.query["limit"] {
            guard let n = Int(text), (1...500).contains(n) else {
                throw APIError.badRequest("invalid-parameter", "Invalid parameter", "limit must be a whole number from 1 to 500.")
            }
            limit = n
        }
        var after: String?
        if let cursor = request.query["cursor"], !cursor.isEmpty {
            guard let decoded = Cursor.decode(cursor) else {
                throw APIError.badRequest("invalid-parameter", "Invalid parameter", "cursor is not one this API issued; use nextCursor from the previous page.")
            }
            after = decoded
        }
        return (limit, after)
    }

    /// A query parameter that must be one of an enum's values.
    static func enumParameter<E: RawRepresentable & CaseIterable>(_ request: HTTPRequest, _ name: String, _ type: E.Type) throws -> E? where E.RawValue == String {
        guard let text = request.query[name] else { return nil }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("invalid-parameter", "Invalid parameter", "\(name) must be one of \(allowed).")
        }
        return value
    }

    /// The answer to a request sent with an `Idempotency-Key`: `Location` when given, and
    /// `Idempotent-Replayed: true` when the request repeated an earlier one.
    static func idempotent(_ response: HTTPResponse, location: String? = nil, replayed: Bool) -> HTTPResponse {
        var response = response
        if let location { response.headers.set("Location", location) }
        if replayed { response.headers.set("Idempotent-Replayed", "true") }
        return response
    }

    /// The `Idempotency-Key` header: required, 1–255 visible ASCII characters.
    static func idempotencyKey(_ request: HTTPRequest) throws -> String {
        guard let key = request.headers["Idempotency-Key"], !key.isEmpty else {
            throw APIError.badRequest("missing-idempotency-key", "Idempotency-Key required",
                                      "Send an Idempotency-Key header (for example a UUID) so a retried request is applied once.")
        }
        guard key.utf8.count <= 255, key.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw APIError.badRequest("invalid-idempotency-key", "Invalid Idempotency-Key",
                                      "The Idempotency-Key must be 1 to 255 visible ASCII characters.")
        }
        return key
    }

    /// The `Idempotency-Key` header where it is optional (decisions on exceptions and
    /// nonconformances): nil when not sent; when sent, the rules of `idempotencyKey`.
    static func optionalIdempotencyKey(_ request: HTTPRequest) throws -> String? {
        guard request.headers["Idempotency-Key"] != nil else { return nil }
        return try idempotencyKey(request)
    }
}

/// Opaque page cursors: base64url of the last key seen.
enum Cursor {
    static func encode(_ key: String?) -> String? {
        key.map { Data($0.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "") }
    }

    static func decode(_ cursor: String) -> String? {
        var text = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
