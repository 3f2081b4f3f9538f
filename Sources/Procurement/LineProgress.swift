import Foundation

/// How far a purchase order line has come after its confirmation: what the supplier's ship
/// notices announced, what the ERP's goods receipts took in or turned away, and what the
/// supplier's invoices billed. Every document that moves a figure moves it in the same
/// transaction, so the figures always agree with the documents.
public struct LineProgress: Equatable, Hashable, Sendable {
    public var shipped: Decimal
    public var received: Decimal
    public var rejected: Decimal
    public var invoiced: Decimal

    public init(shipped: Decimal = 0, received: Decimal = 0, rejected: Decimal = 0, invoiced: Decimal = 0) {
        self.shipped = shipped
        self.received = received
        self.rejected = rejected
        self.invoiced = invoiced
    }

    public static let zero = LineProgress()

    /// The quantity no later change may go below: what has been shipped or taken in already.
    public var committed: Decimal { Swift.max(shipped, received + rejected) }

    public static func + (a: LineProgress, b: LineProgress) -> LineProgress {
        LineProgress(shipped: a.shipped + b.shipped, received: a.received + b.received,
                     rejected: a.rejected + b.rejected, invoiced: a.invoiced + b.invoiced)
    }

    public static prefix func - (a: LineProgress) -> LineProgress {
        LineProgress(shipped: -a.shipped, received: -a.received, rejected: -a.rejected, invoiced: -a.invoiced)
    }
}
