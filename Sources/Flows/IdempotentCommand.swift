import Foundation
import Sodium
import Storage

/// Runs a client's command at most once per `Idempotency-Key`, in one transaction with the
/// inbox record that remembers it. The same key with the same request gives back what the
/// first one produced (rebuilt by `replay` from the stored reference); the same key with
/// another request is refused. Only successful commands are remembered, so a request that
/// failed may be retried with its key.
struct IdempotentCommand {
    let operation: String
    let key: String
    /// A hash of what the request asks for, as decoded (so re-serialised JSON matches).
    let fingerprint: String

    /// - Parameter parts: what identifies the request: its target and its canonical body.
    init(operation: String, key: String, parts: [String]) {
        self.operation = operation
        self.key = key
        fingerprint = Sodium.hex(Sodium.sha256(Array(([operation] + parts).joined(separator: "\n").utf8)))
    }

    struct Outcome<R> {
        let value: R
        let replayed: Bool
    }

    /// - Parameters:
    ///   - body: does the work inside the transaction and returns its result, the id to find it
    ///     again by, and the HTTP status it answered with.
    ///   - replay: rebuilds the result from that id.
    func run<R>(_ context: FlowContext, by request: RequestContext,
                body: (any StoreWriter, Date) throws -> (value: R, ref: String, status: Int),
                replay: (any StoreReader, String) throws -> R) throws -> Outcome<R> {
        let client = request.principal.clientID
        if let entry = try context.store.read({ try $0.inboxEntry(clientID: client, key: key) }) {
            try check(entry)
            return Outcome(value: try context.store.read { try replay($0, entry.resultRef) }, replayed: true)
        }
        let now = context.clock.now()
        return try context.store.write { tx in
            if let entry = try tx.inboxEntry(clientID: client, key: key) {
                try check(entry)
                return Outcome(value: try replay(tx, entry.resultRef), replayed: true)
            }
            let result = try body(tx, now)
            try tx.insertInboxEntry(InboxEntry(clientID: client, key: key, requestHash: fingerprint, operation: operation,
                                               resultStatus: result.status, resultRef: result.ref, createdAt: now))
            return Outcome(value: result.value, replayed: false)
        }
    }

    private func check(_ entry: InboxEntry) throws {
        guard entry.requestHash == fingerprint, entry.operation == operation else {
            throw FlowError(.idempotencyKeyReused,
                "The Idempotency-Key \(key) was already used for a different request; use a new key for a new request.")
        }
    }
}
