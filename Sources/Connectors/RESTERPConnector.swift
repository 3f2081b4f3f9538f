import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts to a cloud ERP's REST endpoint: `POST {baseURL}/erp/postings` with an
/// `Idempotency-Key` header and a JSON envelope:
/// `{"kind":…,"document":…,"revision":…,"idempotencyKey":…,"payload":{…}}`.
public final class RESTERPConnector: ERPConnector {
    public let baseURL: URL
    private let session: URLSession
    private let authorization: String?

    /// - Parameters:
    ///   - timeout: seconds to wait for an answer before counting the attempt as failed.
    ///   - bearerToken: sent as `Authorization: Bearer …` when the ERP wants one.
    public init(baseURL: URL, timeout: TimeInterval = 10, bearerToken: String? = nil) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = 8
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(configuration: configuration)
        self.authorization = bearerToken.map { "Bearer \($0)" }
    }

    public func post(_ posting: ERPPosting) -> DeliveryResult {
        var request = URLRequest(url: baseURL.appendingPathComponent("erp/postings"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(posting.idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        request.httpBody = Self.envelope(posting)
        let (data, response, error) = BlockingPost.send(request, on: session)
        if let error {
            return .retryable(reason: "no answer from the ERP: \(error.localizedDescription)", after: nil)
        }
        guard let http = response as? HTTPURLResponse else {
            return .retryable(reason: "no HTTP answer from the ERP", after: nil)
        }
        return Self.classify(status: http.statusCode, retryAfter: http.value(forHTTPHeaderField: "Retry-After"),
                             body: data ?? Data())
    }

    /// 2xx delivered; 408, 425, 429 and 5xx retryable; other statuses rejected for good.
    public static func classify(status: Int, retryAfter: String?, body: Data, now: Date = Date()) -> DeliveryResult {
        let snippet = String(decoding: body.prefix(300), as: UTF8.self)
        switch status {
        case 200..<300:
            return .delivered
        case 408, 425, 429, 500..<600:
            return .retryable(reason: "ERP answered \(status): \(snippet)", after: retryAfter.flatMap { parseRetryAfter($0, now: now) })
        default:
            return .rejected(reason: "ERP refused the posting with \(status): \(snippet)")
        }
    }

    /// `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3).
    public static func parseRetryAfter(_ value: String, now: Date) -> TimeInterval? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return TimeInterval(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    static func envelope(_ posting: ERPPosting) -> Data {
        // The payload is already JSON; splice it in rather than re-encoding it.
        func quoted(_ s: String) -> String {
            let data = try? JSONEncoder().encode(s)
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
        var body = "{\"kind\":\(quoted(posting.kind)),\"document\":\(quoted(posting.document)),"
        body += "\"revision\":\(posting.revision),\"idempotencyKey\":\(quoted(posting.idempotencyKey)),\"payload\":"
        var data = Data(body.utf8)
        data.append(contentsOf: posting.payload.isEmpty ? Array("{}".utf8) : posting.payload)
        data.append(UInt8(ascii: "}"))
        return data
    }
}
