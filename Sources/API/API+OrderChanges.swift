import Flows
import Foundation
import HTTPServer
import Procurement
import Storage

extension API {
    /// Cancelling orders (ERP) and supplier change requests on confirmed orders.
    func registerOrderChangeRoutes() {
        let cancellations = OrderChangeFlow(context: context)
        let changeRequests = ChangeRequestFlow(context: context)
        router.post("/v1/purchase-orders/{number}/cancel", authenticated { [orders] request, ctx in
            try ctx.require(.erp, to: "cancel purchase orders")
            let key = try RequestSupport.idempotencyKey(request)
            let body = try RequestSupport.decode(Cancellation.self, from: request, what: "cancellation")
            let number = request.pathParameters["number"] ?? ""
            let result = try cancellations.cancel(number: number, revision: body.revision, reason: body.reason,
                                                  idempotencyKey: key, by: ctx)
            return RequestSupport.idempotent(RequestSupport.json(200, Views.Order(result.record, revisions: try orders.revisions(number: number, by: ctx))),
                                             replayed: result.replayed)
        })
        router.post("/v1/purchase-orders/{number}/change-requests", authenticated { request, ctx in
            try ctx.require(.supplier, to: "request changes to purchase orders")
            let key = try RequestSupport.idempotencyKey(request)
            let body = try RequestSupport.decode(ChangeRequest.self, from: request, what: "change request")
            let result = try changeRequests.submit(number: request.pathParameters["number"] ?? "", request: body,
                                                   idempotencyKey: key, by: ctx)
            return RequestSupport.idempotent(RequestSupport.json(201, Views.ChangeRequestView(result.record)), replayed: result.replayed)
        })
        router.get("/v1/purchase-orders/{number}/change-requests", authenticated { request, ctx in
            let list = try changeRequests.changeRequests(number: request.pathParameters["number"] ?? "", by: ctx)
            return RequestSupport.json(200, ["items": list.map(Views.ChangeRequestView.init)])
        })
    }

    /// The body of `POST /v1/purchase-orders/{number}/cancel`.
    struct Cancellation: Decodable {
        let reason: String
        /// The revision the cancellation is released as; the next one when absent.
        let revision: Int?
    }
}

extension Views {
    /// A change request as clients read it.
    struct ChangeRequestView: Encodable {
        let id: String
        let purchaseOrder: String
        let revision: Int
        let supplier: String
        let status: String
        let reasons: [Reason]
        /// The confirmed lines asked for, one per changed line.
        let lines: [ConfirmedLine]
        /// The same lines as confirmed before.
        let previous: [ConfirmedLine]
        let exception: String?
        let receivedAt: String
        let decidedAt: String?
        let decidedBy: String?

        init(_ r: ChangeRequestRecord) {
            id = r.id
            purchaseOrder = r.purchaseOrder
            revision = r.revision
            supplier = r.supplier
            status = r.status.rawValue
            reasons = r.reasons
            lines = r.lines
            previous = r.previous
            exception = r.exceptionID
            receivedAt = timestamp(r.receivedAt)
            decidedAt = r.decidedAt.map(timestamp)
            decidedBy = r.decidedBy
        }
    }
}
