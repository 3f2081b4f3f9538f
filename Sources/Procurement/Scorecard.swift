import Foundation

/// What the scorecard needs to know of one event in a supplier's log, already read from its
/// JSON. Other events do not count.
public enum ScorecardFact: Equatable, Sendable {
    /// `po.released` or `po.revised`: a revision went out to the supplier at `at`.
    case released(purchaseOrder: String, revision: Int, at: Date)
    /// `po.acknowledged`: the supplier answered a revision at `at`.
    case acknowledged(purchaseOrder: String, revision: Int, at: Date)
    /// `po.cancelled`: the ERP cancelled the order in this revision, which needs no answer.
    case cancelled(purchaseOrder: String, revision: Int)
    /// `receipt.posted`: goods received on `receivedDate`.
    case receipt(receivedDate: LocalDate, referencesShipNotice: Bool, lines: [ReceiptLine])
    /// `invoice.submitted`, at `at`.
    case invoiceSubmitted(firstPassMatch: Bool, at: Date)
    /// `ncr.raised`, at `at`.
    case nonconformanceRaised(at: Date)

    public struct ReceiptLine: Equatable, Sendable {
        public var received: Decimal
        public var rejected: Decimal
        public var dueDate: LocalDate
        /// What the ship notice announced for the line, when the receipt references one.
        public var shippedQuantity: Decimal?

        public init(received: Decimal, rejected: Decimal, dueDate: LocalDate, shippedQuantity: Decimal? = nil) {
            self.received = received
            self.rejected = rejected
            self.dueDate = dueDate
            self.shippedQuantity = shippedQuantity
        }
    }
}

/// A share of transactions that went right: `hits` of `count`. `percent` is nil when `count`
/// is 0: no transactions is no evidence, neither 0% nor 100%.
public struct ScorecardRate: Equatable, Sendable {
    public let count: Int
    public let hits: Int

    public init(count: Int, hits: Int) {
        self.count = count
        self.hits = hits
    }

    /// Percent with one decimal place, rounded half up.
    public var percent: Decimal? {
        guard count > 0 else { return nil }
        return Scorecard.round(Decimal(hits) * 100 / Decimal(count), places: 1)
    }
}

/// Hours from release to the first answer, over the cycles in the period.
public struct ScorecardCycleTime: Equatable, Sendable {
    public let count: Int
    /// Mean and median in hours, two decimal places; nil when `count` is 0.
    public let meanHours: Decimal?
    public let medianHours: Decimal?

    public init(count: Int, meanHours: Decimal?, medianHours: Decimal?) {
        self.count = count
        self.meanHours = meanHours
        self.medianHours = medianHours
    }
}

/// A supplier's performance over a period of calendar days (UTC), computed from its events.
public struct Scorecard: Equatable, Sendable {
    public let from: LocalDate
    public let to: LocalDate
    /// Receipt lines received on or before their due date, of the receipt lines received in the period.
    public let onTimeDelivery: ScorecardRate
    /// Release (or revision) to the first acknowledgement of that revision, for revisions
    /// released in the period and answered (at any time up to now).
    public let acknowledgementCycle: ScorecardCycleTime
    /// Revisions released in the period that have no answer yet (a revision that cancels the
    /// order needs none and is not counted).
    public let unansweredRevisions: Int
    /// Invoices matched on first submission, of the invoices submitted in the period.
    public let firstPassInvoiceMatch: ScorecardRate
    /// Receipt lines referencing a ship notice whose received + rejected equals what the ship
    /// notice announced, of such lines received in the period.
    public let shipNoticeAccuracy: ScorecardRate
    /// Nonconformances raised in the period.
    public let nonconformances: Int

    /// Computes the scorecard for `from`…`to` (both included) from facts in any order.
    public static func compute(from: LocalDate, to: LocalDate, facts: [ScorecardFact]) -> Scorecard {
        func inPeriod(_ date: LocalDate) -> Bool { date >= from && date <= to }
        func inPeriod(_ instant: Date) -> Bool { inPeriod(LocalDate(utc: instant)) }

        var lines = 0, onTime = 0, shipLines = 0, accurate = 0
        var invoices = 0, firstPass = 0, ncrs = 0
        struct Key: Hashable { let order: String; let revision: Int }
        var released: [Key: Date] = [:]
        var firstAnswer: [Key: Date] = [:]
        var needsNoAnswer: Set<Key> = []
        for fact in facts {
            switch fact {
            case .receipt(let receivedDate, let referencesShipNotice, let receiptLines):
                guard inPeriod(receivedDate) else { continue }
                for line in receiptLines {
                    lines += 1
                    if receivedDate <= line.dueDate { onTime += 1 }
                    if referencesShipNotice, let shipped = line.shippedQuantity {
                        shipLines += 1
                        if line.received + line.rejected == shipped { accurate += 1 }
                    }
                }
            case .invoiceSubmitted(let match, let at):
                guard inPeriod(at) else { continue }
                invoices += 1
                if match { firstPass += 1 }
            case .nonconformanceRaised(let at):
                if inPeriod(at) { ncrs += 1 }
            case .released(let order, let revision, let at):
                let key = Key(order: order, revision: revision)
                if inPeriod(at), released[key] == nil { released[key] = at }
            case .acknowledged(let order, let revision, let at):
                let key = Key(order: order, revision: revision)
                if let seen = firstAnswer[key], seen <= at { continue }
                firstAnswer[key] = at
            case .cancelled(let order, let revision):
                needsNoAnswer.insert(Key(order: order, revision: revision))
            }
        }
        var hours: [Decimal] = []
        var unanswered = 0
        for (key, at) in released where !needsNoAnswer.contains(key) {
            guard let answer = firstAnswer[key], answer >= at else { unanswered += 1; continue }
            hours.append(Decimal(answer.timeIntervalSince(at)) / 3600)
        }
        hours.sort()
        var mean: Decimal?, median: Decimal?
        if !hours.isEmpty {
            mean = round(hours.reduce(0, +) / Decimal(hours.count), places: 2)
            let mid = hours.count / 2
            median = round(hours.count % 2 == 1 ? hours[mid] : (hours[mid - 1] + hours[mid]) / 2, places: 2)
        }
        return Scorecard(from: from, to: to, onTimeDelivery: ScorecardRate(count: lines, hits: onTime),
                         acknowledgementCycle: ScorecardCycleTime(count: hours.count, meanHours: mean, medianHours: median),
                         unansweredRevisions: unanswered,
                         firstPassInvoiceMatch: ScorecardRate(count: invoices, hits: firstPass),
                         shipNoticeAccuracy: ScorecardRate(count: shipLines, hits: accurate), nonconformances: ncrs)
    }

    static func round(_ value: Decimal, places: Int) -> Decimal {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, places, .plain)
        return rounded
    }
}
