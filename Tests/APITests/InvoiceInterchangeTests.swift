import Foundation
import Interchange
import Procurement
import Storage
import Testing

/// Invoices a supplier's system sends as X12 810, EDIFACT INVOIC or cXML InvoiceDetailRequest.
enum InvoiceInterchanges {
    /// An 810 billing line 1 of `order`: `quantity` EA at `price`, from ACME.
    static func x12(number: String = "INV-X1", order: String = "PO-1001", quantity: String = "100", price: String = "2.50",
                    control: Int = 51) -> String {
        let cents = Int(truncating: (Decimal(string: quantity)! * Decimal(string: price)! * 100) as NSDecimalNumber)
        let set = X12TransactionSet(type: "810", segments: [
            Segment("BIG", ["20270120", Element(number), "", Element(order)]),
            Segment("IT1", ["1", Element(quantity), "EA", Element(price), "", "BP", "MAT-100", "PO", Element(order), "PL", "1"]),
            Segment("TDS", [Element(String(cents))]),
            Segment("CTT", ["1"]),
        ])
        let interchange = X12Interchange(
            header: X12InterchangeHeader(senderId: "ACME", receiverId: "SUPPLYLINE", date: "270120", time: "0900"),
            groups: [X12FunctionalGroup(functionalId: "IN", applicationSender: "ACME", applicationReceiver: "SUPPLYLINE",
                                        date: "20270120", time: "0900", sets: [set])])
        let bytes = try! X12Writer().write(interchange, numbers: SequentialControlNumbers(interchange: control, group: control, set: 1))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An INVOIC (D.96A) billing 100 EA of line 1 of PO-1001 at `price`.
    static func edifact(number: String = "INV-E1", price: String = "2.5", control: String = "61") -> String {
        let amount = DecimalText.format(Decimal(string: price)! * 100)
        return "UNB+UNOC:3+ACME:ZZ+SUPPLYLINE:ZZ+270120:0900+\(control)'UNH+1+INVOIC:D:96A:UN'BGM+380+\(number)+9'"
            + "DTM+137:20270120:102'RFF+ON:PO-1001'CUX+2:USD:4'LIN+1++MAT-100:BP'QTY+47:100:EA'MOA+203:\(amount)'"
            + "PRI+AAA:\(price)'RFF+ON:PO-1001:1'UNS+S'MOA+79:\(amount)'MOA+77:\(amount)'UNT+14+1'UNZ+1+\(control)'"
    }

    /// A cXML InvoiceDetailRequest billing 100 EA of line 1 of `order` at 2.50.
    static func cxml(number: String = "INV-C1", order: String = "PO-1001", payloadID: String = "inv-1@supplier") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/InvoiceDetail.dtd">
        <cXML payloadID="\(payloadID)" timestamp="2027-01-20T09:00:00+00:00">
          <Header>
            <From><Credential domain="DUNS"><Identity>123456789</Identity></Credential></From>
            <To><Credential domain="NetworkID"><Identity>BUYER-1</Identity></Credential></To>
            <Sender><Credential domain="DUNS"><Identity>123456789</Identity><SharedSecret>s3cret-value</SharedSecret></Credential>
              <UserAgent>Supplier ERP</UserAgent></Sender>
          </Header>
          <Request deploymentMode="production">
            <InvoiceDetailRequest>
              <InvoiceDetailRequestHeader invoiceID="\(number)" purpose="standard" operation="new" invoiceDate="2027-01-20T10:00:00+00:00">
                <InvoiceDetailHeaderIndicator/><InvoiceDetailLineIndicator/>
                <PaymentTerm payInNumberOfDays="30"/>
              </InvoiceDetailRequestHeader>
              <InvoiceDetailOrder>
                <InvoiceDetailOrderInfo><OrderReference orderID="\(order)"><DocumentReference payloadID="po-1@hub"/></OrderReference></InvoiceDetailOrderInfo>
                <InvoiceDetailItem invoiceLineNumber="1" quantity="100"><UnitOfMeasure>EA</UnitOfMeasure>
                  <UnitPrice><Money currency="USD">2.50</Money></UnitPrice>
                  <InvoiceDetailItemReference lineNumber="1"><ItemID><SupplierPartID>MAT-100</SupplierPartID></ItemID></InvoiceDetailItemReference>
                </InvoiceDetailItem>
              </InvoiceDetailOrder>
              <InvoiceDetailSummary>
                <SubtotalAmount><Money currency="USD">250.00</Money></SubtotalAmount>
                <NetAmount><Money currency="USD">250.00</Money></NetAmount>
              </InvoiceDetailSummary>
            </InvoiceDetailRequest>
          </Request>
        </cXML>
        """
    }
}

@Suite("Invoices through EDI and cXML")
struct InvoiceInterchangeTests {
    /// S-100 (with `profile`) confirmed PO-1001 and received 100; S-200 has PO-2001.
    static func hub(profile: String = InterchangeFixtures.x12Profile) throws -> TestHub {
        let t = try TestHub()
        try t.confirmedAndReceived(100)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-2001", key: t.erpKey, body: TestHub.orderJSON("PO-2001", supplier: "S-200")).status == 201)
        #expect(t.call("PUT", "/v1/suppliers/S-100/partner-profile", key: t.erpKey, body: profile).status == 201)
        return t
    }

    func send(_ t: TestHub, _ body: String, contentType: String = "application/edi-x12") -> TestHub.Reply {
        t.call("POST", "/v1/interchanges", key: t.supplierKey, body: body, headers: [("Content-Type", contentType)])
    }

    func invoices(_ t: TestHub) -> [[String: Any]] {
        t.call("GET", "/v1/invoices", key: t.supplierKey).json["items"] as? [[String: Any]] ?? []
    }

    func setReport(_ t: TestHub, _ reply: TestHub.Reply) -> [String: Any]? {
        let detail = t.call("GET", reply.headers["Location"] ?? "", key: t.adminKey).json
        return ((detail["report"] as? [String: Any])?["sets"] as? [[String: Any]])?.first
    }

    @Test("an 810 goes through the invoice flow: matched, posted to the ERP, and a 997 that accepts it")
    func x12Matched() throws {
        let t = try Self.hub()
        let reply = send(t, InvoiceInterchanges.x12())
        #expect(reply.status == 200)
        #expect(reply.text.contains("AK2*810*0001~AK5*A~"), "\(reply.text)")
        let list = invoices(t)
        #expect(list.count == 1)
        #expect(list.first?["number"] as? String == "INV-X1")
        #expect(list.first?["status"] as? String == "matched")
        #expect(try t.outbox().count == 1)
        #expect(try t.progress().invoiced == 100)
        let set = setReport(t, reply)
        #expect(set?["decision"] as? String == "matched")
        #expect((set?["note"] as? String)?.hasPrefix("Invoice INV-X1 received as inv_") == true)

        // The same interchange again changes nothing; the same number in a new interchange is refused.
        let again = send(t, InvoiceInterchanges.x12())
        #expect(again.text == reply.text)
        #expect(invoices(t).count == 1)
        let renumbered = send(t, InvoiceInterchanges.x12(control: 52))
        #expect(renumbered.text.contains("AK5*R"), "\(renumbered.text)")
        #expect((setReport(t, renumbered)?["reason"] as? [String: Any])?["code"] as? String == "duplicateInvoice")
        #expect(try t.progress().invoiced == 100)
    }

    @Test("an 810 outside tolerance is accepted as a document and held for a buyer")
    func x12Held() throws {
        let t = try Self.hub()
        let reply = send(t, InvoiceInterchanges.x12(price: "2.60"))
        #expect(reply.text.contains("AK5*A~"), "\(reply.text)")
        #expect(invoices(t).first?["status"] as? String == "held")
        #expect(setReport(t, reply)?["note"] as? String != nil)
        #expect((setReport(t, reply)?["note"] as? String)?.hasSuffix("held (priceVariance).") == true)
        let exceptions = try t.hub.store.read { try $0.exceptions(ExceptionFilter(kind: "invoiceVariance"), after: nil, limit: 10) }.items
        #expect(exceptions.count == 1)
        #expect(try t.outbox().isEmpty)
    }

    @Test("an 810 billing another supplier's order is rejected in the 997 and nothing is kept")
    func x12OtherSupplier() throws {
        let t = try Self.hub()
        let reply = send(t, InvoiceInterchanges.x12(order: "PO-2001"))
        #expect(reply.text.contains("AK5*R"), "\(reply.text)")
        let reason = setReport(t, reply)?["reason"] as? [String: Any]
        #expect(reason?["code"] as? String == "unknownPurchaseOrder")
        #expect(reason?["message"] as? String == "There is no purchase order PO-2001.")
        #expect(invoices(t).isEmpty)
        #expect(try t.hub.store.read { try $0.invoices(scope: .all, filter: InvoiceFilter(), after: nil, limit: 10) }.items.isEmpty)
        #expect(try t.progress("PO-2001").invoiced == 0)
    }

    @Test("an INVOIC goes through the invoice flow")
    func edifactMatched() throws {
        let t = try Self.hub(profile: InterchangeFixtures.edifactProfile)
        let reply = send(t, InvoiceInterchanges.edifact(), contentType: "application/edifact")
        #expect(reply.status == 200)
        #expect(setReport(t, reply)?["outcome"] as? String == "accepted", "\(reply.text)")
        let list = invoices(t)
        #expect(list.map { $0["number"] as? String } == ["INV-E1"])
        #expect(list.first?["status"] as? String == "matched")
    }

    @Test("a cXML InvoiceDetailRequest goes through the invoice flow and gets a cXML 200")
    func cxmlMatched() throws {
        let t = try Self.hub(profile: InterchangeFixtures.cxmlProfile)
        let reply = send(t, InvoiceInterchanges.cxml(), contentType: "text/xml")
        #expect(reply.text.contains("<Status code=\"200\""), "\(reply.text)")
        #expect(invoices(t).first?["status"] as? String == "matched")
        #expect(invoices(t).first?["number"] as? String == "INV-C1")
        let other = send(t, InvoiceInterchanges.cxml(number: "INV-C2", order: "PO-2001", payloadID: "inv-2@supplier"), contentType: "text/xml")
        #expect(other.text.contains("<Status code=\"400\""), "\(other.text)")
        #expect(invoices(t).count == 1)
    }
}
