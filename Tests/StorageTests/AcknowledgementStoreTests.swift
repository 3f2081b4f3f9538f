import Foundation
import Procurement
import SQLite
import Storage
import Testing

@Suite("SQLite store: acknowledgements")
struct AcknowledgementStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let date = LocalDate(iso: "2027-03-01")!

    static func record(_ id: String, text: String, status: LineAnswer, cancelled: Bool = false) -> AcknowledgementRecord {
        let schedule = [ScheduleLine(quantity: Decimal(string: "10.5")!, date: date),
                        ScheduleLine(quantity: Decimal(string: "0.0000000001")!, date: date.adding(days: 40))]
        let response = OrderResponse(revision: 1, lines: [
            LineResponse(line: 1, status: status, reason: status == .accepted ? nil : text,
                         schedule: status == .changed ? schedule : nil, unitPrice: status == .changed ? Decimal(string: "-0.25")! : nil),
            LineResponse(line: 2, status: .accepted),
        ])
        let reasons = status == .accepted ? [] : [Reason(code: .orderRejected, message: text),
                                                   Reason(code: .priceOutOfTolerance, message: "Line 1: \(text)", line: 1)]
        let lines = [
            ConfirmedLine(line: 1, status: status, schedule: status == .rejected ? [] : schedule, unitPrice: Decimal(string: "1234567.125")!,
                          reason: status == .accepted ? nil : text),
            ConfirmedLine(line: 2, status: .accepted, schedule: [], unitPrice: 0, reason: nil, cancelled: cancelled),
        ]
        return AcknowledgementRecord(id: id, purchaseOrder: "PO-1", revision: 1, supplier: "S-1", clientID: "cl_1", response: response,
                                     decision: status == .accepted ? .confirmed : .inReview, reasons: reasons, lines: lines, receivedAt: now)
    }

    static func store(path: String) throws -> SQLiteStore {
        let store = try SQLiteStore(configuration: .init(path: path))
        try store.write { tx in
            try tx.saveSupplier(Supplier(id: "S-1", name: "Acme", tolerances: .none), now: now)
            try tx.saveSupplier(Supplier(id: "S-2", name: "Other", tolerances: .none), now: now)
            try tx.saveRevision(PurchaseOrder(number: "PO-1", revision: 1, supplier: "S-1", plant: "P01", currency: "USD", lines: [
                OrderLine(line: 1, item: "MAT-1", description: "", quantity: 10, unit: "EA", unitPrice: 2, needBy: date),
                OrderLine(line: 2, item: "MAT-2", description: "", quantity: 1, unit: "EA", unitPrice: 2, needBy: date),
            ]), status: .awaitingAcknowledgement, now: now)
        }
        return store
    }

    @Test("an acknowledgement read back is the one stored, every field, for the supplier it belongs to")
    func readsBackWhatWasStored() throws {
        let store = try Self.store(path: temporaryDatabase())
        defer { store.close() }
        var records: [AcknowledgementRecord] = []
        for (i, text) in ["plain", "a \"quoted\" word \\ back/slash", "tab\tline\nbreak\u{01}\u{1F}", "Müller – 納期 🚚", ""].enumerated() {
            for status in LineAnswer.allCases {
                records.append(Self.record("ack_\(i)_\(status.rawValue)", text: text, status: status, cancelled: i % 2 == 1))
            }
        }
        try store.write { tx in
            for record in records { try tx.insertAcknowledgement(try PreparedAcknowledgement(record)) }
        }
        let (all, mine, others, one, hidden) = try store.read { r in
            (try r.acknowledgements(purchaseOrder: "PO-1", scope: .all), try r.acknowledgements(purchaseOrder: "PO-1", scope: .supplier("S-1")),
             try r.acknowledgements(purchaseOrder: "PO-1", scope: .supplier("S-2")), try r.acknowledgement(id: records[4].id, scope: .all),
             try r.acknowledgement(id: records[4].id, scope: .supplier("S-2")))
        }
        #expect(all == records)
        #expect(mine == records)
        #expect(others.isEmpty)
        #expect(one == records[4])
        #expect(hidden == nil)
    }

    @Test("rows in another JSON form still read, and a damaged row is an error")
    func readsOtherFormsThroughTheDecoder() throws {
        let path = temporaryDatabase()
        let store = try Self.store(path: path)
        defer { store.close() }
        let expected = Self.record("ack_legacy", text: "late \"again\"", status: .changed)
        let connection = try Connection(path: path)
        func insert(_ id: String, response: String, reasons: String, lines: String) throws {
            try connection.run("""
                INSERT INTO acknowledgements (id, purchase_order, revision, supplier_id, client_id, response, decision, reasons, lines, received_at)
                VALUES (?, 'PO-1', 1, 'S-1', 'cl_1', ?, 'inReview', ?, ?, ?)
                """, [.text(id), .text(response), .text(reasons), .text(lines), .integer(1_800_000_000_000)])
        }
        // Spaced out, keys in another order, and a key the hub does not write.
        try insert("ack_legacy",
                   response: """
                   { "revision": 1, "note": "kept by an older release", "lines": [
                     { "status": "changed", "line": 1, "reason": "late \\"again\\"", "unitPrice": "-0.25",
                       "schedule": [ { "quantity": "10.5", "date": "2027-03-01" }, { "quantity": "0.0000000001", "date": "2027-04-10" } ] },
                     { "line": 2, "status": "accepted" } ] }
                   """,
                   reasons: """
                   [ { "message": "late \\"again\\"", "code": "orderRejected", "source": "import" },
                     { "code": "priceOutOfTolerance", "line": 1, "message": "Line 1: late \\"again\\"" } ]
                   """,
                   lines: """
                   [ { "line": 1, "status": "changed", "unitPrice": "1234567.125", "reason": "late \\"again\\"", "cancelled": false,
                       "schedule": [ { "date": "2027-03-01", "quantity": "10.50" }, { "date": "2027-04-10", "quantity": "0.0000000001" } ],
                       "note": "x" },
                     { "line": 2, "status": "accepted", "unitPrice": "0", "schedule": [] } ]
                   """)
        #expect(try store.read { try $0.acknowledgement(id: "ack_legacy", scope: .all) } == expected)
        // Lines without a unit price are not an acknowledgement the hub can read.
        try insert("ack_damaged", response: expected.response.canonicalJSON, reasons: "[]",
                   lines: #"[{"line":1,"schedule":[],"status":"accepted"}]"#)
        #expect(throws: DecodingError.self) { try store.read { try $0.acknowledgement(id: "ack_damaged", scope: .all) } }
    }
}
