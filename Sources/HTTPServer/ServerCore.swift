import CMicroHTTPD
import Foundation
import Synchronization
import Telemetry

/// The context libmicrohttpd's callbacks reach through their `cls` pointer. `HTTPServer`
/// keeps it alive for as long as a daemon uses it.
final class ServerCore: Sendable {
    let configuration: HTTPServerConfiguration
    let logger: Logger
    let metrics: Metrics?
    let handler: HTTPHandler
    /// Requests between their first callback and completion.
    let inFlight = Atomic<Int>(0)
    private let durations: Histogram?
    /// `http_requests_total` by method and status, looked up once each: the registry's own
    /// lookup builds label strings under its lock, too slow for every request. One slot per
    /// status (0 for a dropped connection) and method, read without a lock.
    nonisolated(unsafe) private let requestCounters: UnsafeMutablePointer<AtomicLazyReference<Counter>>
    private static let counterSlots = 1000 * (knownMethods.count + 1)

    /// Bytes of an oversize streamed body read (and thrown away) before the connection is closed.
    func discardLimit(_ limit: Int) -> Int { limit + max(limit, 1 << 20) }

    init(configuration: HTTPServerConfiguration, logger: Logger, metrics: Metrics?, handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.handler = handler
        self.durations = metrics?.histogram(
            "http_request_duration_seconds", help: "Time from request start to response queued.")
        requestCounters = .allocate(capacity: Self.counterSlots)
        for slot in 0..<Self.counterSlots { (requestCounters + slot).initialize(to: AtomicLazyReference()) }
    }

    deinit {
        requestCounters.deinitialize(count: Self.counterSlots)
        requestCounters.deallocate()
    }

    // MARK: access handler

    func access(
        connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?,
        uploadData: UnsafePointer<CChar>?, uploadSize: UnsafeMutablePointer<Int>,
        context: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        guard let raw = context.pointee else {
            return begin(connection: connection, url: url, method: method, context: context)
        }
        let state = Unmanaged<RequestState>.fromOpaque(raw).takeUnretainedValue()
        let size = uploadSize.pointee
        if size > 0 {
            uploadSize.pointee = 0
            state.bytesIn += size
            if state.answered { return .YES }
            if state.tooLarge {
                // libmicrohttpd cannot answer while a body is arriving, so the rest is read and
                // discarded, and the 413 goes out when the body ends. Endless bodies are cut off.
                return state.bytesIn > discardLimit(state.maxBodyBytes) ? .NO : .YES
            }
            if state.body.count + size > state.maxBodyBytes {
                state.tooLarge = true
                state.body = []
                return .YES
            }
            if let uploadData {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: size) {
                    state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: size))
                }
            }
            return .YES
        }
        if state.answered { return .YES }
        if state.tooLarge {
            return answer(.problem(state.tooLargeProblem ?? .payloadTooLarge(limit: state.maxBodyBytes)), state: state,
                          connection: connection, url: url, method: method)
        }
        let request = makeRequest(connection: connection, url: url, method: method, state: state)
        WorkerThread.isHandling = true
        let response: HTTPResponse
        do {
            response = try handler(request)
        } catch {
            response = HTTPResponse.from(error: error)
        }
        WorkerThread.isHandling = false
        return answer(response, state: state, connection: connection, url: url, method: method)
    }

    private func begin(
        connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?,
        context: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        let offered = MHD_lookup_connection_value(connection, .HEADER_KIND, "X-Request-Id").map { String(cString: $0) }
        let state = RequestState(started: .now, requestID: RequestID.accept(offered))
        state.maxBodyBytes = configuration.bodyLimits.isEmpty ? configuration.maxBodyBytes
            : configuration.maxBodyBytes(path: url.map { String(cString: $0) } ?? "")
        if !configuration.bodyLimitProblems.isEmpty {
            state.tooLargeProblem = configuration.tooLargeProblem(path: url.map { String(cString: $0) } ?? "")
        }
        context.pointee = Unmanaged.passRetained(state).toOpaque()
        inFlight.wrappingAdd(1, ordering: .relaxed)
        if let declared = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length"),
           let length = Int(String(cString: declared).trimmingCharacters(in: .whitespaces))
        {
            if length > state.maxBodyBytes {
                state.tooLarge = true
                return answer(.problem(state.tooLargeProblem ?? .payloadTooLarge(limit: state.maxBodyBytes)), state: state,
                              connection: connection, url: url, method: method)
            }
            state.body.reserveCapacity(length)
        }
        return .YES
    }

    /// Releases the request state; called by libmicrohttpd when a request ends in any way.
    func completed(context: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, code: MHD_RequestTerminationCode) {
        guard let context, let raw = context.pointee else { return }
        context.pointee = nil
        let state = Unmanaged<RequestState>.fromOpaque(raw).takeRetainedValue()
        inFlight.wrappingSubtract(1, ordering: .relaxed)
        if !state.answered {
            logger.debug("request ended before a response", ["requestId": .string(state.requestID),
                                                             "termination": .int(Int(code.rawValue))])
        }
    }

    // MARK: request and response

    private func makeRequest(
        connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?, state: RequestState
    ) -> HTTPRequest {
        var pairs: [(String, String)] = []
        withUnsafeMutablePointer(to: &pairs) { pointer in
            _ = MHD_get_connection_values_n(connection, .HEADER_KIND, { cls, _, key, keyLength, value, valueLength in
                let list = cls!.assumingMemoryBound(to: [(String, String)].self)
                list.pointee.append((ServerCore.text(key, keyLength), ServerCore.text(value, valueLength)))
                return .YES
            }, pointer)
        }
        var query: [String: (String)] = [:]
        var arguments: [(String, String)] = []
        withUnsafeMutablePointer(to: &arguments) { pointer in
            _ = MHD_get_connection_values_n(connection, .GET_ARGUMENT_KIND, { cls, _, key, keyLength, value, valueLength in
                let list = cls!.assumingMemoryBound(to: [(String, String)].self)
                list.pointee.append((ServerCore.text(key, keyLength), ServerCore.text(value, valueLength)))
                return .YES
            }, pointer)
        }
        for (name, value) in arguments where query[name] == nil {
            query[name] = value
        }
        let remote = supplyline_mhd_client_address(connection).map { ListeningSocket.describe($0) } ?? ""
        return HTTPRequest(
            method: method.map { String(cString: $0) } ?? "GET", path: url.map { String(cString: $0) } ?? "/",
            query: query, headers: HTTPHeaders(pairs), body: state.body, requestID: state.requestID,
            remoteAddress: remote)
    }

    static func text(_ pointer: UnsafePointer<CChar>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    private func answer(
        _ original: HTTPResponse, state: RequestState, connection: OpaquePointer,
        url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?
    ) -> MHD_Result {
        state.answered = true
        let methodName = method.map { String(cString: $0) } ?? "GET"
        let path = url.map { String(cString: $0) } ?? "/"
        var response = original
        if let error = response.unhandledError {
            logger.error("unhandled error", ["requestId": .string(state.requestID), "error": .string(error),
                                             "method": .string(methodName), "path": .string(path)])
        }
        if !response.dropsConnection && !(100...999).contains(response.status) {
            logger.error("handler returned an invalid status", ["requestId": .string(state.requestID),
                                                               "status": .int(response.status)])
            response = .problem(.internalError)
        }
        response = response.completingProblem(path: path, requestID: state.requestID)
        response.headers.set("X-Request-Id", state.requestID)

        let result: MHD_Result
        if response.dropsConnection {
            result = .NO
        } else {
            result = queue(response, on: connection)
        }
        record(response, state: state, method: methodName, path: path, connection: connection)
        return result
    }

    private func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        let handle: OpaquePointer?
        if let length = response.headContentLength {
            // HEAD: announce the GET body's length; libmicrohttpd never reads a HEAD body.
            handle = MHD_create_response_from_callback(UInt64(length), 4096, { _, _, _, _ in -2 }, nil, nil)
        } else {
            var body = response.body
            handle = body.withUnsafeMutableBytes {
                MHD_create_response_from_buffer($0.count, $0.baseAddress, .RESPMEM_MUST_COPY)
            }
        }
        guard let handle else { return .NO }
        defer { MHD_destroy_response(handle) }
        for (name, value) in response.headers where !HTTPHeaders.same(name, "Content-Length") {
            _ = MHD_add_response_header(handle, name, value)
        }
        return MHD_queue_response(connection, UInt32(response.status), handle)
    }

    private func record(
        _ response: HTTPResponse, state: RequestState, method: String, path: String, connection: OpaquePointer
    ) {
        let elapsed = ContinuousClock.now - state.started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if let metrics {
            let methodIndex = Self.knownMethods.firstIndex(of: method) ?? Self.knownMethods.count
            let status = response.dropsConnection ? 0 : response.status
            let slot = requestCounters + (status * (Self.knownMethods.count + 1) + methodIndex)
            if let counter = slot.pointee.load() {
                counter.increment()
            } else {
                let label = methodIndex < Self.knownMethods.count ? method : "OTHER"
                let counter = metrics.counter("http_requests_total", help: "HTTP requests answered.",
                                              labels: ["method": label, "status": status == 0 ? "dropped" : String(status)])
                slot.pointee.storeIfNil(counter).increment()
            }
            durations?.observe(seconds)
        }
        guard logger.isEnabled(.info) else { return }
        let remote = supplyline_mhd_client_address(connection).map { ListeningSocket.describe($0) } ?? ""
        let agent = MHD_lookup_connection_value(connection, .HEADER_KIND, "User-Agent").map { String(cString: $0) } ?? ""
        var fields: [String: LogValue] = [
            "requestId": .string(state.requestID), "method": .string(method), "path": .string(path),
            "status": .int(response.status), "durationMs": .double((seconds * 1_000_000).rounded() / 1000),
            "bytesIn": .int(state.bytesIn), "bytesOut": .int(method == "HEAD" ? 0 : response.body.count),
            "remote": .string(remote), "userAgent": .string(agent),
        ]
        if response.dropsConnection { fields["dropped"] = .bool(true) }
        logger.info("request", fields)
    }

    private static let knownMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
}
