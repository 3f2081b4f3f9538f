import Foundation
import HTTPServer
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why a release to the hub failed: the hub's answer, or no answer at all.
public struct ReleaseFailure: Error, Sendable, CustomStringConvertible {
    /// The hub's HTTP status; nil when the hub could not be reached.
    public var hubStatus: Int?
    /// The hub's problem `detail` (or body text), or the transport error.
    public var detail: String

    public var description: String {
        hubStatus.map { "hub answered \($0): \(detail)" } ?? "hub unreachable: \(detail)"
    }

    /// Worth retrying: no answer, or a 5xx/429 from the hub.
    public var isTransient: Bool { hubStatus.map { $0 >= 500 || $0 == 429 } ?? true }

    var problem: Problem {
        var extensions: [String: JSONValue] = ["hubDetail": .string(detail)]
        extensions["hubStatus"] = hubStatus.map { .int($0) } ?? .null
        return Problem(status: 502, slug: "hub-release-failed", title: "Release To Hub Failed",
                       detail: description, extensions: extensions)
    }
}

/// Speaks the hub's public API: PUT suppliers and purchase orders with the API key.
final class HubClient: Sendable {
    let baseURL: String?
    private let key: String
    private let transport: URLSession

    init(baseURL: String?, key: String) {
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.key = key
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 15
        transport = URLSession(configuration: configuration)
    }

    func put(_ path: String, body: [UInt8]) throws(ReleaseFailure) {
        _ = try send("PUT", path, body: body)
    }

    /// Sends JSON to the hub; returns the status and body of a 2xx answer, throws otherwise.
    func send(_ method: String, _ path: String, body: [UInt8], headers: [String: String] = [:]) throws(ReleaseFailure) -> (Int, Data) {
        guard let baseURL, let url = URL(string: baseURL + path) else {
            throw ReleaseFailure(hubStatus: nil, detail: "no hub URL is configured")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = Data(body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let result = Mutex<(Int?, Data, String?)>((nil, Data(), nil))
        let done = DispatchSemaphore(value: 0)
        transport.dataTask(with: request) { data, response, error in
            result.withLock { $0 = ((response as? HTTPURLResponse)?.statusCode, data ?? Data(), error.map { String(describing: $0) }) }
            done.signal()
        }.resume()
        done.wait()
        let (status, data, error) = result.withLock { $0 }
        guard let status else {
            throw ReleaseFailure(hubStatus: nil, detail: error ?? "no response")
        }
        guard (200..<300).contains(status) else {
            let object = try? JSONDecoder().decode(JSONValue.self, from: data)
            let detail = object?["detail"]?.stringValue ?? String(decoding: data.prefix(500), as: UTF8.self)
            throw ReleaseFailure(hubStatus: status, detail: detail)
        }
        return (status, data)
    }

    func release(_ supplier: Supplier) throws(ReleaseFailure) {
        let body = (try? JSONCoding.encode(supplier)) ?? []
        try put("/v1/suppliers/\(Self.escape(supplier.id))", body: body)
    }

    func release(_ order: PurchaseOrder) throws(ReleaseFailure) {
        let body = (try? JSONCoding.encode(order)) ?? []
        try put("/v1/purchase-orders/\(Self.escape(order.number))", body: body)
    }

    /// Cancels the whole order on the hub as the revision the ERP gave it; the key makes a retry
    /// of the same cancellation harmless.
    func cancel(_ order: PurchaseOrder) throws(ReleaseFailure) {
        let revision = order.revision ?? 1
        let body = (try? JSONCoding.encode(CancelBody(reason: order.cancelReason ?? "", revision: revision))) ?? []
        _ = try send("POST", "/v1/purchase-orders/\(Self.escape(order.number))/cancel", body: body,
                     headers: ["Idempotency-Key": "cancel:\(order.number):\(revision)"])
    }

    private struct CancelBody: Encodable {
        let reason: String
        let revision: Int
    }

    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? segment
    }
}
