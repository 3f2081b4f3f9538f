import Foundation
import Testing

@Suite("Interchanges over HTTP")
struct InterchangeAPITests {
    /// A hub with S-100 (profile: X12 from ACME), S-200 and orders PO-1001 (S-100), PO-2001 (S-200).
    static func hub(profile: String = InterchangeFixtures.x12Profile) throws -> TestHub {
        let t = try TestHub()
        t.seed()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: profile).status == 201)
        return t
    }

    func send(_ t: TestHub, _ body: String, contentType: String = "application/edi-x12", key: String? = nil) -> TestHub.Reply {
        t.call("POST", "/v1/interchanges", key: key ?? t.supplierKey, body: body, headers: [("Content-Type", contentType)])
    }

    func status(_ t: TestHub, _ number: String) -> String? {
        t.call("GET", "/v1/purchase-orders/\(number)", key: t.erpKey).json["status"] as? String
    }

    @Test("an 855 is applied through the acknowledgement flow and answered with an accepting 997")
    func acceptedEndToEnd() throws {
        let t = try Self.hub()
        let reply = send(t, InterchangeFixtures.ack855())
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/edi-x12")
        #expect(reply.text.hasPrefix("ISA*00*"))
        #expect(reply.text.contains("ST*997*"))
        #expect(reply.text.contains("AK1*PR*17~AK2*855*0001~AK5*A~AK9*A*1*1*1~"))
        #expect(reply.text.contains("*ZZ*SUPPLYLINE     *ZZ*ACME           *"), "the 997 goes back from us to the sender")
        #expect(status(t, "PO-1001") == "confirmed")
        let location = try #require(reply.headers["Location"])
        let detail = t.call("GET", location, key: t.adminKey).json
        #expect(detail["status"] as? String == "processed")
        #expect(detail["acknowledgement"] as? String == reply.text)
        let sets = (detail["report"] as? [String: Any])?["sets"] as? [[String: Any]]
        #expect(sets?.first?["decision"] as? String == "confirmed")
        #expect(sets?.first?["purchaseOrder"] as? String == "PO-1001")
    }

    @Test("an 856 goes through the ship notice flow: applied to the ledger, posted, and kept as received")
    func shipNoticeIsApplied() throws {
        let t = try Self.hub()
        #expect(t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#).status == 201)
        let reply = send(t, InterchangeFixtures.shipNotice856())
        #expect(reply.status == 200)
        #expect(reply.text.contains("AK2*856*0001~AK5*A~"))
        let location = try #require(reply.headers["Location"])
        let detail = t.call("GET", location, key: t.adminKey).json
        let documents = detail["documents"] as? [[String: Any]] ?? []
        #expect(documents.count == 1)
        let text = String(describing: documents.first ?? [:])
        #expect(text.contains("ASN-77"))
        #expect(text.contains("PO-1001"))
        let notices = t.call("GET", "/v1/ship-notices?purchaseOrder=PO-1001", key: t.supplierKey).json["items"] as? [[String: Any]] ?? []
        #expect(notices.map { $0["shipmentId"] as? String } == ["ASN-77"])
        #expect(notices.first?["status"] as? String == "accepted")
        #expect(try t.shipped() == .shipped(100))
        #expect(try t.pendingKinds().contains("inboundDelivery"))
        #expect(status(t, "PO-1001") == "confirmed", "a ship notice does not answer the order")
    }

    @Test("an 856 the ship notice rules refuse is rejected in the 997 and changes nothing", arguments: [
        ("an unconfirmed order", false, "006141411234567890"),
        ("a pack without an SSCC", true, nil),
        ("an SSCC with a bad check digit", true, "006141411234567891"),
    ] as [(String, Bool, String?)])
    func shipNoticeIsRefused(name: String, confirm: Bool, sscc: String?) throws {
        let t = try Self.hub()
        if confirm { #expect(t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#).status == 201) }
        let reply = send(t, InterchangeFixtures.shipNotice856(sscc: sscc))
        #expect(reply.status == 200)
        #expect(reply.text.contains("AK2*856*0001~AK5*R"))
        #expect((t.call("GET", "/v1/ship-notices", key: t.erpKey).json["items"] as? [Any])?.count == 0)
        #expect(try t.shipped() == .zero)
    }

    @Test("an 856 for another supplier's order is rejected as an unknown order")
    func shipNoticeForAnotherSuppliersOrder() throws {
        let t = try Self.hub()
        let reply = send(t, InterchangeFixtures.shipNotice856(order: "PO-2001"))
        #expect(reply.text.contains("AK5*R"))
        let detail = t.call("GET", reply.headers["Location"] ?? "", key: t.adminKey).json
        let sets = (detail["report"] as? [String: Any])?["sets"] as? [[String: Any]]
        #expect((sets?.first?["reason"] as? [String: Any])?["code"] as? String == "unknownPurchaseOrder")
        #expect(try t.shipped("PO-2001") == .zero)
    }

    @Test("the same interchange twice: one effect, the same acknowledgement bytes")
    func duplicateInterchange() throws {
        let t = try Self.hub()
        let first = send(t, InterchangeFixtures.ack855())
        let second = send(t, InterchangeFixtures.ack855())
        #expect(first.status == 200 && second.status == 200)
        #expect(first.body == second.body)
        #expect(second.headers["Idempotent-Replayed"] == "true")
        #expect(first.headers["Location"] == second.headers["Location"])
        let acks = t.call("GET", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.erpKey).json["items"] as? [Any]
        #expect(acks?.count == 1)
        let list = t.call("GET", "/v1/interchanges?direction=inbound", key: t.adminKey).json["items"] as? [Any]
        #expect(list?.count == 1)
    }

    @Test("supplier A's 855 about supplier B's order is rejected in the 997 and never applied")
    func otherSuppliersOrder() throws {
        let t = try Self.hub()
        let reply = send(t, InterchangeFixtures.ack855(order: "PO-2001"))
        #expect(reply.status == 200)
        // AK3 names the BAK segment (position 2), AK4 its element 3 (the order number).
        #expect(reply.text.contains("AK2*855*0001~AK3*BAK*2**8~AK4*3**7~AK5*R*5~AK9*R*1*1*0~"), "\(reply.text)")
        #expect(status(t, "PO-2001") == "awaitingAcknowledgement")
        #expect((t.call("GET", "/v1/purchase-orders/PO-2001/acknowledgements", key: t.erpKey).json["items"] as? [Any])?.isEmpty == true)
        let detail = t.call("GET", reply.headers["Location"]!, key: t.supplierKey).json
        #expect(detail["status"] as? String == "rejected")
        let reason = ((detail["report"] as? [String: Any])?["sets"] as? [[String: Any]])?.first?["reason"] as? [String: Any]
        #expect(reason?["code"] as? String == "unknownPurchaseOrder")
        #expect((reason?["message"] as? String)?.contains("PO-2001") == true)
        // The other supplier does not see the interchange.
        #expect(t.call("GET", reply.headers["Location"]!, key: t.otherSupplierKey).status == 404)
    }

    @Test("a malformed interchange gets a negative 997 that locates the error; raw bytes kept; nothing applied")
    func malformedInterchange() throws {
        let t = try Self.hub()
        let good = InterchangeFixtures.ack855(control: 21)
        let broken = good.replacingOccurrences(of: "SE*6*0001~", with: "SE*9*0001~")
        #expect(broken != good)
        let reply = send(t, broken)
        #expect(reply.status == 200)
        #expect(reply.text.contains("AK2*855*0001~AK5*R*4~"), "SE01 count error: \(reply.text)")
        #expect(reply.text.contains("AK9*R*1*1*0"))
        #expect(status(t, "PO-1001") == "awaitingAcknowledgement")
        let location = try #require(reply.headers["Location"])
        #expect(t.call("GET", location + "/raw", key: t.adminKey).text == broken)
        let detail = t.call("GET", location, key: t.adminKey).json
        #expect(detail["verdict"] as? String == "rejected")
        let errors = ((detail["report"] as? [String: Any])?["check"] as? [String: Any])?["errors"] as? [[String: Any]]
        #expect(errors?.first?["segment"] as? String == "SE")
        #expect(errors?.first?["code"] as? String == "countMismatch")
    }

    @Test("a wrong sender is rejected with TA1 006; after the profile is fixed, replay applies it")
    func replayAfterProfileFix() throws {
        let t = try Self.hub(profile: InterchangeFixtures.x12Profile.replacingOccurrences(of: "\"ACME\"", with: "\"ACME-OLD\""))
        let reply = send(t, InterchangeFixtures.ack855())
        #expect(reply.status == 200)
        #expect(reply.text.contains("TA1*000000017*"), "\(reply.text)")
        #expect(reply.text.contains("*R*006~"))
        #expect(reply.text.contains("AK5*R"))
        #expect(status(t, "PO-1001") == "awaitingAcknowledgement")
        let location = try #require(reply.headers["Location"])
        #expect((t.call("GET", location, key: t.adminKey).json["report"] as? [String: Any])?["problem"] as? String != nil)

        #expect(t.call("POST", location + "/replay", key: t.supplierKey).status == 403)
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.adminKey, body: InterchangeFixtures.x12Profile).status == 200)
        let replayed = t.call("POST", location + "/replay", key: t.adminKey)
        #expect(replayed.status == 200)
        #expect(replayed.text.contains("AK5*A"))
        #expect(!replayed.text.contains("TA1"))
        #expect(status(t, "PO-1001") == "confirmed")
        #expect(t.call("GET", location, key: t.adminKey).json["status"] as? String == "processed")
        // Replaying again changes nothing: the acknowledgement flow replays its first answer.
        #expect(t.call("POST", location + "/replay", key: t.adminKey).status == 200)
        #expect((t.call("GET", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.erpKey).json["items"] as? [Any])?.count == 1)
    }

    @Test("a stale revision is rejected per set with REF located, through the same rules as the REST API")
    func staleRevision() throws {
        let t = try Self.hub()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-1001", key: t.erpKey, body: TestHub.orderJSON(revision: 2, quantity: "120")).status == 200)
        let reply = send(t, InterchangeFixtures.ack855(revision: 1))
        #expect(reply.text.contains("AK3*REF*3**8~AK4*2**7~AK5*R*5"), "\(reply.text)")
        #expect(status(t, "PO-1001") == "awaitingAcknowledgement")
    }

    @Test("EDIFACT ORDRSP is applied and answered with a CONTRL")
    func edifactOrdrsp() throws {
        let t = try Self.hub(profile: InterchangeFixtures.edifactProfile)
        let reply = send(t, InterchangeFixtures.ordrsp(), contentType: "application/edifact")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/edifact")
        #expect(reply.text.contains("UNH+"))
        #expect(reply.text.contains("CONTRL:D:3:UN"))
        #expect(reply.text.contains("UCI+77+ACME:ZZ+SUPPLYLINE:ZZ+7'"), "\(reply.text)")
        #expect(reply.text.contains("UCM+1+ORDRSP:D:96A:UN+7'"))
        #expect(status(t, "PO-1001") == "confirmed")
        let other = send(t, InterchangeFixtures.ordrsp(order: "PO-2001", control: "78"), contentType: "application/edifact")
        #expect(other.text.contains("UCM+1+ORDRSP:D:96A:UN+4"), "\(other.text)")
        #expect(status(t, "PO-2001") == "awaitingAcknowledgement")
    }

    @Test("cXML ConfirmationRequest gets a cXML Response 200; bad XML 406; wrong secret 401")
    func cxmlConfirmation() throws {
        let t = try Self.hub(profile: InterchangeFixtures.cxmlProfile)
        let profile = t.call("GET", "/v1/suppliers/S-100/partner-profile", key: t.supplierKey)
        #expect(!profile.text.contains("s3cret-value"))
        #expect((profile.json["cxml"] as? [String: Any])?["sharedSecretSet"] as? Bool == true)

        let wrong = send(t, InterchangeFixtures.confirmation(payloadID: "p-0@supplier", secret: "not-the-secret"), contentType: "text/xml")
        #expect(wrong.status == 200)
        #expect(wrong.text.contains("<Status code=\"401\""), "\(wrong.text)")
        #expect(status(t, "PO-1001") == "awaitingAcknowledgement")

        let reply = send(t, InterchangeFixtures.confirmation(), contentType: "text/xml")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"]?.hasPrefix("text/xml") == true)
        #expect(reply.text.contains("<Status code=\"200\""), "\(reply.text)")
        #expect(status(t, "PO-1001") == "confirmed")

        let bad = send(t, "<cXML payloadID=\"x\"><Header>", contentType: "application/xml")
        #expect(bad.status == 200)
        #expect(bad.text.contains("<Status code=\"406\""), "\(bad.text)")

        let other = send(t, InterchangeFixtures.confirmation(order: "PO-2001", payloadID: "p-2@supplier"), contentType: "text/xml")
        #expect(other.text.contains("<Status code=\"400\""), "\(other.text)")
        #expect(status(t, "PO-2001") == "awaitingAcknowledgement")
    }

    @Test("problem+json only for authentication, role and unrecognisable content")
    func transportProblems() throws {
        let t = try Self.hub()
        #expect(t.call("POST", "/v1/interchanges", key: nil, body: InterchangeFixtures.ack855()).status == 401)
        #expect(send(t, InterchangeFixtures.ack855(), key: t.erpKey).status == 403)
        let junk = send(t, "hello, this is not EDI", contentType: "text/plain")
        #expect(junk.status == 415)
        #expect(junk.problemType == "urn:supplyline:problem:unrecognised-interchange")
        #expect(send(t, "").status == 415)
        #expect(t.call("GET", "/v1/interchanges?status=bogus", key: t.adminKey).status == 400)
    }

    @Test("partner profile validation names every field at fault; secrets are never returned; isolation")
    func profileValidation() throws {
        let t = try Self.hub()
        let bad = t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey,
                         body: #"{"channel":"x12","version":"4010","ourId":"","partnerId":"ACME*1","ourQualifier":"ZZZ","delimiters":{"element":"*","component":"*","segment":"ab"},"transport":{"dropFolder":"relative/path","url":"ftp://x"}}"#)
        #expect(bad.status == 422)
        #expect(bad.problemType == "urn:supplyline:problem:invalid-document")
        let pointers = Set(((bad.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String })
        for pointer in ["/version", "/ourId", "/partnerId", "/ourQualifier", "/delimiters/component", "/delimiters/segment",
                        "/transport", "/transport/dropFolder", "/transport/url"] {
            #expect(pointers.contains(pointer), "\(pointer) missing from \(pointers)")
        }
        let channel = t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: #"{"channel":"fax"}"#)
        #expect(channel.status == 422)
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.supplierKey, body: InterchangeFixtures.x12Profile).status == 403)
        #expect(t.call("PUT", "/v1/suppliers/S-999/partner-profile", key: t.erpKey, body: InterchangeFixtures.x12Profile).status == 404)
        #expect(t.call("GET", "/v1/suppliers/S-100/partner-profile", key: t.otherSupplierKey).status == 404)
        #expect(t.call("GET", "/v1/suppliers/S-100/partner-profile", key: t.supplierKey).json["partnerId"] as? String == "ACME")

        let withToken = #"{"channel":"x12","ourId":"SUPPLYLINE","partnerId":"ACME","transport":{"url":"https://edi.acme.example/in","bearerToken":"tok-123"}}"#
        let saved = t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: withToken)
        #expect(saved.status == 200)
        #expect(!saved.text.contains("tok-123"))
        #expect((saved.json["transport"] as? [String: Any])?["bearerTokenSet"] as? Bool == true)
        #expect(!t.call("GET", "/v1/suppliers/S-100/partner-profile", key: t.adminKey).text.contains("tok-123"))
        #expect(!t.call("GET", "/v1/audit?objectType=supplier", key: t.adminKey).text.contains("tok-123"))
    }
}
