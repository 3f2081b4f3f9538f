import Foundation
import HTTPServer

/// A purchase order as the ERP keeps it and releases it to the hub
/// (camelCase JSON, quantities and prices as decimal strings, ISO dates).
public struct PurchaseOrder: Codable, Sendable, Equatable {
    public var number: String
    /// Absent in a create request; the ERP assigns 1 and increments on each revision.
    public var revision: Int?
    public var supplier: String
    public var plant: String
    public var currency: String
    public var lines: [PurchaseOrderLine]
    /// Why the order was cancelled, once every line is.
    public var cancelReason: String?

    public init(number: String, revision: Int? = nil, supplier: String, plant: String, currency: String,
                lines: [PurchaseOrderLine], cancelReason: String? = nil) {
        self.number = number
        self.revision = revision
        self.supplier = supplier
        self.plant = plant
        self.currency = currency
        self.lines = lines
        self.cancelReason = cancelReason
    }
}

public struct PurchaseOrderLine: Codable, Sendable, Equatable {
    public var line: Int
    public var item: String
    public var description: String
    public var quantity: String
    public var unit: String
    public var unitPrice: String
    public var needBy: String
    public var critical: Bool
    public var schedule: [ScheduleLine]
    /// Cancelled in this revision or an earlier one; kept on the order for its history.
    public var cancelled: Bool

    public init(line: Int, item: String, description: String, quantity: String, unit: String, unitPrice: String,
                needBy: String, critical: Bool = false, schedule: [ScheduleLine] = [], cancelled: Bool = false) {
        self.line = line
        self.item = item
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.needBy = needBy
        self.critical = critical
        self.schedule = schedule.isEmpty ? [ScheduleLine(quantity: quantity, date: needBy)] : schedule
        self.cancelled = cancelled
    }

    enum CodingKeys: String, CodingKey {
        case line, item, description, quantity, unit, unitPrice, needBy, critical, schedule, cancelled
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line, forKey: .line)
        try c.encode(item, forKey: .item)
        try c.encode(description, forKey: .description)
        try c.encode(quantity, forKey: .quantity)
        try c.encode(unit, forKey: .unit)
        try c.encode(unitPrice, forKey: .unitPrice)
        try c.encode(needBy, forKey: .needBy)
        try c.encode(critical, forKey: .critical)
        try c.encode(schedule, forKey: .schedule)
        if cancelled { try c.encode(true, forKey: .cancelled) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            line: try c.decode(Int.self, forKey: .line), item: try c.decode(String.self, forKey: .item),
            description: try c.decodeIfPresent(String.self, forKey: .description) ?? "",
            quantity: try c.decode(String.self, forKey: .quantity), unit: try c.decode(String.self, forKey: .unit),
            unitPrice: try c.decode(String.self, forKey: .unitPrice), needBy: try c.decode(String.self, forKey: .needBy),
            critical: try c.decodeIfPresent(Bool.self, forKey: .critical) ?? false,
            schedule: try c.decodeIfPresent([ScheduleLine].self, forKey: .schedule) ?? [],
            cancelled: try c.decodeIfPresent(Bool.self, forKey: .cancelled) ?? false)
    }
}

public struct ScheduleLine: Codable, Sendable, Equatable {
    public var quantity: String
    public var date: String

    public init(quantity: String, date: String) {
        self.quantity = quantity
        self.date = date
    }
}

extension PurchaseOrder {
    /// Field errors as `{"field":…, "message":…}` objects; empty when the order is acceptable.
    public func validationErrors() -> [JSONValue] {
        var errors: [JSONValue] = []
        func fail(_ field: String, _ message: String) {
            errors.append(.object(["field": .string(field), "message": .string(message)]))
        }
        if number.trimmingCharacters(in: .whitespaces).isEmpty || number.contains("/") {
            fail("number", "must be a non-empty document number without '/'")
        }
        if supplier.isEmpty { fail("supplier", "is required") }
        if plant.isEmpty { fail("plant", "is required") }
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            fail("currency", "must be an ISO 4217 code such as USD")
        }
        if lines.isEmpty { fail("lines", "must contain at least one line") }
        var seen = Set<Int>()
        for (index, line) in lines.enumerated() {
            let at = "lines[\(index)]"
            if line.line <= 0 || !seen.insert(line.line).inserted { fail("\(at).line", "must be a positive, unique line number") }
            if line.item.isEmpty { fail("\(at).item", "is required") }
            if line.unit.isEmpty { fail("\(at).unit", "is required") }
            guard let quantity = Self.decimal(line.quantity), quantity > 0 else {
                fail("\(at).quantity", "must be a positive decimal string")
                continue
            }
            if Self.decimal(line.unitPrice).map({ $0 >= 0 }) != true {
                fail("\(at).unitPrice", "must be a non-negative decimal string")
            }
            if CivilDate(line.needBy) == nil { fail("\(at).needBy", "must be a date YYYY-MM-DD") }
            var scheduled = Decimal(0)
            for (s, entry) in line.schedule.enumerated() {
                if CivilDate(entry.date) == nil { fail("\(at).schedule[\(s)].date", "must be a date YYYY-MM-DD") }
                guard let q = Self.decimal(entry.quantity), q > 0 else {
                    fail("\(at).schedule[\(s)].quantity", "must be a positive decimal string")
                    continue
                }
                scheduled += q
            }
            if scheduled != quantity { fail("\(at).schedule", "quantities must add up to the line quantity") }
        }
        return errors
    }

    /// Plain decimal strings only: digits with an optional fraction, no exponent or sign.
    static func decimal(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } })
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The same order with every need-by and schedule date moved by `days`.
    public func shifted(days: Int) -> PurchaseOrder {
        var copy = self
        func move(_ text: String) -> String { CivilDate(text).map { $0.adding(days: days).description } ?? text }
        copy.lines = lines.map { line in
            var line = line
            line.needBy = move(line.needBy)
            line.schedule = line.schedule.map { ScheduleLine(quantity: $0.quantity, date: move($0.date)) }
            return line
        }
        return copy
    }
}

/// A supplier as released to the hub.
public struct Supplier: Codable, Sendable, Equatable {
    public struct Tolerances: Codable, Sendable, Equatable {
        public var dateDays: Int
        public var quantityPercent: String
        public var pricePercent: String
    }

    public var id: String
    public var name: String
    public var tolerances: Tolerances
}
