/// Listening address and limits of an `HTTPServer`.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind: an IPv4 or IPv6 literal or a host name.
    public var host: String
    /// Port to bind; 0 picks a free port (see `HTTPServer.port`).
    public var port: Int
    /// Largest accepted request body; larger ones get a 413 problem.
    public var maxBodyBytes: Int
    /// Other body limits for paths that start with a prefix (file uploads); the longest
    /// matching prefix wins over `maxBodyBytes`.
    public var bodyLimits: [String: Int] = [:]
    /// The 413 problem for bodies over the limit on paths that start with a prefix (the longest
    /// matching prefix wins), so an upload path can answer in its own terms; other paths get
    /// `payload-too-large`.
    public var bodyLimitProblems: [String: Problem] = [:]
    /// Idle connections are closed after this many seconds.
    public var connectionTimeoutSeconds: Int
    /// Most simultaneous connections. Each open connection has a thread of its own (handlers
    /// block on storage), so this also bounds the server's threads.
    public var connectionLimit: Int
    /// How long `stop()` waits for requests in flight before closing connections.
    public var shutdownGraceSeconds: Double

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20,
        connectionTimeoutSeconds: Int = 30, connectionLimit: Int = 1024, shutdownGraceSeconds: Double = 10
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionLimit = connectionLimit
        self.shutdownGraceSeconds = shutdownGraceSeconds
    }

    /// The body limit for a request path.
    public func maxBodyBytes(path: String) -> Int {
        var best: (prefix: Int, limit: Int)?
        for (prefix, limit) in bodyLimits where path.hasPrefix(prefix) && prefix.count > (best?.prefix ?? -1) {
            best = (prefix.count, limit)
        }
        return best?.limit ?? maxBodyBytes
    }

    /// The problem for a body over the limit of a request path.
    public func tooLargeProblem(path: String) -> Problem {
        var best: (prefix: Int, problem: Problem)?
        for (prefix, problem) in bodyLimitProblems where path.hasPrefix(prefix) && prefix.count > (best?.prefix ?? -1) {
            best = (prefix.count, problem)
        }
        return best?.problem ?? .payloadTooLarge(limit: maxBodyBytes(path: path))
    }
}
