import Foundation

/// New deliveries a supplier proposes for one confirmed line: the whole new schedule of the line.
public struct ScheduleChange: Equatable, Sendable, Codable {
    public var line: Int
    public var schedule: [ScheduleLine]
    /// Why, in the supplier's words.
    public var reason: String?

    public init(line: Int, schedule: [ScheduleLine], reason: String? = nil) {
        self.line = line
        self.schedule = schedule
        self.reason = reason
    }
}

/// A supplier asks to change what it confirmed on the current revision of an order: other
/// promised dates and/or quantities for some lines. Prices are not changed this way.
public struct ChangeRequest: Equatable, Sendable, Codable {
    /// The revision the request is made against; must be the current one.
    public var revision: Int
    public var lines: [ScheduleChange]

    public init(revision: Int, lines: [ScheduleChange]) {
        self.revision = revision
        self.lines = lines
    }
}

/// Where a change request stands.
public enum ChangeRequestStatus: String, Sendable, Codable, CaseIterable {
    /// Within tolerance: the confirmed schedule changed at once.
    case applied
    /// Outside tolerance: waiting for a buyer; the previous confirmation holds meanwhile.
    case inReview
    /// A buyer approved it: the confirmed schedule changed.
    case approved
    /// A buyer rejected it: the previous confirmation holds.
    case rejected
    /// A newer revision of the order made it moot before a buyer decided.
    case superseded

    /// The request changed the confirmed schedule.
    public var isApplied: Bool { self == .applied || self == .approved }
}

/// The outcome of deciding on a change request.
public struct ChangeRequestOutcome: Equatable, Sendable {
    /// `applied` or `inReview`.
    public var status: ChangeRequestStatus
    public var reasons: [Reason]
    /// The confirmed lines the request asks for, one per changed line, in line order.
    public var lines: [ConfirmedLine]
    /// The same lines as confirmed before the request.
    public var previous: [ConfirmedLine]
}

/// Decides on a supplier's change request: pure, no storage, no clock.
///
/// The request runs through the same tolerance check as an acknowledgement, measured against
/// the *ordered* line (so a chain of small changes cannot drift out of tolerance unnoticed):
/// within tolerance it is applied at once, outside it waits for a buyer. No line may go below
/// what has already been shipped or received.
public enum ChangeRequestDecider {
    public static func decide(order: PurchaseOrder, status: OrderStatus, confirmed: [ConfirmedLine], request: ChangeRequest,
                              progress: [Int: LineProgress], pending: String?, tolerances: Tolerances) throws -> ChangeRequestOutcome {
        if status == .cancelled {
            throw ProcurementError(.orderCancelled, "\(order.number) is cancelled and takes no change request.")
        }
        if request.revision < order.revision {
            throw ProcurementError(.staleRevision,
                "The change request is against revision \(request.revision) of \(order.number), but revision \(order.revision) is current; acknowledge the current revision first.")
        }
        if request.revision > order.revision {
            throw ProcurementError(.unknownRevision,
                "\(order.number) has no revision \(request.revision); the current revision is \(order.revision).")
        }
        guard status == .confirmed else {
            throw ProcurementError(.orderNotConfirmed,
                "\(order.number) revision \(order.revision) is \(status.rawValue); only a confirmed order takes change requests (acknowledge it instead).")
        }
        if let pending {
            throw ProcurementError(.changeRequestPending,
                "Change request \(pending) on \(order.number) is waiting for a buyer; send the next one after it is decided.")
        }
        try validate(request, order: order, confirmed: confirmed)

        var reasons: [Reason] = []
        var lines: [ConfirmedLine] = []
        var previous: [ConfirmedLine] = []
        for change in request.lines.sorted(by: { $0.line < $1.line }) {
            let ordered = order.line(change.line)!
            let before = confirmed.first { $0.line == change.line }!
            try checkCommitted(ordered: ordered, schedule: change.schedule, number: order.number, progress: progress)
            reasons += ToleranceCheck.deviations(ordered: ordered, schedule: change.schedule, unitPrice: ordered.unitPrice,
                                                 tolerances: tolerances)
            previous.append(before)
            lines.append(ConfirmedLine(line: change.line, status: .changed, schedule: change.schedule, unitPrice: before.unitPrice,
                                       reason: change.reason))
        }
        return ChangeRequestOutcome(status: reasons.isEmpty ? .applied : .inReview, reasons: reasons, lines: lines, previous: previous)
    }

    /// Throws `belowShippedQuantity` when `schedule` adds up to less than the line's committed quantity.
    public static func checkCommitted(ordered: OrderLine, schedule: [ScheduleLine], number: String,
                                      progress: [Int: LineProgress]) throws {
        let committed = progress[ordered.line]?.committed ?? 0
        let total = schedule.reduce(Decimal(0)) { $0 + $1.quantity }
        guard total < committed else { return }
        throw ProcurementError(.belowShippedQuantity,
            "Line \(ordered.line) of \(number) cannot go down to \(DecimalText.format(total)) \(ordered.unit): \(DecimalText.format(committed)) \(ordered.unit) have already been shipped or received.")
    }

    /// Field rules: at least one line; each line once, on the order, confirmed and not
    /// cancelled, with a valid schedule that differs from the confirmed one.
    static func validate(_ request: ChangeRequest, order: PurchaseOrder, confirmed: [ConfirmedLine]) throws {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        if request.lines.isEmpty { errors.append(F(pointer: "/lines", detail: "a change request needs at least one line")) }
        var seen = Set<Int>()
        for (i, change) in request.lines.enumerated() {
            let p = "/lines/\(i)"
            guard let ordered = order.line(change.line) else {
                throw ProcurementError(.unknownLine, "\(order.number) revision \(order.revision) has no line \(change.line).",
                                       fields: [F(pointer: "\(p)/line", detail: "no such line on the order")])
            }
            if ordered.cancelled {
                throw ProcurementError(.lineCancelled, "Line \(change.line) of \(order.number) is cancelled; there is nothing to change on it.",
                                       fields: [F(pointer: "\(p)/line", detail: "the line is cancelled")])
            }
            guard let before = confirmed.first(where: { $0.line == change.line }), before.status != .rejected else {
                throw ProcurementError(.lineNotConfirmed,
                    "Line \(change.line) of \(order.number) was rejected in the confirmation; there is no confirmed delivery to change.",
                    fields: [F(pointer: "\(p)/line", detail: "the line is not confirmed")])
            }
            if !seen.insert(change.line).inserted {
                errors.append(F(pointer: "\(p)/line", detail: "line \(change.line) appears more than once"))
            }
            if let reason = change.reason, reason.count > 500 {
                errors.append(F(pointer: "\(p)/reason", detail: "must be at most 500 characters"))
            }
            let scheduleErrors = ScheduleLine.validate(change.schedule, total: nil, at: "\(p)/schedule")
            errors += scheduleErrors
            if scheduleErrors.isEmpty, change.schedule.sorted(by: { $0.date < $1.date }) == before.schedule.sorted(by: { $0.date < $1.date }) {
                errors.append(F(pointer: "\(p)/schedule", detail: "is the schedule already confirmed; a change request must change something"))
            }
        }
        try ProcurementError.throwIfInvalid(errors, what: "change request")
    }
}

extension PlanningAlerts {
    /// Critical lines a change moves past their need-by date: late now, and either on time
    /// before or later than before.
    public static func moved(order: PurchaseOrder, from previous: [ConfirmedLine], to changed: [ConfirmedLine]) -> [PlanningAlert] {
        late(order: order, confirmed: changed).filter { alert in
            guard let before = previous.first(where: { $0.line == alert.line }), before.status != .rejected,
                  let last = before.schedule.map(\.date).max() else { return true }
            return last <= alert.needBy || alert.confirmed > last
        }
    }
}
