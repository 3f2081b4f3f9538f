@testable import Flows
import Foundation
import Procurement
import Sodium
import SQLite
import Storage
import Telemetry
import Testing

@Suite("Request fingerprints")
struct RequestFingerprintTests {
    @Test func partsAreFramedSoNoTwoListsHashAlike() {
        let joined = RequestFingerprint(["approve", "exc_1\nnote"]) { "" }
        let split = RequestFingerprint(["approve", "exc_1", "note"]) { "" }
        #expect(joined.value != split.value)
        #expect(joined.value.hasPrefix("b2:") && joined.value.count == 3 + 64)
        #expect(joined.matches(joined.value))
        #expect(!joined.matches(split.value))
    }

    @Test func aRecordOfTheEarlierFormMatchesTheSameRequestOnly() {
        let fingerprint = RequestFingerprint(["acknowledge", "PO-1", "{}"]) { "acknowledge PO-1\n{}" }
        #expect(fingerprint.matches(Sodium.hex(Sodium.sha256(Array("acknowledge PO-1\n{}".utf8)))))
        #expect(!fingerprint.matches(Sodium.hex(Sodium.sha256(Array("acknowledge PO-2\n{}".utf8)))))
    }

    /// A key a client used before the hub changed its fingerprints still replays its answer.
    @Test func anAcknowledgementKeptInTheEarlierFormReplays() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-fingerprint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("hub.db").path
        let store = try SQLiteStore(configuration: .init(path: path))
        defer { store.close() }
        let context = FlowContext(store: store, logger: Logger(label: "test", sink: .discard))
        let erp = RequestContext(principal: Principal(clientID: "erp", name: "ERP", role: .erp, supplierID: nil))
        let acme = RequestContext(principal: Principal(clientID: "acme", name: "Acme", role: .supplier, supplierID: "S-1"))
        try SupplierFlow(context: context).save(Supplier(id: "S-1", name: "Acme", tolerances: Tolerances(dateDays: 3, quantityPercent: 0, pricePercent: 0)), by: erp)
        _ = try PurchaseOrderFlow(context: context).release(PurchaseOrder(number: "PO-1", revision: 1, supplier: "S-1", plant: "P01", currency: "USD", lines: [
            OrderLine(line: 1, item: "MAT-1", description: "Part", quantity: 10, unit: "EA", unitPrice: 2, needBy: LocalDate(iso: "2027-01-15")!),
        ]), by: erp)
        let response = OrderResponse(revision: 1, lines: [LineResponse(line: 1, status: .accepted)])
        let flow = AcknowledgementFlow(context: context)
        let first = try flow.acknowledge(number: "PO-1", response: response, idempotencyKey: "k-1", by: acme)
        let legacy = Sodium.hex(Sodium.sha256(Array("acknowledge PO-1\n\(response.canonicalJSON)".utf8)))
        try Connection(path: path).run("UPDATE inbox SET request_hash = ? WHERE key = 'k-1'", [.text(legacy)])
        let again = try flow.acknowledge(number: "PO-1", response: response, idempotencyKey: "k-1", by: acme)
        #expect(again.replayed && again.record.id == first.record.id)
        let other = OrderResponse(revision: 1, lines: [LineResponse(line: 1, status: .rejected, reason: "No capacity")])
        #expect { try flow.acknowledge(number: "PO-1", response: other, idempotencyKey: "k-1", by: acme) } throws: {
            ($0 as? FlowError)?.code == .idempotencyKeyReused
        }
    }
}
