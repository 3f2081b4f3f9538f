extension SQLiteStore {
    /// One queue for everything held for review: the exceptions table loses its tie to
    /// acknowledgements (an exception may hold a ship notice, an invoice, a nonconformance or
    /// a timer), gains an owner, links to any document and a key that lets a sweep raise an
    /// exception only once; comments get their own table. Suppliers gain an over-shipment tolerance and invoice-match
    /// tolerances. The per-line ledger of shipped,
    /// received, rejected and invoiced quantities is kept in the same transaction as the
    /// document that moves it.
    static let exceptionQueueMigration = """
        CREATE TABLE exceptions_v2 (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            supplier_id TEXT NOT NULL,
            purchase_order TEXT,
            revision INTEGER,
            acknowledgement_id TEXT,
            links TEXT NOT NULL DEFAULT '{}',
            reasons TEXT NOT NULL,
            status TEXT NOT NULL,
            owner TEXT,
            dedupe_key TEXT UNIQUE,
            created_at INTEGER NOT NULL,
            resolved_at INTEGER,
            resolved_by TEXT,
            note TEXT
        );
        INSERT INTO exceptions_v2 (seq, id, kind, supplier_id, purchase_order, revision, acknowledgement_id, reasons, status,
                                   created_at, resolved_at, resolved_by, note)
            SELECT seq, id, kind, supplier_id, purchase_order, revision, acknowledgement_id, reasons, status,
                   created_at, resolved_at, resolved_by, note FROM exceptions;
        DROP TABLE exceptions;
        ALTER TABLE exceptions_v2 RENAME TO exceptions;
        CREATE INDEX exceptions_status ON exceptions(status, seq);
        CREATE INDEX exceptions_order ON exceptions(purchase_order, status);
        CREATE INDEX exceptions_supplier ON exceptions(supplier_id, seq);
        CREATE TABLE exception_comments (
            seq INTEGER PRIMARY KEY,
            exception_id TEXT NOT NULL REFERENCES exceptions(id),
            at INTEGER NOT NULL,
            author TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX exception_comments_exception ON exception_comments(exception_id, seq);
        ALTER TABLE suppliers ADD COLUMN over_shipment_percent TEXT NOT NULL DEFAULT '0';
        ALTER TABLE suppliers ADD COLUMN invoice_tolerances TEXT NOT NULL DEFAULT '{}';
        CREATE TABLE line_progress (
            purchase_order TEXT NOT NULL REFERENCES purchase_orders(number),
            line INTEGER NOT NULL,
            shipped TEXT NOT NULL DEFAULT '0',
            received TEXT NOT NULL DEFAULT '0',
            rejected TEXT NOT NULL DEFAULT '0',
            invoiced TEXT NOT NULL DEFAULT '0',
            PRIMARY KEY (purchase_order, line)
        ) WITHOUT ROWID;
        """
}
