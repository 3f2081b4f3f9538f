import Foundation
import Procurement

/// A nonconformance report as stored, with when it was raised and last changed.
public struct NonconformanceRecord: Sendable, Equatable, Codable {
    public let nonconformance: Nonconformance
    public let createdAt: Date
    public let updatedAt: Date

    public init(nonconformance: Nonconformance, createdAt: Date, updatedAt: Date) {
        self.nonconformance = nonconformance
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Which nonconformances a list returns; nil fields do not filter.
public struct NonconformanceFilter: Sendable, Equatable {
    public var status: NonconformanceStatus?
    public var supplier: String?

    public init(status: NonconformanceStatus? = nil, supplier: String? = nil) {
        self.status = status
        self.supplier = supplier
    }
}

/// One thing that happened to a nonconformance, in order: raised, answered, accepted,
/// returned, overdue, closed.
public struct NonconformanceHistoryEntry: Sendable, Equatable {
    public let nonconformanceID: String
    public let at: Date
    /// Client id, or `system` for the timers.
    public let actor: String
    public let action: String
    public let step: NonconformanceStep?
    /// The status after the entry.
    public let status: NonconformanceStatus
    public let text: String?

    public init(nonconformanceID: String, at: Date, actor: String, action: String, step: NonconformanceStep?,
                status: NonconformanceStatus, text: String?) {
        self.nonconformanceID = nonconformanceID
        self.at = at
        self.actor = actor
        self.action = action
        self.step = step
        self.status = status
        self.text = text
    }
}

/// The current revision of an order that still waits for the supplier's acknowledgement.
public struct PendingAcknowledgement: Sendable, Equatable {
    public let purchaseOrder: String
    public let revision: Int
    public let supplier: String
    public let releasedAt: Date
}

/// A confirmed order the ship-notice timer has not read since it last changed.
public struct ConfirmedOrderChange: Sendable, Equatable {
    public let purchaseOrder: String
    public let revision: Int
    public let updatedAt: Date
}

/// A confirmed delivery the ship-notice timer watches until it is announced or reported late.
public struct ShipmentWatch: Sendable, Equatable {
    public let purchaseOrder: String
    public let revision: Int
    public let supplier: String
    public let due: DueQuantity

    public init(purchaseOrder: String, revision: Int, supplier: String, due: DueQuantity) {
        self.purchaseOrder = purchaseOrder
        self.revision = revision
        self.supplier = supplier
        self.due = due
    }
}
