import Foundation
import Sodium
import Storage
import Synchronization

/// API keys: `sl.<client id>.<secret>`. The secret is 32 random bytes, shown once; the store
/// keeps only a BLAKE2b hash of the whole key.
public final class Authenticator: Sendable {
    private let context: FlowContext
    /// Verified keys, by key hash, for a short time, so a busy client costs no lookup per
    /// request. Revocation takes effect within `cacheSeconds`.
    private let cache = Mutex<[KeyDigest: Verified]>([:])

    /// A key's hash as the cache's key: four words, so the table hashes them in one pass while
    /// it holds the lock that every request takes.
    private struct KeyDigest: Hashable {
        let words: SIMD4<UInt64>

        /// `hash` is the key's 32-byte BLAKE2b hash.
        init(_ hash: [UInt8]) {
            precondition(hash.count == 32)
            words = hash.withUnsafeBytes { raw in
                SIMD4(raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                      raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            }
        }
    }

    /// A verified key's principal and how long it stays verified; a reference, so a lookup
    /// under the lock copies one pointer.
    private final class Verified: Sendable {
        let principal: Principal
        let until: Date
        init(principal: Principal, until: Date) {
            self.principal = principal
            self.until = until
        }
    }
    private let cacheSeconds: TimeInterval

    public init(context: FlowContext, cacheSeconds: TimeInterval = 5) {
        self.context = context
        self.cacheSeconds = cacheSeconds
    }

    /// The principal for an `Authorization` header value (`Bearer <key>`), or `unauthenticated`.
    public func authenticate(authorization: String?) throws -> Principal {
        guard let authorization, !authorization.isEmpty else {
            throw FlowError(.unauthenticated, "This needs an API key: send it as 'Authorization: Bearer <key>'.")
        }
        // "Bearer " in any case, then the key: read in place, as every request does it.
        let scheme = Self.scheme
        let bytes = authorization.utf8
        guard bytes.count > scheme.count,
              zip(bytes, scheme).allSatisfy({ ((0x41...0x5A).contains($0) ? $0 | 0x20 : $0) == $1 }) else {
            throw FlowError(.unauthenticated, "The Authorization header must be 'Bearer <key>'.")
        }
        let key = String(Substring(authorization.utf8.dropFirst(scheme.count)))
        // A key that starts and ends with visible ASCII has nothing to trim.
        if let first = key.utf8.first, let last = key.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return try authenticate(key: key)
        }
        let trimmed = key.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw FlowError(.unauthenticated, "The Authorization header must be 'Bearer <key>'.") }
        return try authenticate(key: trimmed)
    }

    public func authenticate(key: String) throws -> Principal {
        let hash = Self.hash(key)
        let now = context.clock.now()
        let digest = KeyDigest(hash)
        if let hit = cache.withLock({ $0[digest] }), hit.until > now { return hit.principal }

        let invalid = FlowError(.unauthenticated, "The API key is not valid, or it was revoked.")
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "sl", !parts[1].isEmpty, parts[2].utf8.count == 43 else { throw invalid }
        guard let client = try context.store.read({ try $0.client(id: String(parts[1])) }),
              client.revokedAt == nil, Sodium.constantTimeEqual(client.keyHash, hash) else { throw invalid }
        let principal = client.principal
        let verified = Verified(principal: principal, until: now.addingTimeInterval(cacheSeconds))
        cache.withLock { $0[digest] = verified }
        return principal
    }

    static func hash(_ key: String) -> [UInt8] { Sodium.hash(Array(key.utf8)) }

    /// The scheme and the blank after it, in lower case.
    private static let scheme = Array("bearer ".utf8)

    /// A fresh key for `clientID`.
    static func newKey(clientID: String) -> String { "sl.\(clientID).\(Sodium.randomToken(bytes: 32))" }
}

/// Creating and revoking API clients.
public struct ClientAdministration: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    /// Creates a client and returns it with its key. The key is not stored and cannot be shown again.
    public func create(name: String, role: Role, supplierID: String?, by request: RequestContext) throws -> (client: ClientRecord, key: String) {
        try request.require(.admin, to: "create API clients")
        if role == .supplier && (supplierID ?? "").isEmpty {
            throw FlowError(.mismatch, "A supplier key must name the supplier it acts for (--supplier).")
        }
        if role != .supplier && supplierID != nil {
            throw FlowError(.mismatch, "Only a supplier key is bound to a supplier.")
        }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw FlowError(.mismatch, "A client needs a name of 1 to 200 characters.")
        }
        let id = Sodium.hex(Sodium.randomBytes(8))
        let key = Authenticator.newKey(clientID: id)
        let client = ClientRecord(id: id, name: trimmed, role: role, supplierID: supplierID,
                                  keyHash: Authenticator.hash(key), createdAt: context.clock.now())
        try context.store.write { tx in
            try tx.insertClient(client)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "client.created", objectType: "client", objectID: id,
                                          detail: JSON.string(["name": trimmed, "role": role.rawValue, "supplier": supplierID ?? ""]),
                                          requestID: request.requestID), now: context.clock.now())
        }
        return (client, key)
    }

    public func revoke(clientID: String, by request: RequestContext) throws {
        try request.require(.admin, to: "revoke API clients")
        try context.store.write { tx in
            guard try tx.revokeClient(id: clientID, now: context.clock.now()) else {
                throw FlowError(.notFound, "There is no active client \(clientID).")
            }
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "client.revoked", objectType: "client", objectID: clientID,
                                          requestID: request.requestID), now: context.clock.now())
        }
    }

    public func list(by request: RequestContext) throws -> [ClientRecord] {
        try request.require(.admin, to: "list API clients")
        return try context.store.read { try $0.clients() }
    }
}
