import CSQLite
import CSQLiteVFS

/// One SQLite connection. Not thread-safe: the owner uses it from one thread (or serial queue)
/// at a time. Prepared statements are cached per SQL text.
public final class Connection {
    let handle: OpaquePointer
    public let path: String
    private var cache: [StatementKey: Statement] = [:]

    public struct OpenMode: Sendable {
        let flags: Int32
        public static let readWrite = OpenMode(flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX)
        public static let readOnly = OpenMode(flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX)
    }

    /// Process-wide settings, applied once before the first connection opens. Without memory
    /// statistics SQLite allocates without taking a global lock (with them, the store's writer
    /// and readers queued on that lock).
    private static let configured: Int32 = {
        _ = supplyline_sqlite3_disable_memstatus()
        return supplyline_vfs_register()
    }()

    /// Writes to write-ahead logs since the process started: the writes SQLite asked for (two
    /// per frame) and the writes that reached the files once gathered.
    public struct LogWriteCounts: Sendable, Equatable {
        public var requested: UInt64
        public var made: UInt64
    }

    public static var logWriteCounts: LogWriteCounts {
        let statistics = supplyline_vfs_statistics()
        return LogWriteCounts(requested: statistics.gatheredWrites, made: statistics.fileWrites)
    }

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, mode: OpenMode = .readWrite, busyTimeoutMilliseconds: Int32 = 5_000) throws {
        // Every connection opens through the VFS that writes a log's frames in one write per
        // commit (CSQLiteVFS); if it could not be registered, through SQLite's default.
        let vfs = Self.configured == SQLITE_OK ? SUPPLYLINE_VFS_NAME : nil
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, mode.flags, vfs)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: "\(message) (\(path))")
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    }

    deinit {
        byAddress.removeAll()
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without bindings (DDL, pragmas).
    public func execute(_ sql: String) throws {
        var errmsg: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(errmsg)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    /// The statements last found for a given text's address: most statements are string
    /// literals, whose bytes never move, so a hit costs an integer lookup and a comparison
    /// that sees the same bytes. Any other text may share an address with an earlier one, so a
    /// hit still compares the text; the table is emptied when it grows past a few hundred.
    private var byAddress: [Int: Statement] = [:]

    private func statement(_ sql: String) throws -> Statement {
        let address = sql.utf8.withContiguousStorageIfAvailable { Int(bitPattern: $0.baseAddress) }
        if let address, let cached = byAddress[address], cached.sql == sql { return cached }
        let key = StatementKey(sql: sql)
        let stmt: Statement
        if let cached = cache[key] {
            stmt = cached
        } else {
            stmt = try Statement(connection: self, sql: sql)
            cache[key] = stmt
        }
        if let address {
            if byAddress.count >= 512 { byAddress.removeAll(keepingCapacity: true) }
            byAddress[address] = stmt
        }
        return stmt
    }

    /// Runs a statement that returns no rows; returns the number of rows changed.
    @discardableResult
    public func run(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        let stmt = try statement(sql)
        try stmt.bind(values)
        while try stmt.step() {}
        sqlite3_reset(stmt.handle)
        return Int(sqlite3_changes(handle))
    }

    /// Runs a query and returns every row.
    public func query(_ sql: String, _ values: [SQLValue] = []) throws -> [Row] {
        let stmt = try statement(sql)
        try stmt.bind(values)
        defer { sqlite3_reset(stmt.handle) }
        var rows: [Row] = []
        var names: [String]?
        while try stmt.step() {
            if names == nil { names = stmt.columnNames }
            rows.append(Row(columns: names!, values: stmt.currentValues()))
        }
        return rows
    }

    /// Runs a query and returns its first row, if any.
    public func queryFirst(_ sql: String, _ values: [SQLValue] = []) throws -> Row? {
        let stmt = try statement(sql)
        try stmt.bind(values)
        defer { sqlite3_reset(stmt.handle) }
        guard try stmt.step() else { return nil }
        return Row(columns: stmt.columnNames, values: stmt.currentValues())
    }

    /// Runs a query and returns the first column of the first row.
    public func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue {
        try queryFirst(sql, values)?.values.first ?? .null
    }

    /// Holds the handler `onLogCommit` installed, for as long as the connection lives.
    private final class LogCommitHandler {
        let body: (Int) -> Void
        init(_ body: @escaping (Int) -> Void) { self.body = body }
    }
    private var logCommitHandler: LogCommitHandler?

    /// Calls `body` after every commit that wrote to the write-ahead log, on the committing
    /// thread, with the log's size in frames. This replaces SQLite's automatic checkpoint on
    /// this connection: the handler decides when the log is copied into the database.
    public func onLogCommit(_ body: @escaping (Int) -> Void) {
        let handler = LogCommitHandler(body)
        logCommitHandler = handler
        sqlite3_wal_hook(handle, { context, _, _, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<LogCommitHandler>.fromOpaque(context).takeUnretainedValue().body(Int(frames))
            return SQLITE_OK
        }, Unmanaged.passUnretained(handler).toOpaque())
    }

    /// The write-ahead log's size and how much of it is now copied into the database.
    public struct CheckpointProgress: Sendable, Equatable {
        public let logFrames: Int
        public let copiedFrames: Int
    }

    /// Copies as much of the write-ahead log into the database as it can without waiting for
    /// anyone (a passive checkpoint): pages that a reader may still need stay in the log. Nil
    /// when another connection is checkpointing just now.
    public func checkpointPassive() throws -> CheckpointProgress? {
        var logFrames: Int32 = 0
        var copiedFrames: Int32 = 0
        let rc = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copiedFrames)
        if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { return nil }
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: "checkpoint")
        }
        return CheckpointProgress(logFrames: Int(logFrames), copiedFrames: Int(copiedFrames))
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }
    /// Rows inserted, updated or deleted by every statement completed on this connection
    /// (triggers included): unchanged across a piece of work that wrote nothing.
    public var totalChanges: Int64 { sqlite3_total_changes64(handle) }
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    public enum TransactionKind: String, Sendable { case deferred = "DEFERRED", immediate = "IMMEDIATE" }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        // Prepared once and reused, like the savepoints: reads open one transaction each.
        try run("BEGIN \(kind.rawValue)")
        do {
            let result = try body()
            try run("COMMIT")
            return result
        } catch {
            if isInTransaction { _ = try? run("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` inside a savepoint: released if it returns, rolled back to if it throws.
    /// Used to give each request its own all-or-nothing scope inside a shared commit.
    public func savepoint<T>(_ name: String = "sp", _ body: () throws -> T) throws -> T {
        // Prepared once and reused: a busy writer opens one savepoint per request.
        try run("SAVEPOINT \(name)")
        do {
            let result = try body()
            try run("RELEASE \(name)")
            return result
        } catch {
            _ = try? run("ROLLBACK TO \(name)")
            _ = try? run("RELEASE \(name)")
            throw error
        }
    }

    /// Applies ordered, named migrations once each, recording them in `schema_migrations`.
    public func migrate(_ migrations: [(name: String, sql: String)]) throws {
        try execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))")
        let applied = Set(try query("SELECT name FROM schema_migrations").compactMap { $0[0].string })
        for migration in migrations where !applied.contains(migration.name) {
            try transaction {
                try execute(migration.sql)
                try run("INSERT INTO schema_migrations (name) VALUES (?)", [.text(migration.name)])
            }
        }
    }
}

/// The statement cache's key: the SQL text, hashed by its length and its ends only. Statements
/// are long and run many times a request, and SipHash over all of their text cost more than
/// the lookup saves; equal keys still compare the whole text.
struct StatementKey: Hashable {
    let sql: String

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = sql.utf8.withContiguousStorageIfAvailable { text in
            hasher.combine(text.count)
            let ends = min(text.count, 32)
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[..<ends])))
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[(text.count - ends)...])))
        }
        if hashed == nil { hasher.combine(sql) }
    }

    static func == (a: StatementKey, b: StatementKey) -> Bool { a.sql == b.sql }
}
