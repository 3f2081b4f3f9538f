import Foundation
import Procurement
import Storage
import Telemetry

/// When the timers fire.
public struct TimerPolicy: Sendable, Equatable {
    /// An order still awaiting acknowledgement this many hours after its current revision was
    /// released is overdue.
    public var acknowledgementOverdueHours: Int
    /// A confirmed delivery due within this many days (or already past) that ship notices do
    /// not cover yet is late.
    public var shipNoticeLateDays: Int
    /// Most rows one transaction of a sweep handles; the sweep goes on in further transactions.
    public var batch: Int

    public init(acknowledgementOverdueHours: Int = 48, shipNoticeLateDays: Int = 2, batch: Int = 100) {
        self.acknowledgementOverdueHours = acknowledgementOverdueHours
        self.shipNoticeLateDays = shipNoticeLateDays
        self.batch = batch
    }
}

extension ExceptionKinds {
    /// An order not acknowledged in time; closed (superseded) when the supplier answers.
    static let acknowledgementOverdue = "acknowledgementOverdue"
    /// A confirmed delivery close to its date without a ship notice covering it.
    static let shipNoticeLate = "shipNoticeLate"
    /// A step of a nonconformance past its due date unanswered.
    static let nonconformanceStepOverdue = "nonconformanceStepOverdue"
}

/// The hub's timers, each raising its exception and event once per thing it watches (the
/// exception's dedupe key makes a second raise a no-op, in the same transaction as the event):
///
/// - acknowledgement overdue: once per order revision (`ackOverdue:<order>:<revision>`);
/// - ship notice late: once per order line and due date (`shipNoticeLate:<order>:<line>:<date>`);
/// - nonconformance step overdue: once per report and step (`ncrOverdue:<id>:<step>`).
///
/// Time comes from the flow context's clock, so tests move it by hand and call `sweep()`.
/// Every query is indexed: a sweep reads only orders awaiting acknowledgement past the
/// deadline and not yet raised, confirmed orders that changed since the last sweep (each decoded
/// once per change), watched deliveries inside the window, and reports whose next due date passed.
public struct TimerSweep: Sendable {
    let context: FlowContext
    public let policy: TimerPolicy

    public init(context: FlowContext, policy: TimerPolicy = TimerPolicy()) {
        self.context = context
        self.policy = policy
    }

    /// What one sweep raised.
    public struct Report: Sendable, Equatable {
        public var acknowledgementsOverdue = 0
        public var shipNoticesLate = 0
        public var stepsOverdue = 0
        /// Confirmed orders whose deliveries were (re)read.
        public var ordersRead = 0

        public init() {}
    }

    static let acknowledgementKeyPrefix = "ackOverdue:"

    @discardableResult
    public func sweep() throws -> Report {
        var report = Report()
        let now = context.clock.now()
        try acknowledgements(now: now, report: &report)
        try watchConfirmedOrders(now: now, report: &report)
        try shipNotices(now: now, report: &report)
        try nonconformanceSteps(now: now, report: &report)
        return report
    }

    private func acknowledgements(now: Date, report: inout Report) throws {
        let hours = policy.acknowledgementOverdueHours
        let deadline = now.addingTimeInterval(-Double(hours) * 3600)
        while true {
            let (raised, seen): (Int, Int) = try context.store.write { tx in
                let pending = try tx.pendingAcknowledgements(releasedAtOrBefore: deadline, withoutExceptionKeyPrefix: Self.acknowledgementKeyPrefix,
                                                             limit: policy.batch)
                var raised = 0
                for p in pending {
                    let record = ExceptionRecord(
                        id: Identifiers.make("exc"), kind: ExceptionKinds.acknowledgementOverdue, supplier: p.supplier,
                        purchaseOrder: p.purchaseOrder, revision: p.revision,
                        reasons: [Reason(code: .init(rawValue: ExceptionKinds.acknowledgementOverdue),
                                         message: "Revision \(p.revision) of \(p.purchaseOrder) was released \(hours) hours or more ago and is not acknowledged.")],
                        dedupeKey: "\(Self.acknowledgementKeyPrefix)\(p.purchaseOrder):\(p.revision)", createdAt: now)
                    guard try raise(record, tx: tx, now: now) else { continue }
                    try tx.emit(DomainEvents.acknowledgementOverdue(p, hours: hours), now: now)
                    raised += 1
                }
                return (raised, pending.count)
            }
            report.acknowledgementsOverdue += raised
            if seen < policy.batch { break }
        }
    }

    /// Reads the confirmed deliveries of orders confirmed (or changed) since the last sweep.
    private func watchConfirmedOrders(now: Date, report: inout Report) throws {
        while true {
            let read: Int = try context.store.write { tx in
                let changed = try tx.confirmedOrdersChangedSinceWatched(limit: policy.batch)
                for change in changed {
                    guard let record = try tx.purchaseOrder(number: change.purchaseOrder, scope: .all) else { continue }
                    let confirmed = try ConfirmedSchedule.lines(of: record, tx: tx)
                    var deliveries: [DueQuantity] = []
                    for line in record.order.lines {
                        if line.cancelled { continue }  // nothing is due on a cancelled line
                        if let answer = confirmed?.first(where: { $0.line == line.line }), answer.status == .rejected { continue }
                        let answered = confirmed?.first(where: { $0.line == line.line }).map(\.schedule) ?? []
                        let schedule = (answered.isEmpty ? line.schedule : answered).sorted { $0.date < $1.date }
                        let dated = schedule.enumerated().map { i, s in
                            ScheduleLine(quantity: s.quantity, date: ConfirmedSchedule.dueDate(line: line, confirmed: confirmed, index: i))
                        }
                        deliveries += ShipmentDue.cumulative(line: line.line, deliveries: dated)
                    }
                    try tx.replaceShipmentWatches(purchaseOrder: change.purchaseOrder, revision: change.revision,
                                                  supplier: record.order.supplier, orderUpdatedAt: change.updatedAt, deliveries: deliveries)
                }
                return changed.count
            }
            report.ordersRead += read
            if read < policy.batch { break }
        }
    }

    private func shipNotices(now: Date, report: inout Report) throws {
        let today = LocalDate(utc: now)
        let window = today.adding(days: policy.shipNoticeLateDays)
        // Deliveries still ahead and covered stay watched: page past them, so a late delivery
        // due after a full batch of covered ones is still found in this sweep.
        var cursor: ShipmentWatch?
        while true {
            let after = cursor
            let (raised, seen, last): (Int, Int, ShipmentWatch?) = try context.store.write { tx in
                if after == nil { try tx.removeStaleShipmentWatches(dueOnOrBefore: window) }
                let watches = try tx.shipmentWatches(dueOnOrBefore: window, after: after, limit: policy.batch)
                var progress: [String: [Int: LineProgress]] = [:]
                var raised = 0
                for w in watches {
                    if progress[w.purchaseOrder] == nil { progress[w.purchaseOrder] = try tx.lineProgress(purchaseOrder: w.purchaseOrder) }
                    let shipped = progress[w.purchaseOrder]?[w.due.line]?.shipped ?? 0
                    if ShipmentDue.isLate(w.due, shipped: shipped, today: today, windowDays: policy.shipNoticeLateDays) {
                        let record = ExceptionRecord(
                            id: Identifiers.make("exc"), kind: ExceptionKinds.shipNoticeLate, supplier: w.supplier,
                            purchaseOrder: w.purchaseOrder, revision: w.revision,
                            links: ["line": String(w.due.line), "dueDate": w.due.dueDate.iso, "dueQuantity": DecimalText.format(w.due.cumulative)],
                            reasons: [Reason(code: .init(rawValue: ExceptionKinds.shipNoticeLate),
                                             message: "Line \(w.due.line) of \(w.purchaseOrder) is due \(w.due.dueDate.iso) with \(DecimalText.format(w.due.cumulative)) confirmed by then; ship notices announce \(DecimalText.format(shipped)).",
                                             line: w.due.line)],
                            dedupeKey: "shipNoticeLate:\(w.purchaseOrder):\(w.due.line):\(w.due.dueDate.iso)", createdAt: now)
                        if try raise(record, tx: tx, now: now) {
                            try tx.emit(DomainEvents.shipNoticeLate(w, shipped: shipped), now: now)
                            raised += 1
                        }
                        try tx.removeShipmentWatch(purchaseOrder: w.purchaseOrder, line: w.due.line, dueDate: w.due.dueDate)
                    } else if w.due.dueDate < today {
                        // Covered and past its date: nothing left to watch.
                        try tx.removeShipmentWatch(purchaseOrder: w.purchaseOrder, line: w.due.line, dueDate: w.due.dueDate)
                    }
                }
                return (raised, watches.count, watches.last)
            }
            report.shipNoticesLate += raised
            if seen < policy.batch { break }
            cursor = last
        }
    }

    private func nonconformanceSteps(now: Date, report: inout Report) throws {
        let today = LocalDate(utc: now)
        while true {
            let (raised, seen): (Int, Int) = try context.store.write { tx in
                let due = try tx.nonconformancesDueForOverdueCheck(today: today, limit: policy.batch)
                var raised = 0
                for record in due {
                    var ncr = record.nonconformance
                    let steps = ncr.newlyOverdue(today: today)
                    ncr.overdueReported += steps
                    for step in steps {
                        var links = ["nonconformance": ncr.id, "goodsReceipt": ncr.goodsReceipt, "step": step.rawValue]
                        if let line = ncr.line { links["line"] = String(line) }
                        let exception = ExceptionRecord(
                            id: Identifiers.make("exc"), kind: ExceptionKinds.nonconformanceStepOverdue, supplier: ncr.supplier,
                            purchaseOrder: ncr.purchaseOrder, links: links,
                            reasons: [Reason(code: .init(rawValue: ExceptionKinds.nonconformanceStepOverdue),
                                             message: "The \(step.words) (\(step.discipline)) of \(ncr.id) was due \(ncr.due[step].iso) and is not answered.")],
                            dedupeKey: "ncrOverdue:\(ncr.id):\(step.rawValue)", createdAt: now)
                        guard try raise(exception, tx: tx, now: now) else { continue }
                        try tx.emit(DomainEvents.nonconformanceOverdue(ncr, step: step), now: now)
                        try tx.appendNonconformanceHistory(NonconformanceHistoryEntry(
                            nonconformanceID: ncr.id, at: now, actor: Principal.system.clientID, action: "overdue", step: step,
                            status: ncr.status, text: "Due \(ncr.due[step].iso)."))
                        try tx.appendAudit(AuditEvent(actor: .system, action: "nonconformance.overdue", objectType: "nonconformance",
                                                      objectID: ncr.id, detail: JSON.string(["step": step.rawValue, "due": ncr.due[step].iso])),
                                           now: now)
                        raised += 1
                    }
                    try tx.updateNonconformance(ncr, now: now)
                }
                return (raised, due.count)
            }
            report.stepsOverdue += raised
            if seen < policy.batch { break }
        }
    }

    /// Opens an exception unless one with its dedupe key exists; audits it and emits
    /// `exception.opened`. True when it was opened now.
    private func raise(_ record: ExceptionRecord, tx: any StoreWriter, now: Date) throws -> Bool {
        guard try tx.insertException(record) else { return false }
        try tx.appendAudit(AuditEvent(actor: .system, action: "exception.opened", objectType: "exception", objectID: record.id,
                                      detail: JSON.string(["type": record.kind, "dedupeKey": record.dedupeKey ?? ""])), now: now)
        try tx.emit(DomainEvents.exception(record, change: "opened"), now: now)
        return true
    }

    /// Closes the open exception a sweep raised under `dedupeKey` once what it waited for has
    /// happened (status superseded, with `note`), in the transaction that made it happen.
    static func causeResolved(dedupeKey: String, note: String, tx: any StoreWriter, now: Date) throws {
        guard let exception = try tx.exception(dedupeKey: dedupeKey), exception.status == .open else { return }
        try supersede(exception.id, note: note, tx: tx, now: now)
    }

    /// Closes an open exception as superseded by the system and emits `exception.superseded`.
    private static func supersede(_ id: String, note: String, tx: any StoreWriter, now: Date) throws {
        try tx.resolveException(id: id, status: .superseded, by: "system", note: note, now: now)
        if let closed = try tx.exception(id: id) { try tx.emit(DomainEvents.exception(closed, change: "superseded"), now: now) }
    }

    /// Closes the open late-shipment exceptions of an order line that its ship notices now
    /// cover (shipped at least the quantity due by the exception's date): called in the
    /// transaction that moved the line's shipped quantity.
    static func shipmentsAnnounced(purchaseOrder: String, line: Int, tx: any StoreWriter, now: Date) throws {
        let open = try tx.exceptions(ExceptionFilter(status: .open, kind: ExceptionKinds.shipNoticeLate, purchaseOrder: purchaseOrder),
                                     after: nil, limit: 500).items.filter { $0.links["line"] == String(line) }
        guard !open.isEmpty else { return }
        let shipped = try tx.lineProgress(purchaseOrder: purchaseOrder)[line]?.shipped ?? 0
        for exception in open {
            guard let due = exception.links["dueQuantity"].flatMap(DecimalText.parse), shipped >= due else { continue }
            try supersede(exception.id, note: "Ship notices now announce \(DecimalText.format(shipped)) of the \(DecimalText.format(due)) due.",
                          tx: tx, now: now)
        }
    }

    /// Closes the order's open acknowledgement-overdue exceptions once the supplier answers:
    /// called in the acknowledgement's transaction.
    static func acknowledgementReceived(purchaseOrder: String, revision: Int, tx: any StoreWriter, now: Date) throws {
        let ids = try tx.supersedeOpenExceptions(purchaseOrder: purchaseOrder, kinds: [ExceptionKinds.acknowledgementOverdue],
                                                 note: "The supplier acknowledged revision \(revision).", now: now)
        for id in ids {
            if let exception = try tx.exception(id: id) { try tx.emit(DomainEvents.exception(exception, change: "superseded"), now: now) }
        }
    }
}

/// Runs the timer sweep every `interval` seconds until stopped.
public final class TimerService: Service, @unchecked Sendable {
    // @unchecked Sendable: `stopping` is only touched under `condition`.
    public let name = "timers"
    public let sweep: TimerSweep
    private let interval: TimeInterval
    private let logger: Logger
    private let condition = NSCondition()
    private var stopping = false

    public init(sweep: TimerSweep, interval: TimeInterval) {
        self.sweep = sweep
        self.interval = interval
        logger = sweep.context.logger.with(["service": "timers"])
    }

    public func run() {
        while true {
            condition.lock()
            if stopping { condition.unlock(); break }
            condition.unlock()
            do {
                let report = try sweep.sweep()
                if report.acknowledgementsOverdue + report.shipNoticesLate + report.stepsOverdue > 0 {
                    logger.info("timers raised exceptions", ["acknowledgementsOverdue": .int(report.acknowledgementsOverdue),
                                                             "shipNoticesLate": .int(report.shipNoticesLate),
                                                             "stepsOverdue": .int(report.stepsOverdue)])
                }
            } catch {
                logger.error("timer sweep failed", ["error": .string(String(reflecting: error))])
            }
            condition.lock()
            if !stopping { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
            condition.unlock()
        }
    }

    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }
}
