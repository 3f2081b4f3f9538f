import Foundation
import Hub
import Storage
import Testing

@Suite("supplyline serve options")
struct HubConfigurationTests {
    @Test func flagsWinOverEnvironmentVariables() throws {
        let config = try HubConfiguration.parse(
            arguments: ["--listen", "0.0.0.0:9000", "--retry-max-attempts=7"],
            environment: ["SUPPLYLINE_LISTEN": "127.0.0.1:1", "SUPPLYLINE_DB": "/tmp/x.db",
                          "SUPPLYLINE_ERP_URL": "http://erp:8090", "SUPPLYLINE_ERP_HUB_KEY": "belongs to supplyline-erp"])
        #expect(config.host == "0.0.0.0")
        #expect(config.port == 9000)
        #expect(config.databasePath == "/tmp/x.db")
        #expect(config.erpURL?.absoluteString == "http://erp:8090")
        #expect(config.retry.maxAttempts == 7)
        #expect(config.durability == .full)
    }

    @Test(arguments: [["--listen", "nowhere"], ["--erp-url", "ftp://x"], ["--max-connections", "0"], ["--durability", "sometimes"],
                      ["--frobnicate", "1"], ["--db"], ["stray"]])
    func badOptionsAreRefusedWithAReason(arguments: [String]) {
        #expect(throws: CommandLineError.self) { try HubConfiguration.parse(arguments: arguments, environment: [:]) }
    }
}
