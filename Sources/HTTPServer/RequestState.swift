/// What the server knows about one request between libmicrohttpd's first access-handler call
/// and its completion callback. Only the connection's worker thread touches it.
final class RequestState {
    let started: ContinuousClock.Instant
    let requestID: String
    var body: [UInt8] = []
    var bytesIn = 0
    var tooLarge = false
    var answered = false
    /// The body limit for this request's path.
    var maxBodyBytes = 0

    init(started: ContinuousClock.Instant, requestID: String) {
        self.started = started
        self.requestID = requestID
    }
}
