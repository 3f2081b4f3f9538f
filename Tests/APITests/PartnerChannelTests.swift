import Foundation
import Storage
import HTTPServer
import Synchronization
import Telemetry
import Testing

@Suite("Drop folders and outbound partner documents")
struct PartnerChannelTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-drop-\(UUID().uuidString)")
    }

    static func hub(dropFolder: URL) throws -> TestHub {
        let t = try TestHub()
        t.seed()
        let profile = InterchangeFixtures.x12Profile(dropFolder: dropFolder.path)
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: profile).status == 201)
        return t
    }

    func files(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("a stable file in inbox/ is processed, moved to processed/ and its 997 written to outbox/")
    func happyPath() throws {
        let folder = Self.folder()
        let t = try Self.hub(dropFolder: folder)
        // The release of PO-1001 happened before the profile existed: nothing went out.
        #expect(try t.hub.dropFolders.pollOnce() == 0)  // creates the directories
        try Data(InterchangeFixtures.ack855().utf8).write(to: folder.appendingPathComponent("inbox/acme-855.edi"))
        #expect(try t.hub.dropFolders.pollOnce() == 0, "first sighting: the file may still be growing")
        #expect(files(folder.appendingPathComponent("inbox")) == ["acme-855.edi"])
        #expect(try t.hub.dropFolders.pollOnce() == 1)
        #expect(files(folder.appendingPathComponent("inbox")).isEmpty)
        #expect(files(folder.appendingPathComponent("processed")) == ["acme-855.edi"])
        #expect(files(folder.appendingPathComponent("outbox")) == ["acme-855.edi.997"])
        let ack = try String(contentsOf: folder.appendingPathComponent("outbox/acme-855.edi.997"), encoding: .utf8)
        #expect(ack.contains("AK5*A"))
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.erpKey).json["status"] as? String == "confirmed")
        let list = t.call("GET", "/v1/interchanges", key: t.supplierKey).json["items"] as? [[String: Any]]
        #expect(list?.first?["source"] as? String == "acme-855.edi")
    }

    @Test("a growing file waits; hidden and .part names are ignored; failures go to failed/ with a report")
    func failures() throws {
        let folder = Self.folder()
        let t = try Self.hub(dropFolder: folder)
        _ = try t.hub.dropFolders.pollOnce()
        let inbox = folder.appendingPathComponent("inbox")
        try Data("ISA*00*".utf8).write(to: inbox.appendingPathComponent("growing.edi"))
        try Data(InterchangeFixtures.ack855().utf8).write(to: inbox.appendingPathComponent("upload.part"))
        try Data(InterchangeFixtures.ack855().utf8).write(to: inbox.appendingPathComponent(".hidden.edi"))
        try Data("not an interchange".utf8).write(to: inbox.appendingPathComponent("junk.txt"))
        try Data(InterchangeFixtures.ack855(order: "PO-2001", control: 30).utf8).write(to: inbox.appendingPathComponent("other.edi"))
        #expect(try t.hub.dropFolders.pollOnce() == 0)
        try Data(InterchangeFixtures.ack855(control: 31).utf8).write(to: inbox.appendingPathComponent("growing.edi"))  // still being written
        #expect(try t.hub.dropFolders.pollOnce() == 2, "junk.txt and other.edi were stable; growing.edi changed")
        #expect(files(inbox) == ["growing.edi", "upload.part"])
        let failed = folder.appendingPathComponent("failed")
        #expect(files(failed) == ["junk.txt", "junk.txt.report.json", "other.edi", "other.edi.report.json"])
        let junkReport = try String(contentsOf: failed.appendingPathComponent("junk.txt.report.json"), encoding: .utf8)
        #expect(junkReport.contains("unrecognisedInterchange"))
        let otherReport = try String(contentsOf: failed.appendingPathComponent("other.edi.report.json"), encoding: .utf8)
        #expect(otherReport.contains("unknownPurchaseOrder"))
        #expect(files(folder.appendingPathComponent("outbox")) == ["other.edi.997"])
        #expect(try t.hub.dropFolders.pollOnce() == 1)
        #expect(files(folder.appendingPathComponent("processed")) == ["growing.edi"])
    }

    @Test("release and revision write an 850 then an 860 to the drop folder, with increasing persisted control numbers")
    func outboundOrders() throws {
        let folder = Self.folder()
        let t = try Self.hub(dropFolder: folder)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1002", key: t.erpKey, body: TestHub.orderJSON("PO-1002")).status == 201)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1002", key: t.erpKey, body: TestHub.orderJSON("PO-1002", revision: 2, quantity: "120")).status == 200)
        let dispatcher = try #require(t.hub.dispatcher)
        #expect(try dispatcher.dispatchOnce() == 1, "one partner document per order at a time, in order")
        #expect(try dispatcher.dispatchOnce() == 1)
        let outbox = folder.appendingPathComponent("outbox")
        #expect(files(outbox) == ["PO-1002-r1-000000001.850", "PO-1002-r2-000000002.860"])
        let first = try String(contentsOf: outbox.appendingPathComponent("PO-1002-r1-000000001.850"), encoding: .utf8)
        #expect(first.hasPrefix("ISA*00*          *00*          *ZZ*SUPPLYLINE     *ZZ*ACME           *"))
        #expect(first.contains("*00401*000000001*1*P*>~GS*PO*SUPPLYLINE*ACME*"), "ISA14 asks for a 997")
        #expect(first.contains("BEG*00*SA*PO-1002"))
        let second = try String(contentsOf: outbox.appendingPathComponent("PO-1002-r2-000000002.860"), encoding: .utf8)
        #expect(second.contains("BCH*04*SA*PO-1002**2"))
        let outbound = t.call("GET", "/v1/interchanges?direction=outbound", key: t.adminKey).json["items"] as? [[String: Any]]
        #expect(outbound?.map { $0["controlNumber"] as? String } == ["000000001", "000000002"])
        #expect(outbound?.allSatisfy { $0["status"] as? String == "delivered" } == true)
    }

    @Test("a partner URL gets the document over HTTP with its idempotency key; a refusal makes it undeliverable")
    func outboundOverHTTP() throws {
        let received = Mutex<[HTTPRequest]>([])
        let refuse = Atomic<Bool>(false)
        let partner = HTTPServer(configuration: HTTPServerConfiguration(port: 0), logger: Logger(label: "partner", sink: .discard)) { request in
            received.withLock { $0.append(request) }
            return refuse.load(ordering: .relaxed) ? .text(400, "we do not take these") : .text(200, "ok")
        }
        try partner.start()
        defer { partner.stop() }
        let t = try TestHub()
        t.seed()
        let profile = #"{"channel":"x12","version":"004010","ourId":"SUPPLYLINE","ourQualifier":"ZZ","partnerId":"ACME","partnerQualifier":"ZZ","transport":{"url":"http://127.0.0.1:\#(partner.port)/edi","bearerToken":"partner-secret"}}"#
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: profile).status == 201)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1002", key: t.erpKey, body: TestHub.orderJSON("PO-1002")).status == 201)
        let dispatcher = try #require(t.hub.dispatcher)
        #expect(try dispatcher.dispatchOnce() == 1)
        let first = try #require(received.withLock { $0.first })
        #expect(first.method == "POST")
        #expect(first.path == "/edi")
        #expect(first.headers["Authorization"] == "Bearer partner-secret")
        #expect(first.headers["Idempotency-Key"]?.contains("PO-1002") == true)
        #expect(first.bodyText.hasPrefix("ISA*"))
        #expect(first.bodyText.contains("ST*850*"))

        refuse.store(true, ordering: .relaxed)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1003", key: t.erpKey, body: TestHub.orderJSON("PO-1003")).status == 201)
        #expect(try dispatcher.dispatchOnce() == 1)
        let outbound = t.call("GET", "/v1/interchanges?direction=outbound", key: t.adminKey).json["items"] as? [[String: Any]] ?? []
        #expect(outbound.map { $0["status"] as? String } == ["delivered", "undeliverable"])
        #expect((t.call("GET", "/v1/dead-letters", key: t.adminKey).json["items"] as? [Any])?.count == 1)
    }

    @Test("without a transport the document waits in the outbox and is retried")
    func noTransport() throws {
        let t = try TestHub()
        t.seed()
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: InterchangeFixtures.x12Profile).status == 201)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1003", key: t.erpKey, body: TestHub.orderJSON("PO-1003")).status == 201)
        #expect(try t.hub.dispatcher!.dispatchOnce() == 1)
        let counts = t.call("GET", "/v1/outbox", key: t.adminKey).json
        #expect(counts["pending"] as? Int == 1)
    }
}

@Suite("Control numbers")
struct ControlNumberTests {
    @Test("per-partner sequences count up, are independent per kind and partner, and survive a reopen")
    func persisted() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-cn-\(UUID().uuidString).db").path
        do {
            let store = try SQLiteStore(configuration: .init(path: path))
            #expect(try store.write { try $0.nextControlNumber(partner: "S-1", kind: "interchange") } == 1)
            #expect(try store.write { try $0.nextControlNumber(partner: "S-1", kind: "interchange") } == 2)
            #expect(try store.write { try $0.nextControlNumber(partner: "S-1", kind: "set") } == 1)
            #expect(try store.write { try $0.nextControlNumber(partner: "S-2", kind: "interchange") } == 1)
            // A rolled-back write gives its number back; it was never used.
            struct Abort: Error {}
            #expect(throws: Abort.self) {
                try store.write { tx in
                    _ = try tx.nextControlNumber(partner: "S-1", kind: "interchange")
                    throw Abort()
                }
            }
            store.close()
        }
        let reopened = try SQLiteStore(configuration: .init(path: path))
        defer { reopened.close() }
        #expect(try reopened.write { try $0.nextControlNumber(partner: "S-1", kind: "interchange") } == 3)
        #expect(try reopened.write { try $0.nextControlNumber(partner: "S-1", kind: "set") } == 2)
    }
}
