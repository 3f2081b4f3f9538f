import Foundation
import SQLite

extension SQLiteAccess {
    private static let jobColumns =
        "id, kind, document, revision, idempotency_key, payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at, dead_at"

    static func job(from row: Row) -> OutboxJob {
        OutboxJob(id: row[0].int64 ?? 0,
                  message: OutboxMessage(kind: row[1].string ?? "", document: row[2].string ?? "", revision: row[3].int ?? 0,
                                         idempotencyKey: row[4].string ?? "", payload: row[5].bytes ?? []),
                  status: OutboxStatus(rawValue: row[6].string ?? "") ?? .pending, attempts: row[7].int ?? 0,
                  nextAttemptAt: date(row[8]), lastError: row[9].string, createdAt: date(row[10]),
                  deliveredAt: optionalDate(row[11]), deadAt: optionalDate(row[12]))
    }

    func enqueue(_ message: OutboxMessage, now: Date) throws {
        try connection.run("""
            INSERT INTO outbox (kind, document, revision, idempotency_key, payload, status, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
            """, [.text(message.kind), .text(message.document), .integer(Int64(message.revision)), .text(message.idempotencyKey),
                  .blob(message.payload), Self.millis(now), Self.millis(now)])
        enqueuedOutbox = true
        enqueuedKinds.insert(message.kind)
    }

    func releaseLeases() throws -> Int {
        try connection.run("UPDATE outbox SET lease_until = NULL WHERE status = 'pending' AND lease_until IS NOT NULL")
    }

    func claimDueJobs(now: Date, leaseUntil: Date, limit: Int) throws -> [OutboxJob] {
        try claimDueJobs(now: now, leaseUntil: leaseUntil, limit: limit, kinds: nil)
    }

    func hasDueJobs(now: Date, kinds: [String]?) throws -> Bool {
        let (kindClause, kindValues) = Self.kindFilter(kinds)
        return try connection.queryFirst("""
            SELECT 1 FROM outbox o
            WHERE o.status = 'pending'\(kindClause) AND o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until <= ?)
            LIMIT 1
            """, kindValues + [Self.millis(now), Self.millis(now)]) != nil
    }

    /// `AND o.kind IN (…)` right after the status test, so the (status, kind, due) index serves it.
    static func kindFilter(_ kinds: [String]?) -> (String, [SQLValue]) {
        guard let kinds else { return ("", []) }
        return (" AND o.kind IN (" + kinds.map { _ in "?" }.joined(separator: ", ") + ")", kinds.map { .text($0) })
    }

    func claimDueJobs(now: Date, leaseUntil: Date, limit: Int, kinds: [String]?) throws -> [OutboxJob] {
        let (kindClause, kindValues) = Self.kindFilter(kinds)
        // Only the oldest pending message of each document is due, so a document's messages
        // reach the receiver in the order they were written.
        let rows = try connection.query("""
            UPDATE outbox SET lease_until = ?
            WHERE id IN (
              SELECT o.id FROM outbox o
              WHERE o.status = 'pending'\(kindClause) AND o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until <= ?)
                AND o.id = (SELECT MIN(id) FROM outbox x WHERE x.document = o.document AND x.status = 'pending')
              ORDER BY o.next_attempt_at, o.id LIMIT ?)
            RETURNING \(Self.jobColumns)
            """, [Self.millis(leaseUntil)] + kindValues + [Self.millis(now), Self.millis(now), .integer(Int64(limit))])
        return rows.map(Self.job(from:)).sorted { $0.id < $1.id }
    }

    func recordDelivery(jobID: Int64, outcome: DeliveryOutcome, now: Date) throws {
        switch outcome {
        case .delivered:
            try connection.run("""
                UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, lease_until = NULL, last_error = NULL
                WHERE id = ?
                """, [Self.millis(now), .integer(jobID)])
        case .retry(let at, let error):
            try connection.run("""
                UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ?
                """, [Self.millis(at), .text(error), .integer(jobID)])
        case .dead(let error):
            try connection.run("""
                UPDATE outbox SET status = 'dead', attempts = attempts + 1, dead_at = ?, lease_until = NULL, last_error = ? WHERE id = ?
                """, [Self.millis(now), .text(error), .integer(jobID)])
        }
    }

    func replayDeadLetter(id: Int64, now: Date) throws -> Bool {
        let changed = try connection.run("""
            UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL, dead_at = NULL
            WHERE id = ? AND status = 'dead'
            """, [Self.millis(now), .integer(id)])
        if changed > 0 { enqueuedOutbox = true }
        return changed > 0
    }

    func outboxJob(id: Int64) throws -> OutboxJob? {
        try connection.queryFirst("SELECT \(Self.jobColumns) FROM outbox WHERE id = ?", [.integer(id)]).map(Self.job(from:))
    }

    func outboxJobs(status: OutboxStatus, after: Int64?, limit: Int) throws -> Page<OutboxJob> {
        let rows = try connection.query("SELECT \(Self.jobColumns) FROM outbox WHERE status = ? AND id > ? ORDER BY id LIMIT ?",
                                        [.text(status.rawValue), .integer(after ?? 0), .integer(Int64(limit + 1))])
        let items = rows.prefix(limit).map(Self.job(from:))
        return Page(items: Array(items), next: rows.count > limit ? items.last.map { String($0.id) } : nil)
    }

    func outboxCounts() throws -> [OutboxStatus: Int] {
        var counts: [OutboxStatus: Int] = [.pending: 0, .delivered: 0, .dead: 0]
        for row in try connection.query("SELECT status, COUNT(*) FROM outbox GROUP BY status") {
            if let status = OutboxStatus(rawValue: row[0].string ?? "") { counts[status] = row[1].int ?? 0 }
        }
        return counts
    }
}
