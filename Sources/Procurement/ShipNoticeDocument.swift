import Foundation

/// A quantity of one lot within a ship notice line.
public struct ShipmentLot: Equatable, Hashable, Sendable, Codable {
    public var lot: String
    public var quantity: Decimal

    public init(lot: String, quantity: Decimal) {
        self.lot = lot
        self.quantity = quantity
    }

    enum CodingKeys: String, CodingKey { case lot, quantity }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lot = try c.decode(String.self, forKey: .lot)
        quantity = try c.decodeDecimal(forKey: .quantity)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lot, forKey: .lot)
        try c.encodeDecimal(quantity, forKey: .quantity)
    }
}

/// One shipped quantity of one delivery of an order line, as a supplier announces it through the
/// API. `scheduleLine` says which delivery it fills: the 1-based position among the line's
/// confirmed deliveries in date order (1 when omitted).
public struct ShipmentLine: Equatable, Sendable, Codable {
    public var purchaseOrder: String
    /// The order revision the supplier shipped against, when it says so; an older one than the
    /// current revision is refused as stale.
    public var revision: Int?
    public var line: Int
    public var scheduleLine: Int?
    public var quantity: Decimal
    public var unit: String?
    public var lots: [ShipmentLot]
    public var serials: [String]

    public init(purchaseOrder: String, revision: Int? = nil, line: Int, scheduleLine: Int? = nil, quantity: Decimal, unit: String? = nil,
                lots: [ShipmentLot] = [], serials: [String] = []) {
        self.purchaseOrder = purchaseOrder
        self.revision = revision
        self.line = line
        self.scheduleLine = scheduleLine
        self.quantity = quantity
        self.unit = unit
        self.lots = lots
        self.serials = serials
    }

    /// The delivery filled, counted from 1.
    public var delivery: Int { scheduleLine ?? 1 }

    enum CodingKeys: String, CodingKey { case purchaseOrder, revision, line, scheduleLine, quantity, unit, lots, serials }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        purchaseOrder = try c.decode(String.self, forKey: .purchaseOrder)
        revision = try c.decodeIfPresent(Int.self, forKey: .revision)
        line = try c.decode(Int.self, forKey: .line)
        scheduleLine = try c.decodeIfPresent(Int.self, forKey: .scheduleLine)
        quantity = try c.decodeDecimal(forKey: .quantity)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        lots = try c.decodeIfPresent([ShipmentLot].self, forKey: .lots) ?? []
        serials = try c.decodeIfPresent([String].self, forKey: .serials) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(purchaseOrder, forKey: .purchaseOrder)
        try c.encodeIfPresent(revision, forKey: .revision)
        try c.encode(line, forKey: .line)
        try c.encodeIfPresent(scheduleLine, forKey: .scheduleLine)
        try c.encodeDecimal(quantity, forKey: .quantity)
        try c.encodeIfPresent(unit, forKey: .unit)
        if !lots.isEmpty { try c.encode(lots, forKey: .lots) }
        if !serials.isEmpty { try c.encode(serials, forKey: .serials) }
    }
}

/// A labelled handling unit (pallet, carton) and the lines packed in it.
public struct ShipmentPackage: Equatable, Sendable, Codable {
    /// The unit's SSCC-18 label.
    public var sscc: String
    public var lines: [ShipmentLine]

    public init(sscc: String, lines: [ShipmentLine]) {
        self.sscc = sscc
        self.lines = lines
    }
}

/// A supplier's advance ship notice as the REST API takes it: the shipment, its labelled
/// packages and, in each, the order lines and deliveries it fills with lots or serials. One
/// notice may ship against several orders. The EDI maps keep using `ShipNotice`; `init(_:)`
/// turns one of those into this shape so every channel goes through the same flow.
public struct ShipNoticeDocument: Equatable, Sendable, Codable {
    /// The supplier's own shipment number, unique per supplier.
    public var shipmentId: String
    public var shipDate: LocalDate
    public var expectedDelivery: LocalDate?
    public var carrier: String?
    public var trackingNumber: String?
    public var packages: [ShipmentPackage]

    public init(shipmentId: String, shipDate: LocalDate, expectedDelivery: LocalDate? = nil, carrier: String? = nil,
                trackingNumber: String? = nil, packages: [ShipmentPackage]) {
        self.shipmentId = shipmentId
        self.shipDate = shipDate
        self.expectedDelivery = expectedDelivery
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.packages = packages
    }

    /// A notice received as EDI or cXML. Packages without an SSCC keep an empty label, which
    /// validation refuses, as it refuses them over the API.
    public init(_ notice: ShipNotice) {
        self.init(shipmentId: notice.id, shipDate: notice.shipDate, expectedDelivery: notice.expectedDelivery,
                  carrier: notice.carrier, trackingNumber: notice.trackingNumber,
                  packages: notice.packages.map { package in
                      ShipmentPackage(sscc: Self.sscc(package.id), lines: package.items.map {
                          ShipmentLine(purchaseOrder: $0.purchaseOrder, revision: $0.revision, line: $0.line, quantity: $0.quantity, unit: $0.unit)
                      })
                  })
    }

    /// A label as documents carry it: an SSCC printed with its (00) application identifier
    /// (20 digits starting `00`) loses the identifier; anything else stays as it is for validation.
    static func sscc(_ label: String?) -> String {
        guard let label else { return "" }
        if label.utf8.count == 20, label.hasPrefix("00"), label.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return String(label.dropFirst(2)) }
        return label
    }

    /// Every line across all packages, in document order. A line's number (used by goods
    /// receipts) is its position here, counted from 1.
    public var lines: [ShipmentLine] { packages.flatMap(\.lines) }

    /// The distinct orders the notice ships against, in document order.
    public var purchaseOrders: [String] {
        var seen = Set<String>()
        return lines.compactMap { seen.insert($0.purchaseOrder).inserted ? $0.purchaseOrder : nil }
    }

    /// Total quantity per order line.
    public var quantities: [OrderLineKey: Decimal] {
        lines.reduce(into: [:]) { $0[OrderLineKey($1.purchaseOrder, $1.line), default: 0] += $1.quantity }
    }

    /// Field rules. Throws `invalidDocument` with every field at fault, then `invalidSSCC`
    /// with every package label at fault.
    public func validate() throws {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        if !DocumentNumber.isValid(shipmentId) { errors.append(F(pointer: "/shipmentId", detail: DocumentNumber.rule)) }
        if let expectedDelivery, expectedDelivery < shipDate {
            errors.append(F(pointer: "/expectedDelivery", detail: "must not be before the ship date \(shipDate)"))
        }
        for (name, value) in [("carrier", carrier), ("trackingNumber", trackingNumber)] {
            if let value, !DocumentNumber.isValid(value) { errors.append(F(pointer: "/\(name)", detail: DocumentNumber.rule)) }
        }
        if packages.isEmpty { errors.append(F(pointer: "/packages", detail: "a ship notice needs at least one package")) }
        for (p, package) in packages.enumerated() {
            if package.lines.isEmpty { errors.append(F(pointer: "/packages/\(p)/lines", detail: "a package needs at least one line")) }
            for (i, line) in package.lines.enumerated() {
                errors += line.validate(at: "/packages/\(p)/lines/\(i)")
            }
        }
        try ProcurementError.throwIfInvalid(errors, what: "ship notice")

        var labels: [F] = []
        var seen = Set<String>()
        for (p, package) in packages.enumerated() {
            if let fault = SSCC.fault(package.sscc) {
                labels.append(F(pointer: "/packages/\(p)/sscc", detail: fault.detail))
            } else if !seen.insert(package.sscc).inserted {
                labels.append(F(pointer: "/packages/\(p)/sscc", detail: "SSCC \(package.sscc) labels another package of this notice"))
            }
        }
        if let first = labels.first {
            let more = labels.count > 1 ? " (and \(labels.count - 1) more)" : ""
            throw ProcurementError(.invalidSSCC, "A package label is not a valid SSCC-18: \(first.pointer): \(first.detail)\(more).",
                                   fields: labels)
        }
    }
}

extension ShipmentLine {
    func validate(at: String) -> [ProcurementError.FieldError] {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        if !Identifier.isValid(purchaseOrder) { errors.append(F(pointer: "\(at)/purchaseOrder", detail: Identifier.rule)) }
        if line < 1 { errors.append(F(pointer: "\(at)/line", detail: "must be 1 or more")) }
        if let revision, revision < 1 { errors.append(F(pointer: "\(at)/revision", detail: "must be 1 or more")) }
        if let scheduleLine, scheduleLine < 1 { errors.append(F(pointer: "\(at)/scheduleLine", detail: "must be 1 or more")) }
        if quantity <= 0 { errors.append(F(pointer: "\(at)/quantity", detail: "must be greater than zero")) }
        if let unit, unit.isEmpty || unit.utf8.count > 10 { errors.append(F(pointer: "\(at)/unit", detail: "must be 1 to 10 characters, such as EA or KG")) }
        var lotNames = Set<String>()
        for (j, lot) in lots.enumerated() {
            if !DocumentNumber.isValid(lot.lot) { errors.append(F(pointer: "\(at)/lots/\(j)/lot", detail: DocumentNumber.rule)) }
            else if !lotNames.insert(lot.lot).inserted { errors.append(F(pointer: "\(at)/lots/\(j)/lot", detail: "lot \(lot.lot) appears more than once")) }
            if lot.quantity <= 0 { errors.append(F(pointer: "\(at)/lots/\(j)/quantity", detail: "must be greater than zero")) }
        }
        if !lots.isEmpty, lots.reduce(Decimal(0), { $0 + $1.quantity }) != quantity {
            errors.append(F(pointer: "\(at)/lots", detail: "lot quantities must add up to the line quantity \(DecimalText.format(quantity))"))
        }
        var serialSet = Set<String>()
        for (j, serial) in serials.enumerated() {
            if !DocumentNumber.isValid(serial) { errors.append(F(pointer: "\(at)/serials/\(j)", detail: DocumentNumber.rule)) }
            else if !serialSet.insert(serial).inserted { errors.append(F(pointer: "\(at)/serials/\(j)", detail: "serial \(serial) appears more than once")) }
        }
        if !serials.isEmpty, Decimal(serials.count) != quantity {
            errors.append(F(pointer: "\(at)/serials", detail: "needs one serial per unit: \(DecimalText.format(quantity)), got \(serials.count)"))
        }
        return errors
    }
}

/// One line of one order.
public struct OrderLineKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var purchaseOrder: String
    public var line: Int

    public init(_ purchaseOrder: String, _ line: Int) {
        self.purchaseOrder = purchaseOrder
        self.line = line
    }

    public static func < (a: Self, b: Self) -> Bool { (a.purchaseOrder, a.line) < (b.purchaseOrder, b.line) }
    public var description: String { "\(purchaseOrder) line \(line)" }
}
