import Foundation
import Procurement

/// X12 810 (invoice) in to an `Invoice`.
public enum X12InvoiceMap {
    /// Reads an 810. BIG gives the date (BIG01), number (BIG02), the order when lines name none
    /// (BIG04) and credit memos (BIG07 `CR`); CUR02 the currency (else `defaultCurrency`); N1 SU/SE/II
    /// the supplier; ITD the terms (ITD07 net days, ITD12 text). Each IT1 is a line: IT101 its number,
    /// IT102–IT104 quantity, unit and price, product pairs `BP`/`VP` the item, `PO`/`PL` the order
    /// and order line (else BIG04 and IT101). TDS01 (two implied decimals) is the total; summary TXI02
    /// amounts the tax (line-level TXI when there is no summary TXI); CTT01, when present, must
    /// count the IT1 lines.
    public static func invoice(_ set: X12TransactionSet, defaultCurrency: String = "USD") throws(MapError) -> Invoice {
        guard set.type == "810" else {
            throw MapError(code: "unsupportedSet", segment: "ST", element: "ST01", message: "Transaction set \(set.type) is not an invoice (810).")
        }
        guard let big = set.segments.first(where: { $0.tag == "BIG" }) else {
            throw MapError(code: "missingSegment", segment: "BIG", message: "The 810 has no BIG segment.")
        }
        let invoiceDate = try MapFields.date(try MapFields.required(big, 1, name: "BIG01", what: "invoice date"), segment: "BIG", element: "BIG01")
        let number = try MapFields.required(big, 2, name: "BIG02", what: "invoice number")
        let headerOrder = big.value(4) ?? set.segments.first { $0.tag == "REF" && $0.value(1) == "PO" }?.value(2)
        let kind: InvoiceKind = big.value(7) == "CR" ? .creditNote : .invoice
        let currency = set.segments.first { $0.tag == "CUR" }?.value(2) ?? defaultCurrency
        let parties = set.segments.filter { $0.tag == "N1" }
        let supplier = ["SU", "SE", "II"].lazy.compactMap { q in parties.first { $0.value(1) == q }.flatMap { $0.value(4) ?? $0.value(2) } }.first
        var terms: PaymentTerms?
        if let itd = set.segments.first(where: { $0.tag == "ITD" }) {
            var days: Int?
            if let text = itd.value(7) {
                guard let value = Int(text), value >= 0 else {
                    throw MapError(code: "badNumber", segment: "ITD", element: "ITD07", message: "ITD07 (terms net days) \"\(text)\" is not a number of days.")
                }
                days = value
            }
            terms = PaymentTerms(text: itd.value(12), netDays: days)
        }

        var lines: [InvoiceLine] = []
        var total: Decimal?
        var lineTax: Decimal?
        var summaryTax: Decimal?
        var count: (segment: Segment, value: Int)?
        for segment in set.segments {
            switch segment.tag {
            case "IT1":
                lines.append(try line(segment, sequence: lines.count + 1, headerOrder: headerOrder))
            case "TDS":
                total = try MapFields.impliedCents(try MapFields.required(segment, 1, name: "TDS01", what: "total invoice amount"),
                                                   segment: "TDS", element: "TDS01")
            case "TXI":
                guard let text = segment.value(2) else { continue }
                let amount = try MapFields.decimal(text, segment: "TXI", element: "TXI02", what: "tax amount")
                if total == nil { lineTax = (lineTax ?? 0) + amount } else { summaryTax = (summaryTax ?? 0) + amount }
            case "CTT":
                let text = try MapFields.required(segment, 1, name: "CTT01", what: "number of line items")
                guard let value = Int(text) else {
                    throw MapError(code: "badNumber", segment: "CTT", element: "CTT01", message: "CTT01 \"\(text)\" is not a count.")
                }
                count = (segment, value)
            default:
                break
            }
        }
        guard !lines.isEmpty else { throw MapError(code: "missingSegment", segment: "IT1", message: "The 810 has no IT1 lines.") }
        guard let total else { throw MapError(code: "missingSegment", segment: "TDS", message: "The 810 has no TDS (total monetary value summary).") }
        if let count, count.value != lines.count {
            throw MapError(code: "countMismatch", segment: "CTT", element: "CTT01", message: "CTT01 counts \(count.value) lines, the 810 has \(lines.count) IT1 segments.")
        }
        let tax = summaryTax ?? lineTax
        let expected = lines.reduce(Decimal(0)) { $0 + $1.amount } + (tax ?? 0)
        if Money.cents(expected) != Money.cents(total) {
            throw MapError(code: "amountsDoNotAddUp", segment: "TDS", element: "TDS01",
                           message: "TDS01 total \(DecimalText.format(total)) is not the line amounts plus tax, \(DecimalText.format(Money.cents(expected))).")
        }
        let invoice = Invoice(number: number, kind: kind, supplier: supplier, invoiceDate: invoiceDate, currency: currency, lines: lines,
                              taxTotal: tax, total: total, paymentTerms: terms)
        return try MapFields.validated(invoice) { try $0.validate() }
    }

    private static func line(_ it1: Segment, sequence: Int, headerOrder: String?) throws(MapError) -> InvoiceLine {
        let pairs = ProductPairs(it1, from: 6)
        var number = sequence
        if let text = it1.value(1) {
            number = try MapFields.positiveInt(text, segment: "IT1", element: "IT101", what: "assigned identification")
        }
        let quantity = try MapFields.quantity(try MapFields.required(it1, 2, name: "IT102", what: "quantity invoiced"), segment: "IT1", element: "IT102")
        let unit = try MapFields.required(it1, 3, name: "IT103", what: "unit of measure")
        let price = try MapFields.decimal(try MapFields.required(it1, 4, name: "IT104", what: "unit price"), segment: "IT1", element: "IT104", what: "unit price")
        guard price >= 0 else {
            throw MapError(code: "badPrice", segment: "IT1", element: "IT104", message: "IT104 unit price \(DecimalText.format(price)) is negative.")
        }
        guard let order = pairs["PO"] ?? headerOrder else {
            throw MapError(code: "missingOrderReference", segment: "BIG", element: "BIG04",
                           message: "IT1 line \(number) names no order (no PO qualifier) and BIG04 is empty.")
        }
        var poLine = number
        if let text = pairs["PL"] {
            poLine = try MapFields.positiveInt(text, segment: "IT1", element: pairs.element(of: "PL"), what: "purchaser's order line")
        }
        let item = pairs["BP"] ?? pairs["VP"] ?? pairs.firstItem()
        return InvoiceLine(line: number, purchaseOrder: order, poLine: poLine, item: item, quantity: quantity, unit: unit, unitPrice: price)
    }
}
