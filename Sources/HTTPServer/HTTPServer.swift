#if canImport(Glibc)
import Glibc
#endif
import CMicroHTTPD
import Foundation
import Synchronization
import Telemetry

/// An HTTP/1.1 server on libmicrohttpd with a thread per connection, so the synchronous handler
/// may block (on a commit, say) without holding up any other connection. It adds `X-Request-Id`, enforces the body limit, maps thrown
/// errors to problem responses, and writes an access log line per request.
///
/// A handler can return `HTTPResponse.dropConnection` to close the connection without answering.
public final class HTTPServer: Sendable {
    /// The libmicrohttpd daemon handle with the context its callbacks use.
    /// `@unchecked Sendable`: the pointer is only used under `HTTPServer.state`'s lock or after
    /// being taken out of it, and libmicrohttpd's daemon calls are thread-safe.
    private final class Running: @unchecked Sendable {
        let daemon: OpaquePointer
        let core: ServerCore
        init(daemon: OpaquePointer, core: ServerCore) {
            self.daemon = daemon
            self.core = core
        }
    }

    private struct State {
        var running: Running?
        var port = 0
    }

    public let configuration: HTTPServerConfiguration
    private let logger: Logger
    private let metrics: Metrics?
    private let handler: HTTPHandler
    private let state = Mutex(State())

    public init(configuration: HTTPServerConfiguration, logger: Logger, metrics: Metrics? = nil,
                handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.handler = handler
    }

    deinit {
        if let running = state.withLock({ $0.running }) {
            MHD_stop_daemon(running.daemon)
        }
    }

    /// The bound port after `start()` (the chosen one when the configuration says 0).
    public var port: Int { state.withLock { $0.port } }

    public var isRunning: Bool { state.withLock { $0.running != nil } }

    /// Binds and starts serving. After `stop()` it may be started again; with a configured
    /// port of 0 it then reuses the port it had.
    public func start() throws {
        try state.withLock { state in
            guard state.running == nil else { return }
            let port = configuration.port == 0 && state.port != 0 ? state.port : configuration.port
            let bound = try ListeningSocket.open(host: configuration.host, port: port)
            let core = ServerCore(configuration: configuration, logger: logger, metrics: metrics, handler: handler)
            // A thread per connection rather than a pool of event loops: a pool worker accepts
            // several connections at once, and a handler blocked on its commit would stall the
            // others it holds.
            var flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_THREAD_PER_CONNECTION.rawValue
                | MHD_USE_POLL.rawValue | MHD_USE_ITC.rawValue | MHD_USE_ERROR_LOG.rawValue
            if bound.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
            let context = Unmanaged.passUnretained(core).toOpaque()
            let daemon = supplyline_mhd_start(
                flags, bound.descriptor,
                { cls, connection, url, method, _, uploadData, uploadSize, conCls in
                    let core = Unmanaged<ServerCore>.fromOpaque(cls!).takeUnretainedValue()
                    return core.access(connection: connection!, url: url, method: method, uploadData: uploadData,
                                       uploadSize: uploadSize!, context: conCls!)
                }, context,
                { cls, _, conCls, code in
                    Unmanaged<ServerCore>.fromOpaque(cls!).takeUnretainedValue().completed(context: conCls, code: code)
                }, context,
                { cls, format, arguments in
                    guard let cls, let format, let arguments else { return }
                    var buffer = [CChar](repeating: 0, count: 512)
                    _ = vsnprintf(&buffer, buffer.count, format, arguments)
                    let message = String(cCharacters: buffer).trimmingCharacters(in: .whitespacesAndNewlines)
                    Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue().logger
                        .warning("libmicrohttpd: \(message)")
                }, context,
                UInt32(max(0, configuration.connectionTimeoutSeconds)),
                UInt32(max(1, configuration.connectionLimit)))
            guard let daemon else {
                // libmicrohttpd may already have closed the socket on this path; close it only if it is still ours.
                if ListeningSocket.isListening(bound.descriptor, port: bound.port) { close(bound.descriptor) }
                throw HTTPServerError(operation: "start", address: "\(configuration.host):\(bound.port)",
                                      message: "libmicrohttpd could not start the daemon", code: nil)
            }
            state.running = Running(daemon: daemon, core: core)
            state.port = bound.port
            logger.debug("listening", ["host": .string(configuration.host), "port": .int(bound.port)])
        }
    }

    /// Stops accepting connections, waits up to `shutdownGraceSeconds` for requests in flight
    /// to be answered, then closes every connection. Safe to call twice. Must not be called
    /// from a handler (it would wait for itself); hand it to another thread instead.
    public func stop() {
        precondition(!WorkerThread.isHandling,
                     "HTTPServer.stop() called from a request handler")
        guard let running = state.withLock({ state -> Running? in
            defer { state.running = nil }
            return state.running
        }) else { return }
        let listener = MHD_quiesce_daemon(running.daemon)
        if listener >= 0 { close(listener) }
        let deadline = ContinuousClock.now + .milliseconds(Int(configuration.shutdownGraceSeconds * 1000))
        while running.core.inFlight.load(ordering: .relaxed) > 0 && ContinuousClock.now < deadline {
            usleep(2_000)
        }
        MHD_stop_daemon(running.daemon)
    }
}
