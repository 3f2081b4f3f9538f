import Foundation
import Procurement
import Storage

/// The invoice events, subject = invoice id. Every one carries `invoice`, `number`, `supplier`
/// and `status`.
extension DomainEvents {
    private struct InvoiceData: Encodable {
        let invoice: String
        let number: String
        let supplier: String
        let status: String
        var purchaseOrders: [String]?
        var currency: String?
        var total: String?
        var reasons: [String]?
        var firstPassMatch: Bool?
        var exception: String?
        var approvedBy: String?
        var by: String?
        var reason: String?
        var paymentDate: String?
        var amount: String?
        var reference: String?
    }

    private static func invoiceData(_ r: InvoiceRecord) -> InvoiceData {
        InvoiceData(invoice: r.id, number: r.invoice.number, supplier: r.supplier, status: r.status.rawValue)
    }

    private static func invoiceEvent(_ change: String, _ r: InvoiceRecord, _ data: InvoiceData) -> NewEvent {
        NewEvent(type: prefix + "invoice." + change, subject: r.id, supplier: r.supplier, data: JSON.string(data))
    }

    /// `com.supplyline.invoice.submitted`: received and matched or held; `firstPassMatch` says
    /// whether it matched without a buyer.
    static func invoiceSubmitted(_ r: InvoiceRecord) -> NewEvent {
        var data = invoiceData(r)
        data.purchaseOrders = r.invoice.purchaseOrders
        data.currency = r.invoice.currency
        data.total = DecimalText.format(r.invoice.total)
        data.reasons = r.reasons.map(\.code)
        data.firstPassMatch = r.firstPassMatch
        return invoiceEvent("submitted", r, data)
    }

    /// `com.supplyline.invoice.matched`: posted to the ERP, on first pass or approved by a buyer (`approvedBy`).
    static func invoiceMatched(_ r: InvoiceRecord, approvedBy: String?) -> NewEvent {
        var data = invoiceData(r)
        data.approvedBy = approvedBy
        return invoiceEvent("matched", r, data)
    }

    /// `com.supplyline.invoice.held`: outside tolerances, waiting for a buyer.
    static func invoiceHeld(_ r: InvoiceRecord) -> NewEvent {
        var data = invoiceData(r)
        data.reasons = r.reasons.map(\.code)
        data.exception = r.exceptionID
        return invoiceEvent("held", r, data)
    }

    /// `com.supplyline.invoice.rejected`: refused by a buyer (`by: buyer`) or by the ERP (`by: erp`).
    static func invoiceRejected(_ r: InvoiceRecord, by: String) -> NewEvent {
        var data = invoiceData(r)
        data.by = by
        data.reason = r.rejection
        return invoiceEvent("rejected", r, data)
    }

    /// `com.supplyline.invoice.status`: the ERP approved (`approved`) or paid (`paid`, with the payment).
    static func invoiceStatus(_ r: InvoiceRecord) -> NewEvent {
        var data = invoiceData(r)
        if r.status == .paid, let payment = r.payment {
            data.paymentDate = payment.date.iso
            data.amount = DecimalText.format(payment.amount)
            data.reference = payment.reference
        }
        return invoiceEvent("status", r, data)
    }
}
