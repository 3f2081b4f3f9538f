/// A confirmed delivery that comes after the need-by date of a critical line: planning must act.
public struct PlanningAlert: Equatable, Sendable {
    public let line: Int
    public let item: String
    public let needBy: LocalDate
    /// The last confirmed delivery of the line.
    public let confirmed: LocalDate
    public var daysLate: Int { needBy.days(to: confirmed) }
}

/// Finds the late critical lines in a confirmed answer: pure.
public enum PlanningAlerts {
    /// Lines marked `critical` whose last confirmed delivery is after their need-by date.
    /// Rejected lines are not deliveries and raise no alert here.
    public static func late(order: PurchaseOrder, confirmed lines: [ConfirmedLine]) -> [PlanningAlert] {
        lines.compactMap { answer in
            guard answer.status != .rejected, let ordered = order.line(answer.line), ordered.critical,
                  let last = answer.schedule.map(\.date).max(), last > ordered.needBy else { return nil }
            return PlanningAlert(line: ordered.line, item: ordered.item, needBy: ordered.needBy, confirmed: last)
        }
    }
}
