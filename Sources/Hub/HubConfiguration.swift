import Flows
import Foundation
import Storage
import Telemetry

/// Everything `supplyline serve` can be told, from flags or environment variables.
public struct HubConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var databasePath = ".supplyline/hub.db"
    /// Base URL of the ERP's posting endpoint; nil leaves postings queued in the outbox.
    public var erpURL: URL?
    public var durability: SQLiteStore.Durability = .full
    /// Most simultaneous HTTP connections; each has a thread of its own while it is open.
    public var maxConnections = 1024
    public var maxBodyBytes = 1 << 20
    /// Largest quality document (`POST /v1/quality-documents`); that path alone takes bodies
    /// up to this size, every other keeps `maxBodyBytes`.
    public var maxDocumentBytes = 10 << 20
    public var retry = RetryPolicy.default
    public var dispatcherConcurrency = 8
    public var logLevel: LogLevel = .info
    /// Write the per-request access log (one JSON line per request).
    public var accessLog = true
    /// How often drop folders are polled for new files.
    public var dropFolderPollSeconds: TimeInterval = 1
    /// How often the timers (overdue acknowledgements, late ship notices, overdue nonconformance
    /// steps) sweep, and when they fire.
    public var timerIntervalSeconds: TimeInterval = 60
    public var timers = TimerPolicy()

    public init() {}

    /// The options `serve` understands; each also reads from `SUPPLYLINE_<NAME>` (upper case,
    /// `_` for `-`), and a flag wins over its variable.
    public static let optionNames = ["listen", "db", "erp-url", "durability", "max-connections", "max-body-bytes", "max-document-bytes", "retry-max-attempts",
                                     "retry-base-seconds", "retry-max-seconds", "dispatcher-concurrency", "drop-folder-poll-seconds",
                                     "log-level", "access-log", "timer-interval-seconds", "acknowledgement-overdue-hours",
                                     "ship-notice-late-days"]

    /// Reads `SUPPLYLINE_*` variables, then flags, which win.
    public static func parse(arguments: [String], environment: [String: String]) throws -> HubConfiguration {
        var config = HubConfiguration()
        var options = optionNames.compactMap { name -> (String, String)? in
            let variable = "SUPPLYLINE_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
            return environment[variable].map { (name, $0) }
        }
        options += try CommandLineOptions.pairs(arguments)
        for (name, value) in options {
            switch name {
            case "listen":
                let (host, port) = try CommandLineOptions.hostPort(value)
                config.host = host
                config.port = port
            case "db": config.databasePath = value
            case "erp-url":
                guard let url = URL(string: value), url.scheme == "http" || url.scheme == "https" else {
                    throw CommandLineError("--erp-url must be an http:// or https:// URL, got \(value)")
                }
                config.erpURL = url
            case "durability":
                guard let d = SQLiteStore.Durability(rawValue: value) else { throw CommandLineError("--durability must be full or normal") }
                config.durability = d
            case "max-connections": config.maxConnections = try CommandLineOptions.int(value, name, 1...10_000)
            case "max-body-bytes": config.maxBodyBytes = try CommandLineOptions.int(value, name, 1024...(64 << 20))
            case "max-document-bytes": config.maxDocumentBytes = try CommandLineOptions.int(value, name, 1024...(256 << 20))
            case "retry-max-attempts": config.retry.maxAttempts = try CommandLineOptions.int(value, name, 1...10_000)
            case "retry-base-seconds": config.retry.baseDelay = try CommandLineOptions.double(value, name, 0.001...3600)
            case "retry-max-seconds": config.retry.maxDelay = try CommandLineOptions.double(value, name, 0.001...86_400)
            case "dispatcher-concurrency": config.dispatcherConcurrency = try CommandLineOptions.int(value, name, 1...256)
            case "log-level":
                guard let level = ["debug": LogLevel.debug, "info": .info, "warning": .warning, "error": .error][value] else {
                    throw CommandLineError("--log-level must be debug, info, warning or error")
                }
                config.logLevel = level
            case "drop-folder-poll-seconds": config.dropFolderPollSeconds = try CommandLineOptions.double(value, name, 0.05...3600)
            case "timer-interval-seconds": config.timerIntervalSeconds = try CommandLineOptions.double(value, name, 1...86_400)
            case "acknowledgement-overdue-hours": config.timers.acknowledgementOverdueHours = try CommandLineOptions.int(value, name, 1...8760)
            case "ship-notice-late-days": config.timers.shipNoticeLateDays = try CommandLineOptions.int(value, name, 0...365)
            case "access-log": config.accessLog = value != "false" && value != "0" && value != "off"
            default:
                throw CommandLineError("unknown option --\(name); see 'supplyline help'")
            }
        }
        return config
    }
}

/// A command-line mistake, said plainly.
public struct CommandLineError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// `--name value` and `--name=value` pairs.
public enum CommandLineOptions {
    public static func pairs(_ arguments: [String]) throws -> [(String, String)] {
        var pairs: [(String, String)] = []
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            guard arg.hasPrefix("--") else { throw CommandLineError("unexpected argument \(arg)") }
            let body = arg.dropFirst(2)
            if let eq = body.firstIndex(of: "=") {
                pairs.append((String(body[..<eq]), String(body[body.index(after: eq)...])))
                i += 1
            } else {
                guard i + 1 < arguments.count else { throw CommandLineError("--\(body) needs a value") }
                pairs.append((String(body), arguments[i + 1]))
                i += 2
            }
        }
        return pairs
    }

    public static func hostPort(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw CommandLineError("--listen must be HOST:PORT, such as 127.0.0.1:8080; got \(text)")
        }
        let host = String(text[..<colon])
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    public static func int(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let n = Int(text), range.contains(n) else {
            throw CommandLineError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound); got \(text)")
        }
        return n
    }

    public static func double(_ text: String, _ name: String, _ range: ClosedRange<Double>) throws -> Double {
        guard let n = Double(text), range.contains(n) else {
            throw CommandLineError("--\(name) must be a number from \(range.lowerBound) to \(range.upperBound); got \(text)")
        }
        return n
    }
}
