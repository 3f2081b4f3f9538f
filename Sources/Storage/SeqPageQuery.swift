import Foundation
import SQLite

/// A list over a table whose rows are numbered by `seq`, oldest first: filters added one by
/// one (a nil value adds nothing), then one page after a cursor. Every list endpoint pages
/// the same way, so a cursor means the same thing everywhere: the `seq` of the last row seen.
struct SeqPageQuery {
    private var sql: String
    private var values: [SQLValue] = []

    /// - Parameter select: `SELECT … FROM table`, with `seq` among the columns.
    init(_ select: String, scope: SupplierScope = .all, column: String = "supplier_id") {
        sql = select + " WHERE 1 = 1"
        let s = SQLiteAccess.scopeClause(scope, column: column)
        sql += s.sql
        values = s.values
    }

    /// Adds `AND clause` with its one placeholder bound to `value`, unless `value` is nil.
    mutating func filter(_ clause: String, _ value: SQLValue?) {
        guard let value, !value.isNull else { return }
        sql += " AND \(clause)"
        values.append(value)
    }

    /// Up to `limit` rows after the row numbered `after`; `next` is set when there are more.
    func page<T>(_ connection: Connection, after: Int64?, limit: Int, seqColumn: Int, row map: (Row) throws -> T) throws -> Page<T> {
        var sql = sql
        var values = values
        if let after {
            sql += " AND seq > ?"
            values.append(.integer(after))
        }
        sql += " ORDER BY seq LIMIT ?"
        values.append(.integer(Int64(limit + 1)))
        let rows = try connection.query(sql, values)
        let items = try rows.prefix(limit).map(map)
        return Page(items: items, next: rows.count > limit ? rows[limit - 1][seqColumn].int64.map(String.init) : nil)
    }
}
