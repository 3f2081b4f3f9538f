import Foundation

/// How far a supplier's answer may differ from the order and still be accepted without a buyer.
public struct Tolerances: Equatable, Sendable, Codable {
    /// Days earlier or later than ordered.
    public var dateDays: Int
    /// Percent more or less than the ordered quantity.
    public var quantityPercent: Decimal
    /// Percent above or below the ordered unit price.
    public var pricePercent: Decimal

    public init(dateDays: Int, quantityPercent: Decimal, pricePercent: Decimal) {
        self.dateDays = dateDays
        self.quantityPercent = quantityPercent
        self.pricePercent = pricePercent
    }

    /// No deviation at all: every change goes to a buyer.
    public static let none = Tolerances(dateDays: 0, quantityPercent: 0, pricePercent: 0)

    enum CodingKeys: String, CodingKey { case dateDays, quantityPercent, pricePercent }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dateDays = try c.decode(Int.self, forKey: .dateDays)
        quantityPercent = try c.decodeDecimal(forKey: .quantityPercent)
        pricePercent = try c.decodeDecimal(forKey: .pricePercent)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dateDays, forKey: .dateDays)
        try c.encodeDecimal(quantityPercent, forKey: .quantityPercent)
        try c.encodeDecimal(pricePercent, forKey: .pricePercent)
    }

    func validate(at pointer: String) -> [ProcurementError.FieldError] {
        var errors: [ProcurementError.FieldError] = []
        if dateDays < 0 || dateDays > 365 { errors.append(.init(pointer: "\(pointer)/dateDays", detail: "must be between 0 and 365")) }
        if quantityPercent < 0 || quantityPercent > 100 { errors.append(.init(pointer: "\(pointer)/quantityPercent", detail: "must be between 0 and 100")) }
        if pricePercent < 0 || pricePercent > 100 { errors.append(.init(pointer: "\(pointer)/pricePercent", detail: "must be between 0 and 100")) }
        return errors
    }
}

/// A company the manufacturer buys from.
public struct Supplier: Equatable, Sendable, Codable {
    public var id: String
    public var name: String
    public var tolerances: Tolerances

    public init(id: String, name: String, tolerances: Tolerances) {
        self.id = id
        self.name = name
        self.tolerances = tolerances
    }

    /// Field rules for a supplier record.
    public func validate() throws {
        var errors: [ProcurementError.FieldError] = []
        if !Identifier.isValid(id) { errors.append(.init(pointer: "/id", detail: Identifier.rule)) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 200 {
            errors.append(.init(pointer: "/name", detail: "must be 1 to 200 characters"))
        }
        errors += tolerances.validate(at: "/tolerances")
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
