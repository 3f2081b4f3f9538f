/// A complete HTTP request as a handler sees it: headers and the whole body.
public struct HTTPRequest: Sendable {
    /// Upper-case method, e.g. `GET`.
    public var method: String
    /// Percent-decoded path without the query.
    public var path: String
    /// Query parameters, first value per name.
    public var query: [String: String]
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The id echoed in `X-Request-Id` and in problem bodies.
    public var requestID: String
    /// Peer address as `host:port`, or empty for in-process requests.
    public var remoteAddress: String
    /// Values of `{name}` segments, filled by `Router`.
    public var pathParameters: [String: String]

    public init(
        method: String, path: String, query: [String: String] = [:], headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [], requestID: String = RequestID.generate(), remoteAddress: String = ""
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.pathParameters = [:]
    }

    /// The body decoded as UTF-8 (invalid sequences repaired).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
