import Foundation
import Procurement
import Testing

@Suite("Nonconformance state machine")
struct NonconformanceMachineTests {
    typealias S = NonconformanceStatus
    typealias E = NonconformanceMachine.Event

    static let events: [E] = NonconformanceStep.allCases.flatMap { [E.answer($0), .accept($0), .giveBack($0)] } + [.close]

    /// Every legal transition: (from, event) → (to, action). Everything else is illegal.
    static let legal: [(S, E, S, NonconformanceMachine.Action)] = [
        (.awaitingContainment, .answer(.containment), .containmentAnswered, .answered(.containment)),
        (.containmentAnswered, .accept(.containment), .awaitingRootCause, .accepted(.containment)),
        (.containmentAnswered, .giveBack(.containment), .awaitingContainment, .returned(.containment)),
        (.awaitingRootCause, .answer(.rootCause), .rootCauseAnswered, .answered(.rootCause)),
        (.rootCauseAnswered, .accept(.rootCause), .awaitingCorrectiveAction, .accepted(.rootCause)),
        (.rootCauseAnswered, .giveBack(.rootCause), .awaitingRootCause, .returned(.rootCause)),
        (.awaitingCorrectiveAction, .answer(.correctiveAction), .correctiveActionAnswered, .answered(.correctiveAction)),
        (.correctiveActionAnswered, .accept(.correctiveAction), .awaitingVerification, .accepted(.correctiveAction)),
        (.correctiveActionAnswered, .giveBack(.correctiveAction), .awaitingCorrectiveAction, .returned(.correctiveAction)),
        (.awaitingVerification, .close, .closed, .closed),
    ]

    @Test func everyLegalTransitionMovesAndSaysWhatToRecord() throws {
        for (from, event, to, action) in Self.legal {
            var machine = NonconformanceMachine(status: from)
            #expect(try machine.handle(event) == action, "\(from) + \(event)")
            #expect(machine.status == to, "\(from) + \(event)")
        }
    }

    /// The code an illegal event gets: a closed report refuses everything; otherwise the code
    /// depends on who tried what.
    static func expectedCode(_ from: S, _ event: E) -> ProcurementError.Code {
        if from == .closed { return .nonconformanceClosed }
        switch event {
        case .answer: return .stepNotOpen
        case .accept, .giveBack: return .stepNotAnswered
        case .close: return .notAwaitingVerification
        }
    }

    @Test func everyIllegalTransitionIsRefusedWithItsCodeAndChangesNothing() {
        var illegal = 0
        for from in S.allCases {
            for event in Self.events where !Self.legal.contains(where: { $0.0 == from && $0.1 == event }) {
                illegal += 1
                var machine = NonconformanceMachine(status: from)
                do {
                    _ = try machine.handle(event)
                    Issue.record("\(from) + \(event) was accepted")
                } catch let error as ProcurementError {
                    #expect(error.code == Self.expectedCode(from, event), "\(from) + \(event): \(error.code.rawValue)")
                    #expect(!error.message.isEmpty)
                } catch {
                    Issue.record("\(from) + \(event): unexpected \(error)")
                }
                #expect(machine.status == from)
            }
        }
        #expect(illegal == S.allCases.count * Self.events.count - Self.legal.count)
    }

    @Test(arguments: [
        (S.containmentAnswered, NonconformanceStep.containment, "already answered"),
        (S.awaitingContainment, NonconformanceStep.rootCause, "once the containment is accepted"),
        (S.awaitingCorrectiveAction, NonconformanceStep.containment, "already accepted"),
    ])
    func refusedAnswersSayWhy(from: S, step: NonconformanceStep, phrase: String) {
        var machine = NonconformanceMachine(status: from)
        #expect(throws: ProcurementError.self) { try machine.handle(.answer(step)) }
        do { _ = try machine.handle(.answer(step)) } catch let error as ProcurementError {
            #expect(error.message.contains(phrase), "\(error.message)")
        } catch {}
    }

    @Test(arguments: [
        (S.awaitingContainment, ["open", "pending", "pending"], [NonconformanceStep.containment, .rootCause, .correctiveAction]),
        (S.containmentAnswered, ["answered", "pending", "pending"], [.rootCause, .correctiveAction]),
        (S.awaitingRootCause, ["accepted", "open", "pending"], [.rootCause, .correctiveAction]),
        (S.rootCauseAnswered, ["accepted", "answered", "pending"], [.correctiveAction]),
        (S.awaitingCorrectiveAction, ["accepted", "accepted", "open"], [.correctiveAction]),
        (S.correctiveActionAnswered, ["accepted", "accepted", "answered"], []),
        (S.awaitingVerification, ["accepted", "accepted", "accepted"], []),
        (S.closed, ["accepted", "accepted", "accepted"], []),
    ])
    func stepStatesAndOwedSteps(status: S, states: [String], owed: [NonconformanceStep]) {
        #expect(NonconformanceStep.allCases.map { status.state(of: $0).rawValue } == states)
        #expect(status.owedSteps == owed)
    }

    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    static func ncr(status: S = .awaitingContainment, reported: [NonconformanceStep] = []) -> Nonconformance {
        var n = Nonconformance(id: "ncr_1", supplier: "S-1", goodsReceipt: "gr_1", purchaseOrder: nil, line: nil, lot: nil,
                               quantityAffected: nil, description: "Burrs", severity: .major,
                               due: NonconformanceDueDates(containment: d("2027-01-02"), rootCause: d("2027-01-09"),
                                                           correctiveAction: d("2027-01-30")), raisedBy: "buyer")
        n.status = status
        n.overdueReported = reported
        return n
    }

    @Test(arguments: [
        ("2027-01-02", S.awaitingContainment, [NonconformanceStep](), [NonconformanceStep](), "2027-01-03"),  // due today: not late
        ("2027-01-03", .awaitingContainment, [], [.containment], "2027-01-03"),                              // the day after
        ("2027-01-10", .awaitingContainment, [], [.containment, .rootCause], "2027-01-03"),
        ("2027-01-10", .awaitingContainment, [.containment], [.rootCause], "2027-01-10"),                    // reported once
        ("2027-01-10", .containmentAnswered, [], [.rootCause], "2027-01-10"),                                // answered: not owed
        ("2027-02-01", .correctiveActionAnswered, [], [], nil),
        ("2027-02-01", .awaitingCorrectiveAction, [.containment, .rootCause, .correctiveAction], [], nil),
        ("2027-02-01", .closed, [], [], nil),
    ] as [(String, S, [NonconformanceStep], [NonconformanceStep], String?)])
    func overdueStepsAreTheOwedOnesPastTheirDueDateNotReportedYet(today: String, status: S, reported: [NonconformanceStep],
                                                                  overdue: [NonconformanceStep], nextCheck: String?) {
        let n = Self.ncr(status: status, reported: reported)
        #expect(n.newlyOverdue(today: Self.d(today)) == overdue)
        #expect(n.nextOverdueCheck?.iso == nextCheck)
    }

    @Test(arguments: [
        ("", "gr_1", nil, nil, "2027-01-01", "2027-01-02", "2027-01-03", "/description"),
        ("Burrs", "GR1", nil, nil, "2027-01-01", "2027-01-02", "2027-01-03", "/goodsReceipt"),
        ("Burrs", "gr_1", 1, nil, "2027-01-01", "2027-01-02", "2027-01-03", "/line"),
        ("Burrs", "gr_1", nil, "0", "2027-01-01", "2027-01-02", "2027-01-03", "/quantityAffected"),
        ("Burrs", "gr_1", nil, nil, "2026-12-31", "2027-01-02", "2027-01-03", "/due/containment"),
        ("Burrs", "gr_1", nil, nil, "2027-01-02", "2027-01-01", "2027-01-03", "/due/rootCause"),
        ("Burrs", "gr_1", nil, nil, "2027-01-01", "2027-01-03", "2027-01-02", "/due/correctiveAction"),
    ] as [(String, String, Int?, String?, String, String, String, String)])
    func newReportsBreakingAFieldRuleAreRefused(description: String, receipt: String, line: Int?, quantity: String?,
                                                containment: String, rootCause: String, corrective: String, pointer: String) {
        do {
            try Nonconformance.validate(description: description, goodsReceipt: receipt, line: line, purchaseOrder: nil, lot: nil,
                                        quantityAffected: quantity.flatMap(DecimalText.parse),
                                        due: NonconformanceDueDates(containment: Self.d(containment), rootCause: Self.d(rootCause),
                                                                    correctiveAction: Self.d(corrective)),
                                        today: Self.d("2027-01-01"))
            Issue.record("accepted")
        } catch let error as ProcurementError {
            #expect(error.code == .invalidDocument)
            #expect(error.fields.map(\.pointer) == [pointer])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
