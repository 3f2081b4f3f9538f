import Foundation
import Procurement
import SQLite

extension SQLiteAccess {
    // MARK: Ship notices

    private static let shipNoticeColumns = """
        id, supplier_id, version, status, document, posted, exception_id, client_id, created_at, updated_at, seq
        """

    static func shipNotice(from row: Row) throws -> ShipNoticeRecord {
        ShipNoticeRecord(id: row[0].string ?? "", supplier: row[1].string ?? "", version: row[2].int ?? 1,
                         status: ShipNoticeStatus(rawValue: row[3].string ?? "") ?? .accepted,
                         document: try decode(ShipNoticeDocument.self, row[4]), posted: row[5].bool ?? false,
                         exceptionID: row[6].string, clientID: row[7].string ?? "", createdAt: date(row[8]), updatedAt: date(row[9]))
    }

    func shipNotice(id: String, scope: SupplierScope) throws -> ShipNoticeRecord? {
        let s = Self.scopeClause(scope)
        return try connection.queryFirst("SELECT \(Self.shipNoticeColumns) FROM ship_notices WHERE id = ?\(s.sql)", [.text(id)] + s.values)
            .map(Self.shipNotice(from:))
    }

    func shipNotice(supplier: String, shipmentId: String) throws -> ShipNoticeRecord? {
        try connection.queryFirst("SELECT \(Self.shipNoticeColumns) FROM ship_notices WHERE supplier_id = ? AND shipment_id = ?",
                                  [.text(supplier), .text(shipmentId)]).map(Self.shipNotice(from:))
    }

    func shipNotices(scope: SupplierScope, purchaseOrder: String?, status: ShipNoticeStatus?, after: String?,
                     limit: Int) throws -> Page<ShipNoticeRecord> {
        var sql = "SELECT \(Self.shipNoticeColumns.split(separator: ",").map { "n." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")) FROM ship_notices n"
        var values: [SQLValue] = []
        if let purchaseOrder {
            sql += " JOIN ship_notice_orders o ON o.ship_notice_id = n.id AND o.purchase_order = ?"
            values.append(.text(purchaseOrder))
        }
        sql += " WHERE 1 = 1"
        let s = Self.scopeClause(scope, column: "n.supplier_id")
        sql += s.sql
        values += s.values
        if let status { sql += " AND n.status = ?"; values.append(.text(status.rawValue)) }
        if let after, let seq = Int64(after) { sql += " AND n.seq > ?"; values.append(.integer(seq)) }
        sql += " ORDER BY n.seq LIMIT ?"
        values.append(.integer(Int64(limit + 1)))
        let rows = try connection.query(sql, values)
        return Page(items: try rows.prefix(limit).map(Self.shipNotice(from:)),
                    next: rows.count > limit ? rows[limit - 1][10].int64.map(String.init) : nil)
    }

    func heldShipNotices(supplier: String) throws -> [ShipNoticeRecord] {
        try connection.query("SELECT \(Self.shipNoticeColumns) FROM ship_notices WHERE supplier_id = ? AND status = 'held' ORDER BY seq",
                             [.text(supplier)]).map(Self.shipNotice(from:))
    }

    func insertShipNotice(_ r: ShipNoticeRecord) throws {
        try connection.run("""
            INSERT INTO ship_notices (id, supplier_id, shipment_id, version, status, document, posted, exception_id, client_id,
                                      created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(r.id), .text(r.supplier), .text(r.document.shipmentId), .integer(Int64(r.version)), .text(r.status.rawValue),
                  try Self.json(r.document), SQLValue(r.posted), SQLValue(r.exceptionID), .text(r.clientID),
                  Self.millis(r.createdAt), Self.millis(r.updatedAt)])
        try linkOrders(r)
    }

    func updateShipNotice(_ r: ShipNoticeRecord) throws {
        try connection.run("""
            UPDATE ship_notices SET version = ?, status = ?, document = ?, posted = ?, exception_id = ?, updated_at = ? WHERE id = ?
            """, [.integer(Int64(r.version)), .text(r.status.rawValue), try Self.json(r.document), SQLValue(r.posted),
                  SQLValue(r.exceptionID), Self.millis(r.updatedAt), .text(r.id)])
        try connection.run("DELETE FROM ship_notice_orders WHERE ship_notice_id = ?", [.text(r.id)])
        try linkOrders(r)
    }

    private func linkOrders(_ r: ShipNoticeRecord) throws {
        for po in r.document.purchaseOrders {
            try connection.run("INSERT INTO ship_notice_orders (purchase_order, ship_notice_id) VALUES (?, ?)", [.text(po), .text(r.id)])
        }
    }

    // MARK: Goods receipts

    private static let receiptColumns = "id, supplier_id, number, received_date, ship_notice_id, lines, client_id, created_at, seq"

    static func goodsReceipt(from row: Row) throws -> GoodsReceiptRecord {
        GoodsReceiptRecord(id: row[0].string ?? "", supplier: row[1].string ?? "", number: row[2].string,
                           receivedDate: LocalDate(iso: row[3].string ?? "") ?? LocalDate(daysSinceEpoch: 0), shipNotice: row[4].string,
                           lines: try decode([ReceiptLineRecord].self, row[5]), clientID: row[6].string ?? "", createdAt: date(row[7]))
    }

    func goodsReceipt(id: String, scope: SupplierScope) throws -> GoodsReceiptRecord? {
        let s = Self.scopeClause(scope)
        return try connection.queryFirst("SELECT \(Self.receiptColumns) FROM goods_receipts WHERE id = ?\(s.sql)", [.text(id)] + s.values)
            .map(Self.goodsReceipt(from:))
    }

    func goodsReceipts(scope: SupplierScope, shipNotice: String?, after: String?, limit: Int) throws -> Page<GoodsReceiptRecord> {
        let s = Self.scopeClause(scope)
        var sql = "SELECT \(Self.receiptColumns) FROM goods_receipts WHERE 1 = 1\(s.sql)"
        var values = s.values
        if let shipNotice { sql += " AND ship_notice_id = ?"; values.append(.text(shipNotice)) }
        if let after, let seq = Int64(after) { sql += " AND seq > ?"; values.append(.integer(seq)) }
        sql += " ORDER BY seq LIMIT ?"
        values.append(.integer(Int64(limit + 1)))
        let rows = try connection.query(sql, values)
        return Page(items: try rows.prefix(limit).map(Self.goodsReceipt(from:)),
                    next: rows.count > limit ? rows[limit - 1][8].int64.map(String.init) : nil)
    }

    func insertGoodsReceipt(_ r: GoodsReceiptRecord) throws {
        try connection.run("""
            INSERT INTO goods_receipts (id, supplier_id, number, received_date, ship_notice_id, lines, client_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(r.id), .text(r.supplier), SQLValue(r.number), .text(r.receivedDate.iso), SQLValue(r.shipNotice),
                  try Self.json(r.lines), .text(r.clientID), Self.millis(r.createdAt)])
    }

    // MARK: Quality documents

    private static let qualityColumns = """
        id, supplier_id, type, purchase_order, line, ship_notice_id, lot, file_name, content_type, size, sha256, client_id, created_at, seq
        """

    static func qualityDocument(from row: Row) -> QualityDocumentRecord {
        QualityDocumentRecord(id: row[0].string ?? "", supplier: row[1].string ?? "",
                              type: QualityDocumentType(rawValue: row[2].string ?? "") ?? .other, purchaseOrder: row[3].string,
                              line: row[4].int, shipNotice: row[5].string, lot: row[6].string, fileName: row[7].string,
                              contentType: row[8].string ?? "", size: row[9].int ?? 0, sha256: row[10].string ?? "",
                              clientID: row[11].string ?? "", createdAt: date(row[12]))
    }

    func qualityDocument(id: String, scope: SupplierScope) throws -> QualityDocumentRecord? {
        let s = Self.scopeClause(scope)
        return try connection.queryFirst("SELECT \(Self.qualityColumns) FROM quality_documents WHERE id = ?\(s.sql)", [.text(id)] + s.values)
            .map(Self.qualityDocument(from:))
    }

    func qualityDocumentContent(id: String, scope: SupplierScope) throws -> [UInt8]? {
        let s = Self.scopeClause(scope)
        return try connection.queryFirst("SELECT content FROM quality_documents WHERE id = ?\(s.sql)", [.text(id)] + s.values)
            .map { $0[0].bytes ?? [] }
    }

    func qualityDocuments(scope: SupplierScope, purchaseOrder: String?, shipNotice: String?, after: String?,
                          limit: Int) throws -> Page<QualityDocumentRecord> {
        let s = Self.scopeClause(scope)
        var sql = "SELECT \(Self.qualityColumns) FROM quality_documents WHERE 1 = 1\(s.sql)"
        var values = s.values
        if let purchaseOrder { sql += " AND purchase_order = ?"; values.append(.text(purchaseOrder)) }
        if let shipNotice { sql += " AND ship_notice_id = ?"; values.append(.text(shipNotice)) }
        if let after, let seq = Int64(after) { sql += " AND seq > ?"; values.append(.integer(seq)) }
        sql += " ORDER BY seq LIMIT ?"
        values.append(.integer(Int64(limit + 1)))
        let rows = try connection.query(sql, values)
        return Page(items: rows.prefix(limit).map(Self.qualityDocument(from:)),
                    next: rows.count > limit ? rows[limit - 1][13].int64.map(String.init) : nil)
    }

    func certificateLinks(supplier: String) throws -> [CertificateLink] {
        try connection.query("""
            SELECT purchase_order, line, lot, ship_notice_id FROM quality_documents
            WHERE supplier_id = ? AND type IN ('certificateOfConformance', 'certificateOfAnalysis')
            """, [.text(supplier)]).map { CertificateLink(purchaseOrder: $0[0].string, line: $0[1].int, lot: $0[2].string, shipNotice: $0[3].string) }
    }

    func insertQualityDocument(_ r: QualityDocumentRecord, content: [UInt8]) throws {
        try connection.run("""
            INSERT INTO quality_documents (id, supplier_id, type, purchase_order, line, ship_notice_id, lot, file_name, content_type, size,
                                           sha256, content, client_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(r.id), .text(r.supplier), .text(r.type.rawValue), SQLValue(r.purchaseOrder), SQLValue(r.line), SQLValue(r.shipNotice),
                  SQLValue(r.lot), SQLValue(r.fileName), .text(r.contentType), .integer(Int64(r.size)), .text(r.sha256), .blob(content),
                  .text(r.clientID), Self.millis(r.createdAt)])
    }
}
