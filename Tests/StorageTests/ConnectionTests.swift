import Foundation
import SQLite
import Testing

/// Text goes into SQLite and comes back byte for byte.
@Suite("SQLite connection")
struct ConnectionTests {
    @Test(arguments: ["", "plain", "quotes \" and \\ backslashes", "naïve 東京 👍", "a\u{0}b", String(repeating: "x", count: 100_000)])
    func textRoundTrips(_ text: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-conn-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let connection = try Connection(path: path)
        try connection.execute("CREATE TABLE t (v TEXT NOT NULL)")
        try connection.run("INSERT INTO t (v) VALUES (?)", [.text(text)])
        #expect(try connection.scalar("SELECT v FROM t").string == text)
        #expect(try connection.scalar("SELECT length(CAST(v AS BLOB)) FROM t").int == text.utf8.count)
        // An empty string is text, not NULL.
        #expect(try connection.scalar("SELECT v IS NULL FROM t").int == 0)
    }

    @Test func aSubstringAndABridgedStringBindAsTheirText() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-conn-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let connection = try Connection(path: path)
        try connection.execute("CREATE TABLE t (v TEXT NOT NULL)")
        let slice = String("prefix-value-suffix".dropFirst(7).dropLast(7))
        let bridged = NSString(string: "bridgé").appending("!")
        try connection.run("INSERT INTO t (v) VALUES (?), (?)", [.text(slice), .text(bridged)])
        #expect(try connection.query("SELECT v FROM t ORDER BY rowid").map { $0.values[0].string } == ["value", "bridgé!"])
    }

    /// One prepared statement run again and again with text and blobs of every size, growing
    /// and shrinking, keeps each row's own values.
    @Test func aStatementRunAgainKeepsEachRunsValues() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-conn-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let connection = try Connection(path: path)
        try connection.execute("CREATE TABLE t (n INTEGER, a TEXT, b BLOB, c TEXT)")
        let sizes = [0, 1, 300, 5, 70_000, 0, 2, 1_000, 40]
        for (n, size) in sizes.enumerated() {
            let text = String(repeating: Character(UnicodeScalar(UInt8(97 + n))), count: size)
            try connection.run("INSERT INTO t (n, a, b, c) VALUES (?, ?, ?, ?)",
                               [.integer(Int64(n)), .text(text), .blob(Array(repeating: UInt8(n), count: size)), .text("row \(n)")])
        }
        let rows = try connection.query("SELECT n, a, b, c FROM t ORDER BY n")
        #expect(rows.count == sizes.count)
        for (n, size) in sizes.enumerated() {
            #expect(rows[n].values[1].string == String(repeating: Character(UnicodeScalar(UInt8(97 + n))), count: size))
            #expect(rows[n].values[2].bytes == Array(repeating: UInt8(n), count: size))
            #expect(rows[n].values[3].string == "row \(n)")
        }
    }
}
