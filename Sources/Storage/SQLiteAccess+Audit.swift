import Foundation
import SQLite
import Sodium

extension SQLiteAccess {
    /// The chain starts from this hash.
    static let genesisHash = String(repeating: "0", count: 64)

    /// An entry's hash in the chain's first form: SHA-256 of the previous hash and every
    /// field, framed.
    static func chainHash(previous: String, at: Int64, actor: String, role: String, action: String,
                          objectType: String, objectID: String, detail: String, requestID: String?) -> String {
        Sodium.hex(Sodium.sha256(Sodium.framed([previous, String(at), actor, role, action, objectType, objectID, detail, requestID ?? ""])))
    }

    /// The BLAKE2b-256 digest of an entry's own fields, framed; it needs no previous hash, so
    /// it is worked out before the write.
    static func entryDigest(at: Int64, actor: String, role: String, action: String,
                            objectType: String, objectID: String, detail: String, requestID: String?) -> String {
        Sodium.hex(Sodium.hash(Sodium.framed([String(at), actor, role, action, objectType, objectID, detail, requestID ?? ""])))
    }

    /// An entry's hash in the chain's second form, the one written now: BLAKE2b-256 of `v2`,
    /// the previous hash and the entry's digest, framed. Its input starts with `2:v2`, where
    /// the first form's starts with the 64-character previous hash, so no input is both.
    static func chainHash(previous: String, digest: String) -> String {
        Sodium.hex(Sodium.hash(Sodium.framed(["v2", previous, digest])))
    }

    func appendAudit(_ event: AuditEvent, now: Date) throws {
        // The writer remembers the newest hash it wrote; it forgets it whenever a write is
        // rolled back, and then the log itself says.
        let previous = try writer?.auditHash
            ?? connection.scalar("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").string ?? Self.genesisHash
        let at = Self.millis(now).int64 ?? 0
        let digest = event.digest.flatMap { $0.at == at ? $0.hex : nil }
            ?? Self.entryDigest(at: at, actor: event.actor.clientID, role: event.actor.role.rawValue, action: event.action,
                                objectType: event.objectType, objectID: event.objectID, detail: event.detail,
                                requestID: event.requestID)
        let hash = Self.chainHash(previous: previous, digest: digest)
        try connection.run("""
            INSERT INTO audit_log (at, actor, role, action, object_type, object_id, detail, request_id, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(at), .text(event.actor.clientID), .text(event.actor.role.rawValue), .text(event.action),
                  .text(event.objectType), .text(event.objectID), .text(event.detail), SQLValue(event.requestID),
                  .text(previous), .text(hash)])
        writer?.auditHash = hash
    }

    private static let auditColumns = "seq, at, actor, role, action, object_type, object_id, detail, request_id, hash, prev_hash"

    static func audit(from row: Row) -> AuditEntry {
        AuditEntry(sequence: row[0].int64 ?? 0, at: date(row[1]), actor: row[2].string ?? "", role: row[3].string ?? "",
                   action: row[4].string ?? "", objectType: row[5].string ?? "", objectID: row[6].string ?? "",
                   detail: row[7].string ?? "{}", requestID: row[8].string, hash: row[9].string ?? "")
    }

    func auditEntries(objectType: String?, objectID: String?, after: Int64?, limit: Int) throws -> Page<AuditEntry> {
        var query = SeqPageQuery("SELECT \(Self.auditColumns) FROM audit_log")
        query.filter("object_type = ?", SQLValue(objectType))
        query.filter("object_id = ?", SQLValue(objectID))
        return try query.page(connection, after: after, limit: limit, seqColumn: 0, row: Self.audit(from:))
    }

    func verifyAuditChain() throws -> Int64? {
        var previous = Self.genesisHash
        for row in try connection.query("SELECT \(Self.auditColumns) FROM audit_log ORDER BY seq") {
            let at = row[1].int64 ?? 0, actor = row[2].string ?? "", role = row[3].string ?? "", action = row[4].string ?? ""
            let objectType = row[5].string ?? "", objectID = row[6].string ?? "", detail = row[7].string ?? ""
            let digest = Self.entryDigest(at: at, actor: actor, role: role, action: action, objectType: objectType,
                                          objectID: objectID, detail: detail, requestID: row[8].string)
            // Entries written before the second form keep the first.
            guard row[10].string == previous, let stored = row[9].string,
                  stored == Self.chainHash(previous: previous, digest: digest)
                    || stored == Self.chainHash(previous: previous, at: at, actor: actor, role: role, action: action,
                                                objectType: objectType, objectID: objectID, detail: detail,
                                                requestID: row[8].string)
            else { return row[0].int64 }
            previous = stored
        }
        return nil
    }
}
