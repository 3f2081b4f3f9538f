import Foundation
import Testing

/// EDIFACT ship notices take the same path as the REST API's.
@Suite("Interchanges: inbound DESADV through the ship notice flow")
struct InboundShipNoticeTests {
    static func desadv(order: String = "PO-1001", sscc: String = "006141411234567890", quantity: String = "100", control: String = "91") -> String {
        let segments = ["UNH+1+DESADV:D:96A:UN", "BGM+351+ASN-88+9", "DTM+11:20270110:102", "RFF+ON:\(order)", "CPS+1", "PAC+1",
                        "GIN+BJ+\(sscc)", "LIN+1++MAT-100:BP", "QTY+12:\(quantity):EA"]
        return "UNB+UNOC:3+ACME:ZZ+SUPPLYLINE:ZZ+270110:0800+\(control)'" + segments.joined(separator: "'") + "'UNT+\(segments.count + 1)+1'UNZ+1+\(control)'"
    }

    func hub() throws -> TestHub {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: InterchangeFixtures.edifactProfile).status == 201)
        return t
    }

    func send(_ t: TestHub, _ body: String) -> TestHub.Reply {
        t.call("POST", "/v1/interchanges", key: t.supplierKey, body: body, headers: [("Content-Type", "application/edifact")])
    }

    @Test func aDesadvIsAppliedAsAShipNotice() throws {
        let t = try hub()
        let reply = send(t, Self.desadv())
        #expect(reply.status == 200)
        #expect(reply.text.contains("UCM+1+DESADV:D:96A:UN+7'"), "\(reply.text)")
        let notices = t.call("GET", "/v1/ship-notices", key: t.supplierKey).json["items"] as? [[String: Any]] ?? []
        #expect(notices.map { $0["shipmentId"] as? String } == ["ASN-88"])
        #expect((notices.first?["packages"] as? [[String: Any]])?.first?["sscc"] as? String == "006141411234567890")
        #expect(try t.shipped() == .shipped(100))
        #expect(try t.pendingKinds().contains("inboundDelivery"))
    }

    @Test func aDesadvOverTheToleranceIsRejectedInTheCONTRL() throws {
        let t = try hub()
        let reply = send(t, Self.desadv(quantity: "111"))
        #expect(reply.text.contains("UCM+1+DESADV:D:96A:UN+4"), "\(reply.text)")
        let detail = t.call("GET", reply.headers["Location"] ?? "", key: t.adminKey).json
        let sets = (detail["report"] as? [String: Any])?["sets"] as? [[String: Any]]
        #expect((sets?.first?["reason"] as? [String: Any])?["code"] as? String == "overShipment")
        #expect(try t.shipped() == .zero)
        #expect((t.call("GET", "/v1/ship-notices", key: t.erpKey).json["items"] as? [Any])?.count == 0)
    }
}

@Suite("Interchanges: inbound cXML ShipNoticeRequest through the ship notice flow")
struct InboundCXMLShipNoticeTests {
    static func request(quantity: String = "40", serialCode: String = "00006141411234567890", payloadID: String = "asn-1@supplier") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/Fulfill.dtd">
        <cXML payloadID="\(payloadID)" timestamp="2027-01-10T09:00:00+00:00">
          <Header>
            <From><Credential domain="DUNS"><Identity>123456789</Identity></Credential></From>
            <To><Credential domain="NetworkID"><Identity>BUYER-1</Identity></Credential></To>
            <Sender><Credential domain="DUNS"><Identity>123456789</Identity><SharedSecret>s3cret-value</SharedSecret></Credential>
              <UserAgent>Supplier ERP</UserAgent></Sender>
          </Header>
          <Request deploymentMode="production">
            <ShipNoticeRequest>
              <ShipNoticeHeader shipmentID="ASN-C1" noticeDate="2027-01-10" shipmentDate="2027-01-10T08:00:00+00:00" deliveryDate="2027-01-12"/>
              <ShipControl><CarrierIdentifier domain="SCAC">UPSN</CarrierIdentifier><ShipmentIdentifier>1Z42</ShipmentIdentifier></ShipControl>
              <ShipNoticePortion>
                <OrderReference orderID="PO-1001"><DocumentReference payloadID="po-1@hub"/></OrderReference>
                <ShipNoticeItem quantity="\(quantity)" lineNumber="1"><UnitOfMeasure>EA</UnitOfMeasure>
                  <Packaging><ShippingContainerSerialCode>\(serialCode)</ShippingContainerSerialCode></Packaging></ShipNoticeItem>
              </ShipNoticePortion>
            </ShipNoticeRequest>
          </Request>
        </cXML>
        """
    }

    func hub() throws -> TestHub {
        let t = try TestHub()
        t.seedShipping()
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: InterchangeFixtures.cxmlProfile).status == 201)
        return t
    }

    func send(_ t: TestHub, _ body: String) -> TestHub.Reply {
        t.call("POST", "/v1/interchanges", key: t.supplierKey, body: body, headers: [("Content-Type", "text/xml")])
    }

    @Test func aShipNoticeRequestIsAppliedAsAShipNotice() throws {
        let t = try hub()
        let reply = send(t, Self.request())
        #expect(reply.text.contains("<Status code=\"200\""), "\(reply.text)")
        let notices = t.call("GET", "/v1/ship-notices", key: t.supplierKey).json["items"] as? [[String: Any]] ?? []
        #expect(notices.map { $0["shipmentId"] as? String } == ["ASN-C1"])
        #expect((notices.first?["packages"] as? [[String: Any]])?.first?["sscc"] as? String == "006141411234567890",
                "the (00) application identifier is not part of the SSCC")
        #expect(try t.shipped() == .shipped(40))
    }

    @Test func aShipNoticeRequestOverTheToleranceIsRefused() throws {
        let t = try hub()
        let reply = send(t, Self.request(quantity: "111"))
        #expect(!reply.text.contains("<Status code=\"200\""), "\(reply.text)")
        #expect(try t.shipped() == .zero)
        let bad = send(t, Self.request(serialCode: "00006141411234567891", payloadID: "asn-2@supplier"))
        #expect(!bad.text.contains("<Status code=\"200\""), "\(bad.text)")
        #expect((t.call("GET", "/v1/ship-notices", key: t.erpKey).json["items"] as? [Any])?.count == 0)
    }
}
