import Foundation
import SQLite
import Testing

/// Connections open through the VFS that gathers a write-ahead log's frames into one write per
/// commit. Whatever it holds back, the database stays whole and every commit is in the log
/// file, where other connections and a restart find it, by the time COMMIT returns.
@Suite("Write-ahead log gathered into one write per commit", .serialized)
struct GatheredLogTests {
    private static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-wal-\(UUID().uuidString).db").path
    }

    private static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private static func open(_ path: String, synchronous: String = "FULL") throws -> Connection {
        let connection = try Connection(path: path)
        try connection.execute("PRAGMA journal_mode=WAL")
        try connection.execute("PRAGMA synchronous=\(synchronous)")
        return connection
    }

    private static func payload(_ n: Int, size: Int) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) }
    }

    @Test func manyTransactionsOfEverySizeLeaveAWholeDatabase() throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let before = Connection.logWriteCounts
        let sizes = [0, 10, 4_000, 70_000, 300, 1_500_000, 9, 200_000]
        do {
            let connection = try Self.open(path)
            try connection.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, b BLOB NOT NULL)")
            try connection.execute("CREATE INDEX t_length ON t (length(b), n)")
            for round in 0..<5 {
                try connection.transaction {
                    for (i, size) in sizes.enumerated() {
                        let n = round * sizes.count + i
                        _ = try connection.run("INSERT INTO t (n, b) VALUES (?, ?)", [.integer(Int64(n)), .blob(Self.payload(n, size: size))])
                    }
                }
                // Rows changed again in later transactions: their pages go to the log again.
                _ = try connection.run("UPDATE t SET b = CAST(b || x'00' AS BLOB) WHERE n % 3 = 0")
            }
            #expect(try connection.scalar("PRAGMA integrity_check").string == "ok")
        }
        let counts = Connection.logWriteCounts
        // The log's writes went through the gathering VFS: SQLite asks for two per frame (its
        // header, then its page), and at least each pair reaches the file as one. (Counts are
        // process-wide, so other tests' writes may be among them; `bench acks` shows the ratio.)
        #expect(counts.requested - before.requested > 0)
        #expect((counts.made - before.made) * 2 <= counts.requested - before.requested)

        let reopened = try Self.open(path)
        #expect(try reopened.scalar("PRAGMA integrity_check").string == "ok")
        let rows = try reopened.query("SELECT n, b FROM t ORDER BY n")
        #expect(rows.count == sizes.count * 5)
        for row in rows {
            let n = row.values[0].int ?? -1
            var expected = Self.payload(n, size: sizes[n % sizes.count])
            if n % 3 == 0 { expected += Array(repeating: 0, count: 5 - n / sizes.count) }
            #expect(row.values[1].bytes == expected, "row \(n)")
        }
    }

    @Test(arguments: ["FULL", "NORMAL", "OFF"])
    func anotherConnectionSeesEachCommitAtOnce(synchronous: String) throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let writer = try Self.open(path, synchronous: synchronous)
        try writer.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, b BLOB NOT NULL)")
        let reader = try Connection(path: path, mode: .readOnly)
        for n in 1...50 {
            try writer.transaction {
                _ = try writer.run("INSERT INTO t (n, b) VALUES (?, ?)", [.integer(Int64(n)), .blob(Self.payload(n, size: n * 997))])
            }
            #expect(try reader.scalar("SELECT count(*) FROM t").int == n)
            #expect(try reader.scalar("SELECT b FROM t WHERE n = ?", [.integer(Int64(n))]).bytes == Self.payload(n, size: n * 997))
        }
    }

    /// A transaction larger than the page cache spills pages to the log before it commits and
    /// rewrites them in place when it changes them again.
    @Test func aTransactionThatSpillsCommitsOrRollsBackWhole() throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let connection = try Self.open(path)
        try connection.execute("PRAGMA cache_size=20")
        try connection.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, b BLOB NOT NULL)")
        try connection.transaction {
            for n in 0..<200 {
                _ = try connection.run("INSERT INTO t (n, b) VALUES (?, ?)", [.integer(Int64(n)), .blob(Self.payload(n, size: 3_000))])
            }
        }

        struct Abandoned: Error {}
        #expect(throws: Abandoned.self) {
            try connection.transaction {
                for n in 200..<600 {
                    _ = try connection.run("INSERT INTO t (n, b) VALUES (?, ?)", [.integer(Int64(n)), .blob(Self.payload(n, size: 3_000))])
                }
                _ = try connection.run("UPDATE t SET b = x'01'")
                _ = try connection.run("DELETE FROM t WHERE n % 2 = 0")
                throw Abandoned()
            }
        }
        #expect(try connection.scalar("SELECT count(*) FROM t").int == 200)
        #expect(try connection.scalar("SELECT b FROM t WHERE n = 7").bytes == Self.payload(7, size: 3_000))
        #expect(try connection.scalar("PRAGMA integrity_check").string == "ok")

        try connection.transaction {
            for n in 200..<600 {
                _ = try connection.run("INSERT INTO t (n, b) VALUES (?, ?)", [.integer(Int64(n)), .blob(Self.payload(n, size: 3_000))])
            }
            _ = try connection.run("UPDATE t SET b = CAST(b || x'02' AS BLOB) WHERE n % 5 = 0")
        }
        let reopened = try Self.open(path)
        #expect(try reopened.scalar("PRAGMA integrity_check").string == "ok")
        #expect(try reopened.scalar("SELECT count(*) FROM t").int == 600)
        #expect(try reopened.scalar("SELECT b FROM t WHERE n = 595").bytes == Self.payload(595, size: 3_000) + [2])
    }

    /// What a crash leaves: the database and log files as they are after COMMIT returned, with
    /// no checkpoint and no sync. A copy of them opens with every commit in it.
    @Test(arguments: ["FULL", "OFF"])
    func everyCommitIsInTheLogFileWhenCommitReturns(synchronous: String) throws {
        let path = Self.temporaryPath()
        let copy = Self.temporaryPath()
        defer { Self.remove(path); Self.remove(copy) }
        let connection = try Self.open(path, synchronous: synchronous)
        try connection.execute("PRAGMA wal_autocheckpoint=0")
        try connection.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, b BLOB NOT NULL)")
        for n in 1...30 {
            try connection.transaction {
                _ = try connection.run("INSERT INTO t (n, b) VALUES (?, ?)", [.integer(Int64(n)), .blob(Self.payload(n, size: 5_000))])
            }
        }
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        let recovered = try Self.open(copy)
        #expect(try recovered.scalar("PRAGMA integrity_check").string == "ok")
        #expect(try recovered.scalar("SELECT count(*) FROM t").int == 30)
        #expect(try recovered.scalar("SELECT b FROM t WHERE n = 30").bytes == Self.payload(30, size: 5_000))
    }
}
