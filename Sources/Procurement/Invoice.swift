import Foundation

/// Whether the document asks for money or gives it back.
public enum InvoiceKind: String, Sendable, Codable, CaseIterable {
    case invoice
    case creditNote

    public init(from decoder: Decoder) throws { self = try StrictEnum.decode(from: decoder) }
}

/// When the invoice is due, as the supplier states it.
public struct PaymentTerms: Equatable, Sendable, Codable {
    /// The terms in the supplier's words, such as "Net 30".
    public var text: String?
    /// Days after the invoice date until payment is due.
    public var netDays: Int?

    public init(text: String? = nil, netDays: Int? = nil) {
        self.text = text
        self.netDays = netDays
    }
}

/// One invoiced quantity of one order line.
public struct InvoiceLine: Equatable, Sendable, Codable {
    /// The supplier's line number on the invoice.
    public var line: Int
    public var purchaseOrder: String
    /// The order line being billed.
    public var poLine: Int
    public var item: String?
    public var quantity: Decimal
    public var unit: String
    public var unitPrice: Decimal
    /// The extended amount as the supplier states it; quantity × unit price when the document has none.
    public var amount: Decimal
    /// The tax rate applied to the line, in percent (19 for 19 %), when the supplier taxes per line.
    public var taxRate: Decimal?
    /// The tax on the line: `amount × taxRate / 100` to the cent when a rate is given (and
    /// computed so when the document states only the rate).
    public var taxAmount: Decimal?

    public init(line: Int, purchaseOrder: String, poLine: Int, item: String? = nil, quantity: Decimal, unit: String,
                unitPrice: Decimal, amount: Decimal? = nil, taxRate: Decimal? = nil, taxAmount: Decimal? = nil) {
        self.line = line
        self.purchaseOrder = purchaseOrder
        self.poLine = poLine
        self.item = item
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.amount = amount ?? Money.cents(quantity * unitPrice)
        self.taxRate = taxRate
        self.taxAmount = taxAmount ?? InvoiceLine.tax(on: self.amount, rate: taxRate)
    }

    enum CodingKeys: String, CodingKey { case line, purchaseOrder, poLine, item, quantity, unit, unitPrice, amount, taxRate, taxAmount }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        line = try c.decode(Int.self, forKey: .line)
        purchaseOrder = try c.decode(String.self, forKey: .purchaseOrder)
        poLine = try c.decode(Int.self, forKey: .poLine)
        item = try c.decodeIfPresent(String.self, forKey: .item)
        quantity = try c.decodeDecimal(forKey: .quantity)
        unit = try c.decode(String.self, forKey: .unit)
        unitPrice = try c.decodeDecimal(forKey: .unitPrice)
        amount = try c.decodeDecimalIfPresent(forKey: .amount) ?? Money.cents(quantity * unitPrice)
        taxRate = try c.decodeDecimalIfPresent(forKey: .taxRate)
        taxAmount = try c.decodeDecimalIfPresent(forKey: .taxAmount) ?? InvoiceLine.tax(on: amount, rate: taxRate)
    }

    /// `amount × rate / 100` to the cent; nil without a rate.
    public static func tax(on amount: Decimal, rate: Decimal?) -> Decimal? {
        guard let rate else { return nil }
        return Money.cents(amount * rate / 100)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line, forKey: .line)
        try c.encode(purchaseOrder, forKey: .purchaseOrder)
        try c.encode(poLine, forKey: .poLine)
        try c.encodeIfPresent(item, forKey: .item)
        try c.encodeDecimal(quantity, forKey: .quantity)
        try c.encode(unit, forKey: .unit)
        try c.encodeDecimal(unitPrice, forKey: .unitPrice)
        try c.encodeDecimal(amount, forKey: .amount)
        try c.encodeDecimalIfPresent(taxRate, forKey: .taxRate)
        try c.encodeDecimalIfPresent(taxAmount, forKey: .taxAmount)
    }
}

/// A supplier's invoice (or credit note) against one or more purchase orders.
public struct Invoice: Equatable, Sendable, Codable {
    public var number: String
    public var kind: InvoiceKind
    public var supplier: String?
    public var invoiceDate: LocalDate
    public var currency: String
    public var lines: [InvoiceLine]
    public var taxTotal: Decimal?
    /// What the supplier asks for: line amounts plus tax.
    public var total: Decimal
    public var paymentTerms: PaymentTerms?

    public init(number: String, kind: InvoiceKind = .invoice, supplier: String? = nil, invoiceDate: LocalDate, currency: String,
                lines: [InvoiceLine], taxTotal: Decimal? = nil, total: Decimal, paymentTerms: PaymentTerms? = nil) {
        self.number = number
        self.kind = kind
        self.supplier = supplier
        self.invoiceDate = invoiceDate
        self.currency = currency
        self.lines = lines
        self.taxTotal = taxTotal
        self.total = total
        self.paymentTerms = paymentTerms
    }

    /// Sum of the lines' tax, or nil when no line carries tax (tax is then stated for the whole
    /// invoice in `taxTotal`, if at all).
    public var lineTaxTotal: Decimal? {
        let taxed = lines.compactMap(\.taxAmount)
        return taxed.isEmpty ? nil : taxed.reduce(Decimal(0), +)
    }

    /// Sum of the line amounts, before tax.
    public var subtotal: Decimal { lines.reduce(Decimal(0)) { $0 + $1.amount } }

    /// The distinct orders the invoice bills, in document order.
    public var purchaseOrders: [String] {
        var seen = Set<String>()
        return lines.compactMap { seen.insert($0.purchaseOrder).inserted ? $0.purchaseOrder : nil }
    }

    /// The date payment falls due, when the terms give net days.
    public var dueDate: LocalDate? { paymentTerms?.netDays.map { invoiceDate.adding(days: $0) } }

    enum CodingKeys: String, CodingKey { case number, kind, supplier, invoiceDate, currency, lines, taxTotal, total, paymentTerms }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(String.self, forKey: .number)
        kind = try c.decodeIfPresent(InvoiceKind.self, forKey: .kind) ?? .invoice
        supplier = try c.decodeIfPresent(String.self, forKey: .supplier)
        invoiceDate = try c.decode(LocalDate.self, forKey: .invoiceDate)
        currency = try c.decode(String.self, forKey: .currency)
        lines = try c.decode([InvoiceLine].self, forKey: .lines)
        taxTotal = try c.decodeDecimalIfPresent(forKey: .taxTotal)
        total = try c.decodeDecimal(forKey: .total)
        paymentTerms = try c.decodeIfPresent(PaymentTerms.self, forKey: .paymentTerms)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(supplier, forKey: .supplier)
        try c.encode(invoiceDate, forKey: .invoiceDate)
        try c.encode(currency, forKey: .currency)
        try c.encode(lines, forKey: .lines)
        try c.encodeDecimalIfPresent(taxTotal, forKey: .taxTotal)
        try c.encodeDecimal(total, forKey: .total)
        try c.encodeIfPresent(paymentTerms, forKey: .paymentTerms)
    }

    /// Field rules for a received invoice: positive quantities, prices not negative, each line amount
    /// equal to quantity × price and the total equal to line amounts plus tax, both to the cent.
    /// Tax is stated per line (`taxRate` and/or `taxAmount`) or for the whole invoice (`taxTotal`
    /// only); when lines carry tax, `taxTotal` must be their sum.
    public func validate() throws {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        if !DocumentNumber.isValid(number) { errors.append(F(pointer: "/number", detail: DocumentNumber.rule)) }
        if let supplier, !DocumentNumber.isValid(supplier) { errors.append(F(pointer: "/supplier", detail: DocumentNumber.rule)) }
        if currency.utf8.count != 3 || !currency.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) {
            errors.append(F(pointer: "/currency", detail: "must be an ISO 4217 code of three capital letters, such as USD"))
        }
        if lines.isEmpty { errors.append(F(pointer: "/lines", detail: "an invoice needs at least one line")) }
        var seen = Set<Int>()
        for (i, line) in lines.enumerated() {
            let p = "/lines/\(i)"
            if line.line < 1 { errors.append(F(pointer: "\(p)/line", detail: "must be 1 or more")) }
            if !seen.insert(line.line).inserted { errors.append(F(pointer: "\(p)/line", detail: "line \(line.line) appears more than once")) }
            if !DocumentNumber.isValid(line.purchaseOrder) { errors.append(F(pointer: "\(p)/purchaseOrder", detail: DocumentNumber.rule)) }
            if line.poLine < 1 { errors.append(F(pointer: "\(p)/poLine", detail: "must be 1 or more")) }
            if line.quantity <= 0 { errors.append(F(pointer: "\(p)/quantity", detail: "must be greater than zero")) }
            if line.unit.isEmpty || line.unit.utf8.count > 10 { errors.append(F(pointer: "\(p)/unit", detail: "must be 1 to 10 characters, such as EA or KG")) }
            if line.unitPrice < 0 { errors.append(F(pointer: "\(p)/unitPrice", detail: "must not be negative")) }
            if Money.cents(line.amount) != Money.cents(line.quantity * line.unitPrice) {
                errors.append(F(pointer: "\(p)/amount", detail: "must be quantity × unit price, \(DecimalText.format(Money.cents(line.quantity * line.unitPrice)))"))
            }
            if let rate = line.taxRate, rate < 0 || rate > 100 { errors.append(F(pointer: "\(p)/taxRate", detail: "must be between 0 and 100")) }
            if let tax = line.taxAmount, tax < 0 { errors.append(F(pointer: "\(p)/taxAmount", detail: "must not be negative")) }
            if let rate = line.taxRate, let tax = line.taxAmount, Money.cents(tax) != Money.cents(line.amount * rate / 100) {
                errors.append(F(pointer: "\(p)/taxAmount", detail: "must be amount × tax rate, \(DecimalText.format(Money.cents(line.amount * rate / 100)))"))
            }
        }
        if let taxTotal, taxTotal < 0 { errors.append(F(pointer: "/taxTotal", detail: "must not be negative")) }
        if let lineTax = lineTaxTotal {
            if let taxTotal {
                if Money.cents(taxTotal) != Money.cents(lineTax) {
                    errors.append(F(pointer: "/taxTotal", detail: "must be the sum of the lines' tax, \(DecimalText.format(Money.cents(lineTax)))"))
                }
            } else {
                errors.append(F(pointer: "/taxTotal", detail: "is required when lines carry tax: \(DecimalText.format(Money.cents(lineTax)))"))
            }
        }
        let expected = subtotal + (taxTotal ?? 0)
        if Money.cents(total) != Money.cents(expected) {
            errors.append(F(pointer: "/total", detail: "must be the line amounts plus tax, \(DecimalText.format(Money.cents(expected)))"))
        }
        if let days = paymentTerms?.netDays, days < 0 { errors.append(F(pointer: "/paymentTerms/netDays", detail: "must not be negative")) }
        try ProcurementError.throwIfInvalid(errors, what: "invoice")
    }
}

/// Money arithmetic shared by invoices and matching.
public enum Money {
    /// Rounds half away from zero to two decimals, the precision amounts are compared at.
    public static func cents(_ value: Decimal) -> Decimal {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 2, .plain)
        return rounded
    }
}
