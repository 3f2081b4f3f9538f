import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Procurement
import Sodium
import Storage
import Testing

@Suite("API: quality documents")
struct QualityDocumentAPITests {
    static let pdf = Array("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    @Test func uploadReadAndDownload() throws {
        let t = try TestHub()
        t.seedShipping()
        let up = t.upload(Self.pdf, contentType: "application/pdf",
                          query: ["type": "certificateOfConformance", "purchaseOrder": "PO-1001", "line": "1", "lot": "L-7", "fileName": "coc-L7.pdf"],
                          key: "qd-1")
        #expect(up.status == 201)
        let id = up.json["id"] as? String ?? ""
        #expect(id.hasPrefix("qd_"))
        #expect(up.headers["Location"] == "/v1/quality-documents/\(id)")
        #expect(up.json["sha256"] as? String == Sodium.hex(Sodium.sha256(Self.pdf)))
        #expect(up.json["size"] as? Int == Self.pdf.count)
        #expect(up.json["contentType"] as? String == "application/pdf")
        #expect(up.json["type"] as? String == "certificateOfConformance")
        #expect(up.json["lot"] as? String == "L-7")
        let replay = t.upload(Self.pdf, contentType: "application/pdf",
                              query: ["type": "certificateOfConformance", "purchaseOrder": "PO-1001", "line": "1", "lot": "L-7", "fileName": "coc-L7.pdf"],
                              key: "qd-1")
        #expect(replay.headers["Idempotent-Replayed"] == "true")
        #expect(replay.body == up.body)

        #expect(t.call("GET", "/v1/quality-documents/\(id)", key: t.supplierKey).body == up.body)
        let content = t.call("GET", "/v1/quality-documents/\(id)/content", key: t.buyerKey)
        #expect(content.status == 200)
        #expect(content.body == Self.pdf)
        #expect(content.headers["Content-Type"] == "application/pdf")
        #expect(content.headers["ETag"] == "\"\(Sodium.hex(Sodium.sha256(Self.pdf)))\"")
        let cached = t.call("GET", "/v1/quality-documents/\(id)/content", key: t.supplierKey, headers: [("If-None-Match", content.headers["ETag"] ?? "")])
        #expect(cached.status == 304)
        #expect(cached.body.isEmpty)

        #expect((t.call("GET", "/v1/quality-documents?purchaseOrder=PO-1001", key: t.supplierKey).json["items"] as? [Any])?.count == 1)
        #expect((t.call("GET", "/v1/quality-documents?purchaseOrder=PO-1002", key: t.supplierKey).json["items"] as? [Any])?.count == 0)
        // Another supplier: not found, everywhere.
        #expect(t.call("GET", "/v1/quality-documents/\(id)", key: t.otherSupplierKey).status == 404)
        #expect(t.call("GET", "/v1/quality-documents/\(id)/content", key: t.otherSupplierKey).status == 404)
        #expect((t.call("GET", "/v1/quality-documents", key: t.otherSupplierKey).json["items"] as? [Any])?.count == 0)
        let audit = try t.hub.store.read { try $0.auditEntries(objectType: "qualityDocument", objectID: id, after: nil, limit: 10) }.items
        #expect(audit.map(\.action) == ["qualityDocument.uploaded"])
    }

    @Test func listsByShipNotice() throws {
        let t = try TestHub()
        t.seedShipping()
        let notice = t.submitNotice(TestHub.noticeJSON()).json["id"] as? String ?? ""
        #expect(t.upload(Self.png, contentType: "image/png", query: ["type": "other", "shipNotice": notice]).status == 201)
        #expect(t.upload(Self.pdf, contentType: "application/pdf", query: ["type": "ppap"]).status == 201)
        let list = t.call("GET", "/v1/quality-documents?shipNotice=\(notice)", key: t.erpKey).json["items"] as? [[String: Any]]
        #expect(list?.map { $0["contentType"] as? String } == ["image/png"])
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let contentType: String
        let query: [String: String]
        let status: Int
        let slug: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "text sent as a PDF", bytes: Array("hello".utf8), contentType: "application/pdf", query: ["type": "other"],
                status: 422, slug: "content-type-mismatch"),
        Refusal(name: "a JPEG sent as a PNG", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0], contentType: "image/png", query: ["type": "other"],
                status: 422, slug: "content-type-mismatch"),
        Refusal(name: "a binary sent as text", bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 0], contentType: "text/plain", query: ["type": "other"],
                status: 422, slug: "content-type-mismatch"),
        Refusal(name: "a zip", bytes: [0x50, 0x4B, 0x03, 0x04], contentType: "application/zip", query: ["type": "other"],
                status: 415, slug: "unsupported-media-type"),
        Refusal(name: "no type", bytes: pdf, contentType: "application/pdf", query: [:], status: 400, slug: "invalid-parameter"),
        Refusal(name: "an unknown type", bytes: pdf, contentType: "application/pdf", query: ["type": "invoice"], status: 400, slug: "invalid-parameter"),
        Refusal(name: "an empty body", bytes: [], contentType: "application/pdf", query: ["type": "other"], status: 422, slug: "invalid-document"),
        Refusal(name: "another supplier's order", bytes: pdf, contentType: "application/pdf",
                query: ["type": "certificateOfConformance", "purchaseOrder": "PO-2001"], status: 404, slug: "not-found"),
        Refusal(name: "an unknown line", bytes: pdf, contentType: "application/pdf",
                query: ["type": "certificateOfConformance", "purchaseOrder": "PO-1001", "line": "9"], status: 422, slug: "unknown-line"),
        Refusal(name: "a line without its order", bytes: pdf, contentType: "application/pdf",
                query: ["type": "certificateOfConformance", "line": "1"], status: 422, slug: "invalid-document"),
        Refusal(name: "an unknown notice", bytes: pdf, contentType: "application/pdf",
                query: ["type": "certificateOfConformance", "shipNotice": "asn_nope"], status: 404, slug: "not-found"),
    ]

    @Test(arguments: refusals)
    func refusesAndStoresNothing(_ c: Refusal) throws {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        let reply = t.upload(c.bytes, contentType: c.contentType, query: c.query)
        #expect(reply.status == c.status)
        #expect(reply.problemType == "urn:supplyline:problem:\(c.slug)")
        #expect(try t.hub.store.read { try $0.qualityDocuments(scope: .all, purchaseOrder: nil, shipNotice: nil, after: nil, limit: 10) }.items.isEmpty)
        #expect(try t.hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 50) }.items.allSatisfy { $0.message.kind != "qualityDocument" })
    }

    @Test func anUploadEmitsOneEventWithItsLinks() throws {
        let t = try TestHub()
        t.seedShipping()
        let query = ["type": "certificateOfConformance", "purchaseOrder": "PO-1001", "line": "1", "lot": "L-7"]
        let first = t.upload(Self.pdf, contentType: "application/pdf", query: query, key: "qd-event")
        #expect(first.status == 201)
        #expect(t.upload(Self.pdf, contentType: "application/pdf", query: query, key: "qd-event").status == 201)
        #expect(t.upload(Self.pdf, contentType: "application/pdf", query: ["type": "other", "purchaseOrder": "PO-9999"]).status == 404)
        let events = try t.events("qualitydocument.")
        #expect(events.map(\.type) == ["com.supplyline.qualitydocument.uploaded"], "a replay or a refusal emits nothing")
        let id = first.json["id"] as? String ?? ""
        #expect(events.first?.subject == id)
        let data = try #require(try JSONSerialization.jsonObject(with: Data((events.first?.data ?? "").utf8)) as? [String: Any])
        #expect(data["qualityDocument"] as? String == id)
        #expect(data["supplier"] as? String == "S-100")
        #expect(data["type"] as? String == "certificateOfConformance")
        #expect(data["sha256"] as? String == first.json["sha256"] as? String)
        let links = data["links"] as? [String: Any] ?? [:]
        #expect(links["purchaseOrder"] as? String == "PO-1001")
        #expect(links["line"] as? Int == 1)
        #expect(links["lot"] as? String == "L-7")
        #expect(links["shipNotice"] == nil)
        // The supplier reads it in its own log; another supplier does not.
        let own = t.call("GET", "/v1/events", key: t.supplierKey).text
        #expect(own.contains("com.supplyline.qualitydocument.uploaded"))
        #expect(!t.call("GET", "/v1/events", key: t.otherSupplierKey).text.contains("qualitydocument"))
        // The ERP hears of it once, with where to fetch the bytes.
        let postings = try t.hub.store.read { try $0.outboxJobs(status: .pending, after: nil, limit: 50) }.items
            .filter { $0.message.kind == "qualityDocument" }
        #expect(postings.map(\.message.idempotencyKey) == ["qualityDocument:\(id)"])
        let body = try #require(try JSONSerialization.jsonObject(with: Data(postings.first?.message.payload ?? [])) as? [String: Any])
        #expect(body["content"] as? String == "/v1/quality-documents/\(id)/content")
        #expect(body["sha256"] as? String == first.json["sha256"] as? String)
    }

    @Test func onlySuppliersUpload() throws {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.upload(Self.pdf, contentType: "application/pdf", query: ["type": "other"], as: t.erpKey).status == 403)
        #expect(t.upload(Self.pdf, contentType: "application/pdf", query: ["type": "other"], as: t.buyerKey).status == 403)
    }

    @Test func aDocumentOverTheLimitIs413() throws {
        let t = try TestHub()
        t.seedShipping()
        let atLimit = Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: QualityDocumentFlowLimit.bytes - 5)
        #expect(t.upload(atLimit, contentType: "application/pdf", query: ["type": "other"]).status == 201)
        let over = t.upload(atLimit + [0x20], contentType: "application/pdf", query: ["type": "other"])
        #expect(over.status == 413)
        #expect(over.problemType == "urn:supplyline:problem:document-too-large")
        #expect(over.json["code"] as? String == "documentTooLarge")
    }

    /// Over a socket, a document past the limit is `document-too-large` with its code, whether
    /// the upload measures it or the server stops reading the body, and nothing is stored.
    @Test(arguments: [8193, 100_000])
    func anOversizedDocumentOverASocketIsDocumentTooLarge(size: Int) async throws {
        let t = try TestHub(maxBodyBytes: 4096, maxDocumentBytes: 8192)
        try t.hub.start()
        t.seedShipping()
        let body = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x20, count: size - 9)
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(t.hub.port)/v1/quality-documents?type=ppap&purchaseOrder=PO-1001")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(t.supplierKey)", forHTTPHeaderField: "Authorization")
        request.setValue("application/pdf", forHTTPHeaderField: "Content-Type")
        request.setValue("too-big-\(size)", forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = Data(body)
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 413)
        #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "application/problem+json")
        let problem = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        #expect(problem["type"] as? String == "urn:supplyline:problem:document-too-large", "\(String(decoding: data, as: UTF8.self))")
        #expect(problem["code"] as? String == "documentTooLarge")
        #expect((problem["detail"] as? String)?.contains("8192") == true)
        #expect(try t.hub.store.read { try $0.qualityDocuments(scope: .all, purchaseOrder: nil, shipNotice: nil, after: nil, limit: 10) }.items.isEmpty)
    }

    /// Over a socket, the upload path takes bodies past the general body limit; other paths do not.
    @Test func uploadsPassTheGeneralBodyLimitOverASocket() async throws {
        let t = try TestHub(maxBodyBytes: 4096)
        try t.hub.start()
        t.seedShipping()
        let big = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x20, count: 2 << 20)
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(t.hub.port)/v1/quality-documents?type=ppap&purchaseOrder=PO-1001")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(t.supplierKey)", forHTTPHeaderField: "Authorization")
        request.setValue("application/pdf", forHTTPHeaderField: "Content-Type")
        request.setValue("big-1", forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = Data(big)
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 201, "\(String(decoding: data, as: UTF8.self))")
        let stored = try t.hub.store.read { try $0.qualityDocuments(scope: .all, purchaseOrder: "PO-1001", shipNotice: nil, after: nil, limit: 10) }.items
        #expect(stored.first?.size == big.count)

        var json = URLRequest(url: URL(string: "http://127.0.0.1:\(t.hub.port)/v1/ship-notices")!)
        json.httpMethod = "POST"
        json.setValue("Bearer \(t.supplierKey)", forHTTPHeaderField: "Authorization")
        json.setValue("big-2", forHTTPHeaderField: "Idempotency-Key")
        json.httpBody = Data(repeating: 0x20, count: 8192)
        let (_, refused) = try await URLSession.shared.data(for: json)
        #expect((refused as? HTTPURLResponse)?.statusCode == 413)
    }
}

enum QualityDocumentFlowLimit {
    static let bytes = 10 << 20
}
