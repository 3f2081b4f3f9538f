import Foundation
import Procurement
import Storage

extension ERPPostings {
    private struct SupplierInvoice: Encodable {
        let invoice: String
        let number: String
        let supplier: String
        let invoiceDate: String
        let currency: String
        let lines: [InvoiceLine]
        let taxTotal: String?
        let total: String
        let dueDate: String?
        let paymentTerms: PaymentTerms?
        let purchaseOrders: [String]
        let firstPassMatch: Bool
        let approvedBy: String?
        let matchedAt: String
    }

    /// `supplierInvoice`: a matched invoice for the ERP to book and pay. `document` is the hub's
    /// invoice id, which the ERP quotes when it reports approval, payment or rejection
    /// (`PUT /v1/invoices/{id}/status`). `approvedBy` names the buyer when one approved a variance.
    static func supplierInvoice(_ r: InvoiceRecord, approvedBy: String?, now: Date) -> OutboxMessage {
        let i = r.invoice
        let body = SupplierInvoice(invoice: r.id, number: i.number, supplier: r.supplier, invoiceDate: i.invoiceDate.iso,
                                   currency: i.currency, lines: i.lines, taxTotal: i.taxTotal.map { DecimalText.format($0) },
                                   total: DecimalText.format(i.total), dueDate: i.dueDate?.iso, paymentTerms: i.paymentTerms,
                                   purchaseOrders: i.purchaseOrders, firstPassMatch: r.firstPassMatch, approvedBy: approvedBy,
                                   matchedAt: timestamp(now))
        return OutboxMessage(kind: "supplierInvoice", document: r.id, revision: 1, idempotencyKey: "supplierInvoice:\(r.id)",
                             payload: JSON.encode(body))
    }
}
