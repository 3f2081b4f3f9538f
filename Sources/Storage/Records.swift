import Foundation
import Procurement

/// What an API client may do.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// The ERP: releases orders and suppliers.
    case erp
    /// One supplier's system or user: sees and answers only its own orders.
    case supplier
    /// A buyer: reviews exceptions.
    case buyer
    /// Operations: suppliers, API clients, dead letters, the audit log; reads everything.
    /// Business actions stay with their roles (the ERP releases, suppliers answer, buyers decide).
    case admin
}

/// Whose data a read or write may touch. Applied inside the store, so no caller can forget it.
public enum SupplierScope: Sendable, Equatable {
    case all
    case supplier(String)

    /// True when this scope may see the data of `supplierID`.
    public func covers(_ supplierID: String) -> Bool {
        switch self {
        case .all: return true
        case .supplier(let id): return id == supplierID
        }
    }
}

/// An authenticated caller.
public struct Principal: Sendable, Equatable {
    public let clientID: String
    public let name: String
    public let role: Role
    public let supplierID: String?

    public init(clientID: String, name: String, role: Role, supplierID: String?) {
        self.clientID = clientID
        self.name = name
        self.role = role
        self.supplierID = supplierID
    }

    /// Suppliers see their own data; every other role sees all.
    public var scope: SupplierScope {
        role == .supplier ? .supplier(supplierID ?? "") : .all
    }

    /// The hub itself, for work no client started (timers, the dispatcher, the CLI).
    public static let system = Principal(clientID: "system", name: "Supplyline", role: .admin, supplierID: nil)
}

/// An API client and the hash of its key (the key itself is never stored).
public struct ClientRecord: Sendable, Equatable {
    public let id: String
    public let name: String
    public let role: Role
    public let supplierID: String?
    public let keyHash: [UInt8]
    public let createdAt: Date
    public let revokedAt: Date?

    public init(id: String, name: String, role: Role, supplierID: String?, keyHash: [UInt8], createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.supplierID = supplierID
        self.keyHash = keyHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var principal: Principal { Principal(clientID: id, name: name, role: role, supplierID: supplierID) }
}

/// The current revision of an order and where it stands.
public struct OrderRecord: Sendable, Equatable {
    public let order: PurchaseOrder
    public let status: OrderStatus
    public let createdAt: Date
    public let updatedAt: Date
}

/// An order as a list shows it.
public struct OrderSummary: Sendable, Equatable {
    public let number: String
    public let revision: Int
    public let supplier: String
    public let plant: String
    public let currency: String
    public let status: OrderStatus
    public let lineCount: Int
    public let updatedAt: Date
}

/// A supplier's acknowledgement as received, with the hub's decision.
public struct AcknowledgementRecord: Sendable, Equatable {
    public let id: String
    public let purchaseOrder: String
    public let revision: Int
    public let supplier: String
    public let clientID: String
    public let response: OrderResponse
    public let decision: Decision
    public let reasons: [Reason]
    public let lines: [ConfirmedLine]
    public let receivedAt: Date

    public init(id: String, purchaseOrder: String, revision: Int, supplier: String, clientID: String,
                response: OrderResponse, decision: Decision, reasons: [Reason], lines: [ConfirmedLine], receivedAt: Date) {
        self.id = id
        self.purchaseOrder = purchaseOrder
        self.revision = revision
        self.supplier = supplier
        self.clientID = clientID
        self.response = response
        self.decision = decision
        self.reasons = reasons
        self.lines = lines
        self.receivedAt = receivedAt
    }
}

/// An acknowledgement with its JSON columns already encoded, so the encoding happens on the
/// caller's thread rather than inside the store's single writer.
public struct PreparedAcknowledgement: Sendable {
    public let record: AcknowledgementRecord
    public let responseJSON: String
    public let reasonsJSON: String
    public let linesJSON: String

    /// - Parameter responseJSON: the response as already encoded by the caller, if it has it.
    public init(_ record: AcknowledgementRecord, responseJSON: String? = nil) throws {
        self.record = record
        self.responseJSON = responseJSON ?? record.response.canonicalJSON
        reasonsJSON = Reason.canonicalJSON(record.reasons)
        linesJSON = ConfirmedLine.canonicalJSON(record.lines)
    }
}

/// Where an exception stands.
public enum ExceptionStatus: String, Sendable, Codable, CaseIterable {
    case open
    case approved
    case rejected
    /// A newer revision of the order made it moot.
    case superseded
}

/// Something held for review: an answer outside tolerance, a held ship notice, an invoice
/// that does not match, an overdue step. `kind` is its type; `links` name the documents it
/// concerns beyond the order (`shipNotice`, `invoice`, `goodsReceipt`, `nonconformance`,
/// `line`, …).
public struct ExceptionRecord: Sendable, Equatable, Codable {
    public let id: String
    public let kind: String
    public let supplier: String
    public let purchaseOrder: String?
    public let revision: Int?
    public let acknowledgementID: String?
    public let links: [String: String]
    public let reasons: [Reason]
    public let status: ExceptionStatus
    /// The buyer it is assigned to (a client id); nil when nobody has taken it.
    public let owner: String?
    /// Set by sweeps that must raise an exception once only: a second insert with the same key
    /// is ignored.
    public let dedupeKey: String?
    public let createdAt: Date
    public let resolvedAt: Date?
    public let resolvedBy: String?
    public let note: String?

    public init(id: String, kind: String, supplier: String, purchaseOrder: String? = nil, revision: Int? = nil,
                acknowledgementID: String? = nil, links: [String: String] = [:], reasons: [Reason], status: ExceptionStatus = .open,
                owner: String? = nil, dedupeKey: String? = nil, createdAt: Date, resolvedAt: Date? = nil, resolvedBy: String? = nil,
                note: String? = nil) {
        self.id = id
        self.kind = kind
        self.supplier = supplier
        self.purchaseOrder = purchaseOrder
        self.revision = revision
        self.acknowledgementID = acknowledgementID
        self.links = links
        self.reasons = reasons
        self.status = status
        self.owner = owner
        self.dedupeKey = dedupeKey
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
        self.note = note
    }
}

/// Which exceptions a list returns; nil fields do not filter.
public struct ExceptionFilter: Sendable, Equatable {
    public var status: ExceptionStatus?
    public var kind: String?
    public var supplier: String?
    public var owner: String?
    /// Only exceptions opened at or before this time (an age filter).
    public var createdAtOrBefore: Date?
    public var purchaseOrder: String?

    public init(status: ExceptionStatus? = nil, kind: String? = nil, supplier: String? = nil, owner: String? = nil,
                createdAtOrBefore: Date? = nil, purchaseOrder: String? = nil) {
        self.status = status
        self.kind = kind
        self.supplier = supplier
        self.owner = owner
        self.createdAtOrBefore = createdAtOrBefore
        self.purchaseOrder = purchaseOrder
    }
}

/// A remark on an exception, kept in order.
public struct ExceptionComment: Sendable, Equatable, Codable {
    public let exceptionID: String
    public let author: String
    public let text: String
    public let at: Date

    public init(exceptionID: String, author: String, text: String, at: Date) {
        self.exceptionID = exceptionID
        self.author = author
        self.text = text
        self.at = at
    }
}

/// An idempotency record: what a client's request with a given key produced.
public struct InboxEntry: Sendable, Equatable {
    public let clientID: String
    public let key: String
    /// Hash of what the request asked for; a different request with the same key is refused.
    public let requestHash: String
    public let operation: String
    /// The HTTP status the first request got.
    public let resultStatus: Int
    /// The id of what the first request created, to render the same answer again.
    public let resultRef: String
    /// What the first request answered, as JSON, for a request that changed an object rather
    /// than created one: the object moves on, so the answer is kept as it was. Nil when
    /// `resultRef` is enough.
    public let resultSnapshot: String?
    public let createdAt: Date

    public init(clientID: String, key: String, requestHash: String, operation: String, resultStatus: Int, resultRef: String,
                resultSnapshot: String? = nil, createdAt: Date) {
        self.clientID = clientID
        self.key = key
        self.requestHash = requestHash
        self.operation = operation
        self.resultStatus = resultStatus
        self.resultRef = resultRef
        self.resultSnapshot = resultSnapshot
        self.createdAt = createdAt
    }
}

/// A message to an outside system, written in the same transaction as the change it reports.
public struct OutboxMessage: Sendable, Equatable {
    public let kind: String
    public let document: String
    public let revision: Int
    /// What the receiver deduplicates on; stable across retries.
    public let idempotencyKey: String
    /// The JSON body to deliver.
    public let payload: [UInt8]

    public init(kind: String, document: String, revision: Int, idempotencyKey: String, payload: [UInt8]) {
        self.kind = kind
        self.document = document
        self.revision = revision
        self.idempotencyKey = idempotencyKey
        self.payload = payload
    }
}

public enum OutboxStatus: String, Sendable, Codable {
    case pending
    case delivered
    /// Gave up: past the retry budget or refused for good. Can be replayed.
    case dead
}

/// An outbox message with its delivery state.
public struct OutboxJob: Sendable, Equatable {
    public let id: Int64
    public let message: OutboxMessage
    public let status: OutboxStatus
    public let attempts: Int
    public let nextAttemptAt: Date
    public let lastError: String?
    public let createdAt: Date
    public let deliveredAt: Date?
    public let deadAt: Date?
}

/// The outcome of one delivery attempt, to record.
public enum DeliveryOutcome: Sendable, Equatable {
    case delivered
    case retry(at: Date, error: String)
    case dead(error: String)
}

/// One line of the audit log: who did what to which object, and when.
public struct AuditEntry: Sendable, Equatable {
    public let sequence: Int64
    public let at: Date
    public let actor: String
    public let role: String
    public let action: String
    public let objectType: String
    public let objectID: String
    /// JSON object with the particulars.
    public let detail: String
    public let requestID: String?
    /// SHA-256 over the previous entry's hash and this entry: editing or deleting any entry
    /// breaks every hash after it.
    public let hash: String
}

/// What to append to the audit log.
public struct AuditEvent: Sendable, Equatable {
    public let actor: Principal
    public let action: String
    public let objectType: String
    public let objectID: String
    public let detail: String
    public let requestID: String?
    /// The entry's digest for the time it will carry, when worked out before the write (see
    /// `digested(at:)`), so the store's single writer only chains it.
    private(set) var digest: (at: Int64, hex: String)?

    public init(actor: Principal, action: String, objectType: String, objectID: String, detail: String = "{}", requestID: String? = nil) {
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.detail = detail
        self.requestID = requestID
    }

    /// The same event with its digest worked out for an entry written at `now`.
    public func digested(at now: Date) -> AuditEvent {
        let at = SQLiteAccess.millis(now).int64 ?? 0
        var event = self
        event.digest = (at, SQLiteAccess.entryDigest(at: at, actor: actor.clientID, role: actor.role.rawValue, action: action,
                                                     objectType: objectType, objectID: objectID, detail: detail, requestID: requestID))
        return event
    }

    public static func == (a: AuditEvent, b: AuditEvent) -> Bool {
        a.actor == b.actor && a.action == b.action && a.objectType == b.objectType && a.objectID == b.objectID
            && a.detail == b.detail && a.requestID == b.requestID
    }
}

/// A state change, as recorded in the event log: CloudEvents 1.0 attributes plus the log
/// position that readers resume from.
public struct EventRecord: Sendable, Equatable {
    /// Order in the log; `GET /v1/events?after=` resumes after it.
    public let position: Int64
    public let id: String
    /// e.g. `com.supplyline.po.acknowledged`.
    public let type: String
    /// The document the event is about (a PO number, an exception id).
    public let subject: String
    public let time: Date
    /// The supplier the event concerns, for supplier-scoped reading; nil for hub-wide events.
    public let supplier: String?
    /// A JSON object.
    public let data: String
}

/// What to append to the event log.
public struct NewEvent: Sendable, Equatable {
    public let type: String
    public let subject: String
    public let supplier: String?
    public let data: String

    public init(type: String, subject: String, supplier: String?, data: String) {
        self.type = type
        self.subject = subject
        self.supplier = supplier
        self.data = data
    }
}

/// A page of results and the cursor for the next one.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    /// Pass as `after` to get the next page; nil on the last page.
    public let next: String?

    public init(items: [Item], next: String?) {
        self.items = items
        self.next = next
    }
}
