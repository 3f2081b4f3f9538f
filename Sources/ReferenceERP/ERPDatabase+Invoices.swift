import Foundation
import HTTPServer
import SQLite

/// Supplier invoices the hub posted (`supplierInvoice`), booked for approval and payment.
extension ERPDatabase {
    static let invoicesMigration = """
        CREATE TABLE invoices (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            number TEXT NOT NULL,
            supplier TEXT NOT NULL,
            currency TEXT NOT NULL,
            total TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'booked',
            payment_date TEXT,
            payment_amount TEXT,
            payment_reference TEXT,
            reason TEXT
        );
        """

    /// An invoice as the ERP holds it. `id` is the hub's invoice id (the posting's document).
    public struct BookedInvoice: Sendable, Equatable, Codable {
        public var id: String
        public var number: String
        public var supplier: String
        public var currency: String
        public var total: String
        /// booked, approved, paid or rejected: what the hub was last told.
        public var status: String
        public var paymentDate: String?
        public var paymentAmount: String?
        public var paymentReference: String?
        public var reason: String?
        /// The ERP's own running number, used for payment references.
        public var sequence: Int
    }

    /// Books an invoice the first time its posting is applied (inside that transaction).
    static func bookInvoice(_ db: Connection, id: String, payload: String) throws {
        let value = try? JSONDecoder().decode(JSONValue.self, from: Data(payload.utf8))
        try db.run("""
            INSERT INTO invoices (id, number, supplier, currency, total) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
            """, [.text(id), .text(value?["number"]?.stringValue ?? ""), .text(value?["supplier"]?.stringValue ?? ""),
                  .text(value?["currency"]?.stringValue ?? ""), .text(value?["total"]?.stringValue ?? "0")])
    }

    public func invoices() throws -> [BookedInvoice] {
        try read { db in try db.query("SELECT \(Self.invoiceColumns) FROM invoices ORDER BY seq").map(Self.bookedInvoice) }
    }

    public func invoice(_ id: String) throws -> BookedInvoice? {
        try read { db in try db.queryFirst("SELECT \(Self.invoiceColumns) FROM invoices WHERE id = ?", [.text(id)]).map(Self.bookedInvoice) }
    }

    /// Records what the hub accepted.
    func setInvoiceStatus(_ id: String, status: String, paymentDate: String? = nil, amount: String? = nil, reference: String? = nil,
                          reason: String? = nil) throws {
        try write { db in
            try db.run("""
                UPDATE invoices SET status = ?, payment_date = COALESCE(?, payment_date), payment_amount = COALESCE(?, payment_amount),
                  payment_reference = COALESCE(?, payment_reference), reason = COALESCE(?, reason) WHERE id = ?
                """, [.text(status), SQLValue(paymentDate), SQLValue(amount), SQLValue(reference), SQLValue(reason), .text(id)])
        }
    }

    private static let invoiceColumns = "id, number, supplier, currency, total, status, payment_date, payment_amount, payment_reference, reason, seq"

    private static func bookedInvoice(_ row: Row) -> BookedInvoice {
        BookedInvoice(id: row[0].string ?? "", number: row[1].string ?? "", supplier: row[2].string ?? "", currency: row[3].string ?? "",
                      total: row[4].string ?? "", status: row[5].string ?? "", paymentDate: row[6].string, paymentAmount: row[7].string,
                      paymentReference: row[8].string, reason: row[9].string, sequence: row[10].int ?? 0)
    }
}
