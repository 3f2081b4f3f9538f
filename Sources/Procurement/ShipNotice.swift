import Foundation

/// One shipped quantity of one order line.
public struct ShipNoticeItem: Equatable, Sendable, Codable {
    public var purchaseOrder: String
    /// The order revision the supplier shipped against, when the document names it.
    public var revision: Int?
    public var line: Int
    /// The item number as the supplier sent it (buyer's part number when given).
    public var item: String?
    public var quantity: Decimal
    public var unit: String

    public init(purchaseOrder: String, revision: Int? = nil, line: Int, item: String? = nil, quantity: Decimal, unit: String) {
        self.purchaseOrder = purchaseOrder
        self.revision = revision
        self.line = line
        self.item = item
        self.quantity = quantity
        self.unit = unit
    }

    enum CodingKeys: String, CodingKey { case purchaseOrder, revision, line, item, quantity, unit }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        purchaseOrder = try c.decode(String.self, forKey: .purchaseOrder)
        revision = try c.decodeIfPresent(Int.self, forKey: .revision)
        line = try c.decode(Int.self, forKey: .line)
        item = try c.decodeIfPresent(String.self, forKey: .item)
        quantity = try c.decodeDecimal(forKey: .quantity)
        unit = try c.decode(String.self, forKey: .unit)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(purchaseOrder, forKey: .purchaseOrder)
        try c.encodeIfPresent(revision, forKey: .revision)
        try c.encode(line, forKey: .line)
        try c.encodeIfPresent(item, forKey: .item)
        try c.encodeDecimal(quantity, forKey: .quantity)
        try c.encode(unit, forKey: .unit)
    }
}

/// A carton, pallet or other handling unit and what it holds. Loose items sit in a package without an id.
public struct ShipNoticePackage: Equatable, Sendable, Codable {
    /// SSCC or shipping marks, when the supplier labels the unit.
    public var id: String?
    public var items: [ShipNoticeItem]

    public init(id: String? = nil, items: [ShipNoticeItem]) {
        self.id = id
        self.items = items
    }
}

/// A supplier's advance ship notice: what left their dock, for which order lines, in which packages.
public struct ShipNotice: Equatable, Sendable, Codable {
    /// The supplier's ASN (shipment) number.
    public var id: String
    /// The supplier as the document names it; the hub fills it from the authenticated partner otherwise.
    public var supplier: String?
    public var shipDate: LocalDate
    public var expectedDelivery: LocalDate?
    public var carrier: String?
    public var trackingNumber: String?
    public var packages: [ShipNoticePackage]

    public init(id: String, supplier: String? = nil, shipDate: LocalDate, expectedDelivery: LocalDate? = nil,
                carrier: String? = nil, trackingNumber: String? = nil, packages: [ShipNoticePackage]) {
        self.id = id
        self.supplier = supplier
        self.shipDate = shipDate
        self.expectedDelivery = expectedDelivery
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.packages = packages
    }

    /// Every item across all packages, in document order.
    public var lines: [ShipNoticeItem] { packages.flatMap(\.items) }

    /// The distinct orders the notice ships against, in document order.
    public var purchaseOrders: [String] {
        var seen = Set<String>()
        return lines.compactMap { seen.insert($0.purchaseOrder).inserted ? $0.purchaseOrder : nil }
    }

    /// Field rules for a received ship notice. Throws `invalidDocument` with every field at fault.
    public func validate() throws {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        if !DocumentNumber.isValid(id) { errors.append(F(pointer: "/id", detail: DocumentNumber.rule)) }
        if let supplier, !DocumentNumber.isValid(supplier) { errors.append(F(pointer: "/supplier", detail: DocumentNumber.rule)) }
        if let expectedDelivery, expectedDelivery < shipDate {
            errors.append(F(pointer: "/expectedDelivery", detail: "must not be before the ship date \(shipDate)"))
        }
        if lines.isEmpty { errors.append(F(pointer: "/packages", detail: "a ship notice needs at least one item")) }
        for (p, package) in packages.enumerated() {
            if let id = package.id, !DocumentNumber.isValid(id) { errors.append(F(pointer: "/packages/\(p)/id", detail: DocumentNumber.rule)) }
            for (i, item) in package.items.enumerated() {
                let at = "/packages/\(p)/items/\(i)"
                if !DocumentNumber.isValid(item.purchaseOrder) { errors.append(F(pointer: "\(at)/purchaseOrder", detail: DocumentNumber.rule)) }
                if let revision = item.revision, revision < 1 { errors.append(F(pointer: "\(at)/revision", detail: "must be 1 or more")) }
                if item.line < 1 { errors.append(F(pointer: "\(at)/line", detail: "must be 1 or more")) }
                if item.quantity <= 0 { errors.append(F(pointer: "\(at)/quantity", detail: "must be greater than zero")) }
                if item.unit.isEmpty || item.unit.utf8.count > 10 { errors.append(F(pointer: "\(at)/unit", detail: "must be 1 to 10 characters, such as EA or KG")) }
            }
        }
        try ProcurementError.throwIfInvalid(errors, what: "ship notice")
    }
}

/// Numbers partners assign to their own documents (ASN, invoice, package marks): looser than
/// `Identifier` because they come from outside systems, but still bounded and printable.
public enum DocumentNumber {
    public static let rule = "must be 1 to 48 printable characters"

    public static func isValid(_ s: String) -> Bool {
        guard (1...48).contains(s.count), s.trimmingCharacters(in: .whitespaces) == s else { return false }
        return s.unicodeScalars.allSatisfy { !CharacterSet.controlCharacters.contains($0) }
    }
}
