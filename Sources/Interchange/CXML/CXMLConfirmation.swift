import Foundation
import Procurement

/// cXML ConfirmationRequest in to an `OrderResponse`.
public enum CXMLConfirmation {
    /// The order a ConfirmationRequest answers (OrderReference/@orderID), so the caller can load it.
    public static func orderID(_ request: CXMLElement) throws(MapError) -> String {
        guard let reference = request.child("OrderReference") else { throw CXMLRead.missing("ConfirmationRequest/OrderReference") }
        return try CXMLRead.required(reference, "orderID", at: "OrderReference")
    }

    /// The payloadID of the document the confirmation answers (OrderReference/DocumentReference), when given.
    public static func documentReference(_ request: CXMLElement) -> String? {
        guard let id = request.child("OrderReference")?.child("DocumentReference")?["payloadID"], !id.isEmpty else { return nil }
        return id
    }

    /// Reads a ConfirmationRequest answering `order`. ConfirmationHeader type `accept`/`reject`
    /// without items applies to every line; items override it per line. An item whose statuses are
    /// all `accept` is accepted, all `reject` rejected (Comments as the reason); any other mix is a
    /// change whose schedule is the non-rejected statuses (quantity, deliveryDate or the line's
    /// need-by) and whose price is the first UnitPrice that differs from the order. For `except`,
    /// lines without an item are accepted; for `allDetail` every line needs an item. A rejection
    /// without Comments carries a reason naming the type, as a rejected line needs one. The
    /// revision is `revision` (the one the partner was sent, see `documentReference`), else the order's.
    public static func orderResponse(_ request: CXMLElement, answering order: PurchaseOrder,
                                     revision: Int? = nil) throws(MapError) -> OrderResponse {
        guard request.name == "ConfirmationRequest" else {
            throw MapError(code: "unsupportedRequest", segment: "Request", message: "<\(request.name)> is not a ConfirmationRequest.")
        }
        guard let header = request.child("ConfirmationHeader") else { throw CXMLRead.missing("ConfirmationRequest/ConfirmationHeader") }
        let type = try CXMLRead.required(header, "type", at: "ConfirmationHeader")
        let referenced = try orderID(request)
        guard referenced == order.number else {
            throw MapError(code: "otherOrder", segment: "OrderReference", element: "@orderID",
                           message: "The confirmation answers order \(referenced), not \(order.number).")
        }
        var lines: [LineResponse] = []
        for item in request.children("ConfirmationItem") {
            lines.append(try lineResponse(item, order: order))
        }
        let answered = Set(lines.map(\.line))
        switch type {
        case "accept", "reject":
            let status: LineAnswer = type == "accept" ? .accepted : .rejected
            let reason = header.text(at: "Comments") ?? "Rejected by the partner (ConfirmationHeader type reject)"
            for line in order.lines where !line.cancelled && !answered.contains(line.line) {
                lines.append(LineResponse(line: line.line, status: status, reason: status == .rejected ? reason : nil))
            }
        case "except":
            for line in order.lines where !line.cancelled && !answered.contains(line.line) { lines.append(LineResponse(line: line.line, status: .accepted)) }
        case "detail", "allDetail", "backordered":
            guard !lines.isEmpty else {
                throw MapError(code: "noLines", segment: "ConfirmationHeader", element: "@type",
                               message: "A \"\(type)\" confirmation needs ConfirmationItem elements.")
            }
            if type == "allDetail", let missing = order.lines.first(where: { !$0.cancelled && !answered.contains($0.line) }) {
                throw MapError(code: "missingLine", segment: "ConfirmationItem", element: "@lineNumber",
                               message: "An allDetail confirmation must answer every line; line \(missing.line) is missing.")
            }
        default:
            throw MapError(code: "unsupportedType", segment: "ConfirmationHeader", element: "@type",
                           message: "ConfirmationHeader type \"\(type)\" is not one of accept, reject, detail, allDetail, except, backordered.")
        }
        lines.sort { $0.line < $1.line }
        return OrderResponse(revision: revision ?? order.revision, lines: lines)
    }

    private static func lineResponse(_ item: CXMLElement, order: PurchaseOrder) throws(MapError) -> LineResponse {
        let text = try CXMLRead.required(item, "lineNumber", at: "ConfirmationItem")
        guard let number = Int(text), let ordered = order.line(number) else {
            throw MapError(code: "unknownLine", segment: "ConfirmationItem", element: "@lineNumber",
                           message: "ConfirmationItem line \(text) is not on order \(order.number).")
        }
        let statuses = item.children("ConfirmationStatus")
        guard !statuses.isEmpty else { throw CXMLRead.missing("ConfirmationItem/ConfirmationStatus") }
        var types: [String] = []
        var schedule: [ScheduleLine] = []
        var price: Decimal?
        var reason: String?
        for status in statuses {
            let type = try CXMLRead.required(status, "type", at: "ConfirmationStatus")
            types.append(type)
            if reason == nil { reason = status.text(at: "Comments") }
            if type == "reject" { continue }
            let quantity = try status["quantity"].map { text throws(MapError) in
                try CXMLRead.decimal(text, at: "ConfirmationStatus/@quantity", positive: true)
            } ?? ordered.quantity
            let date = try (status["deliveryDate"] ?? status["shipmentDate"]).map { text throws(MapError) in
                try CXMLRead.date(text, at: "ConfirmationStatus/@deliveryDate")
            } ?? ordered.needBy
            schedule.append(ScheduleLine(quantity: quantity, date: date))
            if price == nil, let money = status.descendant("UnitPrice/Money") {
                let value = try CXMLRead.decimal(money.text, at: "ConfirmationStatus/UnitPrice/Money")
                if let currency = money["currency"], currency != order.currency {
                    throw MapError(code: "otherCurrency", segment: "UnitPrice/Money", element: "@currency",
                                   message: "Line \(number) is priced in \(currency), the order in \(order.currency).")
                }
                if value != ordered.unitPrice { price = value }
            }
        }
        if types.allSatisfy({ $0 == "reject" }) {
            return LineResponse(line: number, status: .rejected, reason: reason ?? "Rejected by the partner (ConfirmationStatus type reject)")
        }
        if types.allSatisfy({ $0 == "accept" }), price == nil,
           schedule.allSatisfy({ $0.date == ordered.needBy }) || schedule == ordered.schedule,
           schedule.reduce(Decimal(0), { $0 + $1.quantity }) == ordered.quantity {
            return LineResponse(line: number, status: .accepted)
        }
        return LineResponse(line: number, status: .changed, reason: reason, schedule: schedule, unitPrice: price)
    }
}
