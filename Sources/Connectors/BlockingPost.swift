import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One request through URLSession, waited for, on a connection of its own.
///
/// `Connection: close` keeps each delivery off reused connections: when a reused connection
/// turned out to be closed by the receiver (an idle timeout, a restart, a dropped answer),
/// libcurl sent the request again on a new one, but URLSession could not supply the body a
/// second time, and the delivery hung until the timeout with a half-sent request.
enum BlockingPost {
    static func send(_ request: URLRequest, on session: URLSession) -> (data: Data?, response: URLResponse?, error: Error?) {
        var request = request
        request.setValue("close", forHTTPHeaderField: "Connection")
        let outcome = Mutex<(Data?, URLResponse?, Error?)?>(nil)
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            outcome.withLock { $0 = (data, response, error) }
            done.signal()
        }.resume()
        done.wait()
        let (data, response, error) = outcome.withLock { $0 } ?? (nil, nil, nil)
        return (data, response, error)
    }
}
