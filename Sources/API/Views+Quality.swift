import Flows
import Foundation
import Procurement
import Storage

extension Views {
    /// A nonconformance as clients read it: the report, each step with its due date, state and
    /// answer, and (on `GET /v1/nonconformances/{id}`) its history.
    struct Nonconformance: Encodable {
        struct Step: Encodable {
            let step: String
            let discipline: String
            let due: String
            let state: String
            /// Owed, and its due date has passed.
            let overdue: Bool
            let answer: String?
            let answeredAt: String?
            let answeredBy: String?
            let review: String?
            let reviewNote: String?
            let reviewedAt: String?
        }
        struct History: Encodable {
            let at: String
            let actor: String
            let action: String
            let step: String?
            let status: String
            let text: String?
        }
        let id: String
        let supplier: String
        let goodsReceipt: String
        let purchaseOrder: String?
        let line: Int?
        let lot: String?
        let quantityAffected: String?
        let description: String
        let severity: String
        let status: String
        let steps: [Step]
        let raisedBy: String
        let closingNote: String?
        let createdAt: String
        let updatedAt: String
        let history: [History]?

        init(_ record: NonconformanceRecord, today: LocalDate, history: [NonconformanceHistoryEntry]? = nil) {
            let n = record.nonconformance
            id = n.id
            supplier = n.supplier
            goodsReceipt = n.goodsReceipt
            purchaseOrder = n.purchaseOrder
            line = n.line
            lot = n.lot
            quantityAffected = n.quantityAffected.map(DecimalText.format)
            description = n.description
            severity = n.severity.rawValue
            status = n.status.rawValue
            steps = NonconformanceStep.allCases.map { step in
                let answer = n.answers[step.rawValue]
                return Step(step: step.rawValue, discipline: step.discipline, due: n.due[step].iso, state: n.status.state(of: step).rawValue,
                            overdue: n.status.owedSteps.contains(step) && n.due[step] < today,
                            answer: answer?.text, answeredAt: answer.map { timestamp($0.answeredAt) }, answeredBy: answer?.answeredBy,
                            review: answer?.review, reviewNote: answer?.reviewNote, reviewedAt: answer?.reviewedAt.map(timestamp))
            }
            raisedBy = n.raisedBy
            closingNote = n.closingNote
            createdAt = timestamp(record.createdAt)
            updatedAt = timestamp(record.updatedAt)
            self.history = history?.map {
                History(at: timestamp($0.at), actor: $0.actor, action: $0.action, step: $0.step?.rawValue, status: $0.status.rawValue, text: $0.text)
            }
        }
    }

    /// A supplier's scorecard. A metric without transactions in the period has `count` 0 and
    /// no percentage or hours.
    struct ScorecardView: Encodable {
        struct Rate: Encodable {
            let count: Int
            let hits: Int
            let percent: String?
            init(_ r: ScorecardRate) {
                count = r.count
                hits = r.hits
                percent = r.percent.map(DecimalText.format)
            }
        }
        struct Cycle: Encodable {
            let count: Int
            let meanHours: String?
            let medianHours: String?
            let unanswered: Int
        }
        struct Count: Encodable { let count: Int }
        let supplier: String
        let from: String
        let to: String
        let onTimeDelivery: Rate
        let acknowledgementCycleTime: Cycle
        let firstPassInvoiceMatch: Rate
        let shipNoticeAccuracy: Rate
        let nonconformances: Count

        init(supplier: String, _ s: Scorecard) {
            self.supplier = supplier
            from = s.from.iso
            to = s.to.iso
            onTimeDelivery = Rate(s.onTimeDelivery)
            acknowledgementCycleTime = Cycle(count: s.acknowledgementCycle.count, meanHours: s.acknowledgementCycle.meanHours.map(DecimalText.format),
                                             medianHours: s.acknowledgementCycle.medianHours.map(DecimalText.format),
                                             unanswered: s.unansweredRevisions)
            firstPassInvoiceMatch = Rate(s.firstPassInvoiceMatch)
            shipNoticeAccuracy = Rate(s.shipNoticeAccuracy)
            nonconformances = Count(count: s.nonconformances)
        }
    }
}
