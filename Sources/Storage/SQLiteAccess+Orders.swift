import Foundation
import Procurement
import SQLite

extension SQLiteAccess {
    func purchaseOrder(number: String, scope: SupplierScope) throws -> OrderRecord? {
        let s = Self.scopeClause(scope, column: "p.supplier_id")
        guard let row = try connection.queryFirst("""
            SELECT r.document, p.status, p.created_at, p.updated_at FROM purchase_orders p
            JOIN order_revisions r ON r.number = p.number AND r.revision = p.current_revision
            WHERE p.number = ?\(s.sql)
            """, [.text(number)] + s.values) else { return nil }
        return OrderRecord(order: try Self.decode(PurchaseOrder.self, row[0]),
                           status: OrderStatus(rawValue: row[1].string ?? "") ?? .awaitingAcknowledgement,
                           createdAt: Self.date(row[2]), updatedAt: Self.date(row[3]))
    }

    func purchaseOrder(number: String, revision: Int, scope: SupplierScope) throws -> PurchaseOrder? {
        let s = Self.scopeClause(scope, column: "p.supplier_id")
        return try connection.queryFirst("""
            SELECT r.document FROM order_revisions r JOIN purchase_orders p ON p.number = r.number
            WHERE r.number = ? AND r.revision = ?\(s.sql)
            """, [.text(number), .integer(Int64(revision))] + s.values).map { try Self.decode(PurchaseOrder.self, $0[0]) }
    }

    func orderState(number: String, scope: SupplierScope) throws -> (revision: Int, status: OrderStatus)? {
        let s = Self.scopeClause(scope)
        guard let row = try connection.queryFirst("SELECT current_revision, status FROM purchase_orders WHERE number = ?\(s.sql)",
                                                  [.text(number)] + s.values),
              let status = OrderStatus(rawValue: row[1].string ?? "") else { return nil }
        return (row[0].int ?? 0, status)
    }

    func revisions(of number: String, scope: SupplierScope) throws -> [Int] {
        let s = Self.scopeClause(scope, column: "p.supplier_id")
        return try connection.query("""
            SELECT r.revision FROM order_revisions r JOIN purchase_orders p ON p.number = r.number
            WHERE r.number = ?\(s.sql) ORDER BY r.revision
            """, [.text(number)] + s.values).compactMap { $0[0].int }
    }

    func purchaseOrders(scope: SupplierScope, status: OrderStatus?, after: String?, limit: Int) throws -> Page<OrderSummary> {
        var sql = """
            SELECT p.number, p.current_revision, p.supplier_id, p.status, p.updated_at, r.document
            FROM purchase_orders p JOIN order_revisions r ON r.number = p.number AND r.revision = p.current_revision
            WHERE 1 = 1
            """
        var values: [SQLValue] = []
        let s = Self.scopeClause(scope, column: "p.supplier_id")
        sql += s.sql
        values += s.values
        if let status {
            sql += " AND p.status = ?"
            values.append(.text(status.rawValue))
        }
        if let after {
            sql += " AND p.number > ?"
            values.append(.text(after))
        }
        sql += " ORDER BY p.number LIMIT ?"
        values.append(.integer(Int64(limit + 1)))
        let rows = try connection.query(sql, values)
        let items = try rows.prefix(limit).map { row -> OrderSummary in
            let order = try Self.decode(PurchaseOrder.self, row[5])
            return OrderSummary(number: row[0].string ?? "", revision: row[1].int ?? 0, supplier: row[2].string ?? "",
                                plant: order.plant, currency: order.currency,
                                status: OrderStatus(rawValue: row[3].string ?? "") ?? .awaitingAcknowledgement,
                                lineCount: order.lines.count, updatedAt: Self.date(row[4]))
        }
        return Page(items: items, next: rows.count > limit ? items.last?.number : nil)
    }

    func saveRevision(_ order: PurchaseOrder, status: OrderStatus, now: Date) throws {
        try connection.run("""
            INSERT INTO purchase_orders (number, supplier_id, current_revision, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(number) DO UPDATE SET current_revision = excluded.current_revision,
              status = excluded.status, updated_at = excluded.updated_at
            """, [.text(order.number), .text(order.supplier), .integer(Int64(order.revision)), .text(status.rawValue),
                  Self.millis(now), Self.millis(now)])
        try connection.run("INSERT INTO order_revisions (number, revision, document, released_at) VALUES (?, ?, ?, ?)",
                           [.text(order.number), .integer(Int64(order.revision)), try Self.json(order), Self.millis(now)])
    }

    func setOrderStatus(number: String, status: OrderStatus, now: Date) throws {
        try connection.run("UPDATE purchase_orders SET status = ?, updated_at = ? WHERE number = ?",
                           [.text(status.rawValue), Self.millis(now), .text(number)])
    }

    // MARK: Acknowledgements

    private static let acknowledgementColumns =
        "id, purchase_order, revision, supplier_id, client_id, response, decision, reasons, lines, received_at"

    static func acknowledgement(from row: Row) throws -> AcknowledgementRecord {
        AcknowledgementRecord(id: row[0].string ?? "", purchaseOrder: row[1].string ?? "", revision: row[2].int ?? 0,
                              supplier: row[3].string ?? "", clientID: row[4].string ?? "",
                              response: try decode(OrderResponse.self, row[5]),
                              decision: Decision(rawValue: row[6].string ?? "") ?? .inReview,
                              reasons: try decode([Reason].self, row[7]), lines: try decode([ConfirmedLine].self, row[8]),
                              receivedAt: date(row[9]))
    }

    func acknowledgement(id: String, scope: SupplierScope) throws -> AcknowledgementRecord? {
        let s = Self.scopeClause(scope)
        return try connection.queryFirst("SELECT \(Self.acknowledgementColumns) FROM acknowledgements WHERE id = ?\(s.sql)",
                                         [.text(id)] + s.values).map(Self.acknowledgement(from:))
    }

    func acknowledgements(purchaseOrder: String, scope: SupplierScope) throws -> [AcknowledgementRecord] {
        let s = Self.scopeClause(scope)
        return try connection.query("SELECT \(Self.acknowledgementColumns) FROM acknowledgements WHERE purchase_order = ?\(s.sql) ORDER BY seq",
                                    [.text(purchaseOrder)] + s.values).map(Self.acknowledgement(from:))
    }

    func insertAcknowledgement(_ p: PreparedAcknowledgement) throws {
        let r = p.record
        try connection.run("INSERT INTO acknowledgements (\(Self.acknowledgementColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [.text(r.id), .text(r.purchaseOrder), .integer(Int64(r.revision)), .text(r.supplier), .text(r.clientID),
                            .text(p.responseJSON), .text(r.decision.rawValue), .text(p.reasonsJSON), .text(p.linesJSON),
                            Self.millis(r.receivedAt)])
    }

    // MARK: Exceptions

    private static let exceptionColumns =
        "id, kind, purchase_order, revision, supplier_id, acknowledgement_id, reasons, status, created_at, resolved_at, resolved_by, note, seq"

    static func exception(from row: Row) throws -> ExceptionRecord {
        ExceptionRecord(id: row[0].string ?? "", kind: row[1].string ?? "", purchaseOrder: row[2].string ?? "",
                        revision: row[3].int ?? 0, supplier: row[4].string ?? "", acknowledgementID: row[5].string ?? "",
                        reasons: try decode([Reason].self, row[6]), status: ExceptionStatus(rawValue: row[7].string ?? "") ?? .open,
                        createdAt: date(row[8]), resolvedAt: optionalDate(row[9]), resolvedBy: row[10].string, note: row[11].string)
    }

    func exception(id: String) throws -> ExceptionRecord? {
        try connection.queryFirst("SELECT \(Self.exceptionColumns) FROM exceptions WHERE id = ?", [.text(id)]).map(Self.exception(from:))
    }

    func exceptions(status: ExceptionStatus?, after: String?, limit: Int) throws -> Page<ExceptionRecord> {
        var sql = "SELECT \(Self.exceptionColumns) FROM exceptions WHERE 1 = 1"
        var values: [SQLValue] = []
        if let status {
            sql += " AND status = ?"
            values.append(.text(status.rawValue))
        }
        if let after, let seq = Int64(after) {
            sql += " AND seq > ?"
            values.append(.integer(seq))
        }
        sql += " ORDER BY seq LIMIT ?"
        values.append(.integer(Int64(limit + 1)))
        let rows = try connection.query(sql, values)
        let items = try rows.prefix(limit).map(Self.exception(from:))
        return Page(items: items, next: rows.count > limit ? rows[limit - 1][12].string : nil)
    }

    func insertException(_ r: ExceptionRecord) throws {
        try connection.run("""
            INSERT INTO exceptions (id, kind, purchase_order, revision, supplier_id, acknowledgement_id, reasons, status, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(r.id), .text(r.kind), .text(r.purchaseOrder), .integer(Int64(r.revision)), .text(r.supplier),
                  .text(r.acknowledgementID), try Self.json(r.reasons), .text(r.status.rawValue), Self.millis(r.createdAt)])
    }

    func resolveException(id: String, status: ExceptionStatus, by: String, note: String?, now: Date) throws {
        try connection.run("UPDATE exceptions SET status = ?, resolved_at = ?, resolved_by = ?, note = ? WHERE id = ?",
                           [.text(status.rawValue), Self.millis(now), .text(by), SQLValue(note), .text(id)])
    }

    func supersedeOpenExceptions(purchaseOrder: String, now: Date) throws -> [String] {
        let ids = try connection.query("SELECT id FROM exceptions WHERE purchase_order = ? AND status = 'open'", [.text(purchaseOrder)])
            .compactMap { $0[0].string }
        for id in ids {
            try resolveException(id: id, status: .superseded, by: "system", note: "A newer revision was released.", now: now)
        }
        return ids
    }
}
