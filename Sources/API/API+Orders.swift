import Flows
import Foundation
import HTTPServer
import Procurement
import Storage

extension API {
    func registerSupplierRoutes() {
        router.put("/v1/suppliers/{id}", authenticated { [suppliers] request, ctx in
            try ctx.require(.erp, .admin, to: "maintain suppliers")
            let id = request.pathParameters["id"] ?? ""
            let supplier = try RequestSupport.decode(Supplier.self, from: request, what: "supplier")
            guard supplier.id == id else {
                throw FlowError(.mismatch, "The body's id \(supplier.id) does not match the address (\(id)).")
            }
            let created = try suppliers.save(supplier, by: ctx)
            return RequestSupport.json(created ? 201 : 200, supplier)
        })
        router.get("/v1/suppliers/{id}", authenticated { [suppliers] request, ctx in
            RequestSupport.json(200, try suppliers.supplier(id: request.pathParameters["id"] ?? "", by: ctx))
        })
        router.get("/v1/suppliers", authenticated { [suppliers] _, ctx in
            RequestSupport.json(200, ["items": try suppliers.suppliers(by: ctx)])
        })
    }

    func registerOrderRoutes() {
        router.put("/v1/purchase-orders/{number}", authenticated { [orders] request, ctx in
            try ctx.require(.erp, to: "release purchase orders")
            let number = request.pathParameters["number"] ?? ""
            let order = try RequestSupport.decode(PurchaseOrder.self, from: request, what: "purchase order")
            guard order.number == number else {
                throw FlowError(.mismatch, "The body's number \(order.number) does not match the address (\(number)).")
            }
            let result = try orders.release(order, by: ctx)
            let revisions = try orders.revisions(number: number, by: ctx)
            let status = result.decision == .created ? 201 : 200
            return HTTPResponse.json(status, Views.orderJSON(result.record, revisions: revisions))
        })
        router.get("/v1/purchase-orders", authenticated { [orders] request, ctx in
            let (limit, after) = try RequestSupport.paging(request)
            let status = try RequestSupport.enumParameter(request, "status", OrderStatus.self)
            let page = try orders.orders(status: status, after: after, limit: limit, by: ctx)
            return RequestSupport.json(200, Views.PageView(items: page.items.map(Views.OrderSummaryView.init),
                                                           nextCursor: Cursor.encode(page.next)))
        })
        router.get("/v1/purchase-orders/{number}", authenticated { [orders] request, ctx in
            let number = request.pathParameters["number"] ?? ""
            let record = try orders.order(number: number, by: ctx)
            return HTTPResponse.json(200, Views.orderJSON(record, revisions: try orders.revisions(number: number, by: ctx)))
        })
        router.get("/v1/purchase-orders/{number}/revisions/{revision}", authenticated { [context] request, ctx in
            let number = request.pathParameters["number"] ?? ""
            guard let revision = Int(request.pathParameters["revision"] ?? "") else {
                throw FlowError(.notFound, "There is no revision \(request.pathParameters["revision"] ?? "") of \(number).")
            }
            guard let order = try context.store.read({ try $0.purchaseOrder(number: number, revision: revision, scope: ctx.principal.scope) }) else {
                throw FlowError(.notFound, "There is no revision \(revision) of purchase order \(number).")
            }
            return RequestSupport.json(200, order)
        })
        router.get("/v1/purchase-orders/{number}/acknowledgements", authenticated { [orders] request, ctx in
            let list = try orders.acknowledgements(number: request.pathParameters["number"] ?? "", by: ctx)
            var body = Array("{\"items\":[".utf8)
            for (i, record) in list.enumerated() {
                if i > 0 { body.append(UInt8(ascii: ",")) }
                body += Views.acknowledgementJSON(try PreparedAcknowledgement(record))
            }
            body += Array("]}".utf8)
            return HTTPResponse.json(200, body)
        })
        router.post("/v1/purchase-orders/{number}/acknowledgements", authenticated { [acknowledgements] request, ctx in
            try ctx.require(.supplier, to: "acknowledge purchase orders")
            let key = try RequestSupport.idempotencyKey(request)
            let answer = try RequestSupport.decode(OrderResponse.self, from: request, what: "acknowledgement",
                                                   fast: OrderResponse.init(canonicalJSON:))
            let result = try acknowledgements.acknowledge(number: request.pathParameters["number"] ?? "", response: answer,
                                                          idempotencyKey: key, by: ctx)
            return RequestSupport.idempotent(HTTPResponse.json(201, Views.acknowledgementJSON(result.prepared)),
                                             location: "/v1/acknowledgements/\(result.record.id)", replayed: result.replayed)
        })
        router.get("/v1/acknowledgements/{id}", authenticated { [context] request, ctx in
            let id = request.pathParameters["id"] ?? ""
            guard let record = try context.store.read({ try $0.acknowledgement(id: id, scope: ctx.principal.scope) }) else {
                throw FlowError(.notFound, "There is no acknowledgement \(id).")
            }
            return HTTPResponse.json(200, Views.acknowledgementJSON(try PreparedAcknowledgement(record)))
        })
    }
}
