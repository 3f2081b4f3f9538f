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
    nonisolated(unsafe) private var index = RouteIndex()
    private let registration = Mutex<Void>(())
    private let sealed = Atomic<Bool>(false)

    /// The routes by segment count, each with the hashes of its literal segments, in plain
    /// memory: a request finds the routes its path can match by comparing integers, without
    /// copying (and so retaining, from every request thread at once) the routes themselves.
    struct RouteIndex {
        /// For segment count n: the routes with n segments, in registration order.
        var byCount: [[Int]] = []
        /// Per route, per segment: the hash of its literal, or `parameter` for a parameter.
        var literalHashes: [[Int]] = []
        static let parameter = Int.min

        init() {}

        init(_ routes: [Route]) {
            for (i, route) in routes.enumerated() {
                while byCount.count <= route.segments.count { byCount.append([]) }
                byCount[route.segments.count].append(i)
                literalHashes.append(route.segments.map {
                    if case .literal(let text) = $0 { return Self.hash(text) } else { return Self.parameter }
                })
            }
        }

        static func hash(_ text: String) -> Int {
            // Never `parameter`, so a literal cannot be mistaken for one.
            let h = text.hashValue
            return h == parameter ? h + 1 : h
        }
    }

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
        seal()
        return table
    }

    private func seal() {
        if !sealed.load(ordering: .acquiring) {
            registration.withLock { _ in
                if !sealed.load(ordering: .acquiring) {
                    index = RouteIndex(table)
                    sealed.store(true, ordering: .releasing)
                }
            }
        }
    }

    /// The routes whose pattern matches `path` (literals equal, parameters anything), with the
    /// parameters they bind.
    private func candidates(_ path: [String]) -> [(Route, [String: String])] {
        seal()
        guard path.count < index.byCount.count else { return [] }
        let hashes = path.map(RouteIndex.hash)
        var found: [(Route, [String: String])] = []
        for i in index.byCount[path.count] {
            var possible = true
            for (j, literal) in index.literalHashes[i].enumerated() where literal != RouteIndex.parameter && literal != hashes[j] {
                possible = false
                break
            }
            // Equal hashes are checked against the text itself.
            if possible, let parameters = Self.match(table[i].segments, path) { found.append((table[i], parameters)) }
        }
        return found
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
        let candidates = candidates(Self.split(request.path))
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
