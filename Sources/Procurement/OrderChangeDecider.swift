import Foundation

extension ProcurementError.Code {
    /// A change would take a line below what has already been shipped or received.
    public static let belowShippedQuantity = Self(rawValue: "belowShippedQuantity")
    /// The order is cancelled: it takes no answers, changes or revisions.
    public static let orderCancelled = Self(rawValue: "orderCancelled")
    /// The line is cancelled: it cannot be reinstated or changed.
    public static let lineCancelled = Self(rawValue: "lineCancelled")
    /// The order is not confirmed, so there is no confirmation to change.
    public static let orderNotConfirmed = Self(rawValue: "orderNotConfirmed")
    /// An earlier change request on the order is still waiting for a buyer.
    public static let changeRequestPending = Self(rawValue: "changeRequestPending")
}

/// What a new revision changes beyond what the supplier must acknowledge again.
public struct OrderChange: Equatable, Sendable {
    /// Lines this revision cancels (cancelled now, not before), in line order.
    public var cancelledLines: [Int]
    /// Every line is now cancelled: the order is cancelled.
    public var cancelsOrder: Bool

    public init(cancelledLines: [Int], cancelsOrder: Bool) {
        self.cancelledLines = cancelledLines
        self.cancelsOrder = cancelsOrder
    }

    /// The status the revision starts in: the supplier acknowledges every change again, except
    /// a cancellation of the whole order, which needs no answer.
    public var status: OrderStatus { cancelsOrder ? .cancelled : .awaitingAcknowledgement }
}

/// Decides on changes the ERP makes to a released order: pure, no storage, no clock.
///
/// - A new order cannot start with cancelled lines.
/// - A cancelled order takes no further revision.
/// - A cancelled line stays cancelled.
/// - No line may go below what has been shipped or received (`LineProgress.committed`):
///   neither by a lower quantity nor by cancelling or dropping the line.
public enum OrderChangeDecider {
    /// Rules for the first release of an order.
    public static func checkNew(_ order: PurchaseOrder) throws {
        let fields = order.lines.enumerated().filter { $0.element.cancelled }
            .map { ProcurementError.FieldError(pointer: "/lines/\($0.offset)/cancelled", detail: "a new order cannot start with a cancelled line") }
        try ProcurementError.throwIfInvalid(fields, what: "purchase order")
    }

    /// Rules for a newer revision of `current`, given the order's line ledger.
    public static func decide(incoming: PurchaseOrder, current: PurchaseOrder, status: OrderStatus,
                              progress: [Int: LineProgress]) throws -> OrderChange {
        if status == .cancelled {
            throw ProcurementError(.orderCancelled,
                "\(current.number) was cancelled in revision \(current.revision) and takes no further revisions; release a new order instead.")
        }
        for (i, line) in incoming.lines.enumerated() where !line.cancelled {
            if let before = current.line(line.line), before.cancelled {
                throw ProcurementError(.lineCancelled,
                    "Line \(line.line) of \(current.number) was cancelled and cannot be reinstated; add a new line instead.",
                    fields: [.init(pointer: "/lines/\(i)/cancelled", detail: "line \(line.line) was cancelled in an earlier revision")])
            }
        }
        try checkCommitted(incoming: incoming, current: current, progress: progress)
        let cancelled = incoming.lines.filter { line in line.cancelled && current.line(line.line)?.cancelled != true }.map(\.line).sorted()
        return OrderChange(cancelledLines: cancelled, cancelsOrder: incoming.isCancelled)
    }

    /// The revision that cancels every line of `current`: `revision` when the ERP names one
    /// (it must be newer), otherwise the next one.
    public static func cancellation(of current: PurchaseOrder, status: OrderStatus, revision: Int?, reason: String,
                                    progress: [Int: LineProgress]) throws -> (order: PurchaseOrder, change: OrderChange) {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var fields: [ProcurementError.FieldError] = []
        if trimmed.isEmpty { fields.append(.init(pointer: "/reason", detail: "a cancellation needs a reason")) }
        if trimmed.count > 500 { fields.append(.init(pointer: "/reason", detail: "must be at most 500 characters")) }
        try ProcurementError.throwIfInvalid(fields, what: "cancellation")
        if status == .cancelled {
            throw ProcurementError(.orderCancelled, "\(current.number) is already cancelled (revision \(current.revision)).")
        }
        let next = revision ?? current.revision + 1
        if next <= current.revision {
            throw ProcurementError(.revisionConflict,
                "\(current.number) is already at revision \(current.revision); release the cancellation as revision \(current.revision + 1) or later.")
        }
        var order = current
        order.revision = next
        order.cancelReason = trimmed
        for i in order.lines.indices { order.lines[i].cancelled = true }
        return (order, try decide(incoming: order, current: current, status: status, progress: progress))
    }

    /// Throws `belowShippedQuantity` when a line of `incoming` orders less than the ledger says
    /// has been shipped or received on it; a cancelled or dropped line orders nothing.
    public static func checkCommitted(incoming: PurchaseOrder, current: PurchaseOrder, progress: [Int: LineProgress]) throws {
        var fields: [ProcurementError.FieldError] = []
        var first: String?
        for before in current.lines where !before.cancelled {
            let committed = progress[before.line]?.committed ?? 0
            guard committed > 0 else { continue }
            let index = incoming.lines.firstIndex { $0.line == before.line }
            let unit = before.unit
            let shown = "\(DecimalText.format(committed)) \(unit)"
            if let index, !incoming.lines[index].cancelled {
                let quantity = incoming.lines[index].quantity
                guard quantity < committed else { continue }
                fields.append(.init(pointer: "/lines/\(index)/quantity", detail: "must be at least \(DecimalText.format(committed)), the quantity already shipped or received"))
                first = first ?? "Line \(before.line) of \(current.number) cannot go down to \(DecimalText.format(quantity)) \(unit): \(shown) have already been shipped or received."
            } else if let index {
                fields.append(.init(pointer: "/lines/\(index)/cancelled", detail: "\(shown) already shipped or received"))
                first = first ?? "Line \(before.line) of \(current.number) cannot be cancelled: \(shown) have already been shipped or received; reduce its quantity to \(DecimalText.format(committed)) instead."
            } else {
                fields.append(.init(pointer: "/lines", detail: "line \(before.line) is missing but \(shown) were already shipped or received"))
                first = first ?? "Line \(before.line) of \(current.number) cannot be dropped: \(shown) have already been shipped or received."
            }
        }
        if let first {
            let more = fields.count > 1 ? " (and \(fields.count - 1) more line\(fields.count > 2 ? "s" : ""))" : ""
            throw ProcurementError(.belowShippedQuantity, first + more, fields: fields)
        }
    }
}
