import Foundation
import Procurement
import Storage
import Testing

@Suite("API: ship notices held for a certificate")
struct ShipNoticeHoldAPITests {
    static let pdf = Array("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".utf8)

    private func held(_ t: TestHub) throws -> (notice: String, exception: String) {
        let posted = t.submitNotice(TestHub.noticeJSON(lines: [("PO-1003", 1, "40")], lots: #","lots":[{"lot":"L-7","quantity":"40"}]"#))
        #expect(posted.status == 201)
        #expect(posted.json["status"] as? String == "held")
        let notice = posted.json["id"] as? String ?? ""
        let exception = try #require(posted.json["exception"] as? String)
        return (notice, exception)
    }

    @Test func aLineNeedingACertificateIsHeldNotPosted() throws {
        let t = try TestHub()
        t.seedShipping(certificate: true)
        let (notice, exceptionID) = try held(t)
        #expect(try t.shipped("PO-1003") == .shipped(40), "held notices count as shipped")
        #expect(!(try t.pendingKinds().contains("inboundDelivery")))
        let exception = t.call("GET", "/v1/exceptions/\(exceptionID)", key: t.buyerKey).json
        #expect(exception["type"] as? String == "shipNoticeMissingCertificate" || exception["kind"] as? String == "shipNoticeMissingCertificate")
        #expect((exception["links"] as? [String: Any])?["shipNotice"] as? String == notice)
        #expect(try t.events("shipnotice.").map(\.type) == ["com.supplyline.shipnotice.submitted", "com.supplyline.shipnotice.held"])
        #expect(try t.events("exception.opened").count == 1)
    }

    @Test func aBuyerApprovesAndTheNoticeIsPosted() throws {
        let t = try TestHub()
        t.seedShipping(certificate: true)
        let (notice, exception) = try held(t)
        #expect(t.call("POST", "/v1/exceptions/\(exception)/approve", key: t.supplierKey).status == 403)
        let approved = t.call("POST", "/v1/exceptions/\(exception)/approve", key: t.buyerKey)
        #expect(approved.status == 200)
        let now = t.call("GET", "/v1/ship-notices/\(notice)", key: t.supplierKey).json
        #expect(now["status"] as? String == "released")
        #expect(try t.pendingKeys().contains("inboundDelivery:\(notice):1"))
        #expect(try t.shipped("PO-1003") == .shipped(40))
        #expect(try t.events("shipnotice.released").count == 1)
    }

    @Test func aBuyerRejectsAndTheQuantityLeavesTheLedger() throws {
        let t = try TestHub()
        t.seedShipping(certificate: true)
        let (notice, exception) = try held(t)
        #expect(t.call("POST", "/v1/exceptions/\(exception)/reject", key: t.buyerKey, body: #"{"note":"No CoC, no goods"}"#).status == 200)
        #expect(t.call("GET", "/v1/ship-notices/\(notice)", key: t.supplierKey).json["status"] as? String == "rejected")
        #expect(try t.shipped("PO-1003") == .zero)
        #expect(!(try t.pendingKinds().contains("inboundDelivery")))
        #expect(t.call("POST", "/v1/ship-notices/\(notice)/cancel", key: t.supplierKey).status == 409)
    }

    @Test(arguments: [
        ("the order line", ["purchaseOrder": "PO-1003", "line": "1"]),
        ("the lot", ["lot": "L-7"]),
        ("the notice", ["shipNotice": "{notice}"]),
    ])
    func aMatchingCertificateReleasesTheNotice(name: String, links: [String: String]) throws {
        let t = try TestHub()
        t.seedShipping(certificate: true)
        let (notice, exception) = try held(t)
        var query = links.mapValues { $0 == "{notice}" ? notice : $0 }
        query["type"] = "certificateOfConformance"
        let upload = t.upload(Self.pdf, contentType: "application/pdf", query: query)
        #expect(upload.status == 201)
        #expect(t.call("GET", "/v1/ship-notices/\(notice)", key: t.supplierKey).json["status"] as? String == "released")
        #expect(t.call("GET", "/v1/exceptions/\(exception)", key: t.buyerKey).json["status"] as? String == "approved")
        #expect(try t.pendingKeys().contains("inboundDelivery:\(notice):1"))
        #expect(try t.events("shipnotice.released").count == 1)
    }

    @Test func documentsThatAreNotMatchingCertificatesReleaseNothing() throws {
        let t = try TestHub()
        t.seedShipping(certificate: true)
        let (notice, _) = try held(t)
        #expect(t.upload(Self.pdf, contentType: "application/pdf", query: ["type": "ppap", "purchaseOrder": "PO-1003"]).status == 201)
        #expect(t.upload(Self.pdf, contentType: "application/pdf", query: ["type": "certificateOfAnalysis", "lot": "L-8"]).status == 201)
        #expect(t.upload(Self.pdf, contentType: "application/pdf", query: ["type": "certificateOfAnalysis", "purchaseOrder": "PO-1001"]).status == 201)
        #expect(t.call("GET", "/v1/ship-notices/\(notice)", key: t.supplierKey).json["status"] as? String == "held")
    }

    @Test func aCertificateUploadedFirstMeansNoHold() throws {
        let t = try TestHub()
        t.seedShipping(certificate: true)
        #expect(t.upload(Self.pdf, contentType: "application/pdf", query: ["type": "certificateOfAnalysis", "purchaseOrder": "PO-1003", "line": "1"]).status == 201)
        let posted = t.submitNotice(TestHub.noticeJSON(lines: [("PO-1003", 1, "40")]))
        #expect(posted.json["status"] as? String == "accepted")
        #expect(try t.pendingKinds().contains("inboundDelivery"))
    }

    @Test func cancellingAHeldNoticeClosesItsException() throws {
        let t = try TestHub()
        t.seedShipping(certificate: true)
        let (notice, exception) = try held(t)
        #expect(t.call("POST", "/v1/ship-notices/\(notice)/cancel", key: t.supplierKey).status == 200)
        #expect(t.call("GET", "/v1/exceptions/\(exception)", key: t.buyerKey).json["status"] as? String == "superseded")
        #expect(!(try t.pendingKinds().contains("inboundDeliveryCancellation")), "the ERP never heard of it")
        #expect(try t.shipped("PO-1003") == .zero)
    }
}
