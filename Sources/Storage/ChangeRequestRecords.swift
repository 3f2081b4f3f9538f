import Foundation
import Procurement

/// A supplier's change request as received, with the hub's decision and what it changes.
public struct ChangeRequestRecord: Sendable, Equatable {
    public let id: String
    public let purchaseOrder: String
    public let revision: Int
    public let supplier: String
    public let clientID: String
    public let request: ChangeRequest
    public let status: ChangeRequestStatus
    /// Why it went to a buyer (tolerance deviations); empty when applied at once.
    public let reasons: [Reason]
    /// The confirmed lines the request asks for, one per changed line.
    public let lines: [ConfirmedLine]
    /// The same lines as they were confirmed before the request.
    public let previous: [ConfirmedLine]
    /// The exception a buyer decides on, when the request was outside tolerance.
    public let exceptionID: String?
    public let receivedAt: Date
    public let decidedAt: Date?
    /// The buyer's client id, or "system" when a new revision superseded it.
    public let decidedBy: String?

    public init(id: String, purchaseOrder: String, revision: Int, supplier: String, clientID: String, request: ChangeRequest,
                status: ChangeRequestStatus, reasons: [Reason], lines: [ConfirmedLine], previous: [ConfirmedLine],
                exceptionID: String?, receivedAt: Date, decidedAt: Date? = nil, decidedBy: String? = nil) {
        self.id = id
        self.purchaseOrder = purchaseOrder
        self.revision = revision
        self.supplier = supplier
        self.clientID = clientID
        self.request = request
        self.status = status
        self.reasons = reasons
        self.lines = lines
        self.previous = previous
        self.exceptionID = exceptionID
        self.receivedAt = receivedAt
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
    }
}
