import Foundation
import Procurement
import Storage

/// Goods receipts the ERP posts: what arrived, accepted or turned away, against a ship notice or
/// order lines. Moves the ledger's received and rejected quantities, closes the notice to further
/// changes, and tells subscribers which delivery was due when (`receipt.posted`).
public struct GoodsReceiptFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    public struct Result: Sendable {
        public let record: GoodsReceiptRecord
        public let replayed: Bool
    }

    public func post(_ document: GoodsReceiptDocument, idempotencyKey: String, by request: RequestContext) throws -> Result {
        try request.require(.erp, to: "post goods receipts")
        try document.validate()
        let command = IdempotentCommand(operation: "goodsReceipt.post", key: idempotencyKey, parts: [JSON.string(document)])
        let outcome = try command.run(context, by: request, body: { tx, now in
            let record = try Self.post(document, tx: tx, request: request, now: now)
            return (record, record.id, 201)
        }, replay: { tx, ref in
            guard let record = try tx.goodsReceipt(id: ref, scope: request.principal.scope) else {
                throw FlowError(.notFound, "There is no goods receipt \(ref).")
            }
            return record
        })
        return Result(record: outcome.value, replayed: outcome.replayed)
    }

    static func post(_ document: GoodsReceiptDocument, tx: any StoreWriter, request: RequestContext, now: Date) throws -> GoodsReceiptRecord {
        let notice = try document.shipNotice.flatMap { try tx.shipNotice(id: $0, scope: .all) }
        if let notice, notice.status == .cancelled || notice.status == .rejected {
            throw ProcurementError(.shipNoticeClosed, "Ship notice \(notice.id) is \(notice.status.rawValue); receive against its order lines instead.",
                                   fields: [.init(pointer: "/shipNotice", detail: "is \(notice.status.rawValue)")])
        }
        var numbers = Set(document.lines.compactMap(\.purchaseOrder))
        numbers.formUnion(notice?.document.purchaseOrders ?? [])
        var records: [String: OrderRecord] = [:]
        for number in numbers {
            if let record = try tx.purchaseOrder(number: number, scope: .all) { records[number] = record }
        }
        let (supplier, resolved) = try GoodsReceiptDecider.resolve(document, notice: notice.map { ($0.supplier, $0.document) },
                                                       orders: records.mapValues(\.order))
        var takenIn: [OrderLineKey: Decimal] = [:]
        var lines: [ReceiptLineRecord] = []
        for (i, line) in resolved.enumerated() {
            let record = records[line.purchaseOrder]!
            let orderLine = record.order.line(line.line)!
            let confirmed = try ConfirmedSchedule.lines(of: record, tx: tx)
            let key = OrderLineKey(line.purchaseOrder, line.line)
            if takenIn[key] == nil {
                let progress = try tx.lineProgress(purchaseOrder: line.purchaseOrder)[line.line] ?? .zero
                takenIn[key] = progress.received + progress.rejected
            }
            let delivery = line.scheduleLine ?? GoodsReceiptDecider.delivery(
                schedule: confirmed?.first(where: { $0.line == line.line && $0.status != .rejected })?.schedule ?? orderLine.schedule,
                takenInBefore: takenIn[key]!)
            takenIn[key]! += line.received + line.rejected
            lines.append(ReceiptLineRecord(purchaseOrder: line.purchaseOrder, line: line.line, received: line.received, rejected: line.rejected,
                                           lot: line.lot, shipNoticeLine: document.lines[i].shipNoticeLine, shippedQuantity: line.shippedQuantity,
                                           dueDate: ConfirmedSchedule.dueDate(line: orderLine, confirmed: confirmed, index: delivery - 1)))
            try tx.addLineProgress(purchaseOrder: line.purchaseOrder, line: line.line,
                                   LineProgress(received: line.received, rejected: line.rejected))
        }
        let record = GoodsReceiptRecord(id: Identifiers.make("gr"), supplier: supplier,
                                        number: document.number, receivedDate: document.receivedDate, shipNotice: notice?.id, lines: lines,
                                        clientID: request.principal.clientID, createdAt: now)
        try tx.insertGoodsReceipt(record)
        if let notice, notice.status != .received {
            var closed = notice.with(status: .received, updatedAt: now)
            if notice.status == .held {
                // Goods that arrived settle the question the hold asked.
                let events = try ShipNoticeFlow.closeHold(notice, tx: tx, note: "The goods were received (\(record.id)).", now: now)
                for event in events { try tx.emit(event, now: now) }
                closed = closed.with(exceptionID: .some(nil), updatedAt: now)
            }
            try tx.updateShipNotice(closed)
        }
        try tx.appendAudit(AuditEvent(actor: request.principal, action: "goodsReceipt.posted", objectType: "goodsReceipt", objectID: record.id,
                                      detail: JSON.string(["shipNotice": record.shipNotice ?? "", "supplier": record.supplier]),
                                      requestID: request.requestID), now: now)
        try tx.emit(DomainEvents.receiptPosted(record), now: now)
        return record
    }

    public func receipt(id: String, by request: RequestContext) throws -> GoodsReceiptRecord {
        guard let record = try context.store.read({ try $0.goodsReceipt(id: id, scope: request.principal.scope) }) else {
            throw FlowError(.notFound, "There is no goods receipt \(id).")
        }
        return record
    }

    public func receipts(shipNotice: String?, after: String?, limit: Int, by request: RequestContext) throws -> Page<GoodsReceiptRecord> {
        try context.store.read { try $0.goodsReceipts(scope: request.principal.scope, shipNotice: shipNotice, after: after, limit: limit) }
    }
}
