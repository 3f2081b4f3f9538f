import Foundation

/// A bulk release as the hub answered it: kept so that a retry with the same
/// `Idempotency-Key` gets the same per-order answers, even after the orders moved on.
public struct ReleaseBatchRecord: Sendable, Equatable {
    public let id: String
    public let clientID: String
    public let orderCount: Int
    /// The per-order results, JSON-encoded by the flow that made them.
    public let results: String
    public let receivedAt: Date

    public init(id: String, clientID: String, orderCount: Int, results: String, receivedAt: Date) {
        self.id = id
        self.clientID = clientID
        self.orderCount = orderCount
        self.results = results
        self.receivedAt = receivedAt
    }
}
