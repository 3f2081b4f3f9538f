import Foundation

/// A quantity of a line that must have shipped by a date: everything confirmed for delivery
/// up to and including `dueDate`.
public struct DueQuantity: Equatable, Sendable {
    public let line: Int
    public let dueDate: LocalDate
    /// Confirmed quantity due on or before `dueDate`, cumulated over the line's deliveries.
    public let cumulative: Decimal

    public init(line: Int, dueDate: LocalDate, cumulative: Decimal) {
        self.line = line
        self.dueDate = dueDate
        self.cumulative = cumulative
    }
}

/// When a confirmed delivery should have been announced by a ship notice: pure.
public enum ShipmentDue {
    /// The deliveries of one line cumulated by date (deliveries on the same date add up).
    public static func cumulative(line: Int, deliveries: [ScheduleLine]) -> [DueQuantity] {
        var result: [DueQuantity] = []
        var total: Decimal = 0
        for delivery in deliveries.sorted(by: { $0.date < $1.date }) {
            total += delivery.quantity
            if let last = result.last, last.dueDate == delivery.date {
                result[result.count - 1] = DueQuantity(line: line, dueDate: delivery.date, cumulative: total)
            } else {
                result.append(DueQuantity(line: line, dueDate: delivery.date, cumulative: total))
            }
        }
        return result
    }

    /// True when the delivery is due within `windowDays` of `today` (or already past) and the
    /// ship notices so far announce less than it.
    public static func isLate(_ due: DueQuantity, shipped: Decimal, today: LocalDate, windowDays: Int) -> Bool {
        due.dueDate <= today.adding(days: windowDays) && shipped < due.cumulative
    }
}
