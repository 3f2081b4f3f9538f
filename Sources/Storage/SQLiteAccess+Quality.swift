import Foundation
import Procurement
import SQLite

extension SQLiteAccess {
    // MARK: Nonconformances

    private static let nonconformanceColumns = "document, created_at, updated_at, seq"

    static func nonconformance(from row: Row) throws -> NonconformanceRecord {
        NonconformanceRecord(nonconformance: try decode(Nonconformance.self, row[0]), createdAt: date(row[1]), updatedAt: date(row[2]))
    }

    func nonconformance(id: String, scope: SupplierScope) throws -> NonconformanceRecord? {
        let s = Self.scopeClause(scope)
        return try connection.queryFirst("SELECT \(Self.nonconformanceColumns) FROM nonconformances WHERE id = ?\(s.sql)",
                                         [.text(id)] + s.values).map(Self.nonconformance(from:))
    }

    func nonconformances(_ filter: NonconformanceFilter, scope: SupplierScope, after: String?, limit: Int) throws -> Page<NonconformanceRecord> {
        var query = SeqPageQuery("SELECT \(Self.nonconformanceColumns) FROM nonconformances", scope: scope)
        query.filter("status = ?", filter.status.map { .text($0.rawValue) })
        query.filter("supplier_id = ?", SQLValue(filter.supplier))
        return try query.page(connection, after: after.flatMap { Int64($0) }, limit: limit, seqColumn: 3, row: Self.nonconformance(from:))
    }

    func nonconformanceHistory(id: String) throws -> [NonconformanceHistoryEntry] {
        try connection.query("""
            SELECT nonconformance_id, at, actor, action, step, status, text FROM nonconformance_history
            WHERE nonconformance_id = ? ORDER BY seq
            """, [.text(id)]).map { row in
            NonconformanceHistoryEntry(nonconformanceID: row[0].string ?? "", at: Self.date(row[1]), actor: row[2].string ?? "",
                                       action: row[3].string ?? "", step: row[4].string.flatMap(NonconformanceStep.init(rawValue:)),
                                       status: NonconformanceStatus(rawValue: row[5].string ?? "") ?? .awaitingContainment,
                                       text: row[6].string)
        }
    }

    func nonconformancesDueForOverdueCheck(today: LocalDate, limit: Int) throws -> [NonconformanceRecord] {
        try connection.query("""
            SELECT \(Self.nonconformanceColumns) FROM nonconformances
            WHERE next_overdue_check IS NOT NULL AND next_overdue_check <= ? ORDER BY next_overdue_check LIMIT ?
            """, [.text(today.iso), .integer(Int64(limit))]).map(Self.nonconformance(from:))
    }

    func insertNonconformance(_ record: NonconformanceRecord) throws {
        let n = record.nonconformance
        try connection.run("""
            INSERT INTO nonconformances (id, supplier_id, status, goods_receipt, purchase_order, document, next_overdue_check,
                                         created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(n.id), .text(n.supplier), .text(n.status.rawValue), .text(n.goodsReceipt), SQLValue(n.purchaseOrder),
                  try Self.json(n), SQLValue(n.nextOverdueCheck?.iso), Self.millis(record.createdAt), Self.millis(record.updatedAt)])
    }

    func updateNonconformance(_ n: Nonconformance, now: Date) throws {
        try connection.run("UPDATE nonconformances SET status = ?, document = ?, next_overdue_check = ?, updated_at = ? WHERE id = ?",
                           [.text(n.status.rawValue), try Self.json(n), SQLValue(n.nextOverdueCheck?.iso), Self.millis(now), .text(n.id)])
    }

    func appendNonconformanceHistory(_ e: NonconformanceHistoryEntry) throws {
        try connection.run("""
            INSERT INTO nonconformance_history (nonconformance_id, at, actor, action, step, status, text) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.text(e.nonconformanceID), Self.millis(e.at), .text(e.actor), .text(e.action), SQLValue(e.step?.rawValue),
                  .text(e.status.rawValue), SQLValue(e.text)])
    }

    // MARK: Timers

    func pendingAcknowledgements(releasedAtOrBefore: Date, withoutExceptionKeyPrefix keyPrefix: String,
                                 limit: Int) throws -> [PendingAcknowledgement] {
        try connection.query("""
            SELECT p.number, p.current_revision, p.supplier_id, r.released_at FROM purchase_orders p
            JOIN order_revisions r ON r.number = p.number AND r.revision = p.current_revision
            WHERE p.status = 'awaitingAcknowledgement' AND r.released_at <= ?
              AND NOT EXISTS (SELECT 1 FROM exceptions e WHERE e.dedupe_key = ? || p.number || ':' || p.current_revision)
            ORDER BY p.number LIMIT ?
            """, [Self.millis(releasedAtOrBefore), .text(keyPrefix), .integer(Int64(limit))]).map { row in
            PendingAcknowledgement(purchaseOrder: row[0].string ?? "", revision: row[1].int ?? 0, supplier: row[2].string ?? "",
                                   releasedAt: Self.date(row[3]))
        }
    }

    func confirmedOrdersChangedSinceWatched(limit: Int) throws -> [ConfirmedOrderChange] {
        try connection.query("""
            SELECT p.number, p.current_revision, p.updated_at FROM purchase_orders p
            LEFT JOIN shipment_watch_orders w ON w.purchase_order = p.number
            WHERE p.status = 'confirmed'
              AND (w.purchase_order IS NULL OR w.revision != p.current_revision OR w.order_updated_at != p.updated_at)
            ORDER BY p.number LIMIT ?
            """, [.integer(Int64(limit))]).map { row in
            ConfirmedOrderChange(purchaseOrder: row[0].string ?? "", revision: row[1].int ?? 0, updatedAt: Self.date(row[2]))
        }
    }

    func shipmentWatches(dueOnOrBefore date: LocalDate, after: ShipmentWatch?, limit: Int) throws -> [ShipmentWatch] {
        // CROSS JOIN keeps the due-date index as the outer loop: the watched deliveries in the
        // window, not every confirmed order.
        let cursor: [SQLValue] = after.map { [.text($0.due.dueDate.iso), .text($0.purchaseOrder), .integer(Int64($0.due.line))] }
            ?? [.null, .null, .null]
        return try connection.query("""
            SELECT w.purchase_order, w.revision, w.supplier_id, w.line, w.due_date, w.quantity
            FROM shipment_watches w CROSS JOIN purchase_orders p
            WHERE p.number = w.purchase_order AND p.current_revision = w.revision AND p.status = 'confirmed' AND w.due_date <= ?1
              AND (?2 IS NULL OR (w.due_date, w.purchase_order, w.line) > (?2, ?3, ?4))
            ORDER BY w.due_date, w.purchase_order, w.line LIMIT ?5
            """, [.text(date.iso)] + cursor + [.integer(Int64(limit))]).map { row in
            ShipmentWatch(purchaseOrder: row[0].string ?? "", revision: row[1].int ?? 0, supplier: row[2].string ?? "",
                          due: DueQuantity(line: row[3].int ?? 0, dueDate: LocalDate(iso: row[4].string ?? "") ?? LocalDate(daysSinceEpoch: 0),
                                           cumulative: DecimalText.parse(row[5].string ?? "0") ?? 0))
        }
    }

    func replaceShipmentWatches(purchaseOrder: String, revision: Int, supplier: String, orderUpdatedAt: Date,
                                deliveries: [DueQuantity]) throws {
        try connection.run("DELETE FROM shipment_watches WHERE purchase_order = ?", [.text(purchaseOrder)])
        for d in deliveries {
            try connection.run("""
                INSERT INTO shipment_watches (purchase_order, line, due_date, revision, supplier_id, quantity) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (purchase_order, line, due_date) DO UPDATE SET quantity = excluded.quantity
                """, [.text(purchaseOrder), .integer(Int64(d.line)), .text(d.dueDate.iso), .integer(Int64(revision)), .text(supplier),
                      .text(DecimalText.format(d.cumulative))])
        }
        try connection.run("""
            INSERT INTO shipment_watch_orders (purchase_order, revision, order_updated_at) VALUES (?, ?, ?)
            ON CONFLICT (purchase_order) DO UPDATE SET revision = excluded.revision, order_updated_at = excluded.order_updated_at
            """, [.text(purchaseOrder), .integer(Int64(revision)), Self.millis(orderUpdatedAt)])
    }

    func removeShipmentWatch(purchaseOrder: String, line: Int, dueDate: LocalDate) throws {
        try connection.run("DELETE FROM shipment_watches WHERE purchase_order = ? AND line = ? AND due_date = ?",
                           [.text(purchaseOrder), .integer(Int64(line)), .text(dueDate.iso)])
    }

    @discardableResult
    func removeStaleShipmentWatches(dueOnOrBefore date: LocalDate) throws -> Int {
        try connection.run("""
            DELETE FROM shipment_watches WHERE due_date <= ? AND NOT EXISTS (
                SELECT 1 FROM purchase_orders p WHERE p.number = shipment_watches.purchase_order
                  AND p.current_revision = shipment_watches.revision AND p.status = 'confirmed')
            """, [.text(date.iso)])
    }

    func supersedeOpenExceptions(purchaseOrder: String, kinds: [String], note: String, now: Date) throws -> [String] {
        guard !kinds.isEmpty else { return [] }
        // One kind, as every acknowledgement asks: a text that is the same every time.
        let sql = kinds.count == 1 ? "SELECT id FROM exceptions WHERE purchase_order = ? AND status = 'open' AND kind = ?"
            : "SELECT id FROM exceptions WHERE purchase_order = ? AND status = 'open' AND kind IN ("
                + Array(repeating: "?", count: kinds.count).joined(separator: ", ") + ")"
        let ids = try connection.query(sql, [.text(purchaseOrder)] + kinds.map { .text($0) }).compactMap { $0[0].string }
        for id in ids {
            try resolveException(id: id, status: .superseded, by: "system", note: note, now: now)
        }
        return ids
    }

    // MARK: Scorecard

    func supplierEvents(supplier: String, types: [String], since: Date) throws -> [EventRecord] {
        guard !types.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: types.count).joined(separator: ", ")
        // Sorted here rather than in SQL, so the (supplier, type, time) index is used rather than
        // a scan of all the supplier's events in position order.
        return try connection.query("""
            SELECT position, id, type, subject, time, supplier_id, data FROM events
            WHERE supplier_id = ? AND type IN (\(marks)) AND time >= ?
            """, [.text(supplier)] + types.map { .text($0) } + [Self.millis(since)]).map { row in
            EventRecord(position: row[0].int64 ?? 0, id: row[1].string ?? "", type: row[2].string ?? "", subject: row[3].string ?? "",
                        time: Self.date(row[4]), supplier: row[5].string, data: row[6].string ?? "{}")
        }.sorted { $0.position < $1.position }
    }
}
