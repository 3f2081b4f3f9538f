import Foundation
import Procurement
import Testing

private func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

/// Line 1: 100 EA, critical, by 2027-01-15. Line 2: 50 EA by 2027-01-20.
private func order(revision: Int = 1, quantity1: Decimal = 100, cancel1: Bool = false, cancel2: Bool = false,
                   dropLine1: Bool = false) -> PurchaseOrder {
    var lines = [
        OrderLine(line: 1, item: "MAT-1", description: "Bracket", quantity: quantity1, unit: "EA", unitPrice: Decimal(string: "2.50")!,
                  needBy: d("2027-01-15"), critical: true, cancelled: cancel1),
        OrderLine(line: 2, item: "MAT-2", description: "Bolt", quantity: 50, unit: "EA", unitPrice: Decimal(string: "0.10")!,
                  needBy: d("2027-01-20"), cancelled: cancel2),
    ]
    if dropLine1 { lines.removeFirst() }
    return PurchaseOrder(number: "PO-1", revision: revision, supplier: "S-1", plant: "P01", currency: "USD", lines: lines)
}

struct RevisionCase: CustomTestStringConvertible, Sendable {
    let name: String
    let incoming: PurchaseOrder
    let current: PurchaseOrder
    var status: OrderStatus = .confirmed
    /// Line 1's ledger.
    var progress = LineProgress()
    /// nil when the revision is refused.
    let change: OrderChange?
    var error: ProcurementError.Code?
    var testDescription: String { name }
}

@Suite("Deciding on order changes from the ERP")
struct OrderChangeDeciderTests {
    static let cases: [RevisionCase] = [
        RevisionCase(name: "a quantity change, nothing shipped → awaiting acknowledgement",
                     incoming: order(revision: 2, quantity1: 80), current: order(),
                     change: OrderChange(cancelledLines: [], cancelsOrder: false)),
        RevisionCase(name: "quantity exactly at shipped 60 → taken",
                     incoming: order(revision: 2, quantity1: 60), current: order(), progress: LineProgress(shipped: 60),
                     change: OrderChange(cancelledLines: [], cancelsOrder: false)),
        RevisionCase(name: "quantity one below shipped 60 → belowShippedQuantity",
                     incoming: order(revision: 2, quantity1: 59), current: order(), progress: LineProgress(shipped: 60),
                     change: nil, error: .belowShippedQuantity),
        RevisionCase(name: "received + rejected counts as committed (50 + 10 = 60) → one below refused",
                     incoming: order(revision: 2, quantity1: 59), current: order(), progress: LineProgress(shipped: 40, received: 50, rejected: 10),
                     change: nil, error: .belowShippedQuantity),
        RevisionCase(name: "received + rejected exactly → taken",
                     incoming: order(revision: 2, quantity1: 60), current: order(), progress: LineProgress(shipped: 40, received: 50, rejected: 10),
                     change: OrderChange(cancelledLines: [], cancelsOrder: false)),
        RevisionCase(name: "invoiced alone does not commit a quantity",
                     incoming: order(revision: 2, quantity1: 1), current: order(), progress: LineProgress(invoiced: 90),
                     change: OrderChange(cancelledLines: [], cancelsOrder: false)),
        RevisionCase(name: "cancel a line with nothing shipped → lineCancelled event",
                     incoming: order(revision: 2, cancel2: true), current: order(), progress: LineProgress(shipped: 10),
                     change: OrderChange(cancelledLines: [2], cancelsOrder: false)),
        RevisionCase(name: "cancel a line with shipped quantity → belowShippedQuantity",
                     incoming: order(revision: 2, cancel1: true), current: order(), progress: LineProgress(shipped: 1),
                     change: nil, error: .belowShippedQuantity),
        RevisionCase(name: "drop a line with shipped quantity → belowShippedQuantity",
                     incoming: order(revision: 2, dropLine1: true), current: order(), progress: LineProgress(received: 5),
                     change: nil, error: .belowShippedQuantity),
        RevisionCase(name: "cancel every line → order cancelled",
                     incoming: order(revision: 2, cancel1: true, cancel2: true), current: order(),
                     change: OrderChange(cancelledLines: [1, 2], cancelsOrder: true)),
        RevisionCase(name: "cancel the last open line → order cancelled, one line newly cancelled",
                     incoming: order(revision: 3, cancel1: true, cancel2: true), current: order(revision: 2, cancel2: true),
                     change: OrderChange(cancelledLines: [1], cancelsOrder: true)),
        RevisionCase(name: "a line cancelled before stays cancelled, not cancelled again",
                     incoming: order(revision: 3, quantity1: 90, cancel2: true), current: order(revision: 2, cancel2: true),
                     change: OrderChange(cancelledLines: [], cancelsOrder: false)),
        RevisionCase(name: "reinstating a cancelled line → lineCancelled",
                     incoming: order(revision: 3), current: order(revision: 2, cancel2: true),
                     change: nil, error: .lineCancelled),
        RevisionCase(name: "a cancelled order takes no revision → orderCancelled",
                     incoming: order(revision: 3), current: order(revision: 2, cancel1: true, cancel2: true), status: .cancelled,
                     change: nil, error: .orderCancelled),
    ]

    @Test(arguments: cases)
    func revisions(_ c: RevisionCase) throws {
        let progress = [1: c.progress]
        if let expected = c.change {
            let change = try OrderChangeDecider.decide(incoming: c.incoming, current: c.current, status: c.status, progress: progress)
            #expect(change == expected)
            #expect(change.status == (expected.cancelsOrder ? .cancelled : .awaitingAcknowledgement))
        } else {
            let error = #expect(throws: ProcurementError.self) {
                try OrderChangeDecider.decide(incoming: c.incoming, current: c.current, status: c.status, progress: progress)
            }
            #expect(error?.code == c.error)
        }
    }

    @Test func theRefusalNamesTheLineAndTheQuantities() throws {
        let error = #expect(throws: ProcurementError.self) {
            try OrderChangeDecider.decide(incoming: order(revision: 2, quantity1: Decimal(string: "59.5")!), current: order(),
                                          status: .confirmed, progress: [1: LineProgress(shipped: 60)])
        }
        #expect(error?.message == "Line 1 of PO-1 cannot go down to 59.5 EA: 60 EA have already been shipped or received.")
        #expect(error?.fields.map(\.pointer) == ["/lines/0/quantity"])
    }

    @Test func aNewOrderCannotStartCancelled() throws {
        try OrderChangeDecider.checkNew(order())
        let error = #expect(throws: ProcurementError.self) { try OrderChangeDecider.checkNew(order(cancel2: true)) }
        #expect(error?.code == .invalidDocument)
        #expect(error?.fields.map(\.pointer) == ["/lines/1/cancelled"])
    }

    @Test func cancellingTheWholeOrder() throws {
        let (cancelled, change) = try OrderChangeDecider.cancellation(of: order(revision: 2), status: .confirmed, revision: nil,
                                                                      reason: " Project stopped ", progress: [:])
        #expect(cancelled.revision == 3)
        #expect(cancelled.cancelReason == "Project stopped")
        #expect(cancelled.isCancelled)
        #expect(cancelled.lines.map(\.quantity) == [100, 50], "the lines keep what was ordered, for history")
        #expect(change == OrderChange(cancelledLines: [1, 2], cancelsOrder: true))
        #expect(try OrderChangeDecider.cancellation(of: order(), status: .confirmed, revision: 7, reason: "x", progress: [:]).order.revision == 7)
        #expect(throws: ProcurementError.self) {
            try OrderChangeDecider.cancellation(of: order(revision: 2), status: .confirmed, revision: 2, reason: "x", progress: [:])
        }
        let shipped = #expect(throws: ProcurementError.self) {
            try OrderChangeDecider.cancellation(of: order(), status: .confirmed, revision: nil, reason: "x", progress: [1: LineProgress(shipped: 1)])
        }
        #expect(shipped?.code == .belowShippedQuantity)
        let again = #expect(throws: ProcurementError.self) {
            try OrderChangeDecider.cancellation(of: order(cancel1: true, cancel2: true), status: .cancelled, revision: nil, reason: "x", progress: [:])
        }
        #expect(again?.code == .orderCancelled)
        let empty = #expect(throws: ProcurementError.self) {
            try OrderChangeDecider.cancellation(of: order(), status: .confirmed, revision: nil, reason: "   ", progress: [:])
        }
        #expect(empty?.fields.map(\.pointer) == ["/reason"])
    }

    @Test func aCancelReasonOnlyOnACancelledOrder() throws {
        var partly = order(cancel2: true)
        partly.cancelReason = "why"
        #expect(throws: ProcurementError.self) { try partly.validate() }
        var whole = order(cancel1: true, cancel2: true)
        whole.cancelReason = "why"
        try whole.validate()
    }
}

@Suite("Acknowledging an order with cancelled lines")
struct CancelledLineAcknowledgementTests {
    static let tolerances = Tolerances(dateDays: 3, quantityPercent: 5, pricePercent: 2)

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let lines: [LineResponse]
        /// nil when refused as an invalid document.
        let decision: Decision?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "the cancelled line left out → confirmed", lines: [LineResponse(line: 1, status: .accepted)], decision: .confirmed),
        Case(name: "the cancelled line accepted → confirmed",
             lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 2, status: .accepted)], decision: .confirmed),
        Case(name: "the cancelled line rejected → refused",
             lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 2, status: .rejected, reason: "no")], decision: nil),
        Case(name: "the cancelled line changed → refused",
             lines: [LineResponse(line: 1, status: .accepted), LineResponse(line: 2, status: .changed, unitPrice: 1)], decision: nil),
        Case(name: "every open line rejected → rejected", lines: [LineResponse(line: 1, status: .rejected, reason: "no")], decision: .rejected),
        Case(name: "the open line left out → refused", lines: [LineResponse(line: 2, status: .accepted)], decision: nil),
    ]

    @Test(arguments: cases)
    func answers(_ c: Case) throws {
        let po = order(revision: 2, cancel2: true)
        let response = OrderResponse(revision: 2, lines: c.lines)
        guard let decision = c.decision else {
            let error = #expect(throws: ProcurementError.self) {
                try AcknowledgementDecider.decide(order: po, status: .awaitingAcknowledgement, response: response, tolerances: Self.tolerances)
            }
            #expect(error?.code == .invalidDocument)
            return
        }
        let outcome = try AcknowledgementDecider.decide(order: po, status: .awaitingAcknowledgement, response: response, tolerances: Self.tolerances)
        #expect(outcome.decision == decision)
        #expect(outcome.lines.map(\.line) == [1, 2])
        let cancelled = try #require(outcome.lines.last)
        #expect(cancelled.cancelled)
        #expect(cancelled.status == .accepted)
        #expect(cancelled.schedule.isEmpty)
    }

    @Test func aCancelledOrderTakesNoAcknowledgement() throws {
        let error = #expect(throws: ProcurementError.self) {
            try AcknowledgementDecider.decide(order: order(revision: 2, cancel1: true, cancel2: true), status: .cancelled,
                                              response: OrderResponse(revision: 2, lines: []), tolerances: Self.tolerances)
        }
        #expect(error?.code == .orderCancelled)
    }
}

@Suite("Scorecard after a cancellation")
struct CancellationScorecardTests {
    @Test func aRevisionThatCancelsTheOrderIsNotAnUnansweredRevision() {
        let day = Date(timeIntervalSince1970: 1_799_000_000)
        let facts: [ScorecardFact] = [
            .released(purchaseOrder: "PO-1", revision: 1, at: day),
            .acknowledged(purchaseOrder: "PO-1", revision: 1, at: day.addingTimeInterval(3600)),
            .released(purchaseOrder: "PO-1", revision: 2, at: day.addingTimeInterval(7200)),
            .cancelled(purchaseOrder: "PO-1", revision: 2),
            .released(purchaseOrder: "PO-2", revision: 1, at: day),
        ]
        let date = LocalDate(utc: day)
        let s = Scorecard.compute(from: date, to: date, facts: facts)
        #expect(s.unansweredRevisions == 1, "PO-2 only")
        #expect(s.acknowledgementCycle.count == 1)
    }
}
