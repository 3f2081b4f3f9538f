import Foundation
@testable import Hub
import Telemetry
import Testing

/// One serving hub per database: a second one on the same file refuses to start, saying why.
@Suite("One hub per database")
struct DatabaseLockTests {
    @Test func aSecondHubOnTheSameDatabaseRefusesToStartUntilTheFirstStops() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var configuration = HubConfiguration()
        configuration.port = 0
        configuration.databasePath = dir.appendingPathComponent("hub.db").path
        let first = try Hub(configuration: configuration, logSink: .memory())
        try first.start()
        let second = try Hub(configuration: configuration, logSink: .memory())
        #expect {
            try second.start()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("Another hub is serving this database") && text.contains("process \(getpid())")
        }
        #expect(!second.server.isRunning)
        first.stop()
        try second.start()
        #expect(second.server.isRunning)
        second.stop()
    }
}
