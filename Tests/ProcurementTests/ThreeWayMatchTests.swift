import Foundation
import Procurement
import Testing

private func n(_ s: String) -> Decimal { DecimalText.parse(s)! }

struct PriceCase: CustomTestStringConvertible, Sendable {
    let name: String
    let expected: String
    let invoiced: String
    let tolerances: InvoiceTolerances
    let passes: Bool
    var testDescription: String { name }
}

struct QuantityCase: CustomTestStringConvertible, Sendable {
    let name: String
    let received: String
    let invoicedBefore: String
    let quantity: String
    let tolerances: InvoiceTolerances
    let reasons: [String]
    var testDescription: String { name }
}

@Suite("Three-way match")
struct ThreeWayMatchTests {
    static let percentOnly = InvoiceTolerances(pricePercent: 2, priceAmount: 0, quantityPercent: 5, quantityAmount: 0)
    static let amountOnly = InvoiceTolerances(pricePercent: 0, priceAmount: n("0.10"), quantityPercent: 0, quantityAmount: 3)
    static let both = InvoiceTolerances(pricePercent: 2, priceAmount: n("0.10"), quantityPercent: 5, quantityAmount: 10)

    static let priceCases: [PriceCase] = [
        PriceCase(name: "zero tolerances: the order price passes", expected: "2.50", invoiced: "2.50", tolerances: .exact, passes: true),
        PriceCase(name: "zero tolerances: a cent over is held", expected: "2.50", invoiced: "2.51", tolerances: .exact, passes: false),
        PriceCase(name: "zero tolerances: below the order price passes", expected: "2.50", invoiced: "2.49", tolerances: .exact, passes: true),
        PriceCase(name: "exactly at the percent limit (2 % of 2.50 = 0.05)", expected: "2.50", invoiced: "2.55", tolerances: percentOnly, passes: true),
        PriceCase(name: "a cent over the percent limit", expected: "2.50", invoiced: "2.56", tolerances: percentOnly, passes: false),
        PriceCase(name: "exactly at the absolute limit (0.10)", expected: "2.50", invoiced: "2.60", tolerances: amountOnly, passes: true),
        PriceCase(name: "a cent over the absolute limit", expected: "2.50", invoiced: "2.61", tolerances: amountOnly, passes: false),
        PriceCase(name: "both: the absolute limit is the larger on a cheap item", expected: "2.50", invoiced: "2.60", tolerances: both, passes: true),
        PriceCase(name: "both: a cent over the larger (absolute) limit", expected: "2.50", invoiced: "2.61", tolerances: both, passes: false),
        PriceCase(name: "both: the percent limit is the larger on a dear item (2 % of 10 = 0.20)", expected: "10.00", invoiced: "10.20", tolerances: both, passes: true),
        PriceCase(name: "both: a cent over the larger (percent) limit", expected: "10.00", invoiced: "10.21", tolerances: both, passes: false),
        PriceCase(name: "a free order line: only the absolute limit helps", expected: "0", invoiced: "0.10", tolerances: both, passes: true),
        PriceCase(name: "a free order line with only a percent limit", expected: "0", invoiced: "0.01", tolerances: percentOnly, passes: false),
    ]

    @Test(arguments: priceCases)
    func priceTolerance(_ c: PriceCase) {
        #expect(ThreeWayMatch.priceWithinTolerance(invoiced: n(c.invoiced), expected: n(c.expected), tolerances: c.tolerances) == c.passes)
        let outcome = ThreeWayMatch.decide(lines: [line(quantity: "10", unitPrice: c.invoiced, expected: c.expected, received: "10")],
                                           tolerances: c.tolerances)
        #expect(outcome.reasons.map(\.code) == (c.passes ? [] : ["priceVariance"]))
        #expect(outcome.matched == c.passes)
    }

    static let quantityCases: [QuantityCase] = [
        QuantityCase(name: "zero tolerances: exactly what was received", received: "100", invoicedBefore: "0", quantity: "100", tolerances: .exact, reasons: []),
        QuantityCase(name: "zero tolerances: one over", received: "100", invoicedBefore: "0", quantity: "101", tolerances: .exact, reasons: ["quantityVariance"]),
        QuantityCase(name: "zero tolerances: less than received (a partial invoice)", received: "100", invoicedBefore: "0", quantity: "60", tolerances: .exact, reasons: []),
        QuantityCase(name: "exactly at the percent limit (5 % of 100)", received: "100", invoicedBefore: "0", quantity: "105", tolerances: percentOnly, reasons: []),
        QuantityCase(name: "one over the percent limit", received: "100", invoicedBefore: "0", quantity: "106", tolerances: percentOnly, reasons: ["quantityVariance"]),
        QuantityCase(name: "exactly at the absolute limit (3)", received: "100", invoicedBefore: "0", quantity: "103", tolerances: amountOnly, reasons: []),
        QuantityCase(name: "one over the absolute limit", received: "100", invoicedBefore: "0", quantity: "104", tolerances: amountOnly, reasons: ["quantityVariance"]),
        QuantityCase(name: "both: the larger (absolute 10) limit", received: "100", invoicedBefore: "0", quantity: "110", tolerances: both, reasons: []),
        QuantityCase(name: "both: one over the larger limit", received: "100", invoicedBefore: "0", quantity: "111", tolerances: both, reasons: ["quantityVariance"]),
        QuantityCase(name: "fractional: exactly at 5 % of 10.5 KG", received: "10.5", invoicedBefore: "0", quantity: "11.025", tolerances: percentOnly, reasons: []),
        QuantityCase(name: "fractional: a gram over 5 % of 10.5 KG", received: "10.5", invoicedBefore: "0", quantity: "11.026", tolerances: percentOnly, reasons: ["quantityVariance"]),
        QuantityCase(name: "earlier invoices count: 60 + 40 of 100", received: "100", invoicedBefore: "60", quantity: "40", tolerances: .exact, reasons: []),
        QuantityCase(name: "earlier invoices count: 60 + 41 of 100", received: "100", invoicedBefore: "60", quantity: "41", tolerances: .exact, reasons: ["quantityVariance"]),
        QuantityCase(name: "already fully invoiced", received: "100", invoicedBefore: "100", quantity: "1", tolerances: .exact, reasons: ["quantityVariance"]),
        QuantityCase(name: "nothing received", received: "0", invoicedBefore: "0", quantity: "1", tolerances: both, reasons: ["notReceived"]),
    ]

    @Test(arguments: quantityCases)
    func quantityTolerance(_ c: QuantityCase) {
        let outcome = ThreeWayMatch.decide(lines: [line(quantity: c.quantity, unitPrice: "2.50", received: c.received, before: c.invoicedBefore)],
                                           tolerances: c.tolerances)
        #expect(outcome.reasons.map(\.code) == c.reasons)
        #expect(outcome.lines.first?.invoicedTotal == n(c.invoicedBefore) + n(c.quantity))
        #expect(outcome.lines.first?.reasons == c.reasons)
    }

    @Test func linesOfOneInvoiceOnTheSameOrderLineAddUp() {
        let outcome = ThreeWayMatch.decide(lines: [line(invoiceLine: 1, quantity: "60", received: "100"),
                                                   line(invoiceLine: 2, quantity: "41", received: "100")], tolerances: .exact)
        #expect(outcome.lines.map(\.invoicedTotal) == [60, 101])
        #expect(outcome.reasons.map(\.code) == ["quantityVariance"])
        #expect(outcome.reasons.first?.line == 2)
        #expect(outcome.reasons.first?.message == "Invoice line 2 brings the quantity invoiced on PO-1 line 1 to 101; 100 was received.")
    }

    @Test func everyReasonIsGivenInLineOrderAfterADuplicate() {
        let outcome = ThreeWayMatch.decide(lines: [line(invoiceLine: 1, quantity: "101", unitPrice: "2.60", received: "100"),
                                                   line(invoiceLine: 2, poLine: 2, quantity: "5", received: "0")],
                                           tolerances: .exact, duplicateOf: "INV-7")
        #expect(outcome.reasons.map(\.code) == ["duplicate", "priceVariance", "quantityVariance", "notReceived"])
        #expect(outcome.reasons.map(\.line) == [nil, 1, 1, 2])
        #expect(outcome.reasons[0].message == "Invoice INV-7 already bills the same lines, quantities and prices.")
        #expect(!outcome.matched)
    }

    @Test func theFingerprintIgnoresLineNumbersAndOrderButNotQuantitiesPricesOrTotal() {
        func invoice(_ number: String, lines: [InvoiceLine], total: String) -> Invoice {
            Invoice(number: number, invoiceDate: LocalDate(iso: "2027-01-20")!, currency: "USD", lines: lines, total: n(total))
        }
        let a = invoice("A", lines: [InvoiceLine(line: 1, purchaseOrder: "PO-1", poLine: 1, quantity: 10, unit: "EA", unitPrice: n("2.50")),
                                     InvoiceLine(line: 2, purchaseOrder: "PO-1", poLine: 2, quantity: 5, unit: "EA", unitPrice: 1)], total: "30")
        let b = invoice("B", lines: [InvoiceLine(line: 7, purchaseOrder: "PO-1", poLine: 2, quantity: 5, unit: "EA", unitPrice: n("1.00")),
                                     InvoiceLine(line: 8, purchaseOrder: "PO-1", poLine: 1, quantity: 10, unit: "EA", unitPrice: n("2.5"))], total: "30.00")
        #expect(InvoiceFingerprint.of(a) == InvoiceFingerprint.of(b))
        let c = invoice("C", lines: [InvoiceLine(line: 1, purchaseOrder: "PO-1", poLine: 1, quantity: 11, unit: "EA", unitPrice: n("2.50")),
                                     InvoiceLine(line: 2, purchaseOrder: "PO-1", poLine: 2, quantity: 5, unit: "EA", unitPrice: 1)], total: "32.5")
        #expect(InvoiceFingerprint.of(a) != InvoiceFingerprint.of(c))
        let taxed = invoice("D", lines: a.lines, total: "33")
        #expect(InvoiceFingerprint.of(a) != InvoiceFingerprint.of(taxed))
    }

    private func line(invoiceLine: Int = 1, poLine: Int = 1, quantity: String, unitPrice: String = "2.50", expected: String = "2.50",
                      received: String, before: String = "0") -> ThreeWayMatch.Line {
        ThreeWayMatch.Line(invoiceLine: invoiceLine, purchaseOrder: "PO-1", poLine: poLine, quantity: n(quantity), unitPrice: n(unitPrice),
                           expectedUnitPrice: n(expected), received: n(received), invoicedBefore: n(before))
    }
}
