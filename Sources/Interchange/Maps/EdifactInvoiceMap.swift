import Foundation
import Procurement

/// EDIFACT INVOIC in to an `Invoice`; D.96A is the reference, other releases through a qualifier table.
public enum EdifactInvoiceMap {
    /// Qualifiers the map accepts, preferred first.
    struct Qualifiers {
        /// QTY 6063 for the billed quantity.
        var quantity: [String]
        /// MOA 5025 for a line's amount.
        var lineAmount: [String]
        /// MOA 5025 for the amount due (in the summary after UNS).
        var total: [String]
        /// MOA 5025 for the tax total (summary); 176 is the message total, 124 one per TAX group.
        var tax: [String]
    }

    /// D.96A bills QTY 47 (invoiced quantity). Senders on D.97A and D.00A, among them the sample
    /// interchanges, often bill QTY 12 (despatched quantity) instead, so those rows accept it.
    static let qualifiers: [String: Qualifiers] = [
        "96A": Qualifiers(quantity: ["47"], lineAmount: ["203"], total: ["77", "86"], tax: ["176", "124"]),
        "97A": Qualifiers(quantity: ["47", "12"], lineAmount: ["203"], total: ["77", "86"], tax: ["176", "124"]),
        "00A": Qualifiers(quantity: ["47", "12"], lineAmount: ["203"], total: ["77", "86"], tax: ["176", "124"]),
    ]
    static let fallback = Qualifiers(quantity: ["47", "12"], lineAmount: ["203"], total: ["77", "86"], tax: ["176", "124"])

    /// Reads an INVOIC. BGM C002 380 (and 383, 384) is an invoice, 381 a credit note; BGM C106 the
    /// number; DTM 137 the date; CUX 2 the currency; NAD SU/SE/II the supplier; PAT C112 (days) or
    /// DTM 140 the net days. Each LIN group is a line: LIN01 its number (else its position), LIN
    /// C212 (else PIA) the item, QTY the quantity, PRI AAA (else AAB) the price per PRI C509 basis
    /// quantity, MOA 203 the amount, RFF ON the order and C506 line (else the header RFF ON and
    /// LIN01). The summary MOA 77 is the total, MOA 79 (when present) must equal the line amounts,
    /// and MOA 176 (else the sum of MOA 124) is the tax.
    public static func invoice(_ message: EdifactMessage) throws(MapError) -> Invoice {
        guard message.type == "INVOIC" else {
            throw MapError(code: "unsupportedMessage", segment: "UNH", element: "S009", message: "Message \(message.type) is not an INVOIC.")
        }
        let table = qualifiers[message.release] ?? fallback
        guard let bgm = message.segments.first(where: { $0.tag == "BGM" }) else {
            throw MapError(code: "missingSegment", segment: "BGM", message: "The INVOIC has no BGM segment.")
        }
        let kind: InvoiceKind
        switch bgm.value(1) {
        case "380", "383", "384": kind = .invoice
        case "381": kind = .creditNote
        default:
            throw MapError(code: "unsupportedDocument", segment: "BGM", element: "C002",
                           message: "BGM C002 \"\(bgm.value(1) ?? "")\" is not an invoice (380, 383, 384) or credit note (381).")
        }
        let number = try MapFields.required(bgm, 2, name: "BGM C106", what: "document number")

        var header: [Segment] = []
        var groups: [[Segment]] = []
        var summary: [Segment] = []
        var inSummary = false
        for segment in message.segments {
            if segment.tag == "UNS" { inSummary = true; continue }
            if inSummary { summary.append(segment) }
            else if segment.tag == "LIN" { groups.append([segment]) }
            else if groups.isEmpty { header.append(segment) }
            else { groups[groups.count - 1].append(segment) }
        }

        var invoiceDate: LocalDate?
        var dueDate: LocalDate?
        for dtm in header where dtm.tag == "DTM" {
            guard let text = dtm.value(1, component: 2) else { continue }
            if dtm.value(1) == "137" { invoiceDate = try MapFields.date(text, segment: "DTM", element: "C507") }
            if dtm.value(1) == "140" { dueDate = try MapFields.date(text, segment: "DTM", element: "C507") }
        }
        guard let invoiceDate else {
            throw MapError(code: "missingSegment", segment: "DTM", element: "C507", message: "The INVOIC has no DTM 137 (document date).")
        }
        guard let currency = header.first(where: { $0.tag == "CUX" && $0.value(1) == "2" })?.value(1, component: 2) else {
            throw MapError(code: "missingSegment", segment: "CUX", element: "C504", message: "The INVOIC has no CUX 2 (reference currency).")
        }
        let parties = header.filter { $0.tag == "NAD" }
        let supplier = ["SU", "SE", "II"].lazy.compactMap { q in parties.first { $0.value(1) == q }?.value(2) }.first
        let headerOrder = header.first { $0.tag == "RFF" && $0.value(1) == "ON" }
        var netDays: Int?
        if let pat = header.first(where: { $0.tag == "PAT" }), pat.value(3, component: 3) == "D", let text = pat.value(3, component: 4) {
            guard let days = Int(text), days >= 0 else {
                throw MapError(code: "badNumber", segment: "PAT", element: "C112", message: "PAT C112 period count \"\(text)\" is not a number of days.")
            }
            netDays = days
        } else if let dueDate {
            netDays = invoiceDate.days(to: dueDate)
        }
        let terms = netDays.map { PaymentTerms(netDays: $0) }

        var lines: [InvoiceLine] = []
        for group in groups {
            lines.append(try line(group, sequence: lines.count + 1, headerOrder: headerOrder, table: table))
        }
        guard !lines.isEmpty else { throw MapError(code: "missingSegment", segment: "LIN", message: "The INVOIC has no LIN lines.") }

        func amount(_ qualifiers: [String], in segments: [Segment]) throws(MapError) -> Decimal? {
            for qualifier in qualifiers {
                let matching = segments.filter { $0.tag == "MOA" && $0.value(1) == qualifier }
                guard !matching.isEmpty else { continue }
                var sum = Decimal(0)
                for moa in matching {
                    sum += try MapFields.decimal(try MapFields.required(moa, 1, component: 2, name: "C516", what: "amount \(qualifier)"),
                                                 segment: "MOA", element: "C516", what: "amount \(qualifier)")
                }
                return sum
            }
            return nil
        }
        let subtotal = lines.reduce(Decimal(0)) { $0 + $1.amount }
        if let stated = try amount(["79"], in: summary), Money.cents(stated) != Money.cents(subtotal) {
            throw MapError(code: "amountsDoNotAddUp", segment: "MOA", element: "C516",
                           message: "MOA 79 (line items total) \(DecimalText.format(stated)) is not the sum of the line amounts, \(DecimalText.format(Money.cents(subtotal))).")
        }
        var tax: Decimal?
        for qualifier in table.tax where tax == nil { tax = try amount([qualifier], in: summary) }
        guard let total = try amount(table.total, in: summary) else {
            throw MapError(code: "missingSegment", segment: "MOA", element: "C516", message: "The INVOIC summary has no MOA 77 (invoice amount).")
        }
        if Money.cents(subtotal + (tax ?? 0)) != Money.cents(total) {
            throw MapError(code: "amountsDoNotAddUp", segment: "MOA", element: "C516",
                           message: "MOA 77 (invoice amount) \(DecimalText.format(total)) is not the line amounts plus tax, \(DecimalText.format(Money.cents(subtotal + (tax ?? 0)))).")
        }
        let invoice = Invoice(number: number, kind: kind, supplier: supplier, invoiceDate: invoiceDate, currency: currency, lines: lines,
                              taxTotal: tax, total: total, paymentTerms: terms)
        return try MapFields.validated(invoice) { try $0.validate() }
    }

    private static func line(_ group: [Segment], sequence: Int, headerOrder: Segment?, table: Qualifiers) throws(MapError) -> InvoiceLine {
        let lin = group[0]
        var number = sequence
        if let text = lin.value(1) { number = try MapFields.positiveInt(text, segment: "LIN", element: "LIN01", what: "line item number") }
        guard let qty = table.quantity.lazy.compactMap({ q in group.first { $0.tag == "QTY" && $0.value(1) == q } }).first else {
            throw MapError(code: "missingSegment", segment: "QTY", element: "C186",
                           message: "LIN \(number) has no QTY \(table.quantity.joined(separator: " or ")) (invoiced quantity).")
        }
        let quantity = try MapFields.quantity(try MapFields.required(qty, 1, component: 2, name: "C186", what: "quantity"), segment: "QTY", element: "C186")
        let unit = qty.value(1, component: 3) ?? "PCE"
        var stated: Decimal?
        if let moa = table.lineAmount.lazy.compactMap({ q in group.first { $0.tag == "MOA" && $0.value(1) == q } }).first {
            stated = try MapFields.decimal(try MapFields.required(moa, 1, component: 2, name: "C516", what: "line amount"),
                                           segment: "MOA", element: "C516", what: "line amount")
        }
        var price: Decimal
        if let pri = group.first(where: { $0.tag == "PRI" && $0.value(1) == "AAA" }) ?? group.first(where: { $0.tag == "PRI" && $0.value(1) == "AAB" }) {
            price = try MapFields.decimal(try MapFields.required(pri, 1, component: 2, name: "C509", what: "price"), segment: "PRI", element: "C509", what: "price")
            if let basisText = pri.value(1, component: 5) {
                let basis = try MapFields.quantity(basisText, segment: "PRI", element: "C509")
                price /= basis
            }
        } else if let stated {
            price = stated / quantity
        } else {
            throw MapError(code: "missingSegment", segment: "PRI", element: "C509", message: "LIN \(number) has neither PRI nor MOA 203, so it has no price.")
        }
        guard price >= 0 else {
            throw MapError(code: "badPrice", segment: "PRI", element: "C509", message: "LIN \(number) price \(DecimalText.format(price)) is negative.")
        }
        let amount = stated ?? Money.cents(quantity * price)
        if Money.cents(amount) != Money.cents(quantity * price) {
            throw MapError(code: "amountsDoNotAddUp", segment: "MOA", element: "C516",
                           message: "LIN \(number) amount \(DecimalText.format(amount)) is not quantity × price, \(DecimalText.format(Money.cents(quantity * price))).")
        }
        let order = group.first { $0.tag == "RFF" && $0.value(1) == "ON" } ?? headerOrder
        guard let order, let orderNumber = order.value(1, component: 2) else {
            throw MapError(code: "missingOrderReference", segment: "RFF", element: "C506",
                           message: "LIN \(number) has no RFF ON (order number), and the header names none.")
        }
        var poLine = number
        if let text = order.value(1, component: 3) {
            poLine = try MapFields.positiveInt(text, segment: "RFF", element: "C506", what: "order line number")
        }
        let item = lin.value(3) ?? group.first { $0.tag == "PIA" }?.value(2)
        return InvoiceLine(line: number, purchaseOrder: orderNumber, poLine: poLine, item: item, quantity: quantity, unit: unit,
                           unitPrice: price, amount: amount)
    }
}
