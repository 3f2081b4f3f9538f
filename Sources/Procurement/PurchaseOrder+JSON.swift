import Foundation

extension PurchaseOrder {
    /// The order as JSON with sorted keys: the same text `JSONEncoder` writes with
    /// `.sortedKeys` and `.withoutEscapingSlashes`, written directly. Storing and
    /// fingerprinting revisions go through this, because a planning run writes thousands of
    /// orders at a time and the generic encoder costs far more than the database write.
    public var canonicalJSON: String {
        var out = "{"
        out.reserveCapacity(256 + lines.count * 320)
        if let cancelReason {
            out += "\"cancelReason\":"
            Self.append(quoted: cancelReason, to: &out)
            out += ","
        }
        out += "\"currency\":"
        Self.append(quoted: currency, to: &out)
        out += ",\"lines\":"
        appendLinesJSON(to: &out)
        out += ",\"number\":"
        Self.append(quoted: number, to: &out)
        out += ",\"plant\":"
        Self.append(quoted: plant, to: &out)
        out += ",\"revision\":\(revision),\"supplier\":"
        Self.append(quoted: supplier, to: &out)
        out += "}"
        return out
    }

    /// The `lines` array exactly as `canonicalJSON` writes it (and as `JSONEncoder` would).
    public func appendLinesJSON(to out: inout String) {
        out += "["
        for (i, line) in lines.enumerated() {
            if i > 0 { out += "," }
            out += "{"
            if line.cancelled { out += "\"cancelled\":true," }
            if line.certificateRequired { out += "\"certificateRequired\":true," }
            out += line.critical ? "\"critical\":true,\"description\":" : "\"critical\":false,\"description\":"
            Self.append(quoted: line.description, to: &out)
            out += ",\"item\":"
            Self.append(quoted: line.item, to: &out)
            out += ",\"line\":\(line.line),\"needBy\":\"\(line.needBy.iso)\",\"quantity\":\""
            out += DecimalText.format(line.quantity)
            out += "\",\"schedule\":["
            for (j, delivery) in line.schedule.enumerated() {
                if j > 0 { out += "," }
                out += "{\"date\":\"\(delivery.date.iso)\",\"quantity\":\"\(DecimalText.format(delivery.quantity))\"}"
            }
            out += "],\"unit\":"
            Self.append(quoted: line.unit, to: &out)
            out += ",\"unitPrice\":\"\(DecimalText.format(line.unitPrice))\"}"
        }
        out += "]"
    }

    /// A JSON string literal, escaped as `JSONEncoder` escapes it (by `CanonicalJSON.Writer`).
    public static func append(quoted text: String, to out: inout String) {
        // Most text needs no escaping: then it is copied as it is.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += text
            out += "\""
            return
        }
        var writer = CanonicalJSON.Writer(capacity: text.utf8.count + 8)
        writer.string(text)
        out += writer.string
    }
}
