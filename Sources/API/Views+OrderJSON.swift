import Foundation
import Procurement
import Storage

extension Views {
    /// `Views.Order` as JSON: the same bytes `RequestSupport.json` writes for it, written
    /// directly, because order reads are the hub's most frequent request and the generic
    /// encoder costs most of their time.
    static func orderJSON(_ record: OrderRecord, revisions: [Int]?) -> [UInt8] {
        let order = record.order
        var out = "{"
        out.reserveCapacity(320 + order.lines.count * 320)
        if let reason = order.cancelReason {
            out += "\"cancelReason\":"
            PurchaseOrder.append(quoted: reason, to: &out)
            out += ","
        }
        out += "\"createdAt\":\"\(timestamp(record.createdAt))\",\"currency\":"
        PurchaseOrder.append(quoted: order.currency, to: &out)
        out += ",\"lines\":"
        order.appendLinesJSON(to: &out)
        out += ",\"number\":"
        PurchaseOrder.append(quoted: order.number, to: &out)
        out += ",\"plant\":"
        PurchaseOrder.append(quoted: order.plant, to: &out)
        out += ",\"revision\":\(order.revision)"
        if let revisions { out += ",\"revisions\":[" + revisions.map(String.init).joined(separator: ",") + "]" }
        out += ",\"status\":\"\(record.status.rawValue)\",\"supplier\":"
        PurchaseOrder.append(quoted: order.supplier, to: &out)
        out += ",\"updatedAt\":\"\(timestamp(record.updatedAt))\"}"
        return Array(out.utf8)
    }
}
