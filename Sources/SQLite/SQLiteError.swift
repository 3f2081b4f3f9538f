import CSQLite

/// A failed SQLite call: the result code, SQLite's message and the SQL involved.
///
/// `description` is safe to show: it names the code and message but never the SQL or bound
/// values; `debugDescription` adds the SQL for logs.
public struct SQLiteError: Error, CustomStringConvertible, CustomDebugStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (extended codes carry it in the low byte).
    public var primaryCode: Int32 { code & 0xFF }

    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    public var description: String { "SQLite error \(code): \(message)" }
    public var debugDescription: String {
        sql.map { "SQLite error \(code): \(message) [\($0)]" } ?? description
    }
}

/// Turns a SQLite result code into a Swift error with context; the one place that does so.
@inline(__always)
func check(_ code: Int32, _ db: OpaquePointer?, sql: String? = nil) throws {
    guard code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE else {
        let message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        throw SQLiteError(code: code, message: message, sql: sql)
    }
}
