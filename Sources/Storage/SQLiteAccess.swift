import Foundation
import Procurement
import SQLite

/// Store operations on one connection inside a transaction opened by `SQLiteStore`.
final class SQLiteAccess: StoreWriter {
    let connection: Connection
    /// Set when this transaction wrote to the outbox, so the dispatcher can be woken.
    var enqueuedOutbox = false
    /// The kinds enqueued in this transaction; empty with `enqueuedOutbox` when unknown.
    var enqueuedKinds: Set<String> = []

    /// Decoded order documents shared by every connection of the store.
    let orderDocuments: OrderDocumentCache?

    /// The writer thread's memory (the audit chain's end, changes to publish); nil on readers.
    let writer: WriterMemory?
    /// This write's changes to orders and suppliers, for `CommittedState` once committed.
    var changes: [CommittedState.Change] = []

    init(connection: Connection, orderDocuments: OrderDocumentCache? = nil, writer: WriterMemory? = nil) {
        self.connection = connection
        self.orderDocuments = orderDocuments
        self.writer = writer
    }

    /// A stored order document, decoded (once, when the store has a cache).
    func orderDocument(_ value: SQLValue) throws -> PurchaseOrder {
        if let orderDocuments { return try orderDocuments.order(value) }
        return try Self.decode(PurchaseOrder.self, value)
    }

    // MARK: Encoding helpers

    static func millis(_ date: Date) -> SQLValue { .integer(Int64((date.timeIntervalSince1970 * 1000).rounded())) }
    static func millis(_ date: Date?) -> SQLValue { date.map { millis($0) } ?? .null }
    static func date(_ value: SQLValue) -> Date { Date(timeIntervalSince1970: Double(value.int64 ?? 0) / 1000) }
    static func optionalDate(_ value: SQLValue) -> Date? { value.isNull ? nil : date(value) }

    static func json<T: Encodable>(_ value: T) throws -> SQLValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return .text(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ value: SQLValue) throws -> T {
        try JSONDecoder().decode(type, from: Data((value.string ?? "null").utf8))
    }

    /// The canonical reader `fast` first; `JSONDecoder` for text in any other form.
    private static func decode<T: Decodable>(_ value: SQLValue, fast: (String) -> T?) throws -> T {
        if case .text(let text) = value, let decoded = fast(text) { return decoded }
        return try decode(T.self, value)
    }

    // The documents read on hot paths, through their canonical readers: order revisions and
    // suppliers on every acknowledgement, reasons and confirmed lines for every confirmed
    // schedule (acknowledgements, change requests, exceptions, invoices).
    static func decode(_ type: PurchaseOrder.Type, _ value: SQLValue) throws -> PurchaseOrder {
        try decode(value, fast: PurchaseOrder.init(canonicalJSON:))
    }

    static func decode(_ type: InvoiceTolerances.Type, _ value: SQLValue) throws -> InvoiceTolerances {
        try decode(value, fast: InvoiceTolerances.init(canonicalJSON:))
    }

    static func decode(_ type: OrderResponse.Type, _ value: SQLValue) throws -> OrderResponse {
        try decode(value, fast: OrderResponse.init(canonicalJSON:))
    }

    static func decode(_ type: [Reason].Type, _ value: SQLValue) throws -> [Reason] {
        try decode(value, fast: [Reason].init(canonicalJSON:))
    }

    static func decode(_ type: [ConfirmedLine].Type, _ value: SQLValue) throws -> [ConfirmedLine] {
        try decode(value, fast: [ConfirmedLine].init(canonicalJSON:))
    }

    /// `AND supplier_id = ?` when the scope is one supplier.
    static func scopeClause(_ scope: SupplierScope, column: String = "supplier_id") -> (sql: String, values: [SQLValue]) {
        switch scope {
        case .all: return ("", [])
        case .supplier(let id): return (" AND \(column) = ?", [.text(id)])
        }
    }

    // MARK: Suppliers and clients

    func supplier(id: String) throws -> Supplier? {
        try connection.queryFirst("SELECT \(Self.supplierColumns) FROM suppliers WHERE id = ?", [.text(id)])
            .map(Self.supplier(from:))
    }

    func suppliers() throws -> [Supplier] {
        try connection.query("SELECT \(Self.supplierColumns) FROM suppliers ORDER BY id")
            .map(Self.supplier(from:))
    }

    private static let supplierColumns = "id, name, date_days, quantity_percent, price_percent, over_shipment_percent, invoice_tolerances"

    static func supplier(from row: Row) -> Supplier {
        Supplier(id: row[0].string ?? "", name: row[1].string ?? "",
                 tolerances: Tolerances(dateDays: row[2].int ?? 0,
                                        quantityPercent: DecimalText.parse(row[3].string ?? "0") ?? 0,
                                        pricePercent: DecimalText.parse(row[4].string ?? "0") ?? 0,
                                        overShipmentPercent: DecimalText.parse(row[5].string ?? "0") ?? 0),
                 invoiceTolerances: (try? decode(InvoiceTolerances.self, row[6])) ?? .exact)
    }

    func saveSupplier(_ supplier: Supplier, now: Date) throws {
        try connection.run("""
            INSERT INTO suppliers (id, name, date_days, quantity_percent, price_percent, over_shipment_percent, invoice_tolerances,
                                   created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, date_days = excluded.date_days,
              quantity_percent = excluded.quantity_percent, price_percent = excluded.price_percent,
              over_shipment_percent = excluded.over_shipment_percent, invoice_tolerances = excluded.invoice_tolerances,
              updated_at = excluded.updated_at
            """, [.text(supplier.id), .text(supplier.name), .integer(Int64(supplier.tolerances.dateDays)),
                  .text(DecimalText.format(supplier.tolerances.quantityPercent)),
                  .text(DecimalText.format(supplier.tolerances.pricePercent)),
                  .text(DecimalText.format(supplier.tolerances.overShipmentPercent)),
                  try Self.json(supplier.invoiceTolerances), Self.millis(now), Self.millis(now)])
        // As it reads back (decimals are stored rounded), so memory and database agree.
        if writer != nil, let stored = try self.supplier(id: supplier.id) { changes.append(.supplier(stored)) }
    }

    func client(id: String) throws -> ClientRecord? {
        try connection.queryFirst("SELECT id, name, role, supplier_id, key_hash, created_at, revoked_at FROM api_clients WHERE id = ?", [.text(id)])
            .map(Self.client(from:))
    }

    func clients() throws -> [ClientRecord] {
        try connection.query("SELECT id, name, role, supplier_id, key_hash, created_at, revoked_at FROM api_clients ORDER BY created_at, id")
            .map(Self.client(from:))
    }

    static func client(from row: Row) -> ClientRecord {
        ClientRecord(id: row[0].string ?? "", name: row[1].string ?? "", role: Role(rawValue: row[2].string ?? "") ?? .supplier,
                     supplierID: row[3].string, keyHash: row[4].bytes ?? [], createdAt: date(row[5]), revokedAt: optionalDate(row[6]))
    }

    func insertClient(_ client: ClientRecord) throws {
        try connection.run("INSERT INTO api_clients (id, name, role, supplier_id, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           [.text(client.id), .text(client.name), .text(client.role.rawValue), SQLValue(client.supplierID),
                            .blob(client.keyHash), Self.millis(client.createdAt)])
    }

    func revokeClient(id: String, now: Date) throws -> Bool {
        try connection.run("UPDATE api_clients SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [Self.millis(now), .text(id)]) > 0
    }

    // MARK: Inbox

    func inboxEntry(clientID: String, key: String) throws -> InboxEntry? {
        try connection.queryFirst("""
            SELECT client_id, key, request_hash, operation, result_status, result_ref, created_at, result_snapshot FROM inbox
            WHERE client_id = ? AND key = ?
            """, [.text(clientID), .text(key)]).map { row in
            InboxEntry(clientID: row[0].string ?? "", key: row[1].string ?? "", requestHash: row[2].string ?? "",
                       operation: row[3].string ?? "", resultStatus: row[4].int ?? 0, resultRef: row[5].string ?? "",
                       resultSnapshot: row[7].string, createdAt: Self.date(row[6]))
        }
    }

    func insertInboxEntry(_ entry: InboxEntry) throws {
        try connection.run("""
            INSERT INTO inbox (client_id, key, request_hash, operation, result_status, result_ref, created_at, result_snapshot)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, Self.values(entry))
    }

    func insertInboxEntryIfNew(_ entry: InboxEntry) throws -> Bool {
        try connection.run("""
            INSERT INTO inbox (client_id, key, request_hash, operation, result_status, result_ref, created_at, result_snapshot)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, key) DO NOTHING
            """, Self.values(entry)) == 1
    }

    private static func values(_ entry: InboxEntry) -> [SQLValue] {
        [.text(entry.clientID), .text(entry.key), .text(entry.requestHash), .text(entry.operation),
         .integer(Int64(entry.resultStatus)), .text(entry.resultRef), millis(entry.createdAt), SQLValue(entry.resultSnapshot)]
    }
}
