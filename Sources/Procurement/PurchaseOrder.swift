import Foundation

/// A quantity due on a date: one delivery of a line.
public struct ScheduleLine: Equatable, Hashable, Sendable, Codable {
    public var quantity: Decimal
    public var date: LocalDate

    public init(quantity: Decimal, date: LocalDate) {
        self.quantity = quantity
        self.date = date
    }

    enum CodingKeys: String, CodingKey { case quantity, date }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        quantity = try c.decodeDecimal(forKey: .quantity)
        date = try c.decode(LocalDate.self, forKey: .date)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeDecimal(quantity, forKey: .quantity)
        try c.encode(date, forKey: .date)
    }
}

/// One line of a purchase order.
public struct OrderLine: Equatable, Sendable, Codable {
    public var line: Int
    public var item: String
    public var description: String
    public var quantity: Decimal
    public var unit: String
    public var unitPrice: Decimal
    public var needBy: LocalDate
    /// A shortage of this item stops production; late answers on it matter most.
    public var critical: Bool
    /// Every shipment of this line needs a certificate (of conformance or analysis) before it
    /// is passed on to the ERP.
    public var certificateRequired: Bool
    public var schedule: [ScheduleLine]
    /// The ERP cancelled the line in this revision or an earlier one. The line stays on the
    /// order so its history shows; nothing more is due on it and the supplier need not answer it.
    public var cancelled: Bool

    public init(line: Int, item: String, description: String, quantity: Decimal, unit: String,
                unitPrice: Decimal, needBy: LocalDate, critical: Bool = false, certificateRequired: Bool = false,
                schedule: [ScheduleLine]? = nil, cancelled: Bool = false) {
        self.line = line
        self.item = item
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.needBy = needBy
        self.critical = critical
        self.certificateRequired = certificateRequired
        self.schedule = schedule ?? [ScheduleLine(quantity: quantity, date: needBy)]
        self.cancelled = cancelled
    }

    enum CodingKeys: String, CodingKey {
        case line, item, description, quantity, unit, unitPrice, needBy, critical, certificateRequired, schedule, cancelled
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        line = try c.decode(Int.self, forKey: .line)
        item = try c.decode(String.self, forKey: .item)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        quantity = try c.decodeDecimal(forKey: .quantity)
        unit = try c.decode(String.self, forKey: .unit)
        unitPrice = try c.decodeDecimal(forKey: .unitPrice)
        needBy = try c.decode(LocalDate.self, forKey: .needBy)
        critical = try c.decodeIfPresent(Bool.self, forKey: .critical) ?? false
        certificateRequired = try c.decodeIfPresent(Bool.self, forKey: .certificateRequired) ?? false
        schedule = try c.decodeIfPresent([ScheduleLine].self, forKey: .schedule) ?? [ScheduleLine(quantity: quantity, date: needBy)]
        cancelled = try c.decodeIfPresent(Bool.self, forKey: .cancelled) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line, forKey: .line)
        try c.encode(item, forKey: .item)
        try c.encode(description, forKey: .description)
        try c.encodeDecimal(quantity, forKey: .quantity)
        try c.encode(unit, forKey: .unit)
        try c.encodeDecimal(unitPrice, forKey: .unitPrice)
        try c.encode(needBy, forKey: .needBy)
        try c.encode(critical, forKey: .critical)
        if certificateRequired { try c.encode(true, forKey: .certificateRequired) }
        try c.encode(schedule, forKey: .schedule)
        if cancelled { try c.encode(true, forKey: .cancelled) }
    }
}

/// One revision of a purchase order as the ERP released it.
public struct PurchaseOrder: Equatable, Sendable, Codable {
    public var number: String
    public var revision: Int
    public var supplier: String
    public var plant: String
    public var currency: String
    public var lines: [OrderLine]
    /// Why the ERP cancelled the whole order, when this revision cancels every line.
    public var cancelReason: String?

    public init(number: String, revision: Int, supplier: String, plant: String, currency: String, lines: [OrderLine],
                cancelReason: String? = nil) {
        self.number = number
        self.revision = revision
        self.supplier = supplier
        self.plant = plant
        self.currency = currency
        self.lines = lines
        self.cancelReason = cancelReason
    }

    /// Every line is cancelled: nothing is due on the order any more.
    public var isCancelled: Bool { !lines.isEmpty && lines.allSatisfy(\.cancelled) }

    public func line(_ number: Int) -> OrderLine? { lines.first { $0.line == number } }

    /// Field rules for a released order. Throws `invalidDocument` with every field at fault.
    public func validate() throws {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        if !Identifier.isValid(number) { errors.append(F(pointer: "/number", detail: Identifier.rule)) }
        if revision < 1 { errors.append(F(pointer: "/revision", detail: "must be 1 or more")) }
        if !Identifier.isValid(supplier) { errors.append(F(pointer: "/supplier", detail: Identifier.rule)) }
        if !Identifier.isValid(plant) { errors.append(F(pointer: "/plant", detail: Identifier.rule)) }
        if currency.utf8.count != 3 || !currency.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) {
            errors.append(F(pointer: "/currency", detail: "must be an ISO 4217 code of three capital letters, such as USD"))
        }
        if lines.isEmpty { errors.append(F(pointer: "/lines", detail: "an order needs at least one line")) }
        if let cancelReason {
            if cancelReason.count > 500 { errors.append(F(pointer: "/cancelReason", detail: "must be at most 500 characters")) }
            if !isCancelled { errors.append(F(pointer: "/cancelReason", detail: "only an order whose every line is cancelled carries a cancelReason")) }
        }
        var seen = Set<Int>()
        for (i, line) in lines.enumerated() {
            let p = "/lines/\(i)"
            if line.line < 1 { errors.append(F(pointer: "\(p)/line", detail: "must be 1 or more")) }
            if !seen.insert(line.line).inserted { errors.append(F(pointer: "\(p)/line", detail: "line \(line.line) appears more than once")) }
            if !Identifier.isValid(line.item) { errors.append(F(pointer: "\(p)/item", detail: Identifier.rule)) }
            if line.description.count > 500 { errors.append(F(pointer: "\(p)/description", detail: "must be at most 500 characters")) }
            if line.quantity <= 0 { errors.append(F(pointer: "\(p)/quantity", detail: "must be greater than zero")) }
            if line.unit.isEmpty || line.unit.utf8.count > 10 { errors.append(F(pointer: "\(p)/unit", detail: "must be 1 to 10 characters, such as EA or KG")) }
            if line.unitPrice < 0 { errors.append(F(pointer: "\(p)/unitPrice", detail: "must not be negative")) }
            errors += ScheduleLine.validate(line.schedule, total: line.quantity, at: "\(p)/schedule")
        }
        try ProcurementError.throwIfInvalid(errors, what: "purchase order")
    }
}

extension ScheduleLine {
    /// A schedule needs at least one delivery, positive quantities, and (when `total` is given)
    /// quantities that add up to it.
    static func validate(_ schedule: [ScheduleLine], total: Decimal?, at pointer: String) -> [ProcurementError.FieldError] {
        var errors: [ProcurementError.FieldError] = []
        if schedule.isEmpty { errors.append(.init(pointer: pointer, detail: "needs at least one delivery")) }
        for (j, s) in schedule.enumerated() where s.quantity <= 0 {
            errors.append(.init(pointer: "\(pointer)/\(j)/quantity", detail: "must be greater than zero"))
        }
        if let total, !schedule.isEmpty, schedule.reduce(Decimal(0), { $0 + $1.quantity }) != total {
            errors.append(.init(pointer: pointer, detail: "delivery quantities must add up to the line quantity \(DecimalText.format(total))"))
        }
        return errors
    }
}

/// Where an order stands in the acknowledgement cycle.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    case awaitingAcknowledgement
    case confirmed
    case inReview
    case rejected
    /// The ERP cancelled every line: the order takes no acknowledgements, ship notices or
    /// change requests, and no further revisions.
    case cancelled
}
