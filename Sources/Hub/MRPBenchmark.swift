import Flows
import Foundation
import Procurement
import Storage
import Synchronization

/// `supplyline bench mrp`: an ERP planning run through the bulk release API over real HTTP.
///
/// A hub on a temporary database gets suppliers and `orders` purchase orders (released in
/// bulk), then one revision of every order that changes all of its `lines` schedule lines
/// (new dates and quantities), sent as batches of `batch` orders. The clock runs from the
/// first batch until every change is stored (every batch answered), visible to its supplier
/// (a supplier-key GET returns the new revision and schedule) and has its `po.revised` event in
/// the log (`GET /v1/events`). Meanwhile a reader keeps reading orders with supplier keys, and
/// its latencies are reported.
public enum MRPBenchmark {
    /// The most orders per batch the API takes.
    public static let maxBatch = BulkReleaseFlow.maxOrders

    public struct Options: Sendable {
        public var orders = 5000
        /// Schedule lines per order (spread over order lines of up to 5 deliveries each).
        public var lines = 20
        /// Orders per bulk request.
        public var batch = 500
        public var suppliers = 10
        /// Bulk requests in flight at once.
        public var connections = 2
        public var durability: SQLiteStore.Durability = .full

        public init() {}
    }

    public struct Figures: Sendable {
        public var options: Options
        public var releaseSeconds = 0.0
        /// From the first revision batch until the last one was answered (all changes stored).
        public var storedSeconds = 0.0
        /// From the first revision batch until every change was checked visible and its event found.
        public var totalSeconds = 0.0
        public var requests = 0
        public var largestBodyBytes = 0
        public var commits = 0
        /// Orders whose supplier-key GET showed the new revision and schedule.
        public var visible = 0
        /// Orders whose `po.revised` event for the new revision is in the log.
        public var events = 0
        /// Orders any batch refused (expected 0).
        public var refused = 0
        public var reads = 0
        public var readP50 = 0.0
        public var readP99 = 0.0
        public var idleReadP50 = 0.0
        public var idleReadP99 = 0.0
        public var scheduleLineChanges: Int { options.orders * options.lines }
    }

    struct BenchFailure: Error, CustomStringConvertible { let description: String }

    /// Runs the benchmark and returns the figures; throws if any change is missing.
    public static func measure(_ options: Options) throws -> Figures {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-mrp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var figures = Figures(options: options)
        let releases = stride(from: 0, to: options.orders, by: options.batch).map { start in
            body(orders: start..<min(options.orders, start + options.batch), revision: 1, options: options)
        }
        let revisions = stride(from: 0, to: options.orders, by: options.batch).map { start in
            body(orders: start..<min(options.orders, start + options.batch), revision: 2, options: options)
        }
        figures.largestBodyBytes = (releases + revisions).map(\.count).max() ?? 0

        var configuration = HubConfiguration()
        configuration.port = 0
        configuration.databasePath = directory.appendingPathComponent("mrp.db").path
        configuration.durability = options.durability
        configuration.accessLog = false
        configuration.logLevel = .warning
        // Room for the largest batch when --lines or --batch ask for more than the default limit.
        configuration.maxBodyBytes = max(configuration.maxBodyBytes, figures.largestBodyBytes)
        let hub = try Hub(configuration: configuration, logSink: .discard)
        try hub.start()
        defer { hub.stop() }

        let system = RequestContext(principal: .system)
        let clients = ClientAdministration(context: hub.context)
        let erpKey = try clients.create(name: "planning run", role: .erp, supplierID: nil, by: system).key
        var supplierKeys: [String] = []
        let erp = try BenchConnection(port: hub.port)
        let erpAuth = ("Authorization", "Bearer \(erpKey)")
        for s in 0..<options.suppliers {
            let id = supplier(s)
            let reply = try erp.request("PUT", "/v1/suppliers/\(id)", headers: [erpAuth, ("Content-Type", "application/json")],
                                        body: Array(#"{"id":"\#(id)","name":"Supplier \#(s)","tolerances":{"dateDays":2,"quantityPercent":"5","pricePercent":"1"}}"#.utf8))
            guard reply.status == 201 else { throw BenchFailure(description: "creating supplier \(id): \(reply.status) \(reply.text)") }
            supplierKeys.append(try clients.create(name: "user of \(id)", role: .supplier, supplierID: id, by: system).key)
        }

        var start = DispatchTime.now().uptimeNanoseconds
        let released = try send(releases, port: hub.port, erpKey: erpKey, connections: options.connections, run: "release")
        figures.releaseSeconds = seconds(since: start)
        guard released.created == options.orders else {
            throw BenchFailure(description: "the release created \(released.created) of \(options.orders) orders")
        }
        let position = try lastEventPosition(erp, erpAuth)

        // Read latency with nothing else going on, for comparison.
        let idle = try Reader(port: hub.port, keys: supplierKeys, options: options)
        idle.read(count: 500)
        (figures.idleReadP50, figures.idleReadP99) = percentiles(idle.latencies.withLock { $0 })

        let commits = hub.context.metrics.counter("supplyline_store_commits_total", help: "Group commits of the store's writer")
        let commitsBefore = commits.value
        let reader = try Reader(port: hub.port, keys: supplierKeys, options: options)
        let readerThread = Thread { reader.readUntilStopped() }
        readerThread.start()
        start = DispatchTime.now().uptimeNanoseconds
        let revised = try send(revisions, port: hub.port, erpKey: erpKey, connections: options.connections, run: "revision")
        figures.storedSeconds = seconds(since: start)
        figures.refused = revised.refused
        figures.requests = revisions.count
        figures.commits = Int(commits.value - commitsBefore)
        figures.visible = try checkVisible(port: hub.port, keys: supplierKeys, options: options)
        figures.events = try checkEvents(erp, erpAuth, after: position, options: options)
        figures.totalSeconds = seconds(since: start)
        reader.stop()
        (figures.readP50, figures.readP99) = percentiles(reader.latencies.withLock { $0 })
        figures.reads = reader.latencies.withLock { $0.count }
        guard figures.refused == 0, figures.visible == options.orders, figures.events == options.orders else {
            throw BenchFailure(description: "\(figures.refused) orders refused, \(figures.visible) of \(options.orders) visible, "
                               + "\(figures.events) of \(options.orders) events")
        }
        return figures
    }

    /// The report `supplyline bench mrp` prints.
    public static func run(_ options: Options) throws -> String {
        let f = try measure(options)
        func ms(_ s: Double) -> String { String(format: "%.2f ms", s * 1000) }
        func s(_ x: Double) -> String { String(format: "%.2f s", x) }
        let rate = Double(f.scheduleLineChanges) / max(f.totalSeconds, 1e-9)
        return """
            supplyline bench mrp: \(f.options.orders) orders x \(f.options.lines) schedule lines, \(f.options.suppliers) suppliers, \
            batches of \(f.options.batch), \(f.options.connections) connections, durability \(f.options.durability.rawValue)
              initial release (bulk, created)     : \(s(f.releaseSeconds)) for \(f.options.orders) orders
              schedule-line changes pushed        : \(f.scheduleLineChanges) in \(f.options.orders) revisions, \(f.requests) bulk requests \
            (largest body \(f.largestBodyBytes / 1024) KiB), \(f.commits) commits
              all changes stored (answered)       : \(s(f.storedSeconds))
              stored + visible + events (total)   : \(s(f.totalSeconds))   (\(String(format: "%.0f", rate)) schedule-line changes/s, \
            \(String(format: "%.0f", Double(f.options.orders) / max(f.totalSeconds, 1e-9))) revisions/s)
              checked: \(f.visible) orders visible to their supplier at the new revision, \(f.events) po.revised events, \(f.refused) refused
              supplier GETs during the burst      : \(f.reads) reads, p50 \(ms(f.readP50)), p99 \(ms(f.readP99))
              supplier GETs before the burst      : p50 \(ms(f.idleReadP50)), p99 \(ms(f.idleReadP99))

            """
    }

    static func supplier(_ s: Int) -> String { "S-MRP-\(s)" }
    static func number(_ n: Int) -> String { "MRP-\(n)" }

    /// The schedule of order `n` at `revision`: every delivery moves by a week and quantities
    /// shift between neighbours from one revision to the next; each line's total stays 10 per delivery.
    static func body(orders: Range<Int>, revision: Int, options: Options) -> [UInt8] {
        var text = "{\"orders\":["
        for n in orders {
            if n != orders.lowerBound { text += "," }
            text += "{\"number\":\"\(number(n))\",\"revision\":\(revision),\"supplier\":\"\(supplier(n % options.suppliers))\","
                + "\"plant\":\"P01\",\"currency\":\"USD\",\"lines\":["
            var remaining = options.lines
            var line = 1
            while remaining > 0 {
                let deliveries = min(5, remaining)
                remaining -= deliveries
                if line > 1 { text += "," }
                text += "{\"line\":\(line),\"item\":\"MAT-\((n + line) % 400)\",\"description\":\"Planned part\",\"quantity\":\"\(deliveries * 10)\","
                    + "\"unit\":\"EA\",\"unitPrice\":\"1.25\",\"needBy\":\"\(date(day: 60 + line * 7))\",\"schedule\":["
                for d in 0..<deliveries {
                    if d > 0 { text += "," }
                    text += "{\"quantity\":\"\(quantity(delivery: d, of: deliveries, revision: revision))\",\"date\":\"\(date(day: line * 7 + d + (revision - 1) * 7))\"}"
                }
                text += "]}"
                line += 1
            }
            text += "]}"
        }
        text += "]}"
        return Array(text.utf8)
    }

    /// Revision 1 asks 10 per delivery; later revisions move 2 from every odd delivery to the one before it.
    static func quantity(delivery d: Int, of deliveries: Int, revision: Int) -> Int {
        if revision == 1 || (d == deliveries - 1 && !deliveries.isMultiple(of: 2)) { return 10 }
        return d.isMultiple(of: 2) ? 12 : 8
    }

    /// `YYYY-MM-DD`, `day` days after 2027-03-01.
    static func date(day: Int) -> String {
        LocalDate(daysSinceEpoch: LocalDate(year: 2027, month: 3, day: 1)!.daysSinceEpoch + day).iso
    }

    /// Sends the batches over `connections` connections; counts what they answered.
    static func send(_ bodies: [[UInt8]], port: Int, erpKey: String, connections: Int,
                     run: String) throws -> (created: Int, revised: Int, refused: Int) {
        let totals = Mutex<(created: Int, revised: Int, refused: Int, failure: String?)>((0, 0, 0, nil))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(connections, bodies.count)) { _ in
            do {
                let connection = try BenchConnection(port: port)
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    guard i < bodies.count else { return }
                    let reply = try connection.request("POST", "/v1/purchase-orders:bulk",
                                                       headers: [("Authorization", "Bearer \(erpKey)"), ("Content-Type", "application/json"),
                                                                 ("Idempotency-Key", "\(run)-\(i)")], body: bodies[i])
                    guard reply.status == 200,
                          let summary = (try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])?["summary"] as? [String: Int] else {
                        throw BenchFailure(description: "\(run) batch \(i): \(reply.status) \(reply.text.prefix(300))")
                    }
                    totals.withLock {
                        $0.created += summary["created"] ?? 0
                        $0.revised += summary["revised"] ?? 0
                        $0.refused += summary["refused"] ?? 0
                    }
                }
            } catch {
                totals.withLock { $0.failure = $0.failure ?? "\(error)" }
            }
        }
        let result = totals.withLock { $0 }
        if let failure = result.failure { throw BenchFailure(description: failure) }
        return (result.created, result.revised, result.refused)
    }

    /// Reads every order with its supplier's key (over two connections); counts those at
    /// revision 2 with the new schedule.
    static func checkVisible(port: Int, keys: [String], options: Options) throws -> Int {
        let visible = Atomic<Int>(0)
        let failure = Mutex<String?>(nil)
        let workers = 2
        let expected = "{\"date\":\"\(date(day: 7 + 7))\",\"quantity\":\"\(quantity(delivery: 0, of: min(5, options.lines), revision: 2))\"}"
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                let connection = try BenchConnection(port: port)
                for n in stride(from: worker, to: options.orders, by: workers) {
                    let reply = try connection.request("GET", "/v1/purchase-orders/\(number(n))",
                                                       headers: [("Authorization", "Bearer \(keys[n % options.suppliers])")])
                    let text = reply.text
                    // The new schedule's first delivery: a week later than revision 1's.
                    if reply.status == 200, text.contains("\"revisions\":[1,2]"),
                       text.contains(expected) {
                        visible.add(1, ordering: .relaxed)
                    }
                }
            } catch {
                failure.withLock { $0 = $0 ?? "\(error)" }
            }
        }
        if let failure = failure.withLock({ $0 }) { throw BenchFailure(description: failure) }
        return visible.load(ordering: .relaxed)
    }

    static func lastEventPosition(_ connection: BenchConnection, _ auth: (String, String)) throws -> Int64 {
        var position: Int64 = 0
        while true {
            let reply = try connection.request("GET", "/v1/events?after=\(position)&limit=1000", headers: [auth])
            guard reply.status == 200, let page = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
                  let items = page["items"] as? [Any], let next = (page["next"] as? NSNumber)?.int64Value else {
                throw BenchFailure(description: "reading events: \(reply.status)")
            }
            if items.isEmpty { return position }
            position = next
        }
    }

    /// Pages through the log after `position`; counts orders with their `po.revised` event for revision 2.
    static func checkEvents(_ connection: BenchConnection, _ auth: (String, String), after position: Int64, options: Options) throws -> Int {
        var seen = Set<String>()
        var after = position
        while true {
            let reply = try connection.request("GET", "/v1/events?after=\(after)&limit=1000", headers: [auth])
            guard reply.status == 200, let page = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
                  let items = page["items"] as? [[String: Any]], let next = (page["next"] as? NSNumber)?.int64Value else {
                throw BenchFailure(description: "reading events: \(reply.status)")
            }
            if items.isEmpty { return seen.count }
            for event in items where event["type"] as? String == "com.supplyline.po.revised" {
                if let data = event["data"] as? [String: Any], data["revision"] as? Int == 2, let subject = event["subject"] as? String {
                    seen.insert(subject)
                }
            }
            after = next
        }
    }

    static func percentiles(_ latencies: [Double]) -> (Double, Double) {
        let sorted = latencies.sorted()
        func pct(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        return (pct(0.5), pct(0.99))
    }

    static func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Reads random orders with their supplier's key, one at a time, recording each latency.
    // @unchecked Sendable: the connection is used only by the thread running `read`; `latencies`
    // and `stopped` are synchronized.
    final class Reader: @unchecked Sendable {
        let connection: BenchConnection
        let keys: [String]
        let options: Options
        let latencies = Mutex<[Double]>([])
        private let stopped = Atomic<Bool>(false)
        private let done = DispatchSemaphore(value: 0)
        private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

        init(port: Int, keys: [String], options: Options) throws {
            connection = try BenchConnection(port: port)
            self.keys = keys
            self.options = options
        }

        func read(count: Int) {
            for _ in 0..<count { _ = readOne() }
        }

        func readUntilStopped() {
            while !stopped.load(ordering: .relaxed) { _ = readOne() }
            done.signal()
        }

        func stop() {
            stopped.store(true, ordering: .relaxed)
            done.wait()
        }

        /// False when the read failed.
        private func readOne() -> Bool {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let n = Int((state >> 33) % UInt64(options.orders))
            let started = DispatchTime.now().uptimeNanoseconds
            guard let reply = try? connection.request("GET", "/v1/purchase-orders/\(MRPBenchmark.number(n))",
                                                      headers: [("Authorization", "Bearer \(keys[n % options.suppliers])")]),
                  reply.status == 200 else { return false }
            let elapsed = MRPBenchmark.seconds(since: started)
            latencies.withLock { $0.append(elapsed) }
            return true
        }
    }
}
