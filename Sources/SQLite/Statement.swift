import CSQLite

private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement, owned by one `Connection` and used on that connection's thread.
public final class Statement {
    let handle: OpaquePointer
    let sql: String
    unowned let connection: Connection

    init(connection: Connection, sql: String) throws {
        var stmt: OpaquePointer?
        try check(sqlite3_prepare_v2(connection.handle, sql, -1, &stmt, nil), connection.handle, sql: sql)
        guard let stmt else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "empty statement", sql: sql)
        }
        self.handle = stmt
        self.sql = sql
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Bound for an empty string (a null pointer would bind NULL).
    nonisolated(unsafe) private static let empty: UnsafePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    func bind(_ values: [SQLValue]) throws {
        // Every parameter is bound again below (the count is checked), so the old bindings
        // need no clearing.
        sqlite3_reset(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw SQLiteError(code: SQLITE_RANGE, message: "statement wants \(expected) values, got \(values.count)", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let i = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, i)
            case .integer(let v): rc = sqlite3_bind_int64(handle, i, v)
            case .real(let v): rc = sqlite3_bind_double(handle, i, v)
            case .text(let v):
                // The string's own UTF-8 bytes, with their length: no NUL-terminated copy first
                // (SQLite copies them itself).
                var text = v
                rc = text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) {
                        sqlite3_bind_text64(handle, i, $0.baseAddress ?? Self.empty, sqlite3_uint64($0.count), SQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
                    }
                }
            case .blob(let v):
                rc = v.withUnsafeBytes { sqlite3_bind_blob(handle, i, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT) }
            }
            try check(rc, connection.handle, sql: sql)
        }
    }

    /// Steps once; returns false when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        let err = SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(connection.handle)), sql: sql)
        sqlite3_reset(handle)
        throw err
    }

    /// Read once: the names of a prepared statement's columns do not change between runs.
    private var names: [String]?

    var columnNames: [String] {
        if let names { return names }
        let read = (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
        names = read
        return read
    }

    func currentValues() -> [SQLValue] {
        let n = sqlite3_column_count(handle)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(n))
        for i in 0..<n {
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, i)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(handle, i)))
            case SQLITE_TEXT:
                // By its byte count: no scan for the terminator, and a NUL inside is kept.
                let text = sqlite3_column_text(handle, i)  // before the byte count, as SQLite asks
                let count = Int(sqlite3_column_bytes(handle, i))
                if let p = text, count > 0 {
                    values.append(.text(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)))
                } else {
                    values.append(.text(""))
                }
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(handle, i))
                if let p = sqlite3_column_blob(handle, i), count > 0 {
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: p, count: count))))
                } else {
                    values.append(.blob([]))
                }
            default: values.append(.null)
            }
        }
        return values
    }
}
