import Flows
import Foundation
import HTTPServer
import Procurement
import Storage

extension API {
    func registerInterchangeRoutes() {
        let profiles = PartnerProfileFlow(context: context)
        let interchanges = InterchangeFlow(context: context)

        router.put("/v1/suppliers/{id}/partner-profile", authenticated { request, ctx in
            try ctx.require(.erp, .admin, to: "maintain partner profiles")
            let profile = try RequestSupport.decode(PartnerProfile.self, from: request, what: "partner profile")
            let (shown, created) = try profiles.save(profile, supplier: request.pathParameters["id"] ?? "", by: ctx)
            return RequestSupport.json(created ? 201 : 200, shown)
        })
        router.get("/v1/suppliers/{id}/partner-profile", authenticated { request, ctx in
            RequestSupport.json(200, try profiles.profile(supplier: request.pathParameters["id"] ?? "", by: ctx))
        })

        router.post("/v1/interchanges", authenticated { request, ctx in
            try ctx.require(.supplier, to: "send interchanges")
            guard !request.body.isEmpty else {
                throw Problem(status: 415, slug: "unrecognised-interchange", title: "Not an interchange",
                              detail: "The body is empty; send one X12, EDIFACT or cXML interchange.")
            }
            do {
                return Self.answer(try interchanges.receive(request.body, by: ctx))
            } catch let busy as InterchangeInProgress {
                var response = HTTPResponse.problem(Problem(status: 503, slug: "interchange-in-progress",
                                                            title: "Interchange being processed", detail: busy.description))
                response.headers.set("Retry-After", String(busy.retryAfterSeconds))
                return response
            }
        })
        router.get("/v1/interchanges", authenticated { request, ctx in
            let (limit, after) = try RequestSupport.paging(request)
            let direction = try RequestSupport.enumParameter(request, "direction", InterchangeDirection.self)
            let status = try RequestSupport.enumParameter(request, "status", InterchangeStatus.self)
            let page = try interchanges.interchanges(direction: direction, status: status, after: after, limit: limit, by: ctx)
            return RequestSupport.json(200, Views.PageView(items: page.items.map { Views.InterchangeView($0) },
                                                           nextCursor: Cursor.encode(page.next)))
        })
        router.get("/v1/interchanges/{id}", authenticated { request, ctx in
            let (record, documents) = try interchanges.interchange(id: request.pathParameters["id"] ?? "", by: ctx)
            return RequestSupport.json(200, Views.InterchangeView(record, documents: documents))
        })
        router.get("/v1/interchanges/{id}/raw", authenticated { request, ctx in
            let (record, bytes) = try interchanges.raw(id: request.pathParameters["id"] ?? "", by: ctx)
            var contentType = "application/octet-stream"
            switch record.standard {
            case "X12": contentType = "application/edi-x12"
            case "EDIFACT": contentType = "application/edifact"
            case "cXML": contentType = "text/xml; charset=utf-8"
            default: break
            }
            return HTTPResponse(status: 200, headers: ["Content-Type": contentType], body: bytes)
        })
        router.post("/v1/interchanges/{id}/replay", authenticated { request, ctx in
            Self.answer(try interchanges.replay(id: request.pathParameters["id"] ?? "", by: ctx))
        })
    }

    /// 200 with the acknowledgement as the body: the transport worked, whatever the acknowledgement says.
    static func answer(_ receipt: InterchangeFlow.Receipt) -> HTTPResponse {
        var response = HTTPResponse(status: 200, headers: ["Content-Type": receipt.contentType], body: receipt.acknowledgement)
        response.headers.set("Location", "/v1/interchanges/\(receipt.record.id)")
        response.headers.set("Interchange-Status", receipt.record.status.rawValue)
        if receipt.duplicate { response.headers.set("Idempotent-Replayed", "true") }
        return response
    }
}

extension Views {
    struct InterchangeView: Encodable {
        struct Document: Encodable {
            let id: String
            let kind: String
            let number: String
            let document: JSONValue
        }

        let id: String
        let supplier: String
        let direction: String
        let standard: String
        let sender: String
        let controlNumber: String
        let source: String
        let receivedAt: String
        let updatedAt: String
        let verdict: String?
        let status: String
        let report: JSONValue?
        let acknowledgement: String?
        let documents: [Document]?

        init(_ r: InterchangeRecord, documents: [ReceivedDocument]? = nil) {
            id = r.id
            supplier = r.supplier
            direction = r.direction.rawValue
            standard = r.standard
            sender = r.senderID
            controlNumber = r.controlNumber
            source = r.source
            receivedAt = timestamp(r.receivedAt)
            updatedAt = timestamp(r.updatedAt)
            verdict = r.verdict
            status = r.status.rawValue
            let decoder = JSONDecoder()
            report = documents == nil ? nil : try? decoder.decode(JSONValue.self, from: Data(r.reportJSON.utf8))
            acknowledgement = documents == nil ? nil : r.acknowledgement.map { String(decoding: $0, as: UTF8.self) }
            self.documents = documents?.map {
                Document(id: $0.id, kind: $0.kind, number: $0.number,
                         document: (try? decoder.decode(JSONValue.self, from: Data($0.json.utf8))) ?? .object([:]))
            }
        }
    }
}
