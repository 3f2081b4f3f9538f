import Foundation
import Sodium
import Storage
import Telemetry

/// What every flow needs: the store, the time, a logger, and where ids come from.
public struct FlowContext: Sendable {
    public let store: any Store
    public let clock: any Clock
    public let logger: Logger
    public let metrics: Metrics

    public init(store: any Store, clock: any Clock = SystemClock(), logger: Logger, metrics: Metrics = Metrics()) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
    }
}

/// Who is asking, and under which request id (for the audit log and traces).
public struct RequestContext: Sendable {
    public let principal: Principal
    public let requestID: String?

    public init(principal: Principal, requestID: String? = nil) {
        self.principal = principal
        self.requestID = requestID
    }

    /// Throws `forbidden` unless the principal has one of `roles`.
    public func require(_ roles: Role..., to action: String) throws {
        guard roles.contains(principal.role) else {
            let allowed = roles.map(\.rawValue).joined(separator: " or ")
            throw FlowError(.forbidden, "A \(principal.role.rawValue) key may not \(action); this needs a \(allowed) key.")
        }
    }
}

enum Identifiers {
    /// A new random id with a readable prefix: `ack_3kT9…`.
    static func make(_ prefix: String) -> String {
        "\(prefix)_\(Sodium.randomToken(bytes: 12))"
    }
}

enum JSON {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(value))) ?? Array("{}".utf8)
    }

    static func string<T: Encodable>(_ value: T) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// A JSON string literal for `text`.
    static func quote(_ text: String) -> String { JSONText.quoted(text) }
}
