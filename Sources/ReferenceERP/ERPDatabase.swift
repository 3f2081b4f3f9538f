import Foundation
import HTTPServer
import SQLite

/// The reference ERP's own records: received postings (the idempotency ledger), their effects,
/// suppliers and purchase orders. One connection, used under a lock; every method is one transaction.
/// Opened with WAL and `synchronous=FULL`, so a posting answered "applied" survives a crash.
///
/// `@unchecked Sendable`: the connection is only touched while `lock` is held.
public final class ERPDatabase: @unchecked Sendable {
    /// What happened to one delivery of a posting.
    public enum PostingOutcome: Sendable, Equatable {
        case applied
        case duplicate
        /// The key was first used for a different document, kind or revision.
        case keyConflict(kind: String, document: String, revision: Int)
    }

    /// Counts per (kind, document, revision).
    public struct Effect: Sendable, Equatable {
        public var kind: String
        public var document: String
        public var revision: Int
        public var received: Int
        public var applied: Int
        public var lastPayload: JSONValue?
    }

    public struct StoredOrder: Sendable, Equatable {
        public var order: PurchaseOrder
        public var releasedRevision: Int?
        public var supplierStatus: String?
    }

    private let connection: Connection
    private let lock = NSLock()

    static let migrations: [(name: String, sql: String)] = [
        ("001-postings", """
            CREATE TABLE postings (
                idempotency_key TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                document TEXT NOT NULL,
                revision INTEGER NOT NULL,
                payload TEXT NOT NULL,
                received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
            );
            CREATE TABLE effects (
                kind TEXT NOT NULL,
                document TEXT NOT NULL,
                revision INTEGER NOT NULL,
                received INTEGER NOT NULL DEFAULT 0,
                applied INTEGER NOT NULL DEFAULT 0,
                last_payload TEXT,
                PRIMARY KEY (kind, document, revision)
            );
            """),
        ("002-master-data", """
            CREATE TABLE suppliers (id TEXT PRIMARY KEY, body TEXT NOT NULL);
            CREATE TABLE purchase_orders (
                number TEXT PRIMARY KEY,
                revision INTEGER NOT NULL,
                body TEXT NOT NULL,
                released_revision INTEGER,
                supplier_status TEXT
            );
            """),
        ("003-invoices", invoicesMigration),
    ]

    public init(path: String) throws {
        let connection = try Connection(path: path)
        try connection.execute("PRAGMA journal_mode=WAL")
        try connection.execute("PRAGMA synchronous=FULL")
        try connection.migrate(Self.migrations)
        self.connection = connection
    }

    @discardableResult
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try lock.withLock { try connection.transaction(.immediate) { try body(connection) } }
    }

    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try lock.withLock { try body(connection) }
    }

    // MARK: postings

    /// Records one delivery and, the first time its key is seen, applies it — both in one
    /// transaction, so an applied posting is never applied again, even across crashes.
    public func receivePosting(key: String, kind: String, document: String, revision: Int,
                               payload: String) throws -> PostingOutcome {
        try write { db in
            try countDelivery(db, kind: kind, document: document, revision: revision)
            if let first = try db.queryFirst(
                "SELECT kind, document, revision FROM postings WHERE idempotency_key = ?", [.text(key)])
            {
                let original = (first["kind"].string ?? "", first["document"].string ?? "", first["revision"].int ?? 0)
                if original != (kind, document, revision) {
                    return .keyConflict(kind: original.0, document: original.1, revision: original.2)
                }
                return .duplicate
            }
            try db.run("INSERT INTO postings (idempotency_key, kind, document, revision, payload) VALUES (?, ?, ?, ?, ?)",
                       [.text(key), .text(kind), .text(document), .integer(Int64(revision)), .text(payload)])
            try db.run("UPDATE effects SET applied = applied + 1, last_payload = ? WHERE kind = ? AND document = ? AND revision = ?",
                       [.text(payload), .text(kind), .text(document), .integer(Int64(revision))])
            let status: String? = switch kind {
            case "orderConfirmation": "confirmed"
            case "orderRejection": "rejected"
            default: nil
            }
            if let status {
                try db.run("UPDATE purchase_orders SET supplier_status = ? WHERE number = ? AND revision = ?",
                           [.text(status), .text(document), .integer(Int64(revision))])
            }
            if kind == "supplierInvoice" { try Self.bookInvoice(db, id: document, payload: payload) }
            return .applied
        }
    }

    /// Records a delivery that was answered with a fault and not applied.
    public func countFaultedDelivery(kind: String, document: String, revision: Int) throws {
        try write { db in try countDelivery(db, kind: kind, document: document, revision: revision) }
    }

    private func countDelivery(_ db: Connection, kind: String, document: String, revision: Int) throws {
        try db.run("""
            INSERT INTO effects (kind, document, revision, received) VALUES (?, ?, ?, 1)
            ON CONFLICT (kind, document, revision) DO UPDATE SET received = received + 1
            """, [.text(kind), .text(document), .integer(Int64(revision))])
    }

    /// Every effect, sorted by document, revision, kind.
    public func effects() throws -> [Effect] {
        try read { db in
            try db.query("SELECT kind, document, revision, received, applied, last_payload FROM effects ORDER BY document, revision, kind")
                .map { row in
                    Effect(kind: row["kind"].string ?? "", document: row["document"].string ?? "",
                           revision: row["revision"].int ?? 0, received: row["received"].int ?? 0,
                           applied: row["applied"].int ?? 0,
                           lastPayload: row["last_payload"].string.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) })
                }
        }
    }

    /// The payload of the highest revision applied for a kind and document, if any.
    public func latestPosting(kind: String, document: String) throws -> (revision: Int, payload: JSONValue)? {
        try read { db in
            try db.queryFirst("SELECT revision, payload FROM postings WHERE kind = ? AND document = ? ORDER BY revision DESC LIMIT 1",
                              [.text(kind), .text(document)]).flatMap { row in
                guard let text = row["payload"].string, let payload = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                    return nil
                }
                return (row["revision"].int ?? 0, payload)
            }
        }
    }

    // MARK: master data

    public func saveSupplier(_ supplier: Supplier) throws {
        let body = String(decoding: try JSONCoding.encode(supplier), as: UTF8.self)
        try write { db in
            try db.run("INSERT INTO suppliers (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
                       [.text(supplier.id), .text(body)])
        }
    }

    public func suppliers() throws -> [Supplier] {
        try read { db in
            try db.query("SELECT body FROM suppliers ORDER BY id").compactMap { row in
                row["body"].string.flatMap { try? JSONDecoder().decode(Supplier.self, from: Data($0.utf8)) }
            }
        }
    }

    /// Stores a new order; false when the number is taken.
    public func insertOrder(_ order: PurchaseOrder) throws -> Bool {
        let body = String(decoding: try JSONCoding.encode(order), as: UTF8.self)
        return try write { db in
            let changed = try db.run("INSERT INTO purchase_orders (number, revision, body) VALUES (?, ?, ?) ON CONFLICT (number) DO NOTHING",
                                     [.text(order.number), .integer(Int64(order.revision ?? 1)), .text(body)])
            return changed == 1
        }
    }

    /// Replaces an order with its next revision, built by `revise` from the stored one.
    public func reviseOrder(_ number: String, _ revise: (PurchaseOrder) throws -> PurchaseOrder) throws -> PurchaseOrder? {
        try write { db in
            guard let current = try loadOrder(db, number) else { return nil }
            var next = try revise(current.order)
            next.number = number
            next.revision = (current.order.revision ?? 1) + 1
            let body = String(decoding: try JSONCoding.encode(next), as: UTF8.self)
            try db.run("UPDATE purchase_orders SET revision = ?, body = ?, supplier_status = NULL WHERE number = ?",
                       [.integer(Int64(next.revision!)), .text(body), .text(number)])
            return next
        }
    }

    public func markReleased(_ number: String, revision: Int) throws {
        try write { db in
            try db.run("UPDATE purchase_orders SET released_revision = ? WHERE number = ? AND revision >= ?",
                       [.integer(Int64(revision)), .text(number), .integer(Int64(revision))])
        }
    }

    public func order(_ number: String) throws -> StoredOrder? {
        try read { db in try loadOrder(db, number) }
    }

    public func orders() throws -> [StoredOrder] {
        try read { db in
            try db.query("SELECT body, released_revision, supplier_status FROM purchase_orders ORDER BY number")
                .compactMap(Self.storedOrder)
        }
    }

    private func loadOrder(_ db: Connection, _ number: String) throws -> StoredOrder? {
        try db.queryFirst("SELECT body, released_revision, supplier_status FROM purchase_orders WHERE number = ?",
                          [.text(number)]).flatMap(Self.storedOrder)
    }

    private static func storedOrder(_ row: Row) -> StoredOrder? {
        guard let body = row["body"].string,
              let order = try? JSONDecoder().decode(PurchaseOrder.self, from: Data(body.utf8))
        else { return nil }
        return StoredOrder(order: order, releasedRevision: row["released_revision"].int,
                           supplierStatus: row["supplier_status"].string)
    }
}

/// JSON with sorted keys and unescaped slashes, for stable stored text and responses.
enum JSONCoding {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}
