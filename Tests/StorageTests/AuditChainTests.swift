import Foundation
import SQLite
@testable import Storage
import Testing

/// The audit chain as entries of either form of its hash, written by this and by earlier
/// versions of the hub.
@Suite("Audit chain forms")
struct AuditChainTests {
    @Test func entriesOfTheFirstFormStillVerifyAndTheChainGoesOn() throws {
        let path = temporaryDatabase()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try SQLiteStore(configuration: .init(path: path)).close()
        // Two entries as a hub before the second form wrote them.
        let connection = try Connection(path: path)
        var previous = SQLiteAccess.genesisHash
        for i in 1...2 {
            let hash = SQLiteAccess.chainHash(previous: previous, at: 1_000 * Int64(i), actor: "system", role: "admin",
                                              action: "old.\(i)", objectType: "thing", objectID: "1", detail: "{}", requestID: nil)
            try connection.run("""
                INSERT INTO audit_log (at, actor, role, action, object_type, object_id, detail, request_id, prev_hash, hash)
                VALUES (?, 'system', 'admin', ?, 'thing', '1', '{}', NULL, ?, ?)
                """, [.integer(1_000 * Int64(i)), .text("old.\(i)"), .text(previous), .text(hash)])
            previous = hash
        }
        let store = try SQLiteStore(configuration: .init(path: path))
        defer { store.close() }
        let event = AuditEvent(actor: .system, action: "new.1", objectType: "thing", objectID: "1", detail: #"{"a":1}"#, requestID: "r-1")
        // Digested for the time it is written, and for another time (then worked out again).
        try store.write { try $0.appendAudit(event.digested(at: now), now: now) }
        try store.write { try $0.appendAudit(event.digested(at: now), now: now.addingTimeInterval(1)) }
        let entries = try store.read { try $0.auditEntries(objectType: "thing", objectID: "1", after: nil, limit: 10) }.items
        #expect(entries.map(\.action) == ["old.1", "old.2", "new.1", "new.1"])
        #expect(try store.read { try $0.verifyAuditChain() } == nil)
        // Either form breaks when an entry is edited.
        try connection.execute("DROP TRIGGER audit_log_no_update")
        try connection.run("UPDATE audit_log SET detail = '{\"a\":2}' WHERE seq = 3")
        #expect(try store.read { try $0.verifyAuditChain() } == 3)
        try connection.run("UPDATE audit_log SET detail = '{\"a\":1}' WHERE seq = 3")
        try connection.run("UPDATE audit_log SET action = 'forged' WHERE seq = 2")
        #expect(try store.read { try $0.verifyAuditChain() } == 2)
    }

    /// An entry appended inside a part of a write that is rolled back leaves no trace: the next
    /// entry chains onto the one before it.
    @Test func anEntryInARolledBackAttemptLeavesTheChainWhole() throws {
        struct Refused: Error {}
        let store = try SQLiteStore(configuration: .init(path: temporaryDatabase()))
        defer { store.close() }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func entry(_ action: String) -> AuditEvent { AuditEvent(actor: .system, action: action, objectType: "thing", objectID: "1") }
        try store.write { tx in
            try tx.appendAudit(entry("one"), now: now)
            _ = try? tx.attempt {
                try tx.appendAudit(entry("undone"), now: now)
                throw Refused()
            }
            try tx.appendAudit(entry("two"), now: now)
        }
        let entries = try store.read { try $0.auditEntries(objectType: "thing", objectID: "1", after: nil, limit: 10) }.items
        #expect(entries.map(\.action) == ["one", "two"])
        #expect(try store.read { try $0.verifyAuditChain() } == nil)
    }
}
