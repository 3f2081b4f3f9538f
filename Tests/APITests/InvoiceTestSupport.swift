import Foundation
import Procurement
import Storage

/// Invoices in tests: bodies, submission, and receipts moved straight through the ledger
/// (goods receipts arrive through their own API).
extension TestHub {
    static func invoiceJSON(_ number: String = "INV-1", order: String = "PO-1001", poLine: Int = 1, quantity: String = "100",
                            unitPrice: String = "2.50", currency: String = "USD", unit: String = "EA", extra: String = "") -> String {
        let amount = DecimalText.format(Money.cents((DecimalText.parse(quantity) ?? 0) * (DecimalText.parse(unitPrice) ?? 0)))
        return """
        {"number":"\(number)","invoiceDate":"2027-01-20","currency":"\(currency)",\(extra)
         "lines":[{"line":1,"purchaseOrder":"\(order)","poLine":\(poLine),"quantity":"\(quantity)","unit":"\(unit)",
                   "unitPrice":"\(unitPrice)","amount":"\(amount)"}],
         "total":"\(amount)"}
        """
    }

    func submitInvoice(_ body: String, key: String = UUID().uuidString, as supplierKey: String? = nil) -> Reply {
        call("POST", "/v1/invoices", key: supplierKey ?? self.supplierKey, body: body, headers: [("Idempotency-Key", key)])
    }

    func receive(_ quantity: Decimal, order: String = "PO-1001", line: Int = 1) throws {
        try hub.context.store.write { try $0.addLineProgress(purchaseOrder: order, line: line, LineProgress(received: quantity)) }
    }

    func progress(_ order: String = "PO-1001", line: Int = 1) throws -> LineProgress {
        try hub.store.read { try $0.lineProgress(purchaseOrder: order) }[line] ?? .zero
    }

    func setStatus(_ id: String, _ body: String, key: String? = nil) -> Reply {
        call("PUT", "/v1/invoices/\(id)/status", key: key ?? erpKey, body: body)
    }

    func eventTypes(prefix: String = "com.supplyline.invoice.") throws -> [String] {
        try hub.store.read { try $0.events(after: 0, limit: 1000, scope: .all) }.map(\.type).filter { $0.hasPrefix(prefix) }
    }

    func outbox(kind: String = "supplierInvoice") throws -> [OutboxMessage] {
        try hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 100) }.items.map(\.message).filter { $0.kind == kind }
    }

    /// Seeds, confirms PO-1001 as ordered and receives `received` on its line.
    func confirmedAndReceived(_ received: Decimal = 100) throws {
        seed()
        precondition(acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#).status == 201)
        if received > 0 { try receive(received) }
    }
}
