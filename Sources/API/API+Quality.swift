import Flows
import Foundation
import HTTPServer
import Procurement
import Storage

extension API {
    struct AnswerBody: Decodable {
        let text: String
    }

    struct StepReviewBody: Decodable {
        let step: NonconformanceStep
        let note: String?
    }

    struct CloseBody: Decodable {
        let note: String
    }

    /// Nonconformances and supplier scorecards.
    func registerQualityRoutes() {
        let ncrs = NonconformanceFlow(context: context)
        let scorecards = ScorecardFlow(context: context)
        let context = self.context

        router.post("/v1/nonconformances", authenticated { request, ctx in
            try ctx.require(.buyer, to: "raise nonconformances")
            let key = try RequestSupport.idempotencyKey(request)
            let body = try RequestSupport.decode(NewNonconformance.self, from: request, what: "nonconformance")
            let outcome = try ncrs.raise(body, idempotencyKey: key, by: ctx)
            return Self.nonconformanceResponse(outcome, today: LocalDate(utc: context.clock.now()))
        })
        router.get("/v1/nonconformances", authenticated { request, ctx in
            let (limit, after) = try RequestSupport.paging(request)
            var filter = NonconformanceFilter(status: try RequestSupport.enumParameter(request, "status", NonconformanceStatus.self))
            filter.supplier = request.query["supplier"]
            let page = try ncrs.nonconformances(filter, after: after, limit: limit, by: ctx)
            let today = LocalDate(utc: context.clock.now())
            return RequestSupport.json(200, Views.PageView(items: page.items.map { Views.Nonconformance($0, today: today) },
                                                           nextCursor: Cursor.encode(page.next)))
        })
        router.get("/v1/nonconformances/{id}", authenticated { request, ctx in
            let (record, history) = try ncrs.nonconformance(id: request.pathParameters["id"] ?? "", by: ctx)
            return RequestSupport.json(200, Views.Nonconformance(record, today: LocalDate(utc: context.clock.now()), history: history))
        })
        for (path, step) in [("containment", NonconformanceStep.containment), ("root-cause", .rootCause),
                             ("corrective-action", .correctiveAction)] {
            router.post("/v1/nonconformances/{id}/\(path)", authenticated { request, ctx in
                try ctx.require(.supplier, to: "answer nonconformances")
                let key = try RequestSupport.idempotencyKey(request)
                let body = try RequestSupport.decode(AnswerBody.self, from: request, what: "\(step.words) answer")
                let outcome = try ncrs.answer(id: request.pathParameters["id"] ?? "", step: step, text: body.text, idempotencyKey: key, by: ctx)
                return Self.nonconformanceResponse(outcome, today: LocalDate(utc: context.clock.now()))
            })
        }
        for (path, verdict) in [("accept", ReviewVerdict.approved), ("return", .rejected)] {
            router.post("/v1/nonconformances/{id}/\(path)", authenticated { request, ctx in
                try ctx.require(.buyer, to: "review nonconformance answers")
                let key = try RequestSupport.optionalIdempotencyKey(request)
                let body = try RequestSupport.decode(StepReviewBody.self, from: request, what: "review")
                let outcome = try ncrs.review(id: request.pathParameters["id"] ?? "", step: body.step, verdict: verdict, note: body.note,
                                              idempotencyKey: key, by: ctx)
                return Self.nonconformanceDecision(outcome)
            })
        }
        router.post("/v1/nonconformances/{id}/close", authenticated { request, ctx in
            try ctx.require(.buyer, to: "close nonconformances")
            let key = try RequestSupport.optionalIdempotencyKey(request)
            let body = try RequestSupport.decode(CloseBody.self, from: request, what: "closing note")
            let outcome = try ncrs.close(id: request.pathParameters["id"] ?? "", note: body.note, idempotencyKey: key, by: ctx)
            return Self.nonconformanceDecision(outcome)
        })
        router.get("/v1/suppliers/{id}/scorecard", authenticated { request, ctx in
            let supplier = request.pathParameters["id"] ?? ""
            func date(_ name: String) throws -> LocalDate {
                guard let text = request.query[name], let date = LocalDate(iso: text) else {
                    throw APIError.badRequest("invalid-parameter", "Invalid parameter", "\(name) is required, as a date YYYY-MM-DD.")
                }
                return date
            }
            let from = try date("from"), to = try date("to")
            guard from <= to, from.days(to: to) <= 1096 else {
                throw APIError.badRequest("invalid-parameter", "Invalid parameter", "from must not be after to, and the period is at most 1097 days.")
            }
            let scorecard = try scorecards.scorecard(supplier: supplier, from: from, to: to, by: ctx)
            return RequestSupport.json(200, Views.ScorecardView(supplier: supplier, scorecard))
        })
    }

    /// A buyer's decision: 200 with the report as the decision left it, rendered on the day of
    /// the decision; a repeat of an earlier request with the same key says so.
    static func nonconformanceDecision(_ outcome: NonconformanceFlow.Outcome) -> HTTPResponse {
        RequestSupport.idempotent(RequestSupport.json(200, Views.Nonconformance(outcome.record, today: LocalDate(utc: outcome.at))),
                                  replayed: outcome.replayed)
    }

    /// 201 with the report and `Location`; a replay says so in `Idempotent-Replayed`.
    static func nonconformanceResponse(_ outcome: NonconformanceFlow.Outcome, today: LocalDate) -> HTTPResponse {
        return RequestSupport.idempotent(RequestSupport.json(201, Views.Nonconformance(outcome.record, today: today)),
                                         location: "/v1/nonconformances/\(outcome.record.nonconformance.id)", replayed: outcome.replayed)
    }
}
