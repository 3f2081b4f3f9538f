import Foundation
import Procurement
import Testing

private func n(_ s: String) -> Decimal { DecimalText.parse(s)! }
private func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

private let order = PurchaseOrder(number: "PO-1", revision: 1, supplier: "S-1", plant: "P01", currency: "USD", lines: [
    OrderLine(line: 1, item: "MAT-1", description: "Bracket", quantity: 100, unit: "EA", unitPrice: n("2.50"), needBy: d("2027-01-15")),
])

private func invoice(currency: String = "USD", lines: [InvoiceLine]? = nil, taxTotal: String? = nil, total: String? = nil) -> Invoice {
    let lines = lines ?? [InvoiceLine(line: 1, purchaseOrder: "PO-1", poLine: 1, quantity: 10, unit: "EA", unitPrice: n("2.50"))]
    let subtotal = lines.reduce(Decimal(0)) { $0 + $1.amount }
    return Invoice(number: "INV-1", invoiceDate: d("2027-01-20"), currency: currency, lines: lines, taxTotal: taxTotal.map(n),
                   total: total.map(n) ?? subtotal + (taxTotal.map(n) ?? 0))
}

struct TransitionCase: CustomTestStringConvertible, Sendable {
    let from: InvoiceStatus
    let to: InvoiceStatusUpdate.Status
    /// nil: unchanged; "conflict": refused.
    let outcome: String?
    var testDescription: String { "\(from.rawValue) → \(to.rawValue): \(outcome ?? "unchanged")" }
}

@Suite("Invoices against their orders, and their status")
struct InvoiceDeciderTests {
    @Test func anInvoiceThatFitsItsOrderPasses() throws {
        try InvoiceDecider.checkAgainstOrders(invoice(), orders: ["PO-1": order])
    }

    @Test func anOrderTheSenderCannotSeeIsUnknown() {
        let error = #expect(throws: ProcurementError.self) { try InvoiceDecider.checkAgainstOrders(invoice(), orders: [:]) }
        #expect(error?.code == .unknownPurchaseOrder)
        #expect(error?.message == "There is no purchase order PO-1.")
        #expect(error?.fields.first?.pointer == "/lines/0/purchaseOrder")
    }

    @Test func anotherCurrencyIsRefused() {
        let error = #expect(throws: ProcurementError.self) { try InvoiceDecider.checkAgainstOrders(invoice(currency: "EUR"), orders: ["PO-1": order]) }
        #expect(error?.code == .currencyMismatch)
        #expect(error?.message == "The invoice is in EUR but purchase order PO-1 is in USD.")
    }

    @Test func aLineTheOrderDoesNotHaveIsRefused() {
        let lines = [InvoiceLine(line: 1, purchaseOrder: "PO-1", poLine: 9, quantity: 1, unit: "EA", unitPrice: 1)]
        let error = #expect(throws: ProcurementError.self) { try InvoiceDecider.checkAgainstOrders(invoice(lines: lines), orders: ["PO-1": order]) }
        #expect(error?.code == .unknownLine)
        #expect(error?.fields.first?.pointer == "/lines/0/poLine")
    }

    @Test func anotherUnitIsRefused() {
        let lines = [InvoiceLine(line: 1, purchaseOrder: "PO-1", poLine: 1, quantity: 1, unit: "KG", unitPrice: 1)]
        let error = #expect(throws: ProcurementError.self) { try InvoiceDecider.checkAgainstOrders(invoice(lines: lines), orders: ["PO-1": order]) }
        #expect(error?.code == .invalidDocument)
        #expect(error?.fields.first?.pointer == "/lines/0/unit")
    }

    // MARK: tax and totals

    @Test func taxPerLineIsComputedFromTheRateAndAddsUpToTheTaxTotal() throws {
        let line = InvoiceLine(line: 1, purchaseOrder: "PO-1", poLine: 1, quantity: 3, unit: "EA", unitPrice: n("3.33"), taxRate: 19)
        #expect(line.amount == n("9.99"))
        #expect(line.taxAmount == n("1.90"))
        try invoice(lines: [line], taxTotal: "1.90").validate()
    }

    @Test(arguments: [
        ("a tax amount that is not amount × rate", #"{"taxRate":"19","taxAmount":"2.00"}"#, "1.90", "/lines/0/taxAmount"),
        ("lines with tax and no tax total", #"{"taxRate":"19"}"#, nil, "/taxTotal"),
        ("a tax total that is not the lines' tax", #"{"taxAmount":"1.90"}"#, "2.00", "/taxTotal"),
        ("a rate above 100", #"{"taxRate":"101"}"#, "10.09", "/lines/0/taxRate"),
        ("a negative tax amount", #"{"taxAmount":"-1"}"#, "-1", "/lines/0/taxAmount"),
    ] as [(String, String, String?, String)])
    func taxThatDoesNotAddUpIsInvalid(_ name: String, _ tax: String, _ taxTotal: String?, _ pointer: String) throws {
        let body = "{\"line\":1,\"purchaseOrder\":\"PO-1\",\"poLine\":1,\"quantity\":\"3\",\"unit\":\"EA\",\"unitPrice\":\"3.33\","
            + tax.dropFirst()
        let line = try JSONDecoder().decode(InvoiceLine.self, from: Data(body.utf8))
        let error = #expect(throws: ProcurementError.self) { try invoice(lines: [line], taxTotal: taxTotal).validate() }
        #expect(error?.fields.map(\.pointer).contains(pointer) == true, "\(name): \(error?.fields ?? [])")
    }

    @Test func taxForTheWholeInvoiceNeedsNoLineTax() throws {
        try invoice(taxTotal: "2.00").validate()
        let wrong = invoice(taxTotal: "2.00", total: "25.00")
        let error = #expect(throws: ProcurementError.self) { try wrong.validate() }
        #expect(error?.fields.map(\.pointer) == ["/total"])
    }

    @Test func negativeQuantitiesAreInvalid() {
        let line = InvoiceLine(line: 1, purchaseOrder: "PO-1", poLine: 1, quantity: -5, unit: "EA", unitPrice: n("2.50"))
        let error = #expect(throws: ProcurementError.self) { try invoice(lines: [line]).validate() }
        #expect(error?.fields.map(\.pointer) == ["/lines/0/quantity"])
    }

    @Test func lineTaxRoundTripsThroughJSONAndLeavesInvoicesWithoutItUnchanged() throws {
        let plain = invoice()
        let json = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        #expect(!json.contains("tax"))
        let taxed = invoice(lines: [InvoiceLine(line: 1, purchaseOrder: "PO-1", poLine: 1, quantity: 10, unit: "EA", unitPrice: n("2.50"),
                                                taxRate: 8)], taxTotal: "2")
        #expect(try JSONDecoder().decode(Invoice.self, from: JSONEncoder().encode(taxed)) == taxed)
    }

    // MARK: status

    static let transitions: [TransitionCase] = [
        .init(from: .matched, to: .approved, outcome: "approved"),
        .init(from: .matched, to: .paid, outcome: "paid"),
        .init(from: .matched, to: .rejected, outcome: "rejected"),
        .init(from: .approved, to: .approved, outcome: nil),
        .init(from: .approved, to: .paid, outcome: "paid"),
        .init(from: .approved, to: .rejected, outcome: "rejected"),
        .init(from: .held, to: .approved, outcome: "conflict"),
        .init(from: .held, to: .paid, outcome: "conflict"),
        .init(from: .held, to: .rejected, outcome: "conflict"),
        .init(from: .paid, to: .approved, outcome: "conflict"),
        .init(from: .paid, to: .rejected, outcome: "conflict"),
        .init(from: .paid, to: .paid, outcome: nil),
        .init(from: .rejected, to: .approved, outcome: "conflict"),
        .init(from: .rejected, to: .paid, outcome: "conflict"),
        .init(from: .rejected, to: .rejected, outcome: nil),
    ]

    static let payment = InvoicePayment(date: d("2027-02-19"), amount: 25, reference: "PAY-1")

    static func update(_ status: InvoiceStatusUpdate.Status) -> InvoiceStatusUpdate {
        switch status {
        case .approved: InvoiceStatusUpdate(status: .approved)
        case .paid: InvoiceStatusUpdate(status: .paid, paymentDate: payment.date, amount: payment.amount, reference: payment.reference)
        case .rejected: InvoiceStatusUpdate(status: .rejected, reason: "Wrong bank details")
        }
    }

    @Test(arguments: transitions)
    func theStatusMachine(_ c: TransitionCase) throws {
        let stored = c.from == .paid ? Self.payment : nil
        if c.outcome == "conflict" {
            let error = #expect(throws: ProcurementError.self) {
                try InvoiceDecider.nextStatus(current: c.from, payment: stored, update: Self.update(c.to), invoice: "inv_1")
            }
            #expect(error?.code == .invoiceStatusConflict)
        } else {
            let next = try InvoiceDecider.nextStatus(current: c.from, payment: stored, update: Self.update(c.to), invoice: "inv_1")
            #expect(next?.rawValue == c.outcome)
        }
    }

    @Test func payingAgainWithOtherFiguresIsAConflict() {
        var other = Self.update(.paid)
        other.amount = 24
        let error = #expect(throws: ProcurementError.self) {
            try InvoiceDecider.nextStatus(current: .paid, payment: Self.payment, update: other, invoice: "inv_1")
        }
        #expect(error?.message == "Invoice inv_1 is paid; it was paid with another date, amount or reference.")
    }

    @Test(arguments: [
        (InvoiceStatusUpdate(status: .paid), ["/paymentDate", "/amount", "/reference"]),
        (InvoiceStatusUpdate(status: .paid, paymentDate: d("2027-02-19"), amount: 0, reference: "P"), ["/amount"]),
        (InvoiceStatusUpdate(status: .paid, paymentDate: d("2027-02-19"), amount: 1, reference: "P", reason: "x"), ["/reason"]),
        (InvoiceStatusUpdate(status: .rejected), ["/reason"]),
        (InvoiceStatusUpdate(status: .rejected, reason: "  "), ["/reason"]),
        (InvoiceStatusUpdate(status: .rejected, amount: 1, reason: "no"), ["/amount"]),
        (InvoiceStatusUpdate(status: .approved, reference: "P"), ["/reference"]),
    ])
    func statusUpdatesCarryWhatTheirStatusNeeds(_ update: InvoiceStatusUpdate, _ pointers: [String]) {
        let error = #expect(throws: ProcurementError.self) { try update.validate() }
        #expect(error?.fields.map(\.pointer) == pointers)
    }
}
