extension SQLiteStore {
    /// Bulk releases: one row per batch with its per-order results, for idempotent replay.
    static let bulkReleaseMigration = """
        CREATE TABLE release_batches (
            id TEXT PRIMARY KEY,
            client_id TEXT NOT NULL,
            order_count INTEGER NOT NULL,
            results TEXT NOT NULL,
            received_at INTEGER NOT NULL
        );
        """
}
