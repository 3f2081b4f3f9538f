import Foundation

/// RFC 9457 problem details. `type` is `urn:supplyline:problem:<slug>`.
public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    public var slug: String
    public var title: String
    public var status: Int
    public var detail: String
    /// Set by the server to the request path when nil.
    public var instance: String?
    /// Extra members such as `errors`, `reasons`.
    public var extensions: [String: JSONValue]

    public init(status: Int, slug: String, title: String, detail: String, extensions: [String: JSONValue] = [:]) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.instance = nil
        self.extensions = extensions
    }

    public var type: String { "urn:supplyline:problem:\(slug)" }

    public var description: String { "\(status) \(title): \(detail)" }

    /// The JSON object: type, title, status, detail, instance, requestId and the extensions,
    /// keys sorted. Standard members win over extensions of the same name.
    public func jsonBody(requestID: String?) -> [UInt8] {
        var members = extensions
        members["type"] = .string(type)
        members["title"] = .string(title)
        members["status"] = .int(status)
        members["detail"] = .string(detail)
        if let instance { members["instance"] = .string(instance) }
        if let requestID { members["requestId"] = .string(requestID) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(members))) ?? Array("{\"status\":\(status)}".utf8)
    }
}

extension Problem {
    public static func notFound(_ detail: String = "No resource exists at this address.") -> Problem {
        Problem(status: 404, slug: "not-found", title: "Not Found", detail: detail)
    }

    public static func badRequest(_ detail: String, extensions: [String: JSONValue] = [:]) -> Problem {
        Problem(status: 400, slug: "bad-request", title: "Bad Request", detail: detail, extensions: extensions)
    }

    public static func payloadTooLarge(limit: Int) -> Problem {
        Problem(status: 413, slug: "payload-too-large", title: "Payload Too Large",
                detail: "The request body exceeds the limit of \(limit) bytes.")
    }

    public static let internalError = Problem(
        status: 500, slug: "internal-error", title: "Internal Server Error",
        detail: "An unexpected error occurred; quote the request id when reporting it.")
}

/// Errors thrown by handlers that know their HTTP shape.
public protocol HTTPResponseError: Error {
    var problem: Problem { get }
}

extension Problem: HTTPResponseError {
    public var problem: Problem { self }
}
