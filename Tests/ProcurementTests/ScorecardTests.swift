import Foundation
import Procurement
import Testing

@Suite("Scorecard")
struct ScorecardTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static func t(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
    static let from = d("2027-01-01"), to = d("2027-01-31")

    static func line(_ due: String, received: Decimal = 10, rejected: Decimal = 0, shipped: Decimal? = nil) -> ScorecardFact.ReceiptLine {
        .init(received: received, rejected: rejected, dueDate: d(due), shippedQuantity: shipped)
    }

    @Test func noTransactionsIsNoFigureNotZeroOrHundredPercent() {
        let s = Scorecard.compute(from: Self.from, to: Self.to, facts: [])
        #expect(s.onTimeDelivery == ScorecardRate(count: 0, hits: 0))
        #expect(s.onTimeDelivery.percent == nil)
        #expect(s.firstPassInvoiceMatch.percent == nil)
        #expect(s.shipNoticeAccuracy.percent == nil)
        #expect(s.acknowledgementCycle == ScorecardCycleTime(count: 0, meanHours: nil, medianHours: nil))
        #expect(s.nonconformances == 0)
    }

    @Test(arguments: [
        // received date vs due date, compared as dates: same day is on time
        ("2027-01-10", ["2027-01-10"], 1, 1),
        ("2027-01-10", ["2027-01-09"], 1, 0),
        ("2027-01-10", ["2027-01-12", "2027-01-09", "2027-01-10"], 3, 2),
        ("2026-12-31", ["2027-01-10"], 0, 0),   // received before the period
        ("2027-02-01", ["2027-01-10"], 0, 0),   // received after the period
        ("2027-01-31", ["2027-01-31"], 1, 1),   // the last day counts
    ])
    func onTimeDeliveryCountsReceiptLinesByDate(received: String, dues: [String], count: Int, onTime: Int) {
        let facts = [ScorecardFact.receipt(receivedDate: Self.d(received), referencesShipNotice: false, lines: dues.map { Self.line($0) })]
        let s = Scorecard.compute(from: Self.from, to: Self.to, facts: facts)
        #expect(s.onTimeDelivery == ScorecardRate(count: count, hits: onTime))
    }

    @Test func percentagesHaveOneDecimalPlace() {
        #expect(ScorecardRate(count: 3, hits: 2).percent == Decimal(string: "66.7"))
        #expect(ScorecardRate(count: 3, hits: 0).percent == 0)
        #expect(ScorecardRate(count: 4, hits: 4).percent == 100)
    }

    @Test(arguments: [
        // received + rejected against what the ship notice announced
        (Decimal(10), Decimal(0), Decimal?.some(10), true, 1, 1),
        (8, 2, 10, true, 1, 1),
        (8, 0, 10, true, 1, 0),
        (12, 0, 10, true, 1, 0),
        (10, 0, nil, false, 0, 0),   // no ship notice: not counted
        (10, 0, 10, false, 0, 0),    // a shipped quantity without a ship notice reference: not counted
    ] as [(Decimal, Decimal, Decimal?, Bool, Int, Int)])
    func shipNoticeAccuracy(received: Decimal, rejected: Decimal, shipped: Decimal?, notice: Bool, count: Int, accurate: Int) {
        let facts = [ScorecardFact.receipt(receivedDate: Self.d("2027-01-10"), referencesShipNotice: notice,
                                           lines: [Self.line("2027-01-10", received: received, rejected: rejected, shipped: shipped)])]
        #expect(Scorecard.compute(from: Self.from, to: Self.to, facts: facts).shipNoticeAccuracy == ScorecardRate(count: count, hits: accurate))
    }

    @Test func acknowledgementCycleTimeFromReleaseToTheFirstAnswerOfThatRevision() {
        let facts: [ScorecardFact] = [
            .released(purchaseOrder: "PO-1", revision: 1, at: Self.t("2027-01-02T00:00:00Z")),
            .acknowledged(purchaseOrder: "PO-1", revision: 1, at: Self.t("2027-01-02T10:00:00Z")),   // 10 h
            .acknowledged(purchaseOrder: "PO-1", revision: 1, at: Self.t("2027-01-03T10:00:00Z")),   // a second answer: ignored
            .released(purchaseOrder: "PO-1", revision: 2, at: Self.t("2027-01-05T00:00:00Z")),
            .acknowledged(purchaseOrder: "PO-1", revision: 2, at: Self.t("2027-01-06T06:00:00Z")),   // 30 h
            .released(purchaseOrder: "PO-2", revision: 1, at: Self.t("2027-01-07T00:00:00Z")),
            .acknowledged(purchaseOrder: "PO-2", revision: 1, at: Self.t("2027-01-07T02:30:00Z")),   // 2.5 h
            .released(purchaseOrder: "PO-3", revision: 1, at: Self.t("2027-01-08T00:00:00Z")),       // unanswered
            .released(purchaseOrder: "PO-4", revision: 1, at: Self.t("2026-12-30T00:00:00Z")),       // before the period
            .acknowledged(purchaseOrder: "PO-4", revision: 1, at: Self.t("2027-01-02T00:00:00Z")),
        ]
        let s = Scorecard.compute(from: Self.from, to: Self.to, facts: facts)
        #expect(s.acknowledgementCycle.count == 3)
        #expect(s.acknowledgementCycle.meanHours == Decimal(string: "14.17"))
        #expect(s.acknowledgementCycle.medianHours == 10)
        #expect(s.unansweredRevisions == 1)
    }

    @Test func medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        let facts: [ScorecardFact] = (1...4).flatMap { i -> [ScorecardFact] in
            [.released(purchaseOrder: "PO-\(i)", revision: 1, at: Self.t("2027-01-02T00:00:00Z")),
             .acknowledged(purchaseOrder: "PO-\(i)", revision: 1, at: Self.t("2027-01-02T00:00:00Z").addingTimeInterval(Double(i * i) * 3600))]
        }
        let s = Scorecard.compute(from: Self.from, to: Self.to, facts: facts)   // 1, 4, 9, 16 hours
        #expect(s.acknowledgementCycle.medianHours == Decimal(string: "6.5"))
        #expect(s.acknowledgementCycle.meanHours == Decimal(string: "7.5"))
    }

    @Test func invoicesAndNonconformancesCountByTheirTimeInThePeriod() {
        let facts: [ScorecardFact] = [
            .invoiceSubmitted(firstPassMatch: true, at: Self.t("2027-01-05T08:00:00Z")),
            .invoiceSubmitted(firstPassMatch: false, at: Self.t("2027-01-06T08:00:00Z")),
            .invoiceSubmitted(firstPassMatch: true, at: Self.t("2027-01-31T23:59:59Z")),
            .invoiceSubmitted(firstPassMatch: true, at: Self.t("2027-02-01T00:00:00Z")),   // after
            .nonconformanceRaised(at: Self.t("2027-01-15T00:00:00Z")),
            .nonconformanceRaised(at: Self.t("2026-12-31T23:59:59Z")),                    // before
        ]
        let s = Scorecard.compute(from: Self.from, to: Self.to, facts: facts)
        #expect(s.firstPassInvoiceMatch == ScorecardRate(count: 3, hits: 2))
        #expect(s.firstPassInvoiceMatch.percent == Decimal(string: "66.7"))
        #expect(s.nonconformances == 1)
    }

    @Test func confirmedDeliveriesCumulateByDate() {
        let deliveries = [ScheduleLine(quantity: 5, date: Self.d("2027-01-20")), ScheduleLine(quantity: 3, date: Self.d("2027-01-10")),
                          ScheduleLine(quantity: 2, date: Self.d("2027-01-10"))]
        #expect(ShipmentDue.cumulative(line: 1, deliveries: deliveries) == [
            DueQuantity(line: 1, dueDate: Self.d("2027-01-10"), cumulative: 5),
            DueQuantity(line: 1, dueDate: Self.d("2027-01-20"), cumulative: 10),
        ])
    }

    @Test(arguments: [
        ("2027-01-07", Decimal(0), false),   // 3 days ahead, window 2: not yet
        ("2027-01-08", 0, true),             // within the window
        ("2027-01-08", 5, false),            // covered
        ("2027-01-08", 4, true),             // short
        ("2027-01-12", 4, true),             // past the date
    ] as [(String, Decimal, Bool)])
    func aDeliveryIsLateInsideTheWindowWhenShipNoticesDoNotCoverIt(today: String, shipped: Decimal, late: Bool) {
        let due = DueQuantity(line: 1, dueDate: Self.d("2027-01-10"), cumulative: 5)
        #expect(ShipmentDue.isLate(due, shipped: shipped, today: Self.d(today), windowDays: 2) == late)
    }
}
