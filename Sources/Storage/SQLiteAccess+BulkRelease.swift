import Foundation
import SQLite

extension SQLiteAccess {
    func releaseBatch(id: String) throws -> ReleaseBatchRecord? {
        try connection.queryFirst("SELECT id, client_id, order_count, results, received_at FROM release_batches WHERE id = ?",
                                  [.text(id)]).map { row in
            ReleaseBatchRecord(id: row[0].string ?? "", clientID: row[1].string ?? "", orderCount: row[2].int ?? 0,
                               results: row[3].string ?? "[]", receivedAt: Self.date(row[4]))
        }
    }

    func insertReleaseBatch(_ record: ReleaseBatchRecord) throws {
        try connection.run("INSERT INTO release_batches (id, client_id, order_count, results, received_at) VALUES (?, ?, ?, ?, ?)",
                           [.text(record.id), .text(record.clientID), .integer(Int64(record.orderCount)), .text(record.results),
                            Self.millis(record.receivedAt)])
    }

    func attempt<T>(_ body: () throws -> T) throws -> T {
        let mark = changes.count
        do {
            return try connection.savepoint("attempt", body)
        } catch {
            // What the rolled-back part wrote is not in the database, so the writer's memory
            // forgets it too: its changes to orders and suppliers, and the audit chain's end.
            changes.removeSubrange(mark..<changes.count)
            writer?.auditHash = nil
            throw error
        }
    }
}
