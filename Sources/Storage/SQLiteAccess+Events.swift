import Foundation
import SQLite

extension SQLiteAccess {
    func appendEvent(_ event: NewEvent, id: String, now: Date) throws {
        try connection.run("INSERT INTO events (id, type, subject, time, supplier_id, data) VALUES (?, ?, ?, ?, ?, ?)",
                           [.text(id), .text(event.type), .text(event.subject), Self.millis(now), SQLValue(event.supplier),
                            .text(event.data)])
    }

    func events(after position: Int64, limit: Int, scope: SupplierScope) throws -> [EventRecord] {
        let s = Self.scopeClause(scope)
        return try connection.query("""
            SELECT position, id, type, subject, time, supplier_id, data FROM events
            WHERE position > ?\(s.sql) ORDER BY position LIMIT ?
            """, [.integer(position)] + s.values + [.integer(Int64(limit))]).map { row in
            EventRecord(position: row[0].int64 ?? 0, id: row[1].string ?? "", type: row[2].string ?? "", subject: row[3].string ?? "",
                        time: Self.date(row[4]), supplier: row[5].string, data: row[6].string ?? "{}")
        }
    }
}
