import Foundation
import Procurement
import Storage

/// A supplier's advance ship notices: submit, update, cancel, read. Each command runs
/// authorize → dedupe → load → decide → persist (notice, ledger, outbox, exception, audit,
/// events) in one transaction, so a refused notice leaves nothing behind, across every order
/// it names. A notice that ships a line needing a certificate, without one, is held: stored
/// and counted as shipped, but not posted to the ERP until a buyer approves it or a matching
/// certificate arrives.
public struct ShipNoticeFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    public struct Result: Sendable {
        public let record: ShipNoticeRecord
        public let replayed: Bool
    }

    public func submit(_ document: ShipNoticeDocument, idempotencyKey: String, by request: RequestContext) throws -> Result {
        try request.require(.supplier, to: "submit ship notices")
        try document.validate()
        let command = IdempotentCommand(operation: "shipNotice.submit", key: idempotencyKey, parts: [JSON.string(document)])
        let outcome = try command.run(context, by: request, body: { tx, now in
            let record = try Self.submit(document, tx: tx, request: request, now: now)
            return (record, record.id, 201)
        }, replay: { tx, ref in
            guard let record = try tx.shipNotice(id: ref, scope: request.principal.scope) else {
                throw FlowError(.notFound, "There is no ship notice \(ref).")
            }
            return record
        })
        return Result(record: outcome.value, replayed: outcome.replayed)
    }

    /// The write of a new notice, shared by the API and inbound EDI.
    static func submit(_ document: ShipNoticeDocument, tx: any StoreWriter, request: RequestContext, now: Date) throws -> ShipNoticeRecord {
        let supplierID = request.principal.supplierID ?? ""
        guard let supplier = try tx.supplier(id: supplierID) else {
            throw ProcurementError(.unknownSupplier, "The supplier \(supplierID) is not on file.")
        }
        if let existing = try tx.shipNotice(supplier: supplierID, shipmentId: document.shipmentId) {
            throw ProcurementError(.duplicateShipmentId,
                "Shipment \(document.shipmentId) was already announced as ship notice \(existing.id); update that notice, or use a new shipment id.",
                fields: [.init(pointer: "/shipmentId", detail: "already used by \(existing.id)")])
        }
        let orders = try loadOrders(document.purchaseOrders, tx: tx, scope: request.principal.scope)
        let decision = try ShipNoticeDecider.decide(document, orders: orders, overShipmentPercent: supplier.tolerances.overShipmentPercent,
                                                    certificates: try tx.certificateLinks(supplier: supplierID))
        try addShipped(decision, tx: tx, now: now)
        let id = Identifiers.make("asn")
        var record = ShipNoticeRecord(id: id, supplier: supplierID, version: 1, status: decision.held ? .held : .accepted, document: document,
                                      posted: !decision.held, exceptionID: nil, clientID: request.principal.clientID,
                                      createdAt: now, updatedAt: now)
        var events = [DomainEvents.shipNotice(record, change: "submitted")]
        if decision.held {
            let exception = holdException(record, decision: decision, now: now)
            record = record.with(exceptionID: .some(exception.id), updatedAt: now)
            try tx.insertException(exception)
            events += [DomainEvents.shipNotice(record, change: "held"), DomainEvents.exception(exception, change: "opened")]
        } else {
            try tx.enqueue(ERPPostings.inboundDelivery(record, now: now), now: now)
        }
        try tx.insertShipNotice(record)
        try tx.appendAudit(AuditEvent(actor: request.principal, action: "shipNotice.submitted", objectType: "shipNotice", objectID: id,
                                      detail: JSON.string(["shipmentId": document.shipmentId, "status": record.status.rawValue]),
                                      requestID: request.requestID), now: now)
        for event in events { try tx.emit(event, now: now) }
        return record
    }

    /// Replaces the notice's content with a new version. The same content again changes nothing.
    public func update(id: String, document: ShipNoticeDocument, by request: RequestContext) throws -> ShipNoticeRecord {
        try request.require(.supplier, to: "update ship notices")
        try document.validate()
        let now = context.clock.now()
        return try context.store.write { tx in
            let current = try Self.openNotice(id: id, tx: tx, request: request, action: "updated")
            guard document.shipmentId == current.document.shipmentId else {
                throw FlowError(.mismatch, "The shipment id of a notice cannot change (\(current.document.shipmentId) to \(document.shipmentId)); cancel it and submit a new one.")
            }
            if document == current.document { return current }
            guard let supplier = try tx.supplier(id: current.supplier) else {
                throw ProcurementError(.unknownSupplier, "The supplier \(current.supplier) is not on file.")
            }
            let orders = try Self.loadOrders(document.purchaseOrders, tx: tx, scope: request.principal.scope)
            let decision = try ShipNoticeDecider.decide(document, orders: orders, previous: current.document.quantities,
                                                        overShipmentPercent: supplier.tolerances.overShipmentPercent,
                                                        certificates: try tx.certificateLinks(supplier: current.supplier), noticeID: id)
            try Self.addShipped(decision, tx: tx, now: now)
            var record = current.with(version: current.version + 1, document: document, updatedAt: now)
            var events: [NewEvent] = []
            if decision.held {
                // Nothing goes to the ERP while the new version is held: a posted notice keeps its
                // last posted version there until the hold is released (the new version is posted)
                // or rejected (the delivery is cancelled).
                record = record.with(status: .held, updatedAt: now)
                if current.status != .held || current.exceptionID == nil {
                    let exception = Self.holdException(record, decision: decision, now: now)
                    try tx.insertException(exception)
                    record = record.with(exceptionID: .some(exception.id), updatedAt: now)
                    events += [DomainEvents.shipNotice(record, change: "held"), DomainEvents.exception(exception, change: "opened")]
                }
            } else {
                if current.status == .held {
                    record = record.with(status: .released, updatedAt: now)
                    events += try Self.closeHold(current, tx: tx, note: "The updated notice no longer needs a certificate.", now: now)
                    record = record.with(exceptionID: .some(nil), updatedAt: now)
                    events.append(DomainEvents.shipNotice(record, change: "released"))
                }
                record = record.with(posted: true, updatedAt: now)
                try tx.enqueue(ERPPostings.inboundDelivery(record, now: now), now: now)
            }
            try tx.updateShipNotice(record)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "shipNotice.updated", objectType: "shipNotice", objectID: id,
                                          detail: JSON.string(["version": "\(record.version)", "status": record.status.rawValue]),
                                          requestID: request.requestID), now: now)
            try tx.emit(DomainEvents.shipNotice(record, change: "updated"), now: now)
            for event in events { try tx.emit(event, now: now) }
            return record
        }
    }

    /// Withdraws the notice: its quantities leave the ledger and, if the ERP was told, it is told again.
    public func cancel(id: String, by request: RequestContext) throws -> ShipNoticeRecord {
        try request.require(.supplier, to: "cancel ship notices")
        let now = context.clock.now()
        return try context.store.write { tx in
            // Cancelling again answers the cancelled notice and changes nothing, so a client
            // that lost the first answer can simply retry.
            if let done = try tx.shipNotice(id: id, scope: request.principal.scope), done.status == .cancelled { return done }
            let current = try Self.openNotice(id: id, tx: tx, request: request, action: "cancelled")
            try Self.reverseLedger(current, tx: tx)
            var events: [NewEvent] = []
            if current.status == .held, let exceptionID = current.exceptionID, let exception = try tx.exception(id: exceptionID), exception.status == .open {
                try tx.resolveException(id: exceptionID, status: .superseded, by: request.principal.clientID,
                                        note: "The supplier cancelled the ship notice.", now: now)
                if let closed = try tx.exception(id: exceptionID) { events.append(DomainEvents.exception(closed, change: "superseded")) }
            }
            let record = current.with(status: .cancelled, exceptionID: .some(nil), updatedAt: now)
            if current.posted { try tx.enqueue(ERPPostings.inboundDeliveryCancellation(record, now: now), now: now) }
            try tx.updateShipNotice(record)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "shipNotice.cancelled", objectType: "shipNotice", objectID: id,
                                          detail: JSON.string(["version": "\(record.version)"]), requestID: request.requestID), now: now)
            try tx.emit(DomainEvents.shipNotice(record, change: "cancelled"), now: now)
            for event in events { try tx.emit(event, now: now) }
            return record
        }
    }

    public func notice(id: String, by request: RequestContext) throws -> ShipNoticeRecord {
        guard let record = try context.store.read({ try $0.shipNotice(id: id, scope: request.principal.scope) }) else {
            throw FlowError(.notFound, "There is no ship notice \(id).")
        }
        return record
    }

    public func notices(purchaseOrder: String?, status: ShipNoticeStatus?, after: String?, limit: Int,
                        by request: RequestContext) throws -> Page<ShipNoticeRecord> {
        try context.store.read {
            try $0.shipNotices(scope: request.principal.scope, purchaseOrder: purchaseOrder, status: status, after: after, limit: limit)
        }
    }

    // MARK: shared steps

    /// The orders a notice names, as far as the caller may see them, with what they are measured against.
    static func loadOrders(_ numbers: [String], tx: any StoreReader, scope: SupplierScope) throws -> [String: ShippingOrderState] {
        var orders: [String: ShippingOrderState] = [:]
        for number in numbers {
            guard let record = try tx.purchaseOrder(number: number, scope: scope) else { continue }
            orders[number] = ShippingOrderState(order: record.order, status: record.status,
                                                confirmed: try ConfirmedSchedule.lines(of: record, tx: tx),
                                                progress: try tx.lineProgress(purchaseOrder: number))
        }
        return orders
    }

    /// The notice, if the caller may see it and it may still change.
    static func openNotice(id: String, tx: any StoreReader, request: RequestContext, action: String) throws -> ShipNoticeRecord {
        guard let current = try tx.shipNotice(id: id, scope: request.principal.scope) else {
            throw FlowError(.notFound, "There is no ship notice \(id).")
        }
        switch current.status {
        case .received:
            throw ProcurementError(.shipNoticeReceived, "Ship notice \(id) has been received and can no longer be \(action).")
        case .cancelled, .rejected:
            throw ProcurementError(.shipNoticeClosed, "Ship notice \(id) is \(current.status.rawValue) and can no longer be \(action).")
        case .accepted, .held, .released:
            return current
        }
    }

    /// Moves the ledger's shipped quantities by the decision's deltas; a line that ships more
    /// closes the late-shipment exceptions it now covers.
    static func addShipped(_ decision: ShipNoticeDecision, tx: any StoreWriter, now: Date) throws {
        for (key, delta) in decision.shippedDelta {
            try tx.addLineProgress(purchaseOrder: key.purchaseOrder, line: key.line, LineProgress(shipped: delta))
            if delta > 0 { try TimerSweep.shipmentsAnnounced(purchaseOrder: key.purchaseOrder, line: key.line, tx: tx, now: now) }
        }
    }

    static func reverseLedger(_ record: ShipNoticeRecord, tx: any StoreWriter) throws {
        for (key, quantity) in record.document.quantities {
            try tx.addLineProgress(purchaseOrder: key.purchaseOrder, line: key.line, LineProgress(shipped: -quantity))
        }
    }

    static func holdException(_ record: ShipNoticeRecord, decision: ShipNoticeDecision, now: Date) -> ExceptionRecord {
        let first = decision.missingCertificates.first
        var links = ["shipNotice": record.id]
        if let first { links["line"] = String(first.line) }
        return ExceptionRecord(id: Identifiers.make("exc"), kind: ExceptionKinds.shipNoticeMissingCertificate, supplier: record.supplier,
                               purchaseOrder: first?.purchaseOrder, links: links, reasons: decision.reasons, createdAt: now)
    }

    /// Closes the open exception holding a notice, as approved by the hub; returns its event.
    static func closeHold(_ record: ShipNoticeRecord, tx: any StoreWriter, note: String, now: Date) throws -> [NewEvent] {
        guard let exceptionID = record.exceptionID, let exception = try tx.exception(id: exceptionID), exception.status == .open else { return [] }
        try tx.resolveException(id: exceptionID, status: .approved, by: Principal.system.clientID, note: note, now: now)
        return try tx.exception(id: exceptionID).map { [DomainEvents.exception($0, change: "approved")] } ?? []
    }

    /// Posts a held notice and marks it released.
    static func release(_ record: ShipNoticeRecord, tx: any StoreWriter, actor: Principal, requestID: String?, why: String,
                        now: Date) throws -> [NewEvent] {
        let released = record.with(status: .released, posted: true, exceptionID: .some(nil), updatedAt: now)
        try tx.enqueue(ERPPostings.inboundDelivery(released, now: now), now: now)
        try tx.updateShipNotice(released)
        try tx.appendAudit(AuditEvent(actor: actor, action: "shipNotice.released", objectType: "shipNotice", objectID: record.id,
                                      detail: JSON.string(["why": why]), requestID: requestID), now: now)
        return [DomainEvents.shipNotice(released, change: "released")]
    }

    /// Releases the supplier's held notices that a new certificate now covers.
    static func releaseCovered(supplier: String, tx: any StoreWriter, actor: Principal, requestID: String?, certificate: String,
                               now: Date) throws -> [String] {
        let certificates = try tx.certificateLinks(supplier: supplier)
        var released: [String] = []
        var known: [String: PurchaseOrder?] = [:]  // orders read so far; several notices often name the same one
        for held in try tx.heldShipNotices(supplier: supplier) {
            var orders: [String: PurchaseOrder] = [:]
            for number in held.document.purchaseOrders {
                if known[number] == nil { known[number] = .some(try tx.purchaseOrder(number: number, scope: .all)?.order) }
                if let order = known[number] ?? nil { orders[number] = order }
            }
            guard ShipNoticeDecider.missingCertificates(held.document, orders: orders, certificates: certificates, noticeID: held.id).isEmpty else {
                continue
            }
            var events = try closeHold(held, tx: tx, note: "Certificate \(certificate) was uploaded.", now: now)
            events += try release(held, tx: tx, actor: actor, requestID: requestID, why: "certificate \(certificate)", now: now)
            for event in events { try tx.emit(event, now: now) }
            released.append(held.id)
        }
        return released
    }
}

extension ExceptionKinds {
    /// A ship notice held because a line needs a certificate the notice does not have.
    static let shipNoticeMissingCertificate = "shipNoticeMissingCertificate"

    /// Approve: the notice is posted to the ERP and released. Reject: the notice is rejected and
    /// its quantities leave the ledger; when the ERP was posted an earlier version (a posted
    /// notice whose update was held), `inboundDeliveryCancellation` tells it to drop the delivery.
    static func resolveShipNoticeHold(_ exception: ExceptionRecord, verdict: ReviewVerdict, tx: any StoreWriter,
                                      request: RequestContext, now: Date) throws {
        guard let id = exception.links["shipNotice"], let notice = try tx.shipNotice(id: id, scope: .all), notice.status == .held else {
            return
        }
        if verdict == .approved {
            let events = try ShipNoticeFlow.release(notice, tx: tx, actor: request.principal, requestID: request.requestID,
                                                    why: "approved by a buyer", now: now)
            for event in events { try tx.emit(event, now: now) }
        } else {
            try ShipNoticeFlow.reverseLedger(notice, tx: tx)
            let rejected = notice.with(status: .rejected, exceptionID: .some(nil), updatedAt: now)
            if notice.posted { try tx.enqueue(ERPPostings.inboundDeliveryCancellation(rejected, now: now), now: now) }
            try tx.updateShipNotice(rejected)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: "shipNotice.rejected", objectType: "shipNotice", objectID: id,
                                          requestID: request.requestID), now: now)
            try tx.emit(DomainEvents.shipNotice(rejected, change: "rejected"), now: now)
        }
    }
}
