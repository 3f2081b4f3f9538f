import Flows
import Foundation
import HTTPServer
import Storage
import Telemetry

extension API {
    /// `GET /v1/events?after=&limit=`: the event log as CloudEvents 1.0 (JSON format), from any
    /// position, for replay. A supplier key reads only its own supplier's events.
    func registerEventRoutes() {
        router.get("/v1/events", authenticated { [context] request, ctx in
            var after: Int64 = 0
            if let text = request.query["after"] {
                guard let n = Int64(text), n >= 0 else {
                    throw APIError.badRequest("invalid-parameter", "Invalid parameter", "after must be a log position: a whole number, 0 or more.")
                }
                after = n
            }
            var limit = 100
            if let text = request.query["limit"] {
                guard let n = Int(text), (1...1000).contains(n) else {
                    throw APIError.badRequest("invalid-parameter", "Invalid parameter", "limit must be a whole number from 1 to 1000.")
                }
                limit = n
            }
            let events = try context.store.read { try $0.events(after: after, limit: limit, scope: ctx.principal.scope) }
            var body = "{\"items\":["
            body += events.map(Self.cloudEvent).joined(separator: ",")
            body += "],\"next\":\(events.last?.position ?? after)}"
            return HTTPResponse.json(200, Array(body.utf8))
        })
    }

    /// One event in the CloudEvents 1.0 JSON format, plus its `position` in the log.
    static func cloudEvent(_ e: EventRecord) -> String {
        "{\"data\":\(e.data),\"datacontenttype\":\"application/json\",\"id\":\(JSONText.quoted(e.id)),"
            + "\"position\":\(e.position),\"source\":\"/supplyline\",\"specversion\":\"1.0\","
            + "\"subject\":\(JSONText.quoted(e.subject)),\"time\":\(JSONText.quoted(Views.timestamp(e.time))),"
            + "\"type\":\(JSONText.quoted(e.type))}"
    }
}
