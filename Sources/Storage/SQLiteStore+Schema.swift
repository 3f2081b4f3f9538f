extension SQLiteStore {
    /// How many migrations a current database has run.
    public static var migrationCount: Int { migrations.count }

    /// Ordered, named migrations; each runs once, in its own transaction.
    ///
    /// Rows are never deleted from the append-only tables, so plain INTEGER PRIMARY KEYs grow
    /// monotonically without AUTOINCREMENT's extra write per insert. Outbox idempotency keys are
    /// unique by construction (they name the acknowledgement), so they carry no index.
    static let migrations: [(name: String, sql: String)] = [
        ("0001-walking-skeleton", """
        CREATE TABLE suppliers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            date_days INTEGER NOT NULL,
            quantity_percent TEXT NOT NULL,
            price_percent TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE api_clients (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            supplier_id TEXT,
            key_hash BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        );
        CREATE TABLE purchase_orders (
            number TEXT PRIMARY KEY,
            supplier_id TEXT NOT NULL REFERENCES suppliers(id),
            current_revision INTEGER NOT NULL,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX purchase_orders_supplier ON purchase_orders(supplier_id, number);
        CREATE INDEX purchase_orders_status ON purchase_orders(status, number);
        CREATE TABLE order_revisions (
            number TEXT NOT NULL REFERENCES purchase_orders(number),
            revision INTEGER NOT NULL,
            document TEXT NOT NULL,
            released_at INTEGER NOT NULL,
            PRIMARY KEY (number, revision)
        );
        CREATE TABLE acknowledgements (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            purchase_order TEXT NOT NULL REFERENCES purchase_orders(number),
            revision INTEGER NOT NULL,
            supplier_id TEXT NOT NULL,
            client_id TEXT NOT NULL,
            response TEXT NOT NULL,
            decision TEXT NOT NULL,
            reasons TEXT NOT NULL,
            lines TEXT NOT NULL,
            received_at INTEGER NOT NULL
        );
        CREATE INDEX acknowledgements_order ON acknowledgements(purchase_order, seq);
        CREATE TABLE exceptions (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            purchase_order TEXT NOT NULL REFERENCES purchase_orders(number),
            revision INTEGER NOT NULL,
            supplier_id TEXT NOT NULL,
            acknowledgement_id TEXT NOT NULL REFERENCES acknowledgements(id),
            reasons TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            resolved_at INTEGER,
            resolved_by TEXT,
            note TEXT
        );
        CREATE INDEX exceptions_status ON exceptions(status, seq);
        CREATE INDEX exceptions_order ON exceptions(purchase_order, status);
        CREATE TABLE inbox (
            client_id TEXT NOT NULL,
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            operation TEXT NOT NULL,
            result_status INTEGER NOT NULL,
            result_ref TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (client_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            document TEXT NOT NULL,
            revision INTEGER NOT NULL,
            idempotency_key TEXT NOT NULL,
            payload BLOB NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            lease_until INTEGER,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            delivered_at INTEGER,
            dead_at INTEGER
        );
        CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
        CREATE INDEX outbox_kind_due ON outbox(status, kind, next_attempt_at);
        CREATE INDEX outbox_document ON outbox(document, status, id);
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            object_type TEXT NOT NULL,
            object_id TEXT NOT NULL,
            detail TEXT NOT NULL,
            request_id TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_object ON audit_log(object_type, object_id, seq);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """),
        ("0002-partner-channels", """
        CREATE TABLE partner_profiles (
            supplier_id TEXT PRIMARY KEY REFERENCES suppliers(id),
            channel TEXT NOT NULL,
            document TEXT NOT NULL,
            shared_secret_hash BLOB,
            bearer_token TEXT,
            drop_folder TEXT,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE control_numbers (
            partner TEXT NOT NULL,
            kind TEXT NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (partner, kind)
        );
        CREATE TABLE interchanges (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            supplier_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            standard TEXT NOT NULL,
            sender_id TEXT NOT NULL,
            control_number TEXT NOT NULL,
            dedupe_key TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            client_id TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            verdict TEXT,
            status TEXT NOT NULL,
            report TEXT NOT NULL,
            raw BLOB NOT NULL,
            acknowledgement BLOB,
            acknowledgement_type TEXT,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX interchanges_supplier ON interchanges(supplier_id, seq);
        CREATE INDEX interchanges_status ON interchanges(direction, status, seq);
        CREATE TABLE received_documents (
            id TEXT PRIMARY KEY,
            interchange_id TEXT NOT NULL REFERENCES interchanges(id),
            supplier_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            number TEXT NOT NULL,
            document TEXT NOT NULL,
            received_at INTEGER NOT NULL
        );
        CREATE INDEX received_documents_interchange ON received_documents(interchange_id);
        """),
        ("0003-event-log", """
        CREATE TABLE events (
            position INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            type TEXT NOT NULL,
            subject TEXT NOT NULL,
            time INTEGER NOT NULL,
            supplier_id TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX events_supplier ON events(supplier_id, position);
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        """),
        ("0004-exception-queue", exceptionQueueMigration),
        ("0005-shipping", shippingMigration),
        ("0006-invoices", invoicesMigration),
        ("0008-quality", qualityMigration),
        ("0007-order-changes", orderChangesMigration),
        ("0009-release-batches", bulkReleaseMigration),
        // A decision on an exception or a nonconformance changes an object that moves on; its
        // idempotency record keeps the answer itself, so a retry gets what the first request got.
        ("0010-inbox-snapshots", "ALTER TABLE inbox ADD COLUMN result_snapshot TEXT;"),
    ]
}
