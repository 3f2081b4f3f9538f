@testable import Hub
import Testing

/// The benchmark's load generator finds where each response ends, whatever the header's case.
@Suite("Benchmark load generator")
struct LoadGeneratorTests {
    @Test func findsStatusAndLengthOfACompleteResponse() {
        let response = Array("HTTP/1.1 201 Created\r\ncontent-LENGTH: 5\r\nX-Request-Id: a\r\n\r\nhello".utf8)
        let parsed = LoadGenerator.parse(response)
        #expect(parsed?.0 == 201)
        #expect(parsed?.1 == response.count)
    }

    @Test func waitsForTheRestOfTheBody() {
        #expect(LoadGenerator.parse(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello".utf8)) == nil)
        #expect(LoadGenerator.parse(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n".utf8)) == nil)
    }

    @Test func leavesTheNextResponseWhereItIs() {
        let first = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\nno"
        let parsed = LoadGenerator.parse(Array((first + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").utf8))
        #expect(parsed?.0 == 503)
        #expect(parsed?.1 == first.utf8.count)
    }

    @Test func aResponseWithoutLengthHasNoBody() {
        let parsed = LoadGenerator.parse(Array("HTTP/1.1 204 No Content\r\nX-Request-Id: a\r\n\r\n".utf8))
        #expect(parsed?.0 == 204)
        #expect(parsed?.1 == "HTTP/1.1 204 No Content\r\nX-Request-Id: a\r\n\r\n".utf8.count)
    }
}
