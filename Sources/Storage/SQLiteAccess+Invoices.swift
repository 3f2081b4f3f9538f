import Foundation
import Procurement
import SQLite

extension SQLiteAccess {
    private static let invoiceColumns = """
        id, supplier_id, client_id, document, status, reasons, match_lines, first_pass_match, exception_id, payment, rejection,
        fingerprint, received_at, updated_at, seq
        """

    static func invoice(from row: Row) throws -> InvoiceRecord {
        InvoiceRecord(id: row[0].string ?? "", supplier: row[1].string ?? "", clientID: row[2].string ?? "",
                      invoice: try decode(Invoice.self, row[3]), status: InvoiceStatus(rawValue: row[4].string ?? "") ?? .held,
                      reasons: try decode([Reason].self, row[5]), matchLines: try decode([ThreeWayMatch.LineResult].self, row[6]),
                      firstPassMatch: row[7].int == 1, exceptionID: row[8].string,
                      payment: row[9].isNull ? nil : try decode(InvoicePayment.self, row[9]), rejection: row[10].string,
                      fingerprint: row[11].string ?? "", receivedAt: date(row[12]), updatedAt: date(row[13]))
    }

    func invoice(id: String, scope: SupplierScope) throws -> InvoiceRecord? {
        let s = Self.scopeClause(scope)
        return try connection.queryFirst("SELECT \(Self.invoiceColumns) FROM invoices WHERE id = ?\(s.sql)", [.text(id)] + s.values)
            .map(Self.invoice(from:))
    }

    func invoice(supplier: String, number: String) throws -> InvoiceRecord? {
        try connection.queryFirst("SELECT \(Self.invoiceColumns) FROM invoices WHERE supplier_id = ? AND number = ?",
                                  [.text(supplier), .text(number)]).map(Self.invoice(from:))
    }

    func invoice(supplier: String, fingerprint: String, excludingStatus: InvoiceStatus) throws -> InvoiceRecord? {
        try connection.queryFirst("""
            SELECT \(Self.invoiceColumns) FROM invoices WHERE supplier_id = ? AND fingerprint = ? AND status <> ? ORDER BY seq LIMIT 1
            """, [.text(supplier), .text(fingerprint), .text(excludingStatus.rawValue)]).map(Self.invoice(from:))
    }

    func invoices(scope: SupplierScope, filter: InvoiceFilter, after: String?, limit: Int) throws -> Page<InvoiceRecord> {
        var query = SeqPageQuery("SELECT \(Self.invoiceColumns) FROM invoices", scope: scope)
        query.filter("status = ?", filter.status.map { .text($0.rawValue) })
        query.filter("seq IN (SELECT invoice_seq FROM invoice_orders WHERE purchase_order = ?)", SQLValue(filter.purchaseOrder))
        return try query.page(connection, after: after.flatMap { Int64($0) }, limit: limit, seqColumn: 14, row: Self.invoice(from:))
    }

    func invoiceHistory(invoiceID: String) throws -> [InvoiceStatusEntry] {
        try connection.query("SELECT invoice_id, status, at, actor, role, note, payment FROM invoice_history WHERE invoice_id = ? ORDER BY seq",
                             [.text(invoiceID)]).map { row in
            InvoiceStatusEntry(invoiceID: row[0].string ?? "", status: InvoiceStatus(rawValue: row[1].string ?? "") ?? .held,
                               at: Self.date(row[2]), actor: row[3].string ?? "", role: row[4].string ?? "", note: row[5].string,
                               payment: row[6].isNull ? nil : try Self.decode(InvoicePayment.self, row[6]))
        }
    }

    func insertInvoice(_ r: InvoiceRecord) throws {
        try connection.run("""
            INSERT INTO invoices (id, supplier_id, number, client_id, document, status, reasons, match_lines, first_pass_match,
                                  exception_id, payment, rejection, fingerprint, received_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(r.id), .text(r.supplier), .text(r.invoice.number), .text(r.clientID), try Self.json(r.invoice),
                  .text(r.status.rawValue), try Self.json(r.reasons), try Self.json(r.matchLines), SQLValue(r.firstPassMatch),
                  SQLValue(r.exceptionID), try r.payment.map(Self.json) ?? .null, SQLValue(r.rejection), .text(r.fingerprint),
                  Self.millis(r.receivedAt), Self.millis(r.updatedAt)])
        for order in r.invoice.purchaseOrders {
            try connection.run("INSERT INTO invoice_orders (purchase_order, invoice_seq) SELECT ?, seq FROM invoices WHERE id = ?",
                               [.text(order), .text(r.id)])
        }
    }

    func updateInvoiceStatus(id: String, status: InvoiceStatus, payment: InvoicePayment?, rejection: String?, now: Date) throws {
        try connection.run("""
            UPDATE invoices SET status = ?, payment = COALESCE(?, payment), rejection = COALESCE(?, rejection), updated_at = ? WHERE id = ?
            """, [.text(status.rawValue), try payment.map(Self.json) ?? .null, SQLValue(rejection), Self.millis(now), .text(id)])
    }

    func appendInvoiceHistory(_ e: InvoiceStatusEntry) throws {
        try connection.run("INSERT INTO invoice_history (invoice_id, status, at, actor, role, note, payment) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [.text(e.invoiceID), .text(e.status.rawValue), Self.millis(e.at), .text(e.actor), .text(e.role),
                            SQLValue(e.note), try e.payment.map(Self.json) ?? .null])
    }
}
