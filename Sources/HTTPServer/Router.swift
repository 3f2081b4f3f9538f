import Synchronization

/// The signature of every request handler. Handlers are synchronous and may block.
public typealias HTTPHandler = @Sendable (HTTPRequest) throws -> HTTPResponse

/// Routes by method and path pattern. Patterns are `/`-separated segments where `{name}`
/// matches any one segment; at the first segment where two matching patterns differ,
/// a literal wins over a parameter.
public final class Router: Sendable {
    struct Route: Sendable {
        var method: String
        var pattern: String
        var segments: [Segment]
        var handler: HTTPHandler
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    /// Routes are registered before the first request and never change after it, so requests
    /// read them without a lock.
    // nonisolated(unsafe): written only under `registration` and only before `sealed` is set;
    // read only after `sealed` is set (release/acquire through the atomic).
    nonisolated(unsafe) private var table: [Route] = []
    private let registration = Mutex<Void>(())
    private let sealed = Atomic<Bool>(false)

    public init() {}

    /// Registers `handler` for `method` and `pattern`. Registering the same pair twice is a programmer error.
    public func add(_ method: String, _ pattern: String, _ handler: @escaping HTTPHandler) {
        let method = method.uppercased()
        let segments = Self.split(pattern).map { part -> Segment in
            if part.hasPrefix("{") && part.hasSuffix("}") && part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(part)
        }
        registration.withLock { _ in
            precondition(!sealed.load(ordering: .acquiring), "routes must be registered before the first request")
            precondition(
                !table.contains { $0.method == method && $0.segments.shape == segments.shape },
                "route \(method) \(pattern) registered twice")
            table.append(Route(method: method, pattern: pattern, segments: segments, handler: handler))
        }
    }

    private var routes: [Route] {
        if !sealed.load(ordering: .acquiring) {
            registration.withLock { _ in sealed.store(true, ordering: .releasing) }
        }
        return table
    }

    /// Every method and pattern registered, in registration order (for documentation checks).
    public var registeredRoutes: [(method: String, pattern: String)] {
        routes.map { ($0.method, $0.pattern) }
    }

    public func get(_ pattern: String, _ handler: @escaping HTTPHandler) { add("GET", pattern, handler) }
    public func post(_ pattern: String, _ handler: @escaping HTTPHandler) { add("POST", pattern, handler) }
    public func put(_ pattern: String, _ handler: @escaping HTTPHandler) { add("PUT", pattern, handler) }
    public func delete(_ pattern: String, _ handler: @escaping HTTPHandler) { add("DELETE", pattern, handler) }

    /// Answers the request: the matching handler's response, or a 404/405 problem.
    /// HEAD uses the GET handler and drops the body. Errors thrown by handlers become problems
    /// (see `HTTPResponse.from(error:)`).
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        do {
            return try route(request)
        } catch {
            return HTTPResponse.from(error: error).completingProblem(path: request.path, requestID: request.requestID)
        }
    }

    /// Like `handle`, but rethrows what the handler throws.
    public func route(_ request: HTTPRequest) throws -> HTTPResponse {
        let pathSegments = Self.split(request.path)
        let candidates = routes.compactMap { route in
            Self.match(route.segments, pathSegments).map { (route, $0) }
        }
        guard !candidates.isEmpty else {
            return HTTPResponse.problem(.notFound()).completingProblem(path: request.path, requestID: request.requestID)
        }
        let method = request.method.uppercased()
        let isHead = method == "HEAD"
        var chosen = best(candidates.filter { $0.0.method == method })
        if chosen == nil && isHead {
            chosen = best(candidates.filter { $0.0.method == "GET" })
        }
        guard let (route, parameters) = chosen else {
            var allowed = Set(candidates.map(\.0.method))
            if allowed.contains("GET") { allowed.insert("HEAD") }
            let allow = allowed.sorted().joined(separator: ", ")
            var response = HTTPResponse.problem(
                Problem(status: 405, slug: "method-not-allowed", title: "Method Not Allowed",
                        detail: "\(method) is not supported here; use \(allow).")
            ).completingProblem(path: request.path, requestID: request.requestID)
            response.headers.set("Allow", allow)
            return response
        }
        var routed = request
        routed.pathParameters = parameters
        var response = try route.handler(routed)
        if isHead && route.method == "GET" {
            response.headContentLength = response.body.count
            response.body = []
        }
        return response
    }

    private func best(_ candidates: [(Route, [String: String])]) -> (Route, [String: String])? {
        candidates.min { a, b in Self.morePrecise(a.0.segments, than: b.0.segments) }
    }

    static func morePrecise(_ a: [Segment], than b: [Segment]) -> Bool {
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (.literal, .parameter): return true
            case (.parameter, .literal): return false
            default: continue
            }
        }
        return false
    }

    static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    static func match(_ segments: [Segment], _ path: [String]) -> [String: String]? {
        guard segments.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, path) {
            switch segment {
            case .literal(let literal): if literal != part { return nil }
            case .parameter(let name): parameters[name] = part
            }
        }
        return parameters
    }
}

extension Array where Element == Router.Segment {
    /// The pattern with parameter names erased, for duplicate detection.
    fileprivate var shape: [String?] {
        map { if case .literal(let s) = $0 { s } else { nil } }
    }
}
