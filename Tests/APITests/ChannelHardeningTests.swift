import Connectors
import Flows
import Foundation
import Storage
import Synchronization
import Telemetry
import Testing

@Suite("Partner channels under pressure")
struct ChannelHardeningTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-drop-\(UUID().uuidString)")
    }

    @Test func twoPartnersCannotShareADropFolder() throws {
        let t = try TestHub()
        t.seed()
        let folder = Self.folder()
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey,
                       body: InterchangeFixtures.x12Profile(dropFolder: folder.path)).status == 201)
        for path in [folder.path, folder.path + "/", folder.appendingPathComponent("nested").path] {
            let reply = t.call("PUT", "/v1/suppliers/S-200/partner-profile", key: t.erpKey,
                               body: InterchangeFixtures.x12Profile(dropFolder: path).replacingOccurrences(of: "ACME", with: "BETA"))
            #expect(reply.status == 422, "\(path)")
            #expect(reply.text.contains("/transport/dropFolder"))
        }
        #expect(t.call("PUT", "/v1/suppliers/S-200/partner-profile", key: t.erpKey,
                       body: InterchangeFixtures.x12Profile(dropFolder: Self.folder().path).replacingOccurrences(of: "ACME", with: "BETA")).status == 201)
    }

    @Test func aBearerTokenNeverFollowsTheProfileToAnotherHost() throws {
        let t = try TestHub()
        t.seed()
        func profile(_ url: String, token: String?) -> String {
            let tokenPart = token.map { #","bearerToken":"\#($0)""# } ?? ""
            return #"{"channel":"x12","version":"004010","ourId":"SUPPLYLINE","partnerId":"ACME","transport":{"url":"\#(url)"\#(tokenPart)}}"#
        }
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: profile("https://edi.acme.example/in", token: "t0k3n")).status == 201)
        let samePlace = t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: profile("https://edi.acme.example/v2/in", token: nil))
        #expect((samePlace.json["transport"] as? [String: Any])?["bearerTokenSet"] as? Bool == true)
        let elsewhere = t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: profile("https://other.example/in", token: nil))
        #expect((elsewhere.json["transport"] as? [String: Any])?["bearerTokenSet"] as? Bool == false)
        #expect(!elsewhere.text.contains("t0k3n"))
    }

    @Test func oversizedDropFolderFilesAreFailedUnread() throws {
        let t = try TestHub()
        t.seed()
        let folder = Self.folder()
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey,
                       body: InterchangeFixtures.x12Profile(dropFolder: folder.path)).status == 201)
        let service = DropFolderService(context: t.hub.context, maxFileBytes: 100)
        _ = try service.pollOnce()   // creates the folders
        let inbox = folder.appendingPathComponent("inbox")
        try Data(InterchangeFixtures.ack855().utf8).write(to: inbox.appendingPathComponent("big.edi"))
        #expect(try service.pollOnce() == 0, "first sighting: not yet stable")
        #expect(try service.pollOnce() == 1)
        let failed = folder.appendingPathComponent("failed")
        let report = try String(contentsOf: failed.appendingPathComponent("big.edi.report.json"), encoding: .utf8)
        #expect(report.contains("fileTooLarge"))
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001", key: t.erpKey).json["status"] as? String == "awaitingAcknowledgement")
    }

    /// A connector that answers only once `width` calls are waiting at the same time.
    final class Barrier: ERPConnector {
        let width: Int
        let waiting = Mutex(0)
        let peak = Mutex(0)
        init(width: Int) { self.width = width }
        func post(_ posting: ERPPosting) -> DeliveryResult {
            let now = waiting.withLock { $0 += 1; return $0 }
            peak.withLock { $0 = max($0, now) }
            let deadline = Date().addingTimeInterval(5)
            while waiting.withLock({ $0 }) < width && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
            return .delivered
        }
    }

    @Test func theDispatcherHasAsManyPostingsInFlightAsConfigured() throws {
        let t = try TestHub()
        let erp = Barrier(width: 6)
        let dispatcher = Dispatcher(context: t.hub.context, connector: erp, concurrency: 6)
        try t.hub.store.write { tx in
            for i in 0..<6 {
                try tx.enqueue(OutboxMessage(kind: "orderConfirmation", document: "PO-\(i)", revision: 1, idempotencyKey: "k\(i)",
                                             payload: Array("{}".utf8)), now: Date())
            }
        }
        #expect(try dispatcher.dispatchOnce() == 6)
        #expect(erp.peak.withLock { $0 } == 6, "six postings in flight at once, whatever the number of cores")
    }
}
