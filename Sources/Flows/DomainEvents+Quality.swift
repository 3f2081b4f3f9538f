import Foundation
import Procurement
import Storage

/// Events of quality documents, nonconformances and timers. Every event's data names the supplier.
extension DomainEvents {
    private struct NonconformanceData: Encodable {
        let nonconformance: String
        let supplier: String
        let status: String
        var goodsReceipt: String?
        var purchaseOrder: String?
        var line: Int?
        var severity: String?
        var due: NonconformanceDueDates?
        var step: String?
        var verdict: String?
        var dueDate: String?
    }

    private static func ncr(_ type: String, _ n: Nonconformance, _ configure: (inout NonconformanceData) -> Void = { _ in }) -> NewEvent {
        var data = NonconformanceData(nonconformance: n.id, supplier: n.supplier, status: n.status.rawValue)
        configure(&data)
        return NewEvent(type: prefix + "ncr." + type, subject: n.id, supplier: n.supplier, data: JSON.string(data))
    }

    /// `com.supplyline.ncr.raised`
    static func nonconformanceRaised(_ n: Nonconformance) -> NewEvent {
        ncr("raised", n) {
            $0.goodsReceipt = n.goodsReceipt
            $0.purchaseOrder = n.purchaseOrder
            $0.line = n.line
            $0.severity = n.severity.rawValue
            $0.due = n.due
        }
    }

    /// `com.supplyline.ncr.answered`: the supplier answered a step.
    static func nonconformanceAnswered(_ n: Nonconformance, step: NonconformanceStep) -> NewEvent {
        ncr("answered", n) { $0.step = step.rawValue }
    }

    /// `com.supplyline.ncr.reviewed`: the buyer accepted or returned an answer.
    static func nonconformanceReviewed(_ n: Nonconformance, step: NonconformanceStep, verdict: String) -> NewEvent {
        ncr("reviewed", n) {
            $0.step = step.rawValue
            $0.verdict = verdict
        }
    }

    /// `com.supplyline.ncr.closed`
    static func nonconformanceClosed(_ n: Nonconformance) -> NewEvent { ncr("closed", n) }

    /// `com.supplyline.ncr.overdue`: a step passed its due date unanswered.
    static func nonconformanceOverdue(_ n: Nonconformance, step: NonconformanceStep) -> NewEvent {
        ncr("overdue", n) {
            $0.step = step.rawValue
            $0.dueDate = n.due[step].iso
        }
    }

    /// `com.supplyline.qualitydocument.uploaded`: a supplier stored a quality document; what it
    /// is, its SHA-256 and what it is linked to (only the links it has).
    static func qualityDocumentUploaded(_ r: QualityDocumentRecord) -> NewEvent {
        struct Links: Encodable { let purchaseOrder: String?, line: Int?, shipNotice: String?, lot: String? }
        struct Data: Encodable {
            let qualityDocument: String, supplier: String, type: String, sha256: String, contentType: String, size: Int
            let fileName: String?, links: Links
        }
        let data = Data(qualityDocument: r.id, supplier: r.supplier, type: r.type.rawValue, sha256: r.sha256, contentType: r.contentType,
                        size: r.size, fileName: r.fileName,
                        links: Links(purchaseOrder: r.purchaseOrder, line: r.line, shipNotice: r.shipNotice, lot: r.lot))
        return NewEvent(type: prefix + "qualitydocument.uploaded", subject: r.id, supplier: r.supplier, data: JSON.string(data))
    }

    /// `com.supplyline.timer.acknowledgementOverdue`
    static func acknowledgementOverdue(_ p: PendingAcknowledgement, hours: Int) -> NewEvent {
        struct Data: Encodable { let purchaseOrder: String, revision: Int, supplier: String, releasedAt: String, overdueAfterHours: Int }
        return NewEvent(type: prefix + "timer.acknowledgementOverdue", subject: p.purchaseOrder, supplier: p.supplier,
                        data: JSON.string(Data(purchaseOrder: p.purchaseOrder, revision: p.revision, supplier: p.supplier,
                                               releasedAt: ERPPostings.timestamp(p.releasedAt), overdueAfterHours: hours)))
    }

    /// `com.supplyline.timer.shipNoticeLate`
    static func shipNoticeLate(_ w: ShipmentWatch, shipped: Decimal) -> NewEvent {
        struct Data: Encodable { let purchaseOrder: String, revision: Int, line: Int, dueDate: String, dueQuantity: String, shipped: String, supplier: String }
        return NewEvent(type: prefix + "timer.shipNoticeLate", subject: w.purchaseOrder, supplier: w.supplier,
                        data: JSON.string(Data(purchaseOrder: w.purchaseOrder, revision: w.revision, line: w.due.line,
                                               dueDate: w.due.dueDate.iso, dueQuantity: DecimalText.format(w.due.cumulative),
                                               shipped: DecimalText.format(shipped), supplier: w.supplier)))
    }
}

extension ERPPostings {
    /// Kind `qualityDocument`, once per upload: what the document is, its SHA-256 and links, and
    /// where the ERP can fetch the bytes (`/v1/quality-documents/{id}/content`, with any key
    /// that may read it). The bytes themselves stay in the hub.
    static func qualityDocument(_ r: QualityDocumentRecord) -> OutboxMessage {
        struct Body: Encodable {
            let qualityDocument: String, supplier: String, type: String, sha256: String, contentType: String, size: Int
            let fileName: String?, purchaseOrder: String?, line: Int?, shipNotice: String?, lot: String?
            let content: String, uploadedAt: String
        }
        let body = Body(qualityDocument: r.id, supplier: r.supplier, type: r.type.rawValue, sha256: r.sha256, contentType: r.contentType,
                        size: r.size, fileName: r.fileName, purchaseOrder: r.purchaseOrder, line: r.line, shipNotice: r.shipNotice, lot: r.lot,
                        content: "/v1/quality-documents/\(r.id)/content", uploadedAt: timestamp(r.createdAt))
        return OutboxMessage(kind: "qualityDocument", document: r.id, revision: 1, idempotencyKey: "qualityDocument:\(r.id)",
                             payload: JSON.encode(body))
    }

    /// Kind `nonconformance`, when raised and when closed: the report as it stands, with
    /// `"event": "raised"|"closed"` and the supplier's accepted answers. The key names the report and the event, so each is posted once.
    static func nonconformance(_ n: Nonconformance, event: String, now: Date) -> OutboxMessage {
        struct Body: Encodable {
            let event: String, nonconformance: String, supplier: String, goodsReceipt: String
            let purchaseOrder: String?, line: Int?, lot: String?, quantityAffected: String?
            let description: String, severity: String, status: String, due: NonconformanceDueDates
            let at: String, closingNote: String?
            /// The supplier's answers per step (containment, rootCause, correctiveAction) as accepted.
            let answers: [String: String]?
        }
        let answers = n.answers.filter { $0.value.review == "accepted" }.mapValues(\.text)
        let body = Body(event: event, nonconformance: n.id, supplier: n.supplier, goodsReceipt: n.goodsReceipt,
                        purchaseOrder: n.purchaseOrder, line: n.line, lot: n.lot, quantityAffected: n.quantityAffected.map(DecimalText.format),
                        description: n.description, severity: n.severity.rawValue, status: n.status.rawValue, due: n.due,
                        at: timestamp(now), closingNote: n.closingNote, answers: answers.isEmpty ? nil : answers)
        return OutboxMessage(kind: "nonconformance", document: n.id, revision: event == "closed" ? 2 : 1,
                             idempotencyKey: "nonconformance:\(n.id):\(event)", payload: JSON.encode(body))
    }
}
