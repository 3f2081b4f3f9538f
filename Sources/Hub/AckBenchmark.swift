import Flows
import Foundation
import Procurement
import Storage
import Synchronization
import Telemetry

/// `supplyline bench acks`: drives acknowledgements through the HTTP API on loopback and
/// measures the same server's trivial endpoint as the ceiling.
public enum AckBenchmark {
    public struct Figures: Sendable {
        public let requests: Int
        public let seconds: Double
        public let p50: Double
        public let p99: Double
        public let failures: Int
        /// CPU the server used per request (the process's CPU minus the load generator's).
        public let serverCPUPerRequest: Double
        /// CPU the load generator used per request.
        public let generatorCPUPerRequest: Double
        /// Share of the machine's CPU time left idle during the run (nil where not known).
        public let idle: Double?
        public var rate: Double { Double(requests) / seconds }
    }

    public static func run(requests: Int, concurrency: Int, durability: SQLiteStore.Durability) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = HubConfiguration()
        configuration.port = 0
        configuration.databasePath = directory.appendingPathComponent("bench.db").path
        configuration.durability = durability
        configuration.accessLog = false
        configuration.logLevel = .warning
        let hub = try Hub(configuration: configuration, logSink: .discard)
        try hub.start()
        defer { hub.stop() }

        let supplierKey = try seed(hub: hub, orders: requests)
        let ceiling = try drive(port: hub.port, count: requests, concurrency: concurrency) { _ in
            ("GET", "/v1/health", [], [])
        }
        let auth = ("Authorization", "Bearer \(supplierKey)")
        let body = Array(#"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#.utf8)
        let commitCounter = hub.context.metrics.counter("supplyline_store_commits_total", help: "Group commits of the store's writer")
        let commitsBefore = commitCounter.value
        let writerBefore = hub.store.writerCPUSeconds
        let commitBefore = hub.store.writerCommitSeconds
        let idleBefore = hub.store.writerIdleSeconds
        let logWritesBefore = SQLiteStore.logWriteCounts
        let checkpointsBefore = hub.store.checkpointCounts
        let acks = try drive(port: hub.port, count: requests, concurrency: concurrency) { i in
            ("POST", "/v1/purchase-orders/BENCH-\(i)/acknowledgements",
             [auth, ("Content-Type", "application/json"), ("Idempotency-Key", "bench-\(i)")], body)
        }
        let delivered = try hub.store.read { try $0.outboxCounts() }
        let commits = commitCounter.value - commitsBefore
        let writerCPU = hub.store.writerCPUSeconds - writerBefore
        let writerCommit = hub.store.writerCommitSeconds - commitBefore
        let writerIdle = hub.store.writerIdleSeconds - idleBefore
        let logWrites = SQLiteStore.logWriteCounts
        let checkpoints = hub.store.checkpointCounts
        func perCommit(_ count: UInt64) -> String { String(format: "%.1f", Double(count) / Double(max(commits, 1))) }
        func ms(_ s: Double) -> String { String(format: "%.2f ms", s * 1000) }
        func us(_ s: Double) -> String { String(format: "%.0f µs", s * 1_000_000) }
        func idle(_ figures: Figures) -> String { figures.idle.map { String(format: "  machine idle %.0f%%", $0 * 100) } ?? "" }
        return """
            supplyline bench acks: \(requests) requests, concurrency \(concurrency), durability \(durability.rawValue)
              trivial GET /v1/health : \(String(format: "%9.0f", ceiling.rate)) req/s   p50 \(ms(ceiling.p50))  p99 \(ms(ceiling.p99))  failures \(ceiling.failures)  server CPU/request \(us(ceiling.serverCPUPerRequest))  generator CPU/request \(us(ceiling.generatorCPUPerRequest))\(idle(ceiling))
              acknowledgements       : \(String(format: "%9.0f", acks.rate)) acks/s  p50 \(ms(acks.p50))  p99 \(ms(acks.p99))  failures \(acks.failures)  server CPU/request \(us(acks.serverCPUPerRequest))  generator CPU/request \(us(acks.generatorCPUPerRequest))\(idle(acks))
              acks as share of ceiling: \(String(format: "%.1f", acks.rate / ceiling.rate * 100))%
              outbox messages written: \(delivered[.pending, default: 0] + delivered[.delivered, default: 0])
              store commits in the run: \(commits) (group commit: \(String(format: "%.1f", Double(requests) / Double(max(commits, 1)))) writes per commit on average)
              store writer thread: \(us(writerCPU / Double(requests))) CPU per ack, busy \(String(format: "%.0f", writerCPU / acks.seconds * 100))% of the run; of its time \(String(format: "%.0f", writerCommit / acks.seconds * 100))% in COMMIT (WAL writes, fsync, checkpoints), \(String(format: "%.0f", writerIdle / acks.seconds * 100))% waiting for work
              write-ahead log: \(perCommit(logWrites.requested - logWritesBefore.requested)) writes asked per commit, \(perCommit(logWrites.made - logWritesBefore.made)) made once gathered; checkpoints \(checkpoints.background - checkpointsBefore.background) in the background, \(checkpoints.writer - checkpointsBefore.writer) by the writer

            """
    }

    /// A supplier, `orders` one-line orders, and a supplier key.
    static func seed(hub: Hub, orders: Int) throws -> String {
        let system = RequestContext(principal: .system)
        let supplier = Supplier(id: "S-BENCH", name: "Bench Supplier", tolerances: Tolerances(dateDays: 2, quantityPercent: 5, pricePercent: 1))
        let now = Date()
        try hub.store.write { tx in try tx.saveSupplier(supplier, now: now) }
        let needBy = LocalDate(year: 2027, month: 3, day: 1)!
        var i = 0
        while i < orders {
            let end = min(orders, i + 2000)
            try hub.store.write { tx in
                for n in i..<end {
                    let line = OrderLine(line: 1, item: "MAT-\(n % 100)", description: "Bench part", quantity: 10, unit: "EA",
                                         unitPrice: Decimal(string: "1.25")!, needBy: needBy)
                    try tx.saveRevision(PurchaseOrder(number: "BENCH-\(n)", revision: 1, supplier: supplier.id, plant: "P01",
                                                      currency: "USD", lines: [line]), status: .awaitingAcknowledgement, now: now)
                }
            }
            i = end
        }
        return try ClientAdministration(context: hub.context).create(name: "bench", role: .supplier, supplierID: supplier.id, by: system).key
    }

    /// Sends `count` requests over `concurrency` keep-alive connections; request i comes from `make(i)`.
    static func drive(port: Int, count: Int, concurrency: Int,
                      make: (Int) -> (String, String, [(String, String)], [UInt8])) throws -> Figures {
        let processBefore = LoadGenerator.processCPUSeconds()
        let machineBefore = LoadGenerator.machineCPUTicks()
        let result = try LoadGenerator.run(port: port, connections: concurrency, count: count) { i in
            let (method, path, headers, body) = make(i)
            return LoadGenerator.request(method, path, headers: headers, body: body)
        }
        let sorted = result.latencies.sorted()
        func pct(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        let serverCPU = LoadGenerator.processCPUSeconds() - processBefore - result.cpuSeconds
        var idle: Double?
        if let before = machineBefore, let after = LoadGenerator.machineCPUTicks(), after.total > before.total {
            idle = Double(after.idle - before.idle) / Double(after.total - before.total)
        }
        return Figures(requests: count, seconds: result.seconds, p50: pct(0.5), p99: pct(0.99), failures: result.failures,
                       serverCPUPerRequest: serverCPU / Double(count), generatorCPUPerRequest: result.cpuSeconds / Double(count), idle: idle)
    }
}
