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
}
