import Foundation
import Procurement
import Testing

/// Receipts posted through their API feed the invoice match.
@Suite("API: ship, receive, invoice")
struct ShipReceiveInvoiceTests {
    @Test(arguments: [("100", "matched"), ("60", "held")])
    func anInvoiceIsMatchedAgainstWhatTheGoodsReceiptTookIn(received: String, status: String) throws {
        let t = try TestHub()
        t.seedShipping()
        let notice = t.submitNotice(TestHub.noticeJSON(lines: [("PO-1001", 1, "100")])).json["id"] as? String ?? ""
        let receipt = t.receive(#"{"receivedDate":"2027-01-12","shipNotice":"\#(notice)","lines":[{"shipNoticeLine":1,"received":"\#(received)"}]}"#)
        #expect(receipt.status == 201)
        let invoice = t.submitInvoice(TestHub.invoiceJSON())
        #expect(invoice.status == 201)
        #expect(invoice.json["status"] as? String == status, "\(invoice.text)")
        #expect(try t.progress() == LineProgress(shipped: 100, received: Decimal(string: received)!, invoiced: 100))
    }
}
