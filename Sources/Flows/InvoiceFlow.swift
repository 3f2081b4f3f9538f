import Foundation
import Procurement
import Storage
import Telemetry

extension ExceptionKinds {
    /// A supplier invoice outside its invoice tolerances (price, quantity, nothing received, duplicate).
    static let invoiceVariance = "invoiceVariance"
    /// A paid invoice whose payment differs from its total: an alert for a buyer (the payment
    /// is recorded as reported; deciding it just closes it).
    static let paymentDifference = "paymentDifference"
}

/// Supplier invoices: submission with a three-way match (order price, received quantity,
/// invoice), a buyer's decision on those held, and the ERP's approval, payment or rejection.
/// Each command is one transaction: the invoice, its status history, the line ledger, the
/// outbox message or exception, the audit entry and the events.
///
/// The ledger's `invoiced` quantity moves when the invoice is received, held or not, so two
/// invoices for the same delivery can never both pass while the first waits for a buyer; it
/// moves back when the invoice is rejected (by a buyer or by the ERP).
public struct InvoiceFlow: Sendable {
    let context: FlowContext
    private let outcomes: [InvoiceStatus: Counter]

    public init(context: FlowContext) {
        self.context = context
        var outcomes: [InvoiceStatus: Counter] = [:]
        for status in [InvoiceStatus.matched, .held] {
            outcomes[status] = context.metrics.counter("supplyline_invoices_total", help: "Invoices received, by match outcome",
                                                        labels: ["status": status.rawValue])
        }
        self.outcomes = outcomes
    }

    /// An invoice with the steps it has been through.
    public struct Result: Sendable {
        public let record: InvoiceRecord
        public let history: [InvoiceStatusEntry]
        /// True when this is the stored answer to an earlier request with the same key.
        public let replayed: Bool
    }

    /// A supplier submits an invoice against its orders.
    public func submit(_ submitted: Invoice, idempotencyKey: String, by request: RequestContext) throws -> Result {
        try request.require(.supplier, to: "submit invoices")
        let principal = request.principal
        let supplierID = principal.supplierID ?? ""
        if let named = submitted.supplier, named != supplierID {
            throw FlowError(.mismatch, "The invoice names supplier \(named), but this key belongs to supplier \(supplierID).")
        }
        if submitted.kind != .invoice {
            throw ProcurementError(.invalidDocument, "The invoice is invalid: /kind must be invoice; credit notes are not taken here.",
                                   fields: [.init(pointer: "/kind", detail: "must be invoice")])
        }
        try submitted.validate()
        var invoice = submitted
        invoice.supplier = supplierID
        let command = IdempotentCommand(operation: "submitInvoice", key: idempotencyKey, parts: [JSON.string(invoice)])
        let outcome = try command.run(context, by: request, body: { tx, now in
            let record = try receive(invoice, tx: tx, request: request, now: now)
            return ((record, try tx.invoiceHistory(invoiceID: record.id)), record.id, 201)
        }, replay: { reader, ref in
            guard let record = try reader.invoice(id: ref, scope: principal.scope) else {
                throw FlowError(.notFound, "There is no invoice \(ref).")
            }
            return (record, try reader.invoiceHistory(invoiceID: ref))
        })
        if !outcome.replayed { outcomes[outcome.value.0.status]?.increment() }
        return Result(record: outcome.value.0, history: outcome.value.1, replayed: outcome.replayed)
    }

    private func receive(_ invoice: Invoice, tx: any StoreWriter, request: RequestContext, now: Date) throws -> InvoiceRecord {
        let principal = request.principal
        guard let supplier = try tx.supplier(id: principal.supplierID ?? "") else {
            throw ProcurementError(.unknownSupplier, "Your supplier record is not on file.")
        }
        if let earlier = try tx.invoice(supplier: supplier.id, number: invoice.number) {
            throw ProcurementError(.duplicateInvoice,
                                   "You already submitted invoice \(invoice.number) (\(earlier.id), \(earlier.status.rawValue)); "
                                   + "an invoice number is used once.",
                                   fields: [.init(pointer: "/number", detail: "was already used for \(earlier.id)")])
        }
        var orders: [String: OrderRecord] = [:]
        for number in invoice.purchaseOrders {
            orders[number] = try tx.purchaseOrder(number: number, scope: principal.scope)
        }
        try InvoiceDecider.checkAgainstOrders(invoice, orders: orders.compactMapValues(\.order))

        var progress: [String: [Int: LineProgress]] = [:]
        var confirmed: [String: [ConfirmedLine]] = [:]
        for (number, record) in orders {
            progress[number] = try tx.lineProgress(purchaseOrder: number)
            confirmed[number] = try ConfirmedSchedule.lines(of: record, tx: tx)
        }
        let lines = invoice.lines.map { line -> ThreeWayMatch.Line in
            let order = orders[line.purchaseOrder]!.order
            let figures = progress[line.purchaseOrder]?[line.poLine] ?? .zero
            return ThreeWayMatch.Line(invoiceLine: line.line, purchaseOrder: line.purchaseOrder, poLine: line.poLine,
                                      quantity: line.quantity, unitPrice: line.unitPrice,
                                      expectedUnitPrice: Self.expectedUnitPrice(order: order, line: line.poLine,
                                                                                confirmed: confirmed[line.purchaseOrder]),
                                      received: figures.received, invoicedBefore: figures.invoiced)
        }
        let fingerprint = InvoiceFingerprint.of(invoice)
        let duplicate = try tx.invoice(supplier: supplier.id, fingerprint: fingerprint, excludingStatus: .rejected)
        let match = ThreeWayMatch.decide(lines: lines, tolerances: supplier.invoiceTolerances, duplicateOf: duplicate?.invoice.number)

        let id = Identifiers.make("inv")
        var exception: ExceptionRecord?
        if !match.matched {
            let first = invoice.purchaseOrders[0]
            exception = ExceptionRecord(id: Identifiers.make("exc"), kind: ExceptionKinds.invoiceVariance, supplier: supplier.id,
                                        purchaseOrder: first, revision: orders[first]?.order.revision, links: ["invoice": id],
                                        reasons: match.reasons, createdAt: now)
        }
        let record = InvoiceRecord(id: id, supplier: supplier.id, clientID: principal.clientID, invoice: invoice,
                                   status: match.matched ? .matched : .held, reasons: match.reasons, matchLines: match.lines,
                                   firstPassMatch: match.matched, exceptionID: exception?.id, fingerprint: fingerprint,
                                   receivedAt: now, updatedAt: now)
        try tx.insertInvoice(record)
        try tx.appendInvoiceHistory(InvoiceStatusEntry(invoiceID: id, status: record.status, at: now, actor: principal.clientID,
                                                       role: principal.role.rawValue))
        for line in invoice.lines {
            try tx.addLineProgress(purchaseOrder: line.purchaseOrder, line: line.poLine, LineProgress(invoiced: line.quantity))
        }
        if let exception {
            try tx.insertException(exception)
        } else {
            try tx.enqueue(ERPPostings.supplierInvoice(record, approvedBy: nil, now: now), now: now)
        }
        try tx.appendAudit(AuditEvent(actor: principal, action: "invoice.submitted", objectType: "invoice", objectID: id,
                                      detail: JSON.string(AuditDetail(number: invoice.number, status: record.status.rawValue,
                                                                      reasons: match.reasons.map(\.code), exception: exception?.id)),
                                      requestID: request.requestID), now: now)
        try tx.emit(DomainEvents.invoiceSubmitted(record), now: now)
        if let exception {
            try tx.emit(DomainEvents.invoiceHeld(record), now: now)
            try tx.emit(DomainEvents.exception(exception, change: "opened"), now: now)
        } else {
            try tx.emit(DomainEvents.invoiceMatched(record, approvedBy: nil), now: now)
        }
        return record
    }

    private struct AuditDetail: Encodable {
        let number: String
        let status: String
        let reasons: [String]
        let exception: String?
    }

    /// The unit price the invoice is held to: the confirmed one when the supplier's price change
    /// was accepted (automatically or by a buyer), otherwise the order's.
    static func expectedUnitPrice(order: PurchaseOrder, line: Int, confirmed: [ConfirmedLine]?) -> Decimal {
        if let c = confirmed?.first(where: { $0.line == line }), c.status != .rejected { return c.unitPrice }
        return order.line(line)?.unitPrice ?? 0
    }

    // MARK: reading

    public func invoice(id: String, by request: RequestContext) throws -> Result {
        try context.store.read { tx in
            guard let record = try tx.invoice(id: id, scope: request.principal.scope) else {
                throw FlowError(.notFound, "There is no invoice \(id).")
            }
            return Result(record: record, history: try tx.invoiceHistory(invoiceID: id), replayed: false)
        }
    }

    public func invoices(_ filter: InvoiceFilter, after: String?, limit: Int, by request: RequestContext) throws -> Page<InvoiceRecord> {
        try context.store.read { try $0.invoices(scope: request.principal.scope, filter: filter, after: after, limit: limit) }
    }

    // MARK: the ERP's word

    /// The ERP approves, pays or rejects an invoice it was sent. The same update again answers
    /// with the invoice as it stands and changes nothing.
    public func updateStatus(id: String, update: InvoiceStatusUpdate, by request: RequestContext) throws -> (result: Result, changed: Bool) {
        try request.require(.erp, to: "report invoice status")
        try update.validate()
        let now = context.clock.now()
        return try context.store.write { tx in
            guard let record = try tx.invoice(id: id, scope: .all) else { throw FlowError(.notFound, "There is no invoice \(id).") }
            guard let next = try InvoiceDecider.nextStatus(current: record.status, payment: record.payment, update: update, invoice: id) else {
                return (Result(record: record, history: try tx.invoiceHistory(invoiceID: id), replayed: false), false)
            }
            let reason = update.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            try tx.updateInvoiceStatus(id: id, status: next, payment: update.payment, rejection: reason, now: now)
            try tx.appendInvoiceHistory(InvoiceStatusEntry(invoiceID: id, status: next, at: now, actor: request.principal.clientID,
                                                           role: request.principal.role.rawValue, note: reason, payment: update.payment))
            if next == .rejected { try Self.releaseLedger(record.invoice, tx: tx) }
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "invoice.\(next.rawValue)", objectType: "invoice", objectID: id,
                                          detail: JSON.string(update), requestID: request.requestID), now: now)
            let updated = try tx.invoice(id: id, scope: .all)!
            try tx.emit(next == .rejected ? DomainEvents.invoiceRejected(updated, by: "erp") : DomainEvents.invoiceStatus(updated), now: now)
            if next == .paid, let amount = update.amount, let reason = InvoiceDecider.paymentDifference(invoice: record.invoice, paid: amount) {
                let exception = ExceptionRecord(id: Identifiers.make("exc"), kind: ExceptionKinds.paymentDifference, supplier: record.supplier,
                                                purchaseOrder: record.invoice.lines.first?.purchaseOrder, links: ["invoice": id],
                                                reasons: [reason], dedupeKey: "paymentDifference:\(id)", createdAt: now)
                if try tx.insertException(exception) { try tx.emit(DomainEvents.exception(exception, change: "opened"), now: now) }
            }
            return (Result(record: updated, history: try tx.invoiceHistory(invoiceID: id), replayed: false), true)
        }
    }

    /// A rejected invoice no longer claims its quantities.
    static func releaseLedger(_ invoice: Invoice, tx: any StoreWriter) throws {
        for line in invoice.lines {
            try tx.addLineProgress(purchaseOrder: line.purchaseOrder, line: line.poLine, LineProgress(invoiced: -line.quantity))
        }
    }

    // MARK: a buyer's decision

    /// Approve: the invoice is matched as submitted and posted to the ERP. Reject: it is refused;
    /// the supplier reads the buyer's note (or the variance reasons) as the reason.
    static func resolveVariance(_ exception: ExceptionRecord, verdict: ReviewVerdict, note: String?, tx: any StoreWriter,
                                request: RequestContext, now: Date) throws {
        guard let id = exception.links["invoice"], let record = try tx.invoice(id: id, scope: .all) else {
            throw FlowError(.notFound, "There is no invoice \(exception.links["invoice"] ?? "").")
        }
        guard record.status == .held else {
            throw ProcurementError(.invoiceStatusConflict, "Invoice \(id) is \(record.status.rawValue), no longer held.")
        }
        let buyer = request.principal
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = (trimmed?.isEmpty ?? true) ? nil : trimmed
        switch verdict {
        case .approved:
            try tx.updateInvoiceStatus(id: id, status: .matched, payment: nil, rejection: nil, now: now)
            try tx.appendInvoiceHistory(InvoiceStatusEntry(invoiceID: id, status: .matched, at: now, actor: buyer.clientID,
                                                           role: buyer.role.rawValue, note: text ?? "approved by buyer"))
            let updated = try tx.invoice(id: id, scope: .all)!
            try tx.enqueue(ERPPostings.supplierInvoice(updated, approvedBy: buyer.clientID, now: now), now: now)
            try tx.emit(DomainEvents.invoiceMatched(updated, approvedBy: buyer.clientID), now: now)
        case .rejected:
            let reason = text ?? record.reasons.map(\.message).joined(separator: " ")
            try tx.updateInvoiceStatus(id: id, status: .rejected, payment: nil, rejection: reason, now: now)
            try tx.appendInvoiceHistory(InvoiceStatusEntry(invoiceID: id, status: .rejected, at: now, actor: buyer.clientID,
                                                           role: buyer.role.rawValue, note: reason))
            try releaseLedger(record.invoice, tx: tx)
            try tx.emit(DomainEvents.invoiceRejected(try tx.invoice(id: id, scope: .all)!, by: "buyer"), now: now)
        }
        try tx.appendAudit(AuditEvent(actor: buyer, action: verdict == .approved ? "invoice.approvedByBuyer" : "invoice.rejectedByBuyer",
                                      objectType: "invoice", objectID: id,
                                      detail: JSON.string(["exception": exception.id, "note": text ?? ""]), requestID: request.requestID), now: now)
    }
}
