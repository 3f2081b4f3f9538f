extension SQLiteStore {
    /// Supplier invoices: one row per invoice (unique per supplier and number) with its match
    /// and status, the orders each bills (for the purchase-order filter) and every status it
    /// passed through.
    static let invoicesMigration = """
        CREATE TABLE invoices (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            supplier_id TEXT NOT NULL,
            number TEXT NOT NULL,
            client_id TEXT NOT NULL,
            document TEXT NOT NULL,
            status TEXT NOT NULL,
            reasons TEXT NOT NULL,
            match_lines TEXT NOT NULL,
            first_pass_match INTEGER NOT NULL,
            exception_id TEXT,
            payment TEXT,
            rejection TEXT,
            fingerprint TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (supplier_id, number)
        );
        CREATE INDEX invoices_supplier ON invoices(supplier_id, seq);
        CREATE INDEX invoices_status ON invoices(status, seq);
        CREATE INDEX invoices_fingerprint ON invoices(supplier_id, fingerprint);
        CREATE TABLE invoice_orders (
            purchase_order TEXT NOT NULL,
            invoice_seq INTEGER NOT NULL REFERENCES invoices(seq),
            PRIMARY KEY (purchase_order, invoice_seq)
        ) WITHOUT ROWID;
        CREATE TABLE invoice_history (
            seq INTEGER PRIMARY KEY,
            invoice_id TEXT NOT NULL REFERENCES invoices(id),
            status TEXT NOT NULL,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            note TEXT,
            payment TEXT
        );
        CREATE INDEX invoice_history_invoice ON invoice_history(invoice_id, seq);
        """
}
