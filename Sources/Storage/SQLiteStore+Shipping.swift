extension SQLiteStore {
    /// Ship notices (current version, status, the orders they ship against), goods receipts
    /// with their resolved lines, and quality documents with their bytes and SHA-256.
    static let shippingMigration = """
        CREATE TABLE ship_notices (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            supplier_id TEXT NOT NULL,
            shipment_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            document TEXT NOT NULL,
            posted INTEGER NOT NULL DEFAULT 0,
            exception_id TEXT,
            client_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (supplier_id, shipment_id)
        );
        CREATE INDEX ship_notices_status ON ship_notices(supplier_id, status, seq);
        CREATE TABLE ship_notice_orders (
            purchase_order TEXT NOT NULL,
            ship_notice_id TEXT NOT NULL REFERENCES ship_notices(id),
            PRIMARY KEY (purchase_order, ship_notice_id)
        ) WITHOUT ROWID;
        CREATE TABLE goods_receipts (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            supplier_id TEXT NOT NULL,
            number TEXT,
            received_date TEXT NOT NULL,
            ship_notice_id TEXT,
            lines TEXT NOT NULL,
            client_id TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX goods_receipts_supplier ON goods_receipts(supplier_id, seq);
        CREATE TABLE quality_documents (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            supplier_id TEXT NOT NULL,
            type TEXT NOT NULL,
            purchase_order TEXT,
            line INTEGER,
            ship_notice_id TEXT,
            lot TEXT,
            file_name TEXT,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            client_id TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX quality_documents_supplier ON quality_documents(supplier_id, seq);
        CREATE INDEX quality_documents_order ON quality_documents(purchase_order);
        CREATE INDEX quality_documents_notice ON quality_documents(ship_notice_id);
        """
}
