import Foundation
import Procurement

/// X12 004010 maps between transaction sets and the canonical procurement model:
/// 850 and 860 out from a `PurchaseOrder`, 850 in to a `PurchaseOrder`, 855 and 865 in to an `OrderResponse`.
public enum X12OrderMaps {
    /// An 850 for one revision of an order. `issued` is the order date. Each PO1 loop carries the
    /// line's need-by date as DTM*002 and one SCH per delivery.
    public static func purchaseOrder(_ order: PurchaseOrder, issued: LocalDate) -> X12TransactionSet {
        var segments: [Segment] = [
            Segment("BEG", ["00", "SA", Element(order.number), "", Element(compact(issued))]),
            Segment("CUR", ["BY", Element(order.currency)]),
            Segment("REF", ["PP", Element(String(order.revision))]),
            Segment("N1", ["ST", Element(order.plant), "92", Element(order.plant)]),
            Segment("N1", ["SU", Element(order.supplier), "92", Element(order.supplier)]),
        ]
        for line in order.lines { segments += lineSegments(line) }
        segments.append(Segment("CTT", [Element(String(order.lines.count))]))
        return X12TransactionSet(type: "850", segments: segments)
    }

    /// An 860 that turns `previous` into `order`: added, deleted and changed lines only. A line
    /// dropped or cancelled is POC02 DI (delete item); a revision that cancels every line is
    /// BCH01 01 (cancellation).
    public static func purchaseOrderChange(_ order: PurchaseOrder, previous: PurchaseOrder, issued: LocalDate) -> X12TransactionSet {
        var segments: [Segment] = [
            Segment("BCH", [order.isCancelled ? "01" : "04", "SA", Element(order.number), "", Element(String(order.revision)), Element(compact(issued))]),
            Segment("CUR", ["BY", Element(order.currency)]),
            Segment("REF", ["PP", Element(String(order.revision))]),
        ]
        var changes = 0
        for line in order.lines {
            guard let before = previous.line(line.line) else {
                segments += changeSegments(line, code: "AI")
                changes += 1
                continue
            }
            if before == line { continue }
            if line.cancelled {
                if !before.cancelled {
                    segments.append(deleteSegment(line))
                    changes += 1
                }
                continue
            }
            let sameIdentity = before.item == line.item && before.unit == line.unit && before.description == line.description
            let code: String
            if sameIdentity, before.quantity == line.quantity, before.schedule == line.schedule {
                code = "PC"
            } else if sameIdentity, before.unitPrice == line.unitPrice, line.quantity > before.quantity {
                code = "QI"
            } else if sameIdentity, before.unitPrice == line.unitPrice, line.quantity < before.quantity {
                code = "QD"
            } else {
                code = "CA"
            }
            segments += changeSegments(line, code: code)
            changes += 1
        }
        for line in previous.lines where order.line(line.line) == nil && !line.cancelled {
            segments.append(deleteSegment(line))
            changes += 1
        }
        segments.append(Segment("CTT", [Element(String(changes))]))
        return X12TransactionSet(type: "860", segments: segments)
    }

    private static func deleteSegment(_ line: OrderLine) -> Segment {
        Segment("POC", [Element(String(line.line)), "DI", Element(decimal(line.quantity)), "0",
                        Element(components: [line.unit]), Element(decimal(line.unitPrice)), "PE", "BP", Element(line.item)])
    }

    private static func lineSegments(_ line: OrderLine) -> [Segment] {
        var segments = [Segment("PO1", [Element(String(line.line)), Element(decimal(line.quantity)), Element(line.unit),
                                        Element(decimal(line.unitPrice)), "PE", "BP", Element(line.item)])]
        if !line.description.isEmpty { segments.append(Segment("PID", ["F", "", "", "", Element(line.description)])) }
        segments.append(Segment("DTM", ["002", Element(compact(line.needBy))]))
        for delivery in line.schedule {
            segments.append(Segment("SCH", [Element(decimal(delivery.quantity)), Element(line.unit), "", "", "002", Element(compact(delivery.date))]))
        }
        return segments
    }

    private static func changeSegments(_ line: OrderLine, code: String) -> [Segment] {
        var segments = [Segment("POC", [Element(String(line.line)), Element(code), Element(decimal(line.quantity)), "",
                                        Element(components: [line.unit]), Element(decimal(line.unitPrice)), "PE", "BP", Element(line.item)])]
        if !line.description.isEmpty { segments.append(Segment("PID", ["F", "", "", "", Element(line.description)])) }
        for delivery in line.schedule {
            segments.append(Segment("SCH", [Element(decimal(delivery.quantity)), Element(line.unit), "", "", "002", Element(compact(delivery.date))]))
        }
        return segments
    }

    /// Reads an 855 or 865 answering `order`. Lines come from PO1 (855) or POC (865) with their
    /// ACK segments; an answer without lines (BAK02 AT / RJ) applies to every line of the order.
    /// The revision is REF*PP when present (865: BCA05), else `revision` (the revision the partner
    /// was last sent), else the order's. A whole-order rejection (BAK02 RJ/RD/03) carries a reason
    /// naming the code, as a rejected line needs one.
    public static func orderResponse(_ set: X12TransactionSet, answering order: PurchaseOrder,
                                     revision answered: Int? = nil) throws(MapError) -> OrderResponse {
        guard set.type == "855" || set.type == "865" else {
            throw MapError(code: "unsupportedSet", segment: "ST", message: "Transaction set \(set.type) is not an order response (855 or 865).")
        }
        let headerTag = set.type == "855" ? "BAK" : "BCA"
        let lineTag = set.type == "855" ? "PO1" : "POC"
        guard let header = set.segments.first(where: { $0.tag == headerTag }) else {
            throw MapError(code: "missingHeader", segment: headerTag, message: "The \(set.type) has no \(headerTag) segment.")
        }
        let number = header.value(3) ?? ""
        guard number == order.number else {
            throw MapError(code: "otherOrder", segment: headerTag, message: "The \(set.type) answers order \(number), not \(order.number).")
        }
        var revision = answered ?? order.revision
        if let text = set.segments.first(where: { $0.tag == "REF" && $0.value(1) == "PP" })?.value(2) ?? (set.type == "865" ? header.value(5) : nil) {
            guard let value = Int(text) else {
                throw MapError(code: "badRevision", segment: "REF", message: "The order revision \"\(text)\" is not a number.")
            }
            revision = value
        }
        var lines: [LineResponse] = []
        var current: (line: Int, price: Decimal?, acks: [Segment])?
        func finish() throws(MapError) {
            guard let open = current else { return }
            lines.append(try lineResponse(open.line, price: open.price, acks: open.acks, order: order))
            current = nil
        }
        for segment in set.segments {
            if segment.tag == lineTag {
                try finish()
                guard let text = segment.value(1), let line = Int(text) else {
                    throw MapError(code: "badLineNumber", segment: lineTag, message: "\(lineTag)01 \"\(segment.value(1) ?? "")\" is not a line number.")
                }
                let priceIndex = set.type == "855" ? 4 : 6
                current = (line, segment.value(priceIndex).flatMap(DecimalText.parse), [])
            } else if segment.tag == "ACK", current != nil {
                current!.acks.append(segment)
            }
        }
        try finish()
        if lines.isEmpty {
            let kind = header.value(2) ?? ""
            let status: LineAnswer
            switch kind {
            case "AT", "AD", "AK", "00": status = .accepted
            case "RJ", "RD", "03": status = .rejected
            default:
                throw MapError(code: "noLines", segment: headerTag, message: "The \(set.type) has no lines and \(headerTag)02 \"\(kind)\" does not accept or reject the whole order.")
            }
            let reason = status == .rejected ? "Rejected by the partner (\(headerTag)02 \(kind))" : nil
            lines = order.lines.filter { !$0.cancelled }.map { LineResponse(line: $0.line, status: status, reason: reason) }
        }
        return OrderResponse(revision: revision, lines: lines)
    }

    /// ACK01: IA/IB accepted; IR/ID/R1… rejected; anything else changed, with the ACK quantities and dates as the schedule.
    private static func lineResponse(_ line: Int, price: Decimal?, acks: [Segment], order: PurchaseOrder) throws(MapError) -> LineResponse {
        guard let ordered = order.line(line) else {
            throw MapError(code: "unknownLine", segment: "ACK", message: "Line \(line) is not on order \(order.number).")
        }
        let codes = acks.compactMap { $0.value(1) }
        if codes.isEmpty || codes.allSatisfy({ $0 == "IA" }) {
            if let price, price != ordered.unitPrice {
                return LineResponse(line: line, status: .changed, reason: "Unit price changed.", unitPrice: price)
            }
            return LineResponse(line: line, status: .accepted)
        }
        if codes.contains(where: { ["IR", "ID", "R1", "R2", "R3", "R4"].contains($0) }) {
            return LineResponse(line: line, status: .rejected, reason: "Rejected with code \(codes.joined(separator: ", ")).")
        }
        var schedule: [ScheduleLine] = []
        for ack in acks {
            guard let quantity = ack.value(2).flatMap(DecimalText.parse) else { continue }
            let date = ack.value(5).flatMap(MapDates.iso(fromCompact:)).flatMap(LocalDate.init(iso:))
                ?? ordered.schedule.first?.date ?? ordered.needBy
            schedule.append(ScheduleLine(quantity: quantity, date: date))
        }
        return LineResponse(line: line, status: .changed, reason: "Changed with code \(codes.joined(separator: ", ")).",
                            schedule: schedule.isEmpty ? nil : schedule,
                            unitPrice: price != ordered.unitPrice ? price : nil)
    }

    static func compact(_ date: LocalDate) -> String { date.iso.replacingOccurrences(of: "-", with: "") }
    static func decimal(_ value: Decimal) -> String { DecimalText.format(value) }
}
