extension SQLiteStore {
    /// Supplier change requests against confirmed orders: the request as sent, the decision,
    /// and the confirmed lines before and after, so the confirmed schedule of an order can be
    /// rebuilt from its acknowledgement and the change requests applied since.
    static let orderChangesMigration = """
        CREATE TABLE change_requests (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            purchase_order TEXT NOT NULL REFERENCES purchase_orders(number),
            revision INTEGER NOT NULL,
            supplier_id TEXT NOT NULL,
            client_id TEXT NOT NULL,
            request TEXT NOT NULL,
            status TEXT NOT NULL,
            reasons TEXT NOT NULL,
            lines TEXT NOT NULL,
            previous TEXT NOT NULL,
            exception_id TEXT,
            received_at INTEGER NOT NULL,
            decided_at INTEGER,
            decided_by TEXT
        );
        CREATE INDEX change_requests_order ON change_requests(purchase_order, seq);
        """
}
