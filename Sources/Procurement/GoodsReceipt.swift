import Foundation

/// One received line: which notice line or order line it takes in, how much was accepted into
/// stock and how much turned away at the dock.
public struct GoodsReceiptLine: Equatable, Sendable, Codable {
    /// The line of the referenced ship notice, counted from 1 across its packages.
    public var shipNoticeLine: Int?
    public var purchaseOrder: String?
    public var line: Int?
    public var received: Decimal
    public var rejected: Decimal
    public var lot: String?

    public init(shipNoticeLine: Int? = nil, purchaseOrder: String? = nil, line: Int? = nil, received: Decimal,
                rejected: Decimal = 0, lot: String? = nil) {
        self.shipNoticeLine = shipNoticeLine
        self.purchaseOrder = purchaseOrder
        self.line = line
        self.received = received
        self.rejected = rejected
        self.lot = lot
    }

    enum CodingKeys: String, CodingKey { case shipNoticeLine, purchaseOrder, line, received, rejected, lot }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shipNoticeLine = try c.decodeIfPresent(Int.self, forKey: .shipNoticeLine)
        purchaseOrder = try c.decodeIfPresent(String.self, forKey: .purchaseOrder)
        line = try c.decodeIfPresent(Int.self, forKey: .line)
        received = try c.decodeDecimal(forKey: .received)
        rejected = try c.decodeDecimalIfPresent(forKey: .rejected) ?? 0
        lot = try c.decodeIfPresent(String.self, forKey: .lot)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(shipNoticeLine, forKey: .shipNoticeLine)
        try c.encodeIfPresent(purchaseOrder, forKey: .purchaseOrder)
        try c.encodeIfPresent(line, forKey: .line)
        try c.encodeDecimal(received, forKey: .received)
        try c.encodeDecimal(rejected, forKey: .rejected)
        try c.encodeIfPresent(lot, forKey: .lot)
    }
}

/// A goods receipt as the ERP posts it: what arrived on a date, against a ship notice or
/// directly against order lines.
public struct GoodsReceiptDocument: Equatable, Sendable, Codable {
    /// The ERP's own receipt (material document) number, when it has one.
    public var number: String?
    public var receivedDate: LocalDate
    /// The hub's id of the ship notice the goods came with.
    public var shipNotice: String?
    public var lines: [GoodsReceiptLine]

    public init(number: String? = nil, receivedDate: LocalDate, shipNotice: String? = nil, lines: [GoodsReceiptLine]) {
        self.number = number
        self.receivedDate = receivedDate
        self.shipNotice = shipNotice
        self.lines = lines
    }

    /// Field rules. Throws `invalidDocument` with every field at fault.
    public func validate() throws {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        if let number, !DocumentNumber.isValid(number) { errors.append(F(pointer: "/number", detail: DocumentNumber.rule)) }
        if lines.isEmpty { errors.append(F(pointer: "/lines", detail: "a goods receipt needs at least one line")) }
        for (i, line) in lines.enumerated() {
            let at = "/lines/\(i)"
            if let n = line.shipNoticeLine {
                if n < 1 { errors.append(F(pointer: "\(at)/shipNoticeLine", detail: "must be 1 or more")) }
                if shipNotice == nil { errors.append(F(pointer: "\(at)/shipNoticeLine", detail: "needs the receipt's shipNotice")) }
            } else if line.purchaseOrder == nil || line.line == nil {
                errors.append(F(pointer: at, detail: "needs a shipNoticeLine, or a purchaseOrder and line"))
            }
            if let po = line.purchaseOrder, !Identifier.isValid(po) { errors.append(F(pointer: "\(at)/purchaseOrder", detail: Identifier.rule)) }
            if let l = line.line, l < 1 { errors.append(F(pointer: "\(at)/line", detail: "must be 1 or more")) }
            if line.received < 0 { errors.append(F(pointer: "\(at)/received", detail: "must not be negative")) }
            if line.rejected < 0 { errors.append(F(pointer: "\(at)/rejected", detail: "must not be negative")) }
            if line.received >= 0, line.rejected >= 0, line.received + line.rejected == 0 {
                errors.append(F(pointer: "\(at)/received", detail: "received and rejected cannot both be zero"))
            }
            if let lot = line.lot, !DocumentNumber.isValid(lot) { errors.append(F(pointer: "\(at)/lot", detail: DocumentNumber.rule)) }
        }
        try ProcurementError.throwIfInvalid(errors, what: "goods receipt")
    }
}

/// A receipt line tied to its order line, and to the notice line it takes in when there is one.
public struct ResolvedReceiptLine: Equatable, Sendable {
    public var purchaseOrder: String
    public var line: Int
    public var received: Decimal
    public var rejected: Decimal
    public var lot: String?
    /// The quantity the ship notice line announced.
    public var shippedQuantity: Decimal?
    /// The confirmed delivery the notice line said it filled, counted from 1.
    public var scheduleLine: Int?
}

/// Ties a goods receipt to its orders and notice: pure, no storage, no clock. Receipts above what
/// was shipped are allowed (the ledger records them); names that do not resolve are refused.
public enum GoodsReceiptDecider {
    /// - Parameters:
    ///   - notice: the referenced ship notice, when the receipt names one that exists.
    ///   - orders: the orders the receipt's lines name (and the notice's), by number.
    /// - Returns: the lines, and the supplier whose goods these are.
    public static func resolve(_ receipt: GoodsReceiptDocument, notice: (supplier: String, document: ShipNoticeDocument)?,
                               orders: [String: PurchaseOrder]) throws -> (supplier: String, lines: [ResolvedReceiptLine]) {
        if let id = receipt.shipNotice, notice == nil {
            throw ProcurementError(.unknownShipNotice, "There is no ship notice \(id).",
                                   fields: [.init(pointer: "/shipNotice", detail: "no such ship notice")])
        }
        let noticeLines = notice?.document.lines ?? []
        var resolved: [ResolvedReceiptLine] = []
        var supplier = notice?.supplier
        for (i, line) in receipt.lines.enumerated() {
            let at = "/lines/\(i)"
            var po = line.purchaseOrder
            var number = line.line
            var shipped: Decimal?
            var schedule: Int?
            if let n = line.shipNoticeLine {
                guard n <= noticeLines.count else {
                    throw ProcurementError(.unknownShipNotice, "Ship notice \(receipt.shipNotice ?? "") has \(noticeLines.count) lines; there is no line \(n).",
                                           fields: [.init(pointer: "\(at)/shipNoticeLine", detail: "no such ship notice line")])
                }
                let announced = noticeLines[n - 1]
                if let po, po != announced.purchaseOrder || number != announced.line {
                    throw ProcurementError(.invalidDocument,
                        "Line \(i + 1) names \(po) line \(number ?? 0), but ship notice line \(n) ships \(announced.purchaseOrder) line \(announced.line).",
                        fields: [.init(pointer: "\(at)/purchaseOrder", detail: "does not match the ship notice line")])
                }
                po = announced.purchaseOrder
                number = announced.line
                shipped = announced.quantity
                schedule = announced.delivery
            }
            guard let po, let number else { continue }
            guard let order = orders[po] else {
                throw ProcurementError(.orderNotOnFile, "There is no purchase order \(po).",
                                       fields: [.init(pointer: "\(at)/purchaseOrder", detail: "no such purchase order")])
            }
            guard order.line(number) != nil else {
                throw ProcurementError(.unknownLine, "\(po) has no line \(number).", fields: [.init(pointer: "\(at)/line", detail: "no such line")])
            }
            if let s = supplier, s != order.supplier {
                throw ProcurementError(.invalidDocument, "A goods receipt covers one supplier's goods: \(po) is \(order.supplier)'s, not \(s)'s.",
                                       fields: [.init(pointer: "\(at)/purchaseOrder", detail: "belongs to another supplier")])
            }
            supplier = order.supplier
            resolved.append(ResolvedReceiptLine(purchaseOrder: po, line: number, received: line.received, rejected: line.rejected,
                                                lot: line.lot, shippedQuantity: shipped, scheduleLine: schedule))
        }
        return (supplier ?? "", resolved)
    }

    /// The delivery (counted from 1) a receipt fills when no notice says so: the first confirmed
    /// delivery not yet covered by what was taken in before.
    public static func delivery(schedule: [ScheduleLine], takenInBefore: Decimal) -> Int {
        var cumulative: Decimal = 0
        for (i, delivery) in schedule.sorted(by: { $0.date < $1.date }).enumerated() {
            cumulative += delivery.quantity
            if takenInBefore < cumulative { return i + 1 }
        }
        return max(schedule.count, 1)
    }
}
