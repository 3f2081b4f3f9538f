import Foundation
import HTTPServer
import Synchronization
import Telemetry

/// A stand-in for a customer's ERP: releases suppliers and purchase orders to the hub through
/// its public API, receives postings idempotently, records every effect, and injects faults.
public final class ReferenceERP: Sendable {
    public let configuration: ERPConfiguration
    let logger: Logger
    let database: ERPDatabase
    let hub: HubClient
    let faults: FaultInjector
    private let router = Router()
    private let server: HTTPServer

    private struct Lifecycle {
        var started = false
        /// Bumped whenever an outage window is superseded, so an older window does not restart the server.
        var outageGeneration = 0
    }

    private let lifecycle = Mutex(Lifecycle())

    /// Opens (or creates) the database; call `start()` to listen.
    public init(configuration: ERPConfiguration, logger: Logger = Logger(label: "supplyline-erp"),
                metrics: Metrics? = nil) throws {
        self.configuration = configuration
        self.logger = logger
        self.database = try ERPDatabase(path: configuration.databasePath)
        self.hub = HubClient(baseURL: configuration.hubURL, key: configuration.hubKey)
        var seed = SystemRandomNumberGenerator()
        self.faults = FaultInjector(settings: FaultSettings(), seed: configuration.faultSeed ?? seed.next())
        self.server = HTTPServer(
            configuration: HTTPServerConfiguration(host: configuration.host, port: configuration.port, shutdownGraceSeconds: 5),
            logger: logger, metrics: metrics, handler: router.handle)
        registerRoutes(on: router)
    }

    /// The bound port once started.
    public var port: Int { server.port }

    /// `http://host:port`.
    public var baseURL: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    /// True while the HTTP listener is up (false during a `refuse` outage).
    public var isListening: Bool { server.isRunning }

    /// Starts listening and applies the configured fault settings (which may open an outage window).
    public func start() throws {
        try server.start()
        lifecycle.withLock { $0.started = true }
        setFaults(configuration.faults)
    }

    /// Stops listening; waits briefly for requests in flight. Must not be called from a handler.
    public func stop() {
        lifecycle.withLock {
            $0.started = false
            $0.outageGeneration += 1
        }
        server.stop()
    }

    public var faultSettings: FaultSettings { faults.settings }

    /// Installs fault settings. With `outageMode` `refuse` and `outageSeconds` > 0 the listener
    /// closes now and reopens on the same port when the window ends.
    public func setFaults(_ settings: FaultSettings) {
        faults.update(settings)
        let generation = lifecycle.withLock { state -> Int? in
            state.outageGeneration += 1
            return state.started ? state.outageGeneration : nil
        }
        guard let generation else { return }
        if settings.outageMode == .refuse && settings.outageSeconds > 0 {
            let window = Duration.milliseconds(Int(settings.outageSeconds * 1000))
            logger.warning("outage: refusing connections", ["seconds": .double(settings.outageSeconds)])
            // The listener must be closed from outside any request handler.
            Thread.detachNewThread { [self] in
                let ends = ContinuousClock.now + window
                server.stop()
                while ContinuousClock.now < ends {
                    if lifecycle.withLock({ $0.outageGeneration != generation }) { return }
                    Thread.sleep(forTimeInterval: 0.02)
                }
                reopenIfCurrent(generation)
            }
        } else if !server.isRunning {
            Thread.detachNewThread { [self] in reopenIfCurrent(generation) }
        }
    }

    private func reopenIfCurrent(_ generation: Int) {
        for attempt in 0..<100 {
            do {
                // Checked and started under the lock, so a concurrent stop() cannot be undone.
                let reopened = try lifecycle.withLock { state -> Bool in
                    guard state.started && state.outageGeneration == generation else { return false }
                    try server.start()
                    return true
                }
                if reopened { logger.info("outage over: listening again", ["port": .int(server.port)]) }
                return
            } catch {
                if attempt == 99 { logger.error("cannot listen again after outage", ["error": .string("\(error)")]) }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }
}
