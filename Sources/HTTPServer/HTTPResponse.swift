/// A complete HTTP response.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// The problem this response renders; the server completes `instance` and `requestId`.
    public internal(set) var problem: Problem?
    /// Content-Length to announce for a HEAD answer whose body was dropped.
    var headContentLength: Int?
    /// `String(reflecting:)` of an unmapped error, for the server's error log line.
    var unhandledError: String?
    /// When true the server closes the connection without answering.
    public internal(set) var dropsConnection = false

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ status: Int, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

    public static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8")
        -> HTTPResponse
    {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    public static func problem(_ problem: Problem) -> HTTPResponse {
        var response = HTTPResponse(
            status: problem.status, headers: ["Content-Type": "application/problem+json"],
            body: problem.jsonBody(requestID: nil))
        response.problem = problem
        return response
    }

    /// Closes the connection without sending any response, after the handler's work is done.
    /// The client sees the connection end (an ambiguous outcome); used to simulate lost answers.
    public static var dropConnection: HTTPResponse {
        var response = HTTPResponse(status: 0)
        response.dropsConnection = true
        return response
    }

    /// The response for an error thrown by a handler: an `HTTPResponseError` maps to its problem,
    /// anything else to a 500 that does not reveal the error (kept for the log).
    public static func from(error: any Error) -> HTTPResponse {
        if let mapped = error as? any HTTPResponseError {
            return .problem(mapped.problem)
        }
        var response = HTTPResponse.problem(.internalError)
        response.unhandledError = String(reflecting: error)
        return response
    }

    /// Fills the problem's `instance` (when nil) and `requestId` and re-renders the body.
    func completingProblem(path: String, requestID: String) -> HTTPResponse {
        guard var problem else { return self }
        if problem.instance == nil { problem.instance = path }
        var copy = self
        copy.problem = problem
        copy.body = problem.jsonBody(requestID: requestID)
        return copy
    }
}
