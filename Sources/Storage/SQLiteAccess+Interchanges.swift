import Foundation
import Procurement
import SQLite

extension SQLiteAccess {
    // MARK: Partner profiles

    private static let profileColumns = "document, shared_secret_hash, bearer_token, updated_at"

    static func storedProfile(from row: Row) throws -> StoredPartnerProfile {
        StoredPartnerProfile(profile: try decode(PartnerProfile.self, row[0]), sharedSecretHash: row[1].bytes,
                             bearerToken: row[2].string, updatedAt: date(row[3]))
    }

    func partnerProfile(supplier: String) throws -> StoredPartnerProfile? {
        try connection.queryFirst("SELECT \(Self.profileColumns) FROM partner_profiles WHERE supplier_id = ?", [.text(supplier)])
            .map(Self.storedProfile(from:))
    }

    func partnerProfiles() throws -> [StoredPartnerProfile] {
        try connection.query("SELECT \(Self.profileColumns) FROM partner_profiles ORDER BY supplier_id").map(Self.storedProfile(from:))
    }

    func savePartnerProfile(_ stored: StoredPartnerProfile) throws {
        // The document column never holds a secret.
        var profile = stored.profile.redacted
        profile.cxml?.sharedSecretSet = stored.sharedSecretHash != nil
        profile.transport?.bearerTokenSet = stored.bearerToken != nil
        try connection.run("""
            INSERT INTO partner_profiles (supplier_id, channel, document, shared_secret_hash, bearer_token, drop_folder, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(supplier_id) DO UPDATE SET channel = excluded.channel, document = excluded.document,
              shared_secret_hash = excluded.shared_secret_hash, bearer_token = excluded.bearer_token,
              drop_folder = excluded.drop_folder, updated_at = excluded.updated_at
            """, [.text(profile.supplier), .text(profile.channel.rawValue), try Self.json(profile),
                  stored.sharedSecretHash.map { .blob($0) } ?? .null, SQLValue(stored.bearerToken),
                  SQLValue(profile.transport?.dropFolder), Self.millis(stored.updatedAt)])
    }

    // MARK: Control numbers

    func nextControlNumber(partner: String, kind: String) throws -> Int {
        let rows = try connection.query("""
            INSERT INTO control_numbers (partner, kind, last) VALUES (?, ?, 1)
            ON CONFLICT(partner, kind) DO UPDATE SET last = CASE WHEN last >= 999999999 THEN 1 ELSE last + 1 END
            RETURNING last
            """, [.text(partner), .text(kind)])
        return rows.first?[0].int ?? 1
    }

    // MARK: Interchanges

    private static let interchangeColumns = """
        id, supplier_id, direction, standard, sender_id, control_number, dedupe_key, source, client_id, received_at,
        verdict, status, report, acknowledgement, acknowledgement_type, updated_at, seq, json_extract(report, '$.claimedUntil')
        """

    static func interchange(from row: Row) -> InterchangeRecord {
        InterchangeRecord(id: row[0].string ?? "", supplier: row[1].string ?? "",
                          direction: InterchangeDirection(rawValue: row[2].string ?? "") ?? .inbound,
                          standard: row[3].string ?? "", senderID: row[4].string ?? "", controlNumber: row[5].string ?? "",
                          dedupeKey: row[6].string ?? "", source: row[7].string ?? "", clientID: row[8].string ?? "",
                          receivedAt: date(row[9]), verdict: row[10].string,
                          status: InterchangeStatus(rawValue: row[11].string ?? "") ?? .received,
                          reportJSON: row[12].string ?? "{}", acknowledgement: row[13].bytes, acknowledgementType: row[14].string,
                          updatedAt: date(row[15]), claimedUntil: row[17].int64 == nil ? nil : date(row[17]))
    }

    func interchange(id: String, scope: SupplierScope) throws -> InterchangeRecord? {
        let s = Self.scopeClause(scope)
        return try connection.queryFirst("SELECT \(Self.interchangeColumns) FROM interchanges WHERE id = ?\(s.sql)", [.text(id)] + s.values)
            .map(Self.interchange(from:))
    }

    func interchange(dedupeKey: String) throws -> InterchangeRecord? {
        try connection.queryFirst("SELECT \(Self.interchangeColumns) FROM interchanges WHERE dedupe_key = ?", [.text(dedupeKey)])
            .map(Self.interchange(from:))
    }

    func interchangeRaw(id: String, scope: SupplierScope) throws -> [UInt8]? {
        let s = Self.scopeClause(scope)
        guard let row = try connection.queryFirst("SELECT raw FROM interchanges WHERE id = ?\(s.sql)", [.text(id)] + s.values) else {
            return nil
        }
        return row[0].bytes ?? []
    }

    func interchanges(scope: SupplierScope, direction: InterchangeDirection?, status: InterchangeStatus?,
                      after: Int64?, limit: Int) throws -> Page<InterchangeRecord> {
        var query = SeqPageQuery("SELECT \(Self.interchangeColumns) FROM interchanges", scope: scope)
        query.filter("direction = ?", direction.map { .text($0.rawValue) })
        query.filter("status = ?", status.map { .text($0.rawValue) })
        return try query.page(connection, after: after, limit: limit, seqColumn: 16, row: Self.interchange(from:))
    }

    func insertInterchange(_ r: InterchangeRecord, raw: [UInt8]) throws {
        try connection.run("""
            INSERT INTO interchanges (id, supplier_id, direction, standard, sender_id, control_number, dedupe_key, source, client_id,
              received_at, verdict, status, report, raw, acknowledgement, acknowledgement_type, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(Self.claiming(r)), ?, ?, ?, ?)
            """, [.text(r.id), .text(r.supplier), .text(r.direction.rawValue), .text(r.standard), .text(r.senderID),
                  .text(r.controlNumber), .text(r.dedupeKey), .text(r.source), .text(r.clientID), Self.millis(r.receivedAt),
                  SQLValue(r.verdict), .text(r.status.rawValue)] + Self.claimingValues(r) + [.blob(raw),
                  r.acknowledgement.map { .blob($0) } ?? .null, SQLValue(r.acknowledgementType), Self.millis(r.updatedAt)])
    }

    func updateInterchange(_ r: InterchangeRecord) throws {
        try connection.run("""
            UPDATE interchanges SET verdict = ?, status = ?, report = \(Self.claiming(r)), acknowledgement = ?, acknowledgement_type = ?,
              updated_at = ?
            WHERE id = ?
            """, [SQLValue(r.verdict), .text(r.status.rawValue)] + Self.claimingValues(r) + [r.acknowledgement.map { .blob($0) } ?? .null,
                  SQLValue(r.acknowledgementType), Self.millis(r.updatedAt), .text(r.id)])
    }

    // The claim on an inbound interchange (`claimedUntil`, milliseconds) is kept in its report
    // object, written with the record in one statement, and gone once the outcome is stored.

    private static func claiming(_ r: InterchangeRecord) -> String {
        r.claimedUntil == nil ? "?" : "json_set(?, '$.claimedUntil', ?)"
    }

    private static func claimingValues(_ r: InterchangeRecord) -> [SQLValue] {
        [.text(r.reportJSON)] + (r.claimedUntil.map { [millis($0)] } ?? [])
    }

    func claimInterchange(id: String, until: Date, now: Date) throws -> Bool {
        try connection.run("""
            UPDATE interchanges SET report = json_set(report, '$.claimedUntil', ?)
            WHERE id = ? AND direction = 'inbound'
              AND (json_extract(report, '$.claimedUntil') IS NULL OR json_extract(report, '$.claimedUntil') <= ?)
            """, [Self.millis(until), .text(id), Self.millis(now)]) > 0
    }

    func releaseInterchange(id: String) throws {
        _ = try connection.run("UPDATE interchanges SET report = json_remove(report, '$.claimedUntil') WHERE id = ?", [.text(id)])
    }

    func latestOutboundOrderRevision(supplier: String, purchaseOrder: String, notAfter: Date) throws -> Int? {
        let row = try connection.queryFirst("""
            SELECT json_extract(report, '$.revision') FROM interchanges
            WHERE supplier_id = ? AND direction = 'outbound' AND received_at <= ? AND json_extract(report, '$.purchaseOrder') = ?
            ORDER BY received_at DESC, seq DESC LIMIT 1
            """, [.text(supplier), Self.millis(notAfter), .text(purchaseOrder)])
        return row.flatMap { $0[0].string.flatMap { Int($0) } ?? $0[0].int }
    }

    func outboundOrderDocument(supplier: String, standard: String, controlNumber: String) throws -> (purchaseOrder: String, revision: Int)? {
        let row = try connection.queryFirst("""
            SELECT json_extract(report, '$.purchaseOrder'), json_extract(report, '$.revision') FROM interchanges
            WHERE supplier_id = ? AND direction = 'outbound' AND standard = ? AND control_number = ?
            ORDER BY seq DESC LIMIT 1
            """, [.text(supplier), .text(standard), .text(controlNumber)])
        guard let row, let order = row[0].string, let revision = row[1].string.flatMap({ Int($0) }) ?? row[1].int else { return nil }
        return (order, revision)
    }

    func receivedDocuments(interchangeID: String) throws -> [ReceivedDocument] {
        try connection.query("""
            SELECT id, interchange_id, supplier_id, kind, number, document, received_at FROM received_documents
            WHERE interchange_id = ? ORDER BY rowid
            """, [.text(interchangeID)]).map { row in
            ReceivedDocument(id: row[0].string ?? "", interchangeID: row[1].string ?? "", supplier: row[2].string ?? "",
                             kind: row[3].string ?? "", number: row[4].string ?? "", json: row[5].string ?? "{}",
                             receivedAt: Self.date(row[6]))
        }
    }

    func replaceReceivedDocuments(interchangeID: String, with documents: [ReceivedDocument]) throws {
        try connection.run("DELETE FROM received_documents WHERE interchange_id = ?", [.text(interchangeID)])
        for d in documents {
            try connection.run("""
                INSERT INTO received_documents (id, interchange_id, supplier_id, kind, number, document, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.text(d.id), .text(d.interchangeID), .text(d.supplier), .text(d.kind), .text(d.number), .text(d.json),
                      Self.millis(d.receivedAt)])
        }
    }
}
