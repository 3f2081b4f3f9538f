import Foundation
import SQLite
@testable import Storage
import Testing

/// The write-ahead log is copied into the database beside the writer, and it still starts over
/// from its beginning: under writes without a pause the log file stays bounded, and nothing a
/// commit wrote is lost or torn.
@Suite("Checkpoints beside the writer", .serialized)
struct CheckpointerTests {
    private static let frameBytes = 4096 + 24

    private struct Database {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-ckpt-\(UUID().uuidString).db").path
        func remove() { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var logBytes: Int { ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0 }
    }

    /// A writer connection with a checkpointer, set up as the store sets up its own.
    private static func writer(_ database: Database) throws -> (Connection, Checkpointer) {
        let connection = try Connection(path: database.path)
        try connection.execute("PRAGMA journal_mode=WAL")
        try connection.execute("PRAGMA synchronous=FULL")
        try connection.execute("CREATE TABLE IF NOT EXISTS t (n INTEGER PRIMARY KEY, b BLOB NOT NULL)")
        let checkpointer = try Checkpointer(path: database.path, synchronous: "FULL", backgroundFrames: 40,
                                            restartFrames: 160, restartTail: 30, metrics: nil)
        connection.onLogCommit { [unowned connection] frames in
            checkpointer.logCommitted(frames: frames, writer: connection)
        }
        return (connection, checkpointer)
    }

    private static func insert(_ connection: Connection, _ n: Int) throws {
        try connection.transaction {
            _ = try connection.run("INSERT INTO t (n, b) VALUES (?, ?)", [.integer(Int64(n)), .blob(Array(repeating: UInt8(truncatingIfNeeded: n), count: 5_000))])
        }
    }

    @Test func aLogWrittenWithoutPauseStaysBoundedAndWhole() throws {
        let database = Database()
        defer { database.remove() }
        var largest = 0
        var counts = (background: 0, writer: 0)
        do {
            let (connection, checkpointer) = try Self.writer(database)
            defer { checkpointer.stop() }
            for n in 0..<1_500 {
                try Self.insert(connection, n)
                largest = max(largest, database.logBytes)
            }
            counts = checkpointer.counts
            #expect(try connection.scalar("PRAGMA integrity_check").string == "ok")
        }
        // Some 4,500 frames were written; the log started over rather than grow with them
        // (within twice the restart size, however late the background thread ran).
        #expect(largest <= (2 * 160 + 10) * Self.frameBytes + 32, "the log grew to \(largest) bytes")
        #expect(counts.background > 0)
        #expect(counts.writer > 0)

        let reopened = try Connection(path: database.path)
        #expect(try reopened.scalar("PRAGMA integrity_check").string == "ok")
        #expect(try reopened.scalar("SELECT count(*) FROM t").int == 1_500)
        #expect(try reopened.scalar("SELECT b FROM t WHERE n = 1499").bytes == Array(repeating: UInt8(truncatingIfNeeded: 1_499), count: 5_000))
    }

    /// A reader in a long transaction holds the log's older frames: it keeps seeing its
    /// snapshot, the log grows past the usual size meanwhile, and starts over once it is done.
    @Test func aLongReadKeepsItsSnapshotAndTheLogStartsOverAfterIt() throws {
        let database = Database()
        defer { database.remove() }
        let (connection, checkpointer) = try Self.writer(database)
        defer { checkpointer.stop() }
        for n in 0..<50 { try Self.insert(connection, n) }

        let reader = try Connection(path: database.path, mode: .readOnly)
        try reader.execute("BEGIN")
        #expect(try reader.scalar("SELECT count(*) FROM t").int == 50)
        for n in 50..<400 { try Self.insert(connection, n) }
        #expect(try reader.scalar("SELECT count(*) FROM t").int == 50)
        #expect(try reader.scalar("SELECT b FROM t WHERE n = 49").bytes == Array(repeating: 49, count: 5_000))
        let grown = database.logBytes
        #expect(grown > (2 * 160 + 10) * Self.frameBytes)
        try reader.execute("COMMIT")

        var largestAfter = 0
        for n in 400..<1_400 {
            try Self.insert(connection, n)
            if n >= 1_000 { largestAfter = max(largestAfter, database.logBytes) }
        }
        // The file keeps its size once grown, but within a few commits of the read's end
        // SQLite writes it again from the start, and it grows no further.
        #expect(largestAfter <= grown + 5 * 3 * Self.frameBytes)
        checkpointer.stop()
        let frames = try #require(try connection.checkpointPassive()).logFrames
        #expect(frames <= 2 * 160 + 10)
        #expect(try reader.scalar("SELECT count(*) FROM t").int == 1_400)
        #expect(try connection.scalar("PRAGMA integrity_check").string == "ok")
    }
}
