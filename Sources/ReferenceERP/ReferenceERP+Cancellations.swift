import Foundation
import HTTPServer

extension ReferenceERP {
    /// `POST /erp/purchase-orders/{number}/lines/{line}/cancel`: a new revision with the line
    /// cancelled (kept on the order), released to the hub like any revision.
    func cancelLine(_ request: HTTPRequest) throws -> HTTPResponse {
        let number = request.pathParameters["number"] ?? ""
        guard let line = Int(request.pathParameters["line"] ?? ""),
              let stored = try database.order(number), stored.order.lines.contains(where: { $0.line == line }) else {
            throw Problem.notFound("There is no line \(request.pathParameters["line"] ?? "") on purchase order \(number).")
        }
        guard stored.order.lines.contains(where: { $0.line == line && !$0.cancelled }) else {
            throw Problem(status: 409, slug: "line-cancelled", title: "Line Cancelled", detail: "Line \(line) of \(number) is already cancelled.")
        }
        let revised = try database.reviseOrder(number) { current in
            var next = current
            for i in next.lines.indices where next.lines[i].line == line { next.lines[i].cancelled = true }
            if next.lines.allSatisfy(\.cancelled) { next.cancelReason = "Every line cancelled" }
            return next
        }
        try hubOrProblem(revised!) { (order) throws(ReleaseFailure) in try hub.release(order) }
        return try Self.json(Self.orderJSON(database.order(number)!))
    }

    struct CancelRequest: Decodable {
        var reason: String?
    }

    /// `POST /erp/purchase-orders/{number}/cancel` (`{"reason": …}` optional): a new revision
    /// with every line cancelled, sent to the hub's cancel endpoint.
    func cancelOrder(_ request: HTTPRequest) throws -> HTTPResponse {
        let number = request.pathParameters["number"] ?? ""
        let isEmpty = request.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        let body = isEmpty ? CancelRequest() : try Self.decode(CancelRequest.self, from: request, what: "cancellation")
        guard let stored = try database.order(number) else { throw Problem.notFound("There is no purchase order \(number).") }
        guard !stored.order.lines.allSatisfy(\.cancelled) else {
            throw Problem(status: 409, slug: "order-cancelled", title: "Order Cancelled", detail: "\(number) is already cancelled.")
        }
        let revised = try database.reviseOrder(number) { current in
            var next = current
            for i in next.lines.indices { next.lines[i].cancelled = true }
            next.cancelReason = body.reason.flatMap { $0.isEmpty ? nil : $0 } ?? "Cancelled in the ERP"
            return next
        }
        try hubOrProblem(revised!) { (order) throws(ReleaseFailure) in try hub.cancel(order) }
        return try Self.json(Self.orderJSON(database.order(number)!))
    }

    private func hubOrProblem(_ order: PurchaseOrder, _ send: (PurchaseOrder) throws(ReleaseFailure) -> Void) throws {
        do {
            try send(order)
            try? database.markReleased(order.number, revision: order.revision ?? 1)
            logger.info("released purchase order change", ["document": .string(order.number), "revision": .int(order.revision ?? 1)])
        } catch {
            logger.warning("release failed", ["document": .string(order.number), "detail": .string(error.description)])
            throw error.problem
        }
    }
}
