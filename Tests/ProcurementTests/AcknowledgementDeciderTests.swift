import Foundation
import Procurement
import Testing

private func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

private func order(lines: [OrderLine]? = nil, revision: Int = 1) -> PurchaseOrder {
    PurchaseOrder(number: "PO-1", revision: revision, supplier: "S-1", plant: "P01", currency: "USD", lines: lines ?? [
        OrderLine(line: 1, item: "MAT-1", description: "Bracket", quantity: 100, unit: "EA", unitPrice: Decimal(string: "2.50")!,
                  needBy: d("2027-01-15"), critical: true),
        OrderLine(line: 2, item: "MAT-2", description: "Bolt", quantity: 1000, unit: "EA", unitPrice: Decimal(string: "0.10")!,
                  needBy: d("2027-01-20"), schedule: [ScheduleLine(quantity: 500, date: d("2027-01-20")),
                                                      ScheduleLine(quantity: 500, date: d("2027-02-20"))]),
    ])
}

private let tolerances = Tolerances(dateDays: 3, quantityPercent: 5, pricePercent: 2)

struct DecisionCase: CustomTestStringConvertible, Sendable {
    let name: String
    let lines: [LineResponse]
    let decision: Decision
    let reasons: [String]
    var testDescription: String { name }
}

@Suite("Deciding on an acknowledgement")
struct AcknowledgementDeciderTests {
    static let cases: [DecisionCase] = [
        DecisionCase(name: "every line accepted → confirmed",
                     lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 2, status: .accepted)],
                     decision: .confirmed, reasons: []),
        DecisionCase(name: "date 2 days late within ±3 → confirmed",
                     lines: [LineResponse(line: 1, status: .changed, schedule: [ScheduleLine(quantity: 100, date: d("2027-01-17"))]),
                             LineResponse(line: 2, status: .accepted)],
                     decision: .confirmed, reasons: []),
        DecisionCase(name: "date exactly 3 days early → confirmed",
                     lines: [LineResponse(line: 1, status: .changed, schedule: [ScheduleLine(quantity: 100, date: d("2027-01-12"))]),
                             LineResponse(line: 2, status: .accepted)],
                     decision: .confirmed, reasons: []),
        DecisionCase(name: "date 4 days late → inReview",
                     lines: [LineResponse(line: 1, status: .changed, schedule: [ScheduleLine(quantity: 100, date: d("2027-01-19"))]),
                             LineResponse(line: 2, status: .accepted)],
                     decision: .inReview, reasons: ["dateOutOfTolerance"]),
        DecisionCase(name: "quantity −5% within tolerance → confirmed",
                     lines: [LineResponse(line: 1, status: .changed, schedule: [ScheduleLine(quantity: 95, date: d("2027-01-15"))]),
                             LineResponse(line: 2, status: .accepted)],
                     decision: .confirmed, reasons: []),
        DecisionCase(name: "quantity −6% → inReview",
                     lines: [LineResponse(line: 1, status: .changed, schedule: [ScheduleLine(quantity: 94, date: d("2027-01-15"))]),
                             LineResponse(line: 2, status: .accepted)],
                     decision: .inReview, reasons: ["quantityOutOfTolerance"]),
        DecisionCase(name: "price +2% within tolerance → confirmed",
                     lines: [LineResponse(line: 1, status: .changed, unitPrice: Decimal(string: "2.55")!),
                             LineResponse(line: 2, status: .accepted)],
                     decision: .confirmed, reasons: []),
        DecisionCase(name: "price +4% → inReview",
                     lines: [LineResponse(line: 1, status: .changed, unitPrice: Decimal(string: "2.60")!),
                             LineResponse(line: 2, status: .accepted)],
                     decision: .inReview, reasons: ["priceOutOfTolerance"]),
        DecisionCase(name: "split delivery compared in date order → confirmed",
                     lines: [LineResponse(line: 1, status: .accepted),
                             LineResponse(line: 2, status: .changed, schedule: [ScheduleLine(quantity: 500, date: d("2027-02-22")),
                                                                                 ScheduleLine(quantity: 500, date: d("2027-01-21"))])],
                     decision: .confirmed, reasons: []),
        DecisionCase(name: "extra delivery compared with the last ordered date → inReview",
                     lines: [LineResponse(line: 1, status: .accepted),
                             LineResponse(line: 2, status: .changed, schedule: [ScheduleLine(quantity: 400, date: d("2027-01-20")),
                                                                                 ScheduleLine(quantity: 400, date: d("2027-02-20")),
                                                                                 ScheduleLine(quantity: 200, date: d("2027-03-20"))])],
                     decision: .inReview, reasons: ["dateOutOfTolerance"]),
        DecisionCase(name: "several deviations on one line → every reason",
                     lines: [LineResponse(line: 1, status: .changed, schedule: [ScheduleLine(quantity: 50, date: d("2027-02-15"))],
                                          unitPrice: 3),
                             LineResponse(line: 2, status: .accepted)],
                     decision: .inReview, reasons: ["quantityOutOfTolerance", "dateOutOfTolerance", "priceOutOfTolerance"]),
        DecisionCase(name: "one line rejected → inReview",
                     lines: [LineResponse(line: 1, status: .rejected, reason: "Tooling broken"), LineResponse(line: 2, status: .accepted)],
                     decision: .inReview, reasons: ["lineRejected"]),
        DecisionCase(name: "every line rejected → rejected",
                     lines: [LineResponse(line: 1, status: .rejected, reason: "Discontinued"),
                             LineResponse(line: 2, status: .rejected, reason: "Discontinued")],
                     decision: .rejected, reasons: ["orderRejected", "lineRejected", "lineRejected"]),
    ]

    @Test(arguments: cases)
    func decides(_ c: DecisionCase) throws {
        let outcome = try AcknowledgementDecider.decide(order: order(), status: .awaitingAcknowledgement,
                                                        response: OrderResponse(revision: 1, lines: c.lines), tolerances: tolerances)
        #expect(outcome.decision == c.decision)
        #expect(outcome.reasons.map(\.code) == c.reasons)
        #expect(outcome.lines.map(\.line) == [1, 2])
    }

    @Test func confirmedLinesCarryTheProposal() throws {
        let outcome = try AcknowledgementDecider.decide(
            order: order(), status: .awaitingAcknowledgement,
            response: OrderResponse(revision: 1, lines: [
                LineResponse(line: 1, status: .changed, schedule: [ScheduleLine(quantity: 100, date: d("2027-01-17"))]),
                LineResponse(line: 2, status: .accepted),
            ]), tolerances: tolerances)
        #expect(outcome.lines[0].schedule == [ScheduleLine(quantity: 100, date: d("2027-01-17"))])
        #expect(outcome.lines[0].unitPrice == Decimal(string: "2.50"))
        #expect(outcome.lines[1].schedule.count == 2)
    }

    struct RefusalCase: CustomTestStringConvertible, Sendable {
        let name: String
        let revision: Int
        let status: OrderStatus
        let lines: [LineResponse]
        let code: ProcurementError.Code
        var testDescription: String { name }
    }

    static let refusals: [RefusalCase] = [
        RefusalCase(name: "older revision is stale", revision: 1, status: .awaitingAcknowledgement,
                    lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 2, status: .accepted)], code: .staleRevision),
        RefusalCase(name: "newer revision is unknown", revision: 3, status: .awaitingAcknowledgement,
                    lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 2, status: .accepted)], code: .unknownRevision),
        RefusalCase(name: "already confirmed", revision: 2, status: .confirmed,
                    lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 2, status: .accepted)], code: .notAwaitingAcknowledgement),
        RefusalCase(name: "in review", revision: 2, status: .inReview,
                    lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 2, status: .accepted)], code: .notAwaitingAcknowledgement),
        RefusalCase(name: "unknown line", revision: 2, status: .awaitingAcknowledgement,
                    lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 9, status: .accepted)], code: .unknownLine),
        RefusalCase(name: "missing line", revision: 2, status: .awaitingAcknowledgement,
                    lines: [LineResponse(line: 1, status: .accepted)], code: .invalidDocument),
        RefusalCase(name: "line answered twice", revision: 2, status: .awaitingAcknowledgement,
                    lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 1, status: .accepted),
                            LineResponse(line: 2, status: .accepted)], code: .invalidDocument),
        RefusalCase(name: "changed without a change", revision: 2, status: .awaitingAcknowledgement,
                    lines: [LineResponse(line: 1, status: .changed), LineResponse(line: 2, status: .accepted)], code: .invalidDocument),
        RefusalCase(name: "rejected without a reason", revision: 2, status: .awaitingAcknowledgement,
                    lines: [LineResponse(line: 1, status: .rejected), LineResponse(line: 2, status: .accepted)], code: .invalidDocument),
        RefusalCase(name: "negative proposed quantity", revision: 2, status: .awaitingAcknowledgement,
                    lines: [LineResponse(line: 1, status: .changed, schedule: [ScheduleLine(quantity: -1, date: d("2027-01-15"))]),
                            LineResponse(line: 2, status: .accepted)], code: .invalidDocument),
        RefusalCase(name: "accepted line carrying changes", revision: 2, status: .awaitingAcknowledgement,
                    lines: [LineResponse(line: 1, status: .accepted, unitPrice: 3), LineResponse(line: 2, status: .accepted)], code: .invalidDocument),
    ]

    @Test(arguments: refusals)
    func refuses(_ c: RefusalCase) {
        #expect {
            try AcknowledgementDecider.decide(order: order(revision: 2), status: c.status,
                                              response: OrderResponse(revision: c.revision, lines: c.lines), tolerances: tolerances)
        } throws: { ($0 as? ProcurementError)?.code == c.code }
    }
}
