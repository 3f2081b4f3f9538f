import Flows
import Foundation
import Procurement
import Storage
import Telemetry

/// JSON shapes of the API: what clients read. Kept apart from storage records so the wire
/// format changes only on purpose.
enum Views {
    static func timestamp(_ date: Date) -> String {
        TimestampText.iso(date)
    }

    struct Order: Encodable {
        let number: String
        let revision: Int
        let status: String
        let supplier: String
        let plant: String
        let currency: String
        let lines: [OrderLine]
        /// Why the ERP cancelled the order, when it did.
        let cancelReason: String?
        let revisions: [Int]?
        let createdAt: String
        let updatedAt: String

        init(_ record: OrderRecord, revisions: [Int]? = nil) {
            number = record.order.number
            revision = record.order.revision
            status = record.status.rawValue
            supplier = record.order.supplier
            plant = record.order.plant
            currency = record.order.currency
            lines = record.order.lines
            cancelReason = record.order.cancelReason
            self.revisions = revisions
            createdAt = timestamp(record.createdAt)
            updatedAt = timestamp(record.updatedAt)
        }
    }

    struct OrderSummaryView: Encodable {
        let number: String
        let revision: Int
        let status: String
        let supplier: String
        let plant: String
        let currency: String
        let lineCount: Int
        let updatedAt: String

        init(_ s: OrderSummary) {
            number = s.number
            revision = s.revision
            status = s.status.rawValue
            supplier = s.supplier
            plant = s.plant
            currency = s.currency
            lineCount = s.lineCount
            updatedAt = timestamp(s.updatedAt)
        }
    }

    /// An acknowledgement as clients read it, assembled from the parts the flow already encoded
    /// (keys in sorted order): `{"decision","id","lines","purchaseOrder","reasons","receivedAt","revision"}`.
    static func acknowledgementJSON(_ p: PreparedAcknowledgement) -> [UInt8] {
        let r = p.record
        var out = CanonicalJSON.Writer(capacity: 192 + p.linesJSON.utf8.count + p.reasonsJSON.utf8.count)
        out.byte(UInt8(ascii: "{"))
        out.member("decision", r.decision.rawValue)
        out.member("id", r.id)
        out.member("lines", json: p.linesJSON)
        out.member("purchaseOrder", r.purchaseOrder)
        out.member("reasons", json: p.reasonsJSON)
        out.member("receivedAt", timestamp(r.receivedAt))
        out.member("revision", r.revision)
        out.byte(UInt8(ascii: "}"))
        return out.bytes
    }

    struct Exception: Encodable {
        struct Comment: Encodable {
            let author: String
            let text: String
            let at: String
        }
        let id: String
        let type: String
        let supplier: String
        let purchaseOrder: String?
        let revision: Int?
        let acknowledgement: String?
        let links: [String: String]?
        let reasons: [Reason]
        let status: String
        let owner: String?
        let createdAt: String
        /// Whole hours from opening to resolution, or to now while open.
        let ageHours: Int
        let resolvedAt: String?
        let resolvedBy: String?
        let note: String?
        let comments: [Comment]?

        init(_ r: ExceptionRecord, now: Date, comments: [ExceptionComment]? = nil) {
            id = r.id
            type = r.kind
            supplier = r.supplier
            purchaseOrder = r.purchaseOrder
            revision = r.revision
            acknowledgement = r.acknowledgementID
            links = r.links.isEmpty ? nil : r.links
            reasons = r.reasons
            status = r.status.rawValue
            owner = r.owner
            createdAt = timestamp(r.createdAt)
            ageHours = max(0, Int(((r.resolvedAt ?? now).timeIntervalSince(r.createdAt) / 3600).rounded(.down)))
            resolvedAt = r.resolvedAt.map(timestamp)
            resolvedBy = r.resolvedBy
            note = r.note
            self.comments = comments.map { $0.map { Comment(author: $0.author, text: $0.text, at: timestamp($0.at)) } }
        }
    }

    struct OutboxMessageView: Encodable {
        let id: Int64
        let kind: String
        let document: String
        let revision: Int
        let idempotencyKey: String
        let status: String
        let attempts: Int
        let lastError: String?
        let createdAt: String
        let nextAttemptAt: String
        let deadAt: String?

        init(_ j: OutboxJob) {
            id = j.id
            kind = j.message.kind
            document = j.message.document
            revision = j.message.revision
            idempotencyKey = j.message.idempotencyKey
            status = j.status.rawValue
            attempts = j.attempts
            lastError = j.lastError
            createdAt = timestamp(j.createdAt)
            nextAttemptAt = timestamp(j.nextAttemptAt)
            deadAt = j.deadAt.map(timestamp)
        }
    }

    struct Client: Encodable {
        let id: String
        let name: String
        let role: String
        let supplier: String?
        let createdAt: String
        let revokedAt: String?
        let key: String?

        init(_ c: ClientRecord, key: String? = nil) {
            id = c.id
            name = c.name
            role = c.role.rawValue
            supplier = c.supplierID
            createdAt = timestamp(c.createdAt)
            revokedAt = c.revokedAt.map(timestamp)
            self.key = key
        }
    }

    struct Audit: Encodable {
        let sequence: Int64
        let at: String
        let actor: String
        let role: String
        let action: String
        let objectType: String
        let objectId: String
        let detail: String
        let requestId: String?
        let hash: String

        init(_ a: AuditEntry) {
            sequence = a.sequence
            at = timestamp(a.at)
            actor = a.actor
            role = a.role
            action = a.action
            objectType = a.objectType
            objectId = a.objectID
            detail = a.detail
            requestId = a.requestID
            hash = a.hash
        }
    }

    /// A page of items with the cursor for the next page.
    struct PageView<Item: Encodable>: Encodable {
        let items: [Item]
        let nextCursor: String?
    }
}
