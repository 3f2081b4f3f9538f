import Foundation
import Storage

/// Operations on messages the dispatcher gave up on.
public struct DeadLetterFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    public func deadLetters(after: Int64?, limit: Int, by request: RequestContext) throws -> Page<OutboxJob> {
        try request.require(.admin, to: "list dead letters")
        return try context.store.read { try $0.outboxJobs(status: .dead, after: after, limit: limit) }
    }

    /// Puts a dead letter back in the queue with a fresh retry budget. Its idempotency key is
    /// unchanged, so a receiver that did apply it before will not apply it again.
    public func replay(id: Int64, by request: RequestContext) throws -> OutboxJob {
        try request.require(.admin, to: "replay dead letters")
        let now = context.clock.now()
        return try context.store.write { tx in
            guard try tx.replayDeadLetter(id: id, now: now) else {
                if try tx.outboxJob(id: id) != nil {
                    throw FlowError(.conflict, "Message \(id) is not a dead letter; only dead letters can be replayed.")
                }
                throw FlowError(.notFound, "There is no dead letter \(id).")
            }
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "deadLetter.replayed", objectType: "outbox",
                                          objectID: String(id), requestID: request.requestID), now: now)
            return try tx.outboxJob(id: id)!
        }
    }
}
