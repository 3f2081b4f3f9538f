import Foundation
import Testing
@testable import Telemetry

@Suite struct LoggerTests {
    private func object(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func writesOneJSONObjectPerLineWithContextFields() throws {
        let sink = LogSink.memory()
        let logger = Logger(label: "erp", sink: sink).with(["supplier": "S-100"])
        logger.info("posted \"quoted\"\nnext", ["attempt": 2, "ok": true, "ratio": 0.5])
        let lines = sink.lines
        #expect(lines.count == 1)
        let json = try object(lines[0])
        #expect(json["level"] as? String == "info")
        #expect(json["logger"] as? String == "erp")
        #expect(json["msg"] as? String == "posted \"quoted\"\nnext")
        #expect(json["supplier"] as? String == "S-100")
        #expect(json["attempt"] as? Int == 2)
        #expect(json["ok"] as? Bool == true)
        #expect(json["ratio"] as? Double == 0.5)
        let ts = try #require(json["ts"] as? String)
        #expect(ts.count == 24 && ts.hasSuffix("Z") && ts.contains("T"))
        #expect(lines[0].hasPrefix("{\"ts\":"))
    }

    @Test func dropsLinesBelowLevelAndKeepsReservedMembers() throws {
        let sink = LogSink.memory()
        let logger = Logger(label: "x", level: .warning, sink: sink)
        logger.debug("no")
        logger.info("no")
        logger.warning("yes", ["msg": "shadow", "level": "shadow"])
        logger.error("yes")
        #expect(sink.lines.count == 2)
        let json = try object(sink.lines[0])
        #expect(json["msg"] as? String == "yes")
        #expect(json["level"] as? String == "warning")
    }

    @Test func timestampFormat() {
        #expect(Timestamp.format(seconds: 1_796_313_600, milliseconds: 7) == "2026-12-03T16:00:00.007Z")
        #expect(Timestamp.format(seconds: 0, milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(seconds: -1, milliseconds: 999) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.format(seconds: 951_782_400, milliseconds: 0) == "2000-02-29T00:00:00.000Z")
        #expect(Timestamp.format(seconds: 4_107_542_400, milliseconds: 0) == "2100-03-01T00:00:00.000Z")
        #expect(Timestamp.format(seconds: 253_402_300_799, milliseconds: 500) == "9999-12-31T23:59:59.500Z")
        #expect(Timestamp.format(seconds: -62_135_596_800, milliseconds: 0) == "0001-01-01T00:00:00.000Z")
    }

    @Test func civilCalendarRoundTrips() {
        for days in stride(from: -719_162, through: 2_932_896, by: 97) {
            let date = CivilCalendar.date(days: days)
            #expect(CivilCalendar.days(year: date.year, month: date.month, day: date.day) == days)
        }
        #expect(CivilCalendar.date(days: 0) == (1970, 1, 1))
        #expect(CivilCalendar.date(days: 11_016) == (2000, 2, 29))
        #expect(CivilCalendar.days(year: 1, month: 1, day: 1) == -719_162)
    }

    /// The same text as the C library's `gmtime_r` gives, a day at a time over four centuries.
    @Test func timestampMatchesTheCLibrary() {
        for day in stride(from: -40_000, through: 110_000, by: 1) {
            let seconds = day * 86_400 + (day * 7_919) % 86_400
            var time = time_t(seconds)
            var parts = tm()
            gmtime_r(&time, &parts)
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d.042Z", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                                  parts.tm_hour, parts.tm_min, parts.tm_sec)
            guard Timestamp.format(seconds: seconds, milliseconds: 42) == expected else {
                Issue.record("day \(day): \(Timestamp.format(seconds: seconds, milliseconds: 42)) is not \(expected)")
                return
            }
        }
    }

    @Test func fileSinkAppendsLines() throws {
        let path = NSTemporaryDirectory() + "/log-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try LogSink.file(path: path)
        let logger = Logger(label: "f", sink: sink)
        DispatchQueue.concurrentPerform(iterations: 50) { logger.info("line \($0)") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 50)
        for line in lines { _ = try object(String(line)) }
    }

    @Test func fileSinkReportsUnwritablePath() {
        #expect(throws: LogSinkError.self) { try LogSink.file(path: "/nonexistent-dir/x.log") }
    }
}

@Suite struct MetricsTests {
    @Test func sameNameAndLabelsShareTheInstrument() {
        let metrics = Metrics()
        let a = metrics.counter("jobs_total", help: "Jobs.", labels: ["kind": "a"])
        let b = metrics.counter("jobs_total", help: "Jobs.", labels: ["kind": "a"])
        let c = metrics.counter("jobs_total", help: "Jobs.", labels: ["kind": "c"])
        #expect(a === b)
        #expect(a !== c)
        DispatchQueue.concurrentPerform(iterations: 1000) { _ in a.increment() }
        #expect(b.value == 1000)
    }

    @Test func rendersPrometheusText() {
        let metrics = Metrics()
        metrics.counter("http_requests_total", help: "Requests.", labels: ["status": "200", "method": "GET"]).increment(by: 3)
        metrics.counter("http_requests_total", help: "Requests.", labels: ["status": "500", "method": "GET"]).increment()
        let gauge = metrics.gauge("queue_depth", help: "Depth with \\ and\nnewline.", labels: ["q": "a\"b"])
        gauge.set(2.5)
        gauge.add(-1)
        let histogram = metrics.histogram("latency_seconds", help: "Latency.", buckets: [0.1, 1])
        histogram.observe(0.05)
        histogram.observe(0.5)
        histogram.observe(3)
        let text = metrics.render()
        let expected = """
            # HELP http_requests_total Requests.
            # TYPE http_requests_total counter
            http_requests_total{method="GET",status="200"} 3
            http_requests_total{method="GET",status="500"} 1
            # HELP latency_seconds Latency.
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.1"} 1
            latency_seconds_bucket{le="1"} 2
            latency_seconds_bucket{le="+Inf"} 3
            latency_seconds_sum 3.55
            latency_seconds_count 3
            # HELP queue_depth Depth with \\\\ and\\nnewline.
            # TYPE queue_depth gauge
            queue_depth{q="a\\"b"} 1.5

            """
        #expect(text == expected)
    }

    @Test func gaugeAddIsAtomic() {
        let gauge = Metrics().gauge("g", help: "g")
        DispatchQueue.concurrentPerform(iterations: 1000) { _ in gauge.add(1) }
        #expect(gauge.value == 1000)
    }
}

@Suite struct TraceContextTests {
    @Test func parsesAndRendersTraceparent() throws {
        let header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let context = try #require(TraceContext(traceparent: header))
        #expect(context.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(context.spanID == "00f067aa0ba902b7")
        #expect(context.flags == 1)
        #expect(context.traceparent == header)
    }

    @Test(arguments: [
        "", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
    ])
    func rejectsMalformedTraceparent(_ header: String) {
        #expect(TraceContext(traceparent: header) == nil)
    }

    @Test func randomContextsAreValidAndDistinct() throws {
        let a = TraceContext.random()
        let b = TraceContext.random()
        #expect(a != b)
        #expect(TraceContext(traceparent: a.traceparent) == a)
        let child = a.child()
        #expect(child.traceID == a.traceID && child.spanID != a.spanID)
    }
}
