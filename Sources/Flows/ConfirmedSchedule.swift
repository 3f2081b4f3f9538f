import Foundation
import Procurement
import Storage

/// What the supplier has committed to on a confirmed order: the lines of the acknowledgement
/// that confirmed its current revision (decided automatically, or approved by a buyer), with
/// the change requests applied since (within tolerance, or approved by a buyer) laid over them
/// line by line in the order they were applied. Ship notices, receipts and timers measure
/// against these dates and quantities, not the order's. A line the ERP cancelled is confirmed
/// with no deliveries (`cancelled`), so nothing is open on it.
enum ConfirmedSchedule {
    /// The confirmed lines of the order's current revision, or nil while it is not confirmed.
    static func lines(of record: OrderRecord, tx: any StoreReader) throws -> [ConfirmedLine]? {
        guard record.status == .confirmed else { return nil }
        let revision = record.order.revision
        let acks = try tx.acknowledgements(purchaseOrder: record.order.number, scope: .all).filter { $0.revision == revision }
        // The last answer to this revision is the one that confirmed it: a later answer is only
        // accepted while the order awaits one, and a rejected review sends it back to waiting.
        guard var lines = acks.last?.lines else { return nil }
        // Change requests are taken only on a confirmed order, so every one for this revision
        // came after that answer; one at a time waits for a buyer, so they apply in order.
        for change in try tx.changeRequests(purchaseOrder: record.order.number, scope: .all)
            where change.revision == revision && change.status.isApplied {
            for line in change.lines {
                if let i = lines.firstIndex(where: { $0.line == line.line }) { lines[i] = line } else { lines.append(line) }
            }
        }
        return lines
    }

    /// The date a schedule line is due: the confirmed date when the line is confirmed, otherwise
    /// the ordered one. `index` counts the line's deliveries in date order.
    static func dueDate(line: OrderLine, confirmed: [ConfirmedLine]?, index: Int = 0) -> LocalDate {
        if let c = confirmed?.first(where: { $0.line == line.line }), c.status != .rejected, !c.schedule.isEmpty {
            let dates = c.schedule.map(\.date).sorted()
            return dates[min(index, dates.count - 1)]
        }
        let dates = line.schedule.map(\.date).sorted()
        return dates.isEmpty ? line.needBy : dates[min(index, dates.count - 1)]
    }
}
