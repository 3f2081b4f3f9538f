import Foundation

/// What the order looks like once the answer is taken: per line, the deliveries and price
/// the ERP should now plan with.
public struct ConfirmedLine: Equatable, Sendable, Codable {
    public var line: Int
    public var status: LineAnswer
    public var schedule: [ScheduleLine]
    public var unitPrice: Decimal
    public var reason: String?
    /// The ERP cancelled the line: it stands `accepted` with no deliveries, so nothing is open on it.
    public var cancelled: Bool

    enum CodingKeys: String, CodingKey { case line, status, schedule, unitPrice, reason, cancelled }

    public init(line: Int, status: LineAnswer, schedule: [ScheduleLine], unitPrice: Decimal, reason: String?, cancelled: Bool = false) {
        self.line = line
        self.status = status
        self.schedule = schedule
        self.unitPrice = unitPrice
        self.reason = reason
        self.cancelled = cancelled
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        line = try c.decode(Int.self, forKey: .line)
        status = try c.decode(LineAnswer.self, forKey: .status)
        schedule = try c.decode([ScheduleLine].self, forKey: .schedule)
        unitPrice = try c.decodeDecimal(forKey: .unitPrice)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        cancelled = try c.decodeIfPresent(Bool.self, forKey: .cancelled) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line, forKey: .line)
        try c.encode(status, forKey: .status)
        try c.encode(schedule, forKey: .schedule)
        try c.encodeDecimal(unitPrice, forKey: .unitPrice)
        try c.encodeIfPresent(reason, forKey: .reason)
        if cancelled { try c.encode(true, forKey: .cancelled) }
    }
}

/// The outcome of deciding on an acknowledgement.
public struct AcknowledgementOutcome: Equatable, Sendable {
    public var decision: Decision
    public var reasons: [Reason]
    public var lines: [ConfirmedLine]
}

/// Decides on a supplier's acknowledgement: pure, no storage, no clock.
///
/// - Every line accepted, or changed within the supplier's tolerances: `confirmed`.
/// - Any change outside them, or some lines rejected: `inReview` for a buyer.
/// - Every line rejected: `rejected`.
///
/// Lines the ERP cancelled need no answer; answered, they must be `accepted` (taken as the
/// supplier noting the cancellation). They are confirmed with no deliveries either way.
public enum AcknowledgementDecider {
    public static func decide(order: PurchaseOrder, status: OrderStatus, response: OrderResponse,
                              tolerances: Tolerances) throws -> AcknowledgementOutcome {
        if status == .cancelled {
            throw ProcurementError(.orderCancelled, "\(order.number) is cancelled and takes no acknowledgement.")
        }
        if response.revision < order.revision {
            throw ProcurementError(.staleRevision,
                "The acknowledgement answers revision \(response.revision) of \(order.number), but revision \(order.revision) is current; answer the current revision.")
        }
        if response.revision > order.revision {
            throw ProcurementError(.unknownRevision,
                "\(order.number) has no revision \(response.revision); the current revision is \(order.revision).")
        }
        guard status == .awaitingAcknowledgement else {
            throw ProcurementError(.notAwaitingAcknowledgement,
                "\(order.number) revision \(order.revision) is \(status.rawValue) and does not take another acknowledgement.")
        }
        try validate(response, against: order)

        var reasons: [Reason] = []
        var lines: [ConfirmedLine] = []
        for line in order.lines where line.cancelled {
            lines.append(ConfirmedLine(line: line.line, status: .accepted, schedule: [], unitPrice: line.unitPrice, reason: nil, cancelled: true))
        }
        for answer in response.lines {
            let ordered = order.line(answer.line)!
            if ordered.cancelled { continue }
            switch answer.status {
            case .accepted:
                lines.append(ConfirmedLine(line: ordered.line, status: .accepted, schedule: ordered.schedule,
                                           unitPrice: ordered.unitPrice, reason: nil))
            case .rejected:
                reasons.append(Reason(code: .lineRejected,
                    message: "Line \(ordered.line) (\(ordered.item)) rejected: \(answer.reason ?? "")", line: ordered.line))
                lines.append(ConfirmedLine(line: ordered.line, status: .rejected, schedule: [],
                                           unitPrice: ordered.unitPrice, reason: answer.reason))
            case .changed:
                let schedule = answer.schedule ?? ordered.schedule
                let price = answer.unitPrice ?? ordered.unitPrice
                reasons += ToleranceCheck.deviations(ordered: ordered, schedule: schedule, unitPrice: price, tolerances: tolerances)
                lines.append(ConfirmedLine(line: ordered.line, status: .changed, schedule: schedule,
                                           unitPrice: price, reason: answer.reason))
            }
        }

        lines.sort { $0.line < $1.line }
        let decision: Decision
        let open = lines.filter { !$0.cancelled }
        if !open.isEmpty, open.allSatisfy({ $0.status == .rejected }) {
            decision = .rejected
            reasons.insert(Reason(code: .orderRejected, message: "The supplier rejected every line of \(order.number)."), at: 0)
        } else if reasons.isEmpty {
            decision = .confirmed
        } else {
            decision = .inReview
        }
        return AcknowledgementOutcome(decision: decision, reasons: reasons, lines: lines)
    }

    /// Field rules: every line answered exactly once; changed lines carry a change;
    /// rejected lines carry a reason.
    static func validate(_ response: OrderResponse, against order: PurchaseOrder) throws {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        var seen = Set<Int>()
        for (i, answer) in response.lines.enumerated() {
            let p = "/lines/\(i)"
            guard let ordered = order.line(answer.line) else {
                throw ProcurementError(.unknownLine,
                    "\(order.number) revision \(order.revision) has no line \(answer.line).",
                    fields: [F(pointer: "\(p)/line", detail: "no such line on the order")])
            }
            if !seen.insert(answer.line).inserted {
                errors.append(F(pointer: "\(p)/line", detail: "line \(answer.line) is answered more than once"))
            }
            if let reason = answer.reason, reason.count > 500 {
                errors.append(F(pointer: "\(p)/reason", detail: "must be at most 500 characters"))
            }
            if ordered.cancelled {
                if answer.status != .accepted || answer.schedule != nil || answer.unitPrice != nil {
                    errors.append(F(pointer: "\(p)/status", detail: "line \(answer.line) is cancelled; leave it out or answer it \"accepted\""))
                }
                continue
            }
            switch answer.status {
            case .accepted:
                if answer.schedule != nil || answer.unitPrice != nil {
                    errors.append(F(pointer: p, detail: "an accepted line carries no schedule or unitPrice; use status \"changed\" to propose changes"))
                }
            case .rejected:
                if (answer.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                    errors.append(F(pointer: "\(p)/reason", detail: "a rejected line needs a reason"))
                }
                if answer.schedule != nil || answer.unitPrice != nil {
                    errors.append(F(pointer: p, detail: "a rejected line carries no schedule or unitPrice"))
                }
            case .changed:
                if answer.schedule == nil && answer.unitPrice == nil {
                    errors.append(F(pointer: p, detail: "a changed line needs a schedule, a unitPrice or both"))
                }
                if let schedule = answer.schedule {
                    errors += ScheduleLine.validate(schedule, total: nil, at: "\(p)/schedule")
                }
                if let price = answer.unitPrice, price < 0 {
                    errors.append(F(pointer: "\(p)/unitPrice", detail: "must not be negative"))
                }
                _ = ordered
            }
        }
        for line in order.lines where !line.cancelled && !seen.contains(line.line) {
            errors.append(F(pointer: "/lines", detail: "line \(line.line) has no answer; answer every line of the order"))
        }
        try ProcurementError.throwIfInvalid(errors, what: "acknowledgement")
    }
}

/// Compares a proposed line with the ordered one against a supplier's tolerances.
public enum ToleranceCheck {
    public static func deviations(ordered: OrderLine, schedule: [ScheduleLine], unitPrice: Decimal,
                                  tolerances: Tolerances) -> [Reason] {
        var reasons: [Reason] = []
        let proposedTotal = schedule.reduce(Decimal(0)) { $0 + $1.quantity }
        if let percent = percentDeviation(from: ordered.quantity, to: proposedTotal), percent > tolerances.quantityPercent {
            reasons.append(Reason(code: .quantityOutOfTolerance,
                message: "Line \(ordered.line): quantity \(DecimalText.format(proposedTotal)) differs from \(DecimalText.format(ordered.quantity)) by \(DecimalText.format(rounded(percent)))%, more than the \(DecimalText.format(tolerances.quantityPercent))% allowed.",
                line: ordered.line))
        }
        // Deliveries are compared in date order: the n-th proposed delivery against the n-th
        // ordered one (or the last ordered one when the supplier splits into more deliveries).
        let original = ordered.schedule.map(\.date).sorted()
        var worst: (days: Int, proposed: LocalDate, reference: LocalDate)?
        for (i, delivery) in schedule.sorted(by: { $0.date < $1.date }).enumerated() {
            let reference = original[min(i, original.count - 1)]
            let days = reference.days(to: delivery.date)
            if abs(days) > tolerances.dateDays, abs(days) > abs(worst?.days ?? 0) {
                worst = (days, delivery.date, reference)
            }
        }
        if let worst {
            let direction = worst.days > 0 ? "later" : "earlier"
            reasons.append(Reason(code: .dateOutOfTolerance,
                message: "Line \(ordered.line): delivery on \(worst.proposed) is \(abs(worst.days)) days \(direction) than \(worst.reference), more than the \(tolerances.dateDays) days allowed.",
                line: ordered.line))
        }
        if unitPrice != ordered.unitPrice {
            let percent = percentDeviation(from: ordered.unitPrice, to: unitPrice)
            if percent == nil || percent! > tolerances.pricePercent {
                let by = percent.map { " by \(DecimalText.format(rounded($0)))%" } ?? ""
                reasons.append(Reason(code: .priceOutOfTolerance,
                    message: "Line \(ordered.line): unit price \(DecimalText.format(unitPrice)) differs from \(DecimalText.format(ordered.unitPrice))\(by), more than the \(DecimalText.format(tolerances.pricePercent))% allowed.",
                    line: ordered.line))
            }
        }
        return reasons
    }

    /// |to − from| / from × 100; nil when `from` is zero.
    static func percentDeviation(from: Decimal, to: Decimal) -> Decimal? {
        guard from != 0 else { return to == 0 ? 0 : nil }
        let diff = to - from
        return (diff < 0 ? -diff : diff) / from * 100
    }

    static func rounded(_ d: Decimal) -> Decimal {
        var v = d
        var r = Decimal()
        NSDecimalRound(&r, &v, 2, .plain)
        return r
    }
}
