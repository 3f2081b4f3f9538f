import Foundation
import Procurement
import SQLite
import Synchronization
import Telemetry

/// The embedded store: one SQLite file in WAL mode.
///
/// Writes go to one writer connection on its own thread, which *group-commits*: every write
/// that arrives while a commit is under way joins the next transaction, so one fsync answers
/// many requests while each request stays all-or-nothing (see `GroupCommitWriter`).
/// Reads use a small pool of reader connections, each read in its own snapshot.
public final class SQLiteStore: Store {
    public enum Durability: String, Sendable {
        /// fsync on every commit (`synchronous=FULL`): a commit survives power loss.
        case full
        /// `synchronous=NORMAL`: survives a crash of the process, not of the machine.
        case normal
    }

    public struct Configuration: Sendable {
        public var path: String
        public var durability: Durability
        /// Reader connections. Every commit empties a reader's page cache, so a few readers
        /// shared by many requests reuse more pages; too few make requests queue for one.
        public var readers: Int
        /// Most writes to put in one commit.
        public var maxBatch: Int

        public init(path: String, durability: Durability = .full, readers: Int = 8, maxBatch: Int = 256) {
            self.path = path
            self.durability = durability
            self.readers = readers
            self.maxBatch = maxBatch
        }
    }

    public let configuration: Configuration
    private let writer: GroupCommitWriter
    private let readers: ConnectionPool
    private let orderDocuments = OrderDocumentCache()
    /// What the writer thread remembers between writes.
    private let writerMemory: WriterMemory
    /// Orders and suppliers as last committed, for planning without a read.
    private let committed: CommittedState
    private let checkpointer: Checkpointer
    /// Read after every write that enqueued a message: the requests of a group commit, woken
    /// together, read it at once without queuing for it.
    private let enqueueCallbacks = ReadWriteLocked<[@Sendable (Set<String>) -> Void]>([])

    /// Opens the database, creating it and running migrations as needed.
    public init(configuration: Configuration, metrics: Metrics? = nil) throws {
        self.configuration = configuration
        let writeConnection = try Connection(path: configuration.path)
        try writeConnection.execute("PRAGMA journal_mode=WAL")
        let synchronous = configuration.durability == .full ? "FULL" : "NORMAL"
        try writeConnection.execute("PRAGMA synchronous=\(synchronous)")
        try writeConnection.execute("PRAGMA foreign_keys=ON")
        // SQLite's own 2 MiB page cache holds the writer's hot index pages; a 32 MiB one cost
        // more than it saved (about 5% of the writer's time went to walking it at commits).
        // Most writes run in a savepoint whose journal of changed pages stays in memory. Left to
        // its default, SQLite keeps 64 KiB of it in memory and the rest in a temporary file, and
        // one write's journal is often larger (an acknowledgement in a savepoint of its own
        // touches some seventeen pages): every page it touched was then written to that file.
        try writeConnection.execute("PRAGMA temp_store=MEMORY")
        try writeConnection.migrate(SQLiteStore.migrations)
        var readConnections: [Connection] = []
        for _ in 0..<max(1, configuration.readers) {
            let c = try Connection(path: configuration.path)
            try c.execute("PRAGMA query_only=1")
            readConnections.append(c)
        }
        readers = ConnectionPool(readConnections)
        // The log is copied into the database on a thread of its own (see Checkpointer).
        // Created last: nothing after it can fail and leave its thread running.
        let checkpointer = try Checkpointer(path: configuration.path, synchronous: synchronous, metrics: metrics)
        writeConnection.onLogCommit { [unowned writeConnection] frames in
            checkpointer.logCommitted(frames: frames, writer: writeConnection)
        }
        self.checkpointer = checkpointer
        let committed = CommittedState()
        let memory = WriterMemory(committed: committed)
        writerMemory = memory
        self.committed = committed
        writer = GroupCommitWriter(connection: writeConnection, maxBatch: configuration.maxBatch, metrics: metrics,
                                   hooks: memory)
    }

    /// CPU seconds the single writer thread has used (running writes, committing, waking
    /// their callers).
    public var writerCPUSeconds: Double { writer.cpuSeconds }
    /// Wall seconds the writer thread has spent in COMMIT (the WAL's writes and fsync,
    /// checkpoints) and with nothing to do.
    public var writerCommitSeconds: Double { writer.commitSeconds }
    public var writerIdleSeconds: Double { writer.idleSeconds }
    /// Writes to the write-ahead log that SQLite asked for and that reached the file, since
    /// the process started (every store in the process counted).
    public static var logWriteCounts: (requested: UInt64, made: UInt64) {
        let counts = Connection.logWriteCounts
        return (counts.requested, counts.made)
    }

    /// Checkpoints of the write-ahead log so far: in the background, and by the writer.
    public var checkpointCounts: (background: Int, writer: Int) { checkpointer.counts }

    /// Writes waiting for the writer's next transaction.
    var queuedWrites: Int { writer.queued }

    /// Stops the writer thread after the writes already queued.
    public func close() {
        writer.stop()
        checkpointer.stop()
    }

    deinit {
        writer.stop()
        checkpointer.stop()
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try readers.withConnection { connection in
            try connection.transaction(.deferred) {
                try body(SQLiteAccess(connection: connection, orderDocuments: orderDocuments))
            }
        }
    }

    public func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try write(repeatable: false, body)
    }

    public func writeRepeatable<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try write(repeatable: true, body)
    }

    private func write<T>(repeatable: Bool, _ body: (any StoreWriter) throws -> T) throws -> T {
        // The writer rolls back whatever a write that throws had changed, and rewinds its memory.
        let enqueued = try writer.perform(repeatable: repeatable) { [writerMemory] connection in
            let access = SQLiteAccess(connection: connection, orderDocuments: orderDocuments, writer: writerMemory)
            let value = try body(access)
            writerMemory.pending += access.changes
            return (value, access.enqueuedOutbox, access.enqueuedKinds)
        }
        if enqueued.1 {
            for callback in enqueueCallbacks.read({ copy $0 }) { callback(enqueued.2) }
        }
        return enqueued.0
    }

    public func committedOrder(number: String) -> CommittedOrder? {
        committed.order(number)
    }

    public func currentSupplier(id: String) throws -> Supplier? {
        let held = committed.supplier(id)
        if let supplier = held.supplier { return supplier }
        guard let supplier = try read({ try $0.supplier(id: id) }) else { return nil }
        committed.remember(supplier, readAt: held.generation)
        return supplier
    }

    public func onOutboxEnqueued(_ callback: @escaping @Sendable (Set<String>) -> Void) {
        enqueueCallbacks.write { $0.append(callback) }
    }
}

/// Reader connections handed out one caller at a time.
// @unchecked Sendable: every access to `idle` happens under `condition`; a connection is used
// by exactly one thread between take and give-back.
final class ConnectionPool: @unchecked Sendable {
    private var idle: [Connection]
    private let condition = NSCondition()

    init(_ connections: [Connection]) { idle = connections }

    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        condition.lock()
        while idle.isEmpty { condition.wait() }
        let connection = idle.removeLast()
        condition.unlock()
        defer {
            condition.lock()
            idle.append(connection)
            condition.signal()
            condition.unlock()
        }
        return try body(connection)
    }
}
