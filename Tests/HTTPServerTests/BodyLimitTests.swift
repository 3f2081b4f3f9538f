import Testing
@testable import HTTPServer

@Suite struct BodyLimitTests {
    @Test func theLongestMatchingPrefixSetsTheLimit() {
        var configuration = HTTPServerConfiguration(maxBodyBytes: 1024)
        #expect(configuration.maxBodyBytes(path: "/v1/quality-documents") == 1024)
        configuration.bodyLimits = ["/v1/quality-documents": 10 << 20, "/v1/quality-documents/bulk": 20 << 20, "/v1/q": 2048]
        #expect(configuration.maxBodyBytes(path: "/v1/quality-documents") == 10 << 20)
        #expect(configuration.maxBodyBytes(path: "/v1/quality-documents/bulk/1") == 20 << 20)
        #expect(configuration.maxBodyBytes(path: "/v1/queue") == 2048)
        #expect(configuration.maxBodyBytes(path: "/v1/ship-notices") == 1024)
        #expect(configuration.maxBodyBytes(path: "/") == 1024)
    }
}
