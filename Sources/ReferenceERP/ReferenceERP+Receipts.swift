import Foundation
import HTTPServer

extension ReferenceERP {
    /// What the dock took in of one announced delivery, as `POST /erp/deliveries/{id}/receive`
    /// takes it. Everything is optional: by default every announced line is received in full, today.
    struct ReceiveRequest: Decodable {
        struct Line: Decodable {
            var shipNoticeLine: Int
            var received: String
            var rejected: String?
            var lot: String?
        }
        var receivedDate: String?
        var number: String?
        var lines: [Line]?
    }

    /// Receives an inbound delivery the hub posted (`id` is the hub's ship notice id) and posts
    /// the goods receipt back to the hub with the ERP's key. The hub key is derived from the
    /// notice and its version, so receiving the same delivery again is answered from the hub's
    /// record, not booked twice.
    func receiveDelivery(_ request: HTTPRequest) throws -> HTTPResponse {
        let id = request.pathParameters["id"] ?? ""
        guard let (version, payload) = try database.latestPosting(kind: "inboundDelivery", document: id) else {
            throw Problem(status: 404, slug: "not-found", title: "Not Found", detail: "No inbound delivery \(id) was posted to this ERP.")
        }
        if try database.latestPosting(kind: "inboundDeliveryCancellation", document: id) != nil {
            throw Problem(status: 409, slug: "delivery-cancelled", title: "Delivery Cancelled",
                          detail: "The supplier cancelled inbound delivery \(id); there is nothing to receive.")
        }
        let asked = request.body.isEmpty ? ReceiveRequest(receivedDate: nil, number: nil, lines: nil)
            : try Self.decode(ReceiveRequest.self, from: request, what: "receipt")
        var announced: [JSONValue] = []
        if case .array(let packages)? = payload["packages"] {
            for package in packages {
                if case .array(let lines)? = package["lines"] { announced += lines }
            }
        }
        let lines: [JSONValue]
        if let given = asked.lines {
            lines = given.map { line in
                var object: [String: JSONValue] = ["shipNoticeLine": .int(line.shipNoticeLine), "received": .string(line.received)]
                if let rejected = line.rejected { object["rejected"] = .string(rejected) }
                if let lot = line.lot { object["lot"] = .string(lot) }
                return .object(object)
            }
        } else {
            lines = announced.enumerated().map { i, line in
                .object(["shipNoticeLine": .int(i + 1), "received": line["quantity"] ?? .string("0")])
            }
        }
        let today = Date().formatted(Date.ISO8601FormatStyle().year().month().day())
        var body: [String: JSONValue] = ["receivedDate": .string(asked.receivedDate ?? today), "shipNotice": .string(id), "lines": .array(lines)]
        if let number = asked.number { body["number"] = .string(number) }
        let encoded = try JSONCoding.encode(JSONValue.object(body))
        do throws(ReleaseFailure) {
            let (status, data) = try hub.send("POST", "/v1/goods-receipts", body: encoded,
                                              headers: ["Idempotency-Key": "erp-receipt:\(id):\(version)"])
            logger.info("goods receipt posted to the hub", ["shipNotice": .string(id), "version": .int(version)])
            return .json(status, Array(data))
        } catch {
            var problem = error.problem
            problem.slug = "hub-receipt-failed"
            problem.title = "Receipt To Hub Failed"
            throw problem
        }
    }
}
