import TestSupport
import Foundation
import Synchronization
import Telemetry
import Testing
@testable import HTTPServer
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A running server on a free port with a memory log, stopped at the end of the test.
struct TestServer {
    let server: HTTPServer
    let sink: LogSink
    let metrics: Metrics

    init(maxBodyBytes: Int = 1 << 20, handler: @escaping HTTPHandler) throws {
        sink = LogSink.memory()
        metrics = Metrics()
        server = HTTPServer(
            configuration: HTTPServerConfiguration(port: 0, maxBodyBytes: maxBodyBytes),
            logger: Logger(label: "http", level: .debug, sink: sink), metrics: metrics, handler: handler)
        try server.start()
    }

    func client() throws -> RawClient { try RawClient(port: server.port) }

    func logObjects() -> [[String: Any]] {
        sink.lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func accessLines() -> [[String: Any]] {
        logObjects().filter { $0["msg"] as? String == "request" }
    }
}

/// Records how often the handler ran.
final class CallCount: Sendable {
    private let count = Atomic<Int>(0)
    func hit() { count.wrappingAdd(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

@Suite struct ServerTests {
    static func echo(_ request: HTTPRequest) -> HTTPResponse {
        var response = HTTPResponse.json(200, Array("""
            {"method":"\(request.method)","path":"\(request.path)","requestId":"\(request.requestID)","bytes":\(request.body.count),"q":"\(request.query["q"] ?? "")"}
            """.utf8))
        response.headers.add("X-Remote", request.remoteAddress)
        return response
    }

    @Test func echoesValidClientRequestID() throws {
        let t = try TestServer(handler: Self.echo)
        defer { t.server.stop() }
        let client = try t.client()
        let response = try client.request("GET", "/x", headers: ["X-Request-Id": "abc.DEF_1-2"])
        #expect(response.status == 200)
        #expect(response.header("X-Request-Id") == "abc.DEF_1-2")
        #expect(response.json["requestId"] as? String == "abc.DEF_1-2")
        #expect(response.header("X-Remote")?.hasPrefix("127.0.0.1:") == true)
    }

    @Test(arguments: ["has space", String(repeating: "x", count: 129), "semi;colon"])
    func replacesInvalidClientRequestID(_ offered: String) throws {
        let t = try TestServer(handler: Self.echo)
        defer { t.server.stop() }
        let response = try t.client().request("GET", "/x", headers: ["X-Request-Id": offered])
        let id = try #require(response.header("X-Request-Id"))
        #expect(id != offered && RequestID.isValid(id))
        #expect(response.json["requestId"] as? String == id)
    }

    @Test func generatesRequestIDWhenAbsentAndDecodesPathAndQuery() throws {
        let t = try TestServer(handler: Self.echo)
        defer { t.server.stop() }
        let response = try t.client().request("GET", "/a%20b?q=x%26y&q=second")
        #expect(RequestID.isValid(response.header("X-Request-Id") ?? ""))
        #expect(response.json["path"] as? String == "/a b")
        #expect(response.json["q"] as? String == "x&y")
    }

    @Test func rejectsDeclaredOversizeBodyWithoutCallingHandler() throws {
        let calls = CallCount()
        let t = try TestServer(maxBodyBytes: 1000) { request in
            calls.hit()
            return Self.echo(request)
        }
        defer { t.server.stop() }
        let client = try t.client()
        // Only the headers are sent: the answer must not wait for the body.
        try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.json["type"] as? String == "urn:supplyline:problem:payload-too-large")
        #expect(response.json["instance"] as? String == "/upload")
        #expect(response.json["requestId"] as? String == response.header("X-Request-Id"))
        #expect(calls.value == 0)
    }

    @Test func rejectsChunkedBodyThatGrowsPastLimit() throws {
        let calls = CallCount()
        let t = try TestServer(maxBodyBytes: 1000) { request in
            calls.hit()
            return Self.echo(request)
        }
        defer { t.server.stop() }
        let client = try t.client()
        try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = String(repeating: "a", count: 600)
        try client.send("258\r\n\(chunk)\r\n")
        try client.send("258\r\n\(chunk)\r\n0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(response.json["type"] as? String == "urn:supplyline:problem:payload-too-large")
        #expect(calls.value == 0)
    }

    @Test func cutsOffEndlessChunkedBody() throws {
        let calls = CallCount()
        let t = try TestServer(maxBodyBytes: 1000) { _ in
            calls.hit()
            return .text(200, "no")
        }
        defer { t.server.stop() }
        let client = try t.client()
        try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = "10000\r\n" + String(repeating: "a", count: 65536) + "\r\n"
        var sent = 0
        while sent < 8 << 20, (try? client.send(chunk)) != nil { sent += 65536 }
        #expect(sent < 8 << 20)
        #expect(calls.value == 0)
    }

    @Test func acceptsChunkedBodyWithinLimit() throws {
        let t = try TestServer(maxBodyBytes: 1000, handler: Self.echo)
        defer { t.server.stop() }
        let client = try t.client()
        try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.json["bytes"] as? Int == 8)
    }

    @Test func unmappedErrorIs500WithoutLeakAndLogged() throws {
        struct DatabaseFailure: Error { var sql = "SELECT secret FROM vault" }
        let t = try TestServer { _ in throw DatabaseFailure() }
        defer { t.server.stop() }
        let response = try t.client().request("POST", "/v1/things", headers: ["X-Request-Id": "req-500"], body: Array("{}".utf8))
        #expect(response.status == 500)
        #expect(!response.text.contains("secret"))
        #expect(response.json["type"] as? String == "urn:supplyline:problem:internal-error")
        #expect(response.json["detail"] as? String == "An unexpected error occurred; quote the request id when reporting it.")
        #expect(response.json["requestId"] as? String == "req-500")
        let errors = t.logObjects().filter { $0["level"] as? String == "error" }
        #expect(errors.count == 1)
        #expect(errors.first?["requestId"] as? String == "req-500")
        #expect((errors.first?["error"] as? String)?.contains("SELECT secret FROM vault") == true)
    }

    @Test func mappedErrorUsesItsProblem() throws {
        struct Conflict: HTTPResponseError {
            var problem: Problem { Problem(status: 409, slug: "revision-conflict", title: "Conflict", detail: "Revision 2 exists.") }
        }
        let t = try TestServer { _ in throw Conflict() }
        defer { t.server.stop() }
        let response = try t.client().request("PUT", "/v1/purchase-orders/PO-1", body: Array("{}".utf8))
        #expect(response.status == 409)
        #expect(response.json["type"] as? String == "urn:supplyline:problem:revision-conflict")
        #expect(response.json["instance"] as? String == "/v1/purchase-orders/PO-1")
        #expect(response.json["requestId"] as? String == response.header("X-Request-Id"))
        #expect(t.logObjects().allSatisfy { $0["level"] as? String != "error" })
    }

    @Test func writesAccessLogLineAndMetrics() throws {
        let t = try TestServer(handler: Self.echo)
        defer { t.server.stop() }
        let response = try t.client().request("POST", "/orders", headers: ["User-Agent": "probe/1.0", "X-Request-Id": "log-1"],
                                              body: Array("0123456789".utf8))
        let lines = t.accessLines()
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line["level"] as? String == "info")
        #expect(line["requestId"] as? String == "log-1")
        #expect(line["method"] as? String == "POST")
        #expect(line["path"] as? String == "/orders")
        #expect(line["status"] as? Int == 200)
        #expect(line["bytesIn"] as? Int == 10)
        #expect(line["bytesOut"] as? Int == response.body.count)
        #expect(line["userAgent"] as? String == "probe/1.0")
        #expect((line["remote"] as? String)?.hasPrefix("127.0.0.1:") == true)
        #expect((line["durationMs"] as? Double ?? -1) >= 0)
        let text = t.metrics.render()
        #expect(text.contains("http_requests_total{method=\"POST\",status=\"200\"} 1"))
        #expect(text.contains("http_request_duration_seconds_count 1"))
    }

    @Test func headAndKeepAliveOnOneConnection() throws {
        let router = Router()
        router.add("GET", "/doc") { _ in .text(200, "twelve bytes") }
        let t = try TestServer(handler: router.handle)
        defer { t.server.stop() }
        let client = try t.client()
        let head = try client.request("HEAD", "/doc")
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "12")
        #expect(head.header("X-Request-Id") != nil)
        let get = try client.request("GET", "/doc")
        #expect(get.text == "twelve bytes")
        let missing = try client.request("GET", "/nope")
        #expect(missing.status == 404)
        #expect(missing.json["instance"] as? String == "/nope")
    }

    @Test func concurrentRequestsFromManyThreads() throws {
        let t = try TestServer(handler: Self.echo)
        defer { t.server.stop() }
        let port = t.server.port
        let failures = Atomic<Int>(0)
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { worker in
            do {
                let client = try RawClient(port: port)
                for i in 0..<13 {
                    let id = "w\(worker)-\(i)"
                    let response = try client.request("POST", "/c", headers: ["X-Request-Id": id], body: Array("x".utf8))
                    if response.status != 200 || response.json["requestId"] as? String != id {
                        failures.wrappingAdd(1, ordering: .relaxed)
                    }
                }
            } catch {
                failures.wrappingAdd(100, ordering: .relaxed)
                errors.withLock { $0.append("worker \(worker): \(error)") }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0, "\(errors.withLock { $0 })")
        #expect(t.accessLines().count == 16 * 13)
    }

    @Test func worksWithFoundationClient() throws {
        let t = try TestServer(handler: Self.echo)
        defer { t.server.stop() }
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(t.server.port)/echo?q=1")!)
        request.httpMethod = "POST"
        request.httpBody = Data("hello".utf8)
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<(Int, Data)?>(nil)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            result.withLock { $0 = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()) }
            done.signal()
        }.resume()
        #expect(done.wait(timeout: .now() + 10) == .success)
        let (status, data) = try #require(result.withLock { $0 })
        #expect(status == 200)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["bytes"] as? Int == 5)
    }

    @Test func foundationClientSeesPayloadTooLarge() throws {
        let t = try TestServer(maxBodyBytes: 1000, handler: Self.echo)
        defer { t.server.stop() }
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(t.server.port)/big")!)
        request.httpMethod = "POST"
        // Small enough to sit in the socket buffers: with megabytes still being sent when the
        // server answers and closes, TCP may reset the connection before the client reads the
        // 413, which would test the kernel rather than the server.
        request.httpBody = Data(repeating: 65, count: 64 << 10)
        let done = DispatchSemaphore(value: 0)
        let status = Mutex<Int>(0)
        URLSession.shared.dataTask(with: request) { _, response, _ in
            status.withLock { $0 = (response as? HTTPURLResponse)?.statusCode ?? -1 }
            done.signal()
        }.resume()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(status.withLock { $0 } == 413)
    }

    @Test func startOnTakenPortFailsReadably() throws {
        let t = try TestServer(handler: Self.echo)
        defer { t.server.stop() }
        let second = HTTPServer(configuration: HTTPServerConfiguration(port: t.server.port),
                                logger: Logger(label: "x", sink: .discard)) { Self.echo($0) }
        do {
            try second.start()
            Issue.record("second start should fail")
            second.stop()
        } catch let error as HTTPServerError {
            #expect(error.description.contains("127.0.0.1:\(t.server.port)"))
            #expect(error.description.contains("Address already in use"))
        }
    }

    @Test func dropConnectionClosesWithoutResponse() throws {
        let t = try TestServer { _ in .dropConnection }
        defer { t.server.stop() }
        let client = try t.client()
        #expect(throws: RawClient.Failure.self) { try client.request("POST", "/postings", body: Array("{}".utf8)) }
        let line = try #require(t.accessLines().first)
        #expect(line["dropped"] as? Bool == true)
    }

    @Test func stopWaitsForRequestsInFlightAndCanRestart() throws {
        let entered = DispatchSemaphore(value: 0)
        let t = try TestServer { request in
            if request.path == "/slow" {
                entered.signal()
                Thread.sleep(forTimeInterval: 0.3)
            }
            return .text(200, "done")
        }
        let port = t.server.port
        let outcome = Mutex<Int>(0)
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let status = (try? RawClient(port: port).request("GET", "/slow").status) ?? -1
            outcome.withLock { $0 = status }
            finished.signal()
        }
        #expect(entered.wait(timeout: .now() + 5) == .success)
        t.server.stop()
        #expect(finished.wait(timeout: .now() + 5) == .success)
        #expect(outcome.withLock { $0 } == 200)
        #expect(throws: RawClient.Failure.self) { _ = try RawClient(port: port) }
        t.server.stop()
        try t.server.start()
        defer { t.server.stop() }
        #expect(t.server.port == port)
        #expect(try RawClient(port: port).request("GET", "/fast").status == 200)
    }

    /// Handlers block (on a commit, say): one that waits must not hold up requests on other
    /// connections, however many are waiting at once.
    @Test func aBlockedHandlerHoldsUpOnlyItsOwnConnection() throws {
        let waiting = Atomic<Int>(0)
        let gate = DispatchSemaphore(value: 0)
        let blocked = 24
        let t = try TestServer { request in
            if request.path == "/release" {
                for _ in 0..<blocked { gate.signal() }
                return .text(200, "released")
            }
            waiting.wrappingAdd(1, ordering: .relaxed)
            return gate.wait(timeout: .now() + 10) == .success ? .text(200, "went on") : .text(503, "never released")
        }
        defer { t.server.stop() }
        let clients = try (0...blocked).map { _ in try t.client() }
        let answers = Mutex<[Int]>([])
        let group = DispatchGroup()
        for client in clients.dropFirst() {
            group.enter()
            nonisolated(unsafe) let client = client  // used by this thread alone from here on
            Thread.detachNewThread {
                defer { group.leave() }
                let status = (try? client.request("GET", "/wait").status) ?? 0
                answers.withLock { $0.append(status) }
            }
        }
        let deadline = Date().addingTimeInterval(10)
        while waiting.load(ordering: .relaxed) < blocked && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(waiting.load(ordering: .relaxed) == blocked)
        let release = try clients[0].request("GET", "/release")
        #expect(release.status == 200)
        #expect(group.wait(timeout: .now() + 10) == .success)
        #expect(answers.withLock { $0 } == Array(repeating: 200, count: blocked))
    }

    @Test func stopUnderLoadDoesNotCrash() throws {
        let t = try TestServer { request in
            Thread.sleep(forTimeInterval: 0.005)
            return Self.echo(request)
        }
        let port = t.server.port
        let answered = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for _ in 0..<50 {
                    guard let client = try? RawClient(port: port),
                          (try? client.request("POST", "/load", body: Array("x".utf8))) != nil
                    else { continue }
                    answered.wrappingAdd(1, ordering: .relaxed)
                }
            }
        }
        Thread.sleep(forTimeInterval: 0.05)
        t.server.stop()
        #expect(group.wait(timeout: .now() + 20) == .success)
        #expect(answered.load(ordering: .relaxed) > 0)
        #expect(!t.server.isRunning)
    }
}
