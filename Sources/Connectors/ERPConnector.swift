import Foundation

/// A business document for the ERP, with the key the ERP deduplicates on.
public struct ERPPosting: Sendable, Equatable {
    /// What it is: orderConfirmation, orderRejection, …
    public let kind: String
    /// The business document it concerns (a PO number).
    public let document: String
    public let revision: Int
    /// Stable across retries: the ERP applies a key at most once.
    public let idempotencyKey: String
    /// A JSON object with the particulars.
    public let payload: [UInt8]

    public init(kind: String, document: String, revision: Int, idempotencyKey: String, payload: [UInt8]) {
        self.kind = kind
        self.document = document
        self.revision = revision
        self.idempotencyKey = idempotencyKey
        self.payload = payload
    }
}

/// What a delivery attempt came to.
public enum DeliveryResult: Sendable, Equatable {
    /// The receiver has it (applied now or before).
    case delivered
    /// Try again: a 5xx, timeout, refused or dropped connection. `after` is the receiver's
    /// `Retry-After`, in seconds, when it sent one.
    case retryable(reason: String, after: TimeInterval?)
    /// The receiver refused it for good (a 4xx other than 408/429); retrying cannot help.
    case rejected(reason: String)
}

/// An ERP instance the hub posts to. Implementations block until they have an answer.
public protocol ERPConnector: Sendable {
    func post(_ posting: ERPPosting) -> DeliveryResult
}
