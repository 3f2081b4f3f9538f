import Foundation
import Procurement

/// A supplier invoice as received, with the hub's match and where it stands now.
public struct InvoiceRecord: Sendable, Equatable {
    public let id: String
    public let supplier: String
    public let clientID: String
    public let invoice: Invoice
    public let status: InvoiceStatus
    /// Why it was held (empty when it matched on first pass).
    public let reasons: [Reason]
    /// The figures each line was matched on.
    public let matchLines: [ThreeWayMatch.LineResult]
    /// True when it matched without a buyer.
    public let firstPassMatch: Bool
    /// The `invoiceVariance` exception that holds it, if it was held.
    public let exceptionID: String?
    /// What the ERP paid, once it paid.
    public let payment: InvoicePayment?
    /// Why a buyer or the ERP refused it, once refused.
    public let rejection: String?
    /// See `InvoiceFingerprint`.
    public let fingerprint: String
    public let receivedAt: Date
    public let updatedAt: Date

    public init(id: String, supplier: String, clientID: String, invoice: Invoice, status: InvoiceStatus, reasons: [Reason],
                matchLines: [ThreeWayMatch.LineResult], firstPassMatch: Bool, exceptionID: String?, payment: InvoicePayment? = nil,
                rejection: String? = nil, fingerprint: String, receivedAt: Date, updatedAt: Date) {
        self.id = id
        self.supplier = supplier
        self.clientID = clientID
        self.invoice = invoice
        self.status = status
        self.reasons = reasons
        self.matchLines = matchLines
        self.firstPassMatch = firstPassMatch
        self.exceptionID = exceptionID
        self.payment = payment
        self.rejection = rejection
        self.fingerprint = fingerprint
        self.receivedAt = receivedAt
        self.updatedAt = updatedAt
    }
}

/// One step in an invoice's life: the status it reached, when, and who moved it.
public struct InvoiceStatusEntry: Sendable, Equatable {
    public let invoiceID: String
    public let status: InvoiceStatus
    public let at: Date
    /// The client id of whoever moved it (the supplier, a buyer, the ERP).
    public let actor: String
    public let role: String
    /// Why: the buyer's note, the ERP's rejection reason, "approved by buyer".
    public let note: String?
    public let payment: InvoicePayment?

    public init(invoiceID: String, status: InvoiceStatus, at: Date, actor: String, role: String, note: String? = nil,
                payment: InvoicePayment? = nil) {
        self.invoiceID = invoiceID
        self.status = status
        self.at = at
        self.actor = actor
        self.role = role
        self.note = note
        self.payment = payment
    }
}

/// Which invoices a list returns; nil fields do not filter.
public struct InvoiceFilter: Sendable, Equatable {
    public var status: InvoiceStatus?
    public var purchaseOrder: String?

    public init(status: InvoiceStatus? = nil, purchaseOrder: String? = nil) {
        self.status = status
        self.purchaseOrder = purchaseOrder
    }
}
