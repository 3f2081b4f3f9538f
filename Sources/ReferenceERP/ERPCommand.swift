import Dispatch
import Foundation
import Telemetry

/// The `supplyline-erp` command line: `serve` with flags or `SUPPLYLINE_ERP_*` environment variables.
public enum ERPCommand {
    public struct Options: Equatable, Sendable {
        public var host = "127.0.0.1"
        public var port = 8090
        public var databasePath = "supplyline-erp.sqlite"
        public var hubURL: String?
        public var hubKey = ""
        public var faults = FaultSettings()
        public var faultSeed: UInt64?
        public var seedSuppliers = 0
        public var seedOrders = 0
        public var logLevel = LogLevel.info
    }

    public struct UsageError: Error, CustomStringConvertible {
        public var description: String
    }

    public static let usage = """
        supplyline-erp: a reference ERP for Supplyline demos and tests.

        Usage:
          supplyline-erp serve [options]
          supplyline-erp --help

        Options (environment variable in brackets):
          --listen HOST:PORT            address to listen on, port 0 picks one [SUPPLYLINE_ERP_LISTEN] (127.0.0.1:8090)
          --db PATH                     SQLite database file [SUPPLYLINE_ERP_DB] (supplyline-erp.sqlite)
          --hub-url URL                 hub base URL for releases [SUPPLYLINE_ERP_HUB_URL]
          --hub-key KEY                 hub API key [SUPPLYLINE_ERP_HUB_KEY]
          --fail-rate X                 share of postings answered 503 [SUPPLYLINE_ERP_FAIL_RATE]
          --latency-ms N                delay before answering a posting [SUPPLYLINE_ERP_LATENCY_MS]
          --lose-response-rate X        share of postings applied but left unanswered [SUPPLYLINE_ERP_LOSE_RESPONSE_RATE]
          --outage-seconds N            outage window starting at launch [SUPPLYLINE_ERP_OUTAGE_SECONDS]
          --outage-mode MODE            unavailable (503) or refuse (stop listening) [SUPPLYLINE_ERP_OUTAGE_MODE]
          --fault-seed N                replayable fault decisions [SUPPLYLINE_ERP_FAULT_SEED]
          --seed-suppliers N            sample suppliers to release after start [SUPPLYLINE_ERP_SEED_SUPPLIERS]
          --seed-orders N               sample purchase orders to release after start [SUPPLYLINE_ERP_SEED_ORDERS]
          --log-level LEVEL             debug, info, warning or error [SUPPLYLINE_ERP_LOG_LEVEL]

        Endpoints: POST /erp/postings, GET /erp/effects, GET|PUT /erp/faults, GET|POST /erp/purchase-orders,
        POST /erp/purchase-orders/{number}/revise, POST /erp/seed.
        """

    private static let flags: [(flag: String, env: String)] = [
        ("--listen", "SUPPLYLINE_ERP_LISTEN"), ("--db", "SUPPLYLINE_ERP_DB"), ("--hub-url", "SUPPLYLINE_ERP_HUB_URL"),
        ("--hub-key", "SUPPLYLINE_ERP_HUB_KEY"), ("--fail-rate", "SUPPLYLINE_ERP_FAIL_RATE"),
        ("--latency-ms", "SUPPLYLINE_ERP_LATENCY_MS"), ("--lose-response-rate", "SUPPLYLINE_ERP_LOSE_RESPONSE_RATE"),
        ("--outage-seconds", "SUPPLYLINE_ERP_OUTAGE_SECONDS"), ("--outage-mode", "SUPPLYLINE_ERP_OUTAGE_MODE"),
        ("--fault-seed", "SUPPLYLINE_ERP_FAULT_SEED"), ("--seed-suppliers", "SUPPLYLINE_ERP_SEED_SUPPLIERS"),
        ("--seed-orders", "SUPPLYLINE_ERP_SEED_ORDERS"), ("--log-level", "SUPPLYLINE_ERP_LOG_LEVEL"),
    ]

    /// Parses the arguments after `serve`; flags win over environment variables.
    public static func parse(_ arguments: [String], environment: [String: String]) throws(UsageError) -> Options {
        var values: [String: String] = [:]
        for (flag, env) in flags { if let value = environment[env], !value.isEmpty { values[flag] = value } }
        var index = 0
        while index < arguments.count {
            var argument = arguments[index]
            var inline: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                inline = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
            }
            guard flags.contains(where: { $0.flag == argument }) else {
                throw UsageError(description: "unknown option \(argument)")
            }
            if let inline {
                values[argument] = inline
            } else {
                guard index + 1 < arguments.count else { throw UsageError(description: "\(argument) needs a value") }
                index += 1
                values[argument] = arguments[index]
            }
            index += 1
        }

        var options = Options()
        func number<T: LosslessStringConvertible>(_ flag: String, _ type: T.Type) throws(UsageError) -> T? {
            guard let text = values[flag] else { return nil }
            guard let value = T(text) else { throw UsageError(description: "\(flag) expects a number, got \(text)") }
            return value
        }
        if let listen = values["--listen"] {
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
                  (0...65535).contains(port)
            else { throw UsageError(description: "--listen expects HOST:PORT, got \(listen)") }
            var host = String(listen[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            options.host = host.isEmpty ? "0.0.0.0" : host
            options.port = port
        }
        if let db = values["--db"] { options.databasePath = db }
        options.hubURL = values["--hub-url"]
        if let key = values["--hub-key"] { options.hubKey = key }
        if let v = try number("--fail-rate", Double.self) { options.faults.failRate = v }
        if let v = try number("--latency-ms", Int.self) { options.faults.latencyMs = v }
        if let v = try number("--lose-response-rate", Double.self) { options.faults.loseResponseRate = v }
        if let v = try number("--outage-seconds", Double.self) { options.faults.outageSeconds = v }
        if let mode = values["--outage-mode"] {
            guard let parsed = FaultSettings.OutageMode(rawValue: mode) else {
                throw UsageError(description: "--outage-mode expects unavailable or refuse, got \(mode)")
            }
            options.faults.outageMode = parsed
        }
        options.faultSeed = try number("--fault-seed", UInt64.self)
        if let v = try number("--seed-suppliers", Int.self) { options.seedSuppliers = v }
        if let v = try number("--seed-orders", Int.self) { options.seedOrders = v }
        if let level = values["--log-level"] {
            guard let parsed = LogLevel(name: level) else { throw UsageError(description: "unknown log level \(level)") }
            options.logLevel = parsed
        }
        let problems = options.faults.problems()
        if !problems.isEmpty { throw UsageError(description: problems.joined(separator: "; ")) }
        if options.seedOrders > 0 && options.seedSuppliers == 0 { options.seedSuppliers = 3 }
        return options
    }

    /// Runs the command and returns the process exit code. `serve` blocks until SIGINT or SIGTERM.
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        let out = FileHandle.standardOutput
        let err = FileHandle.standardError
        guard let command = arguments.first, command != "--help", command != "-h", command != "help" else {
            out.write(Data((usage + "\n").utf8))
            return arguments.isEmpty ? 2 : 0
        }
        guard command == "serve" else {
            err.write(Data("supplyline-erp: unknown command \(command)\n\n\(usage)\n".utf8))
            return 2
        }
        if arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
            out.write(Data((usage + "\n").utf8))
            return 0
        }
        let options: Options
        do {
            options = try parse(Array(arguments.dropFirst()), environment: environment)
        } catch {
            err.write(Data("supplyline-erp: \(error.description)\n".utf8))
            return 2
        }
        return serve(options)
    }

    static func serve(_ options: Options) -> Int32 {
        let logger = Logger(label: "supplyline-erp", level: options.logLevel, sink: .standardError)
        let erp: ReferenceERP
        do {
            erp = try ReferenceERP(configuration: ERPConfiguration(
                host: options.host, port: options.port, databasePath: options.databasePath, hubURL: options.hubURL,
                hubKey: options.hubKey, faults: options.faults, faultSeed: options.faultSeed), logger: logger)
            try erp.start()
        } catch {
            FileHandle.standardError.write(Data("supplyline-erp: \(error)\n".utf8))
            return 1
        }
        FileHandle.standardOutput.write(Data("supplyline-erp listening on \(erp.baseURL)\n".utf8))

        let stopRequested = DispatchSemaphore(value: 0)
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let queue = DispatchQueue(label: "supplyline-erp.signals")
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { stopRequested.signal() }
            source.resume()
            return source
        }

        if options.seedSuppliers > 0 || options.seedOrders > 0 {
            Thread.detachNewThread {
                let result = erp.seed(suppliers: options.seedSuppliers, orders: options.seedOrders, retryFor: .seconds(30))
                for failure in result.failures {
                    logger.error("seed release failed", ["document": .string(failure.document), "detail": .string(failure.detail)])
                }
            }
        }

        stopRequested.wait()
        logger.info("stopping")
        erp.stop()
        sources.forEach { $0.cancel() }
        return 0
    }
}
