import Flows
import Foundation
import HTTPServer
import Procurement
import Storage

extension API {
    struct ResolveBody: Decodable {
        let note: String?
    }

    struct AssignBody: Decodable {
        let owner: String?
    }

    struct CommentBody: Decodable {
        let text: String
    }

    func registerReviewRoutes() {
        router.get("/v1/exceptions", authenticated { [reviews, context] request, ctx in
            let (limit, after) = try RequestSupport.paging(request)
            let now = context.clock.now()
            var filter = ExceptionFilter(status: try RequestSupport.enumParameter(request, "status", ExceptionStatus.self))
            filter.kind = request.query["type"]
            filter.supplier = request.query["supplier"]
            filter.owner = request.query["owner"]
            if let text = request.query["minAgeHours"] {
                guard let hours = Int(text), (0...100_000).contains(hours) else {
                    throw APIError.badRequest("invalid-parameter", "Invalid parameter", "minAgeHours must be a whole number of hours from 0 to 100000.")
                }
                filter.createdAtOrBefore = now.addingTimeInterval(-Double(hours) * 3600)
            }
            let page = try reviews.exceptions(filter, after: after, limit: limit, by: ctx)
            return RequestSupport.json(200, Views.PageView(items: page.items.map { Views.Exception($0, now: now) }, nextCursor: Cursor.encode(page.next)))
        })
        router.get("/v1/exceptions/{id}", authenticated { [reviews, context] request, ctx in
            let (record, comments) = try reviews.exception(id: request.pathParameters["id"] ?? "", by: ctx)
            return RequestSupport.json(200, Views.Exception(record, now: context.clock.now(), comments: comments))
        })
        for (path, verdict) in [("approve", ReviewVerdict.approved), ("reject", .rejected)] {
            router.post("/v1/exceptions/{id}/\(path)", authenticated { [reviews] request, ctx in
                let body = request.body.isEmpty ? ResolveBody(note: nil)
                    : try RequestSupport.decode(ResolveBody.self, from: request, what: "review")
                let key = try RequestSupport.optionalIdempotencyKey(request)
                let decision = try reviews.resolve(id: request.pathParameters["id"] ?? "", verdict: verdict, note: body.note,
                                                   idempotencyKey: key, by: ctx)
                return Self.exceptionResponse(decision, status: 200)
            })
        }
        router.post("/v1/exceptions/{id}/assign", authenticated { [reviews] request, ctx in
            let body = try RequestSupport.decode(AssignBody.self, from: request, what: "assignment")
            let key = try RequestSupport.optionalIdempotencyKey(request)
            let decision = try reviews.assign(id: request.pathParameters["id"] ?? "", owner: body.owner, idempotencyKey: key, by: ctx)
            return Self.exceptionResponse(decision, status: 200)
        })
        router.post("/v1/exceptions/{id}/comments", authenticated { [reviews] request, ctx in
            let body = try RequestSupport.decode(CommentBody.self, from: request, what: "comment")
            let key = try RequestSupport.optionalIdempotencyKey(request)
            let decision = try reviews.comment(id: request.pathParameters["id"] ?? "", text: body.text, idempotencyKey: key, by: ctx)
            return Self.exceptionResponse(decision, status: 201)
        })
    }

    /// The exception as an action left it, rendered at the time of the action; a repeat of an
    /// earlier request with the same key says so.
    static func exceptionResponse(_ decision: ReviewFlow.Decision, status: Int) -> HTTPResponse {
        RequestSupport.idempotent(RequestSupport.json(status, Views.Exception(decision.exception, now: decision.at, comments: decision.comments)),
                                  replayed: decision.replayed)
    }

    struct NewClient: Decodable {
        let name: String
        let role: Role
        let supplier: String?
    }

    func registerOperationsRoutes() {
        router.get("/v1/dead-letters", authenticated { [deadLetters] request, ctx in
            let (limit, after) = try RequestSupport.paging(request)
            let page = try deadLetters.deadLetters(after: after.flatMap { Int64($0) }, limit: limit, by: ctx)
            return RequestSupport.json(200, Views.PageView(items: page.items.map(Views.OutboxMessageView.init), nextCursor: Cursor.encode(page.next)))
        })
        router.post("/v1/dead-letters/{id}/replay", authenticated { [deadLetters] request, ctx in
            try ctx.require(.admin, to: "replay dead letters")
            guard let id = Int64(request.pathParameters["id"] ?? "") else {
                throw FlowError(.notFound, "There is no dead letter \(request.pathParameters["id"] ?? "").")
            }
            return RequestSupport.json(200, Views.OutboxMessageView(try deadLetters.replay(id: id, by: ctx)))
        })
        router.get("/v1/outbox", authenticated { [context] _, ctx in
            try ctx.require(.admin, to: "read the outbox")
            let counts = try context.store.read { try $0.outboxCounts() }
            return RequestSupport.json(200, Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }))
        })
        router.get("/v1/audit", authenticated { [context] request, ctx in
            try ctx.require(.admin, to: "read the audit log")
            let (limit, after) = try RequestSupport.paging(request)
            let page = try context.store.read {
                try $0.auditEntries(objectType: request.query["objectType"], objectID: request.query["objectId"],
                                    after: after.flatMap { Int64($0) }, limit: limit)
            }
            return RequestSupport.json(200, Views.PageView(items: page.items.map(Views.Audit.init), nextCursor: Cursor.encode(page.next)))
        })
        router.get("/v1/audit/verify", authenticated { [context] _, ctx in
            try ctx.require(.admin, to: "verify the audit log")
            let broken = try context.store.read { try $0.verifyAuditChain() }
            struct Verdict: Encodable { let intact: Bool; let firstBrokenSequence: Int64? }
            return RequestSupport.json(200, Verdict(intact: broken == nil, firstBrokenSequence: broken))
        })
        router.get("/v1/clients", authenticated { [clients] _, ctx in
            RequestSupport.json(200, ["items": try clients.list(by: ctx).map { Views.Client($0) }])
        })
        router.post("/v1/clients", authenticated { [clients] request, ctx in
            let body = try RequestSupport.decode(NewClient.self, from: request, what: "client")
            let (client, key) = try clients.create(name: body.name, role: body.role, supplierID: body.supplier, by: ctx)
            return RequestSupport.json(201, Views.Client(client, key: key))
        })
        router.delete("/v1/clients/{id}", authenticated { [clients] request, ctx in
            try clients.revoke(clientID: request.pathParameters["id"] ?? "", by: ctx)
            return HTTPResponse(status: 204)
        })
    }
}
