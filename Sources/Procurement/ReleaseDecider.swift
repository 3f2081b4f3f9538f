/// What a release from the ERP does to the hub's copy of an order.
public enum ReleaseDecision: Equatable, Sendable {
    /// A new order: revision stored, waiting for the supplier.
    case created
    /// The same revision with the same content: nothing changes.
    case unchanged
    /// A newer revision: it becomes current, earlier answers become stale, and the supplier
    /// must acknowledge again.
    case revised(from: Int)
}

/// Decides on an ERP release (create or revise): pure.
public enum ReleaseDecider {
    public static func decide(incoming: PurchaseOrder, current: PurchaseOrder?) throws -> ReleaseDecision {
        guard let current else { return .created }
        if incoming.supplier != current.supplier {
            throw ProcurementError(.supplierChanged,
                "\(incoming.number) belongs to supplier \(current.supplier); a revision cannot move it to \(incoming.supplier). Cancel it and release a new order instead.")
        }
        if incoming.revision == current.revision {
            if incoming == current { return .unchanged }
            throw ProcurementError(.revisionConflict,
                "\(incoming.number) revision \(incoming.revision) was already released with different content; release changes as revision \(current.revision + 1).")
        }
        if incoming.revision < current.revision {
            throw ProcurementError(.revisionConflict,
                "\(incoming.number) is already at revision \(current.revision); revision \(incoming.revision) is older.")
        }
        return .revised(from: current.revision)
    }
}

/// A buyer's verdict on an answer held for review.
public enum ReviewVerdict: String, Sendable, Codable {
    case approved
    case rejected
}

/// Decides on a buyer's review of an exception: pure.
public enum ReviewDecider {
    /// The order status after the verdict: approved → confirmed; rejected → back to the
    /// supplier (awaitingAcknowledgement).
    public static func decide(verdict: ReviewVerdict, exceptionIsOpen: Bool, exceptionRevision: Int,
                              order: PurchaseOrder, status: OrderStatus) throws -> OrderStatus {
        guard exceptionIsOpen else {
            throw ProcurementError(.exceptionNotOpen, "The exception is already resolved.")
        }
        guard exceptionRevision == order.revision, status == .inReview else {
            throw ProcurementError(.exceptionNotOpen,
                "\(order.number) moved on to revision \(order.revision) (\(status.rawValue)); the exception for revision \(exceptionRevision) no longer applies.")
        }
        return verdict == .approved ? .confirmed : .awaitingAcknowledgement
    }
}
