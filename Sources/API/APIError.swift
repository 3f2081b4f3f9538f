import Flows
import Foundation
import HTTPServer
import Procurement

/// The one table from flow and rule errors to HTTP problems.
extension FlowError: HTTPResponseError {
    /// Every problem carries the flow's reason `code` as well as its slug, as business-rule
    /// problems do, so a client can branch on one member whatever refused it.
    public var problem: Problem {
        let (status, slug, title): (Int, String, String) = switch code {
        case .unauthenticated: (401, "unauthenticated", "Authentication required")
        case .forbidden: (403, "forbidden", "Not allowed for this role")
        case .notFound: (404, "not-found", "Not Found")
        case .idempotencyKeyReused: (422, "idempotency-key-reused", "Idempotency key already used")
        case .conflict: (409, "conflict", "Conflict with the current state")
        case .unrecognisedInterchange: (415, "unrecognised-interchange", "Not an interchange")
        case .malformedInterchange: (422, "malformed-interchange", "Interchange cannot be acknowledged")
        default: (422, "invalid-request", "Invalid request")
        }
        return Problem(status: status, slug: slug, title: title, detail: message, extensions: ["code": .string(code.rawValue)])
    }
}

extension ProcurementError: HTTPResponseError {
    public var problem: Problem {
        let (status, slug, title): (Int, String, String) = switch code {
        case .invalidDocument: (422, "invalid-document", "Invalid document")
        case .staleRevision: (409, "stale-revision", "Answer to a stale revision")
        case .unknownRevision: (422, "unknown-revision", "Unknown revision")
        case .unknownLine: (422, "unknown-line", "Unknown line")
        case .revisionConflict: (409, "revision-conflict", "Revision conflict")
        case .notAwaitingAcknowledgement: (409, "not-awaiting-acknowledgement", "Order is not awaiting acknowledgement")
        case .unknownSupplier: (422, "unknown-supplier", "Unknown supplier")
        case .supplierChanged: (409, "supplier-changed", "Supplier cannot change")
        case .exceptionNotOpen: (409, "exception-not-open", "Exception is not open")
        case .invalidSSCC: (422, "invalid-sscc", "Invalid SSCC")
        case .orderNotOnFile: (422, "unknown-purchase-order", "Unknown purchase order")
        case .lineNotConfirmed: (422, "line-not-confirmed", "Line not confirmed")
        case .overShipment: (422, "over-shipment", "More than the open quantity")
        case .duplicateShipmentId: (409, "duplicate-shipment-id", "Shipment already announced")
        case .shipNoticeReceived: (409, "ship-notice-received", "Ship notice already received")
        case .shipNoticeClosed: (409, "ship-notice-closed", "Ship notice cancelled or rejected")
        case .unknownShipNotice: (422, "unknown-ship-notice", "Unknown ship notice")
        case .unknownGoodsReceipt: (422, "unknown-goods-receipt", "Unknown goods receipt")
        case .documentTooLarge: (413, "document-too-large", "Document too large")
        case .unsupportedContentType: (415, "unsupported-media-type", "Unsupported media type")
        case .contentTypeMismatch: (422, "content-type-mismatch", "Content does not match its type")
        case .unknownPurchaseOrder: (404, "not-found", "Not Found")
        case .currencyMismatch: (422, "currency-mismatch", "Currency differs from the order")
        case .duplicateInvoice: (409, "duplicate-invoice", "Invoice number already used")
        case .invoiceStatusConflict: (409, "invoice-status-conflict", "Invoice status does not allow this")
        case .stepNotOpen: (409, "step-not-open", "Step is not waiting for an answer")
        case .stepNotAnswered: (409, "step-not-answered", "Step has no answer to review")
        case .notAwaitingVerification: (409, "not-awaiting-verification", "Corrective action not accepted yet")
        case .nonconformanceClosed: (409, "nonconformance-closed", "Nonconformance is closed")
        case .supplierMismatch: (422, "supplier-mismatch", "Purchase order of another supplier")
        case .belowShippedQuantity: (409, "below-shipped-quantity", "Below the quantity already shipped or received")
        case .orderCancelled: (409, "order-cancelled", "Order is cancelled")
        case .lineCancelled: (409, "line-cancelled", "Line is cancelled")
        case .orderNotConfirmed: (409, "order-not-confirmed", "Order is not confirmed")
        case .changeRequestPending: (409, "change-request-pending", "A change request is waiting for a buyer")
        default: (422, "unprocessable", "Unprocessable request")
        }
        var extensions: [String: JSONValue] = ["code": .string(code.rawValue)]
        if !fields.isEmpty { extensions["errors"] = APIError.fieldErrors(fields) }
        return Problem(status: status, slug: slug, title: title, detail: message, extensions: extensions)
    }
}

enum APIError {
    static func fieldErrors(_ fields: [ProcurementError.FieldError]) -> JSONValue {
        .array(fields.map { .object(["pointer": .string($0.pointer), "detail": .string($0.detail)]) })
    }

    static func badRequest(_ slug: String, _ title: String, _ detail: String) -> Problem {
        Problem(status: 400, slug: slug, title: title, detail: detail)
    }

    /// A JSON body that does not parse (400) or does not fit the schema (422), with the
    /// JSON Pointer of the field at fault.
    static func decoding(_ error: Error, what: String) -> Problem {
        guard let error = error as? DecodingError else {
            return badRequest("malformed-json", "Malformed JSON", "The body is not valid JSON.")
        }
        func pointer(_ path: [CodingKey]) -> String {
            path.isEmpty ? "" : "/" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
        let field: ProcurementError.FieldError
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return badRequest("malformed-json", "Malformed JSON", "The body is not valid JSON: \(context.underlyingError.map { String(describing: $0) } ?? context.debugDescription)")
        case .dataCorrupted(let context):
            field = .init(pointer: pointer(context.codingPath), detail: context.debugDescription)
        case .keyNotFound(let key, let context):
            field = .init(pointer: pointer(context.codingPath + [key]), detail: "is required")
        case .valueNotFound(_, let context):
            field = .init(pointer: pointer(context.codingPath), detail: "must not be null")
        case .typeMismatch(let type, let context):
            field = .init(pointer: pointer(context.codingPath), detail: "expected \(describe(type))")
        @unknown default:
            return badRequest("malformed-json", "Malformed JSON", "The body could not be read.")
        }
        let where_ = field.pointer.isEmpty ? "the body" : field.pointer
        return Problem(status: 422, slug: "invalid-document", title: "Invalid document",
                       detail: "The \(what) is invalid: \(where_) \(field.detail).",
                       extensions: ["code": .string(ProcurementError.Code.invalidDocument.rawValue),
                                    "errors": fieldErrors([field])])
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Double.Type, is Decimal.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "an array"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }
}
