import Foundation
import Testing
@testable import HTTPServer

@Suite struct RouterTests {
    private func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    private func router() -> Router {
        let router = Router()
        router.add("GET", "/v1/purchase-orders/{number}") { .text(200, "order \($0.pathParameters["number"]!)") }
        router.add("POST", "/v1/purchase-orders/{number}/acknowledgements") {
            .text(201, "ack \($0.pathParameters["number"]!)")
        }
        router.add("GET", "/v1/purchase-orders/open") { _ in .text(200, "open list") }
        router.add("GET", "/v1/suppliers/{id}/orders/{number}") {
            .text(200, "\($0.pathParameters["id"]!)/\($0.pathParameters["number"]!)")
        }
        router.add("PUT", "/v1/suppliers/{id}") { _ in .text(200, "put") }
        return router
    }

    @Test func capturesPathParameters() {
        let response = router().handle(HTTPRequest(method: "GET", path: "/v1/suppliers/S-100/orders/PO-7"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "S-100/PO-7")
    }

    @Test func literalSegmentWinsOverParameterInEitherRegistrationOrder() {
        let r = router()
        #expect(String(decoding: r.handle(HTTPRequest(method: "GET", path: "/v1/purchase-orders/open")).body, as: UTF8.self) == "open list")
        #expect(String(decoding: r.handle(HTTPRequest(method: "GET", path: "/v1/purchase-orders/PO-1")).body, as: UTF8.self) == "order PO-1")
        let reversed = Router()
        reversed.add("GET", "/a/b") { _ in .text(200, "literal") }
        reversed.add("GET", "/a/{x}") { _ in .text(200, "param") }
        #expect(String(decoding: reversed.handle(HTTPRequest(method: "GET", path: "/a/b")).body, as: UTF8.self) == "literal")
    }

    @Test func unknownPathIsNotFoundProblem() throws {
        let response = router().handle(HTTPRequest(method: "GET", path: "/v2/nothing", requestID: "r-1"))
        #expect(response.status == 404)
        #expect(response.headers["content-type"] == "application/problem+json")
        let body = try json(response)
        #expect(body["type"] as? String == "urn:supplyline:problem:not-found")
        #expect(body["instance"] as? String == "/v2/nothing")
        #expect(body["requestId"] as? String == "r-1")
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let response = router().handle(HTTPRequest(method: "DELETE", path: "/v1/purchase-orders/PO-1"))
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, HEAD")
        #expect(try json(response)["type"] as? String == "urn:supplyline:problem:method-not-allowed")
        let put = router().handle(HTTPRequest(method: "POST", path: "/v1/suppliers/S-1"))
        #expect(put.headers["allow"] == "PUT")
    }

    @Test func headFallsBackToGetWithoutBody() {
        let response = router().handle(HTTPRequest(method: "HEAD", path: "/v1/purchase-orders/PO-1"))
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.headContentLength == "order PO-1".utf8.count)
    }

    @Test func thrownErrorsBecomeProblems() throws {
        struct Secret: Error { var text = "password=hunter2" }
        let router = Router()
        router.add("GET", "/known") { _ in throw Problem(status: 409, slug: "conflict", title: "Conflict", detail: "d") }
        router.add("GET", "/unknown") { _ in throw Secret() }
        #expect(router.handle(HTTPRequest(method: "GET", path: "/known")).status == 409)
        let failed = router.handle(HTTPRequest(method: "GET", path: "/unknown"))
        #expect(failed.status == 500)
        #expect(!String(decoding: failed.body, as: UTF8.self).contains("hunter2"))
        #expect(try json(failed)["type"] as? String == "urn:supplyline:problem:internal-error")
        #expect(failed.unhandledError?.contains("hunter2") == true)
    }

    @Test func trailingSlashAndRootMatch() {
        let router = Router()
        router.add("GET", "/") { _ in .text(200, "root") }
        router.add("GET", "/health") { _ in .text(200, "ok") }
        #expect(router.handle(HTTPRequest(method: "GET", path: "/")).status == 200)
        #expect(router.handle(HTTPRequest(method: "GET", path: "/health/")).status == 200)
    }
}

@Suite struct ProblemTests {
    @Test func jsonBodyHasSortedStandardMembersAndExtensions() throws {
        var problem = Problem(status: 422, slug: "validation-failed", title: "Validation Failed",
                              detail: "2 fields are invalid.",
                              extensions: ["errors": .array([.object(["field": .string("lines[0].quantity")])]),
                                           "status": .string("ignored")])
        problem.instance = "/v1/purchase-orders/PO-1"
        let text = String(decoding: problem.jsonBody(requestID: "abc"), as: UTF8.self)
        #expect(text == #"{"detail":"2 fields are invalid.","errors":[{"field":"lines[0].quantity"}],"instance":"/v1/purchase-orders/PO-1","requestId":"abc","status":422,"title":"Validation Failed","type":"urn:supplyline:problem:validation-failed"}"#)
    }

    @Test func omitsInstanceAndRequestIdWhenUnknown() throws {
        let problem = Problem(status: 404, slug: "not-found", title: "Not Found", detail: "x")
        let object = try #require(JSONSerialization.jsonObject(with: Data(problem.jsonBody(requestID: nil))) as? [String: Any])
        #expect(Set(object.keys) == ["type", "title", "status", "detail"])
        #expect(problem.type == "urn:supplyline:problem:not-found")
    }

    @Test func responseCarriesProblemContentType() {
        let response = HTTPResponse.problem(.notFound())
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"] == "application/problem+json")
    }

    @Test func jsonValueRoundTrips() throws {
        let value: JSONValue = .object(["a": .int(1), "b": .number(2.5), "c": .array([.null, .bool(true), .string("x")])])
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
    }

    @Test(arguments: [("abc-123_X.y", true), ("", false), (String(repeating: "a", count: 128), true),
                      (String(repeating: "a", count: 129), false), ("has space", false), ("ümlaut", false)])
    func requestIDValidation(_ candidate: String, _ valid: Bool) {
        #expect(RequestID.isValid(candidate) == valid)
    }

    @Test func headersAreCaseInsensitive() {
        var headers = HTTPHeaders([("Content-Type", "a")])
        headers.add("set-cookie", "1")
        headers.add("Set-Cookie", "2")
        #expect(headers["content-type"] == "a")
        #expect(headers.values(for: "SET-COOKIE") == ["1", "2"])
        headers.set("SET-COOKIE", "3")
        #expect(headers.values(for: "set-cookie") == ["3"])
    }
}
