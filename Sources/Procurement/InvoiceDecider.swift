import Foundation

extension ProcurementError.Code {
    /// The document names a purchase order the sender has no access to (none, or another supplier's).
    public static let unknownPurchaseOrder = ProcurementError.Code(rawValue: "unknownPurchaseOrder")
    /// The invoice's currency is not the order's.
    public static let currencyMismatch = ProcurementError.Code(rawValue: "currencyMismatch")
    /// The supplier already submitted an invoice with this number.
    public static let duplicateInvoice = ProcurementError.Code(rawValue: "duplicateInvoice")
    /// The invoice's status does not allow the change asked for.
    public static let invoiceStatusConflict = ProcurementError.Code(rawValue: "invoiceStatusConflict")
}

/// Where a supplier invoice stands, from submission to payment.
public enum InvoiceStatus: String, Sendable, Codable, CaseIterable {
    /// Within tolerances (or approved by a buyer) and posted to the ERP.
    case matched
    /// Outside tolerances: waiting for a buyer.
    case held
    /// The ERP approved it for payment.
    case approved
    /// The ERP paid it. Final.
    case paid
    /// A buyer or the ERP refused it. Final.
    case rejected

    public init(from decoder: Decoder) throws { self = try StrictEnum.decode(from: decoder) }
}

/// What the ERP paid.
public struct InvoicePayment: Equatable, Sendable, Codable {
    public var date: LocalDate
    public var amount: Decimal
    public var reference: String

    public init(date: LocalDate, amount: Decimal, reference: String) {
        self.date = date
        self.amount = amount
        self.reference = reference
    }

    enum CodingKeys: String, CodingKey { case date, amount, reference }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(LocalDate.self, forKey: .date)
        amount = try c.decodeDecimal(forKey: .amount)
        reference = try c.decode(String.self, forKey: .reference)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encodeDecimal(amount, forKey: .amount)
        try c.encode(reference, forKey: .reference)
    }
}

/// The ERP's word on an invoice it was sent: approved for payment, paid, or rejected.
public struct InvoiceStatusUpdate: Equatable, Sendable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case approved, paid, rejected
        public init(from decoder: Decoder) throws { self = try StrictEnum.decode(from: decoder) }
    }

    public var status: Status
    /// With `paid`: when, how much and under which reference.
    public var paymentDate: LocalDate?
    public var amount: Decimal?
    public var reference: String?
    /// With `rejected`: why, in words the supplier reads.
    public var reason: String?

    public init(status: Status, paymentDate: LocalDate? = nil, amount: Decimal? = nil, reference: String? = nil, reason: String? = nil) {
        self.status = status
        self.paymentDate = paymentDate
        self.amount = amount
        self.reference = reference
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case status, paymentDate, amount, reference, reason }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(Status.self, forKey: .status)
        paymentDate = try c.decodeIfPresent(LocalDate.self, forKey: .paymentDate)
        amount = try c.decodeDecimalIfPresent(forKey: .amount)
        reference = try c.decodeIfPresent(String.self, forKey: .reference)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(paymentDate, forKey: .paymentDate)
        try c.encodeDecimalIfPresent(amount, forKey: .amount)
        try c.encodeIfPresent(reference, forKey: .reference)
        try c.encodeIfPresent(reason, forKey: .reason)
    }

    /// Field rules: `paid` needs a payment date, a positive amount and a reference; `rejected`
    /// needs a reason; nothing else may be sent with the other statuses.
    public func validate() throws {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        switch status {
        case .paid:
            if paymentDate == nil { errors.append(F(pointer: "/paymentDate", detail: "is required when the status is paid")) }
            if let amount { if amount <= 0 { errors.append(F(pointer: "/amount", detail: "must be greater than zero")) } }
            else { errors.append(F(pointer: "/amount", detail: "is required when the status is paid")) }
            if let reference { if !DocumentNumber.isValid(reference) { errors.append(F(pointer: "/reference", detail: DocumentNumber.rule)) } }
            else { errors.append(F(pointer: "/reference", detail: "is required when the status is paid")) }
            if reason != nil { errors.append(F(pointer: "/reason", detail: "is only sent with the status rejected")) }
        case .rejected:
            let text = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if text.isEmpty || text.count > 2000 { errors.append(F(pointer: "/reason", detail: "must be 1 to 2000 characters when the status is rejected")) }
            for (name, present) in [("paymentDate", paymentDate != nil), ("amount", amount != nil), ("reference", reference != nil)] where present {
                errors.append(F(pointer: "/\(name)", detail: "is only sent with the status paid"))
            }
        case .approved:
            for (name, present) in [("paymentDate", paymentDate != nil), ("amount", amount != nil), ("reference", reference != nil),
                                    ("reason", reason != nil)] where present {
                errors.append(F(pointer: "/\(name)", detail: "is not sent with the status approved"))
            }
        }
        try ProcurementError.throwIfInvalid(errors, what: "status update")
    }

    public var payment: InvoicePayment? {
        guard status == .paid, let paymentDate, let amount, let reference else { return nil }
        return InvoicePayment(date: paymentDate, amount: amount, reference: reference)
    }
}

/// The rules for invoices that need the orders they bill: each line names an order of the
/// sender's and a line of it, in the order's currency and unit; and the state machine the ERP's
/// status updates follow.
public enum InvoiceDecider {
    /// Checks the invoice against the orders it bills, first fault first. `orders` holds the
    /// current revision of every order the sender may see; a number missing from it is
    /// `unknownPurchaseOrder`, whether it does not exist or belongs to another supplier.
    public static func checkAgainstOrders(_ invoice: Invoice, orders: [String: PurchaseOrder]) throws {
        for (i, line) in invoice.lines.enumerated() {
            let p = "/lines/\(i)"
            guard let order = orders[line.purchaseOrder] else {
                throw ProcurementError(.unknownPurchaseOrder, "There is no purchase order \(line.purchaseOrder).",
                                       fields: [.init(pointer: "\(p)/purchaseOrder", detail: "names no purchase order of yours")])
            }
            guard invoice.currency == order.currency else {
                throw ProcurementError(.currencyMismatch, "The invoice is in \(invoice.currency) but purchase order \(order.number) is in \(order.currency).",
                                       fields: [.init(pointer: "/currency", detail: "must be \(order.currency), the currency of \(order.number)")])
            }
            guard let orderLine = order.line(line.poLine) else {
                throw ProcurementError(.unknownLine, "Purchase order \(order.number) has no line \(line.poLine).",
                                       fields: [.init(pointer: "\(p)/poLine", detail: "\(order.number) has no line \(line.poLine)")])
            }
            guard line.unit == orderLine.unit else {
                throw ProcurementError(.invalidDocument, "The invoice is invalid: \(p)/unit must be \(orderLine.unit), the unit of \(order.number) line \(line.poLine).",
                                       fields: [.init(pointer: "\(p)/unit", detail: "must be \(orderLine.unit), the unit of the order line")])
            }
        }
    }

    /// The status an ERP update leads to: a new one, or nil when the invoice already stands
    /// there (the same update again changes nothing). Paid and rejected are final; a held
    /// invoice was never sent to the ERP, so the ERP cannot approve, pay or reject it.
    /// Why a payment is worth a buyer's look: the ERP paid another amount than the invoice total
    /// (compared at the cent). A short payment is usually a deduction (a discount, a debit note),
    /// an over-payment a mistake; either way the payment stands as the ERP reported it. Nil when
    /// the amounts agree.
    public static func paymentDifference(invoice: Invoice, paid: Decimal) -> Reason? {
        let difference = Money.cents(paid) - Money.cents(invoice.total)
        guard difference != 0 else { return nil }
        let gap = DecimalText.format(difference < 0 ? -difference : difference)
        return Reason(code: .paymentDifference,
                      message: "Invoice \(invoice.number) was paid \(DecimalText.format(Money.cents(paid))) \(invoice.currency) against its total of \(DecimalText.format(Money.cents(invoice.total))) \(invoice.currency): \(gap) \(invoice.currency) \(difference < 0 ? "short" : "over").")
    }

    public static func nextStatus(current: InvoiceStatus, payment: InvoicePayment?, update: InvoiceStatusUpdate,
                                  invoice: String) throws -> InvoiceStatus? {
        let target = InvoiceStatus(rawValue: update.status.rawValue)!
        func refuse(_ why: String) -> ProcurementError {
            ProcurementError(.invoiceStatusConflict, "Invoice \(invoice) is \(current.rawValue); \(why)")
        }
        if current == target {
            if target == .paid, let payment, payment != update.payment {
                throw refuse("it was paid with another date, amount or reference.")
            }
            return nil
        }
        switch current {
        case .held: throw refuse("it waits for a buyer and was not sent to the ERP, so it cannot be \(target.rawValue).")
        case .paid: throw refuse("paid is final.")
        case .rejected: throw refuse("rejected is final.")
        case .matched, .approved: return target
        }
    }
}

extension Reason.Code {
    /// The ERP paid an invoice another amount than its total.
    public static let paymentDifference = Reason.Code(rawValue: "paymentDifference")
}
