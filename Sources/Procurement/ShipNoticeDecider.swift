import Foundation

/// What a ship notice is measured against, for one order: the current revision, its status, the
/// lines the supplier confirmed, and what the ledger says has shipped.
public struct ShippingOrderState: Sendable, Equatable {
    public var order: PurchaseOrder
    public var status: OrderStatus
    /// The confirmed lines of the current revision; nil while the order is not confirmed.
    public var confirmed: [ConfirmedLine]?
    public var progress: [Int: LineProgress]

    public init(order: PurchaseOrder, status: OrderStatus, confirmed: [ConfirmedLine]?, progress: [Int: LineProgress]) {
        self.order = order
        self.status = status
        self.confirmed = confirmed
        self.progress = progress
    }

    /// The confirmed quantity of a line; nil when the line was never confirmed.
    public func confirmedQuantity(line: Int) -> Decimal? {
        guard status == .confirmed, let confirmed, order.line(line)?.cancelled != true,
              let c = confirmed.first(where: { $0.line == line }), c.status != .rejected else { return nil }
        return c.schedule.reduce(Decimal(0)) { $0 + $1.quantity }
    }

    /// How many deliveries the line was confirmed with.
    public func confirmedDeliveries(line: Int) -> Int {
        confirmed?.first(where: { $0.line == line })?.schedule.count ?? 0
    }
}

/// What a certificate (of conformance or analysis) the supplier uploaded is linked to. A
/// certificate covers an order line of a notice when it names the notice, the order or a lot
/// shipped on that line, and every link it has agrees: the notice is this one, the order is the
/// line's order, the line (if named) is the line, the lot (if named) is shipped on it.
public struct CertificateLink: Sendable, Equatable {
    public var purchaseOrder: String?
    public var line: Int?
    public var lot: String?
    public var shipNotice: String?

    public init(purchaseOrder: String? = nil, line: Int? = nil, lot: String? = nil, shipNotice: String? = nil) {
        self.purchaseOrder = purchaseOrder
        self.line = line
        self.lot = lot
        self.shipNotice = shipNotice
    }
}

extension CertificateLink {
    public func covers(_ key: OrderLineKey, lots: Set<String>, noticeID: String?) -> Bool {
        guard shipNotice != nil || purchaseOrder != nil || lot != nil else { return false }
        if let shipNotice, shipNotice != noticeID { return false }
        if let purchaseOrder, purchaseOrder != key.purchaseOrder { return false }
        if let line, line != key.line || purchaseOrder == nil { return false }
        if let lot, !lots.contains(lot) { return false }
        return true
    }
}

/// The outcome of deciding on a ship notice.
public struct ShipNoticeDecision: Sendable, Equatable {
    /// Order lines that need a certificate the notice does not have; the notice is held while
    /// any are listed.
    public var missingCertificates: [OrderLineKey]
    /// What to add to each line's shipped quantity (the difference to the previous version on
    /// an update); zero differences are left out.
    public var shippedDelta: [OrderLineKey: Decimal]

    public var held: Bool { !missingCertificates.isEmpty }

    /// The reasons a held notice gives the buyer.
    public var reasons: [Reason] {
        missingCertificates.map {
            Reason(code: .certificateMissing, message: "\($0) needs a certificate of conformance or analysis, and none is linked to the order line, its lots or the notice.",
                   line: $0.line)
        }
    }
}

extension Reason.Code {
    public static let certificateMissing = Reason.Code(rawValue: "certificateMissing")
}

/// Decides on a supplier's ship notice: pure, no storage, no clock. Either the whole notice is
/// refused with the first rule it breaks (nothing is applied, across every order it names), or it
/// is accepted (and held when a certificate is missing).
///
/// - Every order must be one the supplier sees (`orders` holds only those): else `unknownPurchaseOrder`.
/// - A line that names a revision must name the current one (`staleRevision`, `unknownRevision`).
/// - Every line must exist (`unknownLine`), be confirmed and not rejected (`lineNotConfirmed`),
///   and name a confirmed delivery (`invalidDocument` on `scheduleLine`).
/// - Per order line, the notice's total may not pass the open quantity (confirmed minus shipped
///   by other notices) by more than `overShipmentPercent` of it: exactly at the limit passes,
///   anything above is `overShipment`.
public enum ShipNoticeDecider {
    /// - Parameters:
    ///   - previous: the quantities an earlier version of this notice already moved into the
    ///     ledger (empty for a new notice); they count as open again for the new version.
    ///   - noticeID: the hub's id of the notice, when it has one (updates), for certificates linked to it.
    public static func decide(_ notice: ShipNoticeDocument, orders: [String: ShippingOrderState],
                              previous: [OrderLineKey: Decimal] = [:], overShipmentPercent: Decimal,
                              certificates: [CertificateLink], noticeID: String? = nil) throws -> ShipNoticeDecision {
        for (p, package) in notice.packages.enumerated() {
            for (i, line) in package.lines.enumerated() {
                let at = "/packages/\(p)/lines/\(i)"
                guard let state = orders[line.purchaseOrder] else {
                    throw ProcurementError(.unknownPurchaseOrder, "There is no purchase order \(line.purchaseOrder).",
                                           fields: [.init(pointer: "\(at)/purchaseOrder", detail: "no such purchase order")])
                }
                if let revision = line.revision, revision < state.order.revision {
                    throw ProcurementError(.staleRevision,
                        "The notice ships against revision \(revision) of \(line.purchaseOrder), but revision \(state.order.revision) is current; ship against the current revision.",
                        fields: [.init(pointer: "\(at)/revision", detail: "revision \(state.order.revision) is current")])
                }
                if let revision = line.revision, revision > state.order.revision {
                    throw ProcurementError(.unknownRevision, "\(line.purchaseOrder) has no revision \(revision); the current revision is \(state.order.revision).",
                                           fields: [.init(pointer: "\(at)/revision", detail: "no such revision")])
                }
                guard state.order.line(line.line) != nil else {
                    throw ProcurementError(.unknownLine, "\(line.purchaseOrder) has no line \(line.line).",
                                           fields: [.init(pointer: "\(at)/line", detail: "no such line")])
                }
                if state.order.line(line.line)?.cancelled == true {
                    throw ProcurementError(.lineCancelled, "Line \(line.line) of \(line.purchaseOrder) is cancelled: nothing more can be shipped on it.",
                                           fields: [.init(pointer: "\(at)/line", detail: "cancelled")])
                }
                guard state.confirmedQuantity(line: line.line) != nil else {
                    let rejected = state.confirmed?.contains { $0.line == line.line && $0.status == .rejected } == true
                    let why = state.status != .confirmed
                        ? "\(line.purchaseOrder) revision \(state.order.revision) is \(state.status.rawValue), not confirmed"
                        : rejected ? "the supplier rejected line \(line.line) of \(line.purchaseOrder)"
                        : "line \(line.line) of \(line.purchaseOrder) was not confirmed"
                    throw ProcurementError(.lineNotConfirmed, "Only confirmed lines can be shipped: \(why).",
                                           fields: [.init(pointer: "\(at)/line", detail: "not confirmed")])
                }
                let deliveries = state.confirmedDeliveries(line: line.line)
                if line.delivery > deliveries {
                    throw ProcurementError(.invalidDocument,
                        "\(line.purchaseOrder) line \(line.line) has \(deliveries) confirmed \(deliveries == 1 ? "delivery" : "deliveries"); scheduleLine \(line.delivery) does not exist.",
                        fields: [.init(pointer: "\(at)/scheduleLine", detail: "must be from 1 to \(deliveries)")])
                }
            }
        }

        var over: [ProcurementError.FieldError] = []
        var delta: [OrderLineKey: Decimal] = [:]
        let totals = notice.quantities
        for key in totals.keys.sorted() {
            let state = orders[key.purchaseOrder]!
            let confirmed = state.confirmedQuantity(line: key.line)!
            let before = previous[key] ?? 0
            let shippedByOthers = (state.progress[key.line]?.shipped ?? 0) - before
            let open = confirmed - shippedByOthers
            let limit = open > 0 ? open + open * overShipmentPercent / 100 : 0
            let total = totals[key]!
            if total > limit {
                over.append(.init(pointer: "/packages", detail:
                    "\(key): \(DecimalText.format(total)) announced, open \(DecimalText.format(max(open, 0))) of \(DecimalText.format(confirmed)) confirmed, at most \(DecimalText.format(limit)) with the \(DecimalText.format(overShipmentPercent))% tolerance"))
            }
            if total != before { delta[key] = total - before }
        }
        for (key, before) in previous where totals[key] == nil && before != 0 { delta[key] = -before }
        if let first = over.first {
            throw ProcurementError(.overShipment, "The notice ships more than is open: \(first.detail).", fields: over)
        }

        let missing = missingCertificates(notice, orders: orders.mapValues(\.order), certificates: certificates, noticeID: noticeID)
        return ShipNoticeDecision(missingCertificates: missing, shippedDelta: delta)
    }

    /// The order lines of the notice that need a certificate and have none linked.
    public static func missingCertificates(_ notice: ShipNoticeDocument, orders: [String: PurchaseOrder], certificates: [CertificateLink],
                                           noticeID: String?) -> [OrderLineKey] {
        var missing: [OrderLineKey] = []
        for key in notice.quantities.keys.sorted() where orders[key.purchaseOrder]?.line(key.line)?.certificateRequired == true {
            let lots = Set(notice.lines.filter { $0.purchaseOrder == key.purchaseOrder && $0.line == key.line }.flatMap { $0.lots.map(\.lot) })
            if !certificates.contains(where: { $0.covers(key, lots: lots, noticeID: noticeID) }) { missing.append(key) }
        }
        return missing
    }
}
