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
    /// A new id with a readable prefix: `ack_0hG3kT9a…`. Eight characters of creation time in
    /// milliseconds come first, then 72 random bits. Ids made later sort after earlier ones
    /// (to the millisecond), so the unique index on a table's ids grows at its end and a
    /// commit of many new rows writes a few index pages, not one page per row.
    static func make(_ prefix: String, now: Date = Date()) -> String {
        "\(prefix)_\(sortableTime(now))\(Sodium.base64URL(Sodium.identifierBytes(9)))"
    }

    /// Digits and letters in ASCII order, so the text sorts as the number does.
    private static let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// Milliseconds since 1970 in eight base-62 digits (enough for almost 7,000 years).
    static func sortableTime(_ date: Date) -> String {
        var value = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded()))
        var out = [UInt8](repeating: digits[0], count: 8)
        for i in stride(from: 7, through: 0, by: -1) {
            out[i] = digits[Int(value % 62)]
            value /= 62
        }
        return String(decoding: out, as: UTF8.self)
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
