import Foundation

/// How far a supplier's answer may differ from the order and still be accepted without a buyer.
public struct Tolerances: Equatable, Sendable, Codable {
    /// Days earlier or later than ordered.
    public var dateDays: Int
    /// Percent more or less than the ordered quantity.
    public var quantityPercent: Decimal
    /// Percent above or below the ordered unit price.
    public var pricePercent: Decimal
    /// Percent more than the open quantity a ship notice may announce.
    public var overShipmentPercent: Decimal

    public init(dateDays: Int, quantityPercent: Decimal, pricePercent: Decimal, overShipmentPercent: Decimal = 0) {
        self.dateDays = dateDays
        self.quantityPercent = quantityPercent
        self.pricePercent = pricePercent
        self.overShipmentPercent = overShipmentPercent
    }

    /// No deviation at all: every change goes to a buyer.
    public static let none = Tolerances(dateDays: 0, quantityPercent: 0, pricePercent: 0)

    enum CodingKeys: String, CodingKey { case dateDays, quantityPercent, pricePercent, overShipmentPercent }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dateDays = try c.decode(Int.self, forKey: .dateDays)
        quantityPercent = try c.decodeDecimal(forKey: .quantityPercent)
        pricePercent = try c.decodeDecimal(forKey: .pricePercent)
        overShipmentPercent = try c.decodeDecimalIfPresent(forKey: .overShipmentPercent) ?? 0
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dateDays, forKey: .dateDays)
        try c.encodeDecimal(quantityPercent, forKey: .quantityPercent)
        try c.encodeDecimal(pricePercent, forKey: .pricePercent)
        try c.encodeDecimal(overShipmentPercent, forKey: .overShipmentPercent)
    }

    func validate(at pointer: String) -> [ProcurementError.FieldError] {
        var errors: [ProcurementError.FieldError] = []
        if dateDays < 0 || dateDays > 365 { errors.append(.init(pointer: "\(pointer)/dateDays", detail: "must be between 0 and 365")) }
        for (name, value) in [("quantityPercent", quantityPercent), ("pricePercent", pricePercent), ("overShipmentPercent", overShipmentPercent)]
            where value < 0 || value > 100 {
            errors.append(.init(pointer: "\(pointer)/\(name)", detail: "must be between 0 and 100"))
        }
        return errors
    }
}

/// How far an invoice may differ from the order price and the received quantity and still be
/// matched without a buyer: a percentage and an absolute amount each, for price (per unit, in
/// the order currency) and for quantity (in the line's unit). All zero: only an exact match passes.
public struct InvoiceTolerances: Equatable, Sendable, Codable {
    public var pricePercent: Decimal
    public var priceAmount: Decimal
    public var quantityPercent: Decimal
    public var quantityAmount: Decimal

    public init(pricePercent: Decimal = 0, priceAmount: Decimal = 0, quantityPercent: Decimal = 0, quantityAmount: Decimal = 0) {
        self.pricePercent = pricePercent
        self.priceAmount = priceAmount
        self.quantityPercent = quantityPercent
        self.quantityAmount = quantityAmount
    }

    public static let exact = InvoiceTolerances()

    enum CodingKeys: String, CodingKey { case pricePercent, priceAmount, quantityPercent, quantityAmount }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pricePercent = try c.decodeDecimalIfPresent(forKey: .pricePercent) ?? 0
        priceAmount = try c.decodeDecimalIfPresent(forKey: .priceAmount) ?? 0
        quantityPercent = try c.decodeDecimalIfPresent(forKey: .quantityPercent) ?? 0
        quantityAmount = try c.decodeDecimalIfPresent(forKey: .quantityAmount) ?? 0
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeDecimal(pricePercent, forKey: .pricePercent)
        try c.encodeDecimal(priceAmount, forKey: .priceAmount)
        try c.encodeDecimal(quantityPercent, forKey: .quantityPercent)
        try c.encodeDecimal(quantityAmount, forKey: .quantityAmount)
    }

    func validate(at pointer: String) -> [ProcurementError.FieldError] {
        var errors: [ProcurementError.FieldError] = []
        for (name, value) in [("pricePercent", pricePercent), ("quantityPercent", quantityPercent)] where value < 0 || value > 100 {
            errors.append(.init(pointer: "\(pointer)/\(name)", detail: "must be between 0 and 100"))
        }
        for (name, value) in [("priceAmount", priceAmount), ("quantityAmount", quantityAmount)] where value < 0 {
            errors.append(.init(pointer: "\(pointer)/\(name)", detail: "must not be negative"))
        }
        return errors
    }
}

/// A company the manufacturer buys from.
public struct Supplier: Equatable, Sendable, Codable {
    public var id: String
    public var name: String
    public var tolerances: Tolerances
    public var invoiceTolerances: InvoiceTolerances

    public init(id: String, name: String, tolerances: Tolerances, invoiceTolerances: InvoiceTolerances = .exact) {
        self.id = id
        self.name = name
        self.tolerances = tolerances
        self.invoiceTolerances = invoiceTolerances
    }

    enum CodingKeys: String, CodingKey { case id, name, tolerances, invoiceTolerances }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        tolerances = try c.decode(Tolerances.self, forKey: .tolerances)
        invoiceTolerances = try c.decodeIfPresent(InvoiceTolerances.self, forKey: .invoiceTolerances) ?? .exact
    }

    /// Field rules for a supplier record.
    public func validate() throws {
        var errors: [ProcurementError.FieldError] = []
        if !Identifier.isValid(id) { errors.append(.init(pointer: "/id", detail: Identifier.rule)) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 200 {
            errors.append(.init(pointer: "/name", detail: "must be 1 to 200 characters"))
        }
        errors += tolerances.validate(at: "/tolerances")
        errors += invoiceTolerances.validate(at: "/invoiceTolerances")
        try ProcurementError.throwIfInvalid(errors, what: "supplier")
    }
}

/// Business identifiers (supplier ids, PO numbers, items) share one shape so they are safe in
/// URLs, file names and EDI elements.
public enum Identifier {
    public static let rule = "must be 1 to 35 characters of letters, digits, '-', '_' or '.'"

    public static func isValid(_ s: String) -> Bool {
        guard (1...35).contains(s.utf8.count) else { return false }
        return s.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
                || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")
        }
    }
}
