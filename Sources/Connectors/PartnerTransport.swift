import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One outbound partner document (an 850, ORDERS, cXML OrderRequest, …) as the outbox carries it.
public struct PartnerDelivery: Sendable, Codable, Equatable {
    /// The supplier it is addressed to; its partner profile chooses the transport.
    public var supplier: String
    /// The file name in a drop folder, e.g. `PO-1001-r1-000000007.850`.
    public var fileName: String
    public var contentType: String
    public var controlNumber: String
    /// The document's text (X12, EDIFACT and cXML are text).
    public var body: String
    /// The hub's record of the outbound interchange, to mark delivered or undeliverable.
    public var interchange: String?

    public init(supplier: String, fileName: String, contentType: String, controlNumber: String, body: String,
                interchange: String? = nil) {
        self.interchange = interchange
        self.supplier = supplier
        self.fileName = fileName
        self.contentType = contentType
        self.controlNumber = controlNumber
        self.body = body
    }
}

/// Somewhere partner documents are delivered. Implementations block until they have an answer.
public protocol PartnerTransport: Sendable {
    func deliver(_ delivery: PartnerDelivery, idempotencyKey: String) -> DeliveryResult
}

/// Writes documents into `<folder>/outbox/` atomically: a hidden temporary file in the same
/// directory, flushed, then renamed to its final name, so the partner never sees half a file.
public struct DropFolderTransport: PartnerTransport {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    public func deliver(_ delivery: PartnerDelivery, idempotencyKey: String) -> DeliveryResult {
        let outbox = folder.appendingPathComponent("outbox", isDirectory: true)
        let name = delivery.fileName
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            return .rejected(reason: "the file name \"\(name)\" cannot be written to a drop folder")
        }
        do {
            try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
            // Delivered before (a retry after a lost lease): the same name holds the same document.
            try AtomicFile.write(Array(delivery.body.utf8), to: outbox.appendingPathComponent(name), replace: false)
            return .delivered
        } catch {
            return .retryable(reason: "cannot write to the drop folder \(outbox.path): \(error)", after: nil)
        }
    }
}

/// Posts documents to the partner's URL with the document's content type, an `Idempotency-Key`
/// and, when configured, a bearer token. Answers are classified as for the ERP: 2xx delivered;
/// 408, 425, 429, 5xx and network failures retried (honouring `Retry-After`); other 4xx refused.
public final class HTTPPartnerTransport: PartnerTransport {
    public let url: URL
    private let session: URLSession
    private let authorization: String?

    public init(url: URL, bearerToken: String? = nil, timeout: TimeInterval = 10) {
        self.url = url
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
        authorization = bearerToken.map { "Bearer \($0)" }
    }

    deinit { session.finishTasksAndInvalidate() }

    public func deliver(_ delivery: PartnerDelivery, idempotencyKey: String) -> DeliveryResult {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue(delivery.contentType, forHTTPHeaderField: "Content-Type")
        request.setValue(idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(delivery.body.utf8)
        let (data, response, error) = BlockingPost.send(request, on: session)
        if let error {
            return .retryable(reason: "no answer from the partner: \(error.localizedDescription)", after: nil)
        }
        guard let http = response as? HTTPURLResponse else {
            return .retryable(reason: "no HTTP answer from the partner", after: nil)
        }
        switch RESTERPConnector.classify(status: http.statusCode, retryAfter: http.value(forHTTPHeaderField: "Retry-After"), body: data ?? Data()) {
        case .delivered: return .delivered
        case .retryable(let reason, let after): return .retryable(reason: reason.replacingOccurrences(of: "ERP", with: "partner"), after: after)
        case .rejected(let reason): return .rejected(reason: reason.replacingOccurrences(of: "ERP", with: "partner"))
        }
    }
}
