extension SQLiteStore {
    /// Nonconformance reports and their history; what the timers watch (confirmed deliveries
    /// read once per order change, so a sweep never decodes every order); an index that lets
    /// the scorecard read one supplier's events of a few types over a period.
    static let qualityMigration = """
        CREATE TABLE nonconformances (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            supplier_id TEXT NOT NULL REFERENCES suppliers(id),
            status TEXT NOT NULL,
            goods_receipt TEXT NOT NULL,
            purchase_order TEXT,
            document TEXT NOT NULL,
            next_overdue_check TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX nonconformances_supplier ON nonconformances(supplier_id, seq);
        CREATE INDEX nonconformances_status ON nonconformances(status, seq);
        CREATE INDEX nonconformances_receipt ON nonconformances(goods_receipt);
        CREATE INDEX nonconformances_overdue ON nonconformances(next_overdue_check) WHERE next_overdue_check IS NOT NULL;
        CREATE TABLE nonconformance_history (
            seq INTEGER PRIMARY KEY,
            nonconformance_id TEXT NOT NULL REFERENCES nonconformances(id),
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            step TEXT,
            status TEXT NOT NULL,
            text TEXT
        );
        CREATE INDEX nonconformance_history_ncr ON nonconformance_history(nonconformance_id, seq);
        CREATE TABLE shipment_watch_orders (
            purchase_order TEXT PRIMARY KEY,
            revision INTEGER NOT NULL,
            order_updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE shipment_watches (
            purchase_order TEXT NOT NULL,
            line INTEGER NOT NULL,
            due_date TEXT NOT NULL,
            revision INTEGER NOT NULL,
            supplier_id TEXT NOT NULL,
            quantity TEXT NOT NULL,
            PRIMARY KEY (purchase_order, line, due_date)
        ) WITHOUT ROWID;
        CREATE INDEX shipment_watches_due ON shipment_watches(due_date);
        CREATE INDEX events_supplier_type_time ON events(supplier_id, type, time);
        """
}
