import Flows
import Foundation
import HTTPServer
import Procurement
import Telemetry

extension API {
    /// `POST /v1/purchase-orders:bulk`: many releases in one request, one answer per order.
    func registerBulkReleaseRoutes() {
        let flow = BulkReleaseFlow(context: context)
        router.post("/v1/purchase-orders:bulk", authenticated { request, ctx in
            try ctx.require(.erp, to: "release purchase orders")
            let key = try RequestSupport.idempotencyKey(request)
            let batch = try RequestSupport.decode(BulkReleaseBody.self, from: request, what: "batch")
            guard !batch.orders.isEmpty else {
                throw ProcurementError(.invalidDocument, "The batch is invalid: /orders needs at least one order.",
                                       fields: [.init(pointer: "/orders", detail: "needs at least one order")])
            }
            guard batch.orders.count <= BulkReleaseFlow.maxOrders else {
                throw Problem(status: 413, slug: "batch-too-large", title: "Batch too large",
                              detail: "The batch has \(batch.orders.count) orders; send at most \(BulkReleaseFlow.maxOrders) per request.")
            }
            let result = try flow.release(batch.orders.map(\.entry), idempotencyKey: key, by: ctx)
            return RequestSupport.idempotent(HTTPResponse.json(200, Self.bulkReleaseJSON(result)), replayed: result.replayed)
        })
    }

    /// `{"batch", "summary": {orders, created, unchanged, revised, refused}, "results": [...]}`;
    /// a refused order carries the problem its single `PUT` would have answered with.
    static func bulkReleaseJSON(_ result: BulkReleaseFlow.Result) -> [UInt8] {
        var body = Array("{\"batch\":".utf8)
        body += Array(JSONText.quoted(result.batch).utf8)
        body += Array(",\"results\":[".utf8)
        for (i, item) in result.items.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            var text = "{\"index\":\(item.index)"
            if let number = item.number { text += ",\"number\":\(JSONText.quoted(number))" }
            text += ",\"outcome\":\"\(item.outcome.rawValue)\""
            if let previous = item.previousRevision { text += ",\"previousRevision\":\(previous)" }
            let problem = item.error?.problem
            if let problem {
                text += ",\"problem\":"
                body += Array(text.utf8) + problem.jsonBody(requestID: nil)
                text = ""
            }
            if let revision = item.revision { text += ",\"revision\":\(revision)" }
            let status = problem?.status ?? (item.outcome == .created ? 201 : 200)
            text += ",\"status\":\(status)}"
            body += Array(text.utf8)
        }
        body += Array("],\"summary\":{".utf8)
        let counts = [("created", result.count(.created)), ("orders", result.items.count), ("refused", result.count(.refused)),
                      ("revised", result.count(.revised)), ("unchanged", result.count(.unchanged))]
        body += Array(counts.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",").utf8)
        body += Array("}}".utf8)
        return body
    }
}

/// The request body: `{"orders": [PurchaseOrder, ...]}`. An order that does not fit the
/// schema is refused on its own, so the others still apply.
struct BulkReleaseBody: Decodable {
    let orders: [LenientOrder]
}

/// One order of a batch, read so that its errors stay its own.
struct LenientOrder: Decodable {
    let entry: BulkReleaseFlow.Entry

    private enum Keys: String, CodingKey { case number }

    init(from decoder: any Decoder) throws {
        do {
            entry = .order(try PurchaseOrder(from: decoder))
        } catch let error as DecodingError {
            let number = try? decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .number)
            entry = .unreadable(number: number, Self.refusal(error, depth: decoder.codingPath.count))
        }
    }

    /// The decoding error as the single `PUT` reports it, with the pointer taken from the order.
    static func refusal(_ error: DecodingError, depth: Int) -> ProcurementError {
        func pointer(_ path: [CodingKey]) -> String {
            let own = path.dropFirst(depth)
            return own.isEmpty ? "" : "/" + own.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
        let field: ProcurementError.FieldError
        switch error {
        case .dataCorrupted(let context): field = .init(pointer: pointer(context.codingPath), detail: context.debugDescription)
        case .keyNotFound(let key, let context): field = .init(pointer: pointer(context.codingPath + [key]), detail: "is required")
        case .valueNotFound(_, let context): field = .init(pointer: pointer(context.codingPath), detail: "must not be null")
        case .typeMismatch(let type, let context): field = .init(pointer: pointer(context.codingPath), detail: "expected \(APIError.describe(type))")
        @unknown default: field = .init(pointer: "", detail: "could not be read")
        }
        let where_ = field.pointer.isEmpty ? "the order" : field.pointer
        return ProcurementError(.invalidDocument, "The purchase order is invalid: \(where_) \(field.detail).", fields: [field])
    }
}
