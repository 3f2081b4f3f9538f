import API
import Connectors
import Flows
import Foundation
import HTTPServer
import Storage
import Telemetry

/// The composition root: opens the store, wires flows, the API, the HTTP server and the
/// services, and starts and stops them together.
public final class Hub: Sendable {
    public let configuration: HubConfiguration
    public let store: SQLiteStore
    public let context: FlowContext
    public let api: API
    public let server: HTTPServer
    public let dispatcher: Dispatcher?
    /// Watches the inbox of every partner profile with a drop folder.
    public let dropFolders: DropFolderService
    /// Sweeps the timers: overdue acknowledgements, late ship notices, overdue nonconformance steps.
    public let timers: TimerService
    private let services: ServiceGroup
    private let databaseLock: DatabaseLock

    public init(configuration: HubConfiguration, logSink: LogSink = .standardError,
                clock: any Clock = SystemClock(), connector: (any ERPConnector)? = nil) throws {
        self.configuration = configuration
        databaseLock = DatabaseLock(databasePath: configuration.databasePath)
        let logger = Logger(label: "supplyline", level: configuration.logLevel, sink: logSink)
        let metrics = Metrics()
        let directory = URL(fileURLWithPath: configuration.databasePath).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(configuration: .init(path: configuration.databasePath, durability: configuration.durability),
                                metrics: metrics)
        context = FlowContext(store: store, clock: clock, logger: logger, metrics: metrics)
        let api = API(context: context, authenticator: Authenticator(context: context), maxDocumentBytes: configuration.maxDocumentBytes)
        self.api = api
        var serverConfiguration = HTTPServerConfiguration(host: configuration.host, port: configuration.port,
                                                          maxBodyBytes: configuration.maxBodyBytes)
        serverConfiguration.connectionLimit = configuration.maxConnections
        // Uploads carry the file itself: that path takes documents up to their own limit.
        serverConfiguration.bodyLimits["/v1/quality-documents"] = max(configuration.maxDocumentBytes, configuration.maxBodyBytes)
        // A body the server stops reading there is an oversized document, answered as the upload
        // itself would answer it.
        serverConfiguration.bodyLimitProblems["/v1/quality-documents"] = API.documentTooLarge(maxBytes: configuration.maxDocumentBytes)
        server = HTTPServer(configuration: serverConfiguration,
                            logger: configuration.accessLog ? logger.with(["component": "http"]) : Logger(label: "http", level: .warning, sink: logSink),
                            metrics: metrics, handler: { api.handle($0) })
        let context = self.context
        let erp = connector ?? configuration.erpURL.map { RESTERPConnector(baseURL: $0) }
        // Always running: partner documents go out even when no ERP is configured.
        dispatcher = Dispatcher(context: context, connector: erp, policy: configuration.retry,
                                concurrency: configuration.dispatcherConcurrency)
        dropFolders = DropFolderService(context: context, interval: configuration.dropFolderPollSeconds)
        timers = TimerService(sweep: TimerSweep(context: context, policy: configuration.timers), interval: configuration.timerIntervalSeconds)
        services = ServiceGroup(logger: logger)
        if erp == nil {
            logger.warning("no ERP URL configured: postings stay in the outbox until the hub runs with --erp-url")
        }
    }

    /// The port the server listens on (useful with port 0).
    public var port: Int { server.port }

    /// Starts the HTTP server and the services. Returns once the server is listening. Refuses
    /// to start while another hub serves the same database.
    public func start() throws {
        try databaseLock.acquire()
        do {
            try server.start()
        } catch {
            databaseLock.release()
            throw error
        }
        if let dispatcher { services.start(dispatcher) }
        services.start(dropFolders)
        services.start(timers)
        context.logger.info("supplyline listening", ["url": .string("http://\(configuration.host):\(server.port)"),
                                                     "db": .string(configuration.databasePath)])
    }

    /// Stops accepting requests, finishes those in flight, stops the services, closes the store.
    public func stop() {
        server.stop()
        services.stopAll()
        store.close()
        databaseLock.release()
    }
}

/// Runs services on their own threads and stops them together.
// @unchecked Sendable: `running` is only touched under `lock`.
final class ServiceGroup: @unchecked Sendable {
    private let lock = NSLock()
    private var running: [(service: any Service, done: DispatchSemaphore)] = []
    private let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func start(_ service: any Service) {
        let done = DispatchSemaphore(value: 0)
        lock.withLock { running.append((service, done)) }
        let thread = Thread {
            service.run()
            done.signal()
        }
        thread.name = "supplyline-\(service.name)"
        thread.start()
    }

    func stopAll() {
        let all = lock.withLock { running }
        for entry in all { entry.service.stop() }
        for entry in all {
            if entry.done.wait(timeout: .now() + 30) == .timedOut {
                logger.warning("service did not stop in time", ["service": .string(entry.service.name)])
            }
        }
        lock.withLock { running.removeAll() }
    }
}
