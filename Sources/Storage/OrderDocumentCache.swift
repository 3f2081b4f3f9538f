import Foundation
import Procurement
import SQLite
import Synchronization

/// Decoded order revisions, keyed by their stored JSON text.
///
/// Reading an order means decoding its stored document, which costs far more than the query;
/// a planning run reads every order it revises, and suppliers read them again. The cache is
/// content-addressed: a hit needs the very text the database returned, so a value can never be
/// stale, whatever was rolled back or rewritten. It is bounded by the text it holds and simply
/// starts over when full.
final class OrderDocumentCache: Sendable {
    private struct State {
        var orders: [String: PurchaseOrder] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    let maxBytes: Int

    init(maxBytes: Int = 16 << 20) { self.maxBytes = maxBytes }

    /// The order stored as `document`, decoded once.
    func order(_ document: SQLValue) throws -> PurchaseOrder {
        guard let text = document.string else { return try SQLiteAccess.decode(PurchaseOrder.self, document) }
        if let hit = state.withLock({ $0.orders[text] }) { return hit }
        let order = try SQLiteAccess.decode(PurchaseOrder.self, document)
        remember(order, as: text)
        return order
    }

    /// Records what `text` decodes to, when it was just encoded from `order`.
    func remember(_ order: PurchaseOrder, as text: String) {
        let size = text.utf8.count
        guard size <= maxBytes / 16 else { return }
        state.withLock { state in
            if state.orders[text] != nil { return }
            if state.bytes + size > maxBytes {
                state.orders.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            state.orders[text] = order
            state.bytes += size
        }
    }
}
