import Foundation

extension Reason.Code {
    /// The invoiced unit price is above the order's (or the confirmed) price by more than the tolerances allow.
    public static let priceVariance = Reason.Code(rawValue: "priceVariance")
    /// Everything invoiced on the line, this invoice included, exceeds what was received by more
    /// than the tolerances allow.
    public static let quantityVariance = Reason.Code(rawValue: "quantityVariance")
    /// Nothing has been received on the line yet.
    public static let notReceived = Reason.Code(rawValue: "notReceived")
    /// An earlier invoice of the same supplier under another number bills exactly the same.
    public static let duplicate = Reason.Code(rawValue: "duplicate")
}

/// Compares an invoice with the order (price) and the goods receipts (quantity), line by line,
/// within the supplier's invoice tolerances. Pure: the caller loads the figures.
///
/// A variance is what the invoice asks for beyond the reference, never below it: billing less
/// than the order price or less than was received is in the buyer's favour and passes.
/// A variance passes when it is within the percent limit OR within the absolute limit: the
/// percentage serves dear items, the amount serves cheap ones (a cent on a 0.10 part is 10 %).
/// Zero in both allows no variance at all.
public enum ThreeWayMatch {
    /// One invoice line with what it is matched against.
    public struct Line: Equatable, Sendable {
        /// The supplier's line number on the invoice.
        public var invoiceLine: Int
        public var purchaseOrder: String
        public var poLine: Int
        public var quantity: Decimal
        public var unitPrice: Decimal
        /// The order line's unit price, or the confirmed one when the supplier's price change was accepted.
        public var expectedUnitPrice: Decimal
        /// The ledger's received quantity for the order line.
        public var received: Decimal
        /// The ledger's invoiced quantity for the order line before this invoice.
        public var invoicedBefore: Decimal

        public init(invoiceLine: Int, purchaseOrder: String, poLine: Int, quantity: Decimal, unitPrice: Decimal,
                    expectedUnitPrice: Decimal, received: Decimal, invoicedBefore: Decimal) {
            self.invoiceLine = invoiceLine
            self.purchaseOrder = purchaseOrder
            self.poLine = poLine
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.expectedUnitPrice = expectedUnitPrice
            self.received = received
            self.invoicedBefore = invoicedBefore
        }
    }

    /// How one line came out: the figures it was compared on and the reasons it was held.
    public struct LineResult: Equatable, Sendable, Codable {
        public var line: Int
        public var purchaseOrder: String
        public var poLine: Int
        public var expectedUnitPrice: Decimal
        public var unitPrice: Decimal
        /// The order line's invoiced quantity including this line (and earlier lines of this invoice on the same order line).
        public var invoicedTotal: Decimal
        public var received: Decimal
        public var reasons: [String]

        enum CodingKeys: String, CodingKey { case line, purchaseOrder, poLine, expectedUnitPrice, unitPrice, invoicedTotal, received, reasons }

        public init(line: Int, purchaseOrder: String, poLine: Int, expectedUnitPrice: Decimal, unitPrice: Decimal,
                    invoicedTotal: Decimal, received: Decimal, reasons: [String]) {
            self.line = line
            self.purchaseOrder = purchaseOrder
            self.poLine = poLine
            self.expectedUnitPrice = expectedUnitPrice
            self.unitPrice = unitPrice
            self.invoicedTotal = invoicedTotal
            self.received = received
            self.reasons = reasons
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            line = try c.decode(Int.self, forKey: .line)
            purchaseOrder = try c.decode(String.self, forKey: .purchaseOrder)
            poLine = try c.decode(Int.self, forKey: .poLine)
            expectedUnitPrice = try c.decodeDecimal(forKey: .expectedUnitPrice)
            unitPrice = try c.decodeDecimal(forKey: .unitPrice)
            invoicedTotal = try c.decodeDecimal(forKey: .invoicedTotal)
            received = try c.decodeDecimal(forKey: .received)
            reasons = try c.decode([String].self, forKey: .reasons)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(line, forKey: .line)
            try c.encode(purchaseOrder, forKey: .purchaseOrder)
            try c.encode(poLine, forKey: .poLine)
            try c.encodeDecimal(expectedUnitPrice, forKey: .expectedUnitPrice)
            try c.encodeDecimal(unitPrice, forKey: .unitPrice)
            try c.encodeDecimal(invoicedTotal, forKey: .invoicedTotal)
            try c.encodeDecimal(received, forKey: .received)
            try c.encode(reasons, forKey: .reasons)
        }
    }

    public struct Outcome: Equatable, Sendable {
        /// Empty when the invoice matched.
        public var reasons: [Reason]
        public var lines: [LineResult]
        public var matched: Bool { reasons.isEmpty }
    }

    /// True when `invoiced` is at most `expected` plus the larger of `expected × percent / 100`
    /// and `amount`.
    public static func priceWithinTolerance(invoiced: Decimal, expected: Decimal, tolerances: InvoiceTolerances) -> Bool {
        within(excess: invoiced - expected, base: expected, percent: tolerances.pricePercent, amount: tolerances.priceAmount)
    }

    /// True when `invoicedTotal` is at most `received` plus the larger of `received × percent / 100`
    /// and `amount`.
    public static func quantityWithinTolerance(invoicedTotal: Decimal, received: Decimal, tolerances: InvoiceTolerances) -> Bool {
        within(excess: invoicedTotal - received, base: received, percent: tolerances.quantityPercent, amount: tolerances.quantityAmount)
    }

    static func within(excess: Decimal, base: Decimal, percent: Decimal, amount: Decimal) -> Bool {
        excess <= 0 || excess <= base * percent / 100 || excess <= amount
    }

    /// Matches every line. `duplicateOf` is the number of an earlier invoice of the same supplier
    /// that bills exactly the same lines (see `InvoiceFingerprint`), if there is one.
    public static func decide(lines: [Line], tolerances: InvoiceTolerances, duplicateOf: String? = nil) -> Outcome {
        var reasons: [Reason] = []
        if let duplicateOf {
            reasons.append(Reason(code: .duplicate, message: "Invoice \(duplicateOf) already bills the same lines, quantities and prices."))
        }
        // Earlier lines of this invoice on the same order line count as invoiced before.
        var thisInvoice: [String: Decimal] = [:]
        var results: [LineResult] = []
        for line in lines {
            let key = "\(line.purchaseOrder)#\(line.poLine)"
            let total = line.invoicedBefore + (thisInvoice[key] ?? 0) + line.quantity
            thisInvoice[key, default: 0] += line.quantity
            var codes: [String] = []
            let name = "\(line.purchaseOrder) line \(line.poLine)"
            if !priceWithinTolerance(invoiced: line.unitPrice, expected: line.expectedUnitPrice, tolerances: tolerances) {
                codes.append(Reason.Code.priceVariance.rawValue)
                reasons.append(Reason(code: .priceVariance, message: "Invoice line \(line.invoiceLine) bills \(name) at "
                    + "\(DecimalText.format(line.unitPrice)) a unit; the order price is \(DecimalText.format(line.expectedUnitPrice)).",
                    line: line.invoiceLine))
            }
            if line.received <= 0 {
                codes.append(Reason.Code.notReceived.rawValue)
                reasons.append(Reason(code: .notReceived, message: "Nothing has been received on \(name) yet.", line: line.invoiceLine))
            } else if !quantityWithinTolerance(invoicedTotal: total, received: line.received, tolerances: tolerances) {
                codes.append(Reason.Code.quantityVariance.rawValue)
                reasons.append(Reason(code: .quantityVariance, message: "Invoice line \(line.invoiceLine) brings the quantity invoiced on "
                    + "\(name) to \(DecimalText.format(total)); \(DecimalText.format(line.received)) was received.",
                    line: line.invoiceLine))
            }
            results.append(LineResult(line: line.invoiceLine, purchaseOrder: line.purchaseOrder, poLine: line.poLine,
                                      expectedUnitPrice: line.expectedUnitPrice, unitPrice: line.unitPrice,
                                      invoicedTotal: total, received: line.received, reasons: codes))
        }
        return Outcome(reasons: reasons, lines: results)
    }
}

/// What makes two invoices "the same bill": the same order lines with the same quantities and
/// unit prices, and the same total. An invoice whose fingerprint equals an earlier one's (not
/// rejected) under another number is held as a `duplicate`.
public enum InvoiceFingerprint {
    public static func of(_ invoice: Invoice) -> String {
        let lines = invoice.lines
            .map { "\($0.purchaseOrder)#\($0.poLine)=\(DecimalText.format($0.quantity))@\(DecimalText.format($0.unitPrice))" }
            .sorted()
        return invoice.currency + "|" + DecimalText.format(Money.cents(invoice.total)) + "|" + lines.joined(separator: ";")
    }
}
