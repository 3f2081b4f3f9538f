import Foundation
import Procurement
import Storage

/// What a buyer sends to raise a nonconformance.
public struct NewNonconformance: Sendable, Equatable, Decodable {
    public var supplier: String
    public var goodsReceipt: String
    public var purchaseOrder: String?
    public var line: Int?
    public var lot: String?
    public var quantityAffected: Decimal?
    public var description: String
    public var severity: NonconformanceSeverity
    public var due: NonconformanceDueDates

    public init(supplier: String, goodsReceipt: String, purchaseOrder: String? = nil, line: Int? = nil, lot: String? = nil,
                quantityAffected: Decimal? = nil, description: String, severity: NonconformanceSeverity, due: NonconformanceDueDates) {
        self.supplier = supplier
        self.goodsReceipt = goodsReceipt
        self.purchaseOrder = purchaseOrder
        self.line = line
        self.lot = lot
        self.quantityAffected = quantityAffected
        self.description = description
        self.severity = severity
        self.due = due
    }

    enum CodingKeys: String, CodingKey { case supplier, goodsReceipt, purchaseOrder, line, lot, quantityAffected, description, severity, due }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        supplier = try c.decode(String.self, forKey: .supplier)
        goodsReceipt = try c.decode(String.self, forKey: .goodsReceipt)
        purchaseOrder = try c.decodeIfPresent(String.self, forKey: .purchaseOrder)
        line = try c.decodeIfPresent(Int.self, forKey: .line)
        lot = try c.decodeIfPresent(String.self, forKey: .lot)
        quantityAffected = try c.decodeDecimalIfPresent(forKey: .quantityAffected)
        description = try c.decode(String.self, forKey: .description)
        severity = try c.decode(NonconformanceSeverity.self, forKey: .severity)
        due = try c.decode(NonconformanceDueDates.self, forKey: .due)
    }

    /// The request as a canonical string, for idempotency fingerprints.
    var canonical: String {
        [supplier, goodsReceipt, purchaseOrder ?? "", line.map(String.init) ?? "", lot ?? "",
         quantityAffected.map(DecimalText.format) ?? "", description, severity.rawValue,
         due.containment.iso, due.rootCause.iso, due.correctiveAction.iso].joined(separator: "\u{1F}")
    }
}

/// Nonconformance reports: a buyer raises one against a supplier's goods receipt; the supplier
/// answers containment, root cause and corrective action in turn; the buyer accepts or returns
/// each answer and closes the report once the corrective action is verified. Every change is
/// one transaction with its history entry, audit entry and event; raising and closing also post
/// to the ERP through the outbox.
public struct NonconformanceFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    public struct Outcome: Sendable {
        public let record: NonconformanceRecord
        public let replayed: Bool
        /// When the change was made (the first time, for a replay).
        public let at: Date
    }

    /// Raises a nonconformance (buyer only).
    public func raise(_ new: NewNonconformance, idempotencyKey: String, by request: RequestContext) throws -> Outcome {
        try request.require(.buyer, to: "raise nonconformances")
        let command = IdempotentCommand(operation: "raiseNonconformance", key: idempotencyKey, parts: [new.canonical])
        let outcome = try command.run(context, by: request, body: { tx, now -> (value: NonconformanceRecord, ref: String, status: Int) in
            // Checked here rather than before the command, so a replay does not depend on the date.
            try Nonconformance.validate(description: new.description, goodsReceipt: new.goodsReceipt, line: new.line,
                                        purchaseOrder: new.purchaseOrder, lot: new.lot, quantityAffected: new.quantityAffected,
                                        due: new.due, today: LocalDate(utc: now))
            guard try tx.supplier(id: new.supplier) != nil else {
                throw ProcurementError(.unknownSupplier, "There is no supplier \(new.supplier).",
                                       fields: [.init(pointer: "/supplier", detail: "unknown supplier")])
            }
            if let number = new.purchaseOrder {
                guard let order = try tx.purchaseOrder(number: number, scope: .all) else {
                    throw ProcurementError(.unknownPurchaseOrder, "There is no purchase order \(number).",
                                           fields: [.init(pointer: "/purchaseOrder", detail: "unknown purchase order")])
                }
                guard order.order.supplier == new.supplier else {
                    throw ProcurementError(.supplierMismatch, "Purchase order \(number) is not an order of supplier \(new.supplier).",
                                           fields: [.init(pointer: "/purchaseOrder", detail: "belongs to another supplier")])
                }
                if let line = new.line, order.order.line(line) == nil {
                    throw ProcurementError(.unknownLine, "Purchase order \(number) has no line \(line).",
                                           fields: [.init(pointer: "/line", detail: "not a line of the order")])
                }
            }
            guard let receipt = try tx.goodsReceipt(id: new.goodsReceipt, scope: .supplier(new.supplier)) else {
                throw ProcurementError(.unknownGoodsReceipt, "There is no goods receipt \(new.goodsReceipt) of supplier \(new.supplier).",
                                       fields: [.init(pointer: "/goodsReceipt", detail: "not a goods receipt of this supplier")])
            }
            if let number = new.purchaseOrder, !receipt.lines.contains(where: { $0.purchaseOrder == number && (new.line == nil || $0.line == new.line) }) {
                throw ProcurementError(.unknownGoodsReceipt,
                    "Goods receipt \(new.goodsReceipt) took in nothing of \(number)\(new.line.map { " line \($0)" } ?? "").",
                    fields: [.init(pointer: "/goodsReceipt", detail: "does not cover the purchase order line")])
            }
            let ncr = Nonconformance(id: Identifiers.make("ncr"), supplier: new.supplier, goodsReceipt: new.goodsReceipt,
                                     purchaseOrder: new.purchaseOrder, line: new.line, lot: new.lot,
                                     quantityAffected: new.quantityAffected, description: new.description, severity: new.severity,
                                     due: new.due, raisedBy: request.principal.clientID)
            let record = NonconformanceRecord(nonconformance: ncr, createdAt: now, updatedAt: now)
            try tx.insertNonconformance(record)
            try tx.appendNonconformanceHistory(NonconformanceHistoryEntry(nonconformanceID: ncr.id, at: now, actor: request.principal.clientID,
                                                                          action: "raised", step: nil, status: ncr.status, text: ncr.description))
            try tx.enqueue(ERPPostings.nonconformance(ncr, event: "raised", now: now), now: now)
            try tx.emit(DomainEvents.nonconformanceRaised(ncr), now: now)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "nonconformance.raised", objectType: "nonconformance",
                                          objectID: ncr.id, detail: JSON.string(ncr), requestID: request.requestID), now: now)
            return (record, ncr.id, 201)
        }, replay: { reader, ref in
            guard let record = try reader.nonconformance(id: ref, scope: .all) else {
                throw FlowError(.notFound, "There is no nonconformance \(ref).")
            }
            return record
        })
        return Outcome(record: outcome.value, replayed: outcome.replayed, at: outcome.at)
    }

    /// The supplier answers a step of its own nonconformance; another supplier's is not found.
    public func answer(id: String, step: NonconformanceStep, text: String, idempotencyKey: String, by request: RequestContext) throws -> Outcome {
        try request.require(.supplier, to: "answer nonconformances")
        try Nonconformance.validateText(text, pointer: "/text")
        let scope = request.principal.scope
        let command = IdempotentCommand(operation: "answerNonconformance", key: idempotencyKey, parts: [id, step.rawValue, text])
        let outcome = try command.run(context, by: request, body: { tx, now -> (value: NonconformanceRecord, ref: String, status: Int) in
            let record = try change(id: id, scope: scope, event: .answer(step), text: text, request: request, tx: tx, now: now)
            return (record, id, 201)
        }, replay: { reader, ref in
            guard let record = try reader.nonconformance(id: ref, scope: scope) else {
                throw FlowError(.notFound, "There is no nonconformance \(ref).")
            }
            return record
        })
        return Outcome(record: outcome.value, replayed: outcome.replayed, at: outcome.at)
    }

    /// The buyer accepts or returns the answer to a step. A return needs a note saying why.
    public func review(id: String, step: NonconformanceStep, verdict: ReviewVerdict, note: String?, idempotencyKey: String? = nil,
                       by request: RequestContext) throws -> Outcome {
        try request.require(.buyer, to: "review nonconformance answers")
        if verdict == .rejected {
            try Nonconformance.validateText(note ?? "", pointer: "/note")
        } else if let note {
            try Nonconformance.validateText(note, pointer: "/note")
        }
        return try decide(verdict == .approved ? "acceptNonconformanceAnswer" : "returnNonconformanceAnswer",
                          parts: [id, step.rawValue, IdempotentCommand.part(note)], key: idempotencyKey, by: request) { tx, now in
            try change(id: id, scope: .all, event: verdict == .approved ? .accept(step) : .giveBack(step), text: note,
                       request: request, tx: tx, now: now)
        }
    }

    /// The buyer verifies the corrective action and closes (D7/D8), with a note on the verification.
    public func close(id: String, note: String, idempotencyKey: String? = nil, by request: RequestContext) throws -> Outcome {
        try request.require(.buyer, to: "close nonconformances")
        try Nonconformance.validateText(note, pointer: "/note")
        return try decide("closeNonconformance", parts: [id, note], key: idempotencyKey, by: request) { tx, now in
            try change(id: id, scope: .all, event: .close, text: note, request: request, tx: tx, now: now)
        }
    }

    /// A buyer's decision in one transaction; with an `Idempotency-Key`, at most once, the report
    /// as the decision left it kept with the key, since the report moves on (see `IdempotentCommand`).
    private func decide(_ operation: String, parts: [String], key: String?, by request: RequestContext,
                        _ body: (any StoreWriter, Date) throws -> NonconformanceRecord) throws -> Outcome {
        let outcome = try IdempotentCommand.decide(context, operation: operation, parts: parts, key: key, status: 200,
                                                   by: request) { tx, now in
            let record = try body(tx, now)
            return (record, record.nonconformance.id)
        }
        return Outcome(record: outcome.value, replayed: outcome.replayed, at: outcome.at)
    }

    public func nonconformance(id: String, by request: RequestContext) throws -> (NonconformanceRecord, [NonconformanceHistoryEntry]) {
        try context.store.read { tx in
            guard let record = try tx.nonconformance(id: id, scope: request.principal.scope) else {
                throw FlowError(.notFound, "There is no nonconformance \(id).")
            }
            return (record, try tx.nonconformanceHistory(id: id))
        }
    }

    public func nonconformances(_ filter: NonconformanceFilter, after: String?, limit: Int, by request: RequestContext) throws -> Page<NonconformanceRecord> {
        try context.store.read { try $0.nonconformances(filter, scope: request.principal.scope, after: after, limit: limit) }
    }

    /// Runs one event through the state machine and records what it did.
    private func change(id: String, scope: SupplierScope, event: NonconformanceMachine.Event, text: String?,
                        request: RequestContext, tx: any StoreWriter, now: Date) throws -> NonconformanceRecord {
        guard let record = try tx.nonconformance(id: id, scope: scope) else {
            throw FlowError(.notFound, "There is no nonconformance \(id).")
        }
        var ncr = record.nonconformance
        var machine = NonconformanceMachine(status: ncr.status)
        let action = try machine.handle(event)
        ncr.status = machine.status
        let who = request.principal.clientID
        let historyAction: String
        var historyStep: NonconformanceStep?
        switch action {
        case .answered(let step):
            ncr.answers[step.rawValue] = NonconformanceAnswer(text: text ?? "", answeredAt: now, answeredBy: who)
            historyAction = "answered"
            historyStep = step
            try tx.emit(DomainEvents.nonconformanceAnswered(ncr, step: step), now: now)
            try TimerSweep.causeResolved(dedupeKey: "ncrOverdue:\(id):\(step.rawValue)", note: "The supplier answered the step.", tx: tx, now: now)
        case .accepted(let step), .returned(let step):
            let verdict = if case .accepted = action { "accepted" } else { "returned" }
            ncr.answers[step.rawValue]?.review = verdict
            ncr.answers[step.rawValue]?.reviewNote = text
            ncr.answers[step.rawValue]?.reviewedAt = now
            ncr.answers[step.rawValue]?.reviewedBy = who
            historyAction = verdict
            historyStep = step
            try tx.emit(DomainEvents.nonconformanceReviewed(ncr, step: step, verdict: verdict), now: now)
        case .closed:
            ncr.closingNote = text
            historyAction = "closed"
            try tx.enqueue(ERPPostings.nonconformance(ncr, event: "closed", now: now), now: now)
            try tx.emit(DomainEvents.nonconformanceClosed(ncr), now: now)
            for step in NonconformanceStep.allCases {
                try TimerSweep.causeResolved(dedupeKey: "ncrOverdue:\(id):\(step.rawValue)", note: "The nonconformance was closed.", tx: tx, now: now)
            }
        }
        try tx.updateNonconformance(ncr, now: now)
        try tx.appendNonconformanceHistory(NonconformanceHistoryEntry(nonconformanceID: id, at: now, actor: who, action: historyAction,
                                                                      step: historyStep, status: ncr.status, text: text))
        var detail = ["status": ncr.status.rawValue]
        if let historyStep { detail["step"] = historyStep.rawValue }
        if let text { detail["text"] = text }
        try tx.appendAudit(AuditEvent(actor: request.principal, action: "nonconformance.\(historyAction)", objectType: "nonconformance",
                                      objectID: id, detail: JSON.string(detail), requestID: request.requestID), now: now)
        return NonconformanceRecord(nonconformance: ncr, createdAt: record.createdAt, updatedAt: now)
    }
}
