import Foundation
import Procurement
import Storage

/// A supplier's scorecard, computed on request from its events (the log is the one source
/// every area writes to in the same transaction as its change).
public struct ScorecardFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    /// The event types the scorecard reads.
    static let types = ["po.released", "po.revised", "po.acknowledged", "po.cancelled", "receipt.posted", "invoice.submitted", "ncr.raised"]
        .map { DomainEvents.prefix + $0 }

    /// Buyers, admins and the ERP read any supplier's scorecard; a supplier only its own
    /// (another supplier's is not found).
    public func scorecard(supplier: String, from: LocalDate, to: LocalDate, by request: RequestContext) throws -> Scorecard {
        if case .supplier(let own) = request.principal.scope, own != supplier {
            throw FlowError(.notFound, "There is no supplier \(supplier).")
        }
        let since = Date(timeIntervalSince1970: Double(from.daysSinceEpoch) * 86_400)
        let events: [EventRecord] = try context.store.read { tx in
            guard try tx.supplier(id: supplier) != nil else { throw FlowError(.notFound, "There is no supplier \(supplier).") }
            return try tx.supplierEvents(supplier: supplier, types: Self.types, since: since)
        }
        return Scorecard.compute(from: from, to: to, facts: events.compactMap(Self.fact))
    }

    /// Reads what the scorecard needs from one event; nil for an event it cannot read.
    static func fact(_ event: EventRecord) -> ScorecardFact? {
        guard let data = try? JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any] else { return nil }
        switch event.type.dropFirst(DomainEvents.prefix.count) {
        case "po.released", "po.revised":
            guard let order = data["purchaseOrder"] as? String, let revision = data["revision"] as? Int else { return nil }
            return .released(purchaseOrder: order, revision: revision, at: event.time)
        case "po.acknowledged":
            guard let order = data["purchaseOrder"] as? String, let revision = data["revision"] as? Int else { return nil }
            return .acknowledged(purchaseOrder: order, revision: revision, at: event.time)
        case "po.cancelled":
            guard let order = data["purchaseOrder"] as? String, let revision = data["revision"] as? Int else { return nil }
            return .cancelled(purchaseOrder: order, revision: revision)
        case "receipt.posted":
            guard let dateText = data["receivedDate"] as? String, let received = LocalDate(iso: dateText),
                  let lines = data["lines"] as? [[String: Any]] else { return nil }
            let references = (data["shipNotice"] as? String).map { !$0.isEmpty } ?? false
            var parsed: [ScorecardFact.ReceiptLine] = []
            for line in lines {
                guard let dueText = line["dueDate"] as? String, let due = LocalDate(iso: dueText) else { return nil }
                parsed.append(.init(received: decimal(line["received"]) ?? 0, rejected: decimal(line["rejected"]) ?? 0, dueDate: due,
                                    shippedQuantity: decimal(line["shippedQuantity"])))
            }
            return .receipt(receivedDate: received, referencesShipNotice: references, lines: parsed)
        case "invoice.submitted":
            guard let match = data["firstPassMatch"] as? Bool else { return nil }
            return .invoiceSubmitted(firstPassMatch: match, at: event.time)
        case "ncr.raised":
            return .nonconformanceRaised(at: event.time)
        default:
            return nil
        }
    }

    /// A decimal written as a string ("12.5") or, leniently, as a JSON number.
    private static func decimal(_ value: Any?) -> Decimal? {
        switch value {
        case let text as String: DecimalText.parse(text)
        case let number as NSNumber: DecimalText.parse(number.stringValue)
        default: nil
        }
    }
}
