import Foundation
import Procurement
import SQLite

extension SQLiteAccess {
    private static let changeRequestColumns = """
        id, purchase_order, revision, supplier_id, client_id, request, status, reasons, lines, previous, exception_id,
        received_at, decided_at, decided_by
        """

    static func changeRequest(from row: Row) throws -> ChangeRequestRecord {
        ChangeRequestRecord(id: row[0].string ?? "", purchaseOrder: row[1].string ?? "", revision: row[2].int ?? 0,
                            supplier: row[3].string ?? "", clientID: row[4].string ?? "",
                            request: try decode(ChangeRequest.self, row[5]),
                            status: ChangeRequestStatus(rawValue: row[6].string ?? "") ?? .inReview,
                            reasons: try decode([Reason].self, row[7]), lines: try decode([ConfirmedLine].self, row[8]),
                            previous: try decode([ConfirmedLine].self, row[9]), exceptionID: row[10].string,
                            receivedAt: date(row[11]), decidedAt: optionalDate(row[12]), decidedBy: row[13].string)
    }

    func changeRequest(id: String, scope: SupplierScope) throws -> ChangeRequestRecord? {
        let s = Self.scopeClause(scope)
        return try connection.queryFirst("SELECT \(Self.changeRequestColumns) FROM change_requests WHERE id = ?\(s.sql)",
                                         [.text(id)] + s.values).map(Self.changeRequest(from:))
    }

    func changeRequests(purchaseOrder: String, scope: SupplierScope) throws -> [ChangeRequestRecord] {
        let s = Self.scopeClause(scope)
        return try connection.query("SELECT \(Self.changeRequestColumns) FROM change_requests WHERE purchase_order = ?\(s.sql) ORDER BY seq",
                                    [.text(purchaseOrder)] + s.values).map(Self.changeRequest(from:))
    }

    func insertChangeRequest(_ r: ChangeRequestRecord) throws {
        try connection.run("INSERT INTO change_requests (\(Self.changeRequestColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [.text(r.id), .text(r.purchaseOrder), .integer(Int64(r.revision)), .text(r.supplier), .text(r.clientID),
                            try Self.json(r.request), .text(r.status.rawValue), try Self.json(r.reasons), try Self.json(r.lines),
                            try Self.json(r.previous), SQLValue(r.exceptionID), Self.millis(r.receivedAt), Self.millis(r.decidedAt),
                            SQLValue(r.decidedBy)])
    }

    func decideChangeRequest(id: String, status: ChangeRequestStatus, by: String, now: Date) throws {
        try connection.run("UPDATE change_requests SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?",
                           [.text(status.rawValue), Self.millis(now), .text(by), .text(id)])
    }

    func supersedeChangeRequests(purchaseOrder: String, now: Date) throws -> [String] {
        let ids = try connection.query("SELECT id FROM change_requests WHERE purchase_order = ? AND status = ?",
                                       [.text(purchaseOrder), .text(ChangeRequestStatus.inReview.rawValue)]).compactMap { $0[0].string }
        for id in ids { try decideChangeRequest(id: id, status: .superseded, by: "system", now: now) }
        return ids
    }
}
