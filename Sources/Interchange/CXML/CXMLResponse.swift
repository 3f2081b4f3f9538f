import Foundation
import Procurement

/// cXML Response documents and the status a partner gets for an inbound document.
///
/// Codes follow the cXML specification: 200 OK (processed), 201 Accepted (stored, processed later),
/// 400 Bad Request (parsed, but the content is refused: a map error, an unknown order, amounts that
/// do not add up, an unsupported request), 406 Not Acceptable (could not be parsed as cXML:
/// malformed XML, another root element, a required element or attribute missing, entity
/// declarations), 500 Internal Server Error (anything unexpected; the text says nothing more).
public enum CXMLResponse {
    /// A Response with one Status. `text` is the sentence for the partner (the element content);
    /// the `text` attribute is the code's standard name.
    public static func document(status: Int, text: String, payloadID: String, timestamp: Date) -> [UInt8] {
        let root = CXMLElement("cXML", [("payloadID", payloadID), ("timestamp", CXMLRead.timestamp(timestamp)), ("xml:lang", "en-US")], children: [
            CXMLElement("Response", children: [
                CXMLElement("Status", [("code", String(status)), ("text", reasonPhrase(status))], text: text),
            ]),
        ])
        return CXMLRead.document(root)
    }

    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Accepted"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 406: return "Not Acceptable"
        case 409: return "Conflict"
        case 500: return "Internal Server Error"
        default: return "Status \(status)"
        }
    }

    /// The status for a map or parse failure: 406 when the bytes are not readable cXML, 400 when
    /// they are but the content is refused.
    public static func status(for error: MapError) -> Int {
        switch error.code {
        case "malformedXML", "entityDeclaration", "notCXML", "missingElement": return 406
        default: return 400
        }
    }
}

/// Receives one inbound cXML document: parse, map, and answer with the right Response.
public enum CXMLInbound {
    /// What an inbound document carried, in canonical terms.
    public enum Document: Sendable, Equatable {
        case orderResponse(OrderResponse, orderID: String)
        case shipNotice(ShipNotice)
        case invoice(Invoice)
    }

    /// Whether the caller processes the document before answering (200) or stores it to process later (201).
    public enum Processing: Sendable {
        case immediate
        case deferred
    }

    public struct Outcome: Sendable {
        public var status: Int
        /// The sentence sent to the partner.
        public var text: String
        /// The sender's payload id, when the document got that far.
        public var payloadID: String?
        /// Credentials to authenticate, when the Header could be read.
        public var header: CXMLHeader?
        public var document: Document?
        /// The failure behind a 4xx, for logs and application advice.
        public var error: MapError?
        /// The cXML Response to send back.
        public var response: [UInt8]
    }

    /// Maps `bytes` and builds the Response. `orders` loads the order a ConfirmationRequest answers
    /// (nil when unknown); if it throws, the outcome is a 500 whose text reveals nothing.
    public static func receive(_ bytes: [UInt8], orders: (String) throws -> PurchaseOrder?, processing: Processing = .immediate,
                               responsePayloadID: String, timestamp: Date) -> Outcome {
        var outcome = Outcome(status: 500, text: "", payloadID: nil, header: nil, document: nil, error: nil, response: [])
        func finish(_ status: Int, _ text: String) -> Outcome {
            outcome.status = status
            outcome.text = text
            outcome.response = CXMLResponse.document(status: status, text: text, payloadID: responsePayloadID, timestamp: timestamp)
            return outcome
        }
        let envelope: CXMLEnvelope
        do {
            envelope = try CXMLEnvelope.parse(bytes)
        } catch {
            outcome.error = error
            return finish(CXMLResponse.status(for: error), error.message)
        }
        outcome.payloadID = envelope.payloadID
        outcome.header = envelope.header
        guard let request = envelope.request else {
            return finish(400, "A Response document cannot be submitted as a request.")
        }
        do throws(MapError) {
            switch request.name {
            case "ConfirmationRequest":
                let orderID = try CXMLConfirmation.orderID(request)
                let order: PurchaseOrder?
                do {
                    order = try orders(orderID)
                } catch {
                    return finish(500, "The confirmation could not be processed; try again later.")
                }
                guard let order else {
                    throw MapError(code: "unknownOrder", segment: "OrderReference", element: "@orderID", message: "Order \(orderID) is not known.")
                }
                outcome.document = .orderResponse(try CXMLConfirmation.orderResponse(request, answering: order), orderID: orderID)
            case "ShipNoticeRequest":
                outcome.document = .shipNotice(try CXMLShipNotice.shipNotice(request))
            case "InvoiceDetailRequest":
                outcome.document = .invoice(try CXMLInvoice.invoice(request))
            default:
                throw MapError(code: "unsupportedRequest", segment: "Request", element: request.name,
                               message: "\(request.name) is not accepted here; send ConfirmationRequest, ShipNoticeRequest or InvoiceDetailRequest.")
            }
        } catch {
            outcome.error = error
            return finish(CXMLResponse.status(for: error), error.message)
        }
        switch processing {
        case .immediate: return finish(200, "OK")
        case .deferred: return finish(201, "Accepted for processing.")
        }
    }
}
