import Foundation
import Procurement
import Testing
@testable import Interchange

/// 810 and INVOIC in to `Invoice`, and the canonical invoice rules.
struct InvoiceMapTests {
    @Test("810 in: the EDIFACT.NET 00204 sample takes its order from BIG04 and TDS01 in cents")
    func sample810() throws {
        let read = X12Reader.read(try SampleVerdictTests.load("x12/EDIFACT.NET__X12_810_00204.txt"))
        let set = try #require(read.interchanges.first?.groups.first?.sets.first)
        let invoice = try X12InvoiceMap.invoice(set)
        #expect(invoice.number == "0013833070")
        #expect(invoice.invoiceDate == LocalDate(iso: "2007-01-29"))
        #expect(invoice.currency == "USD")
        #expect(invoice.supplier == "ADUS")
        #expect(invoice.total == 160)
        #expect(invoice.taxTotal == 0)
        #expect(invoice.paymentTerms == PaymentTerms(text: "Up to 03/05/2007 without deduction", netDays: 35))
        #expect(invoice.lines == [InvoiceLine(line: 10, purchaseOrder: "V8748745", poLine: 10, item: "7167946", quantity: 1, unit: "EA", unitPrice: 160)])
    }

    static let body810 = [
        "BIG*20240120*INV-9**PO-1001", "CUR*SE*EUR", "N1*SU*Supplier*92*SUP-7", "ITD*01*3*****30",
        "IT1*1*10*EA*2.5**BP*WIDGET-1*PL*1", "IT1*2*100*EA*0.1**BP*BOLT-9*PO*PO-2002*PL*4", "TDS*4000", "TXI*VA*5", "CTT*2",
    ]

    @Test("810 in: IT1 PO/PL pairs override BIG04; tax from the summary TXI")
    func handWritten810() throws {
        let invoice = try X12InvoiceMap.invoice(try ShipNoticeMapTests.x12("810", Self.body810, group: "IN"))
        #expect(invoice.purchaseOrders == ["PO-1001", "PO-2002"])
        #expect(invoice.lines[1].poLine == 4)
        #expect(invoice.subtotal == 35)
        #expect(invoice.taxTotal == 5)
        #expect(invoice.total == 40)
        #expect(invoice.dueDate == LocalDate(iso: "2024-02-19"))
    }

    @Test("810 in: totals that do not add up, bad numbers, a wrong CTT and missing BIG are refused with their place",
          arguments: [
            ("TDS*4000", "TDS*4100", "amountsDoNotAddUp", "TDS01"),
            ("TDS*4000", "TDS*40.00", "badNumber", "TDS01"),
            ("CTT*2", "CTT*3", "countMismatch", "CTT01"),
            ("IT1*1*10*EA*2.5**BP*WIDGET-1*PL*1", "IT1*1*ten*EA*2.5**BP*WIDGET-1", "badNumber", "IT102"),
            ("IT1*1*10*EA*2.5**BP*WIDGET-1*PL*1", "IT1*1*10*EA*-2.5**BP*WIDGET-1", "badPrice", "IT104"),
            ("IT1*1*10*EA*2.5**BP*WIDGET-1*PL*1", "IT1*1*10*EA*2.5**BP*WIDGET-1*PL*x", "badNumber", "IT109"),
            ("BIG*20240120*INV-9**PO-1001", "BIG*20240120*INV-9", "missingOrderReference", "BIG04"),
            ("BIG*20240120*INV-9**PO-1001", "BIG**INV-9**PO-1001", "missingElement", "BIG01"),
            ("BIG*20240120*INV-9**PO-1001", "REF*PO*PO-1001", "missingSegment", nil),
          ] as [(String, String, String, String?)])
    func errors810(replace: String, with replacement: String, code: String, element: String?) throws {
        let segments = Self.body810.map { ShipNoticeMapTests.segment($0 == replace ? replacement : $0) }
        let error = try #require(throws: MapError.self) { try X12InvoiceMap.invoice(X12TransactionSet(type: "810", segments: segments)) }
        #expect(error.code == code)
        #expect(error.element == element)
    }

    @Test("INVOIC in: the pydifact D97A credit note bills QTY 12 at a price per 100")
    func pydifactCreditNote() throws {
        let read = EdifactReader.read(try SampleVerdictTests.load("edifact/pydifact__invoice1.edi"))
        let message = try #require(read.interchanges.first?.messages.first)
        #expect(message.release == "97A")
        let invoice = try EdifactInvoiceMap.invoice(message)
        #expect(invoice.kind == .creditNote)
        #expect(invoice.number == "1060113800026")
        #expect(invoice.invoiceDate == LocalDate(iso: "1999-10-06"))
        #expect(invoice.currency == "EUR")
        #expect(invoice.supplier == "2002993")
        #expect(invoice.paymentTerms?.netDays == 25)
        #expect(invoice.total == Decimal(string: "1960.29"))
        let line = try #require(invoice.lines.first)
        #expect(line.purchaseOrder == "X18V00003")
        #expect(line.quantity == 54 && line.unit == "PCE")
        #expect(line.unitPrice == Decimal(string: "36.301724"))
        #expect(line.amount == Decimal(string: "1960.29"))
    }

    @Test("INVOIC in: the EDIFACT.NET D00A sample names no order; with RFF ON added it maps with tax from MOA 176")
    func edifactNetD00A() throws {
        let bytes = try SampleVerdictTests.load("edifact/EDIFACT.NET__Edifact_INVOIC_D00A.txt")
        let message = try #require(EdifactReader.read(bytes).interchanges.first?.messages.first)
        let error = try #require(throws: MapError.self) { try EdifactInvoiceMap.invoice(message) }
        #expect(error.code == "missingOrderReference")
        #expect(error.segment == "RFF" && error.element == "C506")

        var withOrder = message
        let nad = try #require(withOrder.segments.firstIndex { $0.tag == "CUX" })
        withOrder.segments.insert(Segment("RFF", [Element(components: ["ON", "PO-77"])]), at: nad)
        let invoice = try EdifactInvoiceMap.invoice(withOrder)
        #expect(invoice.number == "12345678")
        #expect(invoice.currency == "DEM")
        #expect(invoice.supplier == "15432211")
        #expect(invoice.lines == [InvoiceLine(line: 1, purchaseOrder: "PO-77", poLine: 1, item: "7505", quantity: 100, unit: "PCE", unitPrice: 1, amount: 100)])
        #expect(invoice.taxTotal == 16)
        #expect(invoice.total == 116)
    }

    static let invoic = [
        "BGM+380+INV-3+9", "DTM+137:20240120:102", "RFF+ON:PO-1001", "NAD+SU+SUP-7::92", "CUX+2:EUR:4", "PAT+1++5:3:D:30",
        "LIN+1++WIDGET-1:BP", "QTY+47:10:EA", "MOA+203:25", "PRI+AAA:2.5", "RFF+ON:PO-1001:1",
        "LIN+2++BOLT-9:BP", "QTY+47:100:EA", "MOA+203:10", "PRI+AAA:0.1",
        "UNS+S", "MOA+79:35", "MOA+124:6.65", "MOA+77:41.65",
    ]

    @Test("INVOIC in: D.96A with QTY 47, PAT net days and tax from MOA 124")
    func invoic96A() throws {
        let invoice = try EdifactInvoiceMap.invoice(try ShipNoticeMapTests.edifact(Self.invoic, type: "INVOIC"))
        #expect(invoice.kind == .invoice)
        #expect(invoice.paymentTerms?.netDays == 30)
        #expect(invoice.lines.map(\.poLine) == [1, 2])
        #expect(invoice.taxTotal == Decimal(string: "6.65"))
        #expect(invoice.total == Decimal(string: "41.65"))
    }

    @Test("INVOIC in: amounts that do not add up, QTY 12 on D.96A, bad numbers and other documents are refused",
          arguments: [
            ("MOA+77:41.65", "MOA+77:42", "amountsDoNotAddUp", "MOA"),
            ("MOA+79:35", "MOA+79:36", "amountsDoNotAddUp", "MOA"),
            ("MOA+203:25", "MOA+203:26", "amountsDoNotAddUp", "MOA"),
            ("QTY+47:10:EA", "QTY+12:10:EA", "missingSegment", "QTY"),
            ("QTY+47:10:EA", "QTY+47:1O:EA", "badNumber", "QTY"),
            ("BGM+380+INV-3+9", "BGM+220+INV-3+9", "unsupportedDocument", "BGM"),
            ("CUX+2:EUR:4", "CUX+3:EUR:4", "missingSegment", "CUX"),
            ("MOA+77:41.65", "MOA+9:41.65", "missingSegment", "MOA"),
          ])
    func invoicErrors(replace: String, with replacement: String, code: String, segment: String) throws {
        let message = try ShipNoticeMapTests.edifact(Self.invoic.map { $0 == replace ? replacement : $0 }, type: "INVOIC")
        let error = try #require(throws: MapError.self) { try EdifactInvoiceMap.invoice(message) }
        #expect(error.code == code)
        #expect(error.segment == segment)
        #expect(error.element != nil)
    }

    @Test("Invoice rules: amounts add up to the cent, currency has three letters, JSON keeps decimals as strings")
    func canonicalRules() throws {
        let line = InvoiceLine(line: 1, purchaseOrder: "PO-1", poLine: 1, quantity: 3, unit: "EA", unitPrice: Decimal(string: "0.333")!)
        #expect(line.amount == Decimal(string: "1"))
        var invoice = Invoice(number: "I-1", invoiceDate: LocalDate(iso: "2024-01-01")!, currency: "EUR", lines: [line],
                              taxTotal: Decimal(string: "0.19"), total: Decimal(string: "1.19")!)
        try invoice.validate()
        let json = String(decoding: try JSONEncoder().encode(invoice), as: UTF8.self)
        #expect(json.contains("\"total\":\"1.19\""))
        #expect(try JSONDecoder().decode(Invoice.self, from: Data(json.utf8)) == invoice)
        invoice.total = Decimal(string: "1.20")!
        invoice.currency = "euro"
        invoice.lines[0].quantity = 0
        let error = try #require(throws: ProcurementError.self) { try invoice.validate() }
        #expect(Set(error.fields.map(\.pointer)) == ["/currency", "/lines/0/quantity", "/lines/0/amount", "/total"])
    }

    @Test("ShipNotice rules: at least one item, positive quantities; lines flatten the packages")
    func shipNoticeRules() throws {
        let item = ShipNoticeItem(purchaseOrder: "PO-1", line: 1, quantity: 2, unit: "EA")
        var notice = ShipNotice(id: "ASN-1", shipDate: LocalDate(iso: "2024-01-01")!, packages: [ShipNoticePackage(id: "S1", items: [item, item])])
        try notice.validate()
        #expect(notice.lines.count == 2)
        let json = try JSONEncoder().encode(notice)
        #expect(try JSONDecoder().decode(ShipNotice.self, from: json) == notice)
        notice.packages[0].items[1].quantity = -1
        #expect(throws: ProcurementError.self) { try notice.validate() }
        notice.packages = []
        let error = try #require(throws: ProcurementError.self) { try notice.validate() }
        #expect(error.fields.map(\.pointer) == ["/packages"])
    }
}
