import Foundation
import Procurement

/// EDIFACT D.96A maps: ORDERS and ORDCHG out from a `PurchaseOrder`, ORDERS in to a `PurchaseOrder`,
/// ORDRSP in to an `OrderResponse`.
public enum EdifactOrderMaps {
    /// An ORDERS message for one revision of an order.
    public static func orders(_ order: PurchaseOrder, issued: LocalDate) -> EdifactMessage {
        var segments = header(order, documentCode: "220", function: "9", issued: issued)
        for line in order.lines { segments += lineSegments(line, action: nil) }
        segments += trailer(order.lines.count)
        return EdifactMessage(type: "ORDERS", segments: segments)
    }

    /// An ORDCHG message that turns `previous` into `order`; LIN 1229 is 1 added, 2 deleted
    /// (dropped or cancelled), 3 changed. A revision that cancels every line is BGM 1225 1
    /// (cancellation) with every line deleted.
    public static func orderChange(_ order: PurchaseOrder, previous: PurchaseOrder, issued: LocalDate) -> EdifactMessage {
        var segments = header(order, documentCode: "230", function: order.isCancelled ? "1" : "4", issued: issued)
        var count = 0
        for line in order.lines {
            guard let before = previous.line(line.line) else {
                segments += lineSegments(line, action: "1")
                count += 1
                continue
            }
            if line.cancelled {
                if !before.cancelled {
                    segments.append(Segment("LIN", [Element(String(line.line)), "2", Element(components: [line.item, "BP"])]))
                    count += 1
                }
                continue
            }
            if before != line {
                segments += lineSegments(line, action: "3")
                count += 1
            }
        }
        for line in previous.lines where order.line(line.line) == nil {
            segments.append(Segment("LIN", [Element(String(line.line)), "2", Element(components: [line.item, "BP"])]))
            count += 1
        }
        segments += trailer(count)
        return EdifactMessage(type: "ORDCHG", segments: segments)
    }

    private static func header(_ order: PurchaseOrder, documentCode: String, function: String, issued: LocalDate) -> [Segment] {
        [
            Segment("BGM", [Element(documentCode), Element(order.number), Element(function)]),
            Segment("DTM", [Element(components: ["137", X12OrderMaps.compact(issued), "102"])]),
            Segment("RFF", [Element(components: ["PP", String(order.revision)])]),
            Segment("NAD", ["BY", Element(components: [order.plant, "", "92"])]),
            Segment("NAD", ["SU", Element(components: [order.supplier, "", "92"])]),
            Segment("CUX", [Element(components: ["2", order.currency, "9"])]),
        ]
    }

    private static func trailer(_ lines: Int) -> [Segment] {
        [Segment("UNS", ["S"]), Segment("CNT", [Element(components: ["2", String(lines)])])]
    }

    private static func lineSegments(_ line: OrderLine, action: String?) -> [Segment] {
        var segments = [Segment("LIN", [Element(String(line.line)), Element(action ?? ""), Element(components: [line.item, "BP"])])]
        if !line.description.isEmpty {
            segments.append(Segment("IMD", ["F", "", Element(components: ["", "", "", line.description])]))
        }
        segments.append(Segment("QTY", [Element(components: ["21", X12OrderMaps.decimal(line.quantity), line.unit])]))
        segments.append(Segment("PRI", [Element(components: ["AAA", X12OrderMaps.decimal(line.unitPrice)])]))
        segments.append(Segment("DTM", [Element(components: ["2", X12OrderMaps.compact(line.needBy), "102"])]))
        for delivery in line.schedule {
            segments.append(Segment("SCC", ["1"]))
            segments.append(Segment("QTY", [Element(components: ["21", X12OrderMaps.decimal(delivery.quantity), line.unit])]))
            segments.append(Segment("DTM", [Element(components: ["2", X12OrderMaps.compact(delivery.date), "102"])]))
        }
        return segments
    }

    /// Reads an ORDRSP answering `order`. LIN 1229: 5 accepted, 7 not accepted, 3/6 changed (with the
    /// QTY 21/113 + DTM 2/69 pairs as the schedule and PRI as the price). Without lines, BGM 1225
    /// 29 accepts and 27 rejects the whole order. The revision is RFF+PP when present, else
    /// `revision` (the revision the partner was last sent), else the order's. A rejection without
    /// FTX carries a reason naming the code, as a rejected line needs one.
    public static func orderResponse(_ message: EdifactMessage, answering order: PurchaseOrder,
                                     revision answered: Int? = nil) throws(MapError) -> OrderResponse {
        guard message.type == "ORDRSP" else {
            throw MapError(code: "unsupportedMessage", segment: "UNH", message: "Message \(message.type) is not an ORDRSP.")
        }
        guard let bgm = message.segments.first(where: { $0.tag == "BGM" }) else {
            throw MapError(code: "missingHeader", segment: "BGM", message: "The ORDRSP has no BGM segment.")
        }
        var revision = answered ?? order.revision
        var referencedOrder = bgm.value(2)
        for rff in message.segments where rff.tag == "RFF" {
            if rff.value(1, component: 1) == "PP", let text = rff.value(1, component: 2) {
                guard let value = Int(text) else {
                    throw MapError(code: "badRevision", segment: "RFF", message: "The order revision \"\(text)\" is not a number.")
                }
                revision = value
            }
            if rff.value(1, component: 1) == "ON", let text = rff.value(1, component: 2) { referencedOrder = text }
        }
        guard referencedOrder == order.number else {
            throw MapError(code: "otherOrder", segment: "RFF", message: "The ORDRSP answers order \(referencedOrder ?? "(none)"), not \(order.number).")
        }
        var lines: [LineResponse] = []
        var current: (line: Int, action: String, quantities: [Decimal], dates: [LocalDate], price: Decimal?, reason: String?)?
        func finish() throws(MapError) {
            guard let open = current else { return }
            guard let ordered = order.line(open.line) else {
                throw MapError(code: "unknownLine", segment: "LIN", message: "Line \(open.line) is not on order \(order.number).")
            }
            switch open.action {
            case "5", "":
                lines.append(LineResponse(line: open.line, status: .accepted))
            case "7", "2":
                lines.append(LineResponse(line: open.line, status: .rejected,
                                          reason: open.reason ?? "Rejected by the partner (LIN 1229 \(open.action))"))
            default:
                var schedule: [ScheduleLine] = []
                for (index, quantity) in open.quantities.enumerated() {
                    let date = index < open.dates.count ? open.dates[index] : (open.dates.last ?? ordered.needBy)
                    schedule.append(ScheduleLine(quantity: quantity, date: date))
                }
                lines.append(LineResponse(line: open.line, status: .changed, reason: open.reason,
                                          schedule: schedule.isEmpty ? nil : schedule,
                                          unitPrice: open.price != ordered.unitPrice ? open.price : nil))
            }
            current = nil
        }
        for segment in message.segments {
            switch segment.tag {
            case "LIN":
                try finish()
                guard let text = segment.value(1), let line = Int(text) else {
                    throw MapError(code: "badLineNumber", segment: "LIN", message: "LIN01 \"\(segment.value(1) ?? "")\" is not a line number.")
                }
                current = (line, segment.value(2) ?? "", [], [], nil, nil)
            case "QTY" where current != nil:
                let qualifier = segment.value(1, component: 1)
                if qualifier == "21" || qualifier == "113", let quantity = segment.value(1, component: 2).flatMap(DecimalText.parse) {
                    current!.quantities.append(quantity)
                }
            case "DTM" where current != nil:
                let qualifier = segment.value(1, component: 1)
                if qualifier == "2" || qualifier == "69",
                   let date = segment.value(1, component: 2).flatMap(MapDates.iso(fromCompact:)).flatMap(LocalDate.init(iso:)) {
                    current!.dates.append(date)
                }
            case "PRI" where current != nil:
                current!.price = segment.value(1, component: 2).flatMap(DecimalText.parse)
            case "FTX" where current != nil:
                current!.reason = segment[4]?.components.filter { !$0.isEmpty }.joined(separator: " ")
            case "UNS":
                try finish()
            default:
                break
            }
        }
        try finish()
        if lines.isEmpty {
            switch bgm.value(3) {
            case "29": lines = order.lines.filter { !$0.cancelled }.map { LineResponse(line: $0.line, status: .accepted) }
            case "27": lines = order.lines.filter { !$0.cancelled }.map { LineResponse(line: $0.line, status: .rejected, reason: "Rejected by the partner (BGM 1225 27)") }
            default:
                throw MapError(code: "noLines", segment: "BGM", message: "The ORDRSP has no lines and BGM 1225 \"\(bgm.value(3) ?? "")\" does not accept or reject the whole order.")
            }
        }
        return OrderResponse(revision: revision, lines: lines)
    }
}
