import Foundation
import Procurement
import Storage

/// Goods receipts the ERP posts: what arrived, accepted or turned away, against a ship notice or
/// order lines. Moves the ledger's received and rejected quantities, closes the notice to further
/// changes (`shipnotice.received`), and tells subscribers which delivery was due when
/// (`receipt.posted`). A held notice that is received is released and posted to the ERP first.
/// Goods received on a cancelled or never confirmed order line are recorded as they arrived,
/// and an `unexpectedReceipt` exception asks a buyer to look.
public struct GoodsReceiptFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    public struct Result: Sendable {
        public let record: GoodsReceiptRecord
        public let replayed: Bool
    }

    public func post(_ document: GoodsReceiptDocument, idempotencyKey: String, by request: RequestContext) throws -> Result {
        try request.require(.erp, to: "post goods receipts")
        try document.validate(today: LocalDate(utc: context.clock.now()))
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
        var unexpected: [(key: OrderLineKey, reason: Reason)] = []
        // Read once per order, before this receipt moves its ledger.
        var confirmedByOrder: [String: [ConfirmedLine]?] = [:]
        var progressByOrder: [String: [Int: LineProgress]] = [:]
        for number in Set(resolved.map(\.purchaseOrder)) {
            confirmedByOrder[number] = .some(try ConfirmedSchedule.lines(of: records[number]!, tx: tx))
            progressByOrder[number] = try tx.lineProgress(purchaseOrder: number)
        }
        for (i, line) in resolved.enumerated() {
            let record = records[line.purchaseOrder]!
            let orderLine = record.order.line(line.line)!
            let confirmed = confirmedByOrder[line.purchaseOrder]!
            let key = OrderLineKey(line.purchaseOrder, line.line)
            if !unexpected.contains(where: { $0.key == key }),
               let reason = GoodsReceiptDecider.unexpected(purchaseOrder: line.purchaseOrder, line: line.line, order: record.order,
                                                           status: record.status, confirmed: try confirmed ?? Self.earlierConfirmation(record, tx: tx)) {
                unexpected.append((key, reason))
            }
            if takenIn[key] == nil {
                let progress = progressByOrder[line.purchaseOrder]?[line.line] ?? .zero
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
        var exceptionEvents: [NewEvent] = []
        for (key, reason) in unexpected {
            let exception = ExceptionRecord(id: Identifiers.make("exc"), kind: ExceptionKinds.unexpectedReceipt, supplier: supplier,
                                            purchaseOrder: key.purchaseOrder,
                                            links: ["goodsReceipt": record.id, "line": String(key.line)], reasons: [reason],
                                            dedupeKey: "unexpectedReceipt:\(record.id):\(key.purchaseOrder):\(key.line)", createdAt: now)
            if try tx.insertException(exception) { exceptionEvents.append(DomainEvents.exception(exception, change: "opened")) }
        }
        var noticeEvents: [NewEvent] = []
        if let notice, notice.status != .received {
            var current = notice
            if notice.status == .held {
                // The ERP is taking in goods of a notice it was not posted (or not in this
                // version): the goods settle the question the hold asked, so the notice is
                // released and posted first, and the ERP has the delivery its receipt closes.
                noticeEvents += try ShipNoticeFlow.closeHold(notice, tx: tx, note: "The goods were received (\(record.id)).", now: now)
                noticeEvents += try ShipNoticeFlow.release(notice, tx: tx, actor: request.principal, requestID: request.requestID,
                                                           why: "goods received (\(record.id))", now: now)
                current = try tx.shipNotice(id: notice.id, scope: .all) ?? notice
            }
            let closed = current.with(status: .received, updatedAt: now)
            try tx.updateShipNotice(closed)
            noticeEvents.append(DomainEvents.shipNotice(closed, change: "received"))
        }
        try tx.appendAudit(AuditEvent(actor: request.principal, action: "goodsReceipt.posted", objectType: "goodsReceipt", objectID: record.id,
                                      detail: JSON.string(["shipNotice": record.shipNotice ?? "", "supplier": record.supplier]),
                                      requestID: request.requestID), now: now)
        for event in noticeEvents { try tx.emit(event, now: now) }
        try tx.emit(DomainEvents.receiptPosted(record), now: now)
        for event in exceptionEvents { try tx.emit(event, now: now) }
        return record
    }

    /// The lines the supplier confirmed in an earlier revision, for an order whose current
    /// revision is not confirmed (yet): goods shipped against that confirmation are expected.
    static func earlierConfirmation(_ record: OrderRecord, tx: any StoreReader) throws -> [ConfirmedLine]? {
        try tx.acknowledgements(purchaseOrder: record.order.number, scope: .all).last { $0.revision < record.order.revision }?.lines
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

extension ExceptionKinds {
    /// Goods were received on a cancelled or never confirmed order line: an alert for a buyer
    /// (the receipt stands; deciding it just closes it).
    static let unexpectedReceipt = "unexpectedReceipt"
}
