import Foundation

/// How bad a nonconformance is, as the buyer judges it.
public enum NonconformanceSeverity: String, Sendable, Codable, CaseIterable {
    case minor
    case major
    case critical

    public init(from decoder: Decoder) throws { self = try StrictEnum.decode(from: decoder) }
}

/// The steps of a short 8D the supplier answers: D3 containment, D4 root cause, D5/D6
/// corrective action. D7/D8 (verification and closure) belong to the buyer.
public enum NonconformanceStep: String, Sendable, Codable, CaseIterable, Comparable {
    case containment
    case rootCause
    case correctiveAction

    public init(from decoder: Decoder) throws { self = try StrictEnum.decode(from: decoder) }

    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
    var order: Int { Self.allCases.firstIndex(of: self)! }

    /// The 8D discipline the step stands for.
    public var discipline: String {
        switch self {
        case .containment: "D3"
        case .rootCause: "D4"
        case .correctiveAction: "D5/D6"
        }
    }

    /// Words for messages: "containment", "root cause", "corrective action".
    public var words: String {
        switch self {
        case .containment: "containment"
        case .rootCause: "root cause"
        case .correctiveAction: "corrective action"
        }
    }
}

/// Where a nonconformance stands. The steps go in order: each waits for the supplier's answer,
/// then for the buyer's review; an accepted answer opens the next step, a returned one asks the
/// supplier again. After the corrective action is accepted the buyer verifies it and closes.
public enum NonconformanceStatus: String, Sendable, Codable, CaseIterable {
    case awaitingContainment
    case containmentAnswered
    case awaitingRootCause
    case rootCauseAnswered
    case awaitingCorrectiveAction
    case correctiveActionAnswered
    case awaitingVerification
    case closed

    public init(from decoder: Decoder) throws { self = try StrictEnum.decode(from: decoder) }

    /// The step waiting for the supplier's answer, if any.
    public var awaitedStep: NonconformanceStep? {
        switch self {
        case .awaitingContainment: .containment
        case .awaitingRootCause: .rootCause
        case .awaitingCorrectiveAction: .correctiveAction
        default: nil
        }
    }

    /// The step whose answer waits for the buyer's review, if any.
    public var answeredStep: NonconformanceStep? {
        switch self {
        case .containmentAnswered: .containment
        case .rootCauseAnswered: .rootCause
        case .correctiveActionAnswered: .correctiveAction
        default: nil
        }
    }

    /// Steps the supplier still owes an answer to: the awaited one and every later one.
    /// A step whose answer waits for review, or was accepted, is not owed.
    public var owedSteps: [NonconformanceStep] {
        switch self {
        case .awaitingContainment: [.containment, .rootCause, .correctiveAction]
        case .containmentAnswered, .awaitingRootCause: [.rootCause, .correctiveAction]
        case .rootCauseAnswered, .awaitingCorrectiveAction: [.correctiveAction]
        case .correctiveActionAnswered, .awaitingVerification, .closed: []
        }
    }

    static func awaiting(_ step: NonconformanceStep) -> Self {
        switch step {
        case .containment: .awaitingContainment
        case .rootCause: .awaitingRootCause
        case .correctiveAction: .awaitingCorrectiveAction
        }
    }

    static func answered(_ step: NonconformanceStep) -> Self {
        switch step {
        case .containment: .containmentAnswered
        case .rootCause: .rootCauseAnswered
        case .correctiveAction: .correctiveActionAnswered
        }
    }
}

extension ProcurementError.Code {
    /// The supplier answered a step that is not waiting for an answer (answered already,
    /// accepted, or an earlier step is not accepted yet).
    public static let stepNotOpen = ProcurementError.Code(rawValue: "stepNotOpen")
    /// The buyer reviewed a step that has no answer waiting for review.
    public static let stepNotAnswered = ProcurementError.Code(rawValue: "stepNotAnswered")
    /// The buyer tried to close before the corrective action was accepted.
    public static let notAwaitingVerification = ProcurementError.Code(rawValue: "notAwaitingVerification")
    /// Nothing more can happen to a closed nonconformance.
    public static let nonconformanceClosed = ProcurementError.Code(rawValue: "nonconformanceClosed")
    /// The purchase order named belongs to another supplier than the one named.
    public static let supplierMismatch = ProcurementError.Code(rawValue: "supplierMismatch")
}

/// The life of a nonconformance as a pure state machine: `handle` checks that an event is
/// legal in the current status and moves to the next one, or throws with a reason code.
public struct NonconformanceMachine: Equatable, Sendable {
    public enum Event: Equatable, Sendable {
        /// The supplier answers a step.
        case answer(NonconformanceStep)
        /// The buyer accepts the answer to a step.
        case accept(NonconformanceStep)
        /// The buyer sends the answer to a step back to the supplier.
        case giveBack(NonconformanceStep)
        /// The buyer verifies the corrective action and closes (D7/D8).
        case close
    }

    /// What the flow must record for a legal event.
    public enum Action: Equatable, Sendable {
        case answered(NonconformanceStep)
        case accepted(NonconformanceStep)
        case returned(NonconformanceStep)
        case closed
    }

    public private(set) var status: NonconformanceStatus

    public init(status: NonconformanceStatus = .awaitingContainment) { self.status = status }

    public mutating func handle(_ event: Event) throws -> Action {
        if status == .closed {
            throw ProcurementError(.nonconformanceClosed, "The nonconformance is closed; nothing more can be recorded on it.")
        }
        switch event {
        case .answer(let step):
            guard status.awaitedStep == step else {
                throw ProcurementError(.stepNotOpen, Self.whyNotOpen(step, status: status))
            }
            status = .answered(step)
            return .answered(step)
        case .accept(let step), .giveBack(let step):
            guard status.answeredStep == step else {
                throw ProcurementError(.stepNotAnswered,
                    "The \(step.words) (\(step.discipline)) has no answer waiting for review; the nonconformance is \(status.rawValue).")
            }
            if case .accept = event {
                status = step == .correctiveAction ? .awaitingVerification : .awaiting(NonconformanceStep.allCases[step.order + 1])
                return .accepted(step)
            }
            status = .awaiting(step)
            return .returned(step)
        case .close:
            guard status == .awaitingVerification else {
                throw ProcurementError(.notAwaitingVerification,
                    "Only a nonconformance whose corrective action was accepted can be verified and closed; this one is \(status.rawValue).")
            }
            status = .closed
            return .closed
        }
    }

    private static func whyNotOpen(_ step: NonconformanceStep, status: NonconformanceStatus) -> String {
        let name = "The \(step.words) (\(step.discipline))"
        if let answered = status.answeredStep, answered == step {
            return "\(name) is already answered and waits for the buyer's review."
        }
        if status.owedSteps.contains(step) {
            let awaited = status.awaitedStep ?? status.answeredStep ?? step
            return "\(name) can be answered once the \(awaited.words) is accepted; the nonconformance is \(status.rawValue)."
        }
        return "\(name) was already accepted."
    }
}

/// The due date of each step the supplier answers.
public struct NonconformanceDueDates: Equatable, Sendable, Codable {
    public var containment: LocalDate
    public var rootCause: LocalDate
    public var correctiveAction: LocalDate

    public init(containment: LocalDate, rootCause: LocalDate, correctiveAction: LocalDate) {
        self.containment = containment
        self.rootCause = rootCause
        self.correctiveAction = correctiveAction
    }

    public subscript(step: NonconformanceStep) -> LocalDate {
        switch step {
        case .containment: containment
        case .rootCause: rootCause
        case .correctiveAction: correctiveAction
        }
    }
}

/// A supplier's answer to one step, and the buyer's review of it.
public struct NonconformanceAnswer: Equatable, Sendable, Codable {
    public var text: String
    public var answeredAt: Date
    public var answeredBy: String
    /// "accepted" or "returned" once reviewed.
    public var review: String?
    public var reviewNote: String?
    public var reviewedAt: Date?
    public var reviewedBy: String?

    public init(text: String, answeredAt: Date, answeredBy: String) {
        self.text = text
        self.answeredAt = answeredAt
        self.answeredBy = answeredBy
    }
}

/// A nonconformance report (NCR): a buyer's finding that goods received from a supplier do
/// not conform, and the supplier's short 8D answer to it.
public struct Nonconformance: Equatable, Sendable, Codable {
    public var id: String
    public var supplier: String
    /// The goods receipt the nonconformance was found on (`gr_…`).
    public var goodsReceipt: String
    public var purchaseOrder: String?
    public var line: Int?
    public var lot: String?
    public var quantityAffected: Decimal?
    public var description: String
    public var severity: NonconformanceSeverity
    public var due: NonconformanceDueDates
    public var status: NonconformanceStatus
    /// The latest answer to each step (keys are step names).
    public var answers: [String: NonconformanceAnswer]
    /// Steps already reported overdue; each is reported once.
    public var overdueReported: [NonconformanceStep]
    public var raisedBy: String
    public var closingNote: String?

    public init(id: String, supplier: String, goodsReceipt: String, purchaseOrder: String?, line: Int?, lot: String?,
                quantityAffected: Decimal?, description: String, severity: NonconformanceSeverity, due: NonconformanceDueDates,
                raisedBy: String) {
        self.id = id
        self.supplier = supplier
        self.goodsReceipt = goodsReceipt
        self.purchaseOrder = purchaseOrder
        self.line = line
        self.lot = lot
        self.quantityAffected = quantityAffected
        self.description = description
        self.severity = severity
        self.due = due
        self.status = .awaitingContainment
        self.answers = [:]
        self.overdueReported = []
        self.raisedBy = raisedBy
    }

    /// Owed steps past their due date on `today` that were not reported yet. A step is late
    /// the day after its due date.
    public func newlyOverdue(today: LocalDate) -> [NonconformanceStep] {
        status.owedSteps.filter { due[$0] < today && !overdueReported.contains($0) }
    }

    /// The first day the overdue check can find something new: the day after the earliest due
    /// date of an owed step not reported yet; nil when nothing can become overdue.
    public var nextOverdueCheck: LocalDate? {
        status.owedSteps.filter { !overdueReported.contains($0) }.map { due[$0].adding(days: 1) }.min()
    }

    /// Field rules for a new report, against `today`.
    public static func validate(description: String, goodsReceipt: String, line: Int?, purchaseOrder: String?, lot: String?,
                                quantityAffected: Decimal?, due: NonconformanceDueDates, today: LocalDate) throws {
        typealias F = ProcurementError.FieldError
        var errors: [F] = []
        let trimmed = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || description.count > 4000 { errors.append(F(pointer: "/description", detail: "must be 1 to 4000 characters")) }
        if !goodsReceipt.hasPrefix("gr_") || !Identifier.isValid(goodsReceipt) {
            errors.append(F(pointer: "/goodsReceipt", detail: "must be a goods receipt id such as gr_8Hk2; " + Identifier.rule))
        }
        if let purchaseOrder, !Identifier.isValid(purchaseOrder) { errors.append(F(pointer: "/purchaseOrder", detail: Identifier.rule)) }
        if line != nil, purchaseOrder == nil { errors.append(F(pointer: "/line", detail: "needs purchaseOrder")) }
        if let line, line < 1 { errors.append(F(pointer: "/line", detail: "must be 1 or more")) }
        if let lot, lot.isEmpty || lot.count > 64 { errors.append(F(pointer: "/lot", detail: "must be 1 to 64 characters")) }
        if let quantityAffected, quantityAffected <= 0 { errors.append(F(pointer: "/quantityAffected", detail: "must be greater than zero")) }
        if due.containment < today { errors.append(F(pointer: "/due/containment", detail: "must not be before today (\(today.iso))")) }
        if due.rootCause < due.containment { errors.append(F(pointer: "/due/rootCause", detail: "must not be before the containment due date")) }
        if due.correctiveAction < due.rootCause {
            errors.append(F(pointer: "/due/correctiveAction", detail: "must not be before the root cause due date"))
        }
        try ProcurementError.throwIfInvalid(errors, what: "nonconformance")
    }

    /// Rules for the text of an answer or a review note.
    public static func validateText(_ text: String, pointer: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || text.count > 4000 {
            throw ProcurementError(.invalidDocument, "The \(pointer.dropFirst()) must be 1 to 4000 characters.",
                                   fields: [.init(pointer: pointer, detail: "must be 1 to 4000 characters")])
        }
    }
}

extension LocalDate {
    /// The UTC calendar date of an instant.
    public init(utc date: Date) {
        self.init(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}

/// Where one step stands within a nonconformance's status.
public enum NonconformanceStepState: String, Sendable, Codable {
    /// An earlier step is not accepted yet.
    case pending
    /// Waiting for the supplier's answer (first or again after a return).
    case open
    /// Answered; waiting for the buyer's review.
    case answered
    case accepted
}

extension NonconformanceStatus {
    public func state(of step: NonconformanceStep) -> NonconformanceStepState {
        if awaitedStep == step { return .open }
        if answeredStep == step { return .answered }
        return owedSteps.contains(step) ? .pending : .accepted
    }
}
