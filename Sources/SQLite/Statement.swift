import CSQLite

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

    deinit {
        sqlite3_finalize(handle)
        arena?.deallocate()
    }

    /// Memory this statement owns for the text and blobs bound to it: each `bind` copies them
    /// here and binds them in place (SQLITE_STATIC), so SQLite allocates and frees no copy of
    /// its own. The bytes stay put until the next `bind`, and SQLite reads them only while
    /// the statement runs, before that. Values over `arenaValueLimit` bytes (documents, raw
    /// interchanges) are copied by SQLite instead, so a statement does not keep the largest
    /// value it ever bound.
    private var arena: UnsafeMutableRawPointer?
    private var arenaSize = 0
    private static let arenaValueLimit = 16 << 10
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func reserveArena(_ bytes: Int) {
        guard bytes > arenaSize else { return }
        arena?.deallocate()
        arenaSize = max(bytes, arenaSize * 2, 256)
        arena = UnsafeMutableRawPointer.allocate(byteCount: arenaSize, alignment: 8)
    }

    func bind(_ values: [SQLValue]) throws {
        // Every parameter is bound again below (the count is checked), so the old bindings
        // need no clearing. The statement was reset after its last run, so nothing reads the
        // arena while it is rewritten.
        sqlite3_reset(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw SQLiteError(code: SQLITE_RANGE, message: "statement wants \(expected) values, got \(values.count)", sql: sql)
        }
        var total = 0
        for value in values {
            switch value {
            case .text(let v) where v.utf8.count <= Self.arenaValueLimit: total += v.utf8.count + 1
            case .blob(let v) where v.count <= Self.arenaValueLimit: total += v.count + 1
            default: break
            }
        }
        reserveArena(total)
        var offset = 0
        for (index, value) in values.enumerated() {
            let i = Int32(index + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, i)
            case .integer(let v): rc = sqlite3_bind_int64(handle, i, v)
            case .real(let v): rc = sqlite3_bind_double(handle, i, v)
            case .text(var v) where v.utf8.count > Self.arenaValueLimit:
                rc = v.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) {
                        sqlite3_bind_text64(handle, i, $0.baseAddress, sqlite3_uint64($0.count), Self.transient, UInt8(SQLITE_UTF8))
                    }
                }
            case .blob(let v) where v.count > Self.arenaValueLimit:
                rc = v.withUnsafeBytes { sqlite3_bind_blob64(handle, i, $0.baseAddress, sqlite3_uint64($0.count), Self.transient) }
            case .text(let v):
                // By its byte count, so a NUL inside is kept and none is needed after it.
                let start = arena! + offset
                var text = v
                let count = text.withUTF8 { bytes -> Int in
                    if let base = bytes.baseAddress { start.copyMemory(from: base, byteCount: bytes.count) }
                    return bytes.count
                }
                offset += count + 1
                // A nil destructor is SQLITE_STATIC: SQLite uses the bytes where they are.
                rc = sqlite3_bind_text64(handle, i, start.assumingMemoryBound(to: CChar.self), sqlite3_uint64(count),
                                         nil, UInt8(SQLITE_UTF8))
            case .blob(let v):
                let start = arena! + offset
                v.withUnsafeBytes { if let base = $0.baseAddress { start.copyMemory(from: base, byteCount: $0.count) } }
                offset += v.count + 1
                rc = sqlite3_bind_blob64(handle, i, start, sqlite3_uint64(v.count), nil)
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
