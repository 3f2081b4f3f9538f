import Foundation
import Procurement
import Testing
@testable import Interchange

/// cXML out (OrderRequest, Response) and in (ConfirmationRequest, ShipNoticeRequest, InvoiceDetailRequest).
struct CXMLTests {
    static let now = Date(timeIntervalSince1970: 1_705_320_000)
    static let header = CXMLHeader(from: [CXMLCredential(domain: "NetworkID", identity: "BUYER-1")],
                                   to: [CXMLCredential(domain: "DUNS", identity: "123456789")],
                                   sender: CXMLCredential(domain: "NetworkID", identity: "BUYER-1", sharedSecret: "s3cret"))

    static func order(revision: Int = 1) -> PurchaseOrder {
        var order = MapTests.order(revision: revision)
        order.lines[0].description = "Widget <grade A> & \"more\""
        order.lines[0].critical = true
        return order
    }

    static func envelope(_ request: String) -> [UInt8] {
        Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/Fulfill.dtd">
        <cXML payloadID="p-1@supplier" timestamp="2024-01-16T09:00:00+01:00">
          <Header>
            <From><Credential domain="DUNS"><Identity>123456789</Identity></Credential></From>
            <To><Credential domain="NetworkID"><Identity>BUYER-1</Identity></Credential></To>
            <Sender><Credential domain="DUNS"><Identity>123456789</Identity><SharedSecret>abc</SharedSecret></Credential>
              <UserAgent>Supplier ERP</UserAgent></Sender>
          </Header>
          <Request deploymentMode="test">\(request)</Request>
        </cXML>
        """.utf8)
    }

    @Test("OrderRequest round trip: new then update, every field of the order survives write and read")
    func orderRequestRoundTrip() throws {
        let first = Self.order()
        let bytes = CXMLOrderRequest.document(order: first, previous: nil, orderDate: MapTests.day, payloadID: "po-1@hub", timestamp: Self.now, header: Self.header)
        let read = try CXMLOrderRequest.read(bytes)
        #expect(read.order == first)
        #expect(read.type == "new")
        #expect(read.orderDate == MapTests.day)
        #expect(read.envelope.header == Self.header)
        #expect(read.envelope.timestamp == "2024-01-15T12:00:00Z")

        var second = Self.order(revision: 2)
        second.lines[1].unitPrice = Decimal(string: "0.125")!
        let update = CXMLOrderRequest.document(order: second, previous: first, orderDate: MapTests.day, payloadID: "po-2@hub", timestamp: Self.now,
                                               header: Self.header, previousPayloadID: "po-1@hub")
        let text = String(decoding: update, as: UTF8.self)
        #expect(text.contains("type=\"update\" orderVersion=\"2\""))
        #expect(text.contains("<DocumentReference payloadID=\"po-1@hub\"/>"))
        #expect(text.contains("Widget &lt;grade A&gt; &amp; &quot;more&quot;"))
        let readUpdate = try CXMLOrderRequest.read(update)
        #expect(readUpdate.order == second)
        #expect(readUpdate.type == "update")
    }

    @Test("The shared secret is read but never shown in descriptions")
    func credentials() throws {
        let envelope = try CXMLEnvelope.parse(Self.envelope("<ShipNoticeRequest/>"))
        let header = try #require(envelope.header)
        #expect(header.sender == CXMLCredential(domain: "DUNS", identity: "123456789", sharedSecret: "abc"))
        #expect(header.userAgent == "Supplier ERP")
        #expect(!"\(header.sender)".contains("abc") && !String(reflecting: header.sender).contains("abc"))
    }

    static let confirmation = """
    <ConfirmationRequest>
      <ConfirmationHeader type="detail" noticeDate="2024-01-16T09:00:00+01:00" confirmID="C-1"/>
      <OrderReference orderID="PO-1001"><DocumentReference payloadID="po-1@hub"/></OrderReference>
      <ConfirmationItem lineNumber="1" quantity="10"><UnitOfMeasure>EA</UnitOfMeasure>
        <ConfirmationStatus type="accept" quantity="10" deliveryDate="2024-02-01T00:00:00+01:00"><UnitOfMeasure>EA</UnitOfMeasure></ConfirmationStatus>
      </ConfirmationItem>
      <ConfirmationItem lineNumber="2" quantity="100"><UnitOfMeasure>EA</UnitOfMeasure>
        <ConfirmationStatus type="detail" quantity="70" deliveryDate="2024-02-10"><UnitOfMeasure>EA</UnitOfMeasure>
          <UnitPrice><Money currency="EUR">0.12</Money></UnitPrice></ConfirmationStatus>
        <ConfirmationStatus type="backordered" quantity="30" deliveryDate="2024-03-10"><UnitOfMeasure>EA</UnitOfMeasure></ConfirmationStatus>
      </ConfirmationItem>
    </ConfirmationRequest>
    """

    @Test("ConfirmationRequest in: accepted line, changed line with schedule and price; answered with 200")
    func confirmationIn() throws {
        let outcome = CXMLInbound.receive(Self.envelope(Self.confirmation), orders: { $0 == "PO-1001" ? MapTests.order() : nil },
                                          responsePayloadID: "r-1@hub", timestamp: Self.now)
        #expect(outcome.status == 200, "\(outcome.text)")
        guard case .orderResponse(let response, let orderID)? = outcome.document else {
            Issue.record("expected an order response")
            return
        }
        #expect(orderID == "PO-1001")
        #expect(response.lines[0] == LineResponse(line: 1, status: .accepted))
        #expect(response.lines[1] == LineResponse(line: 2, status: .changed,
                                                  schedule: [ScheduleLine(quantity: 70, date: LocalDate(iso: "2024-02-10")!),
                                                             ScheduleLine(quantity: 30, date: LocalDate(iso: "2024-03-10")!)],
                                                  unitPrice: Decimal(string: "0.12")))
        let answer = try CXMLEnvelope.parse(outcome.response)
        #expect(answer.statusCode == 200 && answer.payloadID == "r-1@hub")
        #expect(outcome.header?.sender.sharedSecret == "abc")
    }

    @Test("ConfirmationRequest in: header reject applies to every line; deferred processing answers 201")
    func confirmationReject() throws {
        let request = """
        <ConfirmationRequest><ConfirmationHeader type="reject" noticeDate="2024-01-16"><Comments>No capacity</Comments></ConfirmationHeader>
        <OrderReference orderID="PO-1001"><DocumentReference payloadID="x"/></OrderReference></ConfirmationRequest>
        """
        let outcome = CXMLInbound.receive(Self.envelope(request), orders: { _ in MapTests.order() }, processing: .deferred,
                                          responsePayloadID: "r-2@hub", timestamp: Self.now)
        #expect(outcome.status == 201)
        #expect(outcome.document == .orderResponse(OrderResponse(revision: 1, lines: [LineResponse(line: 1, status: .rejected, reason: "No capacity"),
                                                                                     LineResponse(line: 2, status: .rejected, reason: "No capacity")]),
                                                   orderID: "PO-1001"))
    }

    @Test("ShipNoticeRequest in: packages by SSCC, carrier and tracking from ShipControl")
    func shipNoticeIn() throws {
        let request = """
        <ShipNoticeRequest>
          <ShipNoticeHeader shipmentID="ASN-5" noticeDate="2024-01-16" shipmentDate="2024-01-16T08:00:00-05:00" deliveryDate="2024-01-18">
            <Contact role="shipFrom" addressID="SUP-7"><Name xml:lang="en">Supplier</Name></Contact>
          </ShipNoticeHeader>
          <ShipControl><CarrierIdentifier domain="SCAC">UPSN</CarrierIdentifier><ShipmentIdentifier>1Z42</ShipmentIdentifier></ShipControl>
          <ShipNoticePortion>
            <OrderReference orderID="PO-1001"><DocumentReference payloadID="po-1@hub"/></OrderReference>
            <ShipNoticeItem quantity="10" lineNumber="1"><ItemID><SupplierPartID>WIDGET-1</SupplierPartID></ItemID><UnitOfMeasure>EA</UnitOfMeasure>
              <Packaging><ShippingContainerSerialCode>00312345600000000011</ShippingContainerSerialCode></Packaging></ShipNoticeItem>
            <ShipNoticeItem quantity="60" lineNumber="2"><UnitOfMeasure>EA</UnitOfMeasure></ShipNoticeItem>
          </ShipNoticePortion>
        </ShipNoticeRequest>
        """
        let outcome = CXMLInbound.receive(Self.envelope(request), orders: { _ in nil }, responsePayloadID: "r-3@hub", timestamp: Self.now)
        #expect(outcome.status == 200, "\(outcome.text)")
        guard case .shipNotice(let notice)? = outcome.document else {
            Issue.record("expected a ship notice")
            return
        }
        #expect(notice.id == "ASN-5" && notice.supplier == "SUP-7" && notice.carrier == "UPSN" && notice.trackingNumber == "1Z42")
        #expect(notice.shipDate == LocalDate(iso: "2024-01-16") && notice.expectedDelivery == LocalDate(iso: "2024-01-18"))
        #expect(notice.packages.map(\.id) == ["00312345600000000011", nil])
        #expect(notice.lines[1] == ShipNoticeItem(purchaseOrder: "PO-1001", line: 2, quantity: 60, unit: "EA"))
    }

    static func invoiceRequest(net: String = "41.65", quantity: String = "10") -> String {
        """
        <InvoiceDetailRequest>
          <InvoiceDetailRequestHeader invoiceID="INV-3" purpose="standard" operation="new" invoiceDate="2024-01-20T10:00:00+01:00">
            <InvoiceDetailHeaderIndicator/><InvoiceDetailLineIndicator/>
            <InvoicePartner><Contact role="from" addressID="SUP-7"><Name xml:lang="en">Supplier</Name></Contact></InvoicePartner>
            <PaymentTerm payInNumberOfDays="30"/>
          </InvoiceDetailRequestHeader>
          <InvoiceDetailOrder>
            <InvoiceDetailOrderInfo><OrderReference orderID="PO-1001"><DocumentReference payloadID="po-1@hub"/></OrderReference></InvoiceDetailOrderInfo>
            <InvoiceDetailItem invoiceLineNumber="1" quantity="\(quantity)"><UnitOfMeasure>EA</UnitOfMeasure>
              <UnitPrice><Money currency="EUR">2.50</Money></UnitPrice>
              <InvoiceDetailItemReference lineNumber="1"><ItemID><SupplierPartID>WIDGET-1</SupplierPartID></ItemID></InvoiceDetailItemReference>
            </InvoiceDetailItem>
            <InvoiceDetailItem invoiceLineNumber="2" quantity="100"><UnitOfMeasure>EA</UnitOfMeasure>
              <UnitPrice><Money currency="EUR">0.10</Money></UnitPrice>
              <InvoiceDetailItemReference lineNumber="2"/>
              <SubtotalAmount><Money currency="EUR">10.00</Money></SubtotalAmount>
            </InvoiceDetailItem>
          </InvoiceDetailOrder>
          <InvoiceDetailSummary>
            <SubtotalAmount><Money currency="EUR">35.00</Money></SubtotalAmount>
            <Tax><Money currency="EUR">6.65</Money><Description xml:lang="en">VAT 19%</Description></Tax>
            <NetAmount><Money currency="EUR">\(net)</Money></NetAmount>
          </InvoiceDetailSummary>
        </InvoiceDetailRequest>
        """
    }

    @Test("InvoiceDetailRequest in: lines, tax, total and terms")
    func invoiceIn() throws {
        let outcome = CXMLInbound.receive(Self.envelope(Self.invoiceRequest()), orders: { _ in nil }, responsePayloadID: "r-4@hub", timestamp: Self.now)
        #expect(outcome.status == 200, "\(outcome.text)")
        guard case .invoice(let invoice)? = outcome.document else {
            Issue.record("expected an invoice")
            return
        }
        #expect(invoice == Invoice(number: "INV-3", supplier: "SUP-7", invoiceDate: LocalDate(iso: "2024-01-20")!, currency: "EUR", lines: [
            InvoiceLine(line: 1, purchaseOrder: "PO-1001", poLine: 1, item: "WIDGET-1", quantity: 10, unit: "EA", unitPrice: Decimal(string: "2.5")!),
            InvoiceLine(line: 2, purchaseOrder: "PO-1001", poLine: 2, quantity: 100, unit: "EA", unitPrice: Decimal(string: "0.1")!, amount: 10),
        ], taxTotal: Decimal(string: "6.65"), total: Decimal(string: "41.65")!, paymentTerms: PaymentTerms(netDays: 30)))
    }

    @Test("Inbound refusals: 406 when it cannot be read as cXML, 400 when the content is refused",
          arguments: [
            (Array("<cXML payloadID='x' timestamp='t'><Header>".utf8), 406, "malformedXML"),
            (Array("<Order><Id>1</Id></Order>".utf8), 406, "notCXML"),
            (Array("<?xml version=\"1.0\"?><!DOCTYPE cXML [<!ENTITY a \"aaaa\">]><cXML payloadID=\"x\" timestamp=\"t\">&a;</cXML>".utf8), 406, "entityDeclaration"),
            (Array("<cXML payloadID=\"x\" timestamp=\"t\"><Request><ShipNoticeRequest/></Request></cXML>".utf8), 406, "missingElement"),
            (CXMLTests.envelope("<ShipNoticeRequest/>"), 406, "missingElement"),
            (CXMLTests.envelope(CXMLTests.invoiceRequest(net: "42.00")), 400, "amountsDoNotAddUp"),
            (CXMLTests.envelope(CXMLTests.invoiceRequest(quantity: "-3")), 400, "badQuantity"),
            (CXMLTests.envelope(CXMLTests.confirmation.replacingOccurrences(of: "PO-1001", with: "PO-404")), 400, "unknownOrder"),
            (CXMLTests.envelope(CXMLTests.confirmation.replacingOccurrences(of: "lineNumber=\"2\"", with: "lineNumber=\"9\"")), 400, "unknownLine"),
            (CXMLTests.envelope(CXMLTests.confirmation.replacingOccurrences(of: "quantity=\"70\"", with: "quantity=\"seventy\"")), 400, "badQuantity"),
            (CXMLTests.envelope("<PunchOutSetupRequest operation=\"create\"/>"), 400, "unsupportedRequest"),
          ] as [([UInt8], Int, String)])
    func refusals(bytes: [UInt8], status: Int, code: String) throws {
        let outcome = CXMLInbound.receive(bytes, orders: { $0 == "PO-1001" ? MapTests.order() : nil }, responsePayloadID: "r-9@hub", timestamp: Self.now)
        #expect(outcome.status == status, "\(outcome.text)")
        #expect(outcome.error?.code == code)
        let answer = try CXMLEnvelope.parse(outcome.response)
        #expect(answer.statusCode == status)
        #expect(answer.statusText == outcome.text && !outcome.text.isEmpty)
    }

    @Test("A failing order lookup is a 500 that reveals nothing")
    func unexpectedFailure() throws {
        struct Down: Error {}
        let outcome = CXMLInbound.receive(Self.envelope(Self.confirmation), orders: { _ in throw Down() }, responsePayloadID: "r-5@hub", timestamp: Self.now)
        #expect(outcome.status == 500)
        #expect(!outcome.text.contains("Down"))
        #expect(String(decoding: outcome.response, as: UTF8.self).contains("code=\"500\" text=\"Internal Server Error\""))
    }

    @Test("An external DTD is never fetched: a DOCTYPE naming an unreachable host parses at once")
    func externalDTDNotLoaded() throws {
        let text = """
        <?xml version="1.0"?><!DOCTYPE cXML SYSTEM "http://203.0.113.1/cXML.dtd"><cXML payloadID="x" timestamp="t"><Response><Status code="200" text="OK"/></Response></cXML>
        """
        let started = Date()
        let envelope = try CXMLEnvelope.parse(Array(text.utf8))
        #expect(envelope.statusCode == 200)
        #expect(Date().timeIntervalSince(started) < 2)
    }
}
