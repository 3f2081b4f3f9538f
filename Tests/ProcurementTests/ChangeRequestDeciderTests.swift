import Foundation
import Procurement
import Testing

private func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
private func s(_ quantity: Decimal, _ date: String) -> ScheduleLine { ScheduleLine(quantity: quantity, date: d(date)) }

/// Line 1: 100 EA, critical, by 2027-01-15. Line 2: 1000 EA in two deliveries. Line 3: cancelled.
private let order = PurchaseOrder(number: "PO-1", revision: 2, supplier: "S-1", plant: "P01", currency: "USD", lines: [
    OrderLine(line: 1, item: "MAT-1", description: "Bracket", quantity: 100, unit: "EA", unitPrice: Decimal(string: "2.50")!,
              needBy: d("2027-01-15"), critical: true),
    OrderLine(line: 2, item: "MAT-2", description: "Bolt", quantity: 1000, unit: "EA", unitPrice: Decimal(string: "0.10")!,
              needBy: d("2027-01-20"), schedule: [s(500, "2027-01-20"), s(500, "2027-02-20")]),
    OrderLine(line: 3, item: "MAT-3", description: "Nut", quantity: 10, unit: "EA", unitPrice: 1, needBy: d("2027-01-20"), cancelled: true),
    OrderLine(line: 4, item: "MAT-4", description: "Washer", quantity: 10, unit: "EA", unitPrice: 1, needBy: d("2027-01-20")),
])

/// As confirmed: line 1 two days late at a buyer-approved price, line 2 as ordered, line 3 cancelled, line 4 rejected.
private let confirmed = [
    ConfirmedLine(line: 1, status: .changed, schedule: [s(100, "2027-01-17")], unitPrice: Decimal(string: "2.60")!, reason: nil),
    ConfirmedLine(line: 2, status: .accepted, schedule: [s(500, "2027-01-20"), s(500, "2027-02-20")], unitPrice: Decimal(string: "0.10")!, reason: nil),
    ConfirmedLine(line: 3, status: .accepted, schedule: [], unitPrice: 1, reason: nil, cancelled: true),
    ConfirmedLine(line: 4, status: .rejected, schedule: [], unitPrice: 1, reason: "Discontinued"),
]

private let tolerances = Tolerances(dateDays: 3, quantityPercent: 5, pricePercent: 2)

struct ChangeCase: CustomTestStringConvertible, Sendable {
    let name: String
    let lines: [ScheduleChange]
    var revision = 2
    var status: OrderStatus = .confirmed
    var shipped: Decimal = 0
    var pending: String?
    /// `applied` or `inReview` with the reason codes; nil with `error` when refused.
    let outcome: ChangeRequestStatus?
    var reasons: [String] = []
    var error: ProcurementError.Code?
    var testDescription: String { name }
}

@Suite("Deciding on a supplier's change request")
struct ChangeRequestDeciderTests {
    static let cases: [ChangeCase] = [
        ChangeCase(name: "3 days later than ordered (1 more than confirmed) → applied",
                   lines: [ScheduleChange(line: 1, schedule: [s(100, "2027-01-18")])], outcome: .applied),
        ChangeCase(name: "4 days later than ordered → inReview, measured against the order not the confirmation",
                   lines: [ScheduleChange(line: 1, schedule: [s(100, "2027-01-19")])], outcome: .inReview, reasons: ["dateOutOfTolerance"]),
        ChangeCase(name: "−5% quantity → applied",
                   lines: [ScheduleChange(line: 1, schedule: [s(95, "2027-01-15")])], outcome: .applied),
        ChangeCase(name: "−6% quantity → inReview",
                   lines: [ScheduleChange(line: 1, schedule: [s(94, "2027-01-15")])], outcome: .inReview, reasons: ["quantityOutOfTolerance"]),
        ChangeCase(name: "the confirmed price is not a price change",
                   lines: [ScheduleChange(line: 2, schedule: [s(500, "2027-01-21"), s(500, "2027-02-21")])], outcome: .applied),
        ChangeCase(name: "two lines, one out → inReview for the whole request",
                   lines: [ScheduleChange(line: 1, schedule: [s(100, "2027-01-16")]), ScheduleChange(line: 2, schedule: [s(1000, "2027-03-20")])],
                   outcome: .inReview, reasons: ["dateOutOfTolerance"]),
        ChangeCase(name: "exactly the shipped quantity (96, −4%) → applied",
                   lines: [ScheduleChange(line: 1, schedule: [s(96, "2027-01-15")])], shipped: 96, outcome: .applied),
        ChangeCase(name: "one below the shipped quantity → belowShippedQuantity",
                   lines: [ScheduleChange(line: 1, schedule: [s(95, "2027-01-15")])], shipped: 96, outcome: nil, error: .belowShippedQuantity),
        ChangeCase(name: "stale revision", lines: [ScheduleChange(line: 1, schedule: [s(100, "2027-01-16")])], revision: 1,
                   outcome: nil, error: .staleRevision),
        ChangeCase(name: "unknown revision", lines: [ScheduleChange(line: 1, schedule: [s(100, "2027-01-16")])], revision: 3,
                   outcome: nil, error: .unknownRevision),
        ChangeCase(name: "order awaiting acknowledgement", lines: [ScheduleChange(line: 1, schedule: [s(100, "2027-01-16")])],
                   status: .awaitingAcknowledgement, outcome: nil, error: .orderNotConfirmed),
        ChangeCase(name: "order in review", lines: [ScheduleChange(line: 1, schedule: [s(100, "2027-01-16")])],
                   status: .inReview, outcome: nil, error: .orderNotConfirmed),
        ChangeCase(name: "order cancelled", lines: [ScheduleChange(line: 1, schedule: [s(100, "2027-01-16")])],
                   status: .cancelled, outcome: nil, error: .orderCancelled),
        ChangeCase(name: "another request pending", lines: [ScheduleChange(line: 1, schedule: [s(100, "2027-01-16")])],
                   pending: "chr_1", outcome: nil, error: .changeRequestPending),
        ChangeCase(name: "unknown line", lines: [ScheduleChange(line: 9, schedule: [s(1, "2027-01-16")])], outcome: nil, error: .unknownLine),
        ChangeCase(name: "cancelled line", lines: [ScheduleChange(line: 3, schedule: [s(10, "2027-01-16")])], outcome: nil, error: .lineCancelled),
        ChangeCase(name: "rejected line", lines: [ScheduleChange(line: 4, schedule: [s(10, "2027-01-16")])], outcome: nil, error: .lineNotConfirmed),
        ChangeCase(name: "no lines", lines: [], outcome: nil, error: .invalidDocument),
        ChangeCase(name: "the confirmed schedule again", lines: [ScheduleChange(line: 1, schedule: [s(100, "2027-01-17")])],
                   outcome: nil, error: .invalidDocument),
        ChangeCase(name: "empty schedule", lines: [ScheduleChange(line: 1, schedule: [])], outcome: nil, error: .invalidDocument),
    ]

    @Test(arguments: cases)
    func decisions(_ c: ChangeCase) throws {
        let request = ChangeRequest(revision: c.revision, lines: c.lines)
        let progress = c.shipped > 0 ? [1: LineProgress(shipped: c.shipped)] : [:]
        func decide() throws -> ChangeRequestOutcome {
            try ChangeRequestDecider.decide(order: order, status: c.status, confirmed: confirmed, request: request, progress: progress,
                                            pending: c.pending, tolerances: tolerances)
        }
        guard let expected = c.outcome else {
            let error = #expect(throws: ProcurementError.self) { try decide() }
            #expect(error?.code == c.error)
            #expect(error?.message.isEmpty == false)
            return
        }
        let outcome = try decide()
        #expect(outcome.status == expected)
        #expect(outcome.reasons.map(\.code) == c.reasons)
        #expect(outcome.lines.map(\.line) == c.lines.map(\.line).sorted())
        #expect(outcome.previous.map(\.line) == c.lines.map(\.line).sorted())
        for line in outcome.lines {
            #expect(line.status == .changed)
            #expect(line.unitPrice == confirmed.first { $0.line == line.line }?.unitPrice, "the confirmed price stays")
        }
    }

    @Test func aCriticalLineMovedPastNeedByAlertsOnce() {
        // Line 1 was confirmed 2 days late; moving it later still alerts, moving it earlier (but still late) does not.
        let later = [ConfirmedLine(line: 1, status: .changed, schedule: [s(100, "2027-01-18")], unitPrice: 2, reason: nil)]
        let earlier = [ConfirmedLine(line: 1, status: .changed, schedule: [s(100, "2027-01-16")], unitPrice: 2, reason: nil)]
        let onTime = [ConfirmedLine(line: 1, status: .changed, schedule: [s(100, "2027-01-14")], unitPrice: 2, reason: nil)]
        #expect(PlanningAlerts.moved(order: order, from: confirmed, to: later).map(\.daysLate) == [3])
        #expect(PlanningAlerts.moved(order: order, from: confirmed, to: earlier).isEmpty)
        #expect(PlanningAlerts.moved(order: order, from: confirmed, to: onTime).isEmpty)
        #expect(PlanningAlerts.moved(order: order, from: onTime, to: earlier).map(\.daysLate) == [1])
        // Line 2 is not critical.
        let bolts = [ConfirmedLine(line: 2, status: .changed, schedule: [s(1000, "2027-03-20")], unitPrice: 2, reason: nil)]
        #expect(PlanningAlerts.moved(order: order, from: confirmed, to: bolts).isEmpty)
    }
}
