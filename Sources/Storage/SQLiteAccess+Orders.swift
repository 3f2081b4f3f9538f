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
        return OrderRecord(order: try orderDocument(row[0]),
                           status: OrderStatus(rawValue: row[1].string ?? "") ?? .awaitingAcknowledgement,
                           createdAt: Self.date(row[2]), updatedAt: Self.date(row[3]))
    }

    func purchaseOrder(number: String, revision: Int, scope: SupplierScope) throws -> PurchaseOrder? {
        let s = Self.scopeClause(scope, column: "p.supplier_id")
        return try connection.queryFirst("""
            SELECT r.document FROM order_revisions r JOIN purchase_orders p ON p.number = r.number
            WHERE r.number = ? AND r.revision = ?\(s.sql)
            """, [.text(number), .integer(Int64(revision))] + s.values).map { try orderDocument($0[0]) }
    }

    func orderState(number: String, scope: SupplierScope) throws -> (revision: Int, status: OrderStatus)? {
        // The writer knows what its transaction would read for orders it has in memory.
        if let known = writer?.order(number, changes: changes) {
            return scope.covers(known.supplier) ? (known.revision, known.status) : nil
        }
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
            let order = try orderDocument(row[5])
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
        let document = order.canonicalJSON
        try connection.run("INSERT INTO order_revisions (number, revision, document, released_at) VALUES (?, ?, ?, ?)",
                           [.text(order.number), .integer(Int64(order.revision)), .text(document), Self.millis(now)])
        orderDocuments?.remember(order, as: document)
        if writer != nil { changes.append(.revision(order, status, bytes: document.utf8.count)) }
    }

    func setOrderStatus(number: String, status: OrderStatus, now: Date) throws {
        try connection.run("UPDATE purchase_orders SET status = ?, updated_at = ? WHERE number = ?",
                           [.text(status.rawValue), Self.millis(now), .text(number)])
        if writer != nil { changes.append(.status(number: number, status)) }
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

    private static let insertAcknowledgementSQL =
        "INSERT INTO acknowledgements (\(acknowledgementColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    func insertAcknowledgement(_ p: PreparedAcknowledgement) throws {
        let r = p.record
        try connection.run(Self.insertAcknowledgementSQL,
                           [.text(r.id), .text(r.purchaseOrder), .integer(Int64(r.revision)), .text(r.supplier), .text(r.clientID),
                            .text(p.responseJSON), .text(r.decision.rawValue), .text(p.reasonsJSON), .text(p.linesJSON),
                            Self.millis(r.receivedAt)])
    }

    // MARK: Exceptions

    private static let exceptionColumns = """
        id, kind, supplier_id, purchase_order, revision, acknowledgement_id, links, reasons, status, owner, dedupe_key,
        created_at, resolved_at, resolved_by, note, seq
        """

    static func exception(from row: Row) throws -> ExceptionRecord {
        ExceptionRecord(id: row[0].string ?? "", kind: row[1].string ?? "", supplier: row[2].string ?? "",
                        purchaseOrder: row[3].string, revision: row[4].int, acknowledgementID: row[5].string,
                        links: try decode([String: String].self, row[6]), reasons: try decode([Reason].self, row[7]),
                        status: ExceptionStatus(rawValue: row[8].string ?? "") ?? .open, owner: row[9].string, dedupeKey: row[10].string,
                        createdAt: date(row[11]), resolvedAt: optionalDate(row[12]), resolvedBy: row[13].string, note: row[14].string)
    }

    func exception(id: String) throws -> ExceptionRecord? {
        try connection.queryFirst("SELECT \(Self.exceptionColumns) FROM exceptions WHERE id = ?", [.text(id)]).map(Self.exception(from:))
    }

    func exceptions(_ filter: ExceptionFilter, after: String?, limit: Int) throws -> Page<ExceptionRecord> {
        var query = SeqPageQuery("SELECT \(Self.exceptionColumns) FROM exceptions")
        query.filter("status = ?", filter.status.map { .text($0.rawValue) })
        query.filter("kind = ?", SQLValue(filter.kind))
        query.filter("supplier_id = ?", SQLValue(filter.supplier))
        query.filter("owner = ?", SQLValue(filter.owner))
        query.filter("created_at <= ?", filter.createdAtOrBefore.map { Self.millis($0) })
        query.filter("purchase_order = ?", SQLValue(filter.purchaseOrder))
        return try query.page(connection, after: after.flatMap { Int64($0) }, limit: limit, seqColumn: 15, row: Self.exception(from:))
    }

    func exception(dedupeKey: String) throws -> ExceptionRecord? {
        try connection.queryFirst("SELECT \(Self.exceptionColumns) FROM exceptions WHERE dedupe_key = ?", [.text(dedupeKey)])
            .map(Self.exception(from:))
    }

    func exceptionComments(exceptionID: String) throws -> [ExceptionComment] {
        try connection.query("SELECT exception_id, author, text, at FROM exception_comments WHERE exception_id = ? ORDER BY seq",
                             [.text(exceptionID)])
            .map { ExceptionComment(exceptionID: $0[0].string ?? "", author: $0[1].string ?? "", text: $0[2].string ?? "", at: Self.date($0[3])) }
    }

    @discardableResult
    func insertException(_ r: ExceptionRecord) throws -> Bool {
        try connection.run("""
            INSERT INTO exceptions (id, kind, supplier_id, purchase_order, revision, acknowledgement_id, links, reasons, status, owner,
                                    dedupe_key, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (dedupe_key) DO NOTHING
            """, [.text(r.id), .text(r.kind), .text(r.supplier), SQLValue(r.purchaseOrder), r.revision.map { .integer(Int64($0)) } ?? .null,
                  SQLValue(r.acknowledgementID), try Self.json(r.links), try Self.json(r.reasons), .text(r.status.rawValue),
                  SQLValue(r.owner), SQLValue(r.dedupeKey), Self.millis(r.createdAt)])
        return connection.changes > 0
    }

    func resolveException(id: String, status: ExceptionStatus, by: String, note: String?, now: Date) throws {
        try connection.run("UPDATE exceptions SET status = ?, resolved_at = ?, resolved_by = ?, note = ? WHERE id = ?",
                           [.text(status.rawValue), Self.millis(now), .text(by), SQLValue(note), .text(id)])
    }

    func assignException(id: String, owner: String?) throws {
        try connection.run("UPDATE exceptions SET owner = ? WHERE id = ?", [SQLValue(owner), .text(id)])
    }

    func insertExceptionComment(_ comment: ExceptionComment) throws {
        try connection.run("INSERT INTO exception_comments (exception_id, at, author, text) VALUES (?, ?, ?, ?)",
                           [.text(comment.exceptionID), Self.millis(comment.at), .text(comment.author), .text(comment.text)])
    }

    func supersedeOpenExceptions(purchaseOrder: String, kinds: [String], now: Date) throws -> [String] {
        guard !kinds.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
        let ids = try connection.query("SELECT id FROM exceptions WHERE purchase_order = ? AND status = 'open' AND kind IN (\(marks))",
                                       [.text(purchaseOrder)] + kinds.map { .text($0) })
            .compactMap { $0[0].string }
        for id in ids {
            try resolveException(id: id, status: .superseded, by: "system", note: "A newer revision was released.", now: now)
        }
        return ids
    }

    // MARK: Line progress

    func lineProgress(purchaseOrder: String) throws -> [Int: LineProgress] {
        var result: [Int: LineProgress] = [:]
        for row in try connection.query("SELECT line, shipped, received, rejected, invoiced FROM line_progress WHERE purchase_order = ?",
                                        [.text(purchaseOrder)]) {
            func d(_ i: Int) -> Decimal { DecimalText.parse(row[i].string ?? "0") ?? 0 }
            result[row[0].int ?? 0] = LineProgress(shipped: d(1), received: d(2), rejected: d(3), invoiced: d(4))
        }
        return result
    }

    func addLineProgress(purchaseOrder: String, line: Int, _ delta: LineProgress) throws {
        let current = try lineProgress(purchaseOrder: purchaseOrder)[line] ?? .zero
        let next = current + delta
        try connection.run("""
            INSERT INTO line_progress (purchase_order, line, shipped, received, rejected, invoiced) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (purchase_order, line) DO UPDATE SET shipped = excluded.shipped, received = excluded.received,
                rejected = excluded.rejected, invoiced = excluded.invoiced
            """, [.text(purchaseOrder), .integer(Int64(line)), .text(DecimalText.format(next.shipped)), .text(DecimalText.format(next.received)),
                  .text(DecimalText.format(next.rejected)), .text(DecimalText.format(next.invoiced))])
    }
}
