import Foundation
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
    let fingerprint: RequestFingerprint

    /// - Parameter parts: what identifies the request: its target and its canonical body.
    init(operation: String, key: String, parts: [String]) {
        self.operation = operation
        self.key = key
        fingerprint = RequestFingerprint([operation] + parts) { ([operation] + parts).joined(separator: "\n") }
    }

    /// An optional field as a part of the fingerprint: absent and empty are different requests.
    static func part(_ text: String?) -> String {
        text.map { "=" + $0 } ?? "-"
    }

    struct Outcome<R> {
        let value: R
        let replayed: Bool
        /// When the command ran: now, or for a replay when the first request ran.
        let at: Date
    }

    /// For a command that creates something: the answer is rebuilt from what it created.
    /// - Parameters:
    ///   - body: does the work inside the transaction and returns its result, the id to find it
    ///     again by, and the HTTP status it answered with.
    ///   - replay: rebuilds the result from that id.
    func run<R>(_ context: FlowContext, by request: RequestContext,
                body: (any StoreWriter, Date) throws -> (value: R, ref: String, status: Int),
                replay: (any StoreReader, String) throws -> R) throws -> Outcome<R> {
        try execute(context, by: request, body: { tx, now in
            let result = try body(tx, now)
            return (result.value, result.ref, result.status, nil)
        }, replay: { reader, entry in try replay(reader, entry.resultRef) })
    }

    /// For a decision on an object that moves on afterwards (approved, assigned, accepted…):
    /// the answer itself is kept with the inbox record, so a replay gives back what the first
    /// request answered, not what the object has become since.
    /// - Parameter body: does the work inside the transaction and returns its result, the id of
    ///   the object it changed, and the HTTP status it answered with.
    func run<R: Codable>(_ context: FlowContext, by request: RequestContext, keeping _: R.Type,
                         body: (any StoreWriter, Date) throws -> (value: R, ref: String, status: Int)) throws -> Outcome<R> {
        try execute(context, by: request, body: { tx, now in
            let result = try body(tx, now)
            let snapshot = String(decoding: try JSONEncoder().encode(result.value), as: UTF8.self)
            return (result.value, result.ref, result.status, snapshot)
        }, replay: { _, entry in
            // An answer kept by an older version of the hub that this one cannot read is as good
            // as none: the client is told to use a new key, not given a server error to retry.
            guard let snapshot = entry.resultSnapshot,
                  let answer = try? JSONDecoder().decode(R.self, from: Data(snapshot.utf8)) else {
                throw FlowError(.conflict, "The answer to the Idempotency-Key \(key) was not kept; use a new key.")
            }
            return answer
        })
    }

    /// A decision whose `Idempotency-Key` is optional: without a key it simply runs in one
    /// transaction; with one, as `run(_:by:keeping:body:)`, answering `status`.
    static func decide<R: Codable>(_ context: FlowContext, operation: String, parts: [String], key: String?, status: Int,
                                   by request: RequestContext,
                                   body: (any StoreWriter, Date) throws -> (value: R, ref: String)) throws -> Outcome<R> {
        guard let key else {
            let now = context.clock.now()
            return Outcome(value: try context.store.write { tx in try body(tx, now).value }, replayed: false, at: now)
        }
        return try IdempotentCommand(operation: operation, key: key, parts: parts).run(context, by: request, keeping: R.self) { tx, now in
            let result = try body(tx, now)
            return (result.value, result.ref, status)
        }
    }

    private func execute<R>(_ context: FlowContext, by request: RequestContext,
                            body: (any StoreWriter, Date) throws -> (value: R, ref: String, status: Int, snapshot: String?),
                            replay: (any StoreReader, InboxEntry) throws -> R) throws -> Outcome<R> {
        let client = request.principal.clientID
        if let entry = try context.store.read({ try $0.inboxEntry(clientID: client, key: key) }) {
            try check(entry)
            return Outcome(value: try context.store.read { try replay($0, entry) }, replayed: true, at: entry.createdAt)
        }
        let now = context.clock.now()
        return try context.store.write { tx in
            if let entry = try tx.inboxEntry(clientID: client, key: key) {
                try check(entry)
                return Outcome(value: try replay(tx, entry), replayed: true, at: entry.createdAt)
            }
            let result = try body(tx, now)
            try tx.insertInboxEntry(InboxEntry(clientID: client, key: key, requestHash: fingerprint.value, operation: operation,
                                               resultStatus: result.status, resultRef: result.ref, resultSnapshot: result.snapshot,
                                               createdAt: now))
            return Outcome(value: result.value, replayed: false, at: now)
        }
    }

    private func check(_ entry: InboxEntry) throws {
        guard fingerprint.matches(entry.requestHash), entry.operation == operation else {
            throw FlowError(.idempotencyKeyReused,
                "The Idempotency-Key \(key) was already used for a different request; use a new key for a new request.")
        }
    }
}
