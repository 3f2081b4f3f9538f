import Foundation
import Procurement
import Testing

@Suite("Planning alerts")
struct PlanningAlertTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    static let order = PurchaseOrder(number: "PO-1", revision: 2, supplier: "S-1", plant: "P01", currency: "USD", lines: [
        OrderLine(line: 1, item: "MAT-1", description: "", quantity: 10, unit: "EA", unitPrice: 1, needBy: d("2027-01-15"), critical: true),
        OrderLine(line: 2, item: "MAT-2", description: "", quantity: 10, unit: "EA", unitPrice: 1, needBy: d("2027-01-15"), critical: false),
    ])

    static func confirmed(_ line: Int, _ dates: [String], status: LineAnswer = .changed) -> ConfirmedLine {
        ConfirmedLine(line: line, status: status, schedule: dates.map { ScheduleLine(quantity: 5, date: d($0)) }, unitPrice: 1, reason: nil)
    }

    @Test(arguments: [
        (["2027-01-15"], 0),              // on the need-by date: no alert
        (["2027-01-10"], 0),              // early: no alert
        (["2027-01-16"], 1),              // one day late
        (["2027-01-10", "2027-01-20"], 1), // the last delivery counts
    ])
    func criticalLineLateByItsLastDelivery(dates: [String], alerts: Int) {
        let found = PlanningAlerts.late(order: Self.order, confirmed: [Self.confirmed(1, dates)])
        #expect(found.count == alerts)
        if let alert = found.first {
            #expect(alert.line == 1)
            #expect(alert.needBy == Self.d("2027-01-15"))
            #expect(alert.daysLate == Self.d("2027-01-15").days(to: alert.confirmed))
        }
    }

    @Test func nonCriticalAndRejectedLinesRaiseNoAlert() {
        #expect(PlanningAlerts.late(order: Self.order, confirmed: [Self.confirmed(2, ["2027-03-01"])]).isEmpty)
        #expect(PlanningAlerts.late(order: Self.order, confirmed: [Self.confirmed(1, [], status: .rejected)]).isEmpty)
    }
}
